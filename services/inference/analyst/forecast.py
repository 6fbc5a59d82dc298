"""An honest projection: each future day is the same weekday's average of the last 4 weeks.

The range is the lowest and highest of those four weeks for each day, summed: it shows how
much the recent past itself varied, not a statistical guarantee. It knows nothing of events
ahead (sales, holidays, launches) and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from libs.common import Metric
from libs.common.arithmetic import Sums, add_into, zero_sums
from libs.common.arithmetic import metric_value as value
from services.inference.analyst.printer import Printer, period_label
from services.inference.analyst.series import Series, days_of

BASIS_DAYS = 28
MIN_BASIS_DAYS = 7
PROJECTED = (Metric.SPEND, Metric.CONVERSIONS, Metric.CONVERSION_VALUE)


@dataclass(frozen=True)
class Forecast:
    """Observed and projected sums for the asked range."""

    start: date
    end: date
    observed: Sums
    observed_days: int
    mid: Sums
    low: Sums
    high: Sums
    projected_days: int
    basis_start: date
    basis_end: date


def forecast(known: Series, start: date, end: date, as_of: date) -> Forecast | None:
    """Project `start`..`end` from the last 28 days of `known` up to as_of (None if too few)."""
    basis_end = min(known.days[-1], as_of) if known.days else None
    if basis_end is None:
        return None
    basis = [d for d in known.days if basis_end - timedelta(days=BASIS_DAYS) < d <= basis_end]
    if len(basis) < MIN_BASIS_DAYS:
        return None
    observed, mid, low, high = zero_sums(), zero_sums(), zero_sums(), zero_sums()
    seen = projected = 0
    for day in days_of(start, end):
        if day <= basis_end and day in known.total:
            add_into(observed, known.total[day])
            seen += 1
            continue
        same = [known.total[d] for d in basis if d.weekday() == day.weekday()] or [
            known.total[d] for d in basis
        ]
        for metric in PROJECTED:
            values = [s[metric] for s in same]
            mid[metric] += sum(values, Decimal(0)) / len(values)
            low[metric] += min(values)
            high[metric] += max(values)
        projected += 1
    return Forecast(start, end, observed, seen, mid, low, high, projected, basis[0], basis[-1])


def forecast_lines(p: Printer, f: Forecast, as_of: date) -> list[str]:
    """Bullets of the forecast section."""
    if f.projected_days == 0:
        return ["The whole period is already in the data; see the observations below."]
    total = {m: f.observed[m] + f.mid[m] for m in PROJECTED}
    lines = [
        f"{period_label(f.start, f.end, as_of)}: spend about {p.money(total[Metric.SPEND])} "
        f"(range {p.money(f.observed[Metric.SPEND] + f.low[Metric.SPEND])}–"
        f"{p.money(f.observed[Metric.SPEND] + f.high[Metric.SPEND])}), about "
        f"{p.count(_whole(total[Metric.CONVERSIONS]))} conversions (range "
        f"{p.count(_whole(f.observed[Metric.CONVERSIONS] + f.low[Metric.CONVERSIONS]))}–"
        f"{p.count(_whole(f.observed[Metric.CONVERSIONS] + f.high[Metric.CONVERSIONS]))}) and "
        f"{p.money(total[Metric.CONVERSION_VALUE])} conversion value: ROAS about "
        f"{p.metric(Metric.ROAS, _ratio(Metric.ROAS, total))}, "
        f"CPA about {p.metric(Metric.CPA, _ratio(Metric.CPA, total))}.",
    ]
    if f.observed_days:
        lines.append(
            f"{f.observed_days} of those days are already in: spend "
            f"{p.money(f.observed[Metric.SPEND])}, {p.count(f.observed[Metric.CONVERSIONS])} "
            "conversions so far."
        )
    lines.append(
        f"Method: each of the {f.projected_days} remaining days is the average of the same "
        f"weekday over {period_label(f.basis_start, f.basis_end, as_of)}; the range spans the "
        "weakest and strongest of those weeks. It assumes budgets and campaigns stay as they "
        "are and does not know about sales, holidays or launches ahead."
    )
    return lines


def _whole(number: Decimal) -> Decimal:
    return number.quantize(Decimal(1))


def _ratio(metric: Metric, sums: dict[Metric, Decimal]) -> Decimal | None:
    full = zero_sums()
    full.update(sums)
    return value(metric, full)
