"""Bearer API-key authentication: the tenant comes only from the verified key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from libs.common.telemetry import TENANT
from services.gateway.errors import ApiError
from services.gateway.keys import key_prefix
from services.gateway.state import GatewayState
from services.gateway.store import Principal, authenticate, principal_for_token
from services.gateway.throttle import admit_request

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def require_principal(request: Request) -> Principal:
    """The caller's principal; 401 for a missing or unknown key, 403 for a suspended tenant."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401, "Missing API key: send 'Authorization: Bearer <key>'.", headers=_CHALLENGE
        )
    state: GatewayState = request.app.state.gateway
    principal = await _principal(state, token.strip())
    if principal is None:
        raise ApiError(401, "Unknown, revoked or expired API key.", headers=_CHALLENGE)
    tag_request(
        request, {TENANT: principal.tenant_id, "aya.caller": "tenant", "aya.role": principal.role}
    )
    if not principal.tenant_active:
        raise ApiError(403, "This tenant is suspended.")
    await admit_request(request, principal)
    return principal


async def _principal(state: GatewayState, token: str) -> Principal | None:
    """An API key (`aya_live_…`), else — when configured — a JWT whose signed claims name the
    tenant and role."""
    if key_prefix(token) is not None or not state.jwt.enabled:
        return await authenticate(state.pool, token)
    claims = await state.jwt.verify(token)
    if claims is None:
        return None
    return await principal_for_token(state.pool, claims.tenant_id, claims.subject, claims.role)


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


ROLE_RANK = {"viewer": 0, "analyst": 1, "admin": 2}
"""viewer reads; analyst also asks; admin also manages keys and settings."""


def require_role(minimum: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting keys of at least `minimum`'s role (403 otherwise)."""

    async def dependency(
        principal: Annotated[Principal, Depends(require_principal)],
    ) -> Principal:
        if ROLE_RANK.get(principal.role, -1) < ROLE_RANK[minimum]:
            raise ApiError(
                403, f"This needs an {minimum} key or higher; this key's role is {principal.role}."
            )
        return principal

    return dependency
