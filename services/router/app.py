"""Wiring of the router service: broker, subscriber, streams, ops endpoints."""

from __future__ import annotations

import socket

from faststream import FastStream

from libs.common.metrics import Consumer, WorkerMetrics
from libs.common.service import WorkerOps, create_worker_app
from libs.common.subjects import Durable, StreamName
from services.router.handlers import create_router
from services.router.settings import RouterSettings


def create_app(
    settings: RouterSettings | None = None, ops_socket: socket.socket | None = None
) -> FastStream:
    """The router service as a FastStream app (no work at import time)."""
    settings = settings or RouterSettings()
    metrics = WorkerMetrics.create()
    ops = WorkerOps(metrics, [Consumer(StreamName.QUERIES, Durable.ROUTER)])
    return create_worker_app(
        "router", settings, create_router(settings, metrics), ops, ops_socket=ops_socket
    )
