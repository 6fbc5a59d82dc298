"""Wiring of the inference service: engines, failover, one consumer per tier."""

from __future__ import annotations

from faststream import FastStream

from libs.common.service import create_worker_app
from services.inference.handlers import create_router
from services.inference.runtime import build_runtime
from services.inference.settings import InferenceSettings


def create_app(settings: InferenceSettings | None = None) -> FastStream:
    """The inference service as a FastStream app."""
    settings = settings or InferenceSettings()
    runtime = build_runtime(settings)
    app = create_worker_app(
        "inference", settings, create_router(settings, runtime), prepare=runtime.prepare
    )
    app.after_shutdown(runtime.aclose)
    return app
