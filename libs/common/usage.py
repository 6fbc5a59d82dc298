"""Usage request/report between the gateway and the audit service (NATS request-reply)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

UsageGroup = Literal["model", "engine", "day", "principal", "prompt_version"]
MAX_USAGE_DAYS = 366
MIN_YEAR, MAX_YEAR = 2000, 2100


class UsageRequest(BaseModel):
    """Which days of the tenant's ledger to sum, and how to group them."""

    model_config = ConfigDict(extra="forbid")

    start: dt.date = Field(description="First day (UTC), inclusive.")
    end: dt.date = Field(description="Last day (UTC), inclusive.")
    group_by: UsageGroup | None = Field(default=None, description="Grouping of the totals.")

    @model_validator(mode="after")
    def _sane(self) -> UsageRequest:
        for day in (self.start, self.end):
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise ValueError(f"dates must be in the years {MIN_YEAR}–{MAX_YEAR}")
        if self.start > self.end:
            raise ValueError("from must not be after to")
        if (self.end - self.start).days >= MAX_USAGE_DAYS:
            raise ValueError(f"at most {MAX_USAGE_DAYS} days at once")
        return self


class UsageReport(BaseModel):
    """The tenant's usage over the request's days (`from`/`to` on the wire, as the REST
    query parameters; start/end in Python)."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    tenant_id: str
    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")
    totals: dict[str, Any]
    groups: list[dict[str, Any]] = Field(default_factory=list)
