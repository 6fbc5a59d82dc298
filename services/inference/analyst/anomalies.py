"""All anomaly checks of the asked (and compared) days against the weeks before, in one list."""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from datetime import date

from libs.common import Metric
from services.inference.analyst.anomaly import TENANT, Anomaly, AnomalyKind, ScopeId
from services.inference.analyst.breaks import (
    conversion_rate_shifts,
    parent_scopes,
    paused_campaigns,
    tracking_outages,
)
from services.inference.analyst.daily import daily_anomalies
from services.inference.analyst.seasons import season
from services.inference.analyst.series import Series
from services.inference.analyst.stats import reference_days

CONVERSION_FAMILY = frozenset(
    {Metric.CONVERSIONS, Metric.CONVERSION_VALUE, Metric.CPA, Metric.ROAS}
)
"""Metrics a tracking outage empties: not worth a second alarm on the same day."""

_ORDER = {
    AnomalyKind.TRACKING_OUTAGE: 0,
    AnomalyKind.PAUSED: 1,
    AnomalyKind.CONVERSION_RATE: 2,
    AnomalyKind.SPIKE: 3,
    AnomalyKind.DROP: 3,
}


@dataclass(frozen=True)
class Scan:
    """The anomalies found, and how solid the baseline was."""

    anomalies: tuple[Anomaly, ...]
    baseline: str
    """"weekday" (same weekday of earlier weeks), "all_days" (history too short) or "none"."""


def scan(
    timeline: Series,
    periods: Sequence[tuple[str, Sequence[date]]],
    switched_off: Container[ScopeId] = frozenset(),
) -> Scan:
    """Anomalies on the days of each of `periods` (label, days), every day judged against the
    4 weeks before it in `timeline`; structural breaks first. The first period is the asked one:
    the baseline's quality is its. Campaigns in `switched_off` stopped on purpose: their
    silence is no pause."""
    found: list[Anomaly] = []
    # Adjacent periods are scanned as one run of days, so a week-long break that straddles the
    # comparison and the asked period is judged whole; each finding is labelled by the period
    # holding most of its days.
    for run in _runs(sorted({day for _, days in periods for day in days})):
        found += [
            replace(a, period=_label(a, periods), season=season(a))
            for a in _scan_days(timeline, run, switched_off)
        ]
    found.sort(key=_rank)
    return Scan(tuple(found), _baseline_kind(timeline, periods[0][1] if periods else ()))


def _runs(days: Sequence[date]) -> list[list[date]]:
    runs: list[list[date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _label(anomaly: Anomaly, periods: Sequence[tuple[str, Sequence[date]]]) -> str:
    def inside(days: Sequence[date]) -> int:
        return sum(1 for day in days if anomaly.start <= day <= anomaly.end)

    return max(periods, key=lambda period: inside(period[1]))[0]


def _baseline_kind(timeline: Series, days: Sequence[date]) -> str:
    kinds = [reference_days(day, timeline.total) for day in days]
    if not kinds or not any(refs for refs, _ in kinds):
        return "none"
    return "weekday" if all(same for _, same in kinds) else "all_days"


def _scan_days(
    timeline: Series, days: Sequence[date], switched_off: Container[ScopeId]
) -> list[Anomaly]:
    outages = tracking_outages(timeline, days)
    paused = [a for a in paused_campaigns(timeline, days) if a.scope not in switched_off]
    out_days = {(a.scope, a.start) for a in outages}
    paused_days = {(a.scope, day) for a in paused for day in days if a.start <= day <= a.end}

    def outage_near(scope: ScopeId, day: date) -> bool:
        # An outage also empties the scopes above and below the one it was reported at.
        return any(d == day and _nested(scope, s) for s, d in out_days)

    def excluded(scope: ScopeId, day: date) -> bool:
        return outage_near(scope, day) or (scope, day) in paused_days

    def skip(scope: ScopeId, day: date, metric: Metric) -> bool:
        return (scope, day) in paused_days or (
            metric in CONVERSION_FAMILY and outage_near(scope, day)
        )

    return [
        *outages,
        *paused,
        *conversion_rate_shifts(timeline, days, excluded),
        *fold_into_tenant(daily_anomalies(timeline, days, skip)),
    ]


def fold_into_tenant(daily: list[Anomaly]) -> list[Anomaly]:
    """Campaign alarms on a day the tenant total moved the same way (any metric) become one.

    On Black Friday thirty campaigns convert more: that is one event (the tenant-wide one,
    with a count of campaigns), not thirty-one lines.
    """
    tenant_days = {(a.start, a.kind): a for a in daily if a.scope == TENANT}
    counts: dict[tuple[date, AnomalyKind], int] = {}
    kept: list[Anomaly] = []
    for anomaly in daily:
        key = (anomaly.start, anomaly.kind)
        if anomaly.scope != TENANT and key in tenant_days:
            counts[key] = counts.get(key, 0) + 1
        elif anomaly.scope != TENANT:
            kept.append(anomaly)
    kept += [replace(a, campaigns=counts.get(k, 0)) for k, a in tenant_days.items()]
    return kept


def _nested(one: ScopeId, other: ScopeId) -> bool:
    return one == other or one in parent_scopes(other) or other in parent_scopes(one)


def _rank(anomaly: Anomaly) -> tuple[int, float, date, ScopeId]:
    strength = -abs(float(anomaly.z)) if anomaly.z is not None else 0.0
    return (_ORDER[anomaly.kind], strength, anomaly.start, anomaly.scope)
