"""The ops endpoints' server: a port already in use is a clear error at start, not an exit
from inside the event loop; a free port serves /healthz."""

from __future__ import annotations

import socket

import httpx
import pytest
from prometheus_client import CollectorRegistry

from libs.common.ops import OpsServer, ops_app

pytestmark = pytest.mark.anyio


async def test_a_port_in_use_is_a_clear_error() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        server = OpsServer(ops_app("router", CollectorRegistry(), {}), "127.0.0.1", port, None)
        with pytest.raises(RuntimeError, match=f"cannot listen on 127.0.0.1:{port}.*AYA_OPS_PORT"):
            await server.start()
    finally:
        taken.close()


async def test_a_free_port_serves_the_probes() -> None:
    sock = socket.socket()  # bound here and handed over, as `aya up` does
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    server = OpsServer(ops_app("router", CollectorRegistry(), {}), "127.0.0.1", 0, sock)
    await server.start()
    try:
        port = sock.getsockname()[1]
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            health = await client.get("/healthz")
            ready = await client.get("/readyz")
        assert health.json() == {"status": "ok", "service": "router"}
        assert ready.status_code == 200
    finally:
        await server.stop()
