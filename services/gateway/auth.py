"""Bearer API-key authentication: the tenant comes only from the verified key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

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
