"""Who may administer what: the platform operator (keys from configuration), a tenant's admin
for itself, an agency's admin for its clients — down the tree, never sideways."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from services.gateway.admin_schemas import TenantView
from services.gateway.errors import ApiError
from services.gateway.repo import tenants

if TYPE_CHECKING:
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


Scope = Literal["self_or_agency", "agency_only"]


async def target_tenant(
    state: GatewayState, actor: Actor, tenant_id: str, scope: Scope = "self_or_agency"
) -> TenantView:
    """The tenant `actor` may act on, or 404 (unknown and not-yours look the same) / 403."""
    viewer = tenant_id if actor.kind == "operator" else (actor.tenant_id or "")
    tenant = await tenants.visible_tenant(state.pool, viewer, tenant_id)
    if tenant is None:
        raise ApiError(404, "No tenant with this id.")
    if scope == "agency_only" and actor.kind == "admin" and tenant.parent_id != actor.tenant_id:
        raise ApiError(403, "Only the tenant's agency (or the platform operator) may do this.")
    return tenant
