"""What a would-be lookup becomes when it does not explain itself: words left unexplained make
it an open question for a model; naming nothing to fetch makes it off-topic."""

from __future__ import annotations

import re

from libs.common.vocab import Intent, Route, Tier
from services.router.intents import Decision

_OPEN_INTENT = {
    Intent.TREND: Intent.TREND,
    Intent.LOOKUP: Intent.DIAGNOSIS,
    Intent.COMPARISON: Intent.DIAGNOSIS,
    Intent.BREAKDOWN: Intent.DIAGNOSIS,
    Intent.RANKING: Intent.DIAGNOSIS,
}


OPEN_RULE = "route:open"


def open_question(direct: Decision) -> Decision:
    """A would-be lookup with words no extractor explained: an open question for a model (a
    trend question stays a trend; any other is a diagnosis of what it asks about)."""
    intent = _OPEN_INTENT.get(direct.intent, Intent.DIAGNOSIS)
    return Decision(intent, Route.ANALYSIS, Tier.MEDIUM, OPEN_RULE)


_HOW_IT_GOES = re.compile(
    r" (?:working|works|work|going|doing|performing|performance|profitable|results|progress) "
)


def asks_how_things_go(text: str) -> bool:
    """ "how are things going?", "is it working?": about the ads even when nothing is named."""
    return bool(_HOW_IT_GOES.search(text))


def nothing_to_look_up() -> Decision:
    """A would-be lookup that names no metric, platform, name, grouping or period ("tell me
    something funny about marketing"): there is nothing to fetch, so it is off-topic."""
    return Decision(Intent.OTHER, Route.ANALYSIS, Tier.SMALL, "intent:nothing_named")
