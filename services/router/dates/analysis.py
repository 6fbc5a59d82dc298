"""The periods an analysis plan carries besides the one asked about, decided by its intent.

A "why" without the data to know why is not an answer, so analysis plans carry:
- a comparison (`compare_to`): the one the question names (unless it has not begun: a plan's
  horizon, "for the rest of Q4", has no rows), else the period before the asked one,
  aligned to weekdays — whole calendar months (a quarter, a year) against the same number of
  whole months before them ("October" against September); any other period against the same
  number of days shifted back by whole weeks, so Mondays meet Mondays ("the week of Nov 10"
  against Nov 3-9; "Nov 1-22" against Oct 4-25);
- a baseline history (`history`): every day from 4 weeks (12 for trends) before the comparison
  up to the day before the asked period, when the comparison is at most a quarter long and ends
  less than 4 weeks before the asked period (so both can be checked for unusual days, each day
  against the 4 weeks before it); otherwise the 4 (12) weeks before the asked period. A forecast
  takes the 8 weeks up to yesterday and no comparison.
Off-topic questions carry neither. Direct plans carry only what the question names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from libs.common.plan import COMPARE_ALIGNED, DateRange
from libs.common.vocab import Intent
from services.router.dates import periods as p

HISTORY_WEEKS = 4
TREND_HISTORY_WEEKS = 12
FORECAST_HISTORY_WEEKS = 8
MAX_SCANNED_COMPARE_DAYS = 92
"""A longer comparison is fetched as campaign totals only (a year of days is too much data)."""
_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class AnalysisPeriods:
    """The comparison and the baseline history of one analysis plan, and why."""

    compare_to: DateRange | None
    history: DateRange | None
    rationale: tuple[str, ...]


def analysis_periods(
    intent: Intent, asked: DateRange, named: DateRange | None, today: date
) -> AnalysisPeriods:
    """The comparison and history for an analysis plan of `intent` about `asked`."""
    if intent is Intent.OTHER:
        return AnalysisPeriods(named, None, ())
    if intent is Intent.FORECAST:
        weeks = FORECAST_HISTORY_WEEKS
        history = p.last_days(today, 7 * weeks)
        return AnalysisPeriods(named, history, (f"history:{weeks}_weeks_to_yesterday",))
    compare, why = named, "compare:named"
    if compare is not None and compare.start > today:  # a horizon ("for the rest of Q4"): no rows
        compare = None
    if compare is None:
        compare, why = aligned_previous(asked), COMPARE_ALIGNED
    weeks = TREND_HISTORY_WEEKS if intent is Intent.TREND else HISTORY_WEEKS
    start = asked.start - weeks * _WEEK
    if _scanned_too(compare, asked):
        start = compare.start - weeks * _WEEK
    history = DateRange(start=start, end=asked.start - timedelta(days=1))
    return AnalysisPeriods(compare, history, (why, f"history:{weeks}_weeks"))


def _scanned_too(compare: DateRange, asked: DateRange) -> bool:
    """Whether the history reaches back past the comparison, so it is checked as well."""
    close = compare.end < asked.start and asked.start - compare.end <= HISTORY_WEEKS * _WEEK
    return close and compare.days <= MAX_SCANNED_COMPARE_DAYS


def aligned_previous(rng: DateRange) -> DateRange:
    """The period before `rng` that it is compared with when the question names none."""
    months = p.whole_months(rng)
    if months:
        return p.period_before(rng, f"{months}_months")
    shift = -(-rng.days // 7) * _WEEK  # whole weeks, at least as long as the period
    return DateRange(start=rng.start - shift, end=rng.end - shift)
