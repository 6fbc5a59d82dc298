"""The gateway's ASGI middlewares: the body size limit, the rate-limit headers, and the caller
named on the request's span. They run around every request, routes name nothing of them."""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from typing import Any

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.gateway.errors import ApiError, body_for_path
from services.gateway.ratelimit import Decision

DECISION = "ratelimit"
"""Where a request's rate-limit decision waits for its response (request.state is
scope["state"])."""


class BodyTooLarge(ApiError):
    """Raised inside the receive wrapper when the body passes the limit (an HTTP error, so the
    framework's body parsing passes it through as 413 rather than as a parse failure)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"The request body is larger than {max_bytes} bytes.")


class BodySizeLimit:
    """ASGI middleware: 413 for bodies over `max_bytes` (or over the limit of a path prefix
    in `by_prefix`: an OpenAI client resends the whole conversation with every message)."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, by_prefix: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.default_max = max_bytes
        self.by_prefix = by_prefix or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = next(
            (size for prefix, size in self.by_prefix.items() if path.startswith(prefix)),
            self.default_max,
        )
        await self._limited(scope, receive, send, limit)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, max_bytes: int) -> None:
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            await self._reject(scope, send, max_bytes)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    raise BodyTooLarge(max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(scope, send, max_bytes)

    async def _reject(self, scope: Scope, send: Send, max_bytes: int) -> None:
        message = f"The request body is larger than {max_bytes} bytes."
        # In the shape the path's clients read: OpenAI's on the OpenAI door.
        body = json.dumps(
            body_for_path(scope.get("path", ""), 413, "payload_too_large", message)
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})


class RateLimitHeaders:
    """ASGI middleware: adds the request's `X-RateLimit-*` headers to whatever response leaves,
    including error responses made by exception handlers after the limit was counted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                decision = scope.get("state", {}).get(DECISION)
                if isinstance(decision, Decision):
                    headers = MutableHeaders(scope=message)
                    for name, value in decision.headers().items():
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def tag_request(request: Request, attributes: dict[str, str]) -> None:
    """Name the caller on the request's HTTP server span, so the request's span carries its
    tenant like every other span."""
    tag_scope(request.scope, attributes)


def tag_scope(scope: MutableMapping[str, Any], attributes: dict[str, str]) -> None:
    """Set attributes on the HTTP server span FastAPI's own telemetry keeps in the ASGI scope."""
    span = getattr(scope.get("fastapi.telemetry"), "span", None)
    if span is not None:
        span.set_attributes(attributes)


class CallerOnSpan:
    """ASGI middleware: every traced request starts as `aya.caller=unidentified`; the
    authentication that identifies a tenant (or the operator) names it instead, so a span
    without a tenant says why (no valid key, or refused before authentication)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            tag_scope(scope, {"aya.caller": "unidentified"})
        await self.app(scope, receive, send)
