"""`analysis.requested.<tier>` → prompt → engine chain (or the analyst) → answer + audit events."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from faststream.nats import NatsRouter
from faststream.nats.annotations import NatsBroker, NatsMessage

from libs.common.answer import Answer, AnswerStatus, ErrorInfo, Usage
from libs.common.bus import failed_answer, publish_answer
from libs.common.envelope import Envelope
from libs.common.model_call import ChainStep
from libs.common.query import AnalysisJob, TextDelta
from libs.common.subjects import Stage, any_tenant, delta_subject
from libs.common.vocab import Route, Tier
from libs.common.worker import durable_subscriber, handle
from services.inference.analyst import analyse
from services.inference.calls import CallLog
from services.inference.engines.base import ChatRequest
from services.inference.failover import Attempt, Outcome, StreamBrokenError, Streaming
from services.inference.grounding import check_grounding
from services.inference.prompt import BuiltPrompt, build_messages
from services.inference.runtime import Runtime
from services.inference.settings import InferenceSettings

ANALYST_MODEL = "analyst-v1"
INTERRUPTED = ErrorInfo(
    code="stream_interrupted",
    message="The answer was interrupted while it was being written; please ask again.",
)


def create_router(settings: InferenceSettings, runtime: Runtime) -> NatsRouter:
    """One durable consumer per tier, each running up to `concurrency` jobs at once."""
    router = NatsRouter()
    for tier in Tier:
        _subscribe(router, settings, runtime, tier)
    return router


def _subscribe(
    router: NatsRouter, settings: InferenceSettings, runtime: Runtime, tier: Tier
) -> None:
    @durable_subscriber(
        router,
        any_tenant(Stage.ANALYSIS_REQUESTED, tier.value),
        stream="ANALYSIS",
        durable=f"inference-{tier.value}",
        settings=settings,
        max_workers=settings.concurrency,
    )
    async def on_analysis_requested(message: NatsMessage, broker: NatsBroker) -> None:
        """Answer an analysis question with the tier's engine chain."""
        await handle(
            message, broker, settings, AnalysisJob, lambda env: _answer(env, broker, runtime, tier)
        )


async def _answer(
    envelope: Envelope[AnalysisJob], broker: NatsBroker, runtime: Runtime, tier: Tier
) -> None:
    started = time.perf_counter()
    log = CallLog(broker, envelope, tier)
    deltas = Deltas(broker, envelope) if envelope.body.query.stream else None
    outcome, prompt = Outcome(), None
    if runtime.model_engines:
        prompt = _prompt(envelope.body, runtime, tier)
        try:
            outcome = await _run_models(envelope, runtime, tier, prompt, log, deltas)
        except StreamBrokenError:
            await publish_answer(broker, envelope, failed_answer(envelope, INTERRUPTED))
            return
    if outcome.result is not None and prompt is not None:
        grounding = check_grounding(outcome.result.text, prompt.grounding)
        answer = _answer_record(
            envelope,
            text=outcome.result.text,
            engine=outcome.engine,
            model=outcome.result.model,
            usage=Usage(
                input_tokens=outcome.result.input_tokens,
                output_tokens=outcome.result.output_tokens,
            ),
            data={"prompt": _prompt_facts(prompt)},
            grounding=grounding.as_dict(),
        )
    else:
        answer = await _analyst(envelope, log, outcome.steps, degraded=bool(runtime.model_engines))
        if deltas is not None and answer.answer:
            await deltas.send(answer.answer)  # the analyst's text arrives as one delta
    elapsed = (time.perf_counter() - started) * 1000
    await publish_answer(broker, envelope.forward(envelope.body, inference=elapsed), answer)


class Deltas:
    """Streams an answer's text to the waiting client over core NATS, in order."""

    def __init__(self, broker: NatsBroker, envelope: Envelope[AnalysisJob]) -> None:
        self._broker = broker
        self._subject = delta_subject(envelope.tenant_id, envelope.query_id)
        self._query_id = envelope.query_id
        self._seq = 0

    async def send(self, text: str) -> None:
        """Publish the next piece."""
        await self._broker.publish(
            TextDelta(seq=self._seq, text=text), self._subject, correlation_id=self._query_id
        )
        self._seq += 1


def _prompt(job: AnalysisJob, runtime: Runtime, tier: Tier) -> BuiltPrompt:
    settings = runtime.settings
    return build_messages(
        job,
        counter=runtime.counter,
        context_tokens=settings.context_tokens,
        max_output_tokens=settings.max_output_tokens[tier],
    )


async def _run_models(
    envelope: Envelope[AnalysisJob],
    runtime: Runtime,
    tier: Tier,
    prompt: BuiltPrompt,
    log: CallLog,
    deltas: Deltas | None,
) -> Outcome:
    settings = runtime.settings

    def request(model: str, remaining: float) -> ChatRequest:
        return ChatRequest(
            model=model,
            messages=prompt.messages,
            max_tokens=settings.max_output_tokens[tier],
            tenant_id=envelope.tenant_id,
            timeout_seconds=remaining,
        )

    async def on_attempt(attempt: Attempt, steps: list[ChainStep]) -> None:
        used = attempt.error_code is None
        chain = [*steps, ChainStep(engine=attempt.engine, outcome="used" if used else "failed")]
        await log.record(attempt, answered=used, chain=chain)

    budget = settings.tier_timeout_seconds[tier]
    if deltas is None:
        return await runtime.failover.run(runtime.model_engines, tier, request, budget, on_attempt)
    return await runtime.failover.run(
        runtime.model_engines, tier, request, budget, on_attempt, call=Streaming(deltas.send)
    )


async def _analyst(
    envelope: Envelope[AnalysisJob], log: CallLog, steps: list[ChainStep], *, degraded: bool
) -> Answer:
    started_at = dt.datetime.now(dt.UTC)
    report = analyse(envelope.body)
    attempt = Attempt(
        engine="analyst",
        model=ANALYST_MODEL,
        started_at=started_at,
        finished_at=dt.datetime.now(dt.UTC),
        input_tokens=0,
        output_tokens=0,
        error_code=None,
    )
    # Audited like any engine call (at zero cost), so usage shows every answer's engine.
    chain = [*steps, ChainStep(engine="analyst", outcome="used")]
    await log.record(attempt, answered=True, degraded=degraded, chain=chain)
    return _answer_record(
        envelope,
        text=report.text,
        engine="analyst",
        model=ANALYST_MODEL,
        usage=None,
        data={"findings": report.findings},
        degraded_reason="model_engines_unavailable" if degraded else None,
    )


def _answer_record(
    envelope: Envelope[AnalysisJob],
    *,
    text: str,
    engine: str | None,
    model: str,
    usage: Usage | None,
    data: dict[str, Any],
    grounding: dict[str, Any] | None = None,
    degraded_reason: str | None = None,
) -> Answer:
    return Answer(
        query_id=envelope.query_id,
        tenant_id=envelope.tenant_id,
        status=AnswerStatus.ANSWERED,
        route=Route.ANALYSIS,
        plan=envelope.body.plan,
        answer=text,
        data=data,
        engine=engine,
        model=model,
        usage=usage,
        degraded=degraded_reason is not None,
        degraded_reason=degraded_reason,
        grounding=grounding,
        answered_at=dt.datetime.now(dt.UTC),
    )


def _prompt_facts(prompt: BuiltPrompt) -> dict[str, Any]:
    return {
        "input_tokens": prompt.input_tokens,
        "aggregation": prompt.aggregation.value,
        "rows_included": prompt.rows_included,
        "rows_total": prompt.rows_total,
        "campaigns_included": prompt.campaigns_included,
        "campaigns_total": prompt.campaigns_total,
    }
