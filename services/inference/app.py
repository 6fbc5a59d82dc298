"""Wiring of the inference service: engines, failover, one consumer per tier, ops endpoints."""

from __future__ import annotations

import socket

from faststream import FastStream

from libs.common.metrics import Consumer, WorkerMetrics
from libs.common.ops import Check
from libs.common.service import WorkerOps, create_worker_app
from libs.common.subjects import StreamName, inference_durable
from libs.common.vocab import Engine
from services.inference.handlers import create_router
from services.inference.runtime import Runtime, build_runtime
from services.inference.settings import InferenceSettings


def create_app(
    settings: InferenceSettings | None = None, ops_socket: socket.socket | None = None
) -> FastStream:
    """The inference service as a FastStream app."""
    settings = settings or InferenceSettings()
    metrics = WorkerMetrics.create()
    runtime = build_runtime(settings, metrics.registry)
    consumers = [Consumer(StreamName.ANALYSIS, inference_durable(t)) for t in settings.tiers]
    ops = WorkerOps(metrics, consumers, {"engines": engine_available(runtime)})
    app = create_worker_app(
        "inference",
        settings,
        create_router(settings, runtime, metrics),
        ops,
        prepare=runtime.prepare,
        ops_socket=ops_socket,
    )
    app.after_shutdown(runtime.aclose)
    return app


def engine_available(runtime: Runtime) -> Check:
    """Some engine of the chain can take a call: a model engine whose breaker admits calls, or
    the analyst when the chain ends with it (it needs no model, so a question still gets a
    data-grounded answer)."""

    async def check() -> str | None:
        chain = runtime.settings.chain
        if runtime.available() or Engine.ANALYST in chain:
            return None
        return f"no engine of the chain {[e.value for e in chain]} takes calls (breakers open)"

    return check
