"""Phrasings of session 28, checked in other words than the parts they were read on: what a
platform billed (its invoices, charges, the ad bill) is spend, unless the invoice is a
document; "cost per mille" is CPM; the writer saying they will look at the answer later asks
for no forecast; a period brought in "for comparison"; "each of the last 4 months"; a name
signed after "Sincerely"; a figure that moved between two periods, asked about the later; a
coming holiday gone into; two accounts or platforms set against each other ("so far apart",
"smashing … while", "crushing"); ROAS said in words ("the return on our TikTok ads spend"), and
a ratio taken over an outcome ("a CPA of 42 EUR for the webinar sign-ups") that counts none;
"g" beside another platform; "which platform is giving us the cheapest …"."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span as _range

TODAY = date(2027, 9, 14)


@pytest.mark.parametrize(
    "question",
    [
        "Google and Microsoft invoices for July next to each other pls",
        "the TikTok charges for last week seem high, anything odd?",
        "what's the ad bill for Q2 so far?",
        "why did the LinkedIn invoices jump in August?",
    ],
)
def test_what_a_platform_billed_is_spend(question: str) -> None:
    assert "spend" in _plan(question, TODAY)["metrics"]


def test_an_invoice_as_a_document_asks_no_amount() -> None:
    assert _plan("is VAT charged on the Google invoices we get?", TODAY)["metrics"] == []


def test_cost_per_mille_is_cpm_not_a_priced_outcome() -> None:
    assert _plan("Meta cost per mille last month", TODAY)["metrics"] == ["cpm"]


@pytest.mark.parametrize(
    "question",
    [
        "Hi, Meta leads per store, August vs July please. In meetings all day, will look later.",
        "Google spend by week for August please - will look at it tomorrow, thanks",
    ],
)
def test_the_writer_looking_at_the_answer_later_is_no_forecast(question: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["route"] == "direct"
    assert plan["intent"] != "forecast"


@pytest.mark.parametrize(
    "question",
    [
        "Meta leads in August 2027 and, for comparison, August 2026",
        "Google spend for August 2027 and as a baseline August 2026",
    ],
)
def test_a_period_brought_in_for_comparison_is_the_comparison(question: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range("2027-08-01", "2027-08-31")
    assert plan["compare_to"] == _range("2026-08-01", "2026-08-31")


@pytest.mark.parametrize(
    ("question", "grain"),
    [
        ("TikTok clicks for each of the last 4 months", "month"),
        ("Meta CPA in each of the past 6 weeks please", "week"),
    ],
)
def test_each_of_the_last_n_periods_is_a_row_each(question: str, grain: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["group_by"] == [grain]
    assert plan["intent"] == "trend"


def test_a_name_signed_after_sincerely_is_the_writer() -> None:
    question = "Could you send the Google spend for August? Sincerely, Haruto Sato"
    assert _plan(question, TODAY)["filters"] == []


@pytest.mark.parametrize(
    ("question", "asked", "against"),
    [
        (
            "Meta spend on 6 September 2027 was three times that of 30 August. A mistake?",
            ("2027-09-06", "2027-09-06"),
            ("2027-08-30", "2027-08-30"),
        ),
        (
            "August was awful for Meta bookings - down loads on July. What went wrong?",
            ("2027-08-01", "2027-08-31"),
            ("2027-07-01", "2027-07-31"),
        ),
        (
            "our cpa in week 36 shows a big deviation from week 35, please explain",
            ("2027-09-06", "2027-09-12"),
            ("2027-08-30", "2027-09-05"),
        ),
    ],
)
def test_a_figure_that_moved_between_two_periods_asks_about_the_later(
    question: str, asked: tuple[str, str], against: tuple[str, str]
) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range(*asked)
    assert plan["compare_to"] == _range(*against)


def test_a_stretch_from_one_month_to_another_stays_one_span() -> None:
    plan = _plan("how has recruitment gone June through August? write it up for staff", TODAY)
    assert plan["date_range"] == _range("2027-06-01", "2027-08-31")


def test_the_financial_year_is_the_fiscal_year_the_message_declares() -> None:
    question = "financial year to date spend on Meta please - our financial year begins on 1 April"
    assert _plan(question, TODAY)["date_range"] == _range("2027-04-01", "2027-09-14")


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("Meta leads this Q so far", ("2027-07-01", "2027-09-14")),
        ("quick q: what was Google spend last Q", ("2027-04-01", "2027-06-30")),
    ],
)
def test_this_q_and_last_q_are_quarters(question: str, period: tuple[str, str]) -> None:
    assert _plan(question, TODAY)["date_range"] == _range(*period)


@pytest.mark.parametrize(
    "question",
    [
        "is Google pacing ok heading into Black Friday?",
        "anything to flag before we log off for Christmas?",
        "any worries on Meta going into Christmas?",
    ],
)
def test_a_coming_holiday_gone_into_is_no_period_of_last_year(question: str) -> None:
    # asked on 24 November: the last seven days are read, not last year's holiday
    plan = _plan(question, date(2027, 11, 24))
    assert plan["date_range"] == _range("2027-11-17", "2027-11-23")


@pytest.mark.parametrize(
    ("question", "grouping"),
    [
        ("why are the Penrith and Keswick shops so far apart on cost per order?", "account"),
        ("why is Penrith smashing orders while Keswick is dead?", "account"),
        ("why is google crushing linkedin on cpl this month?", "platform"),
    ],
)
def test_two_set_against_each_other_in_an_open_question_are_a_row_each(
    question: str, grouping: str
) -> None:
    assert grouping in _plan(question, TODAY)["group_by"]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("what's the return on our TikTok ads spend this quarter?", ["roas"]),
        ("is a CPA of 42 EUR for the webinar sign-ups on LinkedIn too high?", ["cpa"]),
        ("blended CAC on demo requests MTD please", ["cpa"]),
    ],
)
def test_a_ratio_said_in_words_or_taken_over_an_outcome_is_that_ratio_alone(
    question: str, metrics: list[str]
) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


def test_two_periods_set_against_each_other_are_never_off_topic() -> None:
    plan = _plan("need a quick update for the owners on last week vs the week before", TODAY)
    assert plan["route"] == "analysis"
    assert plan["intent"] == "report"
    lookup = _plan("signups: 2027-W36 vs 2027-W35, all plats", TODAY)
    assert lookup["route"] == "direct"
    assert lookup["compare_to"] == _range("2027-08-30", "2027-09-05")


def test_g_beside_another_platform_is_google() -> None:
    plan = _plan("g vs fb clicks yday", TODAY)
    assert plan["platforms"] == ["google_ads", "meta_ads"]
    assert plan["route"] == "direct"
    assert _plan("how many 5 g bags did we sell", TODAY)["platforms"] == []


def test_which_platform_is_giving_the_cheapest_is_a_ranking() -> None:
    plan = _plan("which platform is giving us the cheapest demo requests this month", TODAY)
    assert plan["route"] == "direct"
    assert plan["intent"] == "ranking"
