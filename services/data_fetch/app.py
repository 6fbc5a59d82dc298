"""Wiring of data_fetch: broker, the Lemanado session pool, the subscriber."""

from __future__ import annotations

from faststream import FastStream

from libs.common.service import create_worker_app
from services.data_fetch.credentials import Credentials
from services.data_fetch.fetch import AccountDirectory
from services.data_fetch.handlers import create_router
from services.data_fetch.mcp_client import LemanadoPool
from services.data_fetch.settings import DataFetchSettings


def create_app(settings: DataFetchSettings | None = None) -> FastStream:
    """data_fetch as a FastStream app; MCP sessions open lazily and close on shutdown."""
    settings = settings or DataFetchSettings()
    if not settings.lemanado_url:
        raise ValueError("AYA_LEMANADO_URL is not set; `aya up` sets it for services")
    pool = LemanadoPool(
        settings.lemanado_url,
        Credentials(settings.lemanado_tokens(), settings.lemanado_secrets_dir),
        call_timeout=settings.lemanado_call_timeout_seconds,
        retries=settings.lemanado_retries,
        clock=settings.clock,
    )
    directory = AccountDirectory(pool, settings.accounts_cache_seconds)
    app = create_worker_app("data_fetch", settings, create_router(settings, pool, directory))
    app.after_shutdown(pool.aclose)
    return app
