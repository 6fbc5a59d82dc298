"""The gateway's request dependencies, named by what a route needs (FastAPI's `Annotated` style).

- `StateDep`: the process's `GatewayState` (made in the lifespan).
- `Caller`: the authenticated principal, admitted by its tenant's rate limit.
- `Writer`: a caller whose key may ask and change what asking made (analyst or admin).
- `Asker`: a writer within its tenant's model tokens for today.
- `Admin`: the platform operator or a tenant's admin key, admitted by the rate limit.
Authentication (who is calling) and admission (may this request pass the tenant's limits)
are separate steps, so a route's signature says both.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from libs.common.telemetry import TENANT
from libs.common.vocab import Role, at_least
from services.gateway import admission
from services.gateway.access import Actor
from services.gateway.cors import TENANT_KEY
from services.gateway.errors import ApiError
from services.gateway.keys import hash_key, key_prefix
from services.gateway.middleware import DECISION, tag_request
from services.gateway.repo.principals import Principal, authenticate, principal_for_token
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


async def get_state(request: Request) -> GatewayState:
    """The gateway's state (pool, broker, settings, metrics, limiters). A coroutine: FastAPI
    runs a plain-function dependency on a worker thread, a hand-off per request."""
    state: GatewayState = request.app.state.gateway
    return state


StateDep = Annotated[GatewayState, Depends(get_state)]


def bearer_token(request: Request) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (the one parser of it)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


async def authenticated(request: Request, state: StateDep) -> Principal:
    """The caller's principal; 401 for a missing or unknown key, 403 for a suspended tenant."""
    token = bearer_token(request)
    if token is None:
        raise ApiError(
            401, "Missing API key: send 'Authorization: Bearer <key>'.", headers=_CHALLENGE
        )
    principal = await _principal(state, token)
    if principal is None:
        raise ApiError(401, "Unknown, revoked or expired API key.", headers=_CHALLENGE)
    tag_request(
        request, {TENANT: principal.tenant_id, "aya.caller": "tenant", "aya.role": principal.role}
    )
    setattr(request.state, TENANT_KEY, principal.tenant_id)  # its origins, for CORS
    if not principal.tenant_active:
        raise ApiError(403, "This tenant is suspended.")
    return principal


async def principal_for(state: GatewayState, token: str) -> Principal | None:
    """The principal of a bearer token (an API key or a JWT), for doors outside FastAPI's
    dependencies (the MCP endpoint); None when it is not valid."""
    return await _principal(state, token)


async def _principal(state: GatewayState, token: str) -> Principal | None:
    """An API key (`aya_live_…`), else — when configured — a JWT whose signed claims name the
    tenant and role."""
    if key_prefix(token) is not None or not state.jwt.enabled:
        return await authenticate(state.pool, token)
    claims = await state.jwt.verify(token)
    if claims is None:
        return None
    return await principal_for_token(state.pool, claims.tenant_id, claims.subject, claims.role)


async def admit(request: Request, state: GatewayState, principal: Principal) -> None:
    """Count the request against its tenant's requests per minute; 429 when the minute is full.

    Counted once per request, however many dependencies ask; the decision is kept for the
    `X-RateLimit-*` headers of whatever response leaves.
    """
    if getattr(request.state, DECISION, None) is not None:
        return
    decision = await admission.count_request(state, principal)
    if decision is not None:
        setattr(request.state, DECISION, decision)
    admission.refuse_if_over(decision)


async def admitted(
    request: Request, state: StateDep, principal: Annotated[Principal, Depends(authenticated)]
) -> Principal:
    """The authenticated principal, once its tenant's rate limit admits the request."""
    await admit(request, state, principal)
    return principal


Caller = Annotated[Principal, Depends(admitted)]


def require_role(minimum: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting keys of at least `minimum`'s role (403 otherwise)."""

    async def dependency(principal: Caller) -> Principal:
        admission.require(principal, minimum)
        return principal

    return dependency


Writer = Annotated[Principal, Depends(require_role(Role.ANALYST))]
"""A caller whose key may ask and change what asking made (analyst or admin)."""


async def within_tokens(
    state: StateDep, principal: Annotated[Principal, Depends(require_role(Role.ANALYST))]
) -> Principal:
    """An asker whose tenant has model tokens left today (UTC); 429 `token_limit` otherwise."""
    await admission.within_tokens(state, principal)
    return principal


Asker = Annotated[Principal, Depends(within_tokens)]


async def actor(request: Request, state: StateDep) -> Actor:
    """An operator key, or an admin-role tenant key (403 for viewer and analyst keys)."""
    token = bearer_token(request)
    presented = hash_key(token) if token is not None else None
    if presented is not None and any(
        hmac.compare_digest(presented, hash_key(key.get_secret_value()))
        for key in state.settings.operator_keys
    ):
        tag_request(request, {"aya.caller": "operator"})
        return Actor("operator", None, "operator")
    principal = await authenticated(request, state)
    await admit(request, state, principal)
    if not at_least(principal.role, Role.ADMIN):
        raise ApiError(403, f"This needs an admin key; this key's role is {principal.role}.")
    return Actor("admin", principal.tenant_id, principal.key_id, principal.tenant_kind)


Admin = Annotated[Actor, Depends(actor)]
