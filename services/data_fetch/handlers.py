"""`plan.ready` → rows from Lemanado → a direct answer, or an analysis job for inference."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

from faststream.nats import NatsRouter

from libs.common import (
    AccountRef,
    DateRange,
    FetchedRows,
    Metric,
    Route,
    base_metrics_for,
)
from libs.common.answer import Answer, AnswerStatus
from libs.common.answer_cache import repeat_as
from libs.common.bus import publish_answer, publish_stage
from libs.common.envelope import Envelope
from libs.common.errors import AyaError
from libs.common.fetch import (
    CONNECTOR_REF_HEADER,
    EXCLUDE_HEADER,
    FetchReply,
    FetchRequest,
    excluded_campaigns,
)
from libs.common.handler_params import NatsBroker, NatsMessage
from libs.common.metrics import WorkerMetrics
from libs.common.query import PlannedQuery
from libs.common.rpc import FETCH, RpcError, Served, responder
from libs.common.subjects import Durable, Stage, analysis_subject, any_tenant, msg_id, stream_of
from libs.common.worker import durable_subscriber, handle
from services.data_fetch.analysis import analysis_job
from services.data_fetch.defaults import answer_metrics
from services.data_fetch.direct import compute
from services.data_fetch.direct_cache import DirectCache, direct_digest, lifetime
from services.data_fetch.exclusions import leave_out, note, with_campaigns
from services.data_fetch.fetch import AccountDirectory, fetch_rows
from services.data_fetch.mcp_client import LemanadoPool
from services.data_fetch.scope import NoData, connector_grain, resolve_scope
from services.data_fetch.settings import DataFetchSettings
from services.data_fetch.tool_fetch import answer_fetch


def create_router(
    settings: DataFetchSettings,
    pool: LemanadoPool,
    directory: AccountDirectory,
    metrics: WorkerMetrics,
    kept: DirectCache | None = None,
) -> NatsRouter:
    """data_fetch's subscriber: one durable pull consumer on the PLANS stream; direct answers
    repeat from `kept` (off when not given)."""
    router = NatsRouter()
    cache = kept or DirectCache(open_seconds=0)

    @durable_subscriber(
        router,
        any_tenant(Stage.PLAN_READY),
        stream=stream_of(Stage.PLAN_READY),
        durable=Durable.DATA_FETCH,
        settings=settings,
    )
    async def on_plan_ready(message: NatsMessage, broker: NatsBroker) -> None:
        """Fetch the plan's rows; answer direct plans, forward analysis plans to inference."""
        await handle(
            message,
            broker,
            settings,
            PlannedQuery,
            lambda env: _serve(env, broker, pool, directory, cache),
            metrics,
        )

    @responder(router, FETCH, queue=Durable.DATA_FETCH)
    async def on_fetch_request(served: Served[FetchRequest]) -> FetchReply:
        """A model's get_metrics call, for the subject's tenant only (never the arguments')."""
        ref = served.headers.get(CONNECTOR_REF_HEADER)
        try:
            excluded = excluded_campaigns(served.headers.get(EXCLUDE_HEADER))
        except ValueError as exc:
            raise RpcError(FETCH.invalid_code, str(exc)) from exc
        await directory.bind(served.tenant_id, ref)
        try:
            return await answer_fetch(served.tenant_id, served.request, pool, directory, excluded)
        except AyaError as exc:
            raise RpcError(exc.code, exc.message) from exc

    return router


async def _serve(
    envelope: Envelope[PlannedQuery],
    broker: NatsBroker,
    pool: LemanadoPool,
    directory: AccountDirectory,
    kept: DirectCache,
) -> None:
    started = time.perf_counter()
    tenant, plan = envelope.tenant_id, envelope.body.plan
    await directory.bind(tenant, envelope.body.query.connector_ref)
    scope = resolve_scope(plan, await directory.accounts(tenant))
    if isinstance(scope, NoData):
        await _answer(broker, envelope, started, at=pool.clock.now(), answer=scope.message)
        return
    accounts = list(scope.accounts)
    context = envelope.body.query.context
    excluded = context.exclude_campaigns if context else []
    if plan.route is Route.DIRECT:
        digest = direct_digest(tenant, plan, accounts, excluded)
        repeat = await kept.cache.get(tenant, digest)
        if repeat is not None:
            await _publish(
                broker,
                envelope,
                started,
                repeat_as(repeat, envelope.query_id, plan, pool.clock.now()),
            )
            return
        metrics = base_metrics_for(answer_metrics(plan))
        grain = with_campaigns(connector_grain(plan), excluded)
        rows, compare = await asyncio.gather(
            fetch_rows(directory, tenant, accounts, plan.date_range, metrics, grain),
            _maybe(directory, tenant, accounts, plan.compare_to, metrics, grain),
        )
        rows, dropped = leave_out(rows, excluded)
        if compare is not None:
            compare, before = leave_out(compare, excluded)
            dropped = sorted({*dropped, *before})
        result = compute(plan, rows, compare, notes=[*scope.notes, *note(dropped)])
        at = pool.clock.now()
        final = await _answer(
            broker, envelope, started, at=at, answer=result.answer, data=result.data
        )
        seconds = lifetime(plan, pool.clock.today(), kept.open_seconds)
        if seconds != 0:
            await kept.cache.put(tenant, digest, final, seconds=seconds)
        return
    job = await analysis_job(envelope.body, pool, directory, tenant, accounts, list(scope.notes))
    if plan.tier is None:  # QueryPlan's validator makes this impossible; mypy needs the proof
        raise AyaError("An analysis plan arrived without a tier.")
    await publish_stage(
        broker,
        envelope.forward(job, fetch=_ms(started)),
        subject=analysis_subject(tenant, plan.tier),
        stream=stream_of(Stage.ANALYSIS_REQUESTED),
        msg_id=msg_id(envelope.query_id, Stage.ANALYSIS_REQUESTED),
    )


async def _maybe(
    directory: AccountDirectory,
    tenant: str,
    accounts: list[AccountRef],
    period: DateRange | None,
    metrics: list[Metric],
    grain: list[str],
) -> FetchedRows | None:
    if period is None:
        return None
    return await fetch_rows(directory, tenant, accounts, period, metrics, grain)


async def _answer(
    broker: NatsBroker,
    envelope: Envelope[PlannedQuery],
    started: float,
    *,
    at: datetime,
    answer: str,
    data: dict[str, object] | None = None,
) -> Answer:
    plan = envelope.body.plan
    final = Answer(
        query_id=envelope.query_id,
        tenant_id=envelope.tenant_id,
        status=AnswerStatus.ANSWERED,
        route=plan.route,
        plan=plan,
        answer=answer,
        data=data,
        answered_at=at,
    )
    await _publish(broker, envelope, started, final)
    return final


async def _publish(
    broker: NatsBroker, envelope: Envelope[PlannedQuery], started: float, answer: Answer
) -> None:
    await publish_answer(broker, envelope.forward(envelope.body, fetch=_ms(started)), answer)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
