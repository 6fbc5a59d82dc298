"""Phrasings of session 37, checked in other words than the parts they were read on:
- "separately" after the branches, cities or months a request is split by ("for each clinic
  separately", "each month separately") as a row per branch or month, not per platform, and
  "for all the shops … each one separate" (or "seperate") as a row per shop;
- a boat-hire firm's harbours as its accounts ("bookings per harbour", "top 3 harbours");
- "what's an eye test booking costing us", "what does a lead cost us" as the CPA alone;
- "showroom requests", "visit requests" as a retailer's conversions;
- the tours a tour business sells ("spend for the kayak tours", "walking tours: cost per
  booking", "the CTR for boxes") as which business, not a count, once another figure is asked;
- "the amount charged by Google Ads", "what were we billed by Meta" as the spend;
- "the first quarter of 2043 and, for comparison, the first quarter of 2042", "June, plus last
  June for reference", "May with April for reference" as the first against the second;
- "what the return was on the money we spent", "is this return ok" as ROAS;
- "next week" or "tomorrow" of a meeting the question comes before ("any red flags before the
  client QBR next week?") as the scene: the last seven days are read;
- "Mon–Sun just gone" as last week, and a learner's "more high", "more cheap" as "higher",
  "cheaper";
- in a message without capitals, a word no dictionary holds between a metric and its period
  ("how many consults camden last wk") as the place asked about;
- a school's classes and a tour operator's rivers as its campaigns ("top 5 classes by bookings",
  "CPC per river"), while "cost per class pack" prices an outcome;
- "2000 euro", "2019 dollars" as money, not a year;
- "since about the tenth of May", "since around 10 May" as from the 10th to today;
- "Weds" as Wednesday;
- "a cost of £11.80 per class booking" as that price's CPA, no spend;
- "the sales of the gift vouchers" as their value, not a count beside it;
- "on every platform together", "every platform combined" as one figure over all of them;
- phone shorthand "lst", "b4", "ppl", "wkend", "bank hol", and "the May bank holiday" as the
  early May one;
- "advertising costs and returns", "the wine ad return" as ROAS beside the cost; "LinkedIn cost
  us approximately £95 per appointment" and "the cost per click incurred" as the price alone;
- "how's Bath looking on meta this week?" as a check-up, like "how's Bath doing";
- "yday v the sat before" as yesterday against the Saturday before, and "on google and
  facebook put together" as one figure;
- "since the beginning of the summer" asked in the summer as from its first day to today, and
  "Q1 and Q4, so that I may compare the two" as the first against the second.
"""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan

TODAY = date(2043, 6, 17)  # a Wednesday


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        ("leads last month for each clinic separately", ["account"]),
        ("bookings for all the shops in may, each one seperate", ["account"]),
        ("google orders for all our stores last week, each one separate", ["account"]),
        ("spend for the whole of march and april so far, each month separately", ["month"]),
        ("sign ups for Leeds, York and Hull last week, each city separately please", ["account"]),
    ],
)
def test_separately_after_the_rows_named_splits_by_them_not_by_platform(
    question: str, group_by: list[str]
) -> None:
    plan = _plan(question, TODAY)
    assert plan["group_by"] == group_by, plan["route_reason"]


@pytest.mark.parametrize(
    "question",
    [
        "leads last month on meta and google separately",
        "spend in may, each platform separately",
        "orders from google and from tiktok yesterday, seperate please",
    ],
)
def test_separately_after_platforms_is_still_a_row_per_platform(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == ["platform"]


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("day-hire bookings per harbour last week", "breakdown"),
        ("cost per booking by harbor in may", "breakdown"),
        ("top 3 harbours by bookings last month", "ranking"),
    ],
)
def test_a_harbour_is_a_boat_hire_firms_account(question: str, intent: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"], plan["group_by"]) == ("direct", intent, ["account"])


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("what's an eye test booking costing us on TikTok?", "cpa"),
        ("what does a lead cost us on meta this month", "cpa"),
        ("what is each trial class costing us on google?", "cpa"),
        ("how much is one click costing us on bing", "cpc"),
    ],
)
def test_what_one_outcome_is_costing_us_is_its_cpa(question: str, metric: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["metrics"]) == ("direct", [metric]), plan["route_reason"]


def test_what_a_campaign_is_costing_us_is_no_price_of_one() -> None:
    assert _plan("what is each campaign costing us this month", TODAY)["metrics"] != ["cpa"]


@pytest.mark.parametrize(
    "question",
    [
        "showroom requests on meta last week",
        "how many visit requests did google bring in this month",
        "showroom visit requests by showroom, may vs april",
    ],
)
def test_a_showroom_or_visit_request_is_a_conversion(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["metrics"]) == ("direct", ["conversions"]), plan["route_reason"]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("spend on meta for the kayak tours last month", ["spend"]),
        ("walking tours: cost per booking in q1 vs q4?", ["cpa"]),
        ("what's the ctr on google for the ghost tours this month", ["ctr"]),
        ("cpc for boxes on tiktok last week", ["cpc"]),
    ],
)
def test_the_tours_a_business_sells_say_which_business_beside_another_figure(
    question: str, metrics: list[str]
) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


def test_tours_asked_alone_are_counted() -> None:
    assert _plan("how many kayak tours did we sell on meta last week", TODAY)["metrics"] == [
        "conversions"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "could you confirm the total amount charged by Google Ads in May?",
        "what were we billed by meta last month",
        "amounts invoiced by linkedin in q1 please",
    ],
)
def test_what_a_platform_charged_or_billed_is_the_spend(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["metrics"]) == ("direct", ["spend"]), plan["route_reason"]


@pytest.mark.parametrize(
    ("question", "asked", "compared"),
    [
        (
            "cpc on bing for the first quarter of 2043 and, for comparison, the first quarter"
            " of 2042?",
            {"start": "2043-01-01", "end": "2043-03-31"},
            {"start": "2042-01-01", "end": "2042-03-31"},
        ),
        (
            "meta and google leads for may, plus last may for reference",
            {"start": "2043-05-01", "end": "2043-05-31"},
            {"start": "2042-05-01", "end": "2042-05-31"},
        ),
        (
            "tiktok spend for may with april for reference",
            {"start": "2043-05-01", "end": "2043-05-31"},
            {"start": "2043-04-01", "end": "2043-04-30"},
        ),
    ],
)
def test_a_period_brought_in_for_comparison_or_reference_is_compared_with(
    question: str, asked: dict[str, str], compared: dict[str, str]
) -> None:
    plan = _plan(question, TODAY)
    assert (plan["date_range"], plan["compare_to"]) == (asked, compared), plan["route_reason"]


@pytest.mark.parametrize(
    "question",
    [
        "what the return was on the money we spent on microsoft last month",
        "what was the return on the money we spent on meta in may?",
        "roughly £4 back for every £1 on tiktok in may - is this return ok?",
    ],
)
def test_the_return_on_the_money_spent_is_roas(question: str) -> None:
    assert "roas" in _plan(question, TODAY)["metrics"]


def test_diminishing_returns_on_a_platform_are_no_roas() -> None:
    assert _plan("are we hitting diminishing returns on google?", TODAY)["metrics"] == []


LAST_SEVEN_DAYS = {"start": "2043-06-10", "end": "2043-06-16"}


@pytest.mark.parametrize(
    "question",
    [
        "any red flags on the voucher campaigns before the client QBR next week?",
        "anything odd on tiktok i should know ahead of the board meeting tomorrow?",
        "how is meta looking? need a view before our catch up with the client next week",
    ],
)
def test_the_week_or_day_of_a_coming_meeting_is_the_scene(question: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == LAST_SEVEN_DAYS, plan["route_reason"]


def test_a_forecast_for_next_week_still_reads_next_week() -> None:
    plan = _plan("forecast bookings next week for the review", TODAY)
    assert plan["date_range"] == {"start": "2043-06-22", "end": "2043-06-28"}


def test_monday_to_sunday_just_gone_is_last_week() -> None:
    plan = _plan("wkly update pls, Mon–Sun just gone vs prior wk", TODAY)
    assert (plan["date_range"], plan["compare_to"]) == (
        {"start": "2043-06-08", "end": "2043-06-14"},
        {"start": "2043-06-01", "end": "2043-06-07"},
    )


@pytest.mark.parametrize(
    "question",
    [
        "the cost per booking in Leeds is more high in May than in April?",
        "google clicks are more cheap in may than in april?",
    ],
)
def test_a_learners_more_high_compares_like_higher(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["compare_to"]) == (
        "direct",
        {"start": "2043-04-01", "end": "2043-04-30"},
    ), plan["route_reason"]


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("how many consults camden last wk?", "camden"),
        ("how many bookings falmouth sat + sun", "falmouth"),
        ("orders wetherby since monday pls", "wetherby"),
    ],
)
def test_a_lower_case_place_between_metric_and_period_is_an_account(
    question: str, place: str
) -> None:
    assert _plan(question, TODAY)["filters"] == [{"field": "account", "value": place}]


@pytest.mark.parametrize(
    "question",
    [
        "linkedin enquiries flatlined since monday. is somethin broke",
        "bookings dropping since monday, any idea why",
    ],
)
def test_a_verb_between_metric_and_period_is_no_place(question: str) -> None:
    assert _plan(question, TODAY)["filters"] == []


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("top 5 classes by bookings last wk", "ranking"),
        ("class sales by class for april", "breakdown"),
        ("could you give me the CPC per river on Google in May?", "breakdown"),
        ("which river sold the most tours on facebook this month", "ranking"),
    ],
)
def test_classes_and_rivers_are_campaigns(question: str, intent: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["intent"], plan["group_by"]) == (intent, ["campaign"]), plan["route_reason"]


@pytest.mark.parametrize(
    "question",
    [
        "cost per class pack on meta in may",
        "please confirm the cost per class booking on google ads for may",
    ],
)
def test_the_cost_per_class_pack_is_no_split(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == []


@pytest.mark.parametrize(
    "question",
    [
        "if we add 2000 euro on Meta, how many more orders would we get?",
        "what would 2019 dollars more on google buy us in leads",
    ],
)
def test_a_sum_of_money_is_no_year(question: str) -> None:
    assert _plan(question, TODAY)["date_range"]["start"].startswith("2043")


def test_a_year_is_still_a_year() -> None:
    assert _plan("google spend in 2020 vs 2019", TODAY)["date_range"] == {
        "start": "2020-01-01",
        "end": "2020-12-31",
    }


@pytest.mark.parametrize(
    "question",
    [
        "bookings seem flat since about the tenth of May, what's going on",
        "meta leads since around 10 May",
        "google orders since roughly the 10th of may",
    ],
)
def test_since_about_a_day_runs_from_that_day(question: str) -> None:
    assert _plan(question, TODAY)["date_range"] == {"start": "2043-05-10", "end": "2043-06-17"}


def test_around_a_day_alone_is_the_days_either_side() -> None:
    plan = _plan("meta leads around 10 May", TODAY)
    assert plan["date_range"] == {"start": "2043-05-07", "end": "2043-05-13"}


def test_weds_is_wednesday() -> None:
    plan = _plan("0 bookings on Google Tues and Weds, tracking?", date(2043, 6, 19))  # a Friday
    assert plan["date_range"] == {"start": "2043-06-16", "end": "2043-06-17"}


@pytest.mark.parametrize(
    "question",
    [
        "I note a cost of £11.80 per class booking on Google Ads in May. Is this in line?",
        "is a cost of £61 per enquiry acceptable for us?",
        "a cost of roughly $40 per lead on linkedin - ok or not?",
    ],
)
def test_a_cost_of_a_price_per_outcome_is_its_cpa_not_spend(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["cpa"]


def test_the_cost_of_a_sum_on_a_platform_is_still_spend() -> None:
    assert _plan("the cost of 5000 on meta last month, was it worth it", TODAY)["metrics"] == [
        "spend"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "the sales of the gift vouchers since june, trending up?",
        "sales of our hampers on meta last week",
    ],
)
def test_the_sales_of_an_outcome_are_its_value_alone(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["conversion_value"]


def test_how_many_sales_of_an_outcome_are_still_counted() -> None:
    assert _plan("how many sales of the hampers last week", TODAY)["metrics"] == ["conversions"]


@pytest.mark.parametrize(
    "question",
    [
        "how much did we spend in total last week on every platform together",
        "Total spend, May, every platform combined",
    ],
)
def test_every_platform_together_is_one_figure(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["intent"], plan["group_by"]) == ("lookup", [])


def test_every_platform_alone_is_a_row_each() -> None:
    assert _plan("spend on every platform last week", TODAY)["group_by"] == ["platform"]


def test_last_week_against_the_week_b4_in_shorthand() -> None:
    plan = _plan("hw many signups lst week from meta compared to the week b4", TODAY)
    assert (plan["date_range"], plan["compare_to"]) == (
        {"start": "2043-06-08", "end": "2043-06-14"},
        {"start": "2043-06-01", "end": "2043-06-07"},
    )


def test_how_many_ppl_saw_our_ads_is_impressions() -> None:
    assert _plan("how many ppl saw our ads on tiktok last wk", TODAY)["metrics"] == ["impressions"]


@pytest.mark.parametrize(
    "question",
    [
        "bookings over the may bank hol wkend",
        "how many tee times over the May bank holiday weekend?",
    ],
)
def test_the_may_bank_holiday_weekend_is_the_early_one(question: str) -> None:
    assert _plan(question, TODAY)["date_range"] == {"start": "2043-05-02", "end": "2043-05-04"}


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("a written summary of our advertising costs and returns for q1", ["roas", "spend"]),
        ("two lines for the board on the wine ad return, q2 against q1", ["roas"]),
        ("summarise app acquisition cost and return, may vs april", ["cpa", "roas"]),
    ],
)
def test_a_return_beside_its_cost_is_roas(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("LinkedIn Ads cost us approximately £95 per design appointment in April. Fair?", "cpa"),
        ("the average cost per click incurred on Microsoft Ads last week", "cpc"),
    ],
)
def test_a_price_said_with_cost_us_or_incurred_is_the_price_alone(
    question: str, metric: str
) -> None:
    assert _plan(question, TODAY)["metrics"] == [metric]


def test_orders_and_returns_are_no_roas() -> None:
    assert "roas" not in _plan("orders and returns last month", TODAY)["metrics"]


@pytest.mark.parametrize(
    "question",
    [
        "morning! how's Bath looking on meta this week?",
        "how's meta looking this week?",
        "how are the leeds numbers looking vs last month",
    ],
)
def test_how_a_place_or_platform_is_looking_is_a_check_up(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "diagnosis"), plan["route_reason"]


def test_how_a_coming_month_is_looking_is_still_a_forecast() -> None:
    assert _plan("how are we looking for july, will we be busy?", TODAY)["intent"] == "forecast"


def test_yesterday_against_the_sat_before() -> None:
    plan = _plan("tix sold yday v the sat before", date(2043, 6, 21))  # a Sunday
    assert plan["compare_to"] == {"start": "2043-06-13", "end": "2043-06-13"}


def test_two_platforms_put_together_are_one_figure() -> None:
    plan = _plan("clicks on google and facebook put together last week", TODAY)
    assert (plan["platforms"], plan["group_by"]) == (["google_ads", "meta_ads"], [])


def test_since_the_beginning_of_the_summer_runs_from_its_first_day() -> None:
    plan = _plan("how have tiktok bookings evolved since the beginning of the summer?", TODAY)
    assert plan["date_range"] == {"start": "2043-06-01", "end": "2043-06-17"}


@pytest.mark.parametrize(
    "question",
    [
        "the cost per ticket for may and for april, so that I may compare the two",
        "spend for may and april so we can compare",
    ],
)
def test_two_periods_asked_so_as_to_compare_them_are_compared(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["date_range"], plan["compare_to"]) == (
        {"start": "2043-05-01", "end": "2043-05-31"},
        {"start": "2043-04-01", "end": "2043-04-30"},
    )
