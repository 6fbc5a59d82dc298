"""Waiting for answers, and turning stored or fresh answers into the API's result shape."""

from __future__ import annotations

from typing import Any

from nats.aio.client import Client as NatsClient
from nats.aio.subscription import Subscription
from nats.errors import BadSubscriptionError, ConnectionClosedError
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from pydantic import ValidationError

from libs.common.answer import Answer
from libs.common.envelope import Envelope
from libs.common.subjects import Stage, answer_subject, stream_of
from services.gateway.repo.queries import StoredQuery
from services.gateway.schemas import QueryResult, Threaded


class AnswerWait:
    """A core-NATS subscription to one question's answer subject, opened before publishing so
    an answer that arrives quickly is not missed."""

    def __init__(self, subscription: Subscription) -> None:
        self._sub = subscription

    @classmethod
    async def open(cls, nc: NatsClient, tenant_id: str, query_id: str) -> AnswerWait:
        """Subscribe to the answer subject of `query_id` (the tenant's subject only)."""
        return cls(await nc.subscribe(answer_subject(tenant_id, query_id), max_msgs=1))

    async def result(self, wait_seconds: float) -> Envelope[Answer] | None:
        """The answer envelope, or None when `wait_seconds` pass first."""
        try:
            msg = await self._sub.next_msg(timeout=wait_seconds)
        except TimeoutError:
            return None
        try:
            return Envelope[Answer].model_validate_json(msg.data)
        except ValidationError:
            return None

    async def close(self) -> None:
        """Unsubscribe (idempotent)."""
        try:
            await self._sub.unsubscribe()
        except (ConnectionClosedError, BadSubscriptionError):
            return  # already closed, or the connection is gone: nothing left to undo


async def published_answer(
    js: JetStreamContext, tenant_id: str, query_id: str
) -> Envelope[Answer] | None:
    """The question's answer if one is already in the ANSWERS stream."""
    try:
        message = await js.get_last_msg(
            stream_of(Stage.ANSWER), answer_subject(tenant_id, query_id)
        )
    except NotFoundError:
        return None
    try:
        return Envelope[Answer].model_validate_json(message.data or b"")
    except ValidationError:
        return None


def thread_of(stored: StoredQuery) -> Threaded:
    """A stored question's place in its conversation."""
    return Threaded(conversation_id=stored.conversation_id, turn=stored.turn)


def result_from_answer(
    answer: Answer, stored: StoredQuery | None = None, thread: Threaded | None = None
) -> QueryResult:
    """The API's view of an answer, with its place in its conversation."""
    thread = thread or (thread_of(stored) if stored else Threaded())
    return QueryResult(
        **thread.model_dump(),
        id=answer.query_id,
        status=answer.status.value,
        query=stored.text if stored else None,
        created_at=stored.created_at if stored else None,
        route=answer.route.value if answer.route else None,
        plan=answer.plan.model_dump(mode="json") if answer.plan else None,
        answer=answer.answer,
        data=answer.data,
        engine=answer.engine,
        model=answer.model,
        usage=answer.usage.model_dump() if answer.usage else None,
        degraded=answer.degraded,
        degraded_reason=answer.degraded_reason,
        grounding=answer.grounding,
        error=answer.error.model_dump() if answer.error else None,
        cached_from=answer.cached_from,
    )


def result_from_stored(stored: StoredQuery) -> QueryResult:
    """The API's view of a stored question (queued, or with its recorded answer)."""
    if stored.answer is not None:
        return result_from_answer(Answer.model_validate(stored.answer), stored)
    return QueryResult(
        **thread_of(stored).model_dump(),
        id=stored.query_id,
        status="queued",
        query=stored.text,
        created_at=stored.created_at,
    )


def sync_body(result: QueryResult) -> dict[str, Any]:
    """The body of a sync answer: REST's 200 and the NATS door's reply alike."""
    return result.model_dump(mode="json", exclude={"query", "created_at"})


def server_timing(timings: dict[str, float], total_ms: float) -> str:
    """A `Server-Timing` header value: each stage's milliseconds and the total."""
    parts: list[Any] = [f"{name};dur={ms:.1f}" for name, ms in timings.items()]
    parts.append(f"total;dur={total_ms:.1f}")
    return ", ".join(parts)
