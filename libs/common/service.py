"""Building and running a worker service: broker, streams declared on start, JSON logs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from faststream import FastStream
from faststream.nats import NatsBroker, NatsRouter

from libs.common.bus import ensure_streams
from libs.common.logs import configure_logging
from libs.common.settings import CommonSettings
from libs.common.telemetry import configure_tracing


def create_broker(settings: CommonSettings) -> NatsBroker:
    """A NATS broker for `settings.nats_url` that reconnects forever (NATS restarts are normal)."""
    if not settings.nats_url:
        raise ValueError("AYA_NATS_URL (or NATS_URL) is not set; `aya up` sets it for services")
    return NatsBroker(
        settings.nats_url,
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
        logger=None,
    )


def create_worker_app(
    name: str,
    settings: CommonSettings,
    router: NatsRouter,
    prepare: Callable[[NatsBroker], Awaitable[None]] | None = None,
) -> FastStream:
    """A FastStream app that declares our streams (then runs `prepare`, e.g. to open a KV
    bucket) before its subscribers start."""
    configure_logging(name, settings.log_level)
    configure_tracing(name, settings)
    broker = create_broker(settings)
    broker.include_router(router)
    app = FastStream(broker)

    @app.on_startup
    async def _declare() -> None:
        # Before the subscribers start: a durable consumer cannot be created on a missing stream.
        await broker.connect()
        await ensure_streams(broker.config.connection_state.stream, settings.stream_replicas)
        if prepare is not None:
            await prepare(broker)

    return app
