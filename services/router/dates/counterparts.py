"""The period a lone compared period is set against when the question names no other: "up 40%
on last month" asks about this month so far, "down on August last year" about this August,
"cost per hire up 30% on April" (asked in May) about May so far."""

from __future__ import annotations

import re
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.dates import periods as p
from services.router.dates.compare_words import CHANGE, MARKER

_COUNTERPART = {"week": "week", "month": "month", "quarter": "quarter", "year": "year"}
"""A relative unit ("last week", "last month") sets the current one so far against it."""


def counterpart_of(
    unit: str | None, compared: DateRange, today: date, *, changed: bool
) -> DateRange:
    """The period asked about when only `compared` (of relative `unit`, if it has one) is
    named after a comparison word; the last 7 days when nothing closer fits. A change said
    against a recent month (`changed`: "up 30% on April") is this month's; a month only set
    beside ("seems low compared to November") is the last days'."""
    counterpart = _COUNTERPART.get(unit or "")
    if counterpart:
        return p.to_date(today, counterpart)
    own = _this_years_own(compared, today) or (changed and _this_months_own(compared, today))
    return own or p.last_days(today, 7)


_COMPARED_MORE_OR_LESS = re.compile(
    r" (?:less|more|fewer|higher|lower|cheaper|dearer|worse|better) than (?:in |on |for )?$"
)


def said_as_a_change(before: str) -> bool:
    """Whether the words before a lone compared period say a change against it: no comparison
    word ("up 30% on April"), or one after a change or a comparative ("costing double per
    sign-up compared to January", "sign-ups are less than in December"); a figure only set
    beside it ("seems low compared to November") is not."""
    marker = MARKER.search(before)
    if marker is None:
        return True
    return bool(CHANGE.search(before, 0, marker.start() + 1)) or bool(
        _COMPARED_MORE_OR_LESS.search(before)
    )


def _this_years_own(compared: DateRange, today: date) -> DateRange | None:
    """For a whole month, quarter or year of an earlier year set against nothing named ("quote
    requests down on August last year", "leads vs 2040"): the same months this year, so far;
    None when they have not begun."""
    start, end = compared.start, compared.end
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    whole = start.day == 1 and end == p.month_range(end.year, end.month).end
    if start.year >= today.year or not whole or months not in (1, 3, 12):
        return None
    years = today.year - start.year
    own = p.span(
        date(start.year + years, start.month, 1), p.month_range(end.year + years, end.month).end
    )
    return p.clamp(own, today) if own.start <= today else None


def _this_months_own(compared: DateRange, today: date) -> DateRange | None:
    """For a whole month of the last year set against nothing named ("cost per hire up 30% on
    April", asked in May): this month so far."""
    month = p.month_range(compared.start.year, compared.start.month)
    recent = today.replace(day=1) - timedelta(days=366) < compared.start
    if compared != month or not recent or compared.end >= today.replace(day=1):
        return None
    return p.to_date(today, "month")
