"""Asking a question, whichever door it came in by (REST or NATS): store it, publish it into
the pipeline, and — for a sync question — wait for its answer and record it.

Transport-free: functions take the gateway's state and the caller's principal and return
answers or raise `ApiError`; each door turns those into its own responses.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from libs.common.answer import Answer
from libs.common.bus import publish_stage
from libs.common.envelope import Envelope
from libs.common.query import Query
from libs.common.subjects import Stage, msg_id, stream_of, subject
from libs.common.telemetry import current_traceparent
from libs.common.vocab import Degraded
from services.gateway.answers import AnswerWait, published_answer
from services.gateway.errors import ApiError
from services.gateway.repo import queries
from services.gateway.repo.principals import Principal
from services.gateway.state import GatewayState


@dataclass(frozen=True)
class Stored:
    """A question in the `queries` table: new, or asked before under the same id (an
    idempotency key) — then with its answer when there is one."""

    asked_before: bool
    answer: Answer | None = None


@dataclass(frozen=True)
class Answered:
    """A sync question's answer, with the pipeline's stage timings."""

    answer: Answer
    timings: dict[str, float]


async def record(state: GatewayState, answer: Answer) -> None:
    """Store a question's answer once — and count it once, whichever path got it first."""
    if await queries.record_answer(state.pool, answer):
        state.metrics.count_answer(answer)


async def store(state: GatewayState, caller: Principal, query_id: str, text: str) -> Stored:
    """Store the question under its id (409 when the id's question was a different one)."""
    existing = await queries.insert_query(
        state.pool, caller.tenant_id, query_id, caller.key_id, text
    )
    if existing is None:
        return Stored(asked_before=False)
    if existing.text != text:
        raise ApiError(409, "This Idempotency-Key was already used for a different question.")
    answer = None if existing.answer is None else Answer.model_validate(existing.answer)
    return Stored(asked_before=True, answer=answer)


async def publish(
    state: GatewayState, caller: Principal, query_id: str, text: str, *, stream: bool = False
) -> None:
    """Put the question into the pipeline, with the tenant's policy as PostgreSQL has it (never
    a publisher's: only the gateway may publish `query.submitted`)."""
    envelope = Envelope[Query](
        query_id=query_id,
        tenant_id=caller.tenant_id,
        principal=caller.key_id,
        traceparent=current_traceparent(),
        submitted_at=state.settings.clock.now(),
        body=Query(
            text=text,
            timezone=caller.timezone,
            currency=caller.currency,
            stream=stream,
            policy=caller.policy,
            connector_ref=caller.connector_ref,
        ),
    )
    await publish_stage(
        state.broker,
        envelope,
        subject=subject(caller.tenant_id, Stage.QUERY_SUBMITTED),
        stream=stream_of(Stage.QUERY_SUBMITTED),
        msg_id=msg_id(query_id, Stage.QUERY_SUBMITTED),
    )


async def already_answered(
    state: GatewayState, caller: Principal, query_id: str
) -> Envelope[Answer] | None:
    """An answer already published (its recording in PostgreSQL may still be on its way)."""
    envelope = await published_answer(
        state.broker.config.connection_state.stream, caller.tenant_id, query_id
    )
    if envelope is not None:
        await record(state, envelope.body)
    return envelope


async def answer_sync(
    state: GatewayState,
    caller: Principal,
    query_id: str,
    text: str,
    *,
    asked_before: bool,
    mode: str,
) -> Answered:
    """Publish the question and wait for its answer (504 after the sync timeout; 402/503 when
    the tenant's budget policy refused it). `mode` labels the metrics (`sync`, `nats`)."""
    started = time.perf_counter()
    nc = state.broker.config.connection_state.connection
    wait = await AnswerWait.open(nc, caller.tenant_id, query_id)
    try:
        # Subscribed first, so an answer is either already in the stream or still to come.
        envelope = await already_answered(state, caller, query_id) if asked_before else None
        if envelope is None:
            # A question still queued is published again: the stream deduplicates a recent
            # copy and every stage is idempotent by query id, so a lost publish cannot strand it.
            await publish(state, caller, query_id, text)
            envelope = await wait.result(state.settings.sync_timeout_seconds)
    finally:
        await wait.close()
    if envelope is None:
        state.metrics.queries.labels(caller.tenant_id, "unknown", mode, "timeout").inc()
        raise ApiError(
            504,
            "The answer is taking longer than expected; the question is still queued — "
            f"poll GET /v1/queries/{query_id}.",
            id=query_id,
        )
    answer = envelope.body
    await record(state, answer)
    route = answer.route.value if answer.route else "none"
    state.metrics.queries.labels(caller.tenant_id, route, mode, answer.status.value).inc()
    state.metrics.latency.labels(caller.tenant_id, route).observe(time.perf_counter() - started)
    if answer.error is not None and answer.error.code in _REFUSALS:
        state.metrics.refusals.labels(caller.tenant_id, answer.error.code).inc()
    raise_if_refused(answer)
    return Answered(answer, envelope.timings or {})


# Failed answers whose cause is the tenant's own budget policy, not our failure: a sync
# question says so with its own status (it stays readable, failed, at GET /v1/queries/{id}).
_REFUSALS: dict[str, int] = {Degraded.BUDGET_EXHAUSTED: 402, Degraded.BUDGET_UNVERIFIED: 503}


def raise_if_refused(answer: Answer) -> None:
    """402 or 503 when the answer is the tenant's budget policy refusing the question."""
    if answer.error is not None and answer.error.code in _REFUSALS:
        status = _REFUSALS[answer.error.code]
        raise ApiError(status, answer.error.message, code=answer.error.code, id=answer.query_id)
