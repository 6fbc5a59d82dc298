"""`ModelCall`: one engine call as inference reports it; audit prices and records it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from libs.common.ids import TenantId
from libs.common.plan import RouteReason
from libs.common.vocab import Intent, Tier


class CallStatus(StrEnum):
    """How an engine call ended."""

    OK = "ok"
    ERROR = "error"
    STARTED = "started"
    """Announced before the call is made; its outcome (ok or error) follows with the same id."""
    INTERRUPTED = "interrupted"
    """Announced but never reported (its worker died mid-call): the ledger bills its ceiling.
    Only the audit service decides this; no event may carry it."""


class ChainStep(BaseModel):
    """One step of the engine chain as it was tried (or skipped), for explaining a bill."""

    engine: str = Field(description="Engine name.", examples=["vllm"])
    outcome: str = Field(
        description="used | failed | skipped",
        examples=["failed"],
        pattern="^(used|failed|skipped)$",
    )
    reason: str | None = Field(default=None, description="Why it failed or was skipped.")


class Rationale(BaseModel):
    """Why this engine and model answered: the plan's reading and the chain's path."""

    intent: Intent = Field(description="The plan's intent.")
    tier: Tier = Field(description="The plan's tier.")
    rules: list[str] = Field(default_factory=list, description="Router rules that chose them.")
    route: RouteReason | None = Field(
        default=None,
        description="Why the question went to a model: the routing rule and the words no "
        "extractor explained.",
    )
    chain: list[ChainStep] = Field(default_factory=list, description="Engines tried, in order.")


class ModelCall(BaseModel):
    """One engine call — failed attempts included — with the facts its cost derives from."""

    model_config = ConfigDict(extra="ignore")

    call_id: str = Field(description="Unique id of this call (its Nats-Msg-Id).")
    query_id: str = Field(description="The question it served.")
    tenant_id: TenantId = Field(description="Owning tenant.")
    principal: str = Field(description="API key id or JWT subject that asked.")
    engine: str = Field(description="vllm | mistral | analyst.", examples=["mistral"])
    model: str = Field(description="Model the engine named in its response (or was asked for).")
    tier: Tier = Field(description="Tier of the question.")
    started_at: dt.datetime = Field(description="When the call started (UTC).")
    finished_at: dt.datetime = Field(description="When it ended (UTC).")
    input_tokens: int = Field(ge=0, description="Prompt tokens (engine usage, else tokenizer).")
    output_tokens: int = Field(ge=0, description="Completion tokens.")
    status: CallStatus = Field(
        description="ok or error; started when the call is announced before it is made."
    )
    error_code: str | None = Field(default=None, description="Why it failed, when it did.")
    answered: bool = Field(description="This call's output became the question's answer.")
    degraded: bool = Field(default=False, description="The answer was a degraded stand-in.")
    running_beside: int = Field(
        default=1, ge=1, description="Requests the engine ran at once (self-hosted GPU share)."
    )
    trace_id: str | None = Field(default=None, description="Trace the call belongs to.")
    hold_id: str | None = Field(
        default=None, description="The budget hold this call settles (when it had one)."
    )
    rationale: Rationale = Field(description="Routing and failover rationale.")
    prompt_version: str | None = Field(
        default=None,
        max_length=40,
        description="The system prompt template and tenant instructions version it ran with.",
    )
    max_output_tokens: int | None = Field(
        default=None,
        ge=1,
        description="The call's output limit (announced with it: an interrupted call is billed "
        "as if it spent every one).",
    )
    max_seconds: float | None = Field(
        default=None,
        gt=0,
        le=3600,
        description="The call's time limit (announced with it: its outcome is due by then).",
    )

    @property
    def latency_ms(self) -> float:
        """Wall time of the call."""
        return (self.finished_at - self.started_at).total_seconds() * 1000
