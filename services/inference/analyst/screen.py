"""A float pre-screen of the daily z-score checks: the days on which a scope could raise one.

`daily_anomalies` judges every scope x day x check in exact `Decimal` (a week's job of 357 +
1,428 rows is ~3,000 such judgements, a third of the analyst's time), yet almost none of them
comes near the threshold. This screen computes, in one numpy pass per scope, a bound each
judgement cannot exceed: the same median and MAD of the same reference days, with a scale
that leaves out the counting-noise floor (which only widens the exact scale) and with the
caller's skips ignored (which only remove checks). A day whose bound stays below the
threshold, with a margin far above float error, cannot be flagged, so its exact judgement is
skipped; every other day is judged exactly as before. The result is the same anomalies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

import numpy as np
import numpy.typing as npt

from libs.common import Metric
from libs.common.vocab import BASE_METRICS, RATIO_COMPONENTS
from services.inference.analyst.anomaly import ScopeId
from services.inference.analyst.series import Daily
from services.inference.analyst.stats import MAD_TO_SIGMA

MARGIN = 1e-6
"""Relative slack on every float comparison: float error here is ~1e-15 of the values."""

Floats = npt.NDArray[np.float64]


class Judged(Protocol):
    """What the screen needs of a check (`daily.Check`)."""

    @property
    def metric(self) -> Metric: ...
    @property
    def relative_floor(self) -> Decimal: ...
    @property
    def gate_metric(self) -> Metric | None: ...
    @property
    def gate(self) -> Decimal: ...
    @property
    def gate_on_day(self) -> bool: ...


@dataclass(frozen=True)
class _Rows:
    """Every scope's base sums as floats (scope x date), and where the judged days and their
    reference days stand among the dates."""

    base: Mapping[Metric, Floats]
    at: npt.NDArray[np.intp]
    refs: npt.NDArray[np.intp]


def worth_judging(
    scoped: Sequence[tuple[ScopeId, Daily, Decimal]],
    days: Sequence[date],
    refs_of: Mapping[date, Sequence[date]],
    checks: Sequence[Judged],
) -> set[tuple[ScopeId, date]]:
    """The (scope, day) pairs of `scoped` (scope, its daily sums, its |z| threshold) x `days`
    on which some of `checks` could reach the scope's threshold; days without reference days
    are never judged, so never returned. One numpy pass over all scopes per reference count."""
    found: set[tuple[ScopeId, date]] = set()
    if not scoped:
        return found
    by_count: dict[int, list[date]] = {}
    for day in days:
        if refs_of.get(day):
            by_count.setdefault(len(refs_of[day]), []).append(day)
    limits = np.array([float(t) * (1 - MARGIN) for _, _, t in scoped])[:, None]
    for group in by_count.values():
        rows = _rows([daily for _, daily, _ in scoped], group, refs_of)
        worth = np.zeros((len(scoped), len(group)), dtype=bool)
        for check in checks:
            worth |= _may_cross(rows, check, limits)
        for s, d in zip(*np.nonzero(worth), strict=True):
            found.add((scoped[s][0], group[d]))
    return found


def _rows(dailies: list[Daily], group: list[date], refs_of: Mapping[date, Sequence[date]]) -> _Rows:
    needed = sorted({d for day in group for d in (day, *refs_of[day])})
    index = {d: i for i, d in enumerate(needed)}
    base = {
        metric: np.array(
            [[float(daily[d][metric]) for d in needed] for daily in dailies], dtype=np.float64
        )
        for metric in BASE_METRICS
    }
    at = np.array([index[day] for day in group], dtype=np.intp)
    refs = np.array([[index[d] for d in refs_of[day]] for day in group], dtype=np.intp)
    return _Rows(base, at, refs)


def _values(rows: _Rows, metric: Metric) -> Floats:
    if metric not in RATIO_COMPONENTS:
        return rows.base[metric]
    numerator, denominator, scale = RATIO_COMPONENTS[metric]
    den = rows.base[denominator]
    with np.errstate(divide="ignore", invalid="ignore"):
        # A zero denominator has no value (NaN): the exact judgement decides those days.
        return np.where(den == 0, np.nan, rows.base[numerator] * scale / den)


def _may_cross(rows: _Rows, check: Judged, limits: Floats) -> npt.NDArray[np.bool_]:
    values = _values(rows, check.metric)
    observed, refs = values[:, rows.at], values[:, rows.refs]  # scope x day (x reference)
    centre = np.median(refs, axis=2)
    mad = np.median(np.abs(refs - centre[:, :, None]), axis=2)
    scale = np.maximum(float(MAD_TO_SIGMA) * mad, float(check.relative_floor) * np.abs(centre))
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = np.abs(observed - centre) / scale
    # NaN (no value somewhere) and a zero scale are left to the exact judgement.
    maybe: npt.NDArray[np.bool_] = ~(bound < limits)
    if check.gate_metric is not None:
        gate = float(check.gate) * (1 - MARGIN)
        counts = rows.base[check.gate_metric]
        maybe &= np.median(counts[:, rows.refs], axis=2) >= gate
        if check.gate_on_day:
            maybe &= counts[:, rows.at] >= gate
    return maybe
