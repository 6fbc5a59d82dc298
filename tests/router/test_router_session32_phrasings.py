"""Phrasings of session 32, checked in other words than the parts they were read on: a care
group's homes are its accounts and an escape-room chain's rooms its campaigns; visits booked; a
half-year about to start as a plan's horizon; a month running behind another;
days compared "with those from" other days;
premises named in lower case; a season so far;
two platforms' figures "each";
a list of premises with their figures; the same week of another month;
"each of the <kind> <premises>"; budget shared out among premises;
a sum of money on a platform; a request
that brings in the month compared; a holiday weekend against last year's holiday;
"boxing day vs boxing day last year" in January; "bookin";
one row each for named accounts; figures up in one place but down in another;
a given name written with its accent; an account's
name with its platform after it; two places to choose between; when a coming holiday
falls, said as the scene."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span as _range

TODAY = date(2027, 7, 14)  # a Wednesday


@pytest.mark.parametrize(
    ("question", "group_by", "intent"),
    [
        ("enquiries by home last month", ["account"], "breakdown"),
        ("which of the homes had the most enquiries in June?", ["account"], "ranking"),
        ("spend per room on Meta last week", ["campaign"], "breakdown"),
        ("our best 2 rooms by bookings this month", ["campaign"], "ranking"),
    ],
)
def test_homes_split_by_account_and_rooms_by_campaign(
    question: str, group_by: list[str], intent: str
) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["group_by"], plan["intent"]) == ("direct", group_by, intent)


def test_a_home_survey_is_an_outcome_not_a_home_to_split_by() -> None:
    plan = _plan("home survey requests on Meta last month", TODAY)
    assert (plan["group_by"], plan["metrics"]) == ([], ["conversions"])


def test_a_home_page_is_no_home_to_split_by() -> None:
    assert _plan("clicks to the home page per day last week", TODAY)["group_by"] == ["date"]


@pytest.mark.parametrize(
    "question",
    ["visits booked on Meta last week", "how many booked visits did Google bring in June?"],
)
def test_visits_booked_are_the_count(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["metrics"]) == ("direct", ["conversions"])


def test_website_visits_alone_are_no_count() -> None:
    assert _plan("website visits on Google last week", TODAY)["metrics"] != ["conversions"]


@pytest.mark.parametrize(
    "question",
    [
        "Which studios did best in H1 so far, and what does that mean for budgets in H2?",
        "H1 closes today. Three bullets on leads and CPL, and what we do differently in H2.",
    ],
)
def test_a_half_year_about_to_start_is_the_plans_horizon_not_data(question: str) -> None:
    plan = _plan(question, date(2027, 6, 30))
    assert plan["date_range"] == _range("2027-01-01", "2027-06-30")


def test_a_half_year_six_weeks_off_is_still_the_one_just_past() -> None:
    plan = _plan("should we bid more on Meta? CTR fell in H1 vs H2 last year", date(2027, 11, 20))
    assert plan["date_range"] == _range("2027-01-01", "2027-06-30")
    assert plan["compare_to"] == _range("2026-07-01", "2026-12-31")


@pytest.mark.parametrize(
    "question",
    [
        "sign-ups this month are running behind June - anything broken?",
        "why is July lagging behind June on Meta leads?",
    ],
)
def test_a_month_behind_another_is_compared_with_it(question: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range("2027-07-01", "2027-07-14")
    assert plan["compare_to"] == _range("2027-06-01", "2027-06-30")


def test_a_month_behind_us_is_no_comparison() -> None:
    plan = _plan("Now that June is behind us, write up June's leads vs May for the client", TODAY)
    assert plan["date_range"] == _range("2027-06-01", "2027-06-30")
    assert plan["compare_to"] == _range("2027-05-01", "2027-05-31")


def test_days_compared_with_those_of_other_days_are_two_periods() -> None:
    question = (
        "compare the Meta lead numbers for the clinic from 1 to 10 June with those from 11 to 20"
        " June"
    )
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range("2027-06-01", "2027-06-10")
    assert plan["compare_to"] == _range("2027-06-11", "2027-06-20")


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("why did leads drop at the dunfermline site last week?", "dunfermline"),
        ("cpa at the north berwick clinic this month", "north berwick"),
    ],
)
def test_premises_named_in_lower_case_before_their_noun_are_accounts(
    question: str, name: str
) -> None:
    assert _plan(question, TODAY)["filters"] == [{"field": "account", "value": name}]


def test_a_kind_of_shop_in_lower_case_is_no_account() -> None:
    assert _plan("ROAS on the skincare shop last month", TODAY)["filters"] == []


def test_over_the_summer_so_far_is_this_summer_to_today() -> None:
    plan = _plan("how has Meta CPA moved over the summer so far?", TODAY)
    assert plan["date_range"] == _range("2027-06-01", "2027-07-14")


def test_two_platforms_each_asked_for_a_figure_are_split() -> None:
    plan = _plan("how many leads did Google and LinkedIn each bring in June?", TODAY)
    assert (plan["intent"], plan["group_by"]) == ("breakdown", ["platform"])


def test_a_list_of_premises_with_their_figures_is_a_row_each() -> None:
    plan = _plan("send me a list of the salons with leads and CPA for June", TODAY)
    assert (plan["route"], plan["intent"], plan["group_by"]) == ("direct", "breakdown", ["account"])


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("leads in the second week of June vs the same week in May", ("2027-05-08", "2027-05-14")),
        (
            "CPA in the last week of June against the same week in May",
            ("2027-05-25", "2027-05-31"),
        ),
        (
            "leads in the second week of July vs the same week last month",
            ("2027-06-08", "2027-06-14"),
        ),
    ],
)
def test_the_same_week_of_another_month_is_that_months_week(
    question: str, other: tuple[str, str]
) -> None:
    assert _plan(question, TODAY)["compare_to"] == _range(*other)


def test_each_of_the_premises_of_a_kind_is_a_row_each() -> None:
    plan = _plan("what did each of the dental practices spend on Meta in June?", TODAY)
    assert plan["group_by"] == ["account"]


@pytest.mark.parametrize(
    "question",
    [
        "how should we divide next month's Meta budget across the three gyms?",
        "should we move money between the salons?",
    ],
)
def test_budget_shared_out_among_premises_reads_each(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["group_by"]) == ("analysis", ["account"])


def test_an_open_scan_across_premises_asks_no_row_each() -> None:
    assert _plan("anything odd across the gyms this week?", TODAY)["group_by"] == []


@pytest.mark.parametrize(
    "question",
    [
        "is $6k a month on LinkedIn too much for a firm our size?",
        "€950 on Meta in June - does that look right to you?",
    ],
)
def test_a_sum_put_on_a_platform_is_its_spend(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["spend"]


def test_a_sum_to_be_moved_between_platforms_is_no_spend_asked() -> None:
    assert _plan("what if we moved $2k from Meta to TikTok next month?", TODAY)["metrics"] == []


def test_a_request_bringing_the_compared_month_alongside_keeps_the_month_asked() -> None:
    plan = _plan("June close - leads and CPL by platform, with May alongside.", TODAY)
    assert plan["date_range"] == _range("2027-06-01", "2027-06-30")
    assert plan["compare_to"] == _range("2027-05-01", "2027-05-31")


def test_a_holiday_weekend_against_last_years_holiday_is_last_years_weekend() -> None:
    plan = _plan("Easter weekend orders vs last year's Easter?", date(2027, 3, 30))
    assert plan["date_range"] == _range("2027-03-26", "2027-03-29")
    assert plan["compare_to"] == _range("2026-04-03", "2026-04-06")


def test_a_day_against_itself_last_year_asked_the_next_january_is_a_year_earlier() -> None:
    plan = _plan("sales on boxing day vs boxing day last year?", date(2028, 1, 4))
    assert plan["date_range"] == _range("2027-12-26", "2027-12-26")
    assert plan["compare_to"] == _range("2026-12-26", "2026-12-26")


def test_bookings_with_the_g_dropped_are_still_bookings() -> None:
    plan = _plan("is tiktok or meta cheaper per bookin this week", TODAY)
    assert (plan["route"], plan["metrics"]) == ("direct", ["cpa"])


@pytest.mark.parametrize(
    "question",
    [
        "leads for the Leeds and York studios in June, one row each",
        "June spend for all three clients, one line each please",
    ],
)
def test_one_row_each_for_named_accounts_is_a_row_per_account(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == ["account"]


def test_up_in_one_place_but_down_in_another_reads_each_place() -> None:
    plan = _plan("why are leads up in Crawley but down in Harlow this month?", TODAY)
    assert plan["group_by"] == ["account"]


def test_a_given_name_written_with_its_accent_is_a_person_not_an_account() -> None:
    assert _plan("wrap-up email for José please - leads vs last month", TODAY)["filters"] == []


def test_the_platform_after_an_accounts_name_is_its_platform_not_its_name() -> None:
    plan = _plan("anything odd in the Ballymena Meta account this week?", TODAY)
    assert plan["filters"] == [{"field": "account", "value": "Ballymena"}]
    assert plan["platforms"] == ["meta_ads"]


def test_two_places_to_choose_between_are_an_account_each() -> None:
    plan = _plan("Camden or Islington, which studio gets the extra Meta money?", TODAY)
    assert plan["filters"] == [
        {"field": "account", "value": "Camden"},
        {"field": "account", "value": "Islington"},
    ]


def test_when_a_coming_holiday_falls_is_the_scene_not_the_period() -> None:
    plan = _plan("Mother's Day is Sunday! Meta same-day orders this week so far?", date(2027, 5, 6))
    assert plan["date_range"] == _range("2027-05-03", "2027-05-06")


def test_advice_before_a_coming_holiday_reads_the_recent_days() -> None:
    plan = _plan("Mothering Sunday is this Sunday - should we push Meta harder?", date(2027, 3, 1))
    assert plan["date_range"] == _range("2027-02-22", "2027-02-28")


def test_mothering_sunday_is_three_weeks_before_easter() -> None:
    plan = _plan("orders on mothering sunday", date(2027, 3, 20))
    assert plan["date_range"] == _range("2027-03-07", "2027-03-07")
