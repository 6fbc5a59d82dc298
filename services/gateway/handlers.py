"""The gateway's subscribers: every answer into PostgreSQL; dead letters answered as failed;
the teams' questions on NATS (`ingress`)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import psycopg
import psycopg_pool
from faststream.nats import NatsRouter
from faststream.nats.annotations import NatsBroker, NatsMessage
from nats.errors import Error as NatsError

from libs.common.answer import Answer
from libs.common.bus import decode, retry_delay
from libs.common.logs import log_context
from libs.common.subjects import (
    MAX_DELIVERIES_ADVISORY,
    AskForm,
    Durable,
    Stage,
    StreamName,
    any_tenant,
    stream_of,
)
from libs.common.worker import durable_subscriber
from services.gateway.deadletter import answer_dead_letter, parse_advisory
from services.gateway.ingress import on_ask
from services.gateway.repo import Pool
from services.gateway.repo.queries import record_answer
from services.gateway.settings import GatewaySettings
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)


def create_router(settings: GatewaySettings, state: Callable[[], GatewayState]) -> NatsRouter:
    """Answers stream → `queries` table (async questions and timed-out sync ones rely on it);
    dead letters → failed answers; `aya.v1.<tenant>.ask[.async]` → the pipeline."""
    router = NatsRouter()

    def pool() -> Pool:
        return state().pool

    for form in AskForm:
        _ask_subscriber(router, settings, state, form)

    @durable_subscriber(
        router,
        any_tenant(Stage.ANSWER, "*"),
        stream=stream_of(Stage.ANSWER),
        durable=Durable.GATEWAY_ANSWERS,
        settings=settings,
    )
    async def answer(message: NatsMessage, broker: NatsBroker) -> None:
        await on_answer(settings, pool(), message)

    @durable_subscriber(
        router,
        f"{MAX_DELIVERIES_ADVISORY}.>",
        stream=StreamName.DEADLETTER,
        durable=Durable.GATEWAY_DEADLETTER,
        settings=settings,
    )
    async def max_deliveries(message: NatsMessage, broker: NatsBroker) -> None:
        await on_max_deliveries(settings, message, broker)

    return router


def _ask_subscriber(
    router: NatsRouter, settings: GatewaySettings, state: Callable[[], GatewayState], form: AskForm
) -> None:
    # Core NATS, a queue group: replicas share the teams' questions; no reply by FastStream
    # (the ingress replies itself, with REST's status in a header).
    @router.subscriber(
        any_tenant(Stage.ASK, *(() if form is AskForm.REQUEST else (form.value,))),
        queue="gateway",
        max_workers=settings.ask_workers,
        no_reply=True,
        title=f"ask-{form.value}",
    )
    async def ask(message: NatsMessage) -> None:
        await on_ask(state(), message.raw_message, form)


async def on_answer(settings: GatewaySettings, pool: Pool, message: NatsMessage) -> None:
    """Store a question's answer once (idempotent by query id)."""
    decoded = decode(message, Answer)
    if decoded is None:
        logger.error("unusable answer message on %s terminated", message.raw_message.subject)
        await message.reject()
        return
    with log_context(tenant_id=decoded.tenant_id, query_id=decoded.query_id):
        try:
            await record_answer(pool, decoded.body)
        except (psycopg.OperationalError, psycopg_pool.PoolTimeout):
            delivered = message.raw_message.metadata.num_delivered or 1
            logger.warning("database unavailable; answer will be redelivered")
            await message.nack(delay=retry_delay(delivered, settings))
            return
    await message.ack()


async def on_max_deliveries(
    settings: GatewaySettings, message: NatsMessage, broker: NatsBroker
) -> None:
    """Answer as failed a question whose message used up its deliveries."""
    advisory = parse_advisory(message.body)
    if advisory is None:
        logger.error("unreadable max-deliveries advisory dropped")
        await message.reject()
        return
    try:
        stream = broker.config.connection_state.stream
        await answer_dead_letter(broker, stream, advisory, settings.clock)
    except (NatsError, TimeoutError):
        delivered = message.raw_message.metadata.num_delivered or 1
        await message.nack(delay=retry_delay(delivered, settings))
        return
    await message.ack()
