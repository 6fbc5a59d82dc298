"""Phrasings of session 38, checked in other words than the parts they were read on:
- in a message without capitals, a town's name (GeoNames' places of 2,000 people or more that
  no dictionary holds) as the account asked about, wherever it stands in a message about ads
  or how a branch is doing ("why is stockport so quiet", "anything odd with the ilkley
  bookings"), and not in a message about anything else ("any good hotels in bootle lol");
- shorthand "ords", "lm", "same pt last mo" as orders, last month and the same point of it;
- "for July 3000 euro more budget" as a sum, not the year 3000;
- "the first half year 2044", "the second half-year of 2044" as that half of that year;
- a change said to happen on a day ("bookings dropped on 2 and 3 June", "leads fell on monday")
  as those days, compared with the same weekdays a week earlier;
- "the same day one week before", "… one week earlier", "… a week ago" as that weekday a week
  earlier;
- a learner's "how much costs one booking", "how much cost one lead" as its CPA;
- "4 pound a booking", "30 dollar a lead" (a singular currency after digits) as a price of one;
- a season set against another ("summer vs spring bookings", "how summer went vs spring") as
  the latest of each, while "winter coats vs spring jackets" names no period;
- a place no dictionary holds, typed in lower case, as the only one asked about ("…, southville
  only") or as a subject ("why is southville so quiet", "hows redlandia doing");
- weeks and months counted in shorthand ("vs prior 2w", "rev l3m") as that many of them;
- "Best regards, Jonas", "Thank you and best regards, Katrin" closing the question's own line
  as a sign-off, not the "best" of a ranking;
- "Pawsure's FD", "Harbourside's accountant": a business's finance people, so a business;
- "total not by area", "not split by campaign" as one figure, like "not by platform";
- "Last question for today:" as the day the message is sent, no period asked;
- two platforms' figures, then "why is the difference so big?" / "why such a gap?", as the
  platforms set side by side (a row each), but not "during the gap";
- a learner's "How it went the Easter weekend for the webshop?" as how it went, not off-topic;
- the period a plan is made from ("budget in June, going off May's bookings", "based on April
  and May") as the data, not joined with the plan's month;
- "next Monday" as the coming Monday, not the last one;
- a town that is also a given name set beside a place ("clifton vs redland") as a place.
"""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span

TODAY = date(2045, 6, 14)  # a Wednesday


def _accounts(question: str) -> list[str]:
    return [f["value"] for f in _plan(question, TODAY)["filters"] if f["field"] == "account"]


@pytest.mark.parametrize(
    ("question", "accounts"),
    [
        ("why is stockport so quiet this week compared to last", ["stockport"]),
        ("anything odd with the ilkley bookings since monday", ["ilkley"]),
        ("shld i move budget from altrincham to salford", ["altrincham", "salford"]),
        ("how many trials did hexham get from meta last week", ["hexham"]),
        ("bookins at bootle dead since tuesday??", ["bootle"]),
        ("the morpeth ads are doing nothing, any ideas", ["morpeth"]),
        ("swindon cost per booking on google mtd", ["swindon"]),
    ],
)
def test_a_town_typed_in_lower_case_is_the_account_asked_about(
    question: str, accounts: list[str]
) -> None:
    assert _accounts(question) == accounts


@pytest.mark.parametrize(
    "question",
    [
        "any good hotels in bootle lol",
        "u know any decent accountants round stockport",
        "whats the weather like in swindon tomorrow",
        "why is the telehealth cpa so high this month",  # no dictionary word, and no town
    ],
)
def test_a_town_outside_a_question_about_a_branch_is_no_account(question: str) -> None:
    assert _accounts(question) == []


@pytest.mark.parametrize(
    ("question", "metrics", "compare_to"),
    [
        ("ords + rev by day l14d", ["conversion_value", "conversions"], None),
        ("leads on google mtd v lm same days", ["conversions"], span("2045-05-01", "2045-05-14")),
        ("cpc mtd vs same pt last mo", ["cpc"], span("2045-05-01", "2045-05-14")),
        ("spend lm vs the month before", ["spend"], span("2045-04-01", "2045-04-30")),
    ],
)
def test_ords_lm_and_pt_are_orders_last_month_and_point(
    question: str, metrics: list[str], compare_to: dict[str, str] | None
) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["metrics"], view["compare_to"]) == ("direct", metrics, compare_to)


@pytest.mark.parametrize(
    ("question", "date_range"),
    [
        (
            "We have for July 3000 euro more budget, where should it go?",
            span("2045-06-07", "2045-06-13"),
        ),
        ("spend for may 2500 pounds, was that enough?", span("2045-05-01", "2045-05-31")),
        ("spend in july 2044", span("2044-07-01", "2044-07-31")),
    ],
)
def test_a_sum_after_a_month_is_no_year(question: str, date_range: dict[str, str]) -> None:
    assert _plan(question, TODAY)["date_range"] == date_range


@pytest.mark.parametrize(
    ("question", "date_range", "compare_to"),
    [
        (
            "bookings, the first half year 2045 compared with the first half year 2044",
            span("2045-01-01", "2045-06-14"),
            span("2044-01-01", "2044-06-30"),
        ),
        ("revenue in the second half-year of 2044", span("2044-07-01", "2044-12-31"), None),
    ],
)
def test_a_half_year_with_its_year_is_that_half(
    question: str, date_range: dict[str, str], compare_to: dict[str, str] | None
) -> None:
    view = _plan(question, TODAY)
    assert (view["date_range"], view["compare_to"]) == (date_range, compare_to)


@pytest.mark.parametrize(
    ("question", "date_range", "compare_to"),
    [
        (
            "the bookings dropped on 2 and 3 June almost to zero, was there a technical problem?",
            span("2045-06-02", "2045-06-03"),
            span("2045-05-26", "2045-05-27"),
        ),
        (
            "leads fell on monday - anything broken?",
            span("2045-06-12", "2045-06-12"),
            span("2045-06-05", "2045-06-05"),
        ),
        # against a period, a change still compares with it
        (
            "cpa down 20% on last week",
            span("2045-06-12", "2045-06-14"),
            span("2045-06-05", "2045-06-11"),
        ),
    ],
)
def test_a_change_on_a_day_happened_that_day(
    question: str, date_range: dict[str, str], compare_to: dict[str, str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["date_range"], view["compare_to"]) == (date_range, compare_to)


@pytest.mark.parametrize(
    "question",
    [
        "Please the spend of yesterday on all platforms, and the same day one week before.",
        "clicks yesterday and the same day one week earlier",
        "leads yesterday vs the same day a week ago",
    ],
)
def test_the_same_day_one_week_before_is_that_weekday_a_week_earlier(question: str) -> None:
    view = _plan(question, TODAY)
    assert view["route"] == "direct"
    assert (view["date_range"], view["compare_to"]) == (
        span("2045-06-13", "2045-06-13"),
        span("2045-06-06", "2045-06-06"),
    )


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("how much costs one booking for the pasta course on Instagram last week?", "cpa"),
        ("how much cost one lead on google in may", "cpa"),
        ("how much costs a click on meta this month", "cpc"),
    ],
)
def test_how_much_costs_one_is_the_price_of_one(question: str, metric: str) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["metrics"]) == ("direct", [metric])


@pytest.mark.parametrize(
    "question",
    [
        "is 4 pound a booking good for a hair salon or shud i be getting it cheaper",
        "is 30 dollar a lead normal for dentists",
    ],
)
def test_a_singular_currency_after_digits_prices_one(question: str) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["metrics"]) == ("analysis", ["cpa"])


@pytest.mark.parametrize(
    "question",
    [
        "summer vs spring bookings",
        "revenue for summer compared with spring",
        "how did summer go vs spring on meta",
    ],
)
def test_a_season_set_against_another_is_the_latest_of_each(question: str) -> None:
    view = _plan(question, date(2045, 9, 20))
    assert (view["date_range"], view["compare_to"]) == (
        span("2045-06-01", "2045-08-31"),
        span("2045-03-01", "2045-05-31"),
    )


@pytest.mark.parametrize(
    "question", ["winter coats vs spring jackets sales", "summer sale vs spring sale revenue"]
)
def test_a_season_naming_a_product_or_sale_is_no_period(question: str) -> None:
    assert _plan(question, date(2045, 9, 20))["compare_to"] != span("2045-03-01", "2045-05-31")


@pytest.mark.parametrize(
    ("question", "accounts"),
    [
        ("bookings and cpa last 14 days vs the 14 before, southville only", ["southville"]),
        ("why is southville so quiet since new year??", ["southville"]),
        ("hows redlandia doing", ["redlandia"]),
        ("spend last week, google only", []),
        ("why is it so quiet this week", []),
    ],
)
def test_a_lower_case_place_asked_about_alone_or_as_a_subject(
    question: str, accounts: list[str]
) -> None:
    assert _accounts(question) == accounts


@pytest.mark.parametrize(
    ("question", "date_range", "compare_to"),
    [
        (
            "leads l2w vs prior 2w",
            span("2045-05-31", "2045-06-13"),
            span("2045-05-17", "2045-05-30"),
        ),
        ("revenue l3m", span("2045-03-01", "2045-05-31"), None),
    ],
)
def test_weeks_and_months_counted_in_shorthand(
    question: str, date_range: dict[str, str], compare_to: dict[str, str] | None
) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["date_range"], view["compare_to"]) == (
        "direct",
        date_range,
        compare_to,
    )


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        (
            "can you please send me the class bookings per course for May and April for "
            "comparison? Thank you and best regards, Katrin",
            "comparison",
        ),
        ("Please send me the impressions per platform for May. Best regards, Jonas", "breakdown"),
        ("which campaign did best in May? Kind regards, Jonas", "ranking"),
    ],
)
def test_best_regards_signing_off_the_question_is_no_ranking(question: str, intent: str) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["intent"]) == ("direct", intent)


@pytest.mark.parametrize(
    "question",
    [
        "Hi, Pawsure's FD wants the ad bill for May so far, Google and Microsoft separately. Ta!",
        "Harbourside's accountant wants the spend for May",
    ],
)
def test_a_business_whose_finance_people_ask_is_the_account(question: str) -> None:
    name = question.removeprefix("Hi, ").split("'")[0]
    assert _plan(question, TODAY)["filters"] == [{"field": "account", "value": name}]


@pytest.mark.parametrize(
    "question",
    [
        "yday's quote requests on google pls, total not by area",
        "leads yesterday, total, not split by campaign",
        "spend last week rather than by clinic, one number",
    ],
)
def test_not_by_a_dimension_asks_one_figure(question: str) -> None:
    view = _plan(question, TODAY)
    assert (view["intent"], view["group_by"]) == ("lookup", [])


@pytest.mark.parametrize(
    "question",
    [
        "Last question for today: is Pinterest a good idea for the cookery school?",
        "one last question for today - should we test pinterest?",
    ],
)
def test_the_last_question_for_today_names_no_period(question: str) -> None:
    assert _plan(question, TODAY)["date_range"] == span("2045-06-07", "2045-06-13")


def test_today_asked_for_is_still_today() -> None:
    assert _plan("spend today on meta", TODAY)["date_range"] == span("2045-06-14", "2045-06-14")


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        (
            "Hi, in the last 7 days Google had 41 bookings and Meta only 18. Why is the "
            "difference so big?",
            ["platform"],
        ),
        (
            "LinkedIn leads are 5 and Google leads are 80 this month. Why such a huge gap?",
            ["platform"],
        ),
        ("we paused meta last week, what did google do during the gap?", []),
    ],
)
def test_two_platforms_then_their_gap_are_set_side_by_side(
    question: str, group_by: list[str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["group_by"]) == ("analysis", group_by)


@pytest.mark.parametrize(
    "question",
    ["How it went the Easter weekend for the webshop?", "how it went last month on google?"],
)
def test_a_learners_how_it_went_asks_how_things_went(question: str) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["intent"]) == ("analysis", "diagnosis")


@pytest.mark.parametrize(
    ("question", "date_range"),
    [
        (
            "Which Google campaigns should get more of the budget in June, going off May's "
            "lesson bookings?",
            span("2045-05-01", "2045-05-31"),
        ),
        (
            "how should we split the budget in june, based on april and may?",
            span("2045-04-01", "2045-05-31"),
        ),
    ],
)
def test_the_period_a_plan_is_made_from_is_the_data(
    question: str, date_range: dict[str, str]
) -> None:
    assert _plan(question, TODAY)["date_range"] == date_range


def test_next_monday_is_the_coming_one() -> None:
    view = _plan("what will bookings be next monday?", TODAY)  # asked on a Wednesday
    assert (view["intent"], view["date_range"]) == ("forecast", span("2045-06-19", "2045-06-19"))


def test_an_event_next_monday_leaves_the_advice_on_the_last_seven_days() -> None:
    question = "St Patrick's day is next Monday. Should we put some budget on Facebook for it?"
    assert _plan(question, TODAY)["date_range"] == span("2045-06-07", "2045-06-13")


@pytest.mark.parametrize(
    ("question", "accounts"),
    [
        ("clifton vs redland bookings yday", ["clifton", "redland"]),
        ("barry vs mike bookings yday", []),  # two people, no place beside them
    ],
)
def test_a_town_named_like_a_person_is_a_place_beside_another(
    question: str, accounts: list[str]
) -> None:
    assert _accounts(question) == accounts
