"""Building and running a worker service: broker, streams declared on start, JSON logs, and
its ops endpoints (`libs.common.ops`)."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from faststream import FastStream
from faststream.nats import NatsBroker, NatsRouter
from faststream.nats.security import NatsSecurity, NatsUserPassword

from libs.common.bus import ensure_streams
from libs.common.logs import configure_logging
from libs.common.metrics import Consumer, WorkerMetrics
from libs.common.ops import Check, OpsServer, consumers_present, nats_connected, ops_app
from libs.common.settings import CommonSettings, WorkerSettings
from libs.common.telemetry import configure_tracing


def create_broker(settings: CommonSettings, graceful_seconds: float = 15.0) -> NatsBroker:
    """A NATS broker for `settings.nats_url`, as the process's own NATS user (over TLS when a CA
    is configured), that reconnects forever (NATS restarts are normal); on stop it waits up to
    `graceful_seconds` for the messages in hand."""
    if not settings.nats_url:
        raise ValueError("AYA_NATS_URL (or NATS_URL) is not set; `aya up` sets it for services")
    return NatsBroker(
        settings.nats_url,
        security=nats_security(settings),
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
        logger=None,
        graceful_timeout=graceful_seconds,
    )


def nats_security(settings: CommonSettings) -> NatsSecurity | None:
    """User and password, TLS, both or neither, from the settings."""
    tls = tls_context(settings)
    if settings.nats_user is not None and settings.nats_password is not None:
        password = settings.nats_password.get_secret_value()
        return NatsUserPassword(settings.nats_user, password, ssl_context=tls)
    return NatsSecurity(ssl_context=tls) if tls is not None else None


def tls_context(settings: CommonSettings) -> ssl.SSLContext | None:
    """The TLS context that verifies the NATS server (None when no CA is configured)."""
    if settings.nats_tls_ca_file is None:
        return None
    context = ssl.create_default_context(cafile=settings.nats_tls_ca_file)
    if settings.nats_tls_cert_file is not None and settings.nats_tls_key_file is not None:
        context.load_cert_chain(settings.nats_tls_cert_file, settings.nats_tls_key_file)
    return context


@dataclass
class WorkerOps:
    """What a worker shows operations: its metrics, the consumers it reads (their backlog and
    presence), and the readiness checks of its own dependencies."""

    metrics: WorkerMetrics
    consumers: list[Consumer]
    checks: dict[str, Check] = field(default_factory=dict)


def create_worker_app(
    name: str,
    settings: WorkerSettings,
    router: NatsRouter,
    ops: WorkerOps,
    *,
    prepare: Callable[[NatsBroker], Awaitable[None]] | None = None,
    ops_socket: socket.socket | None = None,
) -> FastStream:
    """A FastStream app that serves its ops endpoints, declares our streams (then runs
    `prepare`, e.g. to open a KV bucket) before its subscribers start."""
    configure_logging(name, settings.log_level)
    configure_tracing(name, settings)
    broker = create_broker(settings)
    broker.include_router(router)
    app = FastStream(broker)
    checks: dict[str, Check] = {
        "nats": nats_connected(broker),
        "consumers": consumers_present(broker, ops.consumers),
        **ops.checks,
    }
    server = OpsServer(
        ops_app(
            name,
            ops.metrics.registry,
            checks,
            lambda: ops.metrics.read_consumers(broker, ops.consumers),
        ),
        settings.ops_host,
        settings.ops_port,
        ops_socket,
    )

    @app.on_startup
    async def _declare() -> None:
        # Probes first: alive at once, ready once NATS and the consumers are there.
        await server.start()
        # Before the subscribers start: a durable consumer cannot be created on a missing stream.
        await broker.connect()
        await ensure_streams(broker.config.connection_state.stream, settings.stream_replicas)
        if prepare is not None:
            await prepare(broker)

    app.after_shutdown(server.stop)
    return app
