"""Request and response bodies of the REST API (strict at the edge: unknown fields rejected)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from libs.common.query import MAX_QUERY_CHARS


class QueryRequest(BaseModel):
    """`POST /v1/queries`."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        description=f"The question, 1–{MAX_QUERY_CHARS} characters.",
        examples=["What did we spend on Meta last week?"],
    )
    mode: Literal["sync", "async", "stream"] = Field(
        default="sync",
        description="sync waits for the answer; async returns 202 at once; stream sends "
        "server-sent events (delta…, then answer or error).",
    )


class QueryAccepted(BaseModel):
    """202 body of an async question."""

    id: str
    status: Literal["queued"] = "queued"


class QueryResult(BaseModel):
    """A question's state and, once there is one, its answer."""

    id: str
    status: Literal["queued", "answered", "failed"]
    query: str | None = None
    created_at: dt.datetime | None = None
    route: str | None = None
    plan: dict[str, Any] | None = None
    answer: str | None = None
    data: dict[str, Any] | None = None
    engine: str | None = None
    model: str | None = None
    usage: dict[str, Any] | None = None
    degraded: bool = False
    degraded_reason: str | None = None
    grounding: dict[str, Any] | None = None
    error: dict[str, Any] | None = None


class QueryList(BaseModel):
    """`GET /v1/queries`: newest first, with a cursor for the next page."""

    items: list[QueryResult]
    next_cursor: str | None = None
