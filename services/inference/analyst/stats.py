"""Robust baselines: median and MAD over reference days, with noise floors.

Median/MAD rather than mean/std: a baseline has only four same-weekday points, and one of them
may itself be an earlier spike; the median ignores it where a mean would be dragged along.
With so few points the MAD can also be near zero by chance, so the scale never goes below a
relative floor (ordinary day-to-day variation) or the counting noise of the volumes involved
(sqrt(n) for a count of n): a z of 3 then means a move an analyst would also call unusual.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
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


LOOKBACK_DAYS = 28
"""Each day is judged against the 4 weeks before it: recent enough to follow trends and the
season, long enough for four same-weekday points."""
MIN_LOOKBACK_DAYS = 7


def lookback(day: date, known: Container[date], days: int = LOOKBACK_DAYS) -> list[date]:
    """The days of the `days` before `day` that the data has."""
    return [d for d in (day - timedelta(days=i) for i in range(days, 0, -1)) if d in known]


def reference_days(day: date, known: Container[date]) -> tuple[list[date], bool]:
    """The days `day` is judged against, and whether they are its weekday.

    Same weekday of the 4 weeks before it when there are at least three (weekends and weekdays
    differ by design in ad data); otherwise every day of those 4 weeks, and the caller says the
    baseline is weaker; no days at all when fewer than 7 of them are known.
    """
    before = lookback(day, known)
    same = [d for d in before if d.weekday() == day.weekday()]
    if len(same) >= MIN_SAME_WEEKDAY_POINTS:
        return same, True
    if len(before) < MIN_LOOKBACK_DAYS:
        return [], False
    return before, False
