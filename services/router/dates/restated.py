"""A season said again in months right after it is those months (see `restated`)."""

from __future__ import annotations

import re

from services.router.dates import periods as p
from services.router.dates.mentions import Mention

_JOINING = re.compile(r" (?:(?:-|to|through|thru|until|till|and) )?")


def restated(text: str, mentions: list[Mention]) -> list[Mention]:
    """A season said again in months right after it ("this summer (june–august)", "last winter
    (Nov–Jan)", "over the summer holidays, 21st July to 31st August") is those months: one
    period, in the asker's own bounds."""
    for i, season in enumerate(mentions[:-1]):
        if season.rule != "season" or len(text[season.end : mentions[i + 1].start].split()) > 2:
            continue
        j = i + 1  # the months may be named apart ("june august"): together, one span
        while j + 1 < len(mentions) and _JOINING.fullmatch(
            text, mentions[j].end, mentions[j + 1].start
        ):
            j += 1
        named = mentions[i + 1 : j + 1]
        rng = p.span(min(m.rng.start for m in named), max(m.rng.end for m in named))
        months = Mention(season.start, named[-1].end, rng, "season_in_months", None)
        return [*mentions[:i], months, *mentions[j + 1 :]]
    return mentions
