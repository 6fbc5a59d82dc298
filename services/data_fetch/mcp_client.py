"""Lemanado over MCP: one long-lived session per tenant per worker, timeouts, bounded retries.

Each session lives in its own task, because the SDK's transport must be entered and exited in
the same task; calls from handler tasks go through the open client.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx2
from mcp import Client
from mcp.client.streamable_http import StreamableHTTPError, streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp_types import CallToolResult, TextContent
from opentelemetry.trace import SpanKind

from libs.common.clock import Clock
from libs.common.errors import QueryError, UpstreamError
from libs.common.telemetry import span
from services.data_fetch.credentials import Credentials

logger = logging.getLogger(__name__)

# What a broken connection or a sick server looks like from the SDK and its HTTP client.
Observe = Callable[[str, float, str], None]
"""Told of every tool call: the tool, its seconds, and how it went (ok, failed, timeout,
tool_error)."""

_TRANSIENT = (
    MCPError,
    StreamableHTTPError,
    httpx2.HTTPError,
    anyio.ClosedResourceError,
    anyio.BrokenResourceError,
    anyio.EndOfStream,
    OSError,
    TimeoutError,
)


class ConnectorToolError(QueryError):
    """The connector refused the call (unknown account, bad range): retrying will not help."""

    code = "connector_rejected"


class ConnectorUnavailableError(UpstreamError):
    """The connector did not answer (down, failing or too slow) after this delivery's retries:
    the question is retried later, and answered failed with this once its deliveries run out."""

    code = "connector_unavailable"

    def __init__(self) -> None:
        super().__init__(
            "The ad data connector is unavailable or too slow right now; please ask again in a "
            "few minutes.",
            transient=True,
        )


@dataclass
class _Session:
    client: Client
    closing: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None


class LemanadoPool:
    """Tenant → open MCP session. Sessions are created on first use and replaced when broken."""

    def __init__(
        self,
        url: str,
        credentials: Credentials,
        *,
        call_timeout: float,
        retries: int,
        clock: Clock | None = None,
        observe: Observe | None = None,
    ) -> None:
        self.clock = clock or Clock()
        self._observe = observe
        """When the connector answered, by the service's clock."""
        self._url = url
        self._credentials = credentials
        self._tokens: dict[str, str] = {}
        self._call_timeout = call_timeout
        self._retries = retries
        self._sessions: dict[str, _Session] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def bind(self, tenant_id: str, ref: str | None) -> bool:
        """Use the tenant's credential as it is now (its reference may have changed, or its
        secret been rotated): a different token replaces the tenant's session. True when the
        credential changed."""
        token = self._credentials.token(tenant_id, ref)
        if token == self._tokens.get(tenant_id):
            return False
        if token is None:
            self._tokens.pop(tenant_id, None)
        else:
            self._tokens[tenant_id] = token
        await self._drop(tenant_id)
        return True

    async def call(self, tenant_id: str, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """Call `tool` as `tenant_id` and return its JSON result."""
        last: BaseException | None = None
        for attempt in range(self._retries + 1):
            if attempt:
                await asyncio.sleep(min(0.2 * 2**attempt, 2.0) * random.uniform(0.5, 1.0))
            started = time.perf_counter()
            try:
                session = await self._session(tenant_id)
                with span(
                    "lemanado.call_tool",
                    tenant_id,
                    kind=SpanKind.CLIENT,
                    attributes={"aya.tool": tool},
                ):
                    async with asyncio.timeout(self._call_timeout):
                        result = await session.client.call_tool(tool, arguments)
            except _TRANSIENT as exc:
                last = exc
                self._seen(tool, started, "timeout" if isinstance(exc, TimeoutError) else "failed")
                logger.warning("lemanado %s failed (attempt %d): %r", tool, attempt + 1, exc)
                await self._drop(tenant_id)
                continue
            try:
                parsed = _result_json(tool, result)
            except ConnectorToolError:
                self._seen(tool, started, "tool_error")
                raise
            self._seen(tool, started, "ok")
            return parsed
        raise ConnectorUnavailableError() from last

    def _seen(self, tool: str, started: float, outcome: str) -> None:
        if self._observe is not None:
            self._observe(tool, time.perf_counter() - started, outcome)

    async def _session(self, tenant_id: str) -> _Session:
        session = self._sessions.get(tenant_id)
        if session is not None and session.task is not None and not session.task.done():
            return session
        lock = self._locks.setdefault(tenant_id, asyncio.Lock())
        async with lock:
            session = self._sessions.get(tenant_id)
            if session is not None and session.task is not None and not session.task.done():
                return session
            session = await self._open(tenant_id)
            self._sessions[tenant_id] = session
            return session

    async def _open(self, tenant_id: str) -> _Session:
        token = self._tokens.get(tenant_id)
        if token is None:
            raise UpstreamError(
                "No ad data connection is configured for this tenant.", transient=False
            )
        http = httpx2.AsyncClient(
            headers={"Authorization": f"Bearer {token}"}, timeout=self._call_timeout
        )
        client = Client(streamable_http_client(self._url, http_client=http), cache=None)
        session = _Session(client)
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        async def own() -> None:
            try:
                async with http, client:
                    ready.set_result(None)
                    await session.closing.wait()
            except BaseException as exc:
                if not ready.done():
                    ready.set_exception(_unwrapped(exc))
                elif not isinstance(exc, asyncio.CancelledError):
                    logger.warning("lemanado session for a tenant ended: %r", exc)

        session.task = asyncio.create_task(own(), name=f"lemanado-session-{tenant_id}")
        async with asyncio.timeout(self._call_timeout):
            await ready
        return session

    async def _drop(self, tenant_id: str) -> None:
        session = self._sessions.pop(tenant_id, None)
        if session is not None:
            await _close(session)

    async def aclose(self) -> None:
        """Close every session."""
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            await _close(session)


def _unwrapped(exc: BaseException) -> BaseException:
    """A failure to open a session as `call` can judge it: the SDK's task groups wrap what the
    transport raised (a refused connection, an HTTP 503) in exception groups, so a group of
    transient failures only is its first one; anything else stays as it is."""
    if not isinstance(exc, BaseExceptionGroup):
        return exc
    transient, other = exc.split(_TRANSIENT)
    if transient is None or other is not None:
        return exc
    first: BaseException = transient
    while isinstance(first, BaseExceptionGroup):
        first = first.exceptions[0]
    return first


async def _close(session: _Session) -> None:
    session.closing.set()
    if session.task is not None:
        try:
            async with asyncio.timeout(5):
                await asyncio.shield(session.task)
        except (TimeoutError, *_TRANSIENT):
            session.task.cancel()


def _result_json(tool: str, result: CallToolResult) -> dict[str, Any]:
    text = "".join(block.text for block in result.content if isinstance(block, TextContent))
    if result.is_error:
        raise ConnectorToolError(text.strip() or f"The connector refused {tool}.")
    if isinstance(result.structured_content, dict):
        return result.structured_content
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        raise UpstreamError(f"The connector's {tool} result was not JSON.", transient=True) from exc
    if not isinstance(parsed, dict):
        raise UpstreamError(f"The connector's {tool} result was not an object.", transient=True)
    return parsed
