"""What an incoming event becomes as an alert: its kind, its key (what makes a repeat the same
alert) and the data a webhook and `GET /v1/alerts` show. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from libs.common.alerts import AlertEvent, AnomalyDetected
from libs.common.budget import BudgetAlert
from libs.common.presentation import to_json_number, usd


@dataclass(frozen=True)
class AlertRecord:
    """An alert to raise."""

    kind: AlertEvent
    key: str
    data: dict[str, Any]


def from_budget(alert: BudgetAlert) -> AlertRecord:
    """A budget alert (raised once per tenant, month and kind by the audit service)."""
    kind = AlertEvent.BUDGET_THRESHOLD if alert.kind == "threshold" else AlertEvent.BUDGET_EXHAUSTED
    return AlertRecord(
        kind=kind,
        key=alert.month.isoformat(),
        data={
            "month": alert.month.isoformat(),
            "spent_usd": to_json_number(usd(alert.spent_usd_micros)),
            "budget_usd": to_json_number(usd(alert.budget_usd_micros)),
            "alert_ratio": alert.alert_ratio,
            "spent_usd_micros": alert.spent_usd_micros,
            "budget_usd_micros": alert.budget_usd_micros,
            "detected_at": alert.raised_at.isoformat(),
        },
    )


def from_anomaly(event: AnomalyDetected) -> AlertRecord:
    """A finding of the daily anomaly watch (raised once per finding, however often the day
    is watched)."""
    return AlertRecord(
        kind=AlertEvent.ANOMALY_DETECTED,
        key=event.key,
        data={
            "day": event.day.isoformat(),
            **event.finding,
            "detected_at": event.detected_at.isoformat(),
        },
    )
