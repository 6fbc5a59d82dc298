"""Cross-origin requests from agencies' own front-ends, allowed per tenant.

Each tenant's admin lists the origins its pages are served from (`cors_origins`: exact
`https://…` origins, or `*` for any). A preflight carries no key, so it passes when some
active tenant lists the origin; the real request then carries its key, and its response lets
the page read it only when the caller's own tenant lists the origin. A response to a request
without a valid key (a 401 the page should show) follows the preflight's rule. Bearer keys,
never cookies: `Access-Control-Allow-Credentials` is never sent, so `*` never comes with
credentials. Lookups are cached for `CACHE_SECONDS` per process.
"""

from __future__ import annotations

import json
import time
from typing import Any, cast

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from libs.common.db import tenant_transaction
from services.gateway.errors import error_body
from services.gateway.repo import Pool

CACHE_SECONDS = 30.0
TENANT_KEY = "aya_tenant"
"""Where authentication leaves the caller's tenant in the request scope's state."""
_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
_HEADERS = "Authorization, Content-Type, Idempotency-Key"
_EXPOSED = (
    "Aya-Conversation-Id, Aya-Turn, Retry-After, Server-Timing, X-RateLimit-Limit, "
    "X-RateLimit-Remaining, X-RateLimit-Reset"
)


class OriginBook:
    """Which origins a tenant allows, and whether any tenant allows one (cached)."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self._tenants: dict[str, tuple[float, frozenset[str]]] = {}
        self._known: dict[str, tuple[float, bool]] = {}

    async def of_tenant(self, tenant_id: str) -> frozenset[str]:
        """The origins `tenant_id` lists."""
        hit = self._tenants.get(tenant_id)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        async with tenant_transaction(self.pool, tenant_id) as conn:
            cur = await conn.execute("SELECT cors_origins FROM tenants WHERE id = %s", (tenant_id,))
            row = await cur.fetchone()
        found = frozenset(cast(list[str], row[0])) if row else frozenset()
        self._tenants[tenant_id] = (time.monotonic() + CACHE_SECONDS, found)
        return found

    async def known(self, origin: str) -> bool:
        """Whether some active tenant lists `origin` (or `*`)."""
        hit = self._known.get(origin)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        async with self.pool.connection() as conn:
            cur = await conn.execute("SELECT cors_origin_known(%s)", (origin,))
            row = await cur.fetchone()
        found = bool(row and row[0])
        if len(self._known) > 10_000:  # origins are the caller's to make up: bound the cache
            self._known.clear()
        self._known[origin] = (time.monotonic() + CACHE_SECONDS, found)
        return found


class TenantCors:
    """ASGI middleware applying the tenants' origins (the book lives in the gateway state)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = _header(scope, b"origin")
        if scope["type"] != "http" or origin is None:
            await self.app(scope, receive, send)
            return
        book: OriginBook = scope["app"].state.gateway.origins
        preflight = scope["method"] == "OPTIONS" and _header(
            scope, b"access-control-request-method"
        )
        if preflight:
            await _preflight(send, origin, await book.known(origin))
            return

        async def send_allowed(message: Message) -> None:
            if message["type"] == "http.response.start":
                tenant = scope.get("state", {}).get(TENANT_KEY)
                if tenant is not None:
                    allowed = await book.of_tenant(tenant)
                    grant = origin if origin in allowed else "*" if "*" in allowed else None
                else:
                    grant = origin if await book.known(origin) else None
                headers = MutableHeaders(scope=message)
                headers.append("Vary", "Origin")
                if grant is not None:
                    headers["Access-Control-Allow-Origin"] = grant
                    headers["Access-Control-Expose-Headers"] = _EXPOSED
            await send(message)

        await self.app(scope, receive, send_allowed)


async def _preflight(send: Send, origin: str, allowed: bool) -> None:
    headers: list[tuple[bytes, bytes]] = [(b"vary", b"Origin")]
    body = b""
    if allowed:
        status = 204
        headers += [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-methods", _METHODS.encode()),
            (b"access-control-allow-headers", _HEADERS.encode()),
            (b"access-control-max-age", b"600"),
        ]
    else:
        status = 403
        body = json.dumps(
            error_body("forbidden", "No tenant allows requests from this origin.")
        ).encode()
        headers.append((b"content-type", b"application/json"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> Any:
    for key, value in scope.get("headers") or []:
        if key == name:
            return value.decode("latin-1")
    return None
