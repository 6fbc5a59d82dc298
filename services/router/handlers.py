"""`query.submitted` → plan → `plan.ready`."""

from __future__ import annotations

import time

from faststream.nats import NatsRouter

from libs.common import log_context
from libs.common.bus import publish_stage
from libs.common.envelope import Envelope
from libs.common.handler_params import NatsBroker, NatsMessage
from libs.common.metrics import WorkerMetrics
from libs.common.query import PlannedQuery, Query
from libs.common.subjects import Durable, Stage, any_tenant, msg_id, stream_of, subject
from libs.common.worker import durable_subscriber, handle
from services.router import build_plan
from services.router.settings import RouterSettings


def create_router(settings: RouterSettings, metrics: WorkerMetrics) -> NatsRouter:
    """The router's subscriber: one durable pull consumer on the QUERIES stream."""
    router = NatsRouter()

    @durable_subscriber(
        router,
        any_tenant(Stage.QUERY_SUBMITTED),
        stream=stream_of(Stage.QUERY_SUBMITTED),
        durable=Durable.ROUTER,
        settings=settings,
    )
    async def on_query_submitted(message: NatsMessage, broker: NatsBroker) -> None:
        """Turn a submitted question into a query plan and pass it to data_fetch."""
        await handle(
            message, broker, settings, Query, lambda env: _plan(env, broker, settings), metrics
        )

    return router


async def _plan(envelope: Envelope[Query], broker: NatsBroker, settings: RouterSettings) -> None:
    started = time.perf_counter()
    query = envelope.body
    today = settings.clock.today(query.timezone)
    previous = query.conversation.previous if query.conversation else None
    fiscal = query.context.fiscal_year_start_month if query.context else 1
    plan = build_plan(
        query.text, today=today, timezone=query.timezone, previous=previous, fiscal_start=fiscal
    )
    elapsed_ms = (time.perf_counter() - started) * 1000
    with log_context(route=plan.route.value, intent=plan.intent.value):
        await publish_stage(
            broker,
            envelope.forward(PlannedQuery(query=query, plan=plan), route=elapsed_ms),
            subject=subject(envelope.tenant_id, Stage.PLAN_READY),
            stream=stream_of(Stage.PLAN_READY),
            msg_id=msg_id(envelope.query_id, Stage.PLAN_READY),
        )
