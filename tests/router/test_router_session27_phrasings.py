"""Phrasings of session 27, checked in other words than the parts they were read on: spend held
against a budget."""

from __future__ import annotations

from datetime import date

from router_support import plan_view as _plan


def test_spend_held_against_a_budget_names_the_spend() -> None:
    today = date(2027, 3, 18)
    for question in (
        "are we about to blow through the Meta budget?",
        "did the Leeds store go over its £5k budget in February?",
        "will TikTok come in under budget this month?",
        "are we underspending on LinkedIn this quarter?",
        "on track to spend the whole Google budget by the 31st?",
    ):
        assert "spend" in _plan(question, today)["metrics"], question
    # a budget's split names no figure of its own, nor does a budget that is only mentioned
    split = _plan("what budget split would you suggest across Meta and Google?", today)
    assert "spend" not in split["metrics"]
    meeting = _plan("Google conversions last week, for the budget meeting", today)
    assert meeting["metrics"] == ["conversions"]
