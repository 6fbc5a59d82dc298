"""The ASGI app: MCP over stateless streamable HTTP at /mcp, behind per-tenant bearer auth."""

from __future__ import annotations

import json

from mcp.server import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from lemanado_sample.auth import TokenBook
from lemanado_sample.settings import LemanadoSampleSettings
from lemanado_sample.tools import TenantScope, register_tools

MCP_PATH = "/mcp"
HEALTH_PATH = "/healthz"

_UNAUTHORIZED = json.dumps(
    {"error": "unauthorized", "message": "Send 'Authorization: Bearer <tenant token>'."}
).encode()


class BearerAuth:
    """Refuses /mcp requests without a known tenant token: 401, JSON body, WWW-Authenticate."""

    def __init__(self, app: ASGIApp, book: TokenBook) -> None:
        self._app = app
        self._book = book

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the token before the MCP transport sees the request."""
        if scope["type"] == "http" and scope["path"].rstrip("/") == MCP_PATH:
            headers = dict(scope["headers"])
            raw = headers.get(b"authorization", b"").decode("latin-1")
            if self._book.tenant_of(raw) is None:
                await self._refuse(scope, receive, send)
                return
        await self._app(scope, receive, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
        response = Response(
            _UNAUTHORIZED,
            status_code=401,
            media_type="application/json",
            headers={"WWW-Authenticate": 'Bearer realm="lemanado-sample"'},
        )
        await response(scope, receive, send)


async def _health(_: Request) -> Response:
    return JSONResponse({"status": "ok"})


def build_mcp(settings: LemanadoSampleSettings) -> MCPServer:
    """The MCP server with its tools; tenant scoping comes from the token in each request."""
    server: MCPServer = MCPServer(
        "lemanado-sample",
        instructions="Ad accounts, campaigns and daily metrics of the caller's tenant.",
        log_level="WARNING",
    )
    register_tools(server, TenantScope(TokenBook(settings.secret), settings.today))
    server.custom_route(HEALTH_PATH, methods=["GET"])(_health)
    return server


def create_app(settings: LemanadoSampleSettings, host: str = "127.0.0.1") -> ASGIApp:
    """The whole ASGI app; `host` decides the DNS-rebinding protection of the transport."""
    server = build_mcp(settings)
    security = None
    if host not in ("127.0.0.1", "localhost", "::1"):
        # Behind a non-local name the SDK's default host check would answer 421.
        security = TransportSecuritySettings(enable_dns_rebinding_protection=False)
    app = server.streamable_http_app(
        streamable_http_path=MCP_PATH,
        stateless_http=True,
        json_response=True,
        transport_security=security,
        host=host,
    )
    return BearerAuth(app, TokenBook(settings.secret))
