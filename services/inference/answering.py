"""Answering one analysis job: prompt, model engines (with tool rounds and a grounding retry)
or the analyst, audit events for every call, the answer (streamed when asked)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from typing import Any

from faststream.nats.annotations import NatsBroker

from libs.common.answer import Answer, AnswerStatus, ErrorInfo, Usage
from libs.common.answer_cache import repeat_as
from libs.common.bus import failed_answer, publish_answer
from libs.common.clock import Clock
from libs.common.envelope import Envelope
from libs.common.errors import AyaError
from libs.common.ids import new_call_id
from libs.common.model_call import ChainStep
from libs.common.query import AnalysisJob
from libs.common.vocab import BUDGET_REASONS, CACHE_ENGINE, Degraded, Engine, Intent, Route, Tier
from services.inference.analyst import Analysis, analyse, examine, facts_data
from services.inference.calls import AttemptLog, CallLog
from services.inference.chain import ChainRunner, tier_overrides
from services.inference.failover import Attempt, Gate, Outcome
from services.inference.grounding import Grounding, check_grounding, given_figures
from services.inference.policy import budget_gate, engines_for
from services.inference.prompt.facts import prompt_facts
from services.inference.prompt.fit import BuiltPrompt, PromptTooLargeError, build_messages
from services.inference.prompt.tools import GET_METRICS_TOOL
from services.inference.request_digest import job_digest
from services.inference.request_tokens import RequestTokens
from services.inference.runtime import Runtime
from services.inference.streaming import AnswerDeltas, StreamBrokenError
from services.inference.tool_loop import nats_fetcher, tool_rounds
from services.inference.toolcalls import Fetch

ANALYST_MODEL = "analyst-v1"
INTERRUPTED = ErrorInfo(
    code="stream_interrupted",
    message="The answer was interrupted while it was being written; please ask again.",
)


async def answer_in_turn(
    envelope: Envelope[AnalysisJob], broker: NatsBroker, runtime: Runtime, tier: Tier
) -> None:
    """Answer the job: a kept answer at once, or with one of its tenant's fair-share slots
    (when it will call a model: the analyst alone uses no engine slot) and one of this worker's
    running slots."""
    policy = envelope.body.query.policy
    engines, refused = engines_for(policy, runtime.model_engines, tier)
    key = cache_key(envelope, runtime, tier, engines)
    kept = await runtime.cache.get(envelope.tenant_id, key) if key is not None else None
    if kept is not None:
        await _repeat(envelope, broker, runtime, tier, kept)
        return
    if not engines:
        await answer_job(envelope, broker, runtime, tier, engines, refused)
        return
    async with (
        runtime.slots.slot(envelope.tenant_id, policy.max_concurrent_analyses),
        runtime.running[tier],
    ):
        await answer_job(envelope, broker, runtime, tier, engines, refused, cache_key=key)


async def answer_job(
    envelope: Envelope[AnalysisJob],
    broker: NatsBroker,
    runtime: Runtime,
    tier: Tier,
    engines: list[Engine],
    refused: Degraded | None,
    cache_key: str | None = None,
) -> None:
    """Answer with `engines` (the tenant's allowed model engines, in order), or with the
    analyst — degraded when models were meant to answer (`refused` says why none may). A
    model's answer is kept under `cache_key` (see `cache_key`)."""
    started = time.perf_counter()
    log = CallLog(broker, envelope, tier)
    deltas = AnswerDeltas(broker, envelope) if envelope.body.query.stream else None
    sizes = RequestTokens(runtime.counter)
    gate = budget_gate(broker, envelope, runtime, sizes)
    # The analyst's facts, computed once: models explain from them, and the analyst writes its
    # answer from them when no model does. Off the event loop: a month of campaigns takes a while.
    analysis = await asyncio.to_thread(examine, envelope.body)
    facts = facts_data(envelope.body, analysis) if analysis is not None else None
    too_large: Degraded | None = None
    try:
        answer, steps = await model_answer(
            envelope,
            runtime,
            tier,
            log,
            deltas=deltas,
            fetch=nats_fetcher(broker, envelope, runtime),
            engines=engines,
            gate=gate,
            facts=facts,
            sizes=sizes,
            cache_key=cache_key,
        )
    except StreamBrokenError:
        failed = failed_answer(envelope, INTERRUPTED, runtime.settings.clock.now())
        await publish_answer(broker, envelope, failed)
        return
    except PromptTooLargeError:
        # No model can take the question at this context size; the analyst still can.
        answer, steps, too_large = None, [], Degraded.PROMPT_TOO_LARGE
    if answer is None:
        over_budget = next((Degraded(s.reason) for s in steps if s.reason in BUDGET_REASONS), None)
        if gate is not None and over_budget and gate.policy.on_exhausted == "refuse":
            error = ErrorInfo(code=over_budget, message=gate.refusal_message(over_budget))
            failed = failed_answer(envelope, error, runtime.settings.clock.now())
            await publish_answer(broker, envelope, failed)
            return
        # Degraded when models were meant to answer and did not (failed, over budget, or not
        # allowed); not when the tenant's own chain or our deployment has no model engine.
        unavailable = Degraded.MODEL_ENGINES_UNAVAILABLE if engines else None
        reason = refused or over_budget or too_large or unavailable
        runtime.metrics.observe_fallback(steps, Engine.ANALYST)
        answer = await _analyst(envelope, log, steps, reason, analysis, runtime.settings.clock)
        if deltas is not None and answer.answer:
            await deltas.send(answer.answer)  # the analyst's text arrives as one delta
    await _publish_timed(broker, envelope, answer, started)


async def model_answer(
    envelope: Envelope[AnalysisJob],
    runtime: Runtime,
    tier: Tier,
    log: AttemptLog,
    *,
    deltas: AnswerDeltas | None,
    fetch: Fetch | None,
    engines: list[Engine],
    gate: Gate | None,
    facts: dict[str, Any] | None,
    sizes: RequestTokens | None = None,
    cache_key: str | None = None,
) -> tuple[Answer | None, list[ChainStep]]:
    """A model's answer with its grounding, or None (and the chain's steps) when no engine of
    `engines` gave one. `fetch` offers the model get_metrics (not when streamed); `facts` are
    the analyst's, given to the model to explain from. An answer whose key figures the data
    does not support is retried once on the next engines (not when streamed: the text is out).
    The answer is kept under `cache_key` (which `answer_in_turn` looked up first).
    """
    order: list[str] = list(engines)
    if not order:
        return None, []
    tools = offered_tools(streamed=deltas is not None, can_fetch=fetch is not None)
    prompt = build_prompt(
        envelope.body, runtime, tier, tools, prompt_facts(facts) if facts else None
    )
    sizes = sizes or RequestTokens(runtime.counter)
    sizes.seed(prompt.messages, tools, prompt.input_tokens)
    runner = ChainRunner(envelope, runtime, tier, log, deltas, gate, sizes)
    outcome = await runner.run(prompt.messages, order, tools)
    made: list[dict[str, Any]] = []
    if tools is not None and fetch is not None:
        outcome = await tool_rounds(runner, outcome, prompt, order, tools, fetch, made)
    if outcome.result is None or outcome.engine is None:
        return None, outcome.steps
    given = given_figures(envelope.body, prompt)
    grounding = check_grounding(outcome.result.text, given)
    rest = order[order.index(outcome.engine) + 1 :]
    if grounding.key_unsupported and rest and deltas is None and _checkable(envelope):
        retry = await runner.run(prompt.messages, rest, None)
        replaced = False
        if retry.result is not None:
            second = check_grounding(retry.result.text, given)
            if not second.key_unsupported:
                outcome, grounding, replaced = retry, second, True
        runtime.metrics.grounding_retries.labels("replaced" if replaced else "kept").inc()
    answered_at = runtime.settings.clock.now()
    answer = _model_record(envelope, outcome, prompt, grounding, facts, answered_at)
    if made and answer.data is not None:
        answer.data["tool_calls"] = made
    if not made and cache_key is not None:  # a tool's data is not in the job the key is made of
        await runtime.cache.put(envelope.tenant_id, cache_key, answer)
    return answer, outcome.steps


CACHE_STEP = ChainStep(engine=CACHE_ENGINE, outcome="used")


def offered_tools(*, streamed: bool, can_fetch: bool) -> list[dict[str, Any]] | None:
    """The tools a model is offered: get_metrics when it can be fetched, never while the answer
    streams (a streamed text cannot pause for a tool's data)."""
    return [GET_METRICS_TOOL] if can_fetch and not streamed else None


async def _publish_timed(
    broker: NatsBroker, envelope: Envelope[AnalysisJob], answer: Answer, started: float
) -> None:
    """The answer, with inference's time since `started` (perf_counter) in its timings."""
    elapsed = (time.perf_counter() - started) * 1000
    await publish_answer(broker, envelope.forward(envelope.body, inference=elapsed), answer)


def cache_key(
    envelope: Envelope[AnalysisJob], runtime: Runtime, tier: Tier, engines: list[Engine]
) -> str | None:
    """The answer cache's key for the job's model answer (None: no model may answer, or the
    cache is off), from the job itself: a repeat costs no fair-share slot, no examination and
    no prompt, not only no model call. The tools are those `model_answer` will offer: `answer_job`
    always gives it a fetcher."""
    if not engines or not runtime.cache.enabled:
        return None
    tools = offered_tools(streamed=envelope.body.query.stream, can_fetch=True)
    models = runtime.failover(tier).models(list(engines), tier, tier_overrides(envelope, tier))
    return job_digest(
        envelope,
        tools=tools,
        models=models,
        max_output_tokens=runtime.settings.max_output_tokens[tier],
        context_tokens=runtime.settings.context_tokens,
        tokenizer=runtime.counter.version,
    )


async def _repeat(
    envelope: Envelope[AnalysisJob],
    broker: NatsBroker,
    runtime: Runtime,
    tier: Tier,
    kept: Answer,
) -> None:
    """A kept answer given again: no model call, in the ledger at zero cost as a cache hit."""
    started = time.perf_counter()
    now = runtime.settings.clock.now()
    answer = repeat_as(kept, envelope.query_id, envelope.body.plan, now).model_copy(
        update={"usage": Usage(input_tokens=0, output_tokens=0)}  # no model call this time
    )
    hit = Attempt(
        call_id=new_call_id(),
        engine=CACHE_ENGINE,
        model=kept.model or "",
        started_at=now,
        finished_at=now,
        input_tokens=0,
        output_tokens=0,
        error_code=None,
    )
    await CallLog(broker, envelope, tier).record(
        hit, answered=True, degraded=False, chain=[CACHE_STEP]
    )
    if envelope.body.query.stream and answer.answer:
        # The whole text at once, as the analyst's.
        await AnswerDeltas(broker, envelope).send(answer.answer)
    await _publish_timed(broker, envelope, answer, started)


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


def build_prompt(
    job: AnalysisJob,
    runtime: Runtime,
    tier: Tier,
    tools: list[dict[str, Any]] | None,
    facts: dict[str, Any] | None,
) -> BuiltPrompt:
    """The job's prompt, fitted to the tier's context and output sizes."""
    settings = runtime.settings
    return build_messages(
        job,
        counter=runtime.counter,
        context_tokens=settings.context_tokens,
        max_output_tokens=settings.max_output_tokens[tier],
        tools=tools or (),
        facts=facts,
    )


CHARTED = ("period", "currency", "changes", "decomposition", "findings", "daily")
"""What a model's answer carries of the analyst's data: the facts it was given, to chart."""


def _charted(facts: dict[str, Any] | None) -> dict[str, Any]:
    if facts is None:
        return {}
    return {key: facts[key] for key in CHARTED if key in facts}


async def _analyst(
    envelope: Envelope[AnalysisJob],
    log: AttemptLog,
    steps: list[ChainStep],
    reason: Degraded | None,
    analysis: Analysis | None,
    clock: Clock,
) -> Answer:
    """The analyst's answer, written from the facts examined before any model was tried."""
    started_at = clock.now()
    report = await asyncio.to_thread(analyse, envelope.body, analysis)
    finished_at = clock.now()
    attempt = Attempt(
        call_id=new_call_id(),
        engine=Engine.ANALYST,
        model=ANALYST_MODEL,
        started_at=started_at,
        finished_at=finished_at,
        input_tokens=0,
        output_tokens=0,
        error_code=None,
    )
    # Audited like any engine call (at zero cost), so usage shows every answer's engine.
    chain = [*steps, ChainStep(engine=Engine.ANALYST, outcome="used")]
    await log.record(attempt, answered=True, degraded=reason is not None, chain=chain)
    return _answer_record(
        envelope,
        text=report.text,
        engine=Engine.ANALYST,
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
    degraded_reason: Degraded | None = None,
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
        "history_turns": prompt.history_turns,
    }
