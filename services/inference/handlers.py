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
from libs.common.errors import AyaError
from libs.common.model_call import ChainStep
from libs.common.query import AnalysisJob, TextDelta
from libs.common.subjects import Stage, any_tenant, delta_subject
from libs.common.vocab import Intent, Route, Tier
from libs.common.worker import durable_subscriber, handle
from services.inference.analyst import analyse
from services.inference.calls import CallLog
from services.inference.engines.base import ChatRequest
from services.inference.failover import Attempt, Outcome, StreamBrokenError, Streaming
from services.inference.grounding import Grounding, check_grounding
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
    try:
        answer, steps = await _model_answer(envelope, runtime, tier, log, deltas)
    except StreamBrokenError:
        await publish_answer(broker, envelope, failed_answer(envelope, INTERRUPTED))
        return
    if answer is None:
        answer = await _analyst(envelope, log, steps, degraded=bool(runtime.model_engines))
        if deltas is not None and answer.answer:
            await deltas.send(answer.answer)  # the analyst's text arrives as one delta
    elapsed = (time.perf_counter() - started) * 1000
    await publish_answer(broker, envelope.forward(envelope.body, inference=elapsed), answer)


async def _model_answer(
    envelope: Envelope[AnalysisJob],
    runtime: Runtime,
    tier: Tier,
    log: CallLog,
    deltas: Deltas | None,
) -> tuple[Answer | None, list[ChainStep]]:
    """A model's answer with its grounding; an answer whose key figures the data does not
    support is retried once on the next engines (not when streamed: the text is out)."""
    if not runtime.model_engines:
        return None, []
    prompt = _prompt(envelope.body, runtime, tier)
    order = list(runtime.model_engines)
    outcome = await _run_models(envelope, runtime, tier, prompt, log, deltas, order)
    if outcome.result is None or outcome.engine is None:
        return None, outcome.steps
    grounding = check_grounding(outcome.result.text, prompt.grounding)
    rest = order[order.index(outcome.engine) + 1 :]
    if grounding.key_unsupported and rest and deltas is None and _checkable(envelope):
        retry = await _run_models(envelope, runtime, tier, prompt, log, None, rest)
        if retry.result is not None:
            second = check_grounding(retry.result.text, prompt.grounding)
            if not second.key_unsupported:
                outcome, grounding = retry, second
    return _model_record(envelope, outcome, prompt, grounding), outcome.steps


def _checkable(envelope: Envelope[AnalysisJob]) -> bool:
    # A forecast's figures are projections: by design they are not in the data.
    return envelope.body.plan.intent is not Intent.FORECAST


def _model_record(
    envelope: Envelope[AnalysisJob], outcome: Outcome, prompt: BuiltPrompt, grounding: Grounding
) -> Answer:
    result = outcome.result
    if result is None:  # callers pass a successful outcome; mypy needs the proof
        raise AyaError("no model result to record")
    return _answer_record(
        envelope,
        text=result.text,
        engine=outcome.engine,
        model=result.model,
        usage=Usage(input_tokens=result.input_tokens, output_tokens=result.output_tokens),
        data={"prompt": _prompt_facts(prompt)},
        grounding={**grounding.as_dict(), "key_figures_supported": not grounding.key_unsupported},
    )


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
    order: list[str],
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
        return await runtime.failover.run(order, tier, request, budget, on_attempt)
    return await runtime.failover.run(
        order, tier, request, budget, on_attempt, call=Streaming(deltas.send)
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
