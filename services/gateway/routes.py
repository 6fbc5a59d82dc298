"""The `/v1/queries` endpoints."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse, Response, StreamingResponse

from libs.common.answer import Answer
from libs.common.ids import new_query_id, query_id_for_key
from libs.common.telemetry import span
from services.gateway import asking
from services.gateway.answers import (
    result_from_answer,
    result_from_stored,
    server_timing,
    sync_body,
)
from services.gateway.cursors import decode_cursor, encode_cursor, is_uuid
from services.gateway.deps import Asker, Caller, StateDep
from services.gateway.errors import ApiError
from services.gateway.repo import queries
from services.gateway.repo.principals import Principal
from services.gateway.schemas import (
    QueryAccepted,
    QueryList,
    QueryRequest,
    QueryResult,
    Threaded,
    error_responses,
)
from services.gateway.state import GatewayState
from services.gateway.streaming import AnswerStream, final_frame, sse_response

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
        **error_responses(400, 401, 402, 403, 404, 409, 413, 422, 429, 503, 504),
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
    stored = await asking.store(
        state,
        caller,
        query_id,
        body.query,
        conversation_id=body.conversation_id,
        stream=body.mode == "stream",
    )
    thread = stored.thread(state.settings.conversation_max_turns)
    if stored.answer is not None:
        return _replay(stored.answer, body.mode, started, thread)
    if body.mode == "stream":
        return await _stream(state, caller, query_id, stored, thread)
    if body.mode == "async":
        await asking.release_stored(state, caller.tenant_id, stored)
        state.metrics.queries.labels(caller.tenant_id, "unknown", "async", "queued").inc()
        accepted = QueryAccepted(id=query_id, **thread.model_dump())
        return JSONResponse(accepted.model_dump(), status_code=202, headers=_thread_headers(thread))
    answered = await asking.answer_sync(state, caller, query_id, stored, mode="sync")
    result = result_from_answer(answered.answer, thread=thread)
    return _result(result, started, answered.timings)


async def _stream(
    state: GatewayState, caller: Principal, query_id: str, stored: asking.Stored, thread: Threaded
) -> Response:
    nc = state.broker.config.connection_state.connection
    stream = await AnswerStream.open(nc, caller.tenant_id, query_id)
    try:
        replay = stored.asked_before
        envelope = await asking.already_answered(state, caller, query_id) if replay else None
        if envelope is not None:
            await stream.close()
            return _sse(_once(final_frame(envelope.body, thread)), thread)
        await asking.release_stored(state, caller.tenant_id, stored)
    except BaseException:
        await stream.close()
        raise
    state.metrics.queries.labels(caller.tenant_id, "unknown", "stream", "streamed").inc()
    wait = state.settings.sync_timeout_seconds
    events = stream.events(query_id, wait, lambda answer: asking.record(state, answer), thread)
    return _sse(events, thread)


def _replay(answer: Answer, mode: str, started: float, thread: Threaded) -> Response:
    if mode == "stream":
        return _sse(_once(final_frame(answer, thread)), thread)
    if mode == "sync":
        asking.raise_if_refused(answer)
    return _result(result_from_answer(answer, thread=thread), started)


def _thread_headers(thread: Threaded) -> dict[str, str]:
    """The conversation in headers too: a stream's client knows it before the first event."""
    if thread.conversation_id is None:
        return {}
    return {"Aya-Conversation-Id": thread.conversation_id, "Aya-Turn": str(thread.turn)}


def _sse(events: AsyncIterator[str], thread: Threaded) -> StreamingResponse:
    return sse_response(events, _thread_headers(thread))


async def _once(event: str) -> AsyncIterator[str]:
    yield event


def _result(
    result: QueryResult, started: float, timings: dict[str, float] | None = None
) -> JSONResponse:
    total_ms = (time.perf_counter() - started) * 1000
    thread = Threaded(conversation_id=result.conversation_id, turn=result.turn)
    return JSONResponse(
        sync_body(result),
        headers={
            "Server-Timing": server_timing(timings or {}, total_ms),
            **_thread_headers(thread),
        },
    )


@router.get(
    "/queries/{query_id}",
    response_model=QueryResult,
    responses=error_responses(401, 403, 404, 422, 429),
)
async def get_query(state: StateDep, query_id: str, caller: Caller) -> QueryResult:
    """One of the caller's questions, with its answer once there is one."""
    if not is_uuid(query_id):
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
    before = decode_cursor(cursor) if cursor else None
    rows = await queries.list_queries(state.pool, caller.tenant_id, limit, before)
    next_cursor = (
        encode_cursor(rows[-1].created_at, rows[-1].query_id) if len(rows) == limit else None
    )
    return QueryList(items=[result_from_stored(row) for row in rows], next_cursor=next_cursor)
