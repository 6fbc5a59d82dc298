"""Phrasings of session 27, checked in other words than the parts they were read on: spend held
against a budget, two periods each with its figure, a promoter's events, a period set alongside,
a new year's wish, what one outcome costs, rankings by what drives the most, and the moment of
writing or of a meeting beside the period asked."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span as _range


@pytest.mark.parametrize(
    "question",
    [
        "are we about to blow through the Meta budget?",
        "did the Leeds store go over its £5k budget in February?",
        "will TikTok come in under budget this month?",
        "are we underspending on LinkedIn this quarter?",
        "on track to spend the whole Google budget by the 31st?",
    ],
)
def test_spend_held_against_a_budget_names_the_spend(question: str) -> None:
    assert "spend" in _plan(question, date(2027, 3, 18))["metrics"]


def test_a_budget_only_split_or_mentioned_names_no_spend() -> None:
    today = date(2027, 3, 18)
    split = _plan("what budget split would you suggest across Meta and Google?", today)
    assert "spend" not in split["metrics"]
    meeting = _plan("Google conversions last week, for the budget meeting", today)
    assert meeting["metrics"] == ["conversions"]


def test_two_periods_each_with_its_figure_ask_about_the_later_one() -> None:
    today = date(2027, 5, 20)
    plan = _plan("Meta CPA was £31 in March and it's £44 in April, what changed?", today)
    assert plan["date_range"] == _range("2027-04-01", "2027-04-30")
    assert plan["compare_to"] == _range("2027-03-01", "2027-03-31")
    # the later period named first, its earlier figure after it
    later_first = _plan("is a 2.9 ROAS on Google this week ok? last week it was 4", today)
    assert later_first["date_range"] == _range("2027-05-17", "2027-05-20")
    assert later_first["compare_to"] == _range("2027-05-10", "2027-05-16")
    # days said together with one figure stay one span
    weekend = _plan("we got 0 bookings on saturday and sunday, is tracking broken?", today)
    assert weekend["date_range"] == _range("2027-05-15", "2027-05-16")


@pytest.mark.parametrize(
    "question",
    [
        "top 5 events by tickets sold on TikTok last month",
        "tickets per gig, Meta only, September",
        "kindly share ticket revenue event wise for September",
    ],
)
def test_a_promoters_events_are_its_campaigns(question: str) -> None:
    plan = _plan(question, date(2027, 10, 12))
    assert plan["route"] == "direct"
    assert plan["group_by"] == ["campaign"]


@pytest.mark.parametrize(
    "question",
    [
        "November clicks and CTR on LinkedIn, with October alongside",
        "LinkedIn clicks of November, and the one of October, side by side",
    ],
)
def test_a_period_brought_in_with_alongside_is_set_beside_the_other(question: str) -> None:
    plan = _plan(question, date(2027, 12, 9))
    assert plan["date_range"] == _range("2027-11-01", "2027-11-30")
    assert plan["compare_to"] == _range("2027-10-01", "2027-10-31")


def test_a_new_years_wish_names_no_year() -> None:
    plan = _plan("morning all, happy 2028 🎉 what was our Meta spend last year?", date(2028, 1, 5))
    assert plan["date_range"] == _range("2027-01-01", "2027-12-31")


def test_what_one_outcome_costs_is_its_cpa_whatever_the_business_calls_it() -> None:
    today = date(2027, 10, 12)
    alone = _plan("cost per activation on Meta last month", today)
    assert (alone["route"], alone["metrics"]) == ("direct", ["cpa"])
    # the frame ends at a platform or a dash, not only at a preposition
    listed = _plan("card activations and cost per activation, goog fb side by side, Sept", today)
    assert listed["metrics"] == ["conversions", "cpa"]
    dashed = _plan("September - spend, activations, cost per activation - for the exec", today)
    assert dashed["metrics"] == ["conversions", "cpa", "spend"]


@pytest.mark.parametrize(
    ("question", "route", "intent"),
    [
        ("which campaign is driving the most leads this month", "direct", "ranking"),
        ("which platform is delivering the cheapest leads this month", "direct", "ranking"),
        ("which store is bringing in the most orders on Meta this month", "direct", "ranking"),
        ("Google CPC trend this year - what's been driving it up?", "analysis", None),
        ("which platform is actually driving our sign-ups?", "analysis", None),
    ],
)
def test_which_one_brings_in_the_most_is_a_ranking_and_what_drives_it_a_why(
    question: str, route: str, intent: str | None
) -> None:
    plan = _plan(question, date(2027, 7, 10))
    assert plan["route"] == route
    if intent is not None:
        assert plan["intent"] == intent


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("ngl the numbers look off this morning, any red flags on Meta from last week?",
         "2027-03-01", "2027-03-07"),
        ("sorry if I'm slow today, could you pull Meta clicks for last week?",
         "2027-03-01", "2027-03-07"),
        ("how many orders came from Meta last week? we're short-staffed today and need to plan",
         "2027-03-01", "2027-03-07"),
        # a period that runs up to today keeps it
        ("Google clicks from 1 March until today", "2027-03-01", "2027-03-10"),
    ],
)  # fmt: skip
def test_today_said_as_the_moment_of_writing_is_no_part_of_the_period(
    question: str, start: str, end: str
) -> None:
    assert _plan(question, date(2027, 3, 10))["date_range"] == _range(start, end)


@pytest.mark.parametrize(
    "question",
    [
        "For the board meeting on Friday, I need total Google spend in 2026",
        "the client asked me on Monday what they spent on Meta in 2026",
    ],
)
def test_a_weekday_of_a_meeting_or_of_the_ask_is_no_part_of_the_period(question: str) -> None:
    assert _plan(question, date(2027, 1, 27))["date_range"] == _range("2026-01-01", "2026-12-31")
