"""Turning engine attempts into audit events: each call is announced (`started`) before it is
made and reported (ok or error) when it ends, both with its call id, so none is lost or
doubled: a call whose worker dies mid-way is still in the ledger (billed at its ceiling)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from faststream.nats import NatsBroker

from libs.common.bus import publish_stage
from libs.common.envelope import Envelope
from libs.common.model_call import CallStatus, ChainStep, ModelCall, Rationale
from libs.common.query import AnalysisJob
from libs.common.subjects import Stage, stream_of, subject
from libs.common.tenant_context import prompt_version
from libs.common.vocab import Tier
from services.inference.budget import call_seconds
from services.inference.failover import Attempt, Start
from services.inference.prompt.messages import PROMPT_TEMPLATE

logger = logging.getLogger(__name__)

PATIENCE_SECONDS = 30.0
"""How long a call's ledger event waits for NATS to take it (a restart takes seconds). Given
up, an announced call is still in the ledger: as interrupted, billed at its ceiling."""


class AttemptLog(Protocol):
    """Where a question's engine attempts are recorded (the audit ledger, by `CallLog`)."""

    async def start(self, start: Start, *, input_tokens: int, chain: list[ChainStep]) -> None:
        """Announce a call about to be made."""

    async def record(
        self, attempt: Attempt, *, answered: bool, degraded: bool, chain: list[ChainStep]
    ) -> None:
        """Record one attempt."""


@dataclass
class CallLog:
    """Publishes the calls of one question; knows its envelope, tier and routing reasons."""

    broker: NatsBroker
    envelope: Envelope[AnalysisJob]
    tier: Tier
    patience: float = PATIENCE_SECONDS

    @property
    def prompt_version(self) -> str:
        """The system prompt template and the tenant's instructions version of this job."""
        context = self.envelope.body.query.context
        return prompt_version(PROMPT_TEMPLATE, context.instructions_version if context else 0)

    def rationale(self, chain: list[ChainStep]) -> Rationale:
        """Why this engine answered: the plan's reading and the chain so far."""
        plan = self.envelope.body.plan
        return Rationale(
            intent=plan.intent,
            tier=self.tier,
            rules=plan.rationale,
            route=plan.route_reason,
            chain=chain,
        )

    async def start(self, start: Start, *, input_tokens: int, chain: list[ChainStep]) -> None:
        """Publish a call's announcement; returns once JetStream has it, so the call is made
        only when the ledger will hear of it."""
        request = start.request
        call = self._call(
            call_id=start.call_id,
            engine=start.engine,
            model=start.model,
            started_at=start.started_at,
            finished_at=start.started_at,
            input_tokens=input_tokens,
            output_tokens=0,
            status=CallStatus.STARTED,
            answered=False,
            hold_id=start.hold_id,
            rationale=self.rationale(chain),
            max_output_tokens=request.max_tokens,
            max_seconds=call_seconds(request),
        )
        await self._publish(call, msg_id=f"{call.call_id}.started")

    async def record(
        self, attempt: Attempt, *, answered: bool, degraded: bool, chain: list[ChainStep]
    ) -> None:
        """Publish one call's outcome."""
        call = self._call(
            call_id=attempt.call_id,
            engine=attempt.engine,
            model=attempt.model,
            started_at=attempt.started_at,
            finished_at=attempt.finished_at,
            input_tokens=attempt.input_tokens,
            output_tokens=attempt.output_tokens,
            status=CallStatus.OK if attempt.error_code is None else CallStatus.ERROR,
            error_code=attempt.error_code,
            answered=answered,
            degraded=degraded,
            running_beside=attempt.running_beside,
            hold_id=attempt.hold_id,
            rationale=self.rationale(chain),
        )
        await self._publish(call, msg_id=call.call_id)

    def _call(self, **facts: Any) -> ModelCall:
        return ModelCall(
            query_id=self.envelope.query_id,
            tenant_id=self.envelope.tenant_id,
            principal=self.envelope.principal,
            tier=self.tier,
            trace_id=_trace_id(self.envelope.traceparent),
            prompt_version=self.prompt_version,
            **facts,
        )

    async def _publish(self, call: ModelCall, *, msg_id: str) -> None:
        """Publish until JetStream has it (within `patience`): a call already made must not
        lose its outcome to a NATS restart."""
        await publish_stage(
            self.broker,
            self.envelope.forward(call),
            subject=subject(self.envelope.tenant_id, Stage.AUDIT_MODEL_CALL),
            stream=stream_of(Stage.AUDIT_MODEL_CALL),
            msg_id=msg_id,
            patience=self.patience,
        )


def _trace_id(traceparent: str | None) -> str | None:
    # W3C traceparent: version-traceid-spanid-flags
    parts: list[Any] = (traceparent or "").split("-")
    return parts[1] if len(parts) == 4 else None
