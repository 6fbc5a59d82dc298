"""Phrasings of session 36, checked in other words than the parts they were read on:
- "which is better for us, X or Y" as a pick to advise on;
- the cost of an outcome a session, visit, video or email says the kind of ("cost per info
  session sign-up") as its CPA;
- "a comparison of February and January" as February against January;
- "this may" as the month unless a verb follows;
- "lower than the same period last month" alone as this month so far against as many days of
  the last, and "down on March last year" alone as this March against that one;
- an event "coming up" beside advice as the scene, not a period to read;
- two platforms or branches "one next to the other" as a row each;
- "what did Google cost us per lead" as the CPA alone;
- "the cheapest studio for sign-ups" as a ranking of the studios by CPA;
- "four pound a booking" as a CPA;
- "for the year-end accounts" as where the figure goes, no period;
- "for the client's monthly" as where the figures go, no grain;
- "Expected leads for May?" as a forecast of the coming May;
- "the difference in CTR between TikTok and Meta" as a row each;
- "flat for 3 wks now" as the last three weeks;
- "a cost of £62 per fitted job", "the cost per sign-up of about £40" as the CPA;
- "the better return", "our blended return", "TikTok's return is …" as ROAS, and "the next £10k"
  as money to place;
- "too much going into LinkedIn?", "is Bing eating too much of the budget?" as the spend judged;
- two months "beside each other" as the first against the second, and two platforms so as a row
  each.
"""

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


@pytest.mark.parametrize(
    "question",
    [
        "cost per taster session booking on meta in february",
        "cost per discovery session sign-up on google in q1",
        "what was the cost per campus visit registration on google last week?",
        "cost per video consultation request on tiktok, q4",
        "we spent 3k on linkedin in feb, what was the cost per webinar sign-up there?",
    ],
)
def test_the_cost_of_an_outcome_named_by_its_kind_is_its_cpa(question: str) -> None:
    assert "cpa" in _plan(question, TODAY)["metrics"]


def test_the_cost_of_a_session_alone_is_no_cpa() -> None:
    assert "cpa" not in _plan("cost per session on google last month", TODAY)["metrics"]


def test_a_comparison_of_two_months_asks_about_the_first_against_the_second() -> None:
    plan = _plan("could you do me a comparison of february and january, leads by platform?", TODAY)
    assert (plan["date_range"], plan["compare_to"]) == (
        {"start": "2039-02-01", "end": "2039-02-28"},
        {"start": "2039-01-01", "end": "2039-01-31"},
    )


def test_a_comparison_of_one_period_compares_nothing() -> None:
    plan = _plan("a comparison of last month by platform, spend and leads", TODAY)
    assert (plan["date_range"], plan["compare_to"]) == (
        {"start": "2039-02-01", "end": "2039-02-28"},
        None,
    )


MAY_DAY = date(2039, 5, 20)


def test_this_may_set_against_last_may_is_the_month_so_far() -> None:
    plan = _plan("leads this may are miles behind last may, what happened", MAY_DAY)
    assert plan["date_range"] == {"start": "2039-05-01", "end": "2039-05-20"}


@pytest.mark.parametrize(
    "question",
    ["this may be a blip but meta cpa looks high", "that may explain the dip in leads on google"],
)
def test_this_may_before_a_verb_names_no_month(question: str) -> None:
    assert _plan(question, MAY_DAY)["date_range"]["start"] != "2039-05-01"


def _periods(question: str, today: date) -> tuple[object, object]:
    plan = _plan(question, today)
    return plan["date_range"], plan["compare_to"]


def test_the_same_period_last_month_alone_sets_this_month_so_far_against_it() -> None:
    assert _periods("meta leads are 20% down on the same period last month, why?", TODAY) == (
        {"start": "2039-03-01", "end": "2039-03-16"},
        {"start": "2039-02-01", "end": "2039-02-16"},
    )


def test_the_same_period_last_month_after_a_period_shifts_that_period() -> None:
    assert _periods("leads last week vs the same period last month", TODAY) == (
        {"start": "2039-03-07", "end": "2039-03-13"},
        {"start": "2039-02-07", "end": "2039-02-13"},
    )


def test_a_month_of_last_year_alone_is_set_against_this_years_so_far() -> None:
    assert _periods("google enquiries down on march last year - market or us?", TODAY) == (
        {"start": "2039-03-01", "end": "2039-03-16"},
        {"start": "2038-03-01", "end": "2038-03-31"},
    )


def test_a_month_of_last_year_not_yet_come_this_year_is_set_against_the_week() -> None:
    assert _periods("leads vs november last year", TODAY)[0] == {
        "start": "2039-03-09",
        "end": "2039-03-15",
    }


APRIL_DAY = date(2039, 4, 28)  # a Thursday; the early May bank holiday is Monday 2 May
LAST_7_DAYS = {"start": "2039-04-21", "end": "2039-04-27"}


@pytest.mark.parametrize(
    "question",
    [
        "long weekend coming up, should we push more into tiktok for the cafes?",
        "the may bank holiday is coming up - bump the google budget that weekend or leave it?",
        "With Mother's Day approaching on the 8th, would you pull back on Meta?",
    ],
)
def test_an_event_coming_up_beside_advice_is_the_scene(question: str) -> None:
    plan = _plan(question, APRIL_DAY)
    assert (plan["route"], plan["date_range"]) == ("analysis", LAST_7_DAYS), plan["route_reason"]


def test_an_event_coming_up_that_is_forecast_is_the_period_asked() -> None:
    plan = _plan("bank holiday weekend coming up, how many bookings should we expect?", APRIL_DAY)
    assert plan["date_range"] != LAST_7_DAYS


def test_the_end_of_a_quarter_coming_up_paced_is_the_quarter() -> None:
    plan = _plan("end of q2 is coming up, are we on track to spend the google budget?", APRIL_DAY)
    assert plan["date_range"]["start"] == "2039-04-01"


@pytest.mark.parametrize(
    ("question", "grouping"),
    [
        ("leads from tiktok and linkedin in february, one next to the other pls", ["platform"]),
        ("the ctr on bing and on google last week, next to one another", ["platform"]),
        ("new members for the Leeds and York branches in march, one beside the other", ["account"]),
    ],
)
def test_figures_one_next_to_the_other_are_a_row_each(question: str, grouping: list[str]) -> None:
    plan = _plan(question, TODAY)
    assert (plan["intent"], plan["group_by"]) == ("comparison", grouping)


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("what did tiktok cost us per order in january?", "cpa"),
        ("how much has bing been costing us per click this month", "cpc"),
        ("How much did Meta cost them per enquiry, Q3 vs Q2?", "cpa"),
    ],
)
def test_what_a_platform_cost_us_per_outcome_is_its_price_alone(question: str, metric: str) -> None:
    assert _plan(question, TODAY)["metrics"] == [metric]


def test_what_a_platform_cost_us_is_its_spend() -> None:
    assert _plan("what did tiktok cost us in january?", TODAY)["metrics"] == ["spend"]


@pytest.mark.parametrize(
    ("question", "grouping"),
    [
        ("cheapest salon for appointments on meta in feb?", ["account"]),
        ("Cheapest platform for demo requests last quarter?", ["platform"]),
        ("which campaign was cheapest for sign-ups on tiktok last week", ["campaign"]),
    ],
)
def test_the_cheapest_place_for_an_outcome_ranks_by_its_cost(
    question: str, grouping: list[str]
) -> None:
    plan = _plan(question, TODAY)
    assert (plan["intent"], plan["metrics"], plan["group_by"]) == ("ranking", ["cpa"], grouping)


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("is four pound a booking alright on google?", "cpa"),
        ("three euro a lead on meta, is that normal?", "cpa"),
        ("fourteen dollars a registration on linkedin, too much?", "cpa"),
        ("is one pound a click steep for bing?", "cpc"),
    ],
)
def test_a_price_said_in_words_puts_a_cost_on_one(question: str, metric: str) -> None:
    assert metric in _plan(question, TODAY)["metrics"]


def test_the_period_end_accounts_a_figure_is_for_name_no_period() -> None:
    plan = _plan("total meta spend for 2038 please, it's for the year-end accounts", TODAY)
    assert plan["date_range"] == {"start": "2038-01-01", "end": "2038-12-31"}


def test_a_month_of_the_management_accounts_is_the_period() -> None:
    plan = _plan("commentary for the February management accounts on spend vs January", TODAY)
    assert plan["date_range"] == {"start": "2039-02-01", "end": "2039-02-28"}


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("tiktok leads for feb vs jan, for the bakery's monthly", "comparison"),
        (
            "how many demo requests came in from linkedin last week? need it for the weekly",
            "lookup",
        ),
        ("google spend in q4, for our quarterly please", "lookup"),
    ],
)
def test_the_report_named_by_its_cadence_is_no_grain(question: str, intent: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["intent"], plan["group_by"]) == (intent, [])


def test_a_cadence_after_a_period_is_its_grain() -> None:
    assert _plan("sign-ups for Ledgerly, q4, monthly", TODAY)["group_by"] == ["month"]


def test_expected_figures_for_a_month_to_come_are_a_forecast_of_it() -> None:
    plan = _plan("Expected enquiries for April?", TODAY)
    assert (plan["intent"], plan["date_range"]) == (
        "forecast",
        {"start": "2039-04-01", "end": "2039-04-30"},
    )


def test_figures_worse_than_expected_are_no_forecast() -> None:
    assert _plan("worse than expected leads in february, why?", TODAY)["intent"] != "forecast"


def test_a_difference_in_a_metric_between_two_platforms_is_a_row_each() -> None:
    plan = _plan("can you explain the gap in CPC between Bing and Google last month?", TODAY)
    assert (plan["route"], plan["group_by"]) == ("analysis", ["platform"])


def test_a_state_lasting_weeks_written_short_is_the_last_weeks() -> None:
    plan = _plan("leeds enquiries r flat for 2 wks now, whats going on", TODAY)
    assert plan["date_range"] == {"start": "2039-03-02", "end": "2039-03-15"}


@pytest.mark.parametrize(
    "question",
    [
        "is a cost of £55 per installed boiler on google ok?",
        "is the meta cost per taster sign-up of about £30 reasonable for a gym?",
        "cost per booked home valuation on bing in february",
    ],
)
def test_a_cost_put_on_one_outcome_is_its_cpa(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["cpa"]


@pytest.mark.parametrize(
    "question",
    [
        "our overall return across everything is 3.1 this month, is that healthy?",
        "is linkedin's return good enough to keep it on?",
        "google or meta - which has the better return lately?",
    ],
)
def test_a_return_judged_is_roas(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["roas"]


def test_where_the_next_sum_goes_is_advice_whatever_the_metric() -> None:
    plan = _plan("Next £20k - TikTok or Meta, which gives the better return?", TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "recommendation")


def test_a_tax_return_is_no_roas() -> None:
    assert (
        "roas" not in _plan("is the tax return season a good time for meta ads?", TODAY)["metrics"]
    )


@pytest.mark.parametrize(
    "question",
    ["too much money going into tiktok this quarter?", "is meta hogging too much of our budget?"],
)
def test_too_much_money_going_somewhere_is_the_spend_judged(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["metrics"]) == ("analysis", ["spend"])


def test_two_months_beside_each_other_are_compared() -> None:
    plan = _plan("leads in February 2039 and February 2038 beside each other please", TODAY)
    assert (plan["date_range"], plan["compare_to"]) == (
        {"start": "2039-02-01", "end": "2039-02-28"},
        {"start": "2038-02-01", "end": "2038-02-28"},
    )


def test_two_platforms_beside_each_other_are_a_row_each() -> None:
    plan = _plan("cpc on google and bing last month beside each other", TODAY)
    assert plan["group_by"] == ["platform"]
