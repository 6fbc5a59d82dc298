"""The gateway's subscribers: every answer into PostgreSQL; dead letters answered as failed;
the teams' questions on NATS (`door_router`, whose typed subscribers and publishers FastStream
documents as the AsyncAPI document)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import psycopg
import psycopg_pool
from faststream import BaseMiddleware
from faststream.message import StreamMessage
from faststream.nats import NatsRouter
from nats.errors import Error as NatsError
from pydantic import ValidationError

from libs.common.answer import Answer
from libs.common.bus import decode, retry_delay
from libs.common.envelope import Envelope
from libs.common.handler_params import NatsBroker, NatsMessage
from libs.common.logs import log_context
from libs.common.query import TextDelta
from libs.common.subjects import (
    ASK_RECEIPTS,
    MAX_DELIVERIES_ADVISORY,
    PREFIX,
    AskForm,
    Durable,
    Stage,
    StreamName,
    any_tenant,
    ask_form,
    stream_of,
)
from libs.common.worker import durable_subscriber
from services.gateway.asking import record
from services.gateway.deadletter import answer_dead_letter, parse_advisory
from services.gateway.ingress import on_ask, on_refused, oversized, unreadable
from services.gateway.schemas import QueryRequest, Receipt
from services.gateway.settings import GatewaySettings
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)

ASK_ADDRESS = f"{PREFIX}.{{tenant}}.{Stage.ASK.value}"
"""The ask subject with FastStream's `{tenant}` parameter (a `*` on the wire)."""
ANSWER_ADDRESS = f"{PREFIX}.{{tenant}}.{Stage.ANSWER.value}.{{query_id}}"


def door_router(settings: GatewaySettings, state: Callable[[], GatewayState]) -> NatsRouter:
    """`aya.v1.<tenant>.ask` and `.ask.async` → the pipeline, and what a team reads back.

    Core NATS in a queue group (gateway replicas share the questions); FastStream validates
    each body against `QueryRequest` and the guard turns what fails into the documented error
    reply; the ingress replies itself (REST's status in a header), so FastStream does not.
    """
    router = NatsRouter(middlewares=[_guard(state)])
    for form in AskForm:
        _ask_subscriber(router, settings, state, form)
    router.publisher(
        ANSWER_ADDRESS,
        schema=Envelope[Answer],
        title="answer",
        description="A question's answer (answered or failed), in its envelope: `body` is the "
        "answer. Published once per question, whichever door it came in by.",
    )
    router.publisher(
        f"{ANSWER_ADDRESS}.delta",
        schema=TextDelta,
        title="answer-text",
        description="The answer's text as a model writes it (questions asked with mode "
        "stream); pieces are numbered, and the answer follows on the answer subject.",
    )
    router.publisher(
        f"{PREFIX}.{{tenant}}.{Stage.ASK.value}.{ASK_RECEIPTS}",
        schema=Receipt,
        title="ask-receipts",
        description="A receipt for every question asked without a reply subject: its id, or "
        "why it was refused (Aya-Status header: REST's status).",
    )
    return router


_DOCS = {
    AskForm.REQUEST: "Ask a question and get its answer as the reply (mode sync, the "
    "default), or the question's id at once (mode async or stream). Request-reply only.",
    AskForm.ASYNC: "Ask without waiting (fire-and-forget): mode async unless stream; the "
    "receipt on `.ask.receipts` carries the id, or the reply when sent as a request.",
}


def _ask_subscriber(
    router: NatsRouter, settings: GatewaySettings, state: Callable[[], GatewayState], form: AskForm
) -> None:
    address = ASK_ADDRESS if form is AskForm.REQUEST else f"{ASK_ADDRESS}.{form.value}"

    @router.subscriber(
        address,
        queue="gateway",
        max_workers=settings.ask_workers,
        no_reply=True,
        title=f"ask-{form.value}",
        description=_DOCS[form],
    )
    async def ask(body: QueryRequest, message: NatsMessage) -> None:
        await on_ask(state(), message.raw_message, form, body)


def _guard(state: Callable[[], GatewayState]) -> type[BaseMiddleware]:
    """A message that is too large is refused before it is parsed; one that is not the
    contract is refused with what is wrong with it — as error replies, never dropped."""

    class Guard(BaseMiddleware):
        async def consume_scope(self, call_next: Any, msg: StreamMessage[Any]) -> Any:
            raw = msg.raw_message
            form = ask_form(raw.subject)
            problem = oversized(state(), raw.data)
            if problem is not None:
                await on_refused(state(), raw, form, problem)
                return None
            try:
                return await call_next(msg)
            except ValidationError as exc:
                await on_refused(state(), raw, form, unreadable(raw.data, exc))
                return None

    return Guard


def create_router(settings: GatewaySettings, state: Callable[[], GatewayState]) -> NatsRouter:
    """Answers stream → `queries` table (async questions and timed-out sync ones rely on it);
    dead letters → failed answers. Internal: not in the AsyncAPI document."""
    router = NatsRouter(include_in_schema=False)

    @durable_subscriber(
        router,
        any_tenant(Stage.ANSWER, "*"),
        stream=stream_of(Stage.ANSWER),
        durable=Durable.GATEWAY_ANSWERS,
        settings=settings,
    )
    async def answer(message: NatsMessage, broker: NatsBroker) -> None:
        await on_answer(state(), message)

    @durable_subscriber(
        router,
        f"{MAX_DELIVERIES_ADVISORY}.>",
        stream=StreamName.DEADLETTER,
        durable=Durable.GATEWAY_DEADLETTER,
        settings=settings,
    )
    async def max_deliveries(message: NatsMessage, broker: NatsBroker) -> None:
        await on_max_deliveries(state(), message, broker)

    return router


async def on_answer(state: GatewayState, message: NatsMessage) -> None:
    """Store a question's answer once (idempotent by query id) and release the next turn of
    its conversation (redelivered until that is done)."""
    decoded = decode(message, Answer)
    if decoded is None:
        logger.error("unusable answer message on %s terminated", message.raw_message.subject)
        await message.reject()
        return
    with log_context(tenant_id=decoded.tenant_id, query_id=decoded.query_id):
        try:
            await record(state, decoded.body, strict=True)
        except (psycopg.OperationalError, psycopg_pool.PoolTimeout, NatsError, TimeoutError):
            delivered = message.raw_message.metadata.num_delivered or 1
            logger.warning("database or bus unavailable; answer will be redelivered")
            await message.nack(delay=retry_delay(delivered, state.settings))
            return
    await message.ack()


async def on_max_deliveries(state: GatewayState, message: NatsMessage, broker: NatsBroker) -> None:
    """Answer as failed a question whose message used up its deliveries."""
    advisory = parse_advisory(message.body)
    if advisory is None:
        logger.error("unreadable max-deliveries advisory dropped")
        await message.reject()
        return
    try:
        stream = broker.config.connection_state.stream
        await answer_dead_letter(broker, stream, advisory, state.settings.clock)
    except (NatsError, TimeoutError):
        delivered = message.raw_message.metadata.num_delivered or 1
        await message.nack(delay=retry_delay(delivered, state.settings))
        return
    await message.ack()
    state.metrics.dead_letters.labels(advisory.stream).inc()
