"""Wiring of the router service: broker, subscriber, streams, ops endpoints."""

from __future__ import annotations

import socket
from datetime import date

from faststream import FastStream
from faststream.nats import NatsBroker

from libs.common.metrics import Consumer, WorkerMetrics
from libs.common.service import WorkerOps, create_worker_app
from libs.common.subjects import Durable, StreamName
from services.router import build_plan
from services.router.handlers import create_router
from services.router.route_model import intent_model, route_model
from services.router.settings import RouterSettings


def create_app(
    settings: RouterSettings | None = None, ops_socket: socket.socket | None = None
) -> FastStream:
    """The router service as a FastStream app (no work at import time)."""
    settings = settings or RouterSettings()
    metrics = WorkerMetrics.create()
    ops = WorkerOps(metrics, [Consumer(StreamName.QUERIES, Durable.ROUTER)])
    return create_worker_app(
        "router",
        settings,
        create_router(settings, metrics),
        ops,
        prepare=_warm_up,
        ops_socket=ops_socket,
    )


async def _warm_up(_: NatsBroker) -> None:
    """Read one question before the subscriber starts: the word lists the router loads on
    first use (given names, the dictionary, typo targets) and the route and intent models'
    weights (about 2 s) then cost the first real question nothing."""
    route_model()
    intent_model()
    build_plan(
        "Hi Priya, Loudhaus: why did Meta CPA jump last week vs the week before? Thanks, Tom",
        today=date(2026, 11, 22),
    )
