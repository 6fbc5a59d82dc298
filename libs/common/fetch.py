"""`fetch.request`: a model's `get_metrics` tool call, answered by data_fetch over NATS
request-reply. The tenant is the subject's — never an argument the model could choose."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from libs.common.vocab import BASE_METRICS, Metric, Platform

MAX_FETCH_DAYS = 400
CONNECTOR_REF_HEADER = "aya-connector-ref"
"""Header of a fetch request naming the tenant's credential reference (as its question did)."""
EXCLUDE_HEADER = "aya-exclude-campaigns"
"""Header of a fetch request: the campaigns the tenant leaves out of every figure (a JSON list
of names, as its question carried them); never the model's to set."""


def excluded_campaigns(raw: str | None) -> list[str]:
    """The names of an `EXCLUDE_HEADER` value; ValueError when it is not a list of names."""
    if not raw:
        return []
    names = json.loads(raw)
    if not isinstance(names, list) or len(names) > 50:
        raise ValueError("the excluded campaigns are not a list of at most 50 names")
    if not all(isinstance(name, str) and 0 < len(name) <= 200 for name in names):
        raise ValueError("an excluded campaign is not a name")
    return names


class FetchRequest(BaseModel):
    """The `get_metrics` tool's arguments, validated strictly (unknown fields refused)."""

    model_config = ConfigDict(extra="forbid")

    platforms: list[Platform] = Field(default_factory=list, description="Empty = all connected.")
    start_date: date = Field(description="First day, inclusive.")
    end_date: date = Field(description="Last day, inclusive.")
    metrics: list[Metric] = Field(min_length=1, description="Base metrics to sum.")
    group_by: list[Literal["date", "campaign"]] = Field(
        default_factory=list, description="Breakdown; empty for totals."
    )

    @field_validator("metrics")
    @classmethod
    def _base_only(cls, metrics: list[Metric]) -> list[Metric]:
        ratios = [m.value for m in metrics if m not in BASE_METRICS]
        if ratios:
            raise ValueError(f"only base metrics can be fetched (compute {ratios} from sums)")
        return metrics

    @model_validator(mode="after")
    def _range(self) -> FetchRequest:
        if self.start_date > self.end_date:
            raise ValueError("start_date is after end_date")
        if (self.end_date - self.start_date).days >= MAX_FETCH_DAYS:
            raise ValueError(f"at most {MAX_FETCH_DAYS} days at once")
        return self


class FetchReply(BaseModel):
    """Rows summed over the tenant's matching accounts (a refusal is the error reply)."""

    currency: str | None = None
    accounts: list[str] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="What was left out, and why.")
