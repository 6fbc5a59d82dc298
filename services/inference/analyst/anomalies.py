"""All anomaly checks of the asked period against the history before it, in one list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from libs.common import Metric
from services.inference.analyst.anomaly import TENANT, Anomaly, AnomalyKind, ScopeId
from services.inference.analyst.breaks import (
    MIN_BASELINE_DAYS,
    conversion_rate_shifts,
    parent_scopes,
    paused_campaigns,
    tracking_outages,
)
from services.inference.analyst.daily import daily_anomalies
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


def scan(current: Series, history: Series | None) -> Scan:
    """Anomalies in `current` judged against `history`, structural breaks first."""
    if history is None or len(history.days) < MIN_BASELINE_DAYS:
        return Scan((), "none")
    outages = tracking_outages(current, history)
    paused = paused_campaigns(current, history)
    out_days = {(a.scope, a.start) for a in outages}
    paused_days = {
        (a.scope, day) for a in paused for day in current.days if a.start <= day <= a.end
    }

    def outage_near(scope: ScopeId, day: date) -> bool:
        # An outage also empties the scopes above and below the one it was reported at.
        return any(d == day and _nested(scope, s) for s, d in out_days)

    def excluded(scope: ScopeId, day: date) -> bool:
        return outage_near(scope, day) or (scope, day) in paused_days

    def skip(scope: ScopeId, day: date, metric: Metric) -> bool:
        return (scope, day) in paused_days or (
            metric in CONVERSION_FAMILY and outage_near(scope, day)
        )

    found = [
        *outages,
        *paused,
        *conversion_rate_shifts(current, history, excluded),
        *fold_into_tenant(daily_anomalies(current, history, skip)),
    ]
    found.sort(key=_rank)
    same_weekday = all(reference_days(day, history.days)[1] for day in current.days)
    return Scan(tuple(found), "weekday" if same_weekday else "all_days")


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
