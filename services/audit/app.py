"""Wiring of the audit service: migrations, PostgreSQL pool, subscribers, Prometheus counters."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import socket
from pathlib import Path

from faststream import FastStream
from prometheus_client import Counter
from psycopg_pool import AsyncConnectionPool

from libs.common.db import apply_migrations, pinned_clock
from libs.common.logs import log_context
from libs.common.metrics import Consumer, WorkerMetrics
from libs.common.ops import Check
from libs.common.periodic import running_every
from libs.common.service import WorkerOps, create_worker_app
from libs.common.subjects import Durable, StreamName
from services.audit import ledger
from services.audit.cost import cost_of
from services.audit.handlers import Ledger, count_call, create_router
from services.audit.settings import AuditSettings

MIGRATIONS = Path(__file__).parent / "migrations"
logger = logging.getLogger(__name__)


def create_app(
    settings: AuditSettings | None = None, ops_socket: socket.socket | None = None
) -> FastStream:
    """The audit service as a FastStream app; the ledger pool opens on startup."""
    settings = settings or AuditSettings()
    if not settings.database_url:
        raise ValueError("AYA_DATABASE_URL (or DATABASE_URL) is not set")
    database_url = settings.database_url
    pool: ledger.Pool = AsyncConnectionPool(
        database_url,
        min_size=1,
        max_size=settings.db_pool_size,
        open=False,
        configure=pinned_clock(settings.clock),
    )
    metrics = WorkerMetrics.create()
    tokens = Counter(
        "aya_model_tokens",
        "Model tokens recorded in the ledger, by tenant, engine, model, tier and type.",
        ["tenant", "engine", "model", "tier", "type"],
        registry=metrics.registry,
    )
    cost = Counter(
        "aya_model_cost_usd",
        "Model cost recorded in the ledger, USD, by tenant, engine, model and tier.",
        ["tenant", "engine", "model", "tier"],
        registry=metrics.registry,
    )
    interrupted = Counter(
        "aya_model_calls_interrupted",
        "Model calls announced but never reported (their worker died mid-call), recorded as "
        "interrupted at their ceiling, by tenant and engine.",
        ["tenant", "engine"],
        registry=metrics.registry,
    )
    alerts = Counter(
        "aya_budget_alerts",
        "Budget alerts raised (once per tenant, month and kind: threshold, exhausted).",
        ["tenant", "kind"],
        registry=metrics.registry,
    )
    audit = Ledger(settings, lambda: pool, settings.pricing(), tokens, cost, alerts)
    ops = WorkerOps(
        metrics, [Consumer(StreamName.AUDIT, Durable.AUDIT)], {"postgresql": database_up(pool)}
    )
    app = create_worker_app("audit", settings, create_router(audit), ops, ops_socket=ops_socket)
    chores = contextlib.AsyncExitStack()

    async def sweep() -> None:
        for tenant_id, count in (
            await ledger.purge_expired(pool, settings.ledger_retention_days)
        ).items():
            with log_context(tenant_id=tenant_id):
                logger.info(
                    "retention: %d ledger rows past %d days deleted",
                    count,
                    settings.ledger_retention_days,
                )

    async def settle_interrupted() -> None:
        grace = dt.timedelta(seconds=settings.budget_hold_grace_seconds)
        settled = await ledger.settle_overdue(pool, grace, lambda c: cost_of(c, audit.pricing))
        for call, price in settled:
            count_call(audit, call, price)
            interrupted.labels(call.tenant_id, call.engine).inc()
            context = log_context(
                tenant_id=call.tenant_id, query_id=call.query_id, call_id=call.call_id
            )
            with context:
                logger.warning(
                    "%s call never reported its outcome; recorded as interrupted (%s)",
                    call.engine,
                    price.basis,
                )

    @app.on_startup
    async def _open() -> None:
        admin_url = settings.database_admin_url or database_url
        await asyncio.to_thread(apply_migrations, admin_url, MIGRATIONS, "audit", settings.app_role)
        await pool.open(wait=True, timeout=30)
        await chores.enter_async_context(
            running_every(settings.retention_sweep_seconds, sweep, "ledger retention sweep")
        )
        await chores.enter_async_context(
            running_every(
                settings.interrupted_sweep_seconds, settle_interrupted, "interrupted calls sweep"
            )
        )

    app.after_shutdown(chores.aclose)
    app.after_shutdown(pool.close)
    return app


def database_up(pool: ledger.Pool) -> Check:
    """The ledger's PostgreSQL answers."""

    async def check() -> str | None:
        try:
            async with pool.connection(timeout=2) as conn:
                await conn.execute("SELECT 1")
        except Exception as exc:
            return f"PostgreSQL does not answer ({type(exc).__name__})"
        return None

    return check
