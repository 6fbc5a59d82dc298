"""Phrasings of session 29, checked in other words than the parts they were read on: a week of
the month named by its ordinal on the other side of a comparison ("vs the 1st week", "between
the first and the second week of May"); a business's rentals, race entries and policies are
its conversions, and words near them ("garden centres", "the shop", "dental") stay themselves."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span as _range

TODAY = date(2027, 5, 20)


def test_the_first_week_after_vs_is_that_week_not_the_first() -> None:
    plan = _plan("leads for the 2nd week of May vs the 1st week, google", TODAY)
    assert plan["date_range"] == _range("2027-05-08", "2027-05-14")
    assert plan["compare_to"] == _range("2027-05-01", "2027-05-07")


def test_the_first_before_and_the_second_week_is_a_week_too() -> None:
    plan = _plan("why did CPC climb between the first and the second week of May?", TODAY)
    assert plan["date_range"] == _range("2027-05-08", "2027-05-14")
    assert plan["compare_to"] == _range("2027-05-01", "2027-05-07")


@pytest.mark.parametrize(
    "question",
    [
        "van rentals by platform for April",
        "how many entries did the half marathon get on Meta last week?",
        "policies by week on Google since March",
    ],
)
def test_rentals_entries_and_policies_are_conversions(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["conversions"]


@pytest.mark.parametrize(
    "question",
    [
        "Google CPC for the garden centres last week",
        "spend by shop last month",
        "Meta clicks for Bright Dental in April",
    ],
)
def test_words_near_the_new_outcomes_stay_themselves(question: str) -> None:
    assert "conversions" not in _plan(question, TODAY)["metrics"]
