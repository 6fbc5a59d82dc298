"""`"mode": "stream"`: server-sent events — `delta` as text is generated, then `answer`, or
`error` on failure or timeout (the question then stays pollable)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fastapi.responses import StreamingResponse
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.errors import BadSubscriptionError, ConnectionClosedError
from pydantic import ValidationError

from libs.common.answer import Answer, AnswerStatus
from libs.common.envelope import Envelope
from libs.common.query import TextDelta
from libs.common.subjects import answer_subject, delta_subject
from services.gateway.answers import result_from_answer
from services.gateway.errors import error_body
from services.gateway.schemas import Threaded


class AnswerStream:
    """Subscriptions to one question's deltas and answer, opened before it is published."""

    def __init__(self, subscriptions: list[Subscription], queue: asyncio.Queue[Msg]) -> None:
        self._subscriptions = subscriptions
        self._queue = queue

    @classmethod
    async def open(cls, nc: NatsClient, tenant_id: str, query_id: str) -> AnswerStream:
        """Subscribe (the tenant's subjects only)."""
        queue: asyncio.Queue[Msg] = asyncio.Queue()

        async def put(msg: Msg) -> None:
            queue.put_nowait(msg)

        subscriptions = [
            await nc.subscribe(delta_subject(tenant_id, query_id), cb=put),
            await nc.subscribe(answer_subject(tenant_id, query_id), cb=put, max_msgs=1),
        ]
        return cls(subscriptions, queue)

    async def events(
        self,
        query_id: str,
        wait_seconds: float,
        record: Callable[[Answer], Awaitable[None]],
        thread: Threaded | None = None,
    ) -> AsyncIterator[str]:
        """SSE frames until the answer (or an error, or `wait_seconds` without one)."""
        async for item in self.items(wait_seconds, record):
            if item is None:
                message = "The answer is taking longer than expected; poll the question's id."
                yield frame("error", error_body("timeout", message, id=query_id))
            elif isinstance(item, TextDelta):
                yield frame("delta", {"seq": item.seq, "text": item.text})
            else:
                yield final_frame(item, thread)

    async def items(
        self, wait_seconds: float, record: Callable[[Answer], Awaitable[None]]
    ) -> AsyncIterator[TextDelta | Answer | None]:
        """The answer's text pieces as they come, then the answer (recorded before it is
        given), or None when `wait_seconds` pass without one. Any door shapes its own frames."""
        deadline = time.monotonic() + wait_seconds
        try:
            while True:
                try:
                    msg = await asyncio.wait_for(self._queue.get(), deadline - time.monotonic())
                except TimeoutError:
                    yield None
                    return
                if msg.subject.endswith(".delta"):
                    delta = _delta(msg.data)
                    if delta is not None:
                        yield delta
                    continue
                answer = _answer(msg.data)
                if answer is None:
                    continue
                # Stored before the final event, so a replay or GET right after sees it.
                await record(answer)
                yield answer
                return
        finally:
            await self.close()

    async def close(self) -> None:
        """Unsubscribe (idempotent)."""
        for subscription in self._subscriptions:
            try:
                await subscription.unsubscribe()
            except (BadSubscriptionError, ConnectionClosedError):
                continue


def sse_response(
    events: AsyncIterator[str], headers: dict[str, str] | None = None
) -> StreamingResponse:
    """Server-sent events, with no caching and no proxy buffering: each event must reach the
    client as it is made (`headers`: the door's own)."""
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no", **(headers or {})},
    )


def final_frame(answer: Answer, thread: Threaded | None = None) -> str:
    """`answer` with the full result, or `error` when the question failed."""
    result = result_from_answer(answer, thread=thread).model_dump(
        mode="json", exclude={"query", "created_at"}
    )
    if answer.status is AnswerStatus.FAILED and answer.error is not None:
        body = error_body(answer.error.code, answer.error.message, id=answer.query_id)
        return frame("error", body)
    return frame("answer", result)


def frame(event: str, data: dict[str, Any]) -> str:
    """One server-sent event."""
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def _delta(data: bytes) -> TextDelta | None:
    try:
        return TextDelta.model_validate_json(data)
    except ValidationError:
        return None


def _answer(data: bytes) -> Answer | None:
    try:
        return Envelope[Answer].model_validate_json(data).body
    except ValidationError:
        return None
