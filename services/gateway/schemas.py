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
UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
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
    conversation_id: str | None = Field(
        default=None,
        pattern=UUID_PATTERN,
        description="Ask in this conversation: the question is read as a follow-up of its "
        "last turn, and answered after it. Absent: a new conversation starts (its id is in "
        "the response).",
        examples=["5b0e6f0c-8f0e-4a63-9d53-1f1f3f9c2b7a"],
    )

    @field_validator("query")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise PydanticCustomError("nul_character", "must not contain NUL (U+0000) characters")
        return value


class Threaded(BaseModel):
    """Where a question stands in its conversation."""

    conversation_id: str | None = Field(
        default=None,
        description="The question's conversation: send it with the next question to follow up.",
        json_schema_extra=_UUID,
    )
    turn: int | None = Field(default=None, description="The question's turn in it (1 = first).")
    notice: str | None = Field(
        default=None,
        description="Set when the question started a new conversation other than the one "
        "asked for (that one was at its turn limit).",
    )


class QueryAccepted(Threaded):
    """202 body of an async question."""

    id: str = Field(description="Poll GET /v1/queries/{id}.", json_schema_extra=_UUID)
    status: Literal["queued"] = "queued"


class QueryResult(Threaded):
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
    cached_from: str | None = Field(
        default=None,
        description="Repeated from the answer cache: the question first answered (no model call).",
    )


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
    404: "No question or conversation with this id (any unknown id, UUID or not, and any "
    "other tenant's).",
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


class ConversationView(BaseModel):
    """A conversation as listed."""

    id: str = Field(description="The conversation's id.", json_schema_extra=_UUID)
    title: str = Field(description="Its title: the start of its first question, unless set.")
    principal: str = Field(description="Who started it (a key id, a JWT subject, a NATS team).")
    turn_count: int = Field(description="How many questions it holds.")
    archived: bool = Field(description="Hidden from the default list; asking in it reopens it.")
    created_at: dt.datetime
    last_activity_at: dt.datetime


class ConversationList(BaseModel):
    """`GET /v1/conversations`: most recently active first, with a cursor for the next page."""

    items: list[ConversationView]
    next_cursor: str | None = None


class ConversationTurn(BaseModel):
    """One turn: the question, how the router read it, and its answer."""

    turn: int = Field(description="1 for the first question.")
    query_id: str = Field(description="The question's id.", json_schema_extra=_UUID)
    question: str
    status: Literal["waiting", "queued", "answered", "failed"] = Field(
        description="waiting: behind the turn before it; queued: being answered."
    )
    answer: str | None = Field(default=None, description="The answer's text.")
    plan: dict[str, Any] | None = Field(
        default=None, description="The router's plan; `carried_from` says what it took over."
    )
    tool_calls: list[dict[str, Any]] | None = Field(
        default=None, description="The data the model fetched while answering."
    )
    input_tokens: int | None = None
    output_tokens: int | None = None
    created_at: dt.datetime
    finished_at: dt.datetime | None = None


class ConversationDetail(ConversationView):
    """`GET /v1/conversations/{id}`: the conversation and its turns in order."""

    turns: list[ConversationTurn] = Field(description="Its turns, first to last.")


class ConversationPatch(BaseModel):
    """`PATCH /v1/conversations/{id}`: rename it, or archive it (or bring it back)."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200, json_schema_extra=_NO_NUL)
    archived: bool | None = None

    @field_validator("title")
    @classmethod
    def _clean_title(cls, value: str | None) -> str | None:
        if value is not None and ("\x00" in value or not value.strip()):
            raise PydanticCustomError("title", "must be visible text without NUL characters")
        return value.strip() if value is not None else None
