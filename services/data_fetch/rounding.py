"""Rounding of metric values and their conversion to plain JSON numbers.

Arithmetic stays in `Decimal` from the rows to the last step; only `to_json_number` makes a
float, so no binary rounding error ever reaches a total or a ratio.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from libs.common import MONEY_METRICS, Metric

ROUNDING = ROUND_HALF_UP
"""Half-up, not banker's rounding: it is what marketers get when they check a figure by hand
or in a spreadsheet, and a cent that disagrees with their sheet costs more trust than it saves."""

CENT = Decimal("0.01")
RATIO_QUANTUM = Decimal("0.0001")
CHANGE_QUANTUM = Decimal("0.0001")
COUNT_QUANTUM = CENT  # counts are integral by contract; two places keep fractional conversions


def quantum_for(metric: Metric) -> Decimal:
    """The precision a metric is reported at: cents for money, 4 places for ratios."""
    if metric in MONEY_METRICS:
        return CENT
    if metric in (Metric.CTR, Metric.ROAS):
        return RATIO_QUANTUM
    return COUNT_QUANTUM


def quantize(value: Decimal, quantum: Decimal) -> Decimal:
    """`value` rounded half-up to `quantum`."""
    return value.quantize(quantum, rounding=ROUNDING)


def round_metric(metric: Metric, value: Decimal | None) -> Decimal | None:
    """`value` rounded to the precision `metric` is reported at; None stays None."""
    return None if value is None else quantize(value, quantum_for(metric))


def to_json_number(value: Decimal | None) -> int | float | None:
    """A rounded Decimal as a plain JSON number: int when integral, else float; None stays None."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
