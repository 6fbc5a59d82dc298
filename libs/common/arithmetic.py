"""The one place ad-metric arithmetic is defined: base metrics are summed, ratios are always
recomputed from the sums (ROAS = Σvalue / Σspend, …), never averaged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from libs.common.rows import MetricRow
from libs.common.vocab import BASE_METRICS, RATIO_COMPONENTS, Metric


def base_sums(rows: Iterable[MetricRow]) -> dict[Metric, Decimal]:
    """Σ of every base metric over `rows`; a metric a row lacks counts as zero."""
    sums = dict.fromkeys(sorted(BASE_METRICS), Decimal(0))
    for row in rows:
        for metric, value in row.values.items():
            # Ratios a connector may send are ignored on purpose: they cannot be summed.
            if metric in BASE_METRICS:
                sums[metric] += value
    return sums


def metric_value(metric: Metric, sums: Mapping[Metric, Decimal]) -> Decimal | None:
    """`metric` over `sums`: a base sum, or a ratio of sums (None when the denominator is 0)."""
    if metric not in RATIO_COMPONENTS:
        return sums[metric]
    numerator, denominator, scale = RATIO_COMPONENTS[metric]
    if sums[denominator] == 0:
        return None
    return sums[numerator] * scale / sums[denominator]
