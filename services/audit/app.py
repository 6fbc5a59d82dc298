"""Wiring of the audit service: migrations, PostgreSQL pool, subscribers, Prometheus counters."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from faststream import FastStream
from prometheus_client import Counter, start_http_server
from psycopg_pool import AsyncConnectionPool

from libs.common.db import apply_migrations, pinned_clock
from libs.common.logs import log_context
from libs.common.periodic import running_every
from libs.common.service import create_worker_app
from services.audit import ledger
from services.audit.handlers import Ledger, create_router
from services.audit.settings import AuditSettings

MIGRATIONS = Path(__file__).parent / "migrations"
logger = logging.getLogger(__name__)


def create_app(settings: AuditSettings | None = None) -> FastStream:
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
    tokens = Counter(
        "aya_model_tokens",
        "Model tokens by tenant, engine, model and type.",
        ["tenant", "engine", "model", "type"],
    )
    cost = Counter("aya_model_cost_usd", "Model cost in USD.", ["tenant", "engine", "model"])
    audit = Ledger(settings, lambda: pool, settings.pricing(), tokens, cost)
    app = create_worker_app("audit", settings, create_router(audit))
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

    @app.on_startup
    async def _open() -> None:
        admin_url = settings.database_admin_url or database_url
        await asyncio.to_thread(apply_migrations, admin_url, MIGRATIONS, "audit", settings.app_role)
        await pool.open(wait=True, timeout=30)
        if settings.metrics_port is not None:
            start_http_server(settings.metrics_port, addr="127.0.0.1")
        await chores.enter_async_context(
            running_every(settings.retention_sweep_seconds, sweep, "ledger retention sweep")
        )

    app.after_shutdown(chores.aclose)
    app.after_shutdown(pool.close)
    return app
