"""Alerts that reach people: the events a tenant's webhooks may subscribe to."""

from __future__ import annotations

from enum import StrEnum


class AlertEvent(StrEnum):
    """An alert's kind, as webhooks name it (the `Aya-Event` header and the body's `event`)."""

    BUDGET_THRESHOLD = "budget.threshold"
    """This month's model spend reached the tenant's alert ratio of its budget."""
    BUDGET_EXHAUSTED = "budget.exhausted"
    """A model call was refused: the month's budget is spent."""
    ANOMALY_DETECTED = "anomaly.detected"
    """The daily anomaly watch found something unusual in yesterday's numbers."""
