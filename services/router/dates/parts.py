"""Resolvers of the parts of a month or a year: its weeks, halves and thirds ("the second week
of October", "the back half of last year", "mid-October")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.dates import periods as p
from services.router.dates.resolvers import field, whole_month
from services.router.dates.words import number

_LAST_WORDS = frozenset({"last", "final"})


def week_of_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "the second week of October", "the last two weeks of March 2025", "week 3 of June"
    (its third week, days 15-21: not the 3rd)."""
    ordinal = 0 if m["ord"] in _LAST_WORDS else number(m["ord"])
    count = number(m["n"]) if m.groupdict().get("n") else 1
    if ordinal + count - 1 > 4:
        return None  # "the fourth two weeks" runs out of the month
    return p.clamp(p.weeks_of_month(whole_month(m, today), ordinal, count), today)


_FIRST_HALF = frozenset({"first", "1st", "front", "h1"})


def half_of_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "the first half of October" (days 1-15), "the second half" (16-end)."""
    half = 1 if m["half"] in _FIRST_HALF else 2
    return p.clamp(p.half_of_month(whole_month(m, today), half), today)


def first_days_of_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "the first 17 days of September" (days 1-17), "the last 10 days of March"."""
    month = whole_month(m, today)
    days = number(m["n"])
    if not 1 <= days <= month.days:
        return None
    if m["edge"] == "first":
        part = DateRange(start=month.start, end=month.start + timedelta(days - 1))
    else:
        part = DateRange(start=month.end - timedelta(days - 1), end=month.end)
    return None if part.start > today else p.clamp(part, today)


def half_of_this_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "the first half of the month" (this month's days 1-15, up to today), "the second
    half of last month"."""
    half = 1 if m["half"] in _FIRST_HALF else 2
    month = p.month_range(today.year, today.month)
    if m["last"]:
        month = p.month_range(*p.add_months(today.year, today.month, -1))
    part = p.half_of_month(month, half)
    return None if part.start > today else p.clamp(part, today)


def half_of_year(m: re.Match[str], today: date) -> DateRange | None:
    """For "the first half of 2025", "H2", "the second half of last year", "H1 last year"."""
    half = 1 if (m["half"] or m["half2"] or m["h"]) in _FIRST_HALF else 2
    year_text = field(m, "y")
    which = field(m, "which")
    if year_text:
        year = int(year_text)
    elif which == "last":
        year = today.year - 1
    elif m["h"] and half == 2 and today.month < 7 and not which:
        year = today.year - 1  # "H2" in spring: the latest second half that has begun
    else:
        year = today.year
    return p.clamp(p.half_of_year(year, half), today)


_PARTS = {
    "early": "early",
    "beginning of": "early",
    "start of": "early",
    "mid": "mid",
    "middle of": "mid",
    "late": "late",
    "end of": "late",
}
_DEADLINE = re.compile(r" (?:by|until|till|through|before) (?:the )?$")


def part_of_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "early October" (days 1-10), "mid-October" (11-20), "late October" (21-end)."""
    if m["part"] == "end of" and _DEADLINE.search(m.string[: m.start()]):
        return None  # "by the end of October" is a deadline, not the month's last days
    return p.clamp(p.part_of_month(whole_month(m, today), _PARTS[m["part"]]), today)
