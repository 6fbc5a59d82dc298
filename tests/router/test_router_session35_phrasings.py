"""Phrasings of session 35, checked in other words than the parts they were read on: the return
on a platform, a judged return and revenue per pound spent as ROAS, and a lookup of them
answered from data; two accounts set against each other, or side by side, as a row each; more
ways two platforms are set against each other; two platforms asked "separate" or "and how many
from" as a row each; "hows the bristol gym doin" as a check-up; a message that is all context
as asking in those words; "up so much on last month" as this month so far against it; "the
same as last week" as compared with it; selling more or fewer as conversions; a place in lower
case as a question's subject or after "than"; "Second," opening a sentence as no day; "across
Meta" alone as no split; "how to split the budget" as advice; "the cost per acquisition for
hamper orders" as a CPA alone; "how much are we paying Google per booking" as a CPA lookup;
"where's our money best spent" as advice; "for the week 5" as that ISO week; two platforms
"next to each other" or "each separate" as a row each."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan

TODAY = date(2038, 6, 17)  # a Thursday


@pytest.mark.parametrize(
    "question",
    [
        "return on tiktok last month vs the month before?",
        "what was the return on meta in may",
        "are we getting a higher return this month than last on google?",
        "revenue per dollar spent on linkedin vs microsoft, last 6 weeks",
        "return per euro on meta, q1 vs q2",
    ],
)
def test_a_return_asked_as_a_figure_is_a_roas_lookup(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["metrics"]) == ("direct", ["roas"]), plan["route_reason"]


def test_the_return_rate_of_goods_is_no_roas() -> None:
    plan = _plan("is a lower return rate on meta orders a good sign?", TODAY)
    assert "roas" not in plan["metrics"]


def test_a_judged_return_on_the_spend_is_roas_alone() -> None:
    assert _plan("is a decent return on the meta spend 2x?", TODAY)["metrics"] == ["roas"]


def _grouping(question: str) -> list[str]:
    return _plan(question, TODAY)["group_by"]  # type: ignore[no-any-return]


def test_two_accounts_set_against_each_other_are_a_row_each_with_periods_compared() -> None:
    assert _grouping("trial bookings Harrogate vs Ripon, this month vs last month") == ["account"]


def test_two_accounts_only_listed_with_periods_compared_are_one_total() -> None:
    assert _grouping("trial bookings for Harrogate and Ripon, this month vs last month") == []


def test_accounts_side_by_side_are_a_row_each() -> None:
    assert _grouping("Harrogate and Ripon, bookings per week since March, side by side") == [
        "account",
        "week",
    ]


def test_platforms_side_by_side_for_one_account_are_no_account_rows() -> None:
    assert "account" not in _grouping("Harrogate bookings, Google and Meta side by side, May")


@pytest.mark.parametrize(
    "question",
    [
        "clicks held up in google but dropped in bing last week, what changed?",
        "the CTR of linkedin and google last quarter, so different, why?",
        "LinkedIn CPL for the webinar series is now triple Google's, is that normal?",
    ],
)
def test_two_platforms_set_against_each_other_are_read_platform_by_platform(
    question: str,
) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["group_by"]) == ("analysis", ["platform"]), plan["route_reason"]


@pytest.mark.parametrize(
    "question",
    [
        "leads on google and on linkedin last week? separate pls",
        "spend for meta and tiktok in may with the tiktok figures separate",
        "how many sign ups from meta in april and how many from google",
    ],
)
def test_two_platforms_asked_separately_are_a_row_each(question: str) -> None:
    assert _grouping(question) == ["platform"]


def test_each_campaign_separate_is_no_platform_split() -> None:
    assert _grouping("clicks from linkedin last 14 days, each campaign separate please") == [
        "campaign"
    ]


@pytest.mark.parametrize("question", ["hows the bristol gym doin", "hows the york site doin"])
def test_hows_it_doing_asks_for_a_reading_not_a_figure(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "diagnosis"), plan["route_reason"]


@pytest.mark.parametrize(
    "question", ["hows the bristol gym holding up", "the york site treading water"]
)
def test_a_message_that_is_all_context_asks_in_those_words(question: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["route"] == "analysis", plan["route_reason"]


def test_context_around_a_request_still_needs_no_explaining() -> None:
    plan = _plan("Hi Sam, thanks! Bristol gym trial bookings last week?", TODAY)
    assert plan["route"] == "direct", plan["route_reason"]


@pytest.mark.parametrize(
    ("question", "subject", "compared"),
    [
        (
            "why is meta cpa down so much on last week",
            ("2038-06-14", "2038-06-17"),
            ("2038-06-07", "2038-06-13"),
        ),
        (
            "leads up massively from last month, why",
            ("2038-06-01", "2038-06-17"),
            ("2038-05-01", "2038-05-31"),
        ),
    ],
)
def test_a_change_said_without_a_figure_compares_the_period_so_far(
    question: str, subject: tuple[str, str], compared: tuple[str, str]
) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == {"start": subject[0], "end": subject[1]}
    assert plan["compare_to"] == {"start": compared[0], "end": compared[1]}


def test_the_same_as_a_period_compares_with_it() -> None:
    plan = _plan("sign ups this week are the same as last week but cpc is 30% more, why?", TODAY)
    assert plan["date_range"] == {"start": "2038-06-14", "end": "2038-06-17"}
    assert plan["compare_to"] == {"start": "2038-06-07", "end": "2038-06-13"}


@pytest.mark.parametrize(
    "question",
    ["which day do we sell more online", "people buy less online in summer, true for us?"],
)
def test_selling_more_or_fewer_counts_conversions(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["conversions"]


def test_would_we_sell_more_names_no_count() -> None:
    assert _plan("if we moved 2k to meta would we sell more?", TODAY)["metrics"] == []


def _accounts(question: str) -> list[str]:
    return [f["value"] for f in _plan(question, TODAY)["filters"] if f["field"] == "account"]


@pytest.mark.parametrize(
    ("question", "accounts"),
    [
        ("how many leads did kirkstall get last week", ["kirkstall"]),
        ("has pudsey had any trial bookings this month", ["pudsey"]),
        ("cpa at jesmond is way higher than gosforth why", ["gosforth", "jesmond"]),
    ],
)
def test_a_lower_case_place_as_subject_or_set_against_another_is_an_account(
    question: str, accounts: list[str]
) -> None:
    assert _accounts(question) == accounts


@pytest.mark.parametrize(
    "question",
    [
        "how many leads did anyone get from the webinar last week",
        "is tiktok cpa higher than normal this month",
        "did meta get more leads than google in may",
    ],
)
def test_words_in_the_subject_or_than_slot_that_are_no_place_are_not_accounts(
    question: str,
) -> None:
    assert _accounts(question) == []


def test_an_ordinal_opening_a_sentence_counts_the_asks_not_the_days() -> None:
    plan = _plan(
        "Two asks. First, leads in May compared with April.\n\nSecond, your view on TikTok.",
        TODAY,
    )
    assert plan["compare_to"] == {"start": "2038-04-01", "end": "2038-04-30"}


def test_across_one_platform_is_where_to_look_not_a_split() -> None:
    assert _grouping("weekly trial bookings across tiktok since march") == ["week"]


def test_across_two_platforms_is_still_a_row_each() -> None:
    assert _grouping("weekly trial bookings across tiktok and meta since march") == [
        "platform",
        "week",
    ]


def test_how_to_split_the_money_asks_for_advice() -> None:
    plan = _plan("not sure how to split the budget between our three gyms", TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "recommendation"), plan["route_reason"]


def test_split_spend_across_platforms_still_asks_for_the_split() -> None:
    assert _plan("split spend across platforms this quarter", TODAY)["route"] == "direct"


@pytest.mark.parametrize(
    "question",
    [
        "what was the cost per acquisition for webinar sign ups on linkedin in may",
        "please send the cost per acquisition for demo requests by week since april",
    ],
)
def test_the_cost_per_acquisition_for_an_outcome_counts_no_outcomes(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["cpa"]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("how much are we paying meta per trial booking this month", ["cpa"]),
        ("what are we paying per click on linkedin in may", ["cpc"]),
    ],
)
def test_what_is_paid_per_outcome_is_its_price_looked_up(question: str, metrics: list[str]) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["metrics"]) == ("direct", metrics), plan["route_reason"]


def test_paying_too_much_per_outcome_is_still_a_verdict() -> None:
    assert _plan("are we paying too much per lead on meta", TODAY)["route"] == "analysis"


@pytest.mark.parametrize(
    "question",
    ["where's the money best spent, bing or meta?", "where is our money best spent, tiktok or fb"],
)
def test_where_money_is_best_spent_asks_for_advice(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "recommendation"), plan["route_reason"]


def test_the_week_numbered_without_a_year_is_that_iso_week() -> None:
    plan = _plan("leads on google for the week 5 please", TODAY)
    assert plan["date_range"] == {"start": "2038-02-01", "end": "2038-02-07"}


@pytest.mark.parametrize(
    "question",
    [
        "ctr on linkedin and bing last month, next to each other",
        "sign ups for meta and for tiktok in may, each separate. thanks",
    ],
)
def test_two_platforms_next_to_each_other_or_each_separate_are_a_row_each(question: str) -> None:
    assert _grouping(question) == ["platform"]
