"""The injected anomalies: anomalies.json beside this module is the one source of truth."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from lemanado_sample.catalog import accounts_by_id, campaigns_by_id


class AnomalyKind(StrEnum):
    """How an anomaly changes the data on its days."""

    SPEND_SPIKE = "spend_spike"
    """Budget multiplied by `magnitude`: spend, impressions, clicks and conversions scale."""
    CONVERSION_DROP = "conversion_drop"
    """Conversion rate multiplied by `magnitude`; delivery unchanged."""
    TRACKING_OUTAGE = "tracking_outage"
    """Zero conversions and value; delivery unchanged."""
    PAUSED_RESUMED = "paused_resumed"
    """The campaign delivered nothing: every metric is zero."""


class Anomaly(BaseModel):
    """One injected anomaly on a campaign (or a whole account when `campaign_id` is null)."""

    model_config = ConfigDict(frozen=True)

    tenant_id: str = Field(description="Tenant owning the account.")
    account_id: str = Field(description="Affected account.")
    campaign_id: str | None = Field(description="Affected campaign; null = every campaign.")
    kind: AnomalyKind
    start: date = Field(description="First affected day (account time zone).")
    end: date = Field(description="Last affected day, inclusive.")
    metric: str = Field(description="The metric that shows the anomaly most clearly.")
    magnitude: float = Field(ge=0, description="Multiplier applied on the affected days.")
    description: str

    @model_validator(mode="after")
    def _refers_to_catalog(self) -> Anomaly:
        account = accounts_by_id().get(self.account_id)
        if account is None or account.tenant_id != self.tenant_id:
            raise ValueError(f"unknown account {self.account_id!r} for {self.tenant_id!r}")
        if self.campaign_id is not None:
            campaign = campaigns_by_id().get(self.campaign_id)
            if campaign is None or campaign.account_id != self.account_id:
                raise ValueError(f"unknown campaign {self.campaign_id!r} in {self.account_id!r}")
        if self.end < self.start:
            raise ValueError("anomaly ends before it starts")
        return self

    def covers(self, campaign_id: str, account_id: str, day: date) -> bool:
        """Whether this anomaly applies to that campaign on that day."""
        if not self.start <= day <= self.end:
            return False
        return self.campaign_id == campaign_id or (
            self.campaign_id is None and self.account_id == account_id
        )


_ADAPTER = TypeAdapter(tuple[Anomaly, ...])


@cache
def anomalies() -> tuple[Anomaly, ...]:
    """Every injected anomaly, read and validated once."""
    text = resources.files(__package__).joinpath("anomalies.json").read_text(encoding="utf-8")
    return _ADAPTER.validate_json(text)


@cache
def anomalies_for(campaign_id: str) -> tuple[Anomaly, ...]:
    """The anomalies that can touch one campaign (its own and its account's)."""
    account_id = campaigns_by_id()[campaign_id].account_id
    return tuple(
        a
        for a in anomalies()
        if a.campaign_id == campaign_id or (a.campaign_id is None and a.account_id == account_id)
    )


def anomalies_as_json() -> list[dict[str, Any]]:
    """The anomaly list as plain JSON-ready dicts (what tests and other tools consume)."""
    loaded: list[dict[str, Any]] = json.loads(_ADAPTER.dump_json(anomalies()))
    return loaded
