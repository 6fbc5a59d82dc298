"""Asking a question, whichever door it came in by (REST or NATS): store it as the next turn
of its conversation, release it into the pipeline (at once, or when the turn before it has its
answer), and — for a sync question — wait for its answer and record it.

Transport-free: functions take the gateway's state and the caller's principal and return
answers or raise `ApiError`; each door turns those into its own responses.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

import psycopg
import psycopg_pool
from nats.errors import Error as NatsError

from libs.common.answer import Answer
from libs.common.bus import publish_stage
from libs.common.envelope import Envelope
from libs.common.query import Query
from libs.common.subjects import Stage, msg_id, stream_of, subject
from libs.common.telemetry import current_traceparent
from libs.common.tenant_context import TenantContext
from libs.common.vocab import Degraded
from services.gateway.answers import AnswerWait, published_answer
from services.gateway.errors import ApiError
from services.gateway.repo import queries, turns
from services.gateway.repo.principals import Principal
from services.gateway.repo.turns import Slot, Started, UnknownConversationError
from services.gateway.schemas import Threaded
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)

TURN_LIMIT_NOTICE = (
    "The conversation reached its limit of {limit} turns; this question started a new one."
)


@dataclass(frozen=True)
class Stored:
    """A question in the `queries` table as a turn of its conversation: new, or asked before
    under the same id (an idempotency key) — then with its answer when there is one."""

    asked_before: bool
    conversation_id: str | None = None
    turn: int | None = None
    started: Started | None = None
    answer: Answer | None = None
    slot: Slot | None = None
    """Where it was stored now (None when asked before)."""

    def thread(self, limit: int) -> Threaded:
        """Its place in its conversation, and a notice when a new one was started past the
        turn limit of the one asked for."""
        notice = TURN_LIMIT_NOTICE.format(limit=limit) if self.started == "turn_limit" else None
        return Threaded(conversation_id=self.conversation_id, turn=self.turn, notice=notice)


@dataclass(frozen=True)
class Answered:
    """A sync question's answer, with the pipeline's stage timings."""

    answer: Answer
    timings: dict[str, float]


async def record(state: GatewayState, answer: Answer, *, strict: bool = False) -> None:
    """Store a question's answer once — and count it once, whichever path got it first — and
    finish its turn, releasing the conversation's next one. `strict` (the answers consumer,
    which is redelivered) raises when the next turn could not be released; other paths leave
    that to it."""
    if answer in state.settled:
        return
    finished = await turns.finish(state.pool, answer)
    if finished.recorded:
        state.metrics.count_answer(answer)
    if not finished.waiting:
        # Nothing behind it to release (a turn asked later is released by its asker).
        state.settled.add(answer)
        return
    try:
        await release(state, answer.tenant_id, finished.conversation_id)
    except (NatsError, TimeoutError, psycopg.OperationalError, psycopg_pool.PoolTimeout):
        if strict:
            raise
        logger.warning("the next turn was not released now; the answers consumer will")


async def store(
    state: GatewayState,
    caller: Principal,
    query_id: str,
    text: str,
    *,
    conversation_id: str | None = None,
    stream: bool = False,
) -> Stored:
    """Store the question under its id as the next turn of `conversation_id` (a new
    conversation when None): 404 for a conversation that is not the tenant's, 409 when the
    id's question was a different one."""

    def pending(tenant: TenantContext) -> Envelope[Query]:
        envelope = _envelope(state, caller, query_id, text, stream=stream)
        envelope.body.context = tenant
        return envelope

    try:
        slot = await turns.ask(
            state.pool,
            tenant_id=caller.tenant_id,
            principal=caller.key_id,
            query_id=query_id,
            text=text,
            conversation_id=conversation_id,
            pending=pending,
            max_turns=state.settings.conversation_max_turns,
        )
    except UnknownConversationError:
        raise ApiError(404, "No conversation with this id.") from None
    if slot is not None:
        return Stored(False, slot.conversation_id, slot.turn, slot.started, slot=slot)
    existing = await queries.get_query(state.pool, caller.tenant_id, query_id)
    if existing is None:  # deleted in between: as good as never asked
        raise ApiError(409, "This Idempotency-Key's question was just deleted; ask again.")
    other_conversation = conversation_id not in (None, existing.conversation_id)
    if existing.text != text or other_conversation:
        raise ApiError(409, "This Idempotency-Key was already used for a different question.")
    answer = None if existing.answer is None else Answer.model_validate(existing.answer)
    return Stored(True, existing.conversation_id, existing.turn, None, answer)


async def release_stored(state: GatewayState, tenant_id: str, stored: Stored) -> None:
    """Send a question just stored on its way: the first turn of a new conversation at once,
    a later one when the turn before it has its answer (`release`)."""
    if stored.slot is not None and stored.slot.first is not None:
        await turns.publish_first(
            state.pool, tenant_id, stored.slot, lambda envelope: _publish(state, envelope)
        )
        return
    await release(state, tenant_id, stored.conversation_id)


async def release(state: GatewayState, tenant_id: str, conversation_id: str | None) -> None:
    """Publish the conversation's next waiting turn if the turn before it has its answer (a
    no-op otherwise: that answer releases it)."""
    if conversation_id is None:
        return
    settings = state.settings
    await turns.release(
        state.pool,
        tenant_id,
        conversation_id,
        lambda envelope: _publish(state, envelope),
        history_turns=settings.conversation_history_turns,
        stale_after=dt.timedelta(seconds=settings.conversation_stale_seconds),
    )


async def release_stale(state: GatewayState) -> None:
    """Release turns left waiting behind a turn whose answer never came (one sweep)."""
    stale = dt.timedelta(seconds=state.settings.conversation_stale_seconds)
    for tenant_id, conversation_id in await turns.waiting(state.pool, stale):
        await release(state, tenant_id, conversation_id)


def _envelope(
    state: GatewayState, caller: Principal, query_id: str, text: str, *, stream: bool
) -> Envelope[Query]:
    """The question as the pipeline gets it, with the tenant's policy as PostgreSQL has it
    (never a publisher's: only the gateway may publish `query.submitted`)."""
    return Envelope[Query](
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


async def _publish(state: GatewayState, envelope: Envelope[Query]) -> None:
    await publish_stage(
        state.broker,
        envelope,
        subject=subject(envelope.tenant_id, Stage.QUERY_SUBMITTED),
        stream=stream_of(Stage.QUERY_SUBMITTED),
        msg_id=msg_id(envelope.query_id, Stage.QUERY_SUBMITTED),
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
    state: GatewayState, caller: Principal, query_id: str, stored: Stored, *, mode: str
) -> Answered:
    """Publish the question and wait for its answer (504 after the sync timeout; 402/503 when
    the tenant's budget policy refused it). `mode` labels the metrics (`sync`, `nats`)."""
    started = time.perf_counter()
    nc = state.broker.config.connection_state.connection
    wait = await AnswerWait.open(nc, caller.tenant_id, query_id)
    try:
        # Subscribed first, so an answer is either already in the stream or still to come.
        envelope = await already_answered(state, caller, query_id) if stored.asked_before else None
        if envelope is None:
            # A turn is published only once acknowledged, and marked so; a repeat only
            # releases what may still be waiting behind an earlier turn.
            await release_stored(state, caller.tenant_id, stored)
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
    if answer.error is not None and answer.error.code in REFUSALS:
        state.metrics.refusals.labels(caller.tenant_id, answer.error.code).inc()
    raise_if_refused(answer)
    return Answered(answer, envelope.timings or {})


# Failed answers whose cause is the tenant's own budget policy, not our failure: a sync
# question says so with its own status (it stays readable, failed, at GET /v1/queries/{id}).
REFUSALS: dict[str, int] = {Degraded.BUDGET_EXHAUSTED: 402, Degraded.BUDGET_UNVERIFIED: 503}


def raise_if_refused(answer: Answer) -> None:
    """402 or 503 when the answer is the tenant's budget policy refusing the question."""
    if answer.error is not None and answer.error.code in REFUSALS:
        status = REFUSALS[answer.error.code]
        raise ApiError(status, answer.error.message, code=answer.error.code, id=answer.query_id)
