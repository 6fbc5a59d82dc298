"""The `/v1/queries` endpoints."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse, Response, StreamingResponse

from libs.common.answer import Answer
from libs.common.bus import publish_stage
from libs.common.envelope import Envelope
from libs.common.ids import new_query_id, query_id_for_key
from libs.common.query import Query as QueryBody
from libs.common.subjects import Stage, msg_id, stream_of, subject
from libs.common.telemetry import current_traceparent, span
from libs.common.vocab import Degraded
from services.gateway.answers import (
    AnswerWait,
    published_answer,
    result_from_answer,
    result_from_stored,
    server_timing,
)
from services.gateway.deps import Asker, Caller, StateDep
from services.gateway.errors import ApiError
from services.gateway.repo import queries
from services.gateway.repo.principals import Principal
from services.gateway.schemas import (
    QueryAccepted,
    QueryList,
    QueryRequest,
    QueryResult,
    error_responses,
)
from services.gateway.state import GatewayState
from services.gateway.streaming import AnswerStream, final_frame

router = APIRouter(prefix="/v1")
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=200)
]


@router.post(
    "/queries",
    response_model=QueryResult,
    responses={
        202: {"model": QueryAccepted},
        200: {
            "content": {"text/event-stream": {}},
            "description": "Answer, or SSE in stream mode.",
        },
        **error_responses(400, 401, 402, 403, 409, 413, 422, 429, 503, 504),
    },
)
async def submit_query(
    state: StateDep, body: QueryRequest, caller: Asker, idempotency_key: IdempotencyKey = None
) -> Response:
    """Ask a question: sync waits for the answer, async returns 202 with an id to poll, stream
    sends server-sent events."""
    query_id = (
        query_id_for_key(caller.tenant_id, idempotency_key) if idempotency_key else new_query_id()
    )
    with span(
        "query.submit",
        caller.tenant_id,
        query_id=query_id,
        attributes={"aya.mode": body.mode},
    ):
        return await _submit(state, body, caller, query_id)


async def _submit(
    state: GatewayState, body: QueryRequest, caller: Principal, query_id: str
) -> Response:
    started = time.perf_counter()
    existing = await queries.insert_query(
        state.pool, caller.tenant_id, query_id, caller.key_id, body.query
    )
    if existing is not None:
        if existing.text != body.query:
            raise ApiError(409, "This Idempotency-Key was already used for a different question.")
        if existing.answer is not None:
            return _replay(Answer.model_validate(existing.answer), body.mode, started)
    if body.mode == "stream":
        return await _stream(state, caller, query_id, body.query, replay=existing is not None)
    if body.mode == "async":
        await _publish(state, caller, query_id, body.query)
        state.metrics.queries.labels(caller.tenant_id, "unknown", "async", "queued").inc()
        return JSONResponse(QueryAccepted(id=query_id).model_dump(), status_code=202)
    return await _sync(state, caller, query_id, body.query, started, replay=existing is not None)


async def _sync(
    state: GatewayState,
    caller: Principal,
    query_id: str,
    text: str,
    started: float,
    *,
    replay: bool,
) -> Response:
    nc = state.broker.config.connection_state.connection
    wait = await AnswerWait.open(nc, caller.tenant_id, query_id)
    try:
        # Subscribed first, so an answer is either already in the stream or still to come.
        envelope = await _published(state, caller, query_id) if replay else None
        if envelope is None:
            # A question still queued is published again: the stream deduplicates a recent
            # copy and every stage is idempotent by query id, so a lost publish cannot strand it.
            await _publish(state, caller, query_id, text)
            envelope = await wait.result(state.settings.sync_timeout_seconds)
    finally:
        await wait.close()
    if envelope is None:
        state.metrics.queries.labels(caller.tenant_id, "unknown", "sync", "timeout").inc()
        raise ApiError(
            504,
            "The answer is taking longer than expected; the question is still queued — "
            f"poll GET /v1/queries/{query_id}.",
            id=query_id,
        )
    answer = envelope.body
    await queries.record_answer(state.pool, answer)
    route = answer.route.value if answer.route else "none"
    state.metrics.queries.labels(caller.tenant_id, route, "sync", answer.status.value).inc()
    state.metrics.latency.labels(caller.tenant_id, route).observe(time.perf_counter() - started)
    _raise_if_refused(answer)
    return _result(result_from_answer(answer), started, envelope.timings)


# Failed answers whose cause is the tenant's own budget policy, not our failure: the sync call
# says so with its own status (the question stays readable, failed, at GET /v1/queries/{id}).
_REFUSALS: dict[str, int] = {Degraded.BUDGET_EXHAUSTED: 402, Degraded.BUDGET_UNVERIFIED: 503}


def _raise_if_refused(answer: Answer) -> None:
    if answer.error is not None and answer.error.code in _REFUSALS:
        status = _REFUSALS[answer.error.code]
        raise ApiError(status, answer.error.message, code=answer.error.code, id=answer.query_id)


async def _stream(
    state: GatewayState, caller: Principal, query_id: str, text: str, *, replay: bool
) -> Response:
    nc = state.broker.config.connection_state.connection
    stream = await AnswerStream.open(nc, caller.tenant_id, query_id)
    try:
        envelope = await _published(state, caller, query_id) if replay else None
        if envelope is not None:
            await stream.close()
            return _sse(_once(final_frame(envelope.body)))
        await _publish(state, caller, query_id, text, stream=True)
    except BaseException:
        await stream.close()
        raise
    state.metrics.queries.labels(caller.tenant_id, "unknown", "stream", "streamed").inc()
    return _sse(stream.events(query_id, state.settings.sync_timeout_seconds, state.pool))


async def _published(
    state: GatewayState, caller: Principal, query_id: str
) -> Envelope[Answer] | None:
    """An answer already published (its recording in PostgreSQL may still be on its way)."""
    envelope = await published_answer(
        state.broker.config.connection_state.stream, caller.tenant_id, query_id
    )
    if envelope is not None:
        await queries.record_answer(state.pool, envelope.body)
    return envelope


def _replay(answer: Answer, mode: str, started: float) -> Response:
    if mode == "stream":
        return _sse(_once(final_frame(answer)))
    if mode == "sync":
        _raise_if_refused(answer)
    return _result(result_from_answer(answer), started)


async def _publish(
    state: GatewayState, caller: Principal, query_id: str, text: str, *, stream: bool = False
) -> None:
    envelope = Envelope[QueryBody](
        query_id=query_id,
        tenant_id=caller.tenant_id,
        principal=caller.key_id,
        traceparent=current_traceparent(),
        submitted_at=state.settings.clock.now(),
        body=QueryBody(
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


def _sse(events: AsyncIterator[str]) -> StreamingResponse:
    # no-cache and no proxy buffering: each event must reach the client as it is made.
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _once(event: str) -> AsyncIterator[str]:
    yield event


def _result(
    result: QueryResult, started: float, timings: dict[str, float] | None = None
) -> JSONResponse:
    total_ms = (time.perf_counter() - started) * 1000
    return JSONResponse(
        result.model_dump(mode="json", exclude_none=False, exclude={"query", "created_at"}),
        headers={"Server-Timing": server_timing(timings or {}, total_ms)},
    )


@router.get(
    "/queries/{query_id}",
    response_model=QueryResult,
    responses=error_responses(401, 403, 404, 422, 429),
)
async def get_query(state: StateDep, query_id: str, caller: Caller) -> QueryResult:
    """One of the caller's questions, with its answer once there is one."""
    if not _is_uuid(query_id):
        raise ApiError(404, "No question with this id.")
    stored = await queries.get_query(state.pool, caller.tenant_id, query_id)
    if stored is None:
        raise ApiError(404, "No question with this id.")
    return result_from_stored(stored)


@router.get("/queries", response_model=QueryList, responses=error_responses(401, 403, 422, 429))
async def list_queries(
    state: StateDep,
    caller: Caller,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size (1–100).")] = 20,
    cursor: Annotated[str | None, Query(max_length=200, description="From next_cursor.")] = None,
) -> QueryList:
    """The caller's questions, newest first."""
    before = _decode_cursor(cursor) if cursor else None
    rows = await queries.list_queries(state.pool, caller.tenant_id, limit, before)
    next_cursor = (
        _encode_cursor(rows[-1].created_at, rows[-1].query_id) if len(rows) == limit else None
    )
    return QueryList(items=[result_from_stored(row) for row in rows], next_cursor=next_cursor)


def _is_uuid(value: str) -> bool:
    """Only the canonical form: uuid.UUID also parses 'urn:uuid:…' and braces, which
    PostgreSQL's uuid type refuses (a 500 the fuzz found)."""
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _encode_cursor(created_at: dt.datetime, query_id: str) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{query_id}".encode()).decode()


def _decode_cursor(cursor: str) -> tuple[dt.datetime, str]:
    try:
        created, _, query_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        parsed = dt.datetime.fromisoformat(created)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ApiError(422, "cursor: not a cursor this API returned.") from exc
    if not _is_uuid(query_id) or parsed.tzinfo is None:
        raise ApiError(422, "cursor: not a cursor this API returned.")
    return parsed, query_id
