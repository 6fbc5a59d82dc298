"""Answering one analysis job: prompt, model engines (with tool rounds and a grounding retry)
or the analyst, audit events for every call, the answer (streamed when asked)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from typing import Any

from faststream.nats.annotations import NatsBroker
from nats.errors import Error as NatsError

from libs.common.answer import Answer, AnswerStatus, ErrorInfo, Usage
from libs.common.bus import failed_answer, publish_answer
from libs.common.clock import Clock
from libs.common.envelope import Envelope
from libs.common.errors import AyaError
from libs.common.fetch import CONNECTOR_REF_HEADER
from libs.common.model_call import ChainStep
from libs.common.query import AnalysisJob, TenantPolicy, TextDelta
from libs.common.subjects import Stage, delta_subject, subject
from libs.common.telemetry import trace_headers
from libs.common.vocab import Intent, Route, Tier
from services.inference import budget
from services.inference.analyst import Analysis, analyse, examine, facts_data
from services.inference.budget import BudgetGate
from services.inference.calls import CallLog
from services.inference.engines.base import ChatRequest, Message
from services.inference.failover import Attempt, Gate, Outcome, StreamBrokenError, Streaming
from services.inference.grounding import Grounding, check_grounding
from services.inference.prompt import GET_METRICS_TOOL, BuiltPrompt, build_messages
from services.inference.prompt_facts import prompt_facts
from services.inference.runtime import Runtime
from services.inference.toolcalls import Fetch, answer_calls, conversation_after, tool_calls

ANALYST_MODEL = "analyst-v1"
INTERRUPTED = ErrorInfo(
    code="stream_interrupted",
    message="The answer was interrupted while it was being written; please ask again.",
)


async def answer_in_turn(
    envelope: Envelope[AnalysisJob], broker: NatsBroker, runtime: Runtime, tier: Tier
) -> None:
    """Answer the job once it has one of its tenant's fair-share slots (when it will call a
    model: the analyst alone uses no engine slot) and one of this worker's running slots."""
    policy = envelope.body.query.policy
    engines, refused = engines_for(policy, runtime.model_engines, tier)
    if not engines:
        await answer_job(envelope, broker, runtime, tier, engines, refused)
        return
    async with (
        runtime.slots.slot(envelope.tenant_id, policy.max_concurrent_analyses),
        runtime.running[tier],
    ):
        await answer_job(envelope, broker, runtime, tier, engines, refused)


async def answer_job(
    envelope: Envelope[AnalysisJob],
    broker: NatsBroker,
    runtime: Runtime,
    tier: Tier,
    engines: list[str],
    refused: str | None,
) -> None:
    """Answer with `engines` (the tenant's allowed model engines, in order), or with the
    analyst — degraded when models were meant to answer (`refused` says why none may)."""
    started = time.perf_counter()
    log = CallLog(broker, envelope, tier)
    deltas = Deltas(broker, envelope) if envelope.body.query.stream else None
    gate = _budget_gate(broker, envelope, runtime)
    # The analyst's facts, computed once: models explain from them, and the analyst writes its
    # answer from them when no model does. Off the event loop: a month of campaigns takes a while.
    analysis = await asyncio.to_thread(examine, envelope.body)
    facts = facts_data(envelope.body, analysis) if analysis is not None else None
    try:
        answer, steps = await _model_answer(
            envelope,
            runtime,
            tier,
            log,
            deltas,
            fetch=_fetcher(broker, envelope, runtime),
            engines=engines,
            gate=gate,
            facts=facts,
        )
    except StreamBrokenError:
        failed = failed_answer(envelope, INTERRUPTED, runtime.settings.clock.now())
        await publish_answer(broker, envelope, failed)
        return
    if answer is None:
        over_budget = next((s.reason for s in steps if s.reason in budget.REASONS), None)
        if gate is not None and over_budget and gate.policy.on_exhausted == "refuse":
            error = ErrorInfo(code=over_budget, message=gate.refusal_message(over_budget))
            failed = failed_answer(envelope, error, runtime.settings.clock.now())
            await publish_answer(broker, envelope, failed)
            return
        # Degraded when models were meant to answer and did not (failed, over budget, or not
        # allowed); not when the tenant's own chain or our deployment has no model engine.
        reason = refused or over_budget or ("model_engines_unavailable" if engines else None)
        answer = await _analyst(envelope, log, steps, reason, analysis, runtime.settings.clock)
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
    fetch: Fetch | None = None,
    engines: list[str] | None = None,
    gate: Gate | None = None,
    facts: dict[str, Any] | None = None,
) -> tuple[Answer | None, list[ChainStep]]:
    """A model's answer with its grounding; an answer whose key figures the data does not
    support is retried once on the next engines (not when streamed: the text is out)."""
    order = list(runtime.model_engines if engines is None else engines)
    if not order:
        return None, []
    # Tool calls are offered when a fetcher is there and the answer is not streamed.
    tools = [GET_METRICS_TOOL] if fetch is not None and deltas is None else None
    prompt = _prompt(envelope.body, runtime, tier, tools, prompt_facts(facts) if facts else None)
    call = Call(envelope, runtime, tier, log, deltas, gate)
    outcome = await call.run(prompt.messages, order, tools)
    if tools is not None and fetch is not None:
        outcome = await _tool_rounds(call, outcome, prompt, order, tools, fetch)
    if outcome.result is None or outcome.engine is None:
        return None, outcome.steps
    grounding = check_grounding(outcome.result.text, prompt.grounding)
    rest = order[order.index(outcome.engine) + 1 :]
    if grounding.key_unsupported and rest and deltas is None and _checkable(envelope):
        retry = await call.run(prompt.messages, rest, None)
        if retry.result is not None:
            second = check_grounding(retry.result.text, prompt.grounding)
            if not second.key_unsupported:
                outcome, grounding = retry, second
    answered_at = runtime.settings.clock.now()
    return _model_record(envelope, outcome, prompt, grounding, facts, answered_at), outcome.steps


def _checkable(envelope: Envelope[AnalysisJob]) -> bool:
    # A forecast's figures are projections: by design they are not in the data.
    return envelope.body.plan.intent is not Intent.FORECAST


def _model_record(
    envelope: Envelope[AnalysisJob],
    outcome: Outcome,
    prompt: BuiltPrompt,
    grounding: Grounding,
    facts: dict[str, Any] | None,
    answered_at: dt.datetime,
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
        data={**_charted(facts), "prompt": _prompt_facts(prompt)},
        grounding={**grounding.as_dict(), "key_figures_supported": not grounding.key_unsupported},
        answered_at=answered_at,
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


def _prompt(
    job: AnalysisJob,
    runtime: Runtime,
    tier: Tier,
    tools: list[dict[str, Any]] | None = None,
    facts: dict[str, Any] | None = None,
) -> BuiltPrompt:
    settings = runtime.settings
    return build_messages(
        job,
        counter=runtime.counter,
        context_tokens=settings.context_tokens,
        max_output_tokens=settings.max_output_tokens[tier],
        tools=tools or (),
        facts=facts,
    )


CHARTED = ("period", "currency", "changes", "decomposition", "findings")
"""What a model's answer carries of the analyst's data: the facts it was given, to chart."""


def _charted(facts: dict[str, Any] | None) -> dict[str, Any]:
    if facts is None:
        return {}
    return {key: facts[key] for key in CHARTED if key in facts}


class Call:
    """Runs one request down the chain for a question, auditing every attempt."""

    def __init__(
        self,
        envelope: Envelope[AnalysisJob],
        runtime: Runtime,
        tier: Tier,
        log: CallLog,
        deltas: Deltas | None,
        gate: Gate | None = None,
    ) -> None:
        self.envelope, self.runtime, self.tier, self.log, self.deltas = (
            envelope,
            runtime,
            tier,
            log,
            deltas,
        )
        self.gate = gate

    async def run(
        self,
        messages: list[Message],
        order: list[str],
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

        async def on_attempt(attempt: Attempt, steps: list[ChainStep]) -> None:
            used = attempt.error_code is None
            step = ChainStep(engine=attempt.engine, outcome="used" if used else "failed")
            await self.log.record(attempt, answered=used, chain=[*steps, step])

        budget = settings.tier_timeout_seconds[self.tier]
        overrides = self.envelope.body.query.policy.model_overrides
        models = {e: m[self.tier] for e, m in overrides.items() if self.tier in m}
        failover = self.runtime.failover
        streamed = {} if self.deltas is None else {"call": Streaming(self.deltas.send)}
        return await failover.run(
            order, self.tier, request, budget, on_attempt, models=models, gate=self.gate, **streamed
        )


async def _tool_rounds(
    call: Call,
    outcome: Outcome,
    prompt: BuiltPrompt,
    order: list[str],
    tools: list[dict[str, Any]],
    fetch: Fetch,
) -> Outcome:
    """Answer the model's get_metrics calls and continue, up to the configured rounds; the
    last round may not call tools, so the model has to answer."""
    settings = call.runtime.settings
    messages = prompt.messages
    spare = settings.context_tokens - settings.max_output_tokens[call.tier] - prompt.input_tokens
    for round_ in range(settings.max_tool_rounds):
        result = outcome.result
        if result is None or outcome.engine is None or not result.tool_calls:
            return outcome
        calls = tool_calls(result)
        contents = await answer_calls(calls, fetch, call.runtime.counter, spare // 2)
        messages = conversation_after(messages, result, calls, contents)
        spare -= sum(call.runtime.counter.count_text(text) for text in contents) + 50
        last = round_ + 1 == settings.max_tool_rounds or spare < 200
        engines = order[order.index(outcome.engine) :]
        outcome = await call.run(messages, engines, tools, "none" if last else "auto")
    return outcome


def _fetcher(broker: NatsBroker, envelope: Envelope[AnalysisJob], runtime: Runtime) -> Fetch:
    """get_metrics over NATS request-reply, always for the job's tenant (never the model's)."""
    target = subject(envelope.tenant_id, Stage.FETCH_REQUEST)
    ref = envelope.body.query.connector_ref

    async def fetch(arguments: dict[str, Any]) -> dict[str, Any]:
        headers = {**trace_headers(), **({CONNECTOR_REF_HEADER: ref} if ref else {})}
        try:
            reply = await broker.request(
                json.dumps(arguments),
                target,
                timeout=runtime.settings.tool_timeout_seconds,
                correlation_id=envelope.query_id,
                headers=headers,
            )
        except (TimeoutError, NatsError):
            return {"error": {"code": "unavailable", "message": "The data is unavailable now."}}
        body: dict[str, Any] = json.loads(reply.body)
        return body

    return fetch


def _budget_gate(
    broker: NatsBroker, envelope: Envelope[AnalysisJob], runtime: Runtime
) -> BudgetGate | None:
    """The tenant's budget gate; None when the tenant has no budget (nothing to hold)."""
    policy = envelope.body.query.policy.budget
    if policy is None:
        return None
    return BudgetGate(
        broker,
        envelope.tenant_id,
        envelope.query_id,
        policy,
        runtime.counter,
        runtime.settings.budget_timeout_seconds,
    )


def engines_for(
    policy: TenantPolicy, configured: list[str], tier: Tier
) -> tuple[list[str], str | None]:
    """The model engines this tenant's question may use, in order, or why none may."""
    if tier not in policy.allowed_tiers:
        return [], "tier_not_allowed"
    if policy.engine_chain is None:
        return list(configured), None
    return [name for name in policy.engine_chain if name in configured], None


async def _analyst(
    envelope: Envelope[AnalysisJob],
    log: CallLog,
    steps: list[ChainStep],
    reason: str | None,
    analysis: Analysis | None,
    clock: Clock,
) -> Answer:
    """The analyst's answer, written from the facts examined before any model was tried."""
    started_at = clock.now()
    report = await asyncio.to_thread(analyse, envelope.body, analysis)
    finished_at = clock.now()
    attempt = Attempt(
        engine="analyst",
        model=ANALYST_MODEL,
        started_at=started_at,
        finished_at=finished_at,
        input_tokens=0,
        output_tokens=0,
        error_code=None,
    )
    # Audited like any engine call (at zero cost), so usage shows every answer's engine.
    chain = [*steps, ChainStep(engine="analyst", outcome="used")]
    await log.record(attempt, answered=True, degraded=reason is not None, chain=chain)
    return _answer_record(
        envelope,
        text=report.text,
        engine="analyst",
        model=ANALYST_MODEL,
        usage=None,
        data=report.data,
        degraded_reason=reason,
        answered_at=finished_at,
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
    answered_at: dt.datetime,
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
        answered_at=answered_at,
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
