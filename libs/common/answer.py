"""`Answer`: what a client finally gets for a question, answered or failed."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from libs.common.ids import TenantId
from libs.common.plan import QueryPlan
from libs.common.vocab import Route


class AnswerStatus(StrEnum):
    """Terminal state of a question."""

    ANSWERED = "answered"
    FAILED = "failed"


class ErrorInfo(BaseModel):
    """A client-safe error: stable code and a human sentence, no internals."""

    code: str = Field(description="Stable machine-readable code.", examples=["upstream_error"])
    message: str = Field(description="What went wrong, for a person.")


class Usage(BaseModel):
    """Model tokens spent on an answer (null on direct answers)."""

    input_tokens: int = Field(ge=0)
    output_tokens: int = Field(ge=0)


class Answer(BaseModel):
    """The final answer to one question."""

    model_config = ConfigDict(extra="ignore")

    query_id: str = Field(description="The question's id.")
    tenant_id: TenantId = Field(description="Owning tenant.")
    status: AnswerStatus = Field(description="answered or failed.")
    route: Route | None = Field(default=None, description="How it was answered.")
    plan: QueryPlan | None = Field(default=None, description="The router's plan, when made.")
    answer: str | None = Field(default=None, description="The text a person reads.")
    data: dict[str, Any] | None = Field(default=None, description="Numbers behind the answer.")
    engine: str | None = Field(default=None, description="Engine that wrote the text (analysis).")
    model: str | None = Field(default=None, description="Model that wrote the text (analysis).")
    usage: Usage | None = Field(default=None, description="Model tokens (analysis).")
    degraded: bool = Field(default=False, description="True when a fallback stood in.")
    degraded_reason: str | None = Field(default=None, description="Why it is degraded.")
    grounding: dict[str, Any] | None = Field(
        default=None, description="Numbers of a model's text checked against its data."
    )
    error: ErrorInfo | None = Field(default=None, description="Why it failed.")
    cached_from: str | None = Field(
        default=None,
        description="A repeat from the answer cache: the id of the question first answered.",
    )
    answered_at: dt.datetime = Field(description="When the answer was made (UTC).")
