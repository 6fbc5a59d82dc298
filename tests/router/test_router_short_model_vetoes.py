"""The arbiter may take a short message the rules sent to analysis for a lookup; a word the
rules left that passes a verdict on a figure, names others' figures or counts what goes wrong
after an ad keeps it open, however sure the route model and the arbiter are (the model has
seldom seen such words, so it reads only the lookup around them)."""

from __future__ import annotations

import pytest
from router_support import SUNDAY, assert_lookup

from libs.common.vocab import Route
from services.router import build_plan
from services.router.route_arbiter import LOOKUP_FROM


@pytest.mark.parametrize(
    "question",
    [
        "dreadful cost per lead on Google last month",  # a verdict on the figure
        "shocking CPC on LinkedIn this month so far",
        "CTR vs our rivals on Meta last week",  # others' figures, in no account of ours
        "how many refunds did we get from the ads last week",  # no platform counts them
    ],
)
def test_a_verdict_others_figures_or_a_refund_keep_a_short_question_open(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    # the model alone would have taken it for a lookup: the veto is what keeps it open
    assert not plan.route_reason.rule.startswith("arbiter:")
    assert plan.route_reason.lookup_probability is not None
    assert plan.route_reason.lookup_probability >= LOOKUP_FROM


def test_a_name_the_rules_do_not_know_is_still_a_lookup_when_the_model_is_sure() -> None:
    assert_lookup("kennel stay bookings on Meta last month please", {"metrics": ["conversions"]})
