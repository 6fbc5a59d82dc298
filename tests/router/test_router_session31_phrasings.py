"""Phrasings of session 31, checked in other words than the parts they were read on: the
product a box or subscription business sells named after "for the"; a state that changed
between two periods ("strong in May, weak in June"); how an outcome did ("booking performance",
"booking data"); "how did we do"; a tutor's subjects; a weekly pull; a period
until yesterday; tee times."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan
from router_support import span as _range

TODAY = date(2027, 7, 14)  # a Wednesday


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("How much did we spend on Meta for the snack boxes last month?", ["spend"]),
        ("CTR on TikTok for the pet subscriptions is low, why?", ["ctr"]),
    ],
)
def test_a_product_line_named_beside_another_metric_is_no_count(
    question: str, metrics: list[str]
) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


def test_a_product_line_asked_about_alone_stays_the_count() -> None:
    plan = _plan("was June a good month for the snack boxes?", TODAY)
    assert plan["metrics"] == ["conversions"]


def test_first_boxes_stay_the_count_beside_another_metric() -> None:
    plan = _plan("spend for the first boxes on Meta last month", TODAY)
    assert plan["metrics"] == ["conversions", "spend"]


@pytest.mark.parametrize(
    "question",
    [
        "Harrogate was strong in May and weak in June. Why?",
        "why were June enquiries flat on May?",
        "leads were great in May but awful in June, why?",
    ],
)
def test_a_state_that_changed_between_two_months_compares_them(question: str) -> None:
    plan = _plan(question, TODAY)
    assert plan["date_range"] == _range("2027-06-01", "2027-06-30")
    assert plan["compare_to"] == _range("2027-05-01", "2027-05-31")


@pytest.mark.parametrize(
    "question",
    [
        "write up our June booking performance for the owners",
        "anything odd in the reservation data this week?",
    ],
)
def test_how_an_outcome_did_is_its_count(question: str) -> None:
    assert _plan(question, TODAY)["metrics"] == ["conversions"]


@pytest.mark.parametrize(
    "question", ["H1 over. how did we do vs H2 last year?", "how have they done since March?"]
)
def test_how_we_did_is_an_open_question(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


@pytest.mark.parametrize(
    "question", ["sign-ups per subject last month", "which 2 subjects had the cheapest leads?"]
)
def test_a_tutors_subjects_are_its_campaigns(question: str) -> None:
    assert _plan(question, TODAY)["group_by"] == ["campaign"]


def test_a_subject_line_is_no_campaign() -> None:
    assert _plan("ideas for a subject line for the June newsletter?", TODAY)["group_by"] == []


@pytest.mark.parametrize(
    "question",
    [
        "Monthly pull: leads by platform for June",
        "for the weekly - spend by campaign, last 7 days",
    ],
)
def test_a_weekly_or_monthly_pull_is_no_grain(question: str) -> None:
    group_by = _plan(question, TODAY)["group_by"]
    assert "week" not in group_by
    assert "month" not in group_by


def test_a_period_until_yesterday_ends_yesterday() -> None:
    plan = _plan("Meta leads for Q2 until yesterday, by platform", date(2027, 6, 29))
    assert plan["date_range"] == _range("2027-04-01", "2027-06-28")


def test_tee_times_are_a_golf_clubs_conversions() -> None:
    plan = _plan("how many tee times did we get from Meta last week?", TODAY)
    assert plan["metrics"] == ["conversions"]
