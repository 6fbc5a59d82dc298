"""Phrasings of session 36, checked in other words than the parts they were read on: "which is
better for us, X or Y" as a pick to advise on."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan

TODAY = date(2039, 3, 16)  # a Wednesday


@pytest.mark.parametrize(
    "question",
    [
        "which is better for us, tiktok or meta?",
        "whats best for me linkedin or google",
        "what's really better for us - bing or google",
        "which channel is best for us, meta or pinterest?",
    ],
)
def test_which_platform_is_better_for_us_asks_for_a_pick(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "recommendation"), plan["route_reason"]


def test_which_platform_did_better_on_a_figure_is_still_a_comparison() -> None:
    plan = _plan("which did better on cpa last month, tiktok or meta?", TODAY)
    assert (plan["route"], plan["group_by"]) == ("direct", ["platform"]), plan["route_reason"]
