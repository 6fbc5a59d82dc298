"""The tenant's fiscal year: "this fiscal year", "last FY", "FY2026", "fiscal Q3"; and the
accounts' way of naming any period by its last day ("the quarter ended 31st December 2025").

A fiscal year starts on the first day of the tenant's start month and runs twelve months;
FY2026 (or FY26, fiscal 2026) is the one that ends in 2026 — with a January start, the calendar
year. Fiscal quarters are its four three-month parts, Q1 first. Without a start month set,
January: every fiscal phrase then means its calendar one.

The start month is the question's context, set for the length of one `build_plan` call
(`fiscal_year_starting`), so the phrase rules keep their (match, today) shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.calendar_words import MONTHS
from services.router.dates import periods as p
from services.router.dates.words import number, parse_day

_START: ContextVar[int] = ContextVar("fiscal_start_month", default=1)

_DECLARED = re.compile(
    r"(?i)(?:\b(?:our|the|my|their)\s+)?\b(?:fy|fiscal year|financial year|fiscal)\s+"
    r"(?:(?:runs|starts|begins|start|begin|run|is)|(?P<ends>ends|end|finishes|closes))\s+"
    r"(?:from\s+|in\s+|on\s+|with\s+)?(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"(?P<mon>[a-z]+)\b"
    r"(?:\s*(?:to|through|thru|until|till|-|–)\s*(?P<end>[a-z]+)\b)?[.,;]?"
)
"""A question that says when its fiscal year starts or ends ("Our FY runs April to March.",
"our fiscal year ends in September")."""
_OURS = re.compile(
    r"(?i)\(?\b(?:ours|it|which)\s+(?:(?:runs|starts|begins)|(?P<ends>ends|finishes|closes))\s+"
    r"(?:from\s+|in\s+|on\s+)?(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"(?P<mon>[a-z]+)\b(?:\s*(?:to|through|-|–)\s*(?P<end>[a-z]+)\b)?\)?[.,;]?"
)
"""The same said after the year is named ("our fiscal year (ours starts 1 July)")."""


def declared_start(raw: str) -> tuple[str, int | None]:
    """`raw` without a fiscal year it declares, and that year's start month (None when it
    declares none): the declaration sets the year, it names no period."""
    lowered = raw.lower()
    if "fy" not in lowered and "fiscal" not in lowered and "financial year" not in lowered:
        return raw, None  # most questions name no fiscal year: skip the scan
    for m in (*_DECLARED.finditer(raw), *_OURS.finditer(raw)):
        month = MONTHS.get(m["mon"].lower())
        if month is not None and (m["end"] is None or m["end"].lower() in MONTHS):
            start = month % 12 + 1 if m["ends"] else month  # "ends in September": October
            return raw[: m.start()] + raw[m.end() :], start
    return raw, None


@contextmanager
def fiscal_year_starting(month: int) -> Iterator[None]:
    """Resolve fiscal phrases with years starting in `month` (1-12) inside the block."""
    if not 1 <= month <= 12:
        raise ValueError(f"a fiscal year starts in a month 1-12, not {month}")
    token = _START.set(month)
    try:
        yield
    finally:
        _START.reset(token)


def _year(first_year: int) -> DateRange:
    """The fiscal year starting in `first_year`."""
    month = _START.get()
    end_year, end_month = p.add_months(first_year, month, 11)
    return DateRange(start=date(first_year, month, 1), end=p.month_range(end_year, end_month).end)


def _current_first_year(today: date) -> int:
    return today.year if today.month >= _START.get() else today.year - 1


def this_year(_m: re.Match[str], today: date) -> DateRange:
    """The current fiscal year from its first day to today."""
    return DateRange(start=_year(_current_first_year(today)).start, end=today)


def last_year(_m: re.Match[str], today: date) -> DateRange:
    """The whole fiscal year before the current one."""
    return _year(_current_first_year(today) - 1)


def named_year(m: re.Match[str], today: date) -> DateRange | None:
    """FY2026, FY26, fiscal 2026: the fiscal year ending in that year (cut at today)."""
    digits = m["fy"]
    ending = int(digits) if len(digits) == 4 else 2000 + int(digits)
    first_year = ending if _START.get() == 1 else ending - 1
    if not 1900 <= first_year <= 2200:
        return None
    return p.clamp(_year(first_year), today)


def quarter(m: re.Match[str], today: date) -> DateRange:
    """Fiscal Q1-Q4: the latest such quarter that has begun (the current one cut at today)."""
    number = int(m["q"] or m["q2"])
    first_year = _current_first_year(today)
    found = _quarter(first_year, number)
    if found.start > today:
        found = _quarter(first_year - 1, number)
    return p.clamp(found, today)


def this_quarter(_m: re.Match[str], today: date) -> DateRange:
    """The current fiscal quarter from its first day to today."""
    return DateRange(start=_containing(today).start, end=today)


def last_quarter(_m: re.Match[str], today: date) -> DateRange:
    """The whole fiscal quarter before the current one."""
    return _containing(_containing(today).start - timedelta(days=1))


def _quarter(first_year: int, number: int) -> DateRange:
    start_year, start_month = p.add_months(first_year, _START.get(), 3 * (number - 1))
    end_year, end_month = p.add_months(start_year, start_month, 2)
    return DateRange(
        start=date(start_year, start_month, 1), end=p.month_range(end_year, end_month).end
    )


def _containing(day: date) -> DateRange:
    first_year = _current_first_year(day)
    return next(
        q for q in (_quarter(first_year, n) for n in range(1, 5)) if q.start <= day <= q.end
    )


_MONTHS_IN = {"month": 1, "quarter": 3, "half year": 6, "half": 6, "year": 12, "financial year": 12}


def months_ended(m: re.Match[str], today: date) -> DateRange | None:
    """For "the quarter ended 31st December 2025", "the half year ending 30 June", "the 3
    months ended 30/09": the months up to that day (from the first of a month when it closes
    one)."""
    found = parse_day(m, "a", today, None)
    months = _MONTHS_IN.get(m["unit"]) or (number(m["n"]) if m["n"] else 0)
    if found is None or not 1 <= months <= 24:
        return None
    end = found.day
    if end == p.month_range(end.year, end.month).end:
        year, month = p.add_months(end.year, end.month, 1 - months)
        return DateRange(start=date(year, month, 1), end=end)
    year, month = p.add_months(end.year, end.month, -months)
    last = p.month_range(year, month).end.day
    return DateRange(start=date(year, month, min(end.day, last)) + timedelta(days=1), end=end)
