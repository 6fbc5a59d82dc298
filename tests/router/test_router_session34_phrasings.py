"""Phrasings of session 34, checked in other words than the parts they were read on: places
named in lower case after "for" or "at"; "mth" as a month; "how is it possible?" as a why;
"the same time" of an earlier month as as many days; the return on a platform, and spend
against return, as ROAS; "google or fb better for …?" as a pick; two months named "so I can
compare" as compared; more ways two platforms are set against each other; a change "on last wk";
"since two weeks"; semesters; "the week 5 of 2037"; sums said aloud or by the month; nurseries,
marinas, outlets and garages as premises; a nursery's show rounds; "how much on TikTok"."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span as _range

TODAY = date(2037, 2, 11)  # a Wednesday


def _accounts(plan: dict[str, object]) -> list[str]:
    return [f["value"] for f in plan["filters"] if f["field"] == "account"]  # type: ignore[attr-defined, index]


@pytest.mark.parametrize(
    ("question", "accounts"),
    [
        ("leads for kirkstall and for jesmond last month, separately", ["jesmond", "kirkstall"]),
        ("bookings at pollokshields with spend since march pls", ["pollokshields"]),
        ("is the meta cpa for headingley getting worse every week", ["headingley"]),
        ("we spent 300 quid on tiktok for jesmond in jan and got 9 leads, bad?", ["jesmond"]),
    ],
)
def test_a_lower_case_place_after_for_or_at_is_an_account(
    question: str, accounts: list[str]
) -> None:
    assert _accounts(_plan(question, TODAY)) == accounts


@pytest.mark.parametrize(
    "question",
    [
        "is 4 dollars per click on linkedin normal for fintech",  # a kind of business
        "can u do 3 bullets for standup on yesterday",  # a meeting
        "any good hotels in lisbon lol",  # a trip
    ],
)
def test_words_after_for_or_in_that_are_no_place_are_not_accounts(question: str) -> None:
    assert _accounts(_plan(question, TODAY)) == []


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("cpa last mth by platform", "2037-01-01", "2037-01-31"),
        ("leads past 3 mths", "2036-11-01", "2037-01-31"),
    ],
)
def test_mth_is_a_month(question: str, start: str, end: str) -> None:
    assert _plan(question, TODAY)["date_range"] == _range(start, end)


@pytest.mark.parametrize(
    "question",
    [
        "Far more clicks on Meta than on Google this month but fewer sales. How is it possible?",
        "Google got more clicks than TikTok last week and fewer orders, how can that be possible",
    ],
)
def test_how_is_it_possible_asks_why(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["intent"]) == ("analysis", "diagnosis")


def test_the_same_time_of_last_month_is_as_many_days() -> None:
    plan = _plan("leads mtd vs the same time last month", TODAY)
    assert plan["compare_to"] == _range("2037-01-01", "2037-01-11")


def test_at_the_same_time_is_while_and_keeps_the_whole_month() -> None:
    plan = _plan("spend this month vs last month, and at the same time leads fell", TODAY)
    assert plan["compare_to"] == _range("2037-01-01", "2037-01-31")


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("what's the return on tiktok this month", ["roas"]),
        ("whats the return on fb been like this month", ["roas"]),
        ("spend against return by platform for q4", ["roas", "spend"]),
        ("what is the return on our google ads spend, and should we keep it", ["roas"]),
    ],
)
def test_the_return_on_a_platform_is_roas(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


@pytest.mark.parametrize(
    "question",
    ["tiktok or meta better for trial sign ups this month?", "is google or bing better for demos"],
)
def test_one_platform_or_another_better_asks_for_a_pick(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


def test_how_two_platforms_performed_stays_a_comparison() -> None:
    plan = _plan("Which performed better last month, Google or Bing?", TODAY)
    assert (plan["route"], plan["intent"]) == ("direct", "comparison")


@pytest.mark.parametrize(
    "question",
    [
        "spend for december and also for november so i can compare",
        "leads in december and november so we can compare them",
    ],
)
def test_two_months_named_so_i_can_compare_are_compared(question: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range("2036-12-01", "2036-12-31")
    assert plan["compare_to"] == _range("2036-11-01", "2036-11-30")


@pytest.mark.parametrize(
    "question",
    [
        "why is there such a difference between the CPC on TikTok and on Meta?",
        "Google brought in twice the sign ups of TikTok in January. Should we rebalance?",
        "the owner thinks TikTok is useless compared to Meta, is that fair?",
        "should we throw more money at google or keep it mostly on bing for easter?",
        "I compared the cost per lead of LinkedIn and Google in January. Where should money go?",
    ],
)
def test_two_platforms_set_against_each_other_are_read_platform_by_platform(
    question: str,
) -> None:
    assert "platform" in _plan(question, TODAY)["group_by"]


def test_a_period_compared_across_two_platforms_is_not_split_by_platform() -> None:
    plan = _plan(
        "Could you write up how January went compared with December across Meta and Google?",
        TODAY,
    )
    assert "platform" not in plan["group_by"]


@pytest.mark.parametrize(
    ("question", "subject", "compared"),
    [
        (
            "sign ups down 15% on last week?? why",
            ("2037-02-09", "2037-02-11"),
            ("2037-02-02", "2037-02-08"),
        ),
        ("bookings up 30 percent on last month", ("2037-02-01", "2037-02-11"), None),
    ],
)
def test_a_change_on_a_past_period_compares_its_counterpart_to_date(
    question: str, subject: tuple[str, str], compared: tuple[str, str] | None
) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range(*subject)
    assert plan["compare_to"] == _range(*(compared or ("2037-01-01", "2037-01-31")))


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("why is the cpc on meta going up since three weeks?", "2037-01-21", "2037-02-10"),
        ("leads are falling since 10 days, what happens?", "2037-02-01", "2037-02-10"),
    ],
)
def test_since_a_number_of_weeks_or_days_is_that_many_back(
    question: str, start: str, end: str
) -> None:
    assert _plan(question, TODAY)["date_range"] == _range(start, end)


def test_since_weeks_ago_is_left_to_the_rules_of_ago() -> None:
    plan = _plan("leads since 2 weeks ago", TODAY)
    assert plan["date_range"] == _range("2037-01-26", "2037-02-11")  # from that week on


def test_a_semester_is_a_half_year() -> None:
    plan = _plan("spend in the second semester of 2036 compared with the first semester", TODAY)
    assert plan["date_range"] == _range("2036-07-01", "2036-12-31")


def test_the_week_numbered_of_a_year_is_that_iso_week() -> None:
    plan = _plan("Please the clicks of Google for the week 5 of 2037. Thank you", TODAY)
    assert plan["date_range"] == _range("2037-01-26", "2037-02-01")


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("is three quid twenty a click on meta steep for a florist", ["cpc"]),
        ("Is 0,60€ the click on TikTok normal, or too expensive?", ["cpc"]),
        ("is 3k a month on linkedin too much for a dentist", ["spend"]),
        ("2500 euros per month on google, is it too much for two shops?", ["spend"]),
    ],
)
def test_a_sum_said_aloud_or_by_the_month_is_a_price_or_a_spend(
    question: str, metrics: list[str]
) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


@pytest.mark.parametrize(
    "question",
    [
        "enquiries by marina last month",
        "cost per booking by nursery, meta only, january",
        "orders by outlet yesterday",
        "which garages got the most mot bookings last week",
    ],
)
def test_a_nursery_marina_outlet_or_garage_is_an_account(question: str) -> None:
    plan = _plan(question, TODAY)
    assert (plan["route"], plan["group_by"]) == ("direct", ["account"])


def test_a_show_round_is_a_visit_not_a_show_to_split_by() -> None:
    assert _plan("cost per show round on meta last month", TODAY)["group_by"] == []


def test_how_much_on_a_platform_is_spend() -> None:
    assert _plan("how much on TikTok in January vs December?", TODAY)["metrics"] == ["spend"]


def test_how_much_on_each_of_a_plan_is_no_spend() -> None:
    question = "which platforms would you put the extra money into, and roughly how much on each?"
    assert "spend" not in _plan(question, TODAY)["metrics"]
