"""Helpers for the lemanado_sample tests: start the server as a subprocess, talk MCP to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.types import CallToolResult

ROOT = Path(__file__).resolve().parents[2]
# An editable install made before lemanado_sample existed does not map it (`make` reinstalls
# when pyproject changes); put the tree first so `.venv/bin/pytest` works either way.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = "2026-11-22"
SECRET = "test-secret-for-lemanado-sample"
NWO, HEL = "northwind-outfitters", "helio-analytics"


@dataclass(frozen=True)
class Server:
    """A running sample server: its base URL and MCP endpoint."""

    base_url: str

    @property
    def mcp_url(self) -> str:
        """The streamable HTTP endpoint."""
        return f"{self.base_url}/mcp"


def free_port() -> int:
    """A port the OS just handed out (bind to 0), free for the server to take."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_ready(process: subprocess.Popen[bytes], base_url: str, timeout: float = 20.0) -> None:
    """Poll /healthz until it answers 200; fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"lemanado-sample exited with {process.returncode}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=0.5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"lemanado-sample did not answer within {timeout} s")


def server_env(today: str, secret: str = SECRET) -> dict[str, str]:
    """The environment a test server runs with (secret and today pinned)."""
    return {
        **os.environ,
        "AYA_TODAY": today,
        "AYA_LEMANADO_SAMPLE_SECRET": secret,
        "AYA_ENVIRONMENT": "test",
    }


@contextmanager
def running_server(today: str = TODAY) -> Iterator[Server]:
    """`aya lemanado-sample --port P` in a subprocess, stopped (by its own pid) on exit."""
    port = free_port()
    command = [sys.executable, "-m", "aya.cli", "lemanado-sample", "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(today))
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, base_url)
        yield Server(base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@asynccontextmanager
async def mcp_client(mcp_url: str, token: str) -> AsyncIterator[Client]:
    """A real MCP client session over streamable HTTP with a bearer token."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx2.AsyncClient(headers=headers) as http,
        Client(streamable_http_client(mcp_url, http_client=http), cache=None) as client,
    ):
        yield client


async def call(client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    """Call a tool that must succeed; its structured content."""
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, error_text(result)
    assert result.structured_content is not None
    return result.structured_content


def error_text(result: CallToolResult) -> str:
    """The text of a result's content blocks (where tool errors explain themselves)."""
    return " ".join(getattr(block, "text", "") for block in result.content)
