"""Forecast questions look ahead: the period they name is the one to come.

- A month or quarter named without a year ("forecast our Q1 spend", "December budget pacing")
  is its next occurrence when the most recent one is already over.
- With two periods, one ahead and one past ("next quarter based on the last 90 days"), the one
  ahead is the subject; the past one is only the basis, which the plan's history covers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from libs.common.plan import DateRange
from services.router.dates import periods as p
from services.router.dates.compare import Periods

_YEARLESS = frozenset({"named_month", "quarter"})
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def ahead(periods: Periods, today: date, text: str) -> Periods:
    """`periods` of forecast question `text`, read forwards (see the module's rules)."""
    coming = [m for m in periods.mentions if m.rng.start > today]
    if coming and len(periods.mentions) > 1:
        return replace(periods, date_range=coming[0].rng, compare_to=None)
    first = periods.mentions[0] if len(periods.mentions) == 1 else None
    rng = periods.date_range
    if first is None or first.rule not in _YEARLESS or rng.end >= today or _YEAR.search(text):
        return periods
    return replace(periods, date_range=_next_year(rng), compare_to=None)


def _next_year(rng: DateRange) -> DateRange:
    end = p.shift_year(rng.end, 1)
    if rng.end == p.month_range(rng.end.year, rng.end.month).end:
        end = p.month_range(end.year, end.month).end  # Feb 28 -> Feb 29 in a leap year
    return DateRange(start=p.shift_year(rng.start, 1), end=end)
