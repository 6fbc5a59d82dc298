"""Dead letters: a question whose message used up its deliveries is answered as failed.

A handler that raises on its last delivery publishes the failed answer itself (bus.settle);
this covers the rest — a worker that crashes on every delivery of one message.
"""

from __future__ import annotations

import contextlib
import logging

from faststream.nats import NatsBroker
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from pydantic import BaseModel, ConfigDict, ValidationError

from libs.common.answer import ErrorInfo
from libs.common.bus import addressable, failed_answer, publish_answer
from libs.common.clock import Clock
from libs.common.logs import log_context
from libs.common.subjects import PIPELINE_STREAMS

logger = logging.getLogger(__name__)

EXHAUSTED = ErrorInfo(
    code="processing_failed",
    message="The question could not be processed after several attempts; please ask again.",
)


class MaxDeliveriesAdvisory(BaseModel):
    """JetStream's `io.nats.jetstream.advisory.v1.max_deliver` event (the fields we use)."""

    model_config = ConfigDict(extra="ignore")

    stream: str
    consumer: str
    stream_seq: int
    deliveries: int


def parse_advisory(data: bytes) -> MaxDeliveriesAdvisory | None:
    """The advisory, or None when the payload is not one."""
    try:
        return MaxDeliveriesAdvisory.model_validate_json(data)
    except ValidationError:
        return None


async def answer_dead_letter(
    broker: NatsBroker, js: JetStreamContext, advisory: MaxDeliveriesAdvisory, clock: Clock
) -> bool:
    """Publish a failed answer for the question stuck in `advisory`, then drop the message.

    Returns False when there was nothing to do (not a pipeline stream, message already gone,
    or a body that names no question).
    """
    if advisory.stream not in PIPELINE_STREAMS:
        return False
    try:
        raw = await js.get_msg(advisory.stream, advisory.stream_seq)
    except NotFoundError:
        return False
    envelope = addressable(raw.subject or "", raw.data or b"", clock.now())
    if envelope is None:
        logger.error("dead letter in %s names no question; dropped", advisory.stream)
    else:
        with log_context(tenant_id=envelope.tenant_id, query_id=envelope.query_id):
            logger.error(
                "question failed after %d deliveries on %s/%s",
                advisory.deliveries,
                advisory.stream,
                advisory.consumer,
            )
            answer = failed_answer(envelope, EXHAUSTED, clock.now())
            await publish_answer(broker, envelope, answer)
    with contextlib.suppress(NotFoundError):  # acked or removed meanwhile: nothing to drop
        await js.delete_msg(advisory.stream, advisory.stream_seq)
    return envelope is not None
