"""One request down the tier's engine chain for a question: the request each engine gets,
the tenant's model overrides, streaming when the client streams, and an audit event for every
attempt the moment it ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from libs.common.envelope import Envelope
from libs.common.model_call import ChainStep
from libs.common.query import AnalysisJob
from libs.common.vocab import Tier
from services.inference.calls import AttemptLog
from services.inference.engines.base import ChatRequest, Message
from services.inference.failover import Attempt, Gate, Outcome, Start
from services.inference.request_tokens import RequestTokens
from services.inference.runtime import Runtime
from services.inference.streaming import AnswerDeltas, Streaming


@dataclass(frozen=True)
class ChainRunner:
    """Runs requests of one question down the chain, auditing every attempt."""

    envelope: Envelope[AnalysisJob]
    runtime: Runtime
    tier: Tier
    log: AttemptLog
    deltas: AnswerDeltas | None
    gate: Gate | None
    sizes: RequestTokens

    async def run(
        self,
        messages: list[Message],
        order: Sequence[str],
        tools: list[dict[str, Any]] | None,
        tool_choice: str = "auto",
    ) -> Outcome:
        """The chain over `order` for these messages (streamed when the client streams)."""
        settings = self.runtime.settings

        def request(model: str, remaining: float) -> ChatRequest:
            return ChatRequest(
                model=model,
                messages=messages,
                max_tokens=settings.max_output_tokens[self.tier],
                tenant_id=self.envelope.tenant_id,
                timeout_seconds=remaining,
                tools=tools,
                tool_choice=tool_choice if tools else None,
            )

        async def on_start(start: Start, steps: list[ChainStep]) -> None:
            tokens = self.sizes(start.request)
            await self.log.start(start, input_tokens=tokens, chain=steps)

        async def on_attempt(attempt: Attempt, steps: list[ChainStep]) -> None:
            self.runtime.metrics.observe_attempt(attempt)
            used = attempt.error_code is None
            step = ChainStep(engine=attempt.engine, outcome="used" if used else "failed")
            await self.log.record(attempt, answered=used, degraded=False, chain=[*steps, step])

        models = tier_overrides(self.envelope, self.tier)
        streamed = {} if self.deltas is None else {"call": Streaming(self.deltas.send)}
        outcome = await self.runtime.failover(self.tier).run(
            order,
            self.tier,
            request,
            settings.tier_timeout_seconds[self.tier],
            on_attempt,
            models=models,
            gate=self.gate,
            on_start=on_start,
            **streamed,
        )
        self.runtime.metrics.observe_chain(outcome.steps)
        return outcome


def tier_overrides(envelope: Envelope[AnalysisJob], tier: Tier) -> dict[str, str]:
    """The tenant's own model per engine for this tier (its policy's overrides)."""
    overrides = envelope.body.query.policy.model_overrides
    return {engine: models[tier] for engine, models in overrides.items() if tier in models}
