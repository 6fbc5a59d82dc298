"""Robust baselines: median and MAD over reference days, with noise floors.

Median/MAD rather than mean/std: a baseline has only four same-weekday points, and one of them
may itself be an earlier spike; the median ignores it where a mean would be dragged along.
With so few points the MAD can also be near zero by chance, so the scale never goes below a
relative floor (ordinary day-to-day variation) or the counting noise of the volumes involved
(sqrt(n) for a count of n): a z of 3 then means a move an analyst would also call unusual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MAD_TO_SIGMA = Decimal("1.4826")
"""MAD x this estimates the standard deviation of normally distributed data."""

MIN_SAME_WEEKDAY_POINTS = 3


@dataclass(frozen=True)
class Baseline:
    """What a day is judged against: the expected value and the scale of normal variation."""

    expected: Decimal
    scale: Decimal


def median(values: Sequence[Decimal]) -> Decimal:
    """The median of a non-empty sequence."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def baseline(
    values: Sequence[Decimal], *, relative_floor: Decimal, noise: Decimal = Decimal(0)
) -> Baseline:
    """Median of `values`, scale max(1.4826·MAD, relative_floor·|median|, noise)."""
    centre = median(values)
    mad = median([abs(v - centre) for v in values])
    scale = max(MAD_TO_SIGMA * mad, relative_floor * abs(centre), noise)
    return Baseline(expected=centre, scale=scale)


def z_score(observed: Decimal, base: Baseline) -> Decimal | None:
    """(observed - expected) / scale; None when the scale is zero (nothing to judge by)."""
    if base.scale <= 0:
        return None
    return (observed - base.expected) / base.scale


def reference_days(day: date, history: Sequence[date]) -> tuple[list[date], bool]:
    """The history days `day` is judged against, and whether they are its weekday.

    Same weekday when there are at least three (weekends and weekdays differ by design in ad
    data); otherwise every history day, and the caller says the baseline is weaker.
    """
    same = [d for d in history if d.weekday() == day.weekday()]
    if len(same) >= MIN_SAME_WEEKDAY_POINTS:
        return same, True
    return list(history), False
