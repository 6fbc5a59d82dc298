"""Alerts that reach people: the events a tenant's webhooks may subscribe to."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from libs.common.ids import TenantId


class AlertEvent(StrEnum):
    """An alert's kind, as webhooks name it (the `Aya-Event` header and the body's `event`)."""

    BUDGET_THRESHOLD = "budget.threshold"
    """This month's model spend reached the tenant's alert ratio of its budget."""
    BUDGET_EXHAUSTED = "budget.exhausted"
    """A model call was refused: the month's budget is spent."""
    ANOMALY_DETECTED = "anomaly.detected"
    """The daily anomaly watch found something unusual in yesterday's numbers."""


class AnomalyDetected(BaseModel):
    """`anomaly.detected`: one finding of a tenant's daily anomaly watch (ALERTS stream)."""

    model_config = ConfigDict(extra="ignore")

    tenant_id: TenantId
    day: date = Field(description="The day the watch scanned (the tenant's yesterday).")
    key: str = Field(
        min_length=1,
        max_length=400,
        description="What makes a repeat the same finding (kind, metric, scope, days).",
        examples=["tracking_outage:conversions:account:gads-nwo-1:-:2026-11-10:2026-11-10"],
    )
    finding: dict[str, Any] = Field(
        description="The analyst's finding, as an analysis answer's data.findings has it."
    )
    detected_at: datetime
