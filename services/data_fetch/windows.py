"""Which windows of days an analysis plan needs fetched, at which grain, and how to slice them.

An analysis plan names up to three periods: the asked one, its comparison and the baseline
history before it (see `services/router/analysis_periods.py`). Each is cut at the tenant's
today (a forecast asks about days that have not happened). A comparison that lies inside the
history is sliced out of it instead of fetched twice; a comparison longer than a quarter is
fetched as campaign totals (its days would make the job too big to send, and the analyst only
needs its sums).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from libs.common import DateRange, QueryPlan

DAILY_GRAIN = ["date", "campaign"]
TOTALS_GRAIN = ["campaign"]
MAX_DAILY_COMPARE_DAYS = 92


@dataclass(frozen=True)
class Window:
    """One connector fetch: the days and the grain."""

    period: DateRange
    grain: list[str]


@dataclass(frozen=True)
class AnalysisWindows:
    """The fetches an analysis plan needs; `compare_in_history` means slice, do not fetch."""

    asked: Window | None
    compare: Window | None
    history: Window | None
    compare_in_history: bool


def observed(period: DateRange | None, today: date) -> DateRange | None:
    """`period` cut at today; None when none of it has happened yet."""
    if period is None or period.start > today:
        return None
    return DateRange(start=period.start, end=min(period.end, today))


def analysis_windows(plan: QueryPlan) -> AnalysisWindows:
    """The windows to fetch for `plan` (an analysis plan)."""
    asked = observed(plan.date_range, plan.as_of)
    compare = observed(plan.compare_to, plan.as_of)
    history = observed(plan.history, plan.as_of)
    inside = (
        compare is not None
        and history is not None
        and history.start <= compare.start
        and compare.end <= history.end
    )
    compare_grain = DAILY_GRAIN
    if compare is not None and compare.days > MAX_DAILY_COMPARE_DAYS:
        compare_grain = TOTALS_GRAIN
    return AnalysisWindows(
        asked=Window(asked, DAILY_GRAIN) if asked else None,
        compare=Window(compare, compare_grain) if compare and not inside else None,
        history=Window(history, DAILY_GRAIN) if history else None,
        compare_in_history=inside,
    )
