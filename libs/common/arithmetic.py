"""The one place ad-metric arithmetic is defined: base metrics are summed, ratios are always
recomputed from the sums (ROAS = Σvalue / Σspend, …), never averaged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from libs.common.rows import MetricRow
from libs.common.vocab import BASE_METRICS, RATIO_COMPONENTS, Metric

Sums = dict[Metric, Decimal]
"""Base metric -> sum; every base metric present."""

_ORDERED_BASE = sorted(BASE_METRICS)


def zero_sums() -> Sums:
    """Sums with every base metric at zero."""
    return dict.fromkeys(_ORDERED_BASE, Decimal(0))


def add_into(target: Sums, values: Mapping[Metric, Decimal]) -> None:
    """Add the base metrics of `values` to `target`. Ratios a connector may send are ignored
    on purpose: they cannot be summed."""
    for metric, value in values.items():
        if metric in BASE_METRICS:
            target[metric] += value


def total(parts: Iterable[Mapping[Metric, Decimal]]) -> Sums:
    """Σ of `parts` (per metric; a metric a part lacks counts as zero)."""
    sums = zero_sums()
    for part in parts:
        add_into(sums, part)
    return sums


def base_sums(rows: Iterable[MetricRow]) -> Sums:
    """Σ of every base metric over `rows`; a metric a row lacks counts as zero."""
    return total(row.values for row in rows)


def metric_value(metric: Metric, sums: Mapping[Metric, Decimal]) -> Decimal | None:
    """`metric` over `sums`: a base sum, or a ratio of sums (None when the denominator is 0)."""
    if metric not in RATIO_COMPONENTS:
        return sums[metric]
    numerator, denominator, scale = RATIO_COMPONENTS[metric]
    if sums[denominator] == 0:
        return None
    return sums[numerator] * scale / sums[denominator]
