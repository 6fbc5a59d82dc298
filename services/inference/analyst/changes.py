"""Period over period: the asked period against compare_to, or the equally long window right
before it taken from the history. Works on rows of any grain (a long comparison comes as
campaign totals)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from libs.common import BASE_METRICS, DateRange, FetchedRows, Metric
from libs.common.arithmetic import metric_value as value
from libs.common.arithmetic import total
from libs.common.rows import CampaignKey
from services.inference.analyst.decompose import group

HEADLINE_METRICS = (
    Metric.SPEND,
    Metric.CONVERSIONS,
    Metric.CONVERSION_VALUE,
    Metric.ROAS,
    Metric.CPA,
)


@dataclass(frozen=True)
class MetricChange:
    """One metric in both periods; relative is a fraction (None for a zero or missing base)."""

    metric: Metric
    current: Decimal | None
    base: Decimal | None
    relative: Decimal | None
    driver: CampaignKey | None = None
    """For a base metric: the campaign that moved most in the direction of the total."""
    driver_delta: Decimal | None = None


@dataclass(frozen=True)
class Comparison:
    """The base period and the changes to it."""

    start: date
    end: date
    source: str
    """"compare_to" (the plan's comparison period) or "previous_period" (from history)."""
    changes: tuple[MetricChange, ...]


def change_metrics(named: list[Metric]) -> list[Metric]:
    """The plan's metrics first, then the headline ones, each once."""
    return list(dict.fromkeys([*named, *HEADLINE_METRICS]))


def compare(
    current: FetchedRows, base: FetchedRows, source: str, metrics: list[Metric]
) -> Comparison:
    """Changes from `base` (any grain: day x campaign or campaign totals) to `current`."""
    platforms = {a.account_id: a.platform.value for a in [*current.accounts, *base.accounts]}
    now_by = group(current.rows, platforms)["campaign"]
    base_by = group(base.rows, platforms)["campaign"]
    now_sums, base_sums = total(now_by.values()), total(base_by.values())
    changes = []
    for metric in metrics:
        now, before = value(metric, now_sums), value(metric, base_sums)
        relative = None if now is None or not before else (now - before) / before
        driver, delta = _driver(metric, now_by, base_by, relative)
        changes.append(MetricChange(metric, now, before, relative, driver, delta))
    rng = base.date_range
    return Comparison(rng.start, rng.end, source, tuple(changes))


def previous_window(current: DateRange, history: FetchedRows | None) -> FetchedRows | None:
    """The equally long window right before `current`, taken from `history` if it has it."""
    if history is None:
        return None
    end = current.start - timedelta(days=1)
    start = end - timedelta(days=current.days - 1)
    if start < history.date_range.start or end > history.date_range.end:
        return None
    rows = [r for r in history.rows if r.date is not None and start <= r.date <= end]
    return history.model_copy(update={"date_range": DateRange(start=start, end=end), "rows": rows})


def _driver(
    metric: Metric,
    now: Mapping[CampaignKey, Mapping[Metric, Decimal]],
    before: Mapping[CampaignKey, Mapping[Metric, Decimal]],
    relative: Decimal | None,
) -> tuple[CampaignKey | None, Decimal | None]:
    if metric not in BASE_METRICS or not relative:
        return None, None
    sign = 1 if relative > 0 else -1
    deltas = {
        key: now.get(key, {}).get(metric, Decimal(0)) - before.get(key, {}).get(metric, Decimal(0))
        for key in sorted(set(now) | set(before))
    }
    # Largest move first; ties by key, so the answer never depends on dict order.
    moved = sorted((-sign * delta, key) for key, delta in deltas.items() if sign * delta > 0)
    if not moved:
        return None, None
    key = moved[0][1]
    return key, deltas[key]
