"""Phrasings of session 40, checked in other words than the parts they were read on:
- a town typed in lower case that is also a typo of a domain word ("leeds" of leads, "speke"
  of spike, "pinecrest" of Pinterest) is the town where it stands as a place: before a premise
  or compass word, after "for", "in" or "at", or set beside another town; elsewhere it is still
  the typo it looks like ("mena cpm", "how many leeds did we get");
- a period and then an earlier one joined by "and" ("week 21 and week 20", "Q1 and Q1 last
  year") set side by side, the first asked about, while two in time's order stay one span;
- "seems alot", "looks a lot" after a figure as a verdict asked;
- "the cost for lead", "cost for booking" (no article: "per") as CPA;
- a texter's "wich", "wat", "shud" as which, what, should;
- money an ad brought in ("how much money did TikTok bring in", "what we made from online
  orders") as conversion value, the outcome after "made from" no count of its own;
- a change or a comparative against last month alone ("costing double per lead compared to
  April", "lower than in April") as this month so far against it, while a figure only set
  beside it ("seems low compared to April") keeps the last days;
- a lookup given rows ("spend for Ripon, Otley and Selby in April, one row each") as a
  breakdown;
- a change said before a period and against another ("enquiries are up loads in April on last
  year") as the first period against the second;
- texting's "y" before its verb mid-message ("cpc google vs meta l7d - y is meta so much
  cheaper") as why;
- "Meta's return land for May", "returning per pound spent", "the best-returning platform" as
  ROAS;
- "up this month on last" as this month against last month.
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
    ("question", "accounts", "metrics"),
    [
        ("cost per booking for leeds in april", ["leeds"], ["cpa"]),
        ("what did the pinecrest store spend on meta last week", ["pinecrest"], ["spend"]),
        ("speke vs bootle cpa in march", ["bootle", "speke"], ["cpa"]),
        ("spend in porto last week", ["porto"], ["spend"]),
    ],
)
def test_a_lower_case_town_standing_as_a_place_is_no_typo(
    question: str, accounts: list[str], metrics: list[str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], _accounts(question), view["metrics"], view["unsupported"]) == (
        "direct",
        accounts,
        metrics,
        [],
    )


def test_a_town_named_as_a_place_once_is_the_town_when_named_again() -> None:
    question = "The Pinecrest office has reopened. Pinecrest's calls from Google last week?"
    view = _plan(question, TODAY)
    assert (_accounts(question), view["unsupported"]) == (["Pinecrest"], [])


@pytest.mark.parametrize(
    ("question", "platforms", "metrics"),
    [
        ("mena cpm last week", ["meta_ads"], ["cpm"]),
        ("goole spend yesterday", ["google_ads"], ["spend"]),
        ("how many leeds did we get yesterday", [], ["conversions"]),
        ("rosas on tiktok in april", ["tiktok_ads"], ["roas"]),
    ],
)
def test_a_town_standing_where_a_domain_word_would_is_still_its_typo(
    question: str, platforms: list[str], metrics: list[str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["platforms"], view["metrics"], view["filters"]) == (platforms, metrics, [])


@pytest.mark.parametrize(
    ("question", "asked", "compared"),
    [
        ("leads on meta in week 18, and in week 17?", ("2046-04-30", "2046-05-06"),
         ("2046-04-23", "2046-04-29")),
        ("clicks and spend for Q1 and Q1 last year please", ("2046-01-01", "2046-03-31"),
         ("2045-01-01", "2045-03-31")),
        ("a table of bookings per store for april and march", ("2046-04-01", "2046-04-30"),
         ("2046-03-01", "2046-03-31")),
    ],
)  # fmt: skip
def test_a_period_and_then_an_earlier_one_are_set_side_by_side(
    question: str, asked: tuple[str, str], compared: tuple[str, str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["date_range"], view["compare_to"]) == (span(*asked), span(*compared))


def test_two_periods_in_times_order_are_one_span() -> None:
    view = _plan("spend on google for march and april", TODAY)
    assert (view["date_range"], view["compare_to"]) == (span("2046-03-01", "2046-04-30"), None)


@pytest.mark.parametrize(
    "question",
    [
        "what did google charge us in march vs february, seems alot",
        "tiktok spend this month looks a lot to me",
    ],
)
def test_a_figure_said_to_seem_a_lot_is_judged(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("Which was the cost for lead on LinkedIn last month?", ["cpa"]),
        (
            "Bookings and cost for booking per campaign in April, only Google",
            ["conversions", "cpa"],
        ),
        ("what did the spring campaign cost for the whole of april", ["spend"]),
    ],
)
def test_the_cost_for_one_outcome_is_its_price(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


def test_a_texters_wich_asks_which_one() -> None:
    view = _plan("wich store got the most bookings in april", TODAY)
    assert (view["intent"], view["group_by"]) == ("ranking", ["account"])


def test_a_texters_wat_shud_asks_for_advice() -> None:
    view = _plan("wat shud i change on google to get more bookings", TODAY)
    assert (view["route"], view["intent"]) == ("analysis", "recommendation")


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("how much money did tiktok bring in last weekend", ["conversion_value"]),
        (
            "Meta in March: what did it cost and what did it bring in?",
            ["conversion_value", "spend"],
        ),
        ("what we made from online orders on google in april", ["conversion_value"]),
        ("how many bookings did tiktok bring in last week", ["conversions"]),
        ("we spent 3k on google in march, too much for what it brought in?", ["spend"]),
    ],
)
def test_the_money_an_ad_brought_in_is_conversion_value(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Why is the spring campaign costing double per lead compared to April?",
         ("2046-05-01", "2046-05-13")),
        ("bookings are lower than in April, why?", ("2046-05-01", "2046-05-13")),
        ("is our google ctr ok? seems low compared to april", ("2046-05-06", "2046-05-12")),
    ],
)  # fmt: skip
def test_a_change_against_last_month_alone_asks_about_this_month(
    question: str, asked: tuple[str, str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["date_range"], view["compare_to"]) == (
        span(*asked),
        span("2046-04-01", "2046-04-30"),
    )


@pytest.mark.parametrize(
    "question",
    [
        "spend for Ripon, Otley and Selby in April - one row each please",
        "Could I have the total leads for the Leith, Morningside and Portobello accounts for "
        "April please, one line each",
    ],
)
def test_a_lookup_given_a_row_each_is_a_breakdown(question: str) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["intent"], view["group_by"]) == ("direct", "breakdown", ["account"])


@pytest.mark.parametrize(
    "question",
    [
        "enquiries are up loads in April on last year, is that us?",
        "sales down 20% in April on last year",
    ],
)
def test_a_change_said_before_a_period_is_against_the_next(question: str) -> None:
    view = _plan(question, TODAY)
    assert (view["date_range"], view["compare_to"]) == (
        span("2046-04-01", "2046-04-30"),
        span("2045-04-01", "2045-04-30"),
    )


@pytest.mark.parametrize(
    "question",
    [
        "cpc google vs meta l7d - y is meta so much cheaper",
        "bookings down on tt this wk, y did that happen",
    ],
)
def test_texting_y_before_its_verb_asks_why(question: str) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["intent"]) == ("analysis", "diagnosis")


@pytest.mark.parametrize(
    "question",
    [
        "Where will Meta's return land for May?",
        "What's TikTok actually returning per pound spent this year?",
        "Best-returning platform last quarter?",
    ],
)
def test_what_a_platform_returns_per_pound_is_roas(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["roas"]


def test_up_this_month_on_last_is_against_last_month() -> None:
    view = _plan("Why is our cost per lead up this month on last?", TODAY)
    assert (view["date_range"], view["compare_to"]) == (
        span("2046-05-01", "2046-05-13"),
        span("2046-04-01", "2046-04-30"),
    )
