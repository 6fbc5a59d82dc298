"""The gateway's one subscriber: records every answer in PostgreSQL, for GET and listings."""

from __future__ import annotations

import logging
from collections.abc import Callable

import psycopg
import psycopg_pool
from faststream.nats import NatsRouter
from faststream.nats.annotations import NatsBroker, NatsMessage

from libs.common.answer import Answer
from libs.common.bus import decode, retry_delay
from libs.common.envelope import Envelope
from libs.common.logs import log_context
from libs.common.subjects import Stage, any_tenant
from libs.common.worker import durable_subscriber
from services.gateway import store
from services.gateway.settings import GatewaySettings

logger = logging.getLogger(__name__)
DURABLE = "gateway-answers"


def create_router(settings: GatewaySettings, pool: Callable[[], store.Pool]) -> NatsRouter:
    """Answers stream → `queries` table (async questions and timed-out sync ones rely on it)."""
    router = NatsRouter()

    @durable_subscriber(
        router, any_tenant(Stage.ANSWER, "*"), stream="ANSWERS", durable=DURABLE, settings=settings
    )
    async def on_answer(message: NatsMessage, broker: NatsBroker) -> None:
        """Store a question's answer once (idempotent by query id)."""
        decoded = decode(message, Answer)
        if not isinstance(decoded, Envelope):
            logger.error("unusable answer message on %s terminated", message.raw_message.subject)
            await message.reject()
            return
        with log_context(tenant_id=decoded.tenant_id, query_id=decoded.query_id):
            try:
                await store.record_answer(pool(), decoded.body)
            except (psycopg.OperationalError, psycopg_pool.PoolTimeout):
                delivered = message.raw_message.metadata.num_delivered or 1
                logger.warning("database unavailable; answer will be redelivered")
                await message.nack(delay=retry_delay(delivered, settings))
                return
        await message.ack()

    return router
