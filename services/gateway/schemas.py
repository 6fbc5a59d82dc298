"""Request and response bodies of the REST API (strict at the edge: unknown fields rejected)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from libs.common.query import MAX_QUERY_CHARS
from libs.common.vocab import Route

_UUID: JsonDict = {"format": "uuid"}
# PostgreSQL text cannot hold NUL; the rule is in the schema so clients and fuzzers see it.
_NO_NUL: JsonDict = {"pattern": "^[^\\u0000]*$"}


class QueryRequest(BaseModel):
    """`POST /v1/queries`."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        description=f"The question, 1–{MAX_QUERY_CHARS} characters (no NUL characters).",
        examples=["What did we spend on Meta last week?"],
        json_schema_extra=_NO_NUL,
    )
    mode: Literal["sync", "async", "stream"] = Field(
        default="sync",
        description="sync waits for the answer; async returns 202 at once; stream sends "
        "server-sent events (delta…, then answer or error).",
    )

    @field_validator("query")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise PydanticCustomError("nul_character", "must not contain NUL (U+0000) characters")
        return value


class QueryAccepted(BaseModel):
    """202 body of an async question."""

    id: str = Field(description="Poll GET /v1/queries/{id}.", json_schema_extra=_UUID)
    status: Literal["queued"] = "queued"


class QueryResult(BaseModel):
    """A question's state and, once there is one, its answer."""

    id: str = Field(description="The question's id.", json_schema_extra=_UUID)
    status: Literal["queued", "answered", "failed"]
    query: str | None = None
    created_at: dt.datetime | None = None
    route: Route | None = Field(default=None, description="direct (no model) or analysis.")
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


class ErrorDetail(BaseModel):
    """What went wrong, for the client: a stable code to branch on and a precise message."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(
        pattern="^[a-z][a-z_]*$",
        description="Stable machine-readable code.",
        examples=["invalid_request", "not_found", "unauthorized"],
    )
    message: str = Field(
        description="What the caller got wrong (never internals).",
        examples=["query: String should have at least 1 character"],
    )


class ErrorBody(BaseModel):
    """Every error response: `{"error": {"code", "message"}}`."""

    model_config = ConfigDict(extra="forbid")

    error: ErrorDetail
    id: str | None = Field(
        default=None,
        description="On a 504 only: the question's id, still queued; poll it.",
        json_schema_extra=_UUID,
    )


class Receipt(BaseModel):
    """`aya.v1.<tenant>.ask.receipts`: what became of a question asked without a reply subject
    — its id once accepted, or why it was refused — quoting its `Idempotency-Key`."""

    id: str | None = Field(
        default=None,
        description="The question's id (absent when it was refused before it had one).",
        json_schema_extra=_UUID,
    )
    status: Literal["queued", "answered", "failed"] | None = Field(
        default=None,
        description="queued: its answer will come on aya.v1.<tenant>.answer.<id>; answered or "
        "failed: asked before under this key (ask again on .ask with it for the answer).",
    )
    error: ErrorDetail | None = Field(default=None, description="Why it was refused.")
    idempotency_key: str | None = Field(
        default=None, description="The message's Idempotency-Key header, to match receipts by."
    )


_ERRORS = {
    400: "The body is not valid JSON.",
    401: "Missing, unknown, revoked or expired API key.",
    402: "The tenant's monthly model budget is used up and its policy refuses analysis "
    "(code budget_exhausted); direct questions still work.",
    403: "The tenant is suspended, or the key's role does not allow this.",
    404: "No question with this id (any unknown id, UUID or not).",
    409: "This Idempotency-Key was already used for a different question.",
    413: "The body is over the size limit.",
    422: "A field, parameter or header is invalid; the message names it.",
    429: "Too many requests, or the tenant's model tokens for today are used up.",
    503: "A backend is unavailable, or the model spend cannot be verified (code "
    "budget_unverified); retry later.",
    504: "The answer is taking longer than expected; the body's id can be polled.",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for these error statuses, all with the error body."""
    return {status: {"model": ErrorBody, "description": _ERRORS[status]} for status in statuses}
