"""Every analysis plan carries the periods its question needs, decided by its intent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libs.common.plan import DateRange
from libs.common.vocab import Intent, Route
from services.router import build_plan
from services.router.dates.analysis import aligned_previous

SUNDAY = date(2026, 11, 22)
FAST = settings(max_examples=80, deadline=None)


def rng(text: str) -> DateRange:
    start, end = text.split("..")
    return DateRange(start=date.fromisoformat(start), end=date.fromisoformat(end))


@pytest.mark.parametrize(
    ("question", "asked", "compare_to", "history"),
    [
        (
            "Why did our ROAS drop last week?",
            "2026-11-09..2026-11-15",
            "2026-11-02..2026-11-08",
            "2026-10-05..2026-11-08",
        ),
        (
            "Why did conversions fall yesterday?",
            "2026-11-21..2026-11-21",
            "2026-11-14..2026-11-14",
            "2026-10-17..2026-11-20",
        ),
        (
            "why did spend jump this month",
            "2026-11-01..2026-11-22",
            "2026-10-04..2026-10-25",
            "2026-09-06..2026-10-31",
        ),
        (
            "Anything unusual in October?",
            "2026-10-01..2026-10-31",
            "2026-09-01..2026-09-30",
            "2026-08-04..2026-09-30",
        ),
        (
            "Write a report for Q3",
            "2026-07-01..2026-09-30",
            "2026-04-01..2026-06-30",
            "2026-03-04..2026-06-30",
        ),
        (
            "why did CPA rise last week vs same period last year",
            "2026-11-09..2026-11-15",
            "2025-11-09..2025-11-15",
            "2026-10-12..2026-11-08",
        ),
        (
            "why did ROAS fall in 2025 vs 2024",
            "2025-01-01..2025-12-31",
            "2024-01-01..2024-12-31",
            "2024-12-04..2024-12-31",
        ),
    ],
)
def test_why_anomaly_and_report_plans_carry_comparison_and_history(
    question: str, asked: str, compare_to: str, history: str
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert (plan.date_range, plan.compare_to, plan.history) == (
        rng(asked),
        rng(compare_to),
        rng(history),
    )


def test_why_plan_says_the_comparison_was_chosen_not_named() -> None:
    plan = build_plan("Why did our ROAS drop last week?", today=SUNDAY)
    assert "compare:aligned" in plan.rationale
    named = build_plan("Why did ROAS drop last week compared to the week before?", today=SUNDAY)
    assert "compare:named" in named.rationale


def test_forecast_takes_eight_weeks_to_yesterday_and_no_comparison() -> None:
    plan = build_plan("forecast our spend for next week", today=SUNDAY)
    assert plan.intent is Intent.FORECAST
    assert plan.compare_to is None
    assert plan.history == rng("2026-09-27..2026-11-21")


def test_direct_plans_carry_no_history() -> None:
    plan = build_plan("What did we spend on Meta last week?", today=SUNDAY)
    assert (plan.route, plan.compare_to, plan.history) == (Route.DIRECT, None, None)


@given(
    start=st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 1, 1)),
    days=st.integers(min_value=1, max_value=200),
)
@FAST
def test_the_chosen_comparison_has_the_same_length_and_weekdays_and_ends_before(
    start: date, days: int
) -> None:
    asked = DateRange(start=start, end=start + timedelta(days=days - 1))
    other = aligned_previous(asked)
    if asked.start.day == 1 and (asked.end + timedelta(days=1)).day == 1:
        return  # whole months: the months before (tested below)
    assert other.days == asked.days
    assert other.start.weekday() == asked.start.weekday()
    assert other.end < asked.start
    assert (asked.start - other.end).days <= 7


@given(
    year=st.integers(min_value=2001, max_value=2098),
    month=st.integers(min_value=1, max_value=12),
    months=st.sampled_from([1, 3, 12]),
)
@FAST
def test_whole_months_are_compared_with_as_many_whole_months_before(
    year: int, month: int, months: int
) -> None:
    start = date(year, month, 1)
    end_month = (month - 1 + months) % 12 + 1
    end_year = year + (month - 1 + months) // 12
    asked = DateRange(start=start, end=date(end_year, end_month, 1) - timedelta(days=1))
    other = aligned_previous(asked)
    assert other.start.day == 1
    assert other.end == start - timedelta(days=1)
    assert (other.end.year - other.start.year) * 12 + other.end.month - other.start.month + 1 == (
        months
    )


@pytest.mark.parametrize(
    ("question", "today", "asked"),
    [
        (
            "Should we move some of the Microsoft budget to LinkedIn for Q4? Context: MS CPL"
            " last quarter was ~$180, LI ~$240.",
            date(2026, 9, 16),
            "2026-04-01..2026-06-30",
        ),
        (
            "Based on Q1, what should we change in the TikTok campaign going into April?",
            date(2026, 3, 31),
            "2026-01-01..2026-03-31",
        ),
        (
            "we have 20k unallocated for March — split between LinkedIn, Google, Microsoft how?"
            " use Jan performance",
            date(2027, 2, 9),
            "2027-01-01..2027-01-31",
        ),
    ],
)
def test_a_plan_reads_its_data_not_the_period_it_plans_for(
    question: str, today: date, asked: str
) -> None:
    plan = build_plan(question, today=today)
    assert plan.route is Route.ANALYSIS
    assert plan.date_range == rng(asked)


def test_a_month_asked_about_in_a_lookup_is_still_the_latest_one() -> None:
    # Only an analysis question's horizon is left out: "spend for March, and January" asked in
    # February is last March and this January.
    plan = build_plan("Google spend for March and January?", today=date(2027, 2, 9))
    assert plan.date_range.start == date(2026, 3, 1)


def test_a_forecast_of_a_coming_month_from_recent_weeks_is_that_month() -> None:
    plan = build_plan(
        "Give me a forecast of September ticket sales based on the last 8 weeks",
        today=date(2026, 8, 19),
    )
    assert plan.intent is Intent.FORECAST
    assert plan.date_range == rng("2026-09-01..2026-09-30")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Will we hit our conversion target this month?", "2026-11-01..2026-11-30"),
        ("At this pace, how much will we spend this quarter?", "2026-10-01..2026-12-31"),
        (
            "What revenue should we expect from Google over the rest of the month?",
            "2026-11-23..2026-11-30",
        ),
    ],
)
def test_a_forecast_of_a_period_under_way_is_all_of_it_the_rest_of_it_only_the_rest(
    question: str, asked: str
) -> None:
    # The analyst projects the days of the plan's period not seen yet: the month to date
    # would leave nothing to project.
    plan = build_plan(question, today=SUNDAY)
    assert plan.intent is Intent.FORECAST
    assert plan.date_range == rng(asked)


def test_advice_for_a_coming_month_alone_reads_the_recent_days() -> None:
    # The June budget has no data yet: the analyst reads the last 7 days (the horizon is left
    # out). A question about how a month usually goes still reads the last one.
    plan = build_plan(
        "how should we split the 40k june budget between google and meta?", today=date(2026, 5, 20)
    )
    assert plan.date_range == rng("2026-05-13..2026-05-19")
    trend = build_plan("do we usually see a dip in december or is that a myth?", today=SUNDAY)
    assert trend.date_range == rng("2025-12-01..2025-12-31")


def test_advice_from_a_past_period_for_a_coming_one_compares_with_the_period_before() -> None:
    # "for the rest of Q4" is what the advice is for: no rows to compare Q3 with.
    plan = build_plan(
        "based on Q3, what should we change on tiktok for the rest of Q4?", today=SUNDAY
    )
    assert plan.route is Route.ANALYSIS
    assert plan.date_range == rng("2026-07-01..2026-09-30")
    assert plan.compare_to == rng("2026-04-01..2026-06-30")
