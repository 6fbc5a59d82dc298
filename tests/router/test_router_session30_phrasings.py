"""Phrasings of session 30, checked in other words than the parts they were read on: Yorkshire's
"t'" before a space; a driving school's towns are its accounts; wishlist adds and trial days
are conversions; money paid to a platform is its spend; what each outcome is costing; a
comparison period said first ("compared with last month, …"); how long a state has lasted
("flat for 3 weeks"); which of two causes; a deck named at the end; a weekly checklist; weekdays
placed in the week after them; places listed, set against each other or chosen among; a day
to send something on; a day and month written with one dot."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span as _range

from services.router.tokens import normalize

TODAY = date(2027, 5, 20)  # a Thursday


def test_t_apostrophe_before_a_space_is_the() -> None:
    assert " since the 3rd " in normalize("Leads off Google since t' 3rd?").text
    plan = _plan("Leads off Google since t' 3rd?", TODAY)
    assert plan["date_range"] == _range("2027-05-03", "2027-05-20")


@pytest.mark.parametrize(
    "question",
    ["cost per booking by town for April", "which towns brought in the most leads last month?"],
)
def test_towns_are_accounts(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == ["account"]


@pytest.mark.parametrize(
    "question", ["wishlist adds by platform last week", "trial days booked on Meta in April"]
)
def test_wishlist_adds_and_trial_days_are_conversions(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["conversions"]


@pytest.mark.parametrize(
    "question",
    ["what did we pay TikTok in April?", "roughly £4k was paid to LinkedIn in March, right?"],
)
def test_money_paid_to_a_platform_is_its_spend(question: str) -> None:
    assert "spend" in _plan(question, TODAY)["metrics"]


def test_paid_media_on_a_platform_is_no_spend() -> None:
    assert _plan("clicks on our paid Meta campaigns last week", TODAY)["metrics"] == ["clicks"]


def test_what_each_outcome_is_costing_is_cpa() -> None:
    plan = _plan("what is every demo request costing us on LinkedIn this quarter?", TODAY)
    assert plan["metrics"] == ["cpa"]


def test_a_comparison_period_said_first_is_the_one_compared_with() -> None:
    plan = _plan("Compared with last month, how are Google clicks doing this month?", TODAY)
    assert plan["date_range"] == _range("2027-05-01", "2027-05-20")
    assert plan["compare_to"] == _range("2027-04-01", "2027-04-30")


def test_compare_two_periods_still_asks_about_the_first() -> None:
    plan = _plan("compare March and April Meta spend", TODAY)
    assert plan["date_range"] == _range("2027-03-01", "2027-03-31")


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("ROAS on Meta flat for two weeks despite more budget. Why?", "2027-05-06"),
        ("no sign-ups from TikTok for 4 days - is the pixel broken?", "2027-05-16"),
    ],
)
def test_how_long_a_state_has_lasted_is_the_last_days(question: str, start: str) -> None:
    assert _plan(question, TODAY)["date_range"] == _range(start, "2027-05-19")


def test_a_drop_to_zero_inside_a_named_week_keeps_the_week() -> None:
    plan = _plan("Any idea what broke last week? Leads went to zero for two days.", TODAY)
    assert plan["date_range"] == _range("2027-05-10", "2027-05-16")


def test_which_of_two_causes_is_an_open_question() -> None:
    plan = _plan("Meta sign-ups down 20% on last month. Is it the weather or our ads?", TODAY)
    assert plan["route"] == "analysis"
    assert plan["intent"] == "diagnosis"


def test_a_deck_named_at_the_end_is_where_the_numbers_go() -> None:
    plan = _plan("Spend and clicks by platform, last month. Client deck.", TODAY)
    assert plan["route"] == "direct"


def test_a_weekly_checklist_is_no_weekly_grain() -> None:
    plan = _plan("Weekly checks:\n- Meta spend last week\n- Meta CPC last week", TODAY)
    assert plan["group_by"] == []


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("Google clicks on Wednesday last week?", "2027-05-12", "2027-05-12"),
        ("Meta leads Monday to Wednesday this week", "2027-05-17", "2027-05-19"),
        ("conversions Friday through Sunday last week", "2027-05-14", "2027-05-16"),
    ],
)
def test_weekdays_before_a_week_are_days_of_that_week(question: str, start: str, end: str) -> None:
    assert _plan(question, TODAY)["date_range"] == _range(start, end)


def test_places_listed_after_a_greeting_are_accounts() -> None:
    plan = _plan("Morning – Thornbury and Kettlewick spend on Meta, last month.", TODAY)
    assert plan["filters"] == [
        {"field": "account", "value": "Kettlewick"},
        {"field": "account", "value": "Thornbury"},
    ]


def test_a_place_set_against_another_is_an_account_too() -> None:
    plan = _plan("Why are leads cheaper in Otjiwarongo than Windhoek on Google?", TODAY)
    assert {"field": "account", "value": "Otjiwarongo"} in plan["filters"]


def test_places_chosen_among_are_accounts() -> None:
    plan = _plan("Between Ikorodu, Surulere and Yaba, which store should get more budget?", TODAY)
    assert [f["value"] for f in plan["filters"]] == ["Ikorodu", "Surulere", "Yaba"]


def test_a_day_to_send_the_recap_on_is_no_period_compared() -> None:
    question = "Write an April recap - leads, Google vs Meta - that I can send over on Monday?"
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range("2027-04-01", "2027-04-30")
    assert plan["compare_to"] == _range("2027-03-01", "2027-03-31")


def test_day_dot_month_dates_after_a_date_word_are_dates() -> None:
    plan = _plan("Google clicks 12.05 were double than 05.05 - bots?", TODAY)
    assert plan["date_range"] == _range("2027-05-12", "2027-05-12")
    assert plan["compare_to"] == _range("2027-05-05", "2027-05-05")


def test_prices_with_a_dot_stay_prices() -> None:
    plan = _plan("CPC went from 0.48 to 0.81 on Meta last week", TODAY)
    assert plan["date_range"] == _range("2027-05-10", "2027-05-16")


def test_a_change_given_after_a_month_is_no_day_of_it() -> None:
    plan = _plan("- meta cpc: Apr vs Mar +25%\n- why? audience or creative?", TODAY)
    assert plan["compare_to"] == _range("2027-03-01", "2027-03-31")


@pytest.mark.parametrize("question", ["meta bkgs by platform l7d", "trial kits sold on TikTok"])
def test_bookings_in_short_and_trial_kits_are_conversions(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["conversions"]


def test_a_request_pointing_back_keeps_the_one_before() -> None:
    question = (
        "OK so the owner wants a one-pager on May so far vs April for leads by region. Can you"
        " put that together for Friday?"
    )
    plan = _plan(question, TODAY)
    assert plan["route"] == "analysis"
    assert plan["date_range"] == _range("2027-05-01", "2027-05-20")
    assert plan["compare_to"] == _range("2027-04-01", "2027-04-30")


def test_too_much_on_a_platform_is_its_spend() -> None:
    assert _plan("too much on meta?", TODAY)["metrics"] == ["spend"]


def test_a_price_too_much_on_a_platform_stays_a_price() -> None:
    assert _plan("is £3 a click too much on LinkedIn?", TODAY)["metrics"] == ["cpc"]


def test_christmas_to_new_year_ends_on_new_years_day() -> None:
    plan = _plan("Meta orders between Christmas and New Year?", date(2027, 1, 10))
    assert plan["date_range"] == _range("2026-12-25", "2027-01-01")


def test_two_days_said_together_shift_a_year_together() -> None:
    plan = _plan("NYE + NYD vs the same days last year, Meta revenue?", date(2027, 1, 3))
    assert plan["date_range"] == _range("2026-12-31", "2027-01-01")
    assert plan["compare_to"] == _range("2025-12-31", "2026-01-01")


def test_where_we_will_finish_the_quarter_is_a_forecast() -> None:
    plan = _plan(
        "Hi, Dave would like to know roughly how many demos we'll finish the month on.", TODAY
    )
    assert plan["route"] == "analysis"
    assert plan["intent"] == "forecast"
    assert plan["date_range"] == _range("2027-05-01", "2027-05-31")


def test_since_a_versioned_event_on_a_day_runs_from_that_day() -> None:
    plan = _plan("how's google cpa been moving since iOS 17.2 went live on the 4th?", TODAY)
    assert plan["date_range"] == _range("2027-05-04", "2027-05-20")


def test_a_platform_at_twice_another_is_a_row_each() -> None:
    plan = _plan("bing cpa is 2x meta's this month, what would you change?", TODAY)
    assert plan["group_by"] == ["platform"]


def test_quote_starts_are_conversions() -> None:
    assert _plan("quote starts by platform last week", TODAY)["metrics"] == ["conversions"]


def test_figures_pasted_in_quotes_are_no_campaign() -> None:
    question = "the dashboard says 'Leads 41 (+9% vs previous period)' for May. is this right?"
    assert _plan(question, TODAY)["filters"] == []


def test_a_quoted_campaign_with_its_year_stays_a_campaign() -> None:
    plan = _plan("clicks for 'Spring Open Day 2027' on Meta last week", TODAY)
    assert plan["filters"] == [{"field": "campaign", "value": "Spring Open Day 2027"}]


@pytest.mark.parametrize(
    "question",
    [
        "Meta CPC last 7 days vs the previous 7 - on the high side?",
        "leads and spend on google this wk vs last wk - decent?",
        "impressions on tiktok came to 1.4m last week. did we get good value there?",
    ],
)
def test_a_verdict_asked_in_a_few_words_is_an_open_question(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


def test_a_weekly_performance_update_is_a_report() -> None:
    plan = _plan("please send the weekly performance update for last week, Google and Meta", TODAY)
    assert plan["intent"] == "report"


@pytest.mark.parametrize(
    "question",
    ["which depots had the most reservations last month?", "bookings per trip for April"],
)
def test_depots_and_trips_are_rows(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] in (["account"], ["campaign"])


def test_a_club_sign_up_is_no_club() -> None:
    assert _plan("Cost per club sign-up on Meta: up or down?", TODAY)["group_by"] == []


def test_twice_as_many_as_another_place_is_a_row_each() -> None:
    question = "why did the Clifton practice get twice as many bookings as Harborne in April?"
    assert _plan(question, TODAY)["group_by"] == ["account"]


def test_a_platform_charge_is_its_spend() -> None:
    assert "spend" in _plan("the LinkedIn charge for last week looks odd - why?", TODAY)["metrics"]


def test_a_word_before_campaign_wise_is_no_campaign() -> None:
    plan = _plan("Need campaign wise spends on Google for last week", TODAY)
    assert plan["filters"] == []
    assert plan["group_by"] == ["campaign"]
