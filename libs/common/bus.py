"""JetStream plumbing every worker shares: stream declaration, publishing, and the ack discipline.

Acks are manual and deliberate: a message is acked only after the next stage is published (or a
failed answer is, for a permanent error); a transient failure naks with an exponential delay; a
worker that dies mid-work is redelivered after AckWait.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Literal

from faststream.nats import NatsBroker, NatsMessage
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
)
from nats.js.errors import NoStreamResponseError, NotFoundError
from pydantic import ValidationError

from libs.common.answer import Answer, AnswerStatus, ErrorInfo
from libs.common.envelope import BodyT, Envelope
from libs.common.errors import AyaError
from libs.common.periodic import repeating
from libs.common.settings import CommonSettings
from libs.common.subjects import (
    STREAMS,
    Stage,
    StreamSpec,
    answer_subject,
    msg_id,
    stream_of,
    tenant_of,
)

logger = logging.getLogger(__name__)

DUPLICATE_WINDOW_SECONDS = 120.0


def stream_config(spec: StreamSpec, replicas: int) -> StreamConfig:
    """The JetStream config of one of our streams."""
    return StreamConfig(
        name=spec.name,
        subjects=list(spec.subjects),
        retention=RetentionPolicy.WORK_QUEUE if spec.work_queue else RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_age=spec.max_age_seconds,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        num_replicas=replicas,
    )


async def ensure_streams(js: JetStreamContext, replicas: int = 1) -> None:
    """Create our streams, or update them to the declared config (idempotent)."""
    for spec in STREAMS:
        config = stream_config(spec, replicas)
        try:
            await js.stream_info(spec.name)
        except NotFoundError:
            await js.add_stream(config)
        else:
            await js.update_stream(config)


def consumer_config(
    durable: str, settings: CommonSettings, max_deliver: int | None = None
) -> ConsumerConfig:
    """A durable pull consumer with our AckWait and max-deliver (`max_deliver` overrides the
    setting; -1 never gives up)."""
    return ConsumerConfig(
        durable_name=durable,
        ack_policy=AckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL,
        ack_wait=settings.ack_wait_seconds,
        max_deliver=settings.max_deliver if max_deliver is None else max_deliver,
    )


PUBLISH_PATIENCE_SECONDS = 15.0
"""How long a stage's publish is retried before it counts as failed. JetStream on one node
syncs every write to disk, and on a busy machine a sync can stall acks for seconds (a soak saw
5-second stalls under load); a NATS restart takes seconds too. A retry carries the same
message id, so one that did land is dropped as a duplicate: never published twice."""


async def publish_stage(
    broker: NatsBroker,
    envelope: Envelope[Any],
    *,
    subject: str,
    stream: str,
    msg_id: str,
    patience: float = PUBLISH_PATIENCE_SECONDS,
) -> None:
    """Publish a pipeline message to JetStream, deduplicated by `msg_id`, trace context
    attached; retried until JetStream acknowledges it or `patience` runs out (then the NATS
    error is raised)."""
    headers = {"Nats-Msg-Id": msg_id}
    if envelope.traceparent:
        headers["traceparent"] = envelope.traceparent
    deadline = time.monotonic() + patience
    pause = 0.25
    while True:
        try:
            await broker.publish(
                envelope,
                subject,
                headers=headers,
                correlation_id=envelope.query_id,
                stream=stream,
            )
            return
        except (NatsTimeoutError, NoStreamResponseError) as exc:
            if time.monotonic() + pause > deadline:
                raise
            logger.warning("%s not taken by JetStream (%r); again in %.2f s", msg_id, exc, pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 2.0)


def retry_delay(delivered: int, settings: CommonSettings, longest: float = 3600.0) -> float:
    """Exponential backoff with full jitter for the `delivered`-th failed attempt, at most
    `longest` seconds."""
    ceiling = min(settings.retry_base_seconds * (2 ** min(max(delivered - 1, 0), 40)), longest)
    return random.uniform(ceiling / 2, ceiling)


Settled = Literal["ok", "retried", "failed"]
"""How a message was settled: acked after its work, nak'd for a retry, answered as failed."""


async def settle(
    message: NatsMessage,
    settings: CommonSettings,
    work: Callable[[], Awaitable[None]],
    fail: Callable[[ErrorInfo], Awaitable[None]],
) -> Settled:
    """Run `work`, then ack; nak with backoff on transient errors; on permanent errors (or the
    last delivery) publish a failed answer through `fail`, then ack, so no client waits forever.
    """
    delivered = message.raw_message.metadata.num_delivered or 1
    last_try = delivered >= settings.max_deliver
    # While we work, tell the server we are alive: AckWait should only catch dead workers,
    # not slow upstreams (a redelivery to a second worker would duplicate the work).
    try:
        async with repeating(settings.ack_wait_seconds / 3, message.in_progress, "ack extension"):
            await work()
    except AyaError as exc:
        if exc.transient and not last_try:
            logger.warning("transient failure, will retry: %s", exc.message)
            await message.nack(delay=retry_delay(delivered, settings))
            return "retried"
        logger.warning("permanent failure: %s (%s)", exc.message, exc.code)
        info = ErrorInfo(code=exc.code, message=exc.message)
        return await _fail_or_retry(message, settings, fail, info)
    except Exception:
        # The one place unexpected errors land: logged with context, retried, then failed visibly.
        logger.exception("unexpected error while handling a message (delivery %d)", delivered)
        if not last_try:
            await message.nack(delay=retry_delay(delivered, settings))
            return "retried"
        error = ErrorInfo(code="internal_error", message="The question could not be processed.")
        return await _fail_or_retry(message, settings, fail, error)
    await message.ack()
    return "ok"


async def _fail_or_retry(
    message: NatsMessage,
    settings: CommonSettings,
    fail: Callable[[ErrorInfo], Awaitable[None]],
    error: ErrorInfo,
) -> Settled:
    try:
        await fail(error)
    except Exception:
        logger.exception("could not publish the failed answer; leaving the message for redelivery")
        await message.nack(delay=retry_delay(settings.max_deliver, settings))
        return "retried"
    await message.ack()
    return "failed"


async def publish_answer(broker: NatsBroker, envelope: Envelope[Any], answer: Answer) -> None:
    """Publish the question's final answer (deduplicated: a question is answered once)."""
    await publish_stage(
        broker,
        envelope.forward(answer),
        subject=answer_subject(envelope.tenant_id, envelope.query_id),
        stream=stream_of(Stage.ANSWER),
        msg_id=msg_id(envelope.query_id, Stage.ANSWER),
    )


def failed_answer(envelope: Envelope[Any], error: ErrorInfo, at: datetime) -> Answer:
    """A failed answer for the question in `envelope`, answered `at`."""
    return Answer(
        query_id=envelope.query_id,
        tenant_id=envelope.tenant_id,
        status=AnswerStatus.FAILED,
        error=error,
        answered_at=at,
    )


def decode(message: NatsMessage, body_type: type[BodyT]) -> Envelope[BodyT] | None:
    """The message as a valid envelope addressed to its subject's tenant, or None.

    None covers an invalid body and an envelope whose tenant is not its subject's (never act
    across tenants); `addressable` may still recover enough of it to answer it as failed.
    """
    try:
        subject_tenant = tenant_of(message.raw_message.subject)
        envelope = Envelope[body_type].from_wire(message.body)  # type: ignore[valid-type]
    except (ValueError, ValidationError):
        return None
    if envelope.tenant_id != subject_tenant:
        logger.error("envelope tenant differs from its subject's; message rejected")
        return None
    return envelope


def addressable(subject: str, data: bytes, now: datetime) -> Envelope[Any] | None:
    """An envelope good enough to address a failed answer to the question in a broken message.

    Only when the body names a query id and the same tenant as its subject; the body itself is
    dropped.
    """
    try:
        tenant = tenant_of(subject)
        raw = json.loads(data)
    except ValueError:
        return None
    if not isinstance(raw, dict) or raw.get("tenant_id") != tenant:
        return None
    query_id = raw.get("query_id")
    if not isinstance(query_id, str) or not query_id:
        return None
    fields = {"query_id": query_id, "tenant_id": tenant, "principal": "unknown", "body": {}}
    try:
        return Envelope[Any].model_validate({**fields, "submitted_at": raw.get("submitted_at")})
    except ValidationError:
        try:
            return Envelope[Any].model_validate({**fields, "submitted_at": now})
        except ValidationError:
            return None  # e.g. a query id that is not a valid subject token
