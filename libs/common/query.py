"""Stage payloads between gateway, router, data_fetch and inference."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from libs.common.plan import QueryPlan
from libs.common.rows import FetchedRows

MAX_QUERY_CHARS = 2000


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
        default=None, description="Rows for compare_to (day x campaign)."
    )
    history: FetchedRows | None = Field(
        default=None,
        description="Rows for the baseline window before the period (day x campaign), so "
        "anomalies are judged against the same weekdays of earlier weeks.",
    )
    notes: list[str] = Field(default_factory=list, description="Scope notes (e.g. unconnected).")
