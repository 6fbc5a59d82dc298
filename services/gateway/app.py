"""Wiring of the gateway: FastAPI app, PostgreSQL pool, NATS broker, migrations, probes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response
from nats.js.errors import NotFoundError
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from psycopg_pool import AsyncConnectionPool

from libs.common.bus import ensure_streams
from libs.common.db import apply_migrations, pinned_clock
from libs.common.logs import configure_logging
from libs.common.periodic import repeating, running_every
from libs.common.service import create_broker
from libs.common.subjects import STREAMS
from libs.common.telemetry import configure_tracing
from services.gateway import asyncapi
from services.gateway.admin import router as admin_router
from services.gateway.alert_intake import intake_router
from services.gateway.alerts import router as alerts_router
from services.gateway.anomaly_watch import start_due_watches
from services.gateway.asking import release_stale
from services.gateway.conversations import router as conversations_router
from services.gateway.cors import OriginBook, TenantCors
from services.gateway.deps import StateDep
from services.gateway.errors import error_body, install_error_handlers
from services.gateway.handlers import create_router, door_router
from services.gateway.jwt_auth import JwtVerifier
from services.gateway.lifecycle import sweep_queries
from services.gateway.mcp_door import build_mcp, mcp_route
from services.gateway.middleware import BodySizeLimit, CallerOnSpan, RateLimitHeaders
from services.gateway.openai_chat import router as openai_router
from services.gateway.page import add_page
from services.gateway.profile import router as profile_router
from services.gateway.ratelimit import RateLimits
from services.gateway.repo import Pool
from services.gateway.routes import router as queries_router
from services.gateway.settings import GatewaySettings
from services.gateway.state import GatewayState, Metrics
from services.gateway.url_guard import UrlGuard
from services.gateway.usage import router as usage_router
from services.gateway.webhook_sender import WebhookSender, delivery_client
from services.gateway.webhooks import router as webhooks_router

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    """The gateway app; connections are made in its lifespan, not here."""
    settings = settings or GatewaySettings()
    configure_logging("gateway", settings.log_level)
    configure_tracing("gateway", settings)

    mcp_server = build_mcp(lambda: app.state.gateway)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = await _start(settings)
        app.state.gateway = state
        sender = WebhookSender(state.pool, settings, state.url_guard, delivery_client(settings))
        try:
            await state.broker.start()
            async with (
                mcp_server.session_manager.run(),
                running_every(
                    settings.retention_sweep_seconds,
                    lambda: sweep_queries(state.pool),
                    "question retention sweep",
                ),
                running_every(
                    settings.conversation_sweep_seconds,
                    lambda: release_stale(state),
                    "conversation release sweep",
                ),
                repeating(settings.webhook_poll_seconds, sender.tick, "webhook deliveries"),
                _watching(settings, state),
            ):
                yield
        finally:
            await sender.close()
            await state.broker.stop()
            await state.pool.close()

    app = FastAPI(
        title="Ask Your Ads",
        version="1.0.0",
        description="Ask questions about your ad performance in plain language.",
        lifespan=lifespan,
        # HTTP server spans for the API (each named with its tenant once the caller is known,
        # see auth.tag_request); probes and scrapes are not traced, nor each dependency.
        telemetry={"operation_spans": False, "exclude": _untraced},
    )
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        by_prefix={"/v1/chat/": settings.chat_max_body_bytes},
    )
    app.add_middleware(RateLimitHeaders)
    # A preflight is answered before the body limit and rate-limit headers, its span named as
    # one that identifies no tenant (CallerOnSpan, outermost).
    app.add_middleware(TenantCors)
    app.add_middleware(CallerOnSpan)
    app.include_router(queries_router)
    app.include_router(conversations_router)
    app.include_router(profile_router)
    app.include_router(openai_router)
    app.router.routes.append(mcp_route(mcp_server, lambda: app.state.gateway))
    app.include_router(usage_router)
    app.include_router(admin_router)
    app.include_router(webhooks_router)
    app.include_router(alerts_router)
    _add_probes(app)
    _add_asyncapi(app)
    add_page(app)
    return app


def _watching(
    settings: GatewaySettings, state: GatewayState
) -> contextlib.AbstractAsyncContextManager[None]:
    """The daily anomaly watch's schedule, unless this gateway starts none (poll 0)."""
    if settings.watch_poll_seconds == 0:
        return contextlib.nullcontext()
    return running_every(
        settings.watch_poll_seconds, lambda: start_due_watches(state), "anomaly watch"
    )


def _untraced(scope: MutableMapping[str, Any]) -> bool:
    return scope.get("path") in {"/healthz", "/readyz", "/metrics"}


async def _start(settings: GatewaySettings) -> GatewayState:
    if not settings.database_url:
        raise ValueError("AYA_DATABASE_URL (or DATABASE_URL) is not set")
    admin_url = settings.database_admin_url or settings.database_url
    await asyncio.to_thread(apply_migrations, admin_url, MIGRATIONS, "gateway", settings.app_role)
    pool: Pool = AsyncConnectionPool(
        settings.database_url,
        min_size=1,
        max_size=settings.db_pool_size,
        open=False,
        configure=pinned_clock(settings.clock),
        timeout=settings.db_wait_seconds,
    )
    await pool.open(wait=True, timeout=30)
    # A sync question on the NATS door waits for its answer: a stopping gateway lets it.
    broker = create_broker(settings, graceful_seconds=settings.sync_timeout_seconds + 5)
    state = GatewayState(
        settings=settings,
        pool=pool,
        broker=broker,
        metrics=Metrics.create(),
        limits=RateLimits(broker, settings),
        jwt=JwtVerifier(settings),
        origins=OriginBook(pool),
        # Receivers on this machine are how development (and its tests) works; nowhere else.
        url_guard=UrlGuard(allow_loopback=settings.environment == "development"),
    )
    broker.include_router(create_router(settings, lambda: state))
    broker.include_router(intake_router(settings, lambda: state))
    broker.include_router(door_router(settings, lambda: state))
    await broker.connect()
    await ensure_streams(broker.config.connection_state.stream, settings.stream_replicas)
    await state.limits.prepare()
    return state


def _add_asyncapi(app: FastAPI) -> None:
    """The NATS door's AsyncAPI document (public, like the OpenAPI one)."""

    @app.get("/asyncapi.json", include_in_schema=False)
    async def asyncapi_json() -> JSONResponse:
        return JSONResponse(asyncapi.document())

    @app.get("/asyncapi", include_in_schema=False)
    async def asyncapi_html() -> HTMLResponse:
        return HTMLResponse(asyncapi.html_view("/asyncapi.json"))


def _add_probes(app: FastAPI) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(state: StateDep) -> JSONResponse:
        problems: list[str] = []
        try:
            async with state.pool.connection(timeout=2) as conn:
                await conn.execute("SELECT 1")
        except Exception:
            problems.append("postgresql unreachable")
        js = state.broker.config.connection_state.stream
        for spec in STREAMS:
            try:
                await asyncio.wait_for(js.stream_info(spec.name), timeout=2)
            except NotFoundError:
                problems.append(f"stream {spec.name} missing")
            except Exception:
                problems.append("nats unreachable")
                break
        if problems:
            return JSONResponse(error_body("unavailable", "; ".join(problems)), status_code=503)
        return JSONResponse({"status": "ready"})

    @app.get("/metrics", include_in_schema=False)
    async def metrics(state: StateDep) -> Response:
        return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
