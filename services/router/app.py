"""Wiring of the router service: broker, subscriber, streams."""

from __future__ import annotations

from faststream import FastStream

from libs.common.service import create_worker_app
from services.router.handlers import create_router
from services.router.settings import RouterSettings


def create_app(settings: RouterSettings | None = None) -> FastStream:
    """The router service as a FastStream app (no work at import time)."""
    settings = settings or RouterSettings()
    return create_worker_app("router", settings, create_router(settings))
