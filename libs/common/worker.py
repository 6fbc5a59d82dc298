"""The shape every JetStream worker shares: decode, act on the tenant's question, settle."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, cast

from faststream import AckPolicy
from faststream.nats import JStream, NatsBroker, NatsMessage, NatsRouter, PullSub
from opentelemetry.trace import SpanKind

from libs.common.bus import (
    addressable,
    consumer_config,
    decode,
    failed_answer,
    publish_answer,
    settle,
)
from libs.common.envelope import BodyT, Envelope
from libs.common.errors import AyaError
from libs.common.logs import log_context
from libs.common.metrics import WorkerMetrics
from libs.common.settings import CommonSettings
from libs.common.telemetry import span

logger = logging.getLogger(__name__)


Handler = Callable[[NatsMessage, NatsBroker], Awaitable[None]]


async def _undecoded(message: NatsMessage) -> bytes:
    """The body as it came: `handle` validates it once, straight from bytes (FastStream's own
    decoder would also `json.loads` it, a second full parse of every job's rows). A coroutine,
    because FastStream runs a plain-function decoder on a worker thread for every message."""
    return message.body


def durable_subscriber(
    router: NatsRouter,
    subject: str,
    *,
    stream: str,
    durable: str,
    settings: CommonSettings,
    max_workers: int | None = None,
    max_deliver: int | None = None,
) -> Callable[[Handler], Any]:
    """Decorator: a durable pull subscriber with manual, deliberate acks (see bus.settle);
    it handles `max_workers` messages at once (default `handler_concurrency`), each from the
    moment it is pulled: the pull loop goes on while they run, so one slow message holds up no
    other (a plain pull subscriber waits for its whole batch before pulling again).
    `max_deliver` overrides the setting for this consumer (-1: never give up)."""
    return cast(
        "Callable[[Handler], Any]",
        router.subscriber(
            subject,
            stream=JStream(stream, declare=False),
            durable=durable,
            pull_sub=PullSub(batch_size=settings.pull_batch_size, timeout=1.0),
            config=consumer_config(durable, settings, max_deliver),
            ack_policy=AckPolicy.MANUAL,
            max_workers=max_workers or settings.handler_concurrency,
            decoder=_undecoded,
        ),
    )


async def handle(
    message: NatsMessage,
    broker: NatsBroker,
    settings: CommonSettings,
    body_type: type[BodyT],
    work: Callable[[Envelope[BodyT]], Awaitable[None]],
    metrics: WorkerMetrics,
) -> None:
    """Decode the message, run `work` under the tenant's log context, settle it, and count it
    (stage, tenant, outcome, time)."""
    started = time.perf_counter()
    stage = _stage_of(message.raw_message.subject)
    envelope = decode(message, body_type)
    if envelope is None:
        await _fail_unreadable(message, broker, settings, metrics, stage)
        return
    with (
        log_context(
            tenant_id=envelope.tenant_id, query_id=envelope.query_id, principal=envelope.principal
        ),
        span(
            stage,
            envelope.tenant_id,
            query_id=envelope.query_id,
            parent=envelope.traceparent,
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.message.delivery": message.raw_message.metadata.num_delivered or 1
            },
        ),
    ):
        outcome = await settle(
            message,
            settings,
            lambda: work(envelope),
            lambda info: publish_answer(
                broker, envelope, failed_answer(envelope, info, settings.clock.now())
            ),
        )
    metrics.handled.labels(stage, envelope.tenant_id, outcome).inc()
    metrics.seconds.labels(stage, envelope.tenant_id).observe(time.perf_counter() - started)


async def _fail_unreadable(
    message: NatsMessage,
    broker: NatsBroker,
    settings: CommonSettings,
    metrics: WorkerMetrics,
    stage: str,
) -> None:
    stub = addressable(message.raw_message.subject, message.body, settings.clock.now())
    if stub is None:
        logger.error("unusable message on %s terminated", message.raw_message.subject)
        await message.reject()
        return
    with log_context(tenant_id=stub.tenant_id, query_id=stub.query_id):
        logger.error("malformed message body; answering the question as failed")
        error = AyaError("The question's message was malformed and could not be processed.")
        outcome = await settle(
            message,
            settings,
            _raise(error),
            lambda info: publish_answer(
                broker, stub, failed_answer(stub, info, settings.clock.now())
            ),
        )
    metrics.handled.labels(stage, stub.tenant_id, outcome).inc()


def _stage_of(subject: str) -> str:
    # aya.v1.<tenant>.<stage…>: the span is named for the stage, not the tenant
    return ".".join(subject.split(".")[3:]) or subject


def _raise(error: AyaError) -> Callable[[], Awaitable[None]]:
    async def work() -> None:
        raise error

    return work
