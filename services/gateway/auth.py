"""Bearer API-key authentication: the tenant comes only from the verified key."""

from __future__ import annotations

from fastapi import Request

from services.gateway.errors import ApiError
from services.gateway.state import GatewayState
from services.gateway.store import Principal, authenticate
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
    principal = await authenticate(state.pool, token.strip())
    if principal is None:
        raise ApiError(401, "Unknown, revoked or expired API key.", headers=_CHALLENGE)
    if not principal.tenant_active:
        raise ApiError(403, "This tenant is suspended.")
    await admit_request(request, principal)
    return principal
