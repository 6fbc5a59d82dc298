"""Who may administer what: the platform operator (keys from configuration), a tenant's admin
for itself, an agency's admin for its clients — down the tree, never sideways."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import Request

from services.gateway import admin_store
from services.gateway.auth import ROLE_RANK, require_principal, tag_request
from services.gateway.errors import ApiError
from services.gateway.keys import hash_key
from services.gateway.state import GatewayState


@dataclass(frozen=True)
class Actor:
    """An operator, or the admin key of one tenant."""

    kind: Literal["operator", "admin"]
    tenant_id: str | None
    key_id: str
    tenant_kind: str | None = None

    @property
    def name(self) -> str:
        """How the admin audit log names it."""
        return "operator" if self.kind == "operator" else f"{self.tenant_id}/{self.key_id}"


async def require_actor(request: Request) -> Actor:
    """An operator key, or an admin-role tenant key (403 for viewer and analyst keys)."""
    state: GatewayState = request.app.state.gateway
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    presented = hash_key(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if presented is not None and any(
        hmac.compare_digest(presented, hash_key(key.get_secret_value()))
        for key in state.settings.operator_keys
    ):
        tag_request(request, {"aya.caller": "operator"})
        return Actor("operator", None, "operator")
    principal = await require_principal(request)
    if ROLE_RANK.get(principal.role, -1) < ROLE_RANK["admin"]:
        raise ApiError(403, f"This needs an admin key; this key's role is {principal.role}.")
    return Actor("admin", principal.tenant_id, principal.key_id, principal.tenant_kind)


Scope = Literal["self_or_agency", "agency_only"]


async def target_tenant(
    state: GatewayState, actor: Actor, tenant_id: str, scope: Scope = "self_or_agency"
) -> dict[str, Any]:
    """The tenant `actor` may act on, or 404 (unknown and not-yours look the same) / 403."""
    viewer = tenant_id if actor.kind == "operator" else (actor.tenant_id or "")
    tenant = await admin_store.visible_tenant(state.pool, viewer, tenant_id)
    if tenant is None:
        raise ApiError(404, "No tenant with this id.")
    if scope == "agency_only" and actor.kind == "admin" and tenant["parent_id"] != actor.tenant_id:
        raise ApiError(403, "Only the tenant's agency (or the platform operator) may do this.")
    return tenant
