"""Phrasings of session 39, checked in other words than the parts they were read on:
- a capitalised town standing alone where the rules find no name ("put more money into
  Knutsford", "Niamh in Carrigtwohill wants to know…", "Loughborough territory cost per lead"),
  judged by the name model, which now knows a town's name from the gazetteer; an office where
  people work and the routes from a place stay no account even when they are towns;
- "camp" clipped from campaign where a dimension stands ("by camp", "per camp", "worst camp"),
  "plat" for platform, and Google as its letter after "on" ("creeping up on g"), while a
  kids' camp stays a camp;
- "spending to much", "paying to much" as an amount judged, like "too much";
- a change against a recent month ("cost per lead up 25% on April") as this month so far
  against it, while a month only set beside keeps the last days;
- a month said "for comparison" after another, or "I'd like to see the difference";
- a month before "Client wants it" kept as a period;
- "this summer vs last summer" once summer is over as the summer a year earlier;
- a request that names only "the week before" taking the scene's "last week";
- "45p a click" as CPC, "return on every pound" as ROAS;
- "the same weeks in March" as as many days of March;
- "cost per store visit" as no row per store;
- "3 times the one on google" as the platforms side by side;
- two places "each one separate" by day as a row per place and day;
- "for a fortnight" after a pause as how long, not the last 14 days;
- "a quick write-up on April vs March" as no change "up on" an earlier April.
"""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span

TODAY = date(2046, 5, 13)  # a Sunday


def _accounts(question: str) -> list[str]:
    return [f["value"] for f in _plan(question, TODAY)["filters"] if f["field"] == "account"]


@pytest.mark.parametrize(
    ("question", "accounts"),
    [
        ("should I put more money into Knutsford next month, it seems busy", ["Knutsford"]),
        ("Niamh in Carrigtwohill wants to know why cost per booking jumped", ["Carrigtwohill"]),
        ("What would happen to enquiries if we doubled Google in Oakville?", ["Oakville"]),
        ("If I gave Ormskirk another £300 a month what would I get back", ["Ormskirk"]),
        ("Loughborough territory cost per lead on Meta went mad, why?", ["Loughborough"]),
        ("Hinckley class bookings - how have they trended since New Year?", ["Hinckley"]),
    ],
)
def test_a_capitalised_town_alone_is_the_account_asked_about(
    question: str, accounts: list[str]
) -> None:
    assert _accounts(question) == accounts


@pytest.mark.parametrize(
    "question",
    [
        "Can you recommend a good restaurant near our Wigan office?",
        "The Lakeside office manager wants to know whether Google or Meta is the better bet.",
        "should we push harder on the Galway routes?",
    ],
)
def test_a_town_s_office_or_routes_are_no_account(question: str) -> None:
    assert _accounts(question) == []


def _route_and_groups(question: str) -> tuple[str, list[str]]:
    view = _plan(question, TODAY)
    return view["route"], view["group_by"]


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        ("roas by plat last wk", ["platform"]),
        ("worst camp by cpa mtd", ["campaign"]),
        ("leads per camp yday", ["campaign"]),
    ],
)
def test_a_campaign_or_platform_clipped_is_the_dimension(
    question: str, group_by: list[str]
) -> None:
    assert _route_and_groups(question) == ("direct", group_by)


def test_a_kids_camp_is_no_campaign() -> None:
    assert _route_and_groups("kids camp bookings last week") == ("direct", [])


def test_google_clipped_to_its_letter_after_on_is_google() -> None:
    assert _plan("cpa drifting up on g since june - why", TODAY)["platforms"] == ["google_ads"]


@pytest.mark.parametrize(
    "question",
    ["are we paying to much for clicks on tiktok", "r we spending to much on linkedin"],
)
def test_to_much_is_an_amount_judged(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


@pytest.mark.parametrize(
    ("question", "date_range", "compare_to"),
    [
        # asked on Sunday 13 May 2046
        (
            "cost per lead up 25% on April. ok?",
            ("2046-05-01", "2046-05-13"),
            ("2046-04-01", "2046-04-30"),
        ),
        (
            "bookings way down on april, what gives",
            ("2046-05-01", "2046-05-13"),
            ("2046-04-01", "2046-04-30"),
        ),
        (
            "enquiries down about 20% on March, why",
            ("2046-05-01", "2046-05-13"),
            ("2046-03-01", "2046-03-31"),
        ),
        # set beside a month, not changed against it: the last days
        (
            "is our cpc normal? seems high compared to April",
            ("2046-05-06", "2046-05-12"),
            ("2046-04-01", "2046-04-30"),
        ),
    ],
)
def test_a_change_against_a_recent_month_is_this_month_so_far(
    question: str, date_range: tuple[str, str], compare_to: tuple[str, str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["date_range"], view["compare_to"]) == (span(*date_range), span(*compare_to))


@pytest.mark.parametrize(
    "question",
    [
        "leads per platform for March, and the cpa too? February for comparison please",
        "what did we spend in March and in February? I'd like to see the difference",
    ],
)
def test_a_month_said_for_comparison_is_set_beside_the_other(question: str) -> None:
    view = _plan(question, TODAY)
    assert view["date_range"] == span("2046-03-01", "2046-03-31")
    assert view["compare_to"] == span("2046-02-01", "2046-02-28")


def test_a_month_before_client_wants_it_is_no_client_s_name() -> None:
    view = _plan(
        "Could you pull online orders for Leeds, March vs February? Client wants it", TODAY
    )
    assert view["date_range"] == span("2046-03-01", "2046-03-31")
    assert view["compare_to"] == span("2046-02-01", "2046-02-28")
    view = _plan("spend for last month pls, the wine client wants it", TODAY)
    assert (view["route"], view["date_range"]) == ("direct", span("2046-04-01", "2046-04-30"))


def test_last_summer_set_against_this_summer_once_it_is_over_is_a_year_earlier() -> None:
    view = _plan("leads this summer vs last summer - why lower?", date(2046, 9, 20))
    assert view["date_range"] == span("2046-06-01", "2046-08-31")
    assert view["compare_to"] == span("2045-06-01", "2045-08-31")
    # this year's summer still to come: "last summer" is the one just gone
    view = _plan("what did we learn last summer for this summer?", date(2046, 5, 20))
    assert view["date_range"] == span("2045-06-01", "2045-08-31")


@pytest.mark.parametrize(
    "question",
    [
        "We ran a sale last week. How were online orders compared to the week before?",
        "We had a heatwave last week. Were the click and collect orders up compared to the"
        " week before? The stores were packed.",
    ],
)
def test_a_request_naming_only_the_period_before_takes_the_scene_s_period(question: str) -> None:
    view = _plan(question, TODAY)  # Sunday 13 May 2046: last week is 30 April to 6 May
    assert view["date_range"] == span("2046-04-30", "2046-05-06")
    assert view["compare_to"] == span("2046-04-23", "2046-04-29")


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("is 45p a click ok on meta for a cafe?", ["cpc"]),
        ("is 80p a click too steep on tiktok", ["cpc"]),
        ("whats the return on each dollar spent on meta this month", ["roas"]),
        ("return on every pound we put into google, last 4 weeks?", ["roas"]),
    ],
)
def test_pence_a_click_and_the_return_on_every_pound(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


@pytest.mark.parametrize(
    "question",
    [
        "bookings in the first 2 weeks of April vs the same weeks in March?",
        "Sorry for the Sunday message: enquiries in the first 2 weeks of April vs the same weeks"
        " in March, can you explain the gap?",
    ],
)
def test_the_same_weeks_in_another_month_are_as_many_days_of_it(question: str) -> None:
    view = _plan(question, TODAY)
    assert view["date_range"] == span("2046-04-01", "2046-04-14")
    assert view["compare_to"] == span("2046-03-01", "2046-03-14")


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        ("cost per store visit on google last month", []),
        ("Meta vs TikTok cost per showroom visit, MTD", ["platform"]),
        ("bookings per showroom last month", ["account"]),
    ],
)
def test_the_cost_per_showroom_visit_is_no_row_per_showroom(
    question: str, group_by: list[str]
) -> None:
    assert _plan(question, TODAY)["group_by"] == group_by


@pytest.mark.parametrize(
    "question",
    [
        "is it normal our cpa on meta is 3 times the one on google?",
        "is it ok that cpc on linkedin is three times google's",
    ],
)
def test_a_platform_some_times_another_s_figure_is_a_row_each(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == ["platform"]


@pytest.mark.parametrize(
    "question",
    [
        "bookings by day last 2 weeks for bolton and wigan, each one seperate",
        "orders per day since the 1st for Bolton and Wigan, each one separate",
    ],
)
def test_two_places_each_one_separate_by_day_are_a_row_per_place_and_day(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == ["account", "date"]


def test_pausing_for_a_fortnight_is_how_long_not_which_days() -> None:
    question = "what would happen to leads if we switched off Meta for a fortnight?"
    assert _plan(question, TODAY)["date_range"] == span("2046-05-06", "2046-05-12")
    assert _plan("leads over the last fortnight", TODAY)["date_range"] == span(
        "2046-04-29", "2046-05-12"
    )


def test_a_write_up_on_two_months_is_no_change_between_the_first_and_them() -> None:
    question = (
        "The client wants the April pack early. Could you do a quick write-up on April vs"
        " March, orders and revenue?"
    )
    view = _plan(question, TODAY)
    assert view["date_range"] == span("2046-04-01", "2046-04-30")
    assert view["compare_to"] == span("2046-03-01", "2046-03-31")
