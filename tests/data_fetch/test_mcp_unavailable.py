"""A connector that is down or failing is a transient `connector_unavailable` (retried, then
answered failed with that precise code), whether it fails a call or the opening of a session —
never an unexpected error that ends as `internal_error`."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest

from services.data_fetch.credentials import Credentials
from services.data_fetch.mcp_client import ConnectorUnavailableError, LemanadoPool

pytestmark = pytest.mark.anyio
TENANT = "northwind-outfitters"


async def _pool(url: str) -> LemanadoPool:
    pool = LemanadoPool(url, Credentials({TENANT: "token"}, None), call_timeout=5, retries=1)
    await pool.bind(TENANT, None)
    return pool


@pytest.fixture
async def failing_server() -> AsyncIterator[str]:
    """An HTTP server that answers every request 503, as a sick connector or its proxy does."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        writer.write(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"http://127.0.0.1:{port}/mcp"


async def test_a_connector_answering_503_is_unavailable(failing_server: str) -> None:
    pool = await _pool(failing_server)
    try:
        with pytest.raises(ConnectorUnavailableError) as raised:
            await pool.call(TENANT, "list_accounts", {})
    finally:
        await pool.aclose()
    assert raised.value.code == "connector_unavailable"
    assert raised.value.transient


async def test_a_connector_refusing_connections_is_unavailable() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    pool = await _pool(f"http://127.0.0.1:{port}/mcp")
    try:
        with pytest.raises(ConnectorUnavailableError):
            await pool.call(TENANT, "list_accounts", {})
    finally:
        await pool.aclose()
