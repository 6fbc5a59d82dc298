"""Date conventions: each phrase resolved against a fixed or random 'today', with edge cases."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from router_support import load_questions

from libs.common.plan import DateRange
from services.router import build_plan
from services.router.dates.compare import resolve_periods
from services.router.dates.needs import present_needs
from services.router.dates.periods import black_friday
from services.router.dates.rules import RULES
from services.router.tokens import normalize

SUNDAY = date(2026, 11, 22)
todays = st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31))
FAST = settings(max_examples=60, deadline=None)


def period(text: str, today: date) -> DateRange:
    return resolve_periods(normalize(text).text, today).date_range


def compared(text: str, today: date) -> DateRange | None:
    return resolve_periods(normalize(text).text, today).compare_to


def rng(start: str, end: str | None = None) -> DateRange:
    """A range from two ISO dates, or from one "YYYY-MM-DD..YYYY-MM-DD" string."""
    if end is None:
        start, end = start.split("..")
    return DateRange(start=date.fromisoformat(start), end=date.fromisoformat(end))


@pytest.mark.parametrize(
    ("phrase", "today", "start", "end"),
    [
        ("spend yesterday", "2026-03-01", "2026-02-28", "2026-02-28"),
        ("spend yesterday", "2024-03-01", "2024-02-29", "2024-02-29"),
        ("spend yday", "2026-01-01", "2025-12-31", "2025-12-31"),
        ("spend today", "2026-11-22", "2026-11-22", "2026-11-22"),
        ("spend last 7 days", "2026-11-22", "2026-11-15", "2026-11-21"),
        ("spend L30D", "2026-11-22", "2026-10-23", "2026-11-21"),
        ("spend the past 14 days", "2026-11-22", "2026-11-08", "2026-11-21"),
        ("spend trailing 90 days", "2026-11-22", "2026-08-24", "2026-11-21"),
        ("spend last week", "2026-11-22", "2026-11-09", "2026-11-15"),
        ("spend last week", "2026-11-23", "2026-11-16", "2026-11-22"),
        ("spend previous week", "2026-01-02", "2025-12-22", "2025-12-28"),
        ("spend this week", "2026-11-18", "2026-11-16", "2026-11-18"),
        ("spend this week", "2026-11-16", "2026-11-16", "2026-11-16"),
        ("spend wtd", "2026-11-22", "2026-11-16", "2026-11-22"),
        ("spend last 2 weeks", "2026-11-22", "2026-11-08", "2026-11-21"),
        ("spend last month", "2026-01-15", "2025-12-01", "2025-12-31"),
        ("spend last month", "2024-03-31", "2024-02-01", "2024-02-29"),
        ("spend this month", "2026-11-22", "2026-11-01", "2026-11-22"),
        ("spend month to date", "2026-02-01", "2026-02-01", "2026-02-01"),
        ("spend last 3 months", "2026-02-10", "2025-11-01", "2026-01-31"),
        ("spend year to date", "2026-11-22", "2026-01-01", "2026-11-22"),
        ("spend this year", "2026-01-01", "2026-01-01", "2026-01-01"),
        ("spend last quarter", "2026-01-05", "2025-10-01", "2025-12-31"),
        ("spend last quarter", "2026-11-22", "2026-07-01", "2026-09-30"),
        ("spend qtd", "2026-11-22", "2026-10-01", "2026-11-22"),
        ("spend last year", "2026-11-22", "2025-01-01", "2025-12-31"),
        ("spend in 2025", "2026-11-22", "2025-01-01", "2025-12-31"),
        ("spend in October", "2026-11-22", "2026-10-01", "2026-10-31"),
        ("spend in November", "2026-11-22", "2026-11-01", "2026-11-22"),
        ("spend in December", "2026-11-22", "2025-12-01", "2025-12-31"),
        ("spend in February", "2025-03-10", "2025-02-01", "2025-02-28"),
        ("spend in February 2024", "2026-11-22", "2024-02-01", "2024-02-29"),
        ("spend in Q4", "2026-11-22", "2026-10-01", "2026-11-22"),
        ("spend in Q1", "2026-11-22", "2026-01-01", "2026-03-31"),
        ("spend in Q4", "2026-05-01", "2025-10-01", "2025-12-31"),
        ("spend in Q3 2025", "2026-11-22", "2025-07-01", "2025-09-30"),
        ("spend on Nov 3", "2026-11-22", "2026-11-03", "2026-11-03"),
        ("spend on Dec 3", "2026-11-22", "2025-12-03", "2025-12-03"),
        ("spend on 3rd of November", "2026-11-22", "2026-11-03", "2026-11-03"),
        ("spend on 11/03", "2026-11-22", "2026-11-03", "2026-11-03"),
        ("spend on 25/10", "2026-11-22", "2026-10-25", "2026-10-25"),
        ("spend on Feb 29", "2026-11-22", "2024-02-29", "2024-02-29"),
        ("spend between Oct 5 and Oct 12", "2026-11-22", "2026-10-05", "2026-10-12"),
        ("spend Oct 5-12", "2026-11-22", "2026-10-05", "2026-10-12"),
        ("spend from 2026-10-01 to 2026-10-15", "2026-11-22", "2026-10-01", "2026-10-15"),
        ("spend from Dec 20 to Jan 5", "2026-01-10", "2025-12-20", "2026-01-05"),
        ("spend since Oct 3", "2026-11-22", "2026-10-03", "2026-11-22"),
        ("spend since September", "2026-11-22", "2026-09-01", "2026-11-22"),
        ("spend on Black Friday", "2026-11-22", "2025-11-28", "2025-11-28"),
        ("spend on Black Friday", "2026-11-27", "2026-11-27", "2026-11-27"),
        ("spend last weekend", "2026-11-22", "2026-11-14", "2026-11-15"),
        ("spend last weekend", "2026-11-23", "2026-11-21", "2026-11-22"),
        ("spend last weekend", "2026-11-21", "2026-11-14", "2026-11-15"),
        ("spend on Monday", "2026-11-22", "2026-11-16", "2026-11-16"),
        ("spend 3 days ago", "2026-11-22", "2026-11-19", "2026-11-19"),
        ("spend next month", "2026-12-15", "2027-01-01", "2027-01-31"),
        ("spend for the rest of the month", "2026-11-22", "2026-11-23", "2026-11-30"),
    ],
)
def test_date_phrase_resolves_to_inclusive_range(
    phrase: str, today: str, start: str, end: str
) -> None:
    assert period(phrase, date.fromisoformat(today)) == rng(start, end)


def test_no_date_means_the_last_seven_days() -> None:
    assert period("what is our spend", SUNDAY) == rng("2026-11-15..2026-11-21")


def test_aya_today_style_override_drives_every_date() -> None:
    plan = build_plan("spend yesterday", today=date(2030, 1, 1), timezone="Europe/Berlin")
    assert plan.date_range == rng("2029-12-31..2029-12-31")
    assert (plan.as_of, plan.timezone) == (date(2030, 1, 1), "Europe/Berlin")


COMPARISONS = [
    ("this week vs last week", "2026-11-16..2026-11-22", "2026-11-09..2026-11-15"),
    ("last week vs the week before", "2026-11-09..2026-11-15", "2026-11-02..2026-11-08"),
    ("spend vs last week", "2026-11-16..2026-11-22", "2026-11-09..2026-11-15"),
    ("CTR week over week", "2026-11-15..2026-11-21", "2026-11-08..2026-11-14"),
    ("WoW spend last 14 days", "2026-11-08..2026-11-21", "2026-10-25..2026-11-07"),
    ("revenue MoM", "2026-10-01..2026-10-31", "2026-09-01..2026-09-30"),
    ("revenue in March month over month", "2026-03-01..2026-03-31", "2026-02-01..2026-02-28"),
    ("spend L30D vs the previous period", "2026-10-23..2026-11-21", "2026-09-23..2026-10-22"),
    ("spend mtd vs same period last year", "2026-11-01..2026-11-22", "2025-11-01..2025-11-22"),
    ("YoY spend last month", "2026-10-01..2026-10-31", "2025-10-01..2025-10-31"),
    ("spend mtd vs the previous month", "2026-11-01..2026-11-22", "2026-10-01..2026-10-31"),
    ("how did October compare to September", "2026-10-01..2026-10-31", "2026-09-01..2026-09-30"),
    (
        "more clicks yesterday than the day before",
        "2026-11-21..2026-11-21",
        "2026-11-20..2026-11-20",
    ),
    ("Q3 vs Q2", "2026-07-01..2026-09-30", "2026-04-01..2026-06-30"),
    # "the one before" steps back by what the period is: as many months, a weekend by a week
    ("spend last 3 months vs the 3 before", "2026-08-01..2026-10-31", "2026-05-01..2026-07-31"),
    ("spend last 6 months vs the 6 before", "2026-05-01..2026-10-31", "2025-11-01..2026-04-30"),
    ("last 2 months vs the 2 months prior", "2026-09-01..2026-10-31", "2026-07-01..2026-08-31"),
    ("Q1 vs the one before", "2026-01-01..2026-03-31", "2025-10-01..2025-12-31"),
    ("last weekend vs the one before", "2026-11-14..2026-11-15", "2026-11-07..2026-11-08"),
]


@pytest.mark.parametrize(("phrase", "subject", "other"), COMPARISONS)
def test_comparison_sets_subject_and_compare_to(phrase: str, subject: str, other: str) -> None:
    found = resolve_periods(normalize(phrase).text, SUNDAY)
    assert (found.date_range, found.compare_to) == (rng(subject), rng(other))


@pytest.mark.parametrize(
    "written",
    ["ytd revenue vs last year", "revenue this quarter vs last quarter", "spend wtd vs last week"],
)
def test_a_comparison_with_its_unit_left_out_equals_the_written_one(written: str) -> None:
    elided = written.rsplit(" ", 1)[0]  # "ytd revenue vs last"
    found = resolve_periods(normalize(elided).text, SUNDAY)
    spelt = resolve_periods(normalize(written).text, SUNDAY)
    assert (found.date_range, found.compare_to) == (spelt.date_range, spelt.compare_to)


@pytest.mark.parametrize(
    ("phrase", "subject", "other"),
    [
        (
            "this month's cpc measured against last",
            "2026-11-01..2026-11-22",
            "2026-10-01..2026-10-31",
        ),
        (
            "roas this quarter compared with the previous",
            "2026-10-01..2026-11-22",
            "2026-07-01..2026-09-30",
        ),
        ("l14d leads vs the prior 14", "2026-11-08..2026-11-21", "2026-10-25..2026-11-07"),
        (
            "last 60 days spend against previous 60",
            "2026-09-23..2026-11-21",
            "2026-07-25..2026-09-22",
        ),
        (
            "is ctr l7d different from the prior 7 days",
            "2026-11-15..2026-11-21",
            "2026-11-08..2026-11-14",
        ),
    ],
)
def test_a_comparison_that_leaves_out_its_unit_takes_the_asked_periods(
    phrase: str, subject: str, other: str
) -> None:
    found = resolve_periods(normalize(phrase).text, SUNDAY)
    assert (found.date_range, found.compare_to) == (rng(subject), rng(other))


@pytest.mark.parametrize(
    ("phrase", "subject", "other"),
    [
        ("was cpa in Q2 below Q1", "2026-04-01..2026-06-30", "2026-01-01..2026-03-31"),
        (
            "leads in late September above mid September?",
            "2026-09-21..2026-09-30",
            "2026-09-11..2026-09-20",
        ),
        (
            "cpc jumped from the first week of June to the second week",
            "2026-06-08..2026-06-14",
            "2026-06-01..2026-06-07",
        ),
        (
            "spend fell from the week of Oct 5 to the week of Oct 12",
            "2026-10-12..2026-10-18",
            "2026-10-05..2026-10-11",
        ),
        ("H1 summary, then H1 vs H2 2025", "2026-01-01..2026-06-30", "2025-07-01..2025-12-31"),
        ("CPL move from August to September", "2026-09-01..2026-09-30", "2026-08-01..2026-08-31"),
        (
            "cost per enquiry jumped from like £9 in may to £21 in june",
            "2026-06-01..2026-06-30",
            "2026-05-01..2026-05-31",
        ),
        (
            "CPL in February double what it was in January?",
            "2026-02-01..2026-02-28",
            "2026-01-01..2026-01-31",
        ),
    ],
)
def test_two_compared_periods_are_the_asked_one_and_its_comparison(
    phrase: str, subject: str, other: str
) -> None:
    found = resolve_periods(normalize(phrase).text, SUNDAY)
    assert (found.date_range, found.compare_to) == (rng(subject), rng(other))


@pytest.mark.parametrize(
    ("phrase", "subject", "other"),
    [
        (
            "Black Friday weekend sales, this year vs last",
            "2025-11-28..2025-11-30",
            "2024-11-29..2024-12-01",
        ),
        (
            "spend in March this year vs March last year",
            "2025-03-01..2025-03-31",
            "2024-03-01..2024-03-31",
        ),
    ],
)
def test_this_year_beside_a_period_inside_it_only_says_which(
    phrase: str, subject: str, other: str
) -> None:
    found = resolve_periods(normalize(phrase).text, date(2025, 12, 3))
    assert (found.date_range, found.compare_to) == (rng(subject), rng(other))


@pytest.mark.parametrize(
    ("phrase", "days"),
    [
        ("spend for the Jan sale (2 Jan - 18 Jan)", "2026-01-02..2026-01-18"),
        ("sign ups for Feb half term, 16-20 Feb", "2026-02-16..2026-02-20"),
        ("ROAS for the festival weekend, Fri 4th through Sun 6th Sept", "2026-09-04..2026-09-06"),
    ],
)
def test_an_event_said_again_in_its_days_is_those_days(phrase: str, days: str) -> None:
    assert period(phrase, SUNDAY) == rng(days)


def test_a_month_and_other_days_set_against_it_stay_two_periods() -> None:
    found = resolve_periods(normalize("spend in January vs 2-18 feb").text, SUNDAY)
    assert (found.date_range, found.compare_to) == (
        rng("2026-01-01..2026-01-31"),
        rng("2026-02-02..2026-02-18"),
    )


@pytest.mark.parametrize(
    "phrase",
    [
        "cost per lead by practice for October? Dr Patel wants it for Thursday",
        "For the board of Thursday: conversion value for October",
        "October leads by campaign, send to me by EOD Thursday",
    ],
)
def test_a_weekday_the_figures_are_wanted_by_is_no_period_to_read(phrase: str) -> None:
    assert period(phrase, SUNDAY) == rng("2026-10-01..2026-10-31")


@pytest.mark.parametrize(
    ("phrase", "start"),
    [
        ("Season kicked off on 10 Aug. Weekly spend since then please?", "2026-08-10"),
        ("ROAS for match tickets since the start of the season (1 Aug)?", "2026-08-01"),
        ("weekly viewings from July until now", "2026-07-01"),
        ("Passes went on sale Sept 1. How many have we sold so far?", "2026-09-01"),
    ],
)
def test_a_day_or_month_then_what_has_come_since_runs_to_today(phrase: str, start: str) -> None:
    assert period(phrase, SUNDAY) == rng(f"{start}..2026-11-22")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("CPC went from $8 in February to $11 so far this month", "2026-11-01..2026-11-22"),
        ("leads in October - why is LinkedIn so far behind?", "2026-10-01..2026-10-31"),
    ],
)
def test_so_far_said_of_another_period_or_of_distance_leaves_a_day_alone(
    phrase: str, expected: str
) -> None:
    assert period(phrase, SUNDAY) == rng(expected)


def test_this_year_asked_about_with_a_holiday_after_it_is_still_the_year() -> None:
    text = normalize("spend this year, including Black Friday").text
    found = resolve_periods(text, date(2025, 12, 3))
    assert found.date_range == rng("2025-01-01..2025-12-03")


def test_the_year_so_far_beside_a_day_in_it_is_still_the_year() -> None:
    found = resolve_periods(normalize("spend YTD vs last year, for Thursday").text, SUNDAY)
    assert found.date_range == rng("2026-01-01..2026-11-22")


def test_from_one_week_to_another_without_a_change_is_one_span() -> None:
    found = resolve_periods(
        normalize("clicks from the week of Oct 5 to the week of Oct 12").text, SUNDAY
    )
    assert (found.date_range, found.compare_to) == (rng("2026-10-05..2026-10-18"), None)


def test_a_plans_horizon_beside_a_past_period_is_not_read_as_data() -> None:
    text = "budget left for the rest of the month: where does it go, judging by mtd cpa?"
    assert period(text, SUNDAY) == rng("2026-11-01..2026-11-22")


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # Q2 begins today: what they would do in it is the plan, Q1 the data
        ("Q1 wrap-up for the client: enquiries, spend, and what we'd do in Q2", "2026-04-01",
         "2026-01-01..2026-03-31"),
        # said on New Year's Day: the day is the scene, last year the question
        ("sorry to bother you on New Year's Day, what did we spend on LinkedIn last year?",
         "2026-01-01", "2025-01-01..2025-12-31"),
        # but today, said as today, is asked about
        ("spend yesterday and today so far on meta", "2026-04-01", "2026-03-31..2026-04-01"),
    ],
)  # fmt: skip
def test_a_period_beginning_today_beside_past_ones_is_the_scene_unless_called_today(
    text: str, today: str, expected: str
) -> None:
    assert period(text, date.fromisoformat(today)) == rng(expected)


@pytest.mark.parametrize(
    ("text", "subject", "other"),
    [
        ("spend on Microsoft Ads for November and October, side by side", "2026-11-01..2026-11-22",
         "2026-10-01..2026-10-31"),
        ("cpc on google for March and for February, I want to see if it is more or less",
         "2026-03-01..2026-03-31", "2026-02-01..2026-02-28"),
        ("Jan installs next to Dec installs please", "2026-01-01..2026-01-31",
         "2025-12-01..2025-12-31"),
    ],
)  # fmt: skip
def test_two_periods_set_side_by_side_are_compared_not_joined(
    text: str, subject: str, other: str
) -> None:
    found = resolve_periods(normalize(text).text, SUNDAY)
    assert (found.date_range, found.compare_to) == (rng(subject), rng(other))


def test_two_periods_compared_with_a_third_are_not_set_against_each_other() -> None:
    found = resolve_periods(normalize("spend for Sept and Oct compared to last year").text, SUNDAY)
    assert found.compare_to is not None
    assert found.compare_to.start.year == 2025


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("google cpcs trending over the summer", "2026-09-08", "2026-06-01..2026-08-31"),
        ("meta spend this winter so far", "2026-01-15", "2025-12-01..2026-01-15"),
        ("meta spend last summer", "2026-07-10", "2025-06-01..2025-08-31"),  # asked in summer
        ("meta spend last summer", "2026-10-10", "2026-06-01..2026-08-31"),  # the one just gone
        ("meta spend summer 2024", "2026-10-10", "2024-06-01..2024-08-31"),
        # said again in months: the asker's own bounds
        ("how did donations do last winter (Nov–Jan)?", "2026-10-21", "2025-11-01..2026-01-31"),
        ("bookings this summer (june–august)", "2026-09-08", "2026-06-01..2026-08-31"),
    ],
)  # fmt: skip
def test_a_season_with_a_word_that_places_it_is_a_period(
    text: str, today: str, expected: str
) -> None:
    assert period(text, date.fromisoformat(today)) == rng(expected)


def test_a_season_ahead_is_a_plans_horizon_and_a_seasons_name_a_campaigns() -> None:
    june = date(2026, 6, 3)
    assert period("more into google or meta over the summer?", june) == rng(
        "2026-05-27..2026-06-02"  # the last 7 days, not the summer begun two days ago
    )
    assert build_plan("Summer Sale campaign spend last week", today=june).date_range == rng(
        "2026-05-25..2026-05-31"
    )


def test_seasons_turn_half_a_year_south_of_the_equator() -> None:
    today = date(2026, 5, 5)
    north = build_plan("spend last summer on meta", today=today, timezone="Europe/London")
    south = build_plan("spend last summer on meta", today=today, timezone="Australia/Sydney")
    assert north.date_range == rng("2025-06-01..2025-08-31")
    assert south.date_range == rng("2025-12-01..2026-02-28")


def test_the_week_before_compares_with_the_period_nearest_it() -> None:
    text = "we paused brand on the 3rd; the week of Nov 2 vs the week before"
    found = resolve_periods(normalize(text).text, SUNDAY)
    assert (found.date_range, found.compare_to) == (
        rng("2026-11-02..2026-11-08"),
        rng("2026-10-26..2026-11-01"),
    )


def test_the_same_week_last_year_is_the_monday_to_sunday_week_52_weeks_back() -> None:
    found = resolve_periods(normalize("leads last week vs the same week last year").text, SUNDAY)
    assert found.date_range == rng("2026-11-09..2026-11-15")
    assert found.compare_to == rng("2025-11-10..2025-11-16")  # Monday to Sunday again


def test_same_period_last_year_moves_leap_day_to_february_28() -> None:
    other = compared("spend yesterday vs same day last year", date(2024, 3, 1))
    assert other == rng("2023-02-28..2023-02-28")


def test_platform_comparison_has_no_compare_period() -> None:
    assert compared("Google vs Meta spend last week", SUNDAY) is None


@given(today=todays, days=st.integers(min_value=1, max_value=400))
@FAST
def test_last_n_days_has_n_days_and_ends_yesterday(today: date, days: int) -> None:
    found = period(f"spend last {days} days", today)
    assert found.days == days
    assert found.end == today - timedelta(days=1)


@given(today=todays)
@FAST
def test_last_week_is_previous_monday_to_sunday(today: date) -> None:
    found = period("spend last week", today)
    this_monday = today - timedelta(days=today.weekday())
    assert found.start.weekday() == 0
    assert found.days == 7
    assert found.end == this_monday - timedelta(days=1)


@given(today=todays)
@FAST
def test_this_week_runs_from_monday_to_today(today: date) -> None:
    found = period("spend this week", today)
    assert (found.start.weekday(), found.end) == (0, today)
    assert found.days <= 7


@given(today=todays)
@FAST
def test_last_month_is_the_whole_previous_calendar_month(today: date) -> None:
    found = period("spend last month", today)
    assert found.start.day == 1
    assert found.end == today.replace(day=1) - timedelta(days=1)


@given(today=todays)
@FAST
def test_the_month_before_last_is_the_whole_calendar_month_before_last_month(today: date) -> None:
    found = period("spend for the month before last", today)
    last_month_start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    assert found.start.day == 1
    assert found.end == last_month_start - timedelta(days=1)


@given(
    today=todays,
    month=st.sampled_from(
        [
            "january",
            "feb",
            "march",
            "april",
            "june",
            "july",
            "aug",
            "september",
            "oct",
            "november",
            "december",
        ]
    ),
)
@FAST
def test_named_month_is_never_in_the_future(today: date, month: str) -> None:
    found = period(f"spend in {month}", today)
    assert found.start.day == 1
    assert found.end <= today
    assert (today - found.start).days < 366


@given(today=todays)
@FAST
def test_last_quarter_is_three_whole_months_before_this_quarter(today: date) -> None:
    found = period("spend last quarter", today)
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    assert found.end == quarter_start - timedelta(days=1)
    assert found.start.month in (1, 4, 7, 10)
    assert found.start.day == 1
    assert 90 <= found.days <= 92


@given(today=todays)
@FAST
def test_last_weekend_is_saturday_and_sunday_before_today(today: date) -> None:
    found = period("spend last weekend", today)
    assert (found.start.weekday(), found.end.weekday(), found.days) == (5, 6, 2)
    assert found.end < today
    assert (today - found.end).days <= 7


@given(today=todays)
@FAST
def test_black_friday_is_a_friday_after_thanksgiving_not_in_the_future(today: date) -> None:
    found = period("spend on black friday", today)
    assert found.days == 1
    assert found.start.weekday() == 4
    assert found.start.month == 11
    assert 23 <= found.start.day <= 29
    assert found.start <= today


@given(year=st.integers(min_value=2000, max_value=2100))
def test_black_friday_follows_the_fourth_thursday(year: int) -> None:
    thursday = black_friday(year) - timedelta(days=1)
    assert thursday.weekday() == 3
    assert 22 <= thursday.day <= 28


@given(today=todays)
@FAST
def test_week_over_week_compares_equal_length_periods(today: date) -> None:
    found = resolve_periods(normalize("spend last 10 days week over week").text, today)
    assert found.compare_to is not None
    assert found.compare_to.days == found.date_range.days == 10
    assert found.compare_to.end == found.date_range.start - timedelta(days=1)


@given(today=todays)
@FAST
def test_year_to_date_starts_on_january_first_and_ends_today(today: date) -> None:
    found = period("spend ytd", today)
    assert (found.start, found.end) == (date(today.year, 1, 1), today)


def test_every_date_rules_needs_hold_for_each_phrase_it_matches() -> None:
    # `Rule.needs` lets find_mentions skip a pattern without scanning: sound only if every
    # match holds one of the words. Checked on every labelled question's phrases.
    texts = [
        normalize(item["query"]).text
        for path in sorted(Path(__file__).parent.glob("*.jsonl"))
        if not path.name.startswith("conversations")
        for item in load_questions(path.name)
    ]
    matched = 0
    for rule in RULES:
        for text in texts:
            for m in rule.pattern.finditer(text):
                phrase = m.group()
                present = present_needs(phrase, any(c.isdigit() for c in phrase))
                assert not rule.needs or not present.isdisjoint(rule.needs), (rule.name, phrase)
                matched += 1
    assert matched > 5000
