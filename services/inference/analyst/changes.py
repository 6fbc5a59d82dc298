"""Period over period: the asked period against compare_to, or the equally long window right
before it taken from the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from libs.common import BASE_METRICS, Metric
from libs.common.arithmetic import metric_value as value
from services.inference.analyst.series import CampaignKey, Series

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
    current: Series, compare_to: Series | None, history: Series | None, metrics: list[Metric]
) -> Comparison | None:
    """Changes from the base period to `current`; None when no base period is available."""
    base, source = _base(current, compare_to, history)
    if base is None or not base.days:
        return None
    now_sums, base_sums = current.sums(), base.sums()
    now_by, base_by = current.campaign_sums(), base.campaign_sums()
    changes = []
    for metric in metrics:
        now, before = value(metric, now_sums), value(metric, base_sums)
        relative = None if now is None or not before else (now - before) / before
        driver, delta = _driver(metric, now_by, base_by, relative)
        changes.append(MetricChange(metric, now, before, relative, driver, delta))
    return Comparison(base.days[0], base.days[-1], source, tuple(changes))


def _base(
    current: Series, compare_to: Series | None, history: Series | None
) -> tuple[Series | None, str]:
    if compare_to is not None:
        return compare_to, "compare_to"
    if history is None or not current.days:
        return None, ""
    end = current.days[0] - timedelta(days=1)
    start = end - timedelta(days=len(current.days) - 1)
    if start not in history.total or end not in history.total:
        return None, ""
    return history.window(start, end), "previous_period"


def _driver(
    metric: Metric,
    now: dict[CampaignKey, dict[Metric, Decimal]],
    before: dict[CampaignKey, dict[Metric, Decimal]],
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
