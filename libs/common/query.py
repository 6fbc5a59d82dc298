"""Stage payloads between gateway, router, data_fetch and inference."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from libs.common.budget import BudgetPolicy
from libs.common.conversation import ConversationContext
from libs.common.plan import DateRange, QueryPlan
from libs.common.rows import CampaignRef, FetchedRows
from libs.common.tenant_context import TenantContext
from libs.common.vocab import Engine, Tier

MAX_QUERY_CHARS = 2000
SECRET_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
_SECRET_NAME = re.compile(SECRET_NAME_PATTERN)


def is_secret_name(value: str) -> bool:
    """A plain secret name: no path, no traversal (`..` cannot start one)."""
    return bool(_SECRET_NAME.fullmatch(value)) and ".." not in value


class TenantPolicy(BaseModel):
    """The tenant's model policy, carried with each question from the gateway to inference."""

    model_config = ConfigDict(extra="ignore")

    allowed_tiers: list[Tier] = Field(
        default_factory=lambda: list(Tier), description="Tiers the tenant may use."
    )
    model_overrides: dict[str, dict[Tier, str]] = Field(
        default_factory=dict, description="engine -> tier -> model, replacing the defaults."
    )
    engine_chain: list[Engine] | None = Field(
        default=None, description="The tenant's engine order (e.g. no managed API); null = ours."
    )
    max_concurrent_analyses: int = Field(
        default=4, ge=1, le=1000, description="The tenant's analysis jobs running at once."
    )
    budget: BudgetPolicy | None = Field(
        default=None, description="The tenant's monthly model budget; null = none."
    )


class Query(BaseModel):
    """A question as the gateway accepted it, with the tenant settings the pipeline needs."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(
        min_length=1, max_length=MAX_QUERY_CHARS, description="The question as typed."
    )
    timezone: str = Field(default="UTC", description="Tenant's IANA time zone (for 'today').")
    currency: str | None = Field(default=None, description="Tenant's reporting currency.")
    stream: bool = Field(
        default=False, description="The client reads text as it is generated (SSE)."
    )
    policy: TenantPolicy = Field(
        default_factory=TenantPolicy, description="The tenant's model policy."
    )
    connector_ref: str | None = Field(
        default=None,
        pattern=SECRET_NAME_PATTERN,
        description="Name of the tenant's Lemanado credential secret (never the secret).",
    )
    conversation: ConversationContext | None = Field(
        default=None, description="The conversation the question is a turn of."
    )
    context: TenantContext | None = Field(
        default=None, description="The tenant's name, brand, instructions and targets."
    )
    purpose: Literal["question", "watch"] = Field(
        default="question",
        description="question: someone asked it; watch: the gateway's daily anomaly watch "
        "(inference scans the asked day and publishes its findings; no model is called).",
    )


class TextDelta(BaseModel):
    """A piece of an answer's text as it is generated (core NATS, not stored)."""

    seq: int = Field(ge=0, description="Order of the piece within the answer.")
    text: str = Field(description="The text.")


class PlannedQuery(BaseModel):
    """`plan.ready`: the question and the router's plan."""

    model_config = ConfigDict(extra="ignore")

    query: Query
    plan: QueryPlan


class AnalysisJob(BaseModel):
    """`analysis.requested.<tier>`: the question, its plan and the fetched rows."""

    model_config = ConfigDict(extra="ignore")

    query: Query
    plan: QueryPlan
    rows: FetchedRows | None = Field(
        default=None, description="Rows for the plan's period (day x campaign)."
    )
    compare_rows: FetchedRows | None = Field(
        default=None,
        description="Rows for compare_to (day x campaign); absent on the wire when "
        "`compare_in_history` says they are inside `history`.",
    )
    compare_in_history: DateRange | None = Field(
        default=None,
        description="The comparison's days when they lie inside the history: its rows travel "
        "once, in `history`, and `compare_rows` is sliced out of it on receipt.",
    )
    history: FetchedRows | None = Field(
        default=None,
        description="Rows for the baseline window before the period (day x campaign), so "
        "anomalies are judged against the same weekdays of earlier weeks.",
    )
    campaigns: list[CampaignRef] = Field(
        default_factory=list,
        description="The accounts' campaigns and their status: a campaign switched off for good "
        "stopped spending on purpose, which is no anomaly.",
    )
    notes: list[str] = Field(default_factory=list, description="Scope notes (e.g. unconnected).")

    @model_validator(mode="after")
    def _compare_from_history(self) -> AnalysisJob:
        if self.compare_rows is None and self.compare_in_history and self.history is not None:
            self.compare_rows = self.history.within(self.compare_in_history)
        return self

    @model_serializer(mode="wrap")
    def _compare_once(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # The comparison's rows are the history's: sent once (a fifth of a why-job's rows).
        data: dict[str, Any] = handler(self)
        if self.compare_in_history is not None:
            data.pop("compare_rows", None)
        return data
