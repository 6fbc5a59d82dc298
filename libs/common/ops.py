"""`/healthz`, `/readyz` and `/metrics` of a worker service, on a small HTTP server of its own
(the gateway serves the same paths on its API port).

- `/healthz`: the process is up and its event loop answers.
- `/readyz`: every dependency check passes (NATS connected, the service's consumers present,
  PostgreSQL, the MCP server, an engine — whatever the service declares); 503 with each
  problem otherwise, so an orchestrator stops routing to it.
- `/metrics`: the service's own Prometheus registry, refreshed (consumer backlog) at scrape.

It binds `AYA_OPS_HOST:AYA_OPS_PORT`, or a socket `aya up` bound for it (`--ops-fd`).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager, suppress

import uvicorn
from faststream.nats import NatsBroker
from nats.errors import Error as NatsError
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from libs.common.metrics import Consumer

logger = logging.getLogger(__name__)

Check = Callable[[], Awaitable[str | None]]
"""A readiness check: None when the dependency is fine, else what is wrong (one line)."""
CHECK_SECONDS = 3.0


def ops_app(
    service: str,
    registry: CollectorRegistry,
    checks: Mapping[str, Check],
    before_scrape: Callable[[], Awaitable[None]] | None = None,
) -> Starlette:
    """The three endpoints as an ASGI app."""

    async def healthz(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "service": service})

    async def readyz(_: Request) -> JSONResponse:
        names = list(checks)
        results = await asyncio.gather(*(_run(checks[name]) for name in names))
        found = dict(zip(names, results, strict=True))
        problems = [f"{name}: {problem}" for name, problem in found.items() if problem]
        report = {name: problem or "ok" for name, problem in found.items()}
        if problems:
            body = {"error": {"code": "unavailable", "message": "; ".join(problems)}}
            return JSONResponse({**body, "checks": report}, status_code=503)
        return JSONResponse({"status": "ready", "service": service, "checks": report})

    async def metrics(_: Request) -> Response:
        if before_scrape is not None:
            with suppress(Exception):  # a stale gauge beats a failed scrape
                await asyncio.wait_for(before_scrape(), CHECK_SECONDS)
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
        ]
    )


async def _run(check: Check) -> str | None:
    try:
        return await asyncio.wait_for(check(), CHECK_SECONDS)
    except TimeoutError:
        return f"no answer within {CHECK_SECONDS:.0f} s"
    except Exception as exc:
        return type(exc).__name__


class _BesideServer(uvicorn.Server):
    """uvicorn, minus its signal handling: signals belong to the worker's own app, which stops
    this server when it stops."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class OpsServer:
    """The ops endpoints served beside the worker, in its event loop."""

    def __init__(self, app: Starlette, host: str, port: int, sock: socket.socket | None) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
        self._server = _BesideServer(config)
        self._sock = sock
        self._address = (host, port)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start serving (returns once the socket listens). The socket is bound here, so a port
        in use is a clear error rather than uvicorn's exit from inside the event loop."""
        if self._sock is None:
            self._sock = _bound(*self._address)
        self._task = asyncio.create_task(self._server.serve(sockets=[self._sock]))
        while not self._server.started:
            if self._task.done():
                self._task.result()  # raises why it could not start (a port in use, say)
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        """Stop serving."""
        if self._task is None:
            return
        self._server.should_exit = True
        with suppress(asyncio.CancelledError):
            await self._task


def _bound(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise RuntimeError(
            f"the ops endpoints cannot listen on {host}:{port} ({exc.strerror}): "
            "set AYA_OPS_PORT to a free port (0: any)"
        ) from exc
    sock.listen(128)
    return sock


def nats_connected(broker: NatsBroker) -> Check:
    """The broker's connection to NATS is up."""

    async def check() -> str | None:
        try:
            connected = broker.config.connection_state.connection.is_connected
        except Exception:  # before the first connect there is no connection object at all
            connected = False
        return None if connected else "not connected to NATS"

    return check


def consumers_present(broker: NatsBroker, consumers: list[Consumer]) -> Check:
    """Every durable consumer the worker reads exists on the server."""

    async def check() -> str | None:
        js = broker.config.connection_state.stream
        missing = []
        for consumer in consumers:
            try:
                await js.consumer_info(consumer.stream, consumer.durable, timeout=2)
            except (TimeoutError, NatsError):
                missing.append(f"{consumer.stream}/{consumer.durable}")
        return f"consumer(s) unavailable: {', '.join(missing)}" if missing else None

    return check
