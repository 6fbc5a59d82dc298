"""Period phrases analysis questions use: parts of months, weeks of a day, "around", "over the
weekend", "the week before <period>" — each resolved to the span a person means."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libs.common.plan import DateRange
from services.router import build_plan
from services.router.dates.compare import resolve_periods
from services.router.tokens import normalize

SUNDAY = date(2026, 11, 22)
FAST = settings(max_examples=80, deadline=None)
MONTH_NAMES = [m.lower() for m in calendar.month_name[1:]]
todays = st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31))
years = st.integers(min_value=2001, max_value=2098)
months = st.integers(min_value=1, max_value=12)


def period(text: str, today: date) -> DateRange:
    return resolve_periods(normalize(text).text, today).date_range


def rng(text: str) -> DateRange:
    start, end = text.split("..")
    return DateRange(start=date.fromisoformat(start), end=date.fromisoformat(end))


def planned(question: str, today: str) -> tuple[DateRange, DateRange | None]:
    """The period and comparison period a question's plan asks about."""
    plan = build_plan(question, today=date.fromisoformat(today))
    return plan.date_range, plan.compare_to


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("why did ROAS drop the week of Oct 13", "2026-11-22", "2026-10-12..2026-10-18"),
        ("spend the week of March 17, 2025", "2026-11-22", "2025-03-17..2025-03-23"),
        ("spend the week of Nov 19", "2026-11-22", "2026-11-16..2026-11-22"),
        ("spend the week starting Nov 2", "2026-11-22", "2026-11-02..2026-11-08"),
        ("spend the week ending Nov 15", "2026-11-22", "2026-11-09..2026-11-15"),
        ("spend in the first week of October", "2026-11-22", "2026-10-01..2026-10-07"),
        ("spend in the second week of September 2025", "2026-11-22", "2025-09-08..2025-09-14"),
        ("spend in the third week of October", "2026-11-22", "2026-10-15..2026-10-21"),
        ("spend in the fourth week of February 2026", "2026-11-22", "2026-02-22..2026-02-28"),
        ("spend in the last week of February 2024", "2026-11-22", "2024-02-23..2024-02-29"),
        ("spend in the first two weeks of October", "2026-11-22", "2026-10-01..2026-10-14"),
        ("spend in the last two weeks of October 2025", "2026-11-22", "2025-10-18..2025-10-31"),
        ("spend in the first half of October", "2026-11-22", "2026-10-01..2026-10-15"),
        ("spend in the second half of February 2024", "2026-11-22", "2024-02-16..2024-02-29"),
        ("spend in the second half of November", "2026-11-22", "2026-11-16..2026-11-22"),
        ("spend in early March 2025", "2026-11-22", "2025-03-01..2025-03-10"),
        ("spend in mid-October", "2026-11-22", "2026-10-11..2026-10-20"),
        ("spend in the middle of March", "2026-11-22", "2026-03-11..2026-03-20"),
        ("spend in late October", "2026-11-22", "2026-10-21..2026-10-31"),
        ("spend at the end of February 2025", "2026-11-22", "2025-02-21..2025-02-28"),
        ("spend in late November", "2026-11-22", "2026-11-21..2026-11-22"),
        ("spend in the first half of 2025", "2026-11-22", "2025-01-01..2025-06-30"),
        ("spend in H2", "2026-03-10", "2025-07-01..2025-12-31"),
        ("spend in H2", "2026-11-22", "2026-07-01..2026-11-22"),
        ("what happened around Nov 10", "2026-11-22", "2026-11-07..2026-11-13"),
        ("spend around Jan 1", "2026-11-22", "2025-12-29..2026-01-04"),
        ("spend around Nov 20", "2026-11-22", "2026-11-17..2026-11-22"),
        ("weird swings over the weekend", "2026-11-22", "2026-11-21..2026-11-22"),
        ("weird swings over the weekend", "2026-11-21", "2026-11-21..2026-11-21"),
        ("weird swings over the weekend", "2026-11-23", "2026-11-21..2026-11-22"),
        ("weird swings over the weekend", "2026-11-20", "2026-11-14..2026-11-15"),
        ("spend the week before Black Friday", "2026-11-22", "2025-11-21..2025-11-27"),
        ("spend in the run up to Black Friday", "2026-11-22", "2025-11-21..2025-11-27"),
        ("spend the week after Black Friday 2025", "2026-11-22", "2025-11-29..2025-12-05"),
        ("spend the 3 days before Nov 10", "2026-11-22", "2026-11-07..2026-11-09"),
        ("spend the day before Nov 10", "2026-11-22", "2026-11-09..2026-11-09"),
        ("spend the two weeks before the week of Nov 9", "2026-11-22", "2026-10-26..2026-11-08"),
        ("cpa in Q2 last year", "2026-11-22", "2025-04-01..2025-06-30"),
        ("cpa in the fourth quarter of last year", "2026-11-22", "2025-10-01..2025-12-31"),
        ("budget plan for Q2 next year", "2026-11-22", "2027-04-01..2027-06-30"),
        ("Q1 of this year", "2026-02-10", "2026-01-01..2026-02-10"),
        ("roas H1 last year", "2026-11-22", "2025-01-01..2025-06-30"),
        ("pacing for the rest of November", "2026-11-22", "2026-11-23..2026-11-30"),
        ("pacing for the remainder of this month", "2026-11-10", "2026-11-11..2026-11-30"),
        ("weekend spend on meta", "2026-11-22", "2026-11-21..2026-11-22"),
        ("spend this weekend", "2026-11-21", "2026-11-21..2026-11-21"),
        ("spend last weekend", "2026-11-22", "2026-11-14..2026-11-15"),
        ("roas on meta between the 1st and the 15th", "2026-11-22", "2026-11-01..2026-11-15"),
        ("spend between the 20th and the 30th", "2026-11-10", "2026-10-20..2026-10-30"),
        ("clicks on tiktok from 3/11 to 9/11", "2026-11-22", "2026-11-03..2026-11-09"),
        ("clicks on tiktok 11/3-11/9", "2026-11-22", "2026-11-03..2026-11-09"),
        ("clicks on tiktok 25/10 - 3/11", "2026-11-22", "2026-10-25..2026-11-03"),
        ("why did roas go down in last 30 day", "2026-11-22", "2026-10-23..2026-11-21"),
        ("why did cpm jump from Oct 5-11 to Oct 12-18", "2026-11-22", "2026-10-12..2026-10-18"),
        ("clicks 3rd to 9th Nov linkedin", "2026-11-22", "2026-11-03..2026-11-09"),
        ("spend between Christmas and New Year's Eve", "2027-01-05", "2026-12-25..2026-12-31"),
        ("meta from Thanksgiving through Cyber Monday", "2026-12-01", "2026-11-26..2026-11-30"),
        ("spend on xmas day", "2026-11-22", "2025-12-25..2025-12-25"),
        # a coming holiday after "before" is a deadline, not last year's day
        (
            "should we push budget into google before Christmas",
            "2026-11-22",
            "2026-11-15..2026-11-21",
        ),
        ("meta revenue on last year's black friday", "2026-12-02", "2025-11-28..2025-11-28"),
        (
            "ctr went from 1.4% in the first week of april to 0.8% in the last week",
            "2026-05-10",
            "2026-04-24..2026-04-30",
        ),
        (
            "any patterns in weekday vs weekend performance over the last 30 days",
            "2026-09-23",
            "2026-08-24..2026-09-22",
        ),
        # a holiday, its weekend or its week
        ("memorial day wknd revenue on meta", "2026-05-27", "2026-05-23..2026-05-25"),
        ("labor day weekend leads", "2026-09-16", "2026-09-05..2026-09-07"),
        ("last year's labor day weekend leads", "2026-09-16", "2025-08-30..2025-09-01"),
        ("presidents' day weekend leads", "2026-02-18", "2026-02-14..2026-02-16"),
        ("thanksgiving week bookings", "2026-12-02", "2026-11-23..2026-11-29"),
        ("thanksgiving weekend bookings", "2026-12-02", "2026-11-26..2026-11-29"),
        ("spend over the easter weekend", "2026-04-20", "2026-04-03..2026-04-06"),
        ("orders on easter sunday", "2026-04-17", "2026-04-05..2026-04-05"),
        ("mother's day revenue", "2026-05-27", "2026-05-10..2026-05-10"),
        ("how much did valentines weekend make us", "2026-02-23", "2026-02-14..2026-02-15"),
        ("christmas week spend", "2027-01-05", "2026-12-21..2026-12-27"),
        ("spend for the bank holiday weekend", "2026-05-06", "2026-05-02..2026-05-04"),
        ("anything unusual over the holidays?", "2027-01-11", "2026-12-22..2027-01-02"),
        ("donations on giving tuesday", "2026-12-05", "2026-12-01..2026-12-01"),
        # a holiday that has not come yet this year: last year's
        ("memorial day weekend spend", "2026-04-01", "2025-05-24..2025-05-26"),
        # periods up to now
        ("enquiries so far (1 June to now)", "2026-07-08", "2026-06-01..2026-07-08"),
        ("spend from Nov 3 until today", "2026-11-22", "2026-11-03..2026-11-22"),
        ("anything off since the new year?", "2026-01-12", "2026-01-01..2026-01-12"),
        ("calls fell off a cliff after the 4th", "2026-07-08", "2026-07-05..2026-07-08"),
        # ISO weeks, a fortnight ending a day
        ("buyer leads w8", "2026-02-23", "2026-02-16..2026-02-22"),
        ("spend in week 14 2026", "2026-11-22", "2026-03-30..2026-04-05"),
        ("leads for the fortnight ending 13/09", "2026-09-16", "2026-08-31..2026-09-13"),
        ("a write-up of clearing week (13–19 Aug)", "2026-08-24", "2026-08-13..2026-08-19"),
        # whole weeks, hours, words that name no period
        ("enquiries for the last 2 full weeks by platform", "2026-06-11", "2026-05-25..2026-06-07"),
        ("anything look off in the last 48 hours?", "2026-08-19", "2026-08-17..2026-08-18"),
        ("why was w53 so quiet?", "2027-01-11", "2026-12-28..2027-01-03"),
        ("a year-end summary of 2026 paid performance", "2027-01-12", "2026-01-01..2026-12-31"),
        (
            "why did sign-ups fall last week, for the monday exec update",
            "2026-09-16",
            "2026-09-07..2026-09-13",
        ),
        # the rest of a quarter, until the end of a unit
        (
            "how many meetings should we expect for the rest of q1",
            "2026-01-12",
            "2026-01-13..2026-03-31",
        ),
        ("leads between now and the end of the month", "2026-01-12", "2026-01-13..2026-01-31"),
    ],
)
def test_period_phrase_is_the_span_a_person_means(phrase: str, today: str, expected: str) -> None:
    assert period(phrase, date.fromisoformat(today)) == rng(expected)


def test_the_week_before_a_named_span_is_a_period_not_a_comparison() -> None:
    found = resolve_periods(
        normalize("why did spend jump the week before Black Friday").text, SUNDAY
    )
    assert (found.date_range, found.compare_to) == (rng("2025-11-21..2025-11-27"), None)


def test_this_week_against_the_week_before_is_the_whole_previous_week() -> None:
    plan = build_plan("tiktok spend this wk vs the week before", today=date(2026, 11, 11))
    assert plan.compare_to == DateRange(start=date(2026, 11, 2), end=date(2026, 11, 8))


def test_the_week_before_at_the_end_still_compares() -> None:
    found = resolve_periods(normalize("spend the week of Nov 9 vs the week before").text, SUNDAY)
    assert (found.date_range, found.compare_to) == (
        rng("2026-11-09..2026-11-15"),
        rng("2026-11-02..2026-11-08"),
    )


def test_by_the_end_of_a_month_is_a_deadline_not_its_last_days() -> None:
    assert period("will we spend the budget by the end of December", SUNDAY).start.day == 1


@given(day=st.dates(min_value=date(2001, 1, 8), max_value=date(2098, 12, 24)))
@FAST
def test_week_of_a_day_is_the_monday_to_sunday_week_containing_it(day: date) -> None:
    today = day + timedelta(days=7)
    found = period(f"spend the week of {day.isoformat()}", today)
    assert (found.start.weekday(), found.days) == (0, 7)
    assert found.start <= day <= found.end


@given(year=years, month=months, which=st.sampled_from(["early", "mid", "late"]))
@FAST
def test_early_mid_late_split_the_month_at_the_10th_and_20th(
    year: int, month: int, which: str
) -> None:
    found = period(f"spend in {which} {MONTH_NAMES[month - 1]} {year}", date(2099, 1, 1))
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[which]
    assert found == DateRange(start=date(year, month, first_day), end=date(year, month, last_day))


@given(year=years, month=months, half=st.sampled_from(["first", "second"]))
@FAST
def test_halves_of_a_month_meet_at_the_15th(year: int, month: int, half: str) -> None:
    found = period(f"spend in the {half} half of {MONTH_NAMES[month - 1]} {year}", date(2099, 1, 1))
    last = calendar.monthrange(year, month)[1]
    expected = (1, 15) if half == "first" else (16, last)
    assert found == DateRange(
        start=date(year, month, expected[0]), end=date(year, month, expected[1])
    )


@given(
    year=years,
    month=months,
    ordinal=st.sampled_from(["first", "second", "third", "fourth", "last"]),
)
@FAST
def test_a_week_of_a_month_is_seven_days_inside_it(year: int, month: int, ordinal: str) -> None:
    found = period(
        f"spend in the {ordinal} week of {MONTH_NAMES[month - 1]} {year}", date(2099, 1, 1)
    )
    last = calendar.monthrange(year, month)[1]
    assert found.days == 7
    assert (found.start.year, found.start.month, found.end.month) == (year, month, month)
    if ordinal == "last":
        assert found.end.day == last
    else:
        index = ["first", "second", "third", "fourth"].index(ordinal)
        assert found.start.day == 7 * index + 1


@given(day=st.dates(min_value=date(2001, 1, 4), max_value=date(2098, 12, 28)))
@FAST
def test_around_a_day_is_three_days_either_side(day: date) -> None:
    today = day + timedelta(days=30)
    found = period(f"spend around {day.isoformat()}", today)
    assert found == DateRange(start=day - timedelta(days=3), end=day + timedelta(days=3))


@given(today=todays)
@FAST
def test_over_the_weekend_is_the_latest_weekend_begun_and_never_the_future(today: date) -> None:
    found = period("spend over the weekend", today)
    assert found.start.weekday() == 5
    assert found.end <= today
    assert (today - found.start).days < 7


@given(today=todays, month=months)
@FAST
def test_parts_of_a_month_are_cut_at_today(today: date, month: int) -> None:
    found = period(f"spend in late {MONTH_NAMES[month - 1]}", today)
    assert found.end <= today or found.start > today


def test_wishing_a_happy_holiday_names_no_period() -> None:
    plan = build_plan("happy mother's day to all the moms on the team", today=date(2026, 5, 10))
    assert plan.date_range == rng("2026-05-03..2026-05-09")  # the default: no period named


@given(years)
@FAST
def test_a_monday_holiday_weekend_runs_saturday_to_its_monday(year: int) -> None:
    found = period(f"memorial day weekend {year}", date(year, 12, 31))
    assert (found.start.weekday(), found.end.weekday(), found.days) == (5, 0, 3)
    assert (found.end.month, found.end.day > 24) == (5, True)  # the last Monday of May


def test_pulling_figures_from_a_day_is_no_money_move() -> None:
    plan = build_plan("Could you pull bookings from June 1 through yesterday?", today=SUNDAY)
    assert (plan.route.value, plan.intent.value) == ("direct", "lookup")
    assert plan.date_range == rng("2026-06-01..2026-11-21")


@pytest.mark.parametrize(
    ("phrase", "today", "asked", "compared"),
    [
        (
            "easter sunday vs the sunday before, orders on meta",
            "2026-04-17",
            "2026-04-05..2026-04-05",
            "2026-03-29..2026-03-29",
        ),
        (
            "why did conversions fall from february to march",
            "2026-04-20",
            "2026-03-01..2026-03-31",
            "2026-02-01..2026-02-28",
        ),
        (
            "clicks for august, and the same for july so i can compare",
            "2026-09-16",
            "2026-08-01..2026-08-31",
            "2026-07-01..2026-07-31",
        ),
        (
            "dec mtd spend vs nov mtd",
            "2026-12-02",
            "2026-12-01..2026-12-02",
            "2026-11-01..2026-11-02",
        ),
        (
            "cyber monday vs cyber monday last year, google spend",
            "2026-12-02",
            "2026-11-30..2026-11-30",
            "2025-12-01..2025-12-01",
        ),
        (
            "revenue black friday thru cyber monday vs last year's bfcm",
            "2026-12-02",
            "2026-11-27..2026-11-30",
            "2025-11-28..2025-12-01",
        ),
    ],
)
def test_periods_compared_in_other_words(
    phrase: str, today: str, asked: str, compared: str
) -> None:
    found = resolve_periods(normalize(phrase).text, date.fromisoformat(today))
    assert (found.date_range, found.compare_to) == (rng(asked), rng(compared))


def test_in_line_with_compares() -> None:
    found = resolve_periods(
        normalize("google cpa this month is $42 - is that in line with last month?").text,
        date(2026, 9, 16),
    )
    assert (found.date_range, found.compare_to) == (
        rng("2026-09-01..2026-09-16"),
        rng("2026-08-01..2026-08-31"),
    )


@pytest.mark.parametrize(
    ("question", "today", "subject", "compared"),
    [
        (
            "Why was Cyber Monday ROAS on Google worse than last year?",
            "2026-12-02",
            "2026-11-30..2026-11-30",
            "2025-12-01..2025-12-01",
        ),
        (
            "BFCM revenue vs last year",
            "2026-12-02",
            "2026-11-27..2026-11-30",
            "2025-11-28..2025-12-01",
        ),
        (
            "Black Friday weekend revenue yoy",
            "2026-12-02",
            "2026-11-27..2026-11-29",
            "2025-11-28..2025-11-30",
        ),
        (
            "easter weekend sales vs the same period last year",
            "2026-12-02",
            "2026-04-03..2026-04-06",
            "2025-04-18..2025-04-21",
        ),
        (
            "spend over the holidays vs last year",
            "2026-12-02",
            "2025-12-22..2026-01-02",
            "2024-12-22..2025-01-02",
        ),
        # no holiday: date for date
        (
            "october spend vs last year",
            "2026-12-02",
            "2026-10-01..2026-10-31",
            "2025-10-01..2025-10-31",
        ),
    ],
)
def test_a_holiday_against_last_year_is_that_holiday_last_year(
    question: str, today: str, subject: str, compared: str
) -> None:
    assert planned(question, today) == (rng(subject), rng(compared))


@pytest.mark.parametrize(
    ("question", "today", "expected"),
    [
        (
            "Can you put together the March report for us? all platforms. due thursday",
            "2026-04-08",
            "2026-03-01..2026-03-31",
        ),
        (
            "LinkedIn cost per demo for January? Need it for the board pack on Friday.",
            "2026-02-18",
            "2026-01-01..2026-01-31",
        ),
        (
            "H1 spend and ROAS for the half. Need it for the board by Friday.",
            "2026-07-09",
            "2026-01-01..2026-06-30",
        ),
        (
            "Write a pre-Black Friday status update covering MTD performance",
            "2026-11-18",
            "2026-11-01..2026-11-18",
        ),
        (
            "Before I send the year-end numbers to finance, anything wrong in December's data?",
            "2027-01-06",
            "2026-12-01..2026-12-31",
        ),
    ],
)
def test_a_deadline_or_a_label_names_no_period(question: str, today: str, expected: str) -> None:
    assert build_plan(question, today=date.fromisoformat(today)).date_range == rng(expected)


@pytest.mark.parametrize(
    ("question", "today", "expected"),
    [
        (
            "based on the last 4 weeks, how many new subscribers should we expect from Meta in"
            " April?",
            "2026-04-08",
            "2026-04-01..2026-04-30",
        ),
        (
            "projected spend for Q4 if pacing stays the same as September?",
            "2026-10-05",
            "2026-10-01..2026-12-31",
        ),
        (
            "What should we expect Meta spend to be over Black Friday weekend?",
            "2026-11-18",
            "2026-11-27..2026-11-29",
        ),
        (
            "If the current trend continues, how many installs do we get in March?",
            "2027-02-16",
            "2027-03-01..2027-03-31",
        ),
    ],
)
def test_a_forecast_beside_its_basis_is_about_the_period_ahead_or_under_way(
    question: str, today: str, expected: str
) -> None:
    plan = build_plan(question, today=date.fromisoformat(today))
    assert (plan.intent.value, plan.date_range, plan.compare_to) == (
        "forecast",
        rng(expected),
        None,
    )


@pytest.mark.parametrize(
    ("question", "today", "subject", "compared"),
    [
        (
            "spend yesterday vs the monday before",
            "2026-10-20",
            "2026-10-19..2026-10-19",
            "2026-10-12..2026-10-12",
        ),
        (
            "did the new landing page help google conversions since aug 24, vs the 2 weeks before?",
            "2026-09-10",
            "2026-08-24..2026-09-10",
            "2026-08-10..2026-08-23",
        ),
        (
            "why did leads drop from June to July? it's only the 9th but it looks bad",
            "2026-07-09",
            "2026-07-01..2026-07-09",
            "2026-06-01..2026-06-30",
        ),
        (
            "any red flags on LinkedIn this week? pipeline meeting thursday",
            "2026-05-27",
            "2026-05-25..2026-05-27",
            "2026-05-18..2026-05-20",
        ),
    ],
)
def test_the_day_before_n_weeks_before_and_what_day_it_is(
    question: str, today: str, subject: str, compared: str
) -> None:
    assert planned(question, today) == (rng(subject), rng(compared))


@pytest.mark.parametrize(
    ("question", "today", "subject", "compared"),
    [
        (
            "Jan-Mar new patient numbers vs the same period last year?",
            "2026-03-31",
            "2026-01-01..2026-03-31",
            "2025-01-01..2025-03-31",
        ),
        (
            "why was CPA so much higher this November than last November?",
            "2026-12-02",
            "2026-11-01..2026-11-30",
            "2025-11-01..2025-11-30",
        ),
        (
            "The CPC on LinkedIn has risen from 6 euro in April to 9 euro in May. "
            "How can this be explained?",
            "2026-06-24",
            "2026-05-01..2026-05-31",
            "2026-04-01..2026-04-30",
        ),
    ],
)
def test_month_ranges_and_changes_between_months(
    question: str, today: str, subject: str, compared: str
) -> None:
    assert planned(question, today) == (rng(subject), rng(compared))


@pytest.mark.parametrize(
    ("question", "today", "expected"),
    [
        (
            "How much will we have spent on LinkedIn by the 30th at the current pace?",
            "2026-11-22",
            "2026-11-01..2026-11-30",
        ),
        (
            "at this rate how many enrolments do we end up with in September from Meta?",
            "2026-08-29",
            "2026-09-01..2026-09-30",
        ),
        ("at this pace where does feb spend land on meta?", "2026-02-23", "2026-02-01..2026-02-28"),
    ],
)
def test_at_this_rate_forecasts_the_period_it_names(
    question: str, today: str, expected: str
) -> None:
    plan = build_plan(question, today=date.fromisoformat(today))
    assert (plan.intent.value, plan.date_range) == ("forecast", rng(expected))


@pytest.mark.parametrize(
    ("question", "today", "subject", "compared"),
    [
        (
            "Can you send me Q3 spend for LinkedIn? It's for the month-end close, thanks",
            "2025-10-01",
            "2025-07-01..2025-09-30",
            None,
        ),
        (
            "TikTok ticket revenue Black Friday 2026 vs last year",
            "2026-12-01",
            "2026-11-27..2026-11-27",
            "2025-11-28..2025-11-28",
        ),
        (
            "google spend for the first half of the month",
            "2026-06-17",
            "2026-06-01..2026-06-15",
            None,
        ),
        ("spend second half of last month", "2026-06-17", "2026-05-16..2026-05-31", None),
        (
            "Why did Google demo volume halve between the week of Aug 31 and the week of Sep 7?",
            "2026-09-20",
            "2026-09-07..2026-09-13",
            "2026-08-31..2026-09-06",
        ),
        (
            "Google CPC jumped on Jan 5 and has stayed high since — why?",
            "2027-01-14",
            "2027-01-05..2027-01-14",
            "2026-12-22..2026-12-31",
        ),
        (
            "Did anything break in the LinkedIn tracking since the Nov 24 update?",
            "2026-12-02",
            "2026-11-24..2026-12-02",
            "2026-11-10..2026-11-18",
        ),
        (
            "hey! happy monday, can someone grab me test drive bookings per store for december?",
            "2026-01-05",
            "2025-12-01..2025-12-31",
            None,
        ),
        (
            "Hi — sorry to bug you on a Sunday! Meta orders this weekend so far?",
            "2026-08-30",
            "2026-08-29..2026-08-30",
            None,
        ),
        (
            "Has our Google CPC been climbing through the back half of last year?",
            "2026-01-12",
            "2025-07-01..2025-12-31",
            "2025-01-01..2025-06-30",
        ),
        (
            "omg meta spend looks crazy high this morning, is smth broken??",
            "2027-01-11",
            "2027-01-11..2027-01-11",
            "2027-01-04..2027-01-04",
        ),
        (
            "LinkedIn CPC — May so far vs the same days in April — for the weekly sync",
            "2026-05-20",
            "2026-05-01..2026-05-20",
            "2026-04-01..2026-04-20",
        ),
    ],
)
def test_closes_holiday_years_and_halves_of_the_month(
    question: str, today: str, subject: str, compared: str | None
) -> None:
    assert planned(question, today) == (rng(subject), rng(compared) if compared else None)


def test_advice_from_one_period_going_into_another_compares_the_basis_with_its_own_past() -> None:
    asked = "based on Q1, what should change on LinkedIn going into Q3?"
    assert planned(asked, "2026-05-12") == (
        rng("2026-01-01..2026-03-31"),
        rng("2025-10-01..2025-12-31"),
    )


@pytest.mark.parametrize(
    "question",
    [
        "spend mtd vs prev month, same # of days pls",
        "Meta leads this month vs last month on a like for like basis",
        "mtd CPA vs last month, same number of days",
    ],
)
def test_like_for_like_cuts_the_compared_month_to_the_days_so_far(question: str) -> None:
    assert planned(question, "2025-12-15") == (
        rng("2025-12-01..2025-12-15"),
        rng("2025-11-01..2025-11-15"),
    )
    assert build_plan(question, today=date(2025, 12, 15)).route_reason.unexplained == []


def test_like_for_like_leaves_periods_of_equal_length_as_they_are() -> None:
    assert planned("spend last week vs the week before, like for like", "2025-12-15") == (
        rng("2025-12-08..2025-12-14"),
        rng("2025-12-01..2025-12-07"),
    )
