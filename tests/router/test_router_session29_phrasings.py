"""Phrasings of session 29, checked in other words than the parts they were read on: a week of
the month named by its ordinal on the other side of a comparison ("vs the 1st week", "between
the first and the second week of May"); a business's rentals, race entries, policies and class
packs are its conversions, and words near them ("garden centres", "the shop", "dental") stay
themselves; "today and yesterday"; "this weekend vs last"; a spoken span ("from the first of
May to the twelfth versus …"); what a platform invoiced or billed; "studio wise"; a slide asked
for; how a trend is going; an agenda item "raised by" someone; a sales kickoff; a weekly agenda
and weekly call leads; a named territory; numbers needed "for a story"; a priced outcome
before the sign-off."""

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


def test_today_and_yesterday_are_one_span_of_both_days() -> None:
    plan = _plan("Meta purchases today and yesterday look off, tracking ok?", TODAY)
    assert plan["date_range"] == _range("2027-05-19", "2027-05-20")


def test_this_weekend_against_last_is_the_weekend_before() -> None:
    plan = _plan("Google leads this weekend vs last", date(2027, 5, 23))
    assert plan["date_range"] == _range("2027-05-22", "2027-05-23")
    assert plan["compare_to"] == _range("2027-05-15", "2027-05-16")


def test_a_spoken_span_ends_on_its_ordinal_whatever_follows() -> None:
    plan = _plan(
        "spend on meta from the first of may to the twelfth versus the same days in april", TODAY
    )
    assert plan["date_range"] == _range("2027-05-01", "2027-05-12")
    assert plan["compare_to"] == _range("2027-04-01", "2027-04-12")


@pytest.mark.parametrize(
    "question",
    [
        "our invoices from LinkedIn for Q1, per month",
        "the amounts billed by Microsoft Ads in April",
        "Google and Meta invoiced amounts for March and April",
        "we have been invoiced 9,200 by TikTok for April, is that in line with March?",
    ],
)
def test_what_a_platform_invoiced_or_billed_is_spend(question: str) -> None:
    assert "spend" in _plan(question, TODAY)["metrics"]


def test_the_process_for_getting_invoices_asks_no_amount() -> None:
    assert (
        _plan("what is the process for getting GST invoices from Google?", TODAY)["metrics"] == []
    )


def test_class_packs_are_conversions_and_studio_wise_is_by_account() -> None:
    plan = _plan("Kindly share class packs sold studio wise for Meta for April", TODAY)
    assert plan["metrics"] == ["conversions"]
    assert plan["group_by"] == ["account"]


def test_a_slide_asked_for_is_a_report() -> None:
    plan = _plan("Need a slide on Q1 vs Q1 last year. Leads, CPA per platform.", TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "report")


@pytest.mark.parametrize(
    "question",
    [
        "how's TikTok trending for orders since Easter?",
        "how's the meta lead trend looking this month?",
    ],
)
def test_how_a_trend_is_going_asks_for_a_reading(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "trend")


def test_an_item_raised_by_a_person_raises_no_money() -> None:
    plan = _plan("Agenda 4. Spend on Meta this month vs last (raised by Karen)", TODAY)
    assert plan["metrics"] == ["spend"]


def test_a_sales_kickoff_is_an_event_not_revenue() -> None:
    plan = _plan("numbers for the sales kickoff: Google leads in April", TODAY)
    assert plan["metrics"] == ["conversions"]


def test_a_weekly_agenda_is_no_grain_but_weekly_call_leads_are() -> None:
    assert _plan("Weekly agenda: spend by platform yesterday", TODAY)["group_by"] == ["platform"]
    plan = _plan("weekly call leads per territory since April 1st", TODAY)
    assert plan["group_by"] == ["account", "week"]


def test_a_named_territory_is_an_account() -> None:
    plan = _plan("why did leads in the Fife territory fall last week?", TODAY)
    assert plan["filters"] == [{"field": "account", "value": "Fife"}]


def test_numbers_needed_for_a_story_are_still_a_lookup() -> None:
    plan = _plan("how many leads did Leeds get over the Easter weekend? need it for a story", TODAY)
    assert plan["route"] == "direct"


def test_a_priced_outcome_ends_before_the_sign_off() -> None:
    plan = _plan("Meta cost per seller sign-up for April\n\nThanks & Regards", TODAY)
    assert plan["metrics"] == ["cpa"]


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("meta cpa lw pls", "2027-05-10", "2027-05-16"),
        ("google leads lq by platform", "2027-01-01", "2027-03-31"),
        ("spend for the quarter just ended", "2027-01-01", "2027-03-31"),
        ("leads in the month that just ended", "2027-04-01", "2027-04-30"),
    ],
)
def test_shorthand_and_spelled_out_past_periods(question: str, start: str, end: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["route"] == "direct"
    assert plan["date_range"] == _range(start, end)


def test_the_first_half_year_is_h1() -> None:
    plan = _plan("draft a note on leads in the first half-year by branch", date(2027, 8, 3))
    assert plan["date_range"] == _range("2027-01-01", "2027-06-30")


@pytest.mark.parametrize(
    "question",
    [
        "leads dried up this week, is it google or is it meta?",
        "why is CTR on LinkedIn half of Google's?",
    ],
)
def test_two_platforms_set_against_each_other_are_a_row_each(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == ["platform"]


def test_one_account_getting_twice_anothers_outcomes_is_a_row_each() -> None:
    plan = _plan("why is Harbourside getting twice the bookings of Millbrook House on Meta?", TODAY)
    assert plan["group_by"] == ["account"]


def test_a_price_in_euro_words_is_a_cpa() -> None:
    assert _plan("is sixty euro a survey request too much on meta?", TODAY)["metrics"] == ["cpa"]


def test_studio_wise_after_an_outcome_names_no_account() -> None:
    plan = _plan("Kindly share the CPA for class packs studio wise for Meta for QTD", TODAY)
    assert plan["filters"] == []
    assert plan["group_by"] == ["account"]
