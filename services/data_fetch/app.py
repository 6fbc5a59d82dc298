"""Wiring of data_fetch: broker, the Lemanado session pool, the subscriber, ops endpoints."""

from __future__ import annotations

import socket

import httpx
from faststream import FastStream
from faststream.nats import NatsBroker
from prometheus_client import CollectorRegistry, Counter, Histogram

from libs.common.answer_cache import open_answer_cache
from libs.common.metrics import Consumer, WorkerMetrics
from libs.common.ops import Check
from libs.common.service import WorkerOps, create_worker_app
from libs.common.subjects import Durable, StreamName
from services.data_fetch.credentials import Credentials
from services.data_fetch.direct_cache import DirectCache
from services.data_fetch.fetch import AccountDirectory
from services.data_fetch.handlers import create_router
from services.data_fetch.mcp_client import LemanadoPool, Observe
from services.data_fetch.row_cache import Outcome, RowCache
from services.data_fetch.settings import DataFetchSettings


def create_app(
    settings: DataFetchSettings | None = None, ops_socket: socket.socket | None = None
) -> FastStream:
    """data_fetch as a FastStream app; MCP sessions open lazily and close on shutdown."""
    settings = settings or DataFetchSettings()
    if not settings.lemanado_url:
        raise ValueError("AYA_LEMANADO_URL is not set; `aya up` sets it for services")
    metrics = WorkerMetrics.create()
    pool = LemanadoPool(
        settings.lemanado_url,
        Credentials(settings.lemanado_tokens(), settings.lemanado_secrets_dir),
        call_timeout=settings.lemanado_call_timeout_seconds,
        retries=settings.lemanado_retries,
        clock=settings.clock,
        observe=mcp_metrics(metrics.registry),
    )
    rows = RowCache(
        open_seconds=settings.row_cache_open_seconds,
        closed_seconds=settings.row_cache_seconds,
        max_rows=settings.row_cache_rows,
        today=settings.clock.today,
        outcome=row_cache_metrics(metrics.registry),
    )
    directory = AccountDirectory(pool, settings.accounts_cache_seconds, rows)
    ops = WorkerOps(
        metrics,
        [Consumer(StreamName.PLANS, Durable.DATA_FETCH)],
        {"mcp": mcp_reachable(settings.lemanado_url)},
    )
    kept = DirectCache(open_seconds=settings.direct_cache_open_seconds)

    async def prepare(broker: NatsBroker) -> None:
        kept.cache = await open_answer_cache(broker, settings)

    router = create_router(settings, pool, directory, metrics, kept)
    app = create_worker_app(
        "data_fetch", settings, router, ops, prepare=prepare, ops_socket=ops_socket
    )
    app.after_shutdown(pool.aclose)
    return app


def mcp_metrics(registry: CollectorRegistry) -> Observe:
    """Lemanado's tool calls, by tool: their time, and how they went (ok, failed, timeout,
    tool_error) — labels from fixed sets, never a tenant's arguments."""
    seconds = Histogram(
        "aya_mcp_call_seconds",
        "Time of a Lemanado MCP tool call, by tool.",
        ["tool"],
        registry=registry,
        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    )
    calls = Counter(
        "aya_mcp_calls",
        "Lemanado MCP tool calls by tool and outcome (ok, failed, timeout, tool_error).",
        ["tool", "outcome"],
        registry=registry,
    )

    def observe(tool: str, elapsed: float, outcome: str) -> None:
        seconds.labels(tool).observe(elapsed)
        calls.labels(tool, outcome).inc()

    return observe


def row_cache_metrics(registry: CollectorRegistry) -> Outcome:
    """Lookups of kept metric rows by tenant and outcome: hit, miss (a connector call), shared
    (waited for another question's call)."""
    lookups = Counter(
        "aya_row_cache_lookups",
        "Metric-row lookups by tenant and outcome (hit, miss, shared).",
        ["tenant", "outcome"],
        registry=registry,
    )
    return lambda tenant, outcome: lookups.labels(tenant, outcome).inc()


def mcp_reachable(url: str) -> Check:
    """Lemanado's MCP endpoint answers HTTP (any answer below 500: it is there and serving)."""

    async def check() -> str | None:
        async with httpx.AsyncClient(timeout=2) as client:
            try:
                response = await client.get(url)
            except httpx.HTTPError as exc:
                return f"the MCP server does not answer ({type(exc).__name__})"
        return (
            f"the MCP server answers {response.status_code}" if response.is_server_error else None
        )

    return check
