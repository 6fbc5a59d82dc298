"""Monthly model budgets: the tenant's budget policy (carried with each question) and the hold
messages between inference and the audit service, which owns the ledger.

Before each model call inference asks the ledger to *hold* the call's cost ceiling; the hold
is granted only when this month's spend + the holds in flight + the ceiling fit the budget.
The audit service deletes the hold in the same transaction that records the call, so spend and
hold never both count, and a hold whose call never reports (a dead worker) expires.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from libs.common.ids import TenantId

OnExhausted = Literal["degrade", "refuse"]


class BudgetPolicy(BaseModel):
    """A tenant's monthly model budget (UTC calendar month) and what happens at its limit."""

    model_config = ConfigDict(extra="ignore")

    monthly_usd_micros: int = Field(ge=0, description="Budget for model calls, USD micros.")
    alert_ratio: float = Field(
        default=0.8, gt=0, le=1, description="Share of the budget that raises the soft alert."
    )
    on_exhausted: OnExhausted = Field(
        default="degrade",
        description="degrade: the analyst's answer marked degraded; refuse: a 402 failure.",
    )
    fail_open: bool = Field(
        default=False, description="Call models anyway when spend cannot be verified."
    )


class HoldRequest(BaseModel):
    """`budget.hold`: reserve the cost ceiling of one model call (tenant from the subject)."""

    model_config = ConfigDict(extra="forbid")

    query_id: str = Field(min_length=1, max_length=200, description="The question it serves.")
    engine: str = Field(min_length=1, max_length=64, description="Engine about to be called.")
    model: str = Field(min_length=1, max_length=200, description="Model about to be called.")
    input_tokens: int = Field(ge=0, le=10_000_000, description="Prompt tokens (counted).")
    max_output_tokens: int = Field(ge=0, le=1_000_000, description="The call's output cap.")
    max_seconds: float = Field(gt=0, le=3600, description="The call's time limit.")
    budget: BudgetPolicy


class HoldReply(BaseModel):
    """The ledger's answer: granted with a hold id, or refused with the figures that refused."""

    granted: bool
    hold_id: str | None = None
    ceiling_usd_micros: int = 0
    spent_usd_micros: int = 0
    held_usd_micros: int = 0
    budget_usd_micros: int = 0


AlertKind = Literal["threshold", "exhausted"]


class BudgetAlert(BaseModel):
    """`budget.alert`: raised once per tenant, month and kind (stored in the AUDIT stream)."""

    tenant_id: TenantId
    month: dt.date = Field(description="First day of the (UTC) month.")
    kind: AlertKind = Field(description="threshold: the soft alert; exhausted: the hard stop.")
    spent_usd_micros: int
    budget_usd_micros: int
    alert_ratio: float
    raised_at: dt.datetime


class BudgetStatus(BaseModel):
    """`budget.status`: this UTC month's spend and the holds in flight (tenant from the subject)."""

    spent_usd_micros: int = 0
    held_usd_micros: int = 0
