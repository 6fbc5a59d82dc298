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


def test_roas_for_online_sales_says_which_sales_not_their_value() -> None:
    plan = _plan("ROAS TikTok vs Meta for online sales in April, side by side", TODAY)
    assert plan["metrics"] == ["roas"]


@pytest.mark.parametrize(
    ("question", "start", "end", "other_start", "other_end"),
    [
        ("Meta leads in the week starting Monday 3 May", "2027-05-03", "2027-05-09", None, None),
        (
            "bookings over the last 3 days vs the same three days the week before",
            "2027-05-17",
            "2027-05-19",
            "2027-05-10",
            "2027-05-12",
        ),
        (
            "clicks yesterday compared with the same weekday of the previous week",
            "2027-05-19",
            "2027-05-19",
            "2027-05-12",
            "2027-05-12",
        ),
        ("leads over the spring bank holiday weekend", "2026-05-23", "2026-05-25", None, None),
        (
            "March spend with February as the comparison",
            "2027-03-01",
            "2027-03-31",
            "2027-02-01",
            "2027-02-28",
        ),
        (
            "compare the CTR of the first half of April with the second half of March",
            "2027-04-01",
            "2027-04-15",
            "2027-03-16",
            "2027-03-31",
        ),
        (
            "spend across all platforms for the first quarter 2026",
            "2026-01-01",
            "2026-03-31",
            None,
            None,
        ),
        (
            "leads in March compared with March of the previous year",
            "2027-03-01",
            "2027-03-31",
            "2026-03-01",
            "2026-03-31",
        ),
    ],
)
def test_periods_written_out_in_full(
    question: str, start: str, end: str, other_start: str | None, other_end: str | None
) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range(start, end)
    assert plan["compare_to"] == (_range(other_start, other_end) if other_start else None)


def test_boxing_day_hamper_orders_were_made_on_boxing_day() -> None:
    plan = _plan("Boxing Day hamper orders were tiny, did something break?", date(2026, 12, 28))
    assert plan["date_range"] == _range("2026-12-26", "2026-12-26")


def test_a_request_ending_can_or_not_is_a_lookup() -> None:
    plan = _plan("Online sales by platform for April can or not?", TODAY)
    assert (plan["route"], plan["group_by"]) == ("direct", ["platform"])


@pytest.mark.parametrize(
    "question",
    [
        "April wrap-up for the client, with March for comparison. Leads, spend, CPL.",
        "Q1 wrap for client pls, all platforms, spend/conv/roas vs Q4",
    ],
)
def test_a_wrap_up_is_a_report(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "report")


def test_g_next_to_another_platform_is_google() -> None:
    assert _plan("cpc by platform april, g/fb/msft only", TODAY)["platforms"] == [
        "google_ads",
        "meta_ads",
        "microsoft_ads",
    ]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("installation figures per region for April", ["conversions"]),
        ("the survey-booking costs in April were well above March, why?", ["cpa"]),
    ],
)
def test_an_outcomes_figures_and_costs(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


def test_extrapolating_a_run_rate_is_a_forecast() -> None:
    plan = _plan(
        "extrapolate April leads to the end of the month from the run-rate", date(2027, 4, 12)
    )
    assert plan["route"] == "analysis"


def test_cost_per_site_is_spend_split_by_site() -> None:
    assert _plan("ad cost per site for April, Meta and Google separately", TODAY)["metrics"] == [
        "spend"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "a short memo on Q1 cost versus return, set against Q4",
        "which of the clinics is burning budget with the weakest return?",
    ],
)
def test_cost_set_against_its_return_asks_for_roas(question: str) -> None:
    assert "roas" in _plan(question, TODAY)["metrics"]


def test_a_months_budget_set_against_is_that_month() -> None:
    plan = _plan("how much did we overspend against the April budget, and why?", TODAY)
    assert plan["date_range"] == _range("2027-04-01", "2027-04-30")


def test_an_inline_items_number_is_no_day() -> None:
    plan = _plan("1) April leads by platform 2) April CPL by platform", TODAY)
    assert plan["date_range"] == _range("2027-04-01", "2027-04-30")


def test_a_coming_events_push_between_two_platforms_asks_where_it_goes() -> None:
    plan = _plan("xmas push — fb or tt?", date(2026, 12, 2))
    assert (plan["route"], plan["intent"]) == ("analysis", "recommendation")
    assert plan["date_range"] == _range("2026-11-25", "2026-12-01")


def test_fine_for_a_coming_holiday_reads_no_past_one() -> None:
    plan = _plan("meta cpa 18 quid, too high or fine for xmas?", date(2026, 12, 3))
    assert plan["date_range"] == _range("2026-11-26", "2026-12-02")


def test_the_summer_of_a_year() -> None:
    plan = _plan("how did TikTok do this summer compared to the summer of 2026?", date(2027, 9, 2))
    assert plan["compare_to"] == _range("2026-06-01", "2026-08-31")


def test_plans_sold_and_cost_per_plan() -> None:
    plan = _plan("plans sold and cost per plan on Google in April", TODAY)
    assert plan["metrics"] == ["conversions", "cpa"]


@pytest.mark.parametrize(
    "question",
    [
        "how many leads will we end the month on at this pace?",
        "are we going to blow the Google budget before the month's out?",
        "proj. eom spend @ current run rate, all plats",
    ],
)
def test_where_the_month_ends_up_is_this_months_forecast(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "forecast")
    assert plan["date_range"] == _range("2027-05-01", "2027-05-31")


def test_an_analysts_key_names_an_account() -> None:
    plan = _plan("metric=cpa platform=meta range=l7d account=Brightwell", TODAY)
    assert plan["filters"] == [{"field": "account", "value": "Brightwell"}]


def test_lowercase_words_before_a_capitalised_campaign_name_are_whose_it_is() -> None:
    plan = _plan("for the roofing Storm Season campaign on Meta, should we switch to Reels?", TODAY)
    assert plan["filters"] == [{"field": "campaign", "value": "Storm Season"}]


def test_plan_upgrades_are_conversions() -> None:
    assert _plan("annual plan upgrades by month since January", TODAY)["metrics"] == ["conversions"]


def test_two_names_each_separately_are_a_row_each() -> None:
    plan = _plan("valeting bookings for Bolton and Wigan each one separately for April", TODAY)
    assert plan["group_by"] == ["account"]


@pytest.mark.parametrize(
    "question",
    [
        "how much did we get back from the Facebook adverts for every pound we spent last month",
        "is that a good return for what we spent on Google this month?",
    ],
)
def test_money_back_for_money_spent_is_roas(question: str) -> None:
    assert "roas" in _plan(question, TODAY)["metrics"]


def test_a_period_brought_in_for_compare_is_compared() -> None:
    plan = _plan("April trial bookings per subject campaign, and also March for compare", TODAY)
    assert plan["date_range"] == _range("2027-04-01", "2027-04-30")
    assert plan["compare_to"] == _range("2027-03-01", "2027-03-31")
