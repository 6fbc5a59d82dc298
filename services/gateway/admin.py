"""`/v1/admin/...`: agencies, client tenants, keys, settings and the admin audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, StreamingResponse
from psycopg.errors import UniqueViolation

from libs.common.ids import TENANT_ID_PATTERN
from libs.common.presentation import micros
from libs.common.vocab import Role
from services.gateway import lifecycle
from services.gateway.access import Actor, target_tenant
from services.gateway.admin_schemas import (
    AgencyUsage,
    AuditLog,
    CreatedKey,
    CreatedTenant,
    ErasureReceipt,
    InstructionsBody,
    InstructionsHistory,
    InstructionsView,
    KeyList,
    NewKey,
    NewTenant,
    RevokedKey,
    TenantList,
    TenantSettings,
    TenantView,
)
from services.gateway.deps import Admin, StateDep
from services.gateway.economics import client_line, report_totals
from services.gateway.errors import ApiError
from services.gateway.keys import generate_key
from services.gateway.repo import admin_log, context, keys, tenants
from services.gateway.schemas import ErrorBody, error_responses
from services.gateway.state import GatewayState
from services.gateway.usage import tenant_usage, usage_request

router = APIRouter(prefix="/v1/admin", tags=["admin"])
TenantPath = Annotated[str, Path(pattern=TENANT_ID_PATTERN, max_length=63)]
# Limits, budgets, markup and model policy are the agency's (or operator's) to set.
AGENCY_SETTINGS = {
    "requests_per_minute", "tokens_per_day", "max_concurrent_analyses",
    "monthly_budget_usd_micros", "budget_alert_ratio", "budget_policy", "budget_fail_open",
    "markup_percent", "allowed_tiers", "model_overrides", "engine_chain",
}  # fmt: skip
ERRORS: dict[int | str, dict[str, Any]] = {
    **error_responses(401, 403, 422, 429),
    404: {"model": ErrorBody, "description": "Unknown tenant."},
}
"""Every admin call's errors: an admin key is rate-limited like any other (429)."""


@router.post("/agencies", status_code=201, response_model=CreatedTenant, responses=ERRORS)
async def create_agency(state: StateDep, body: NewTenant, actor: Admin) -> JSONResponse:
    """Create an agency and its first admin key (platform operator only)."""
    if actor.kind != "operator":
        raise ApiError(403, "Only the platform operator creates agencies.")
    return await _create(state, body, None, "agency", actor)


@router.post("/tenants", status_code=201, response_model=CreatedTenant, responses=ERRORS)
async def create_client(state: StateDep, body: NewTenant, actor: Admin) -> JSONResponse:
    """Create a client tenant of the caller's agency, with its first admin key."""
    if actor.kind != "admin" or actor.tenant_kind != "agency":
        raise ApiError(403, "Only an agency's admin creates client tenants.")
    return await _create(state, body, actor.tenant_id, "client", actor)


async def _create(
    state: GatewayState, body: NewTenant, parent: str | None, kind: str, actor: Actor
) -> JSONResponse:
    taken = ApiError(409, f"A tenant with the id {body.id!r} already exists.")
    if await tenants.tenant_exists(state.pool, body.id):
        raise taken
    fields = _columns(body.model_dump(mode="json", exclude_unset=True))
    try:
        tenant = await tenants.create_tenant(state.pool, fields, parent, kind, actor.name)
    except UniqueViolation as exc:  # created meanwhile by a concurrent request
        raise taken from exc
    key = generate_key()
    await keys.add_key(state.pool, body.id, key, Role.ADMIN, "first admin", None, actor.name)
    created = CreatedTenant(
        tenant=tenant,
        admin_key=CreatedKey(
            key_id=key.key_id, prefix=key.prefix, role=Role.ADMIN, api_key=key.plaintext
        ),
    )
    return JSONResponse(created.model_dump(mode="json"), status_code=201)


@router.get("/tenants", responses=ERRORS)
async def list_clients(state: StateDep, actor: Admin) -> TenantList:
    """The caller agency's client tenants."""
    if actor.kind != "admin" or actor.tenant_kind != "agency" or actor.tenant_id is None:
        raise ApiError(403, "Only an agency's admin lists client tenants.")
    return TenantList(items=await tenants.client_tenants(state.pool, actor.tenant_id))


@router.get("/usage", responses=ERRORS)
async def agency_usage(
    state: StateDep,
    actor: Admin,
    start: Annotated[dt.date | None, Query(alias="from", description="First day (UTC).")] = None,
    end: Annotated[dt.date | None, Query(alias="to", description="Last day (UTC).")] = None,
) -> AgencyUsage:
    """Per client of the caller's agency: usage, cost and the billed amount (with markup)."""
    if actor.kind != "admin" or actor.tenant_kind != "agency" or actor.tenant_id is None:
        raise ApiError(403, "Only an agency's admin sees its clients' usage.")
    ask = usage_request(state, start, end, None)
    clients = await tenants.client_tenants(state.pool, actor.tenant_id)
    lines = [client_line(c, await tenant_usage(state, c.id, ask)) for c in clients]
    return AgencyUsage(
        agency_id=actor.tenant_id,
        start=ask.start,
        end=ask.end,
        clients=lines,
        totals=report_totals(lines),
    )


@router.get("/tenants/{tenant_id}", responses=ERRORS)
async def get_tenant(state: StateDep, tenant_id: TenantPath, actor: Admin) -> TenantView:
    """A tenant's settings (the Lemanado credential only as set / not set)."""
    return await target_tenant(state, actor, tenant_id)


@router.patch("/tenants/{tenant_id}", responses=ERRORS)
async def update_tenant(
    state: StateDep, tenant_id: TenantPath, body: TenantSettings, actor: Admin
) -> TenantView:
    """Change settings; limits, budgets, markup and model policy only from the agency above."""
    tenant = await target_tenant(state, actor, tenant_id)
    changes = _columns(body.model_dump(mode="json", exclude_unset=True))
    own = actor.kind == "admin" and tenant.id == actor.tenant_id
    if own and AGENCY_SETTINGS & changes.keys():
        names = ", ".join(sorted(AGENCY_SETTINGS & changes.keys()))
        raise ApiError(403, f"Only this tenant's agency (or the operator) may set: {names}.")
    return await tenants.update_tenant(state.pool, tenant_id, changes, actor.name, "tenant.update")


@router.delete(
    "/tenants/{tenant_id}",
    responses={
        **ERRORS,
        409: {"description": "An agency with clients"},
        503: {"description": "A store is unavailable; the tenant stays suspended, retry"},
    },
)
async def delete_tenant(state: StateDep, tenant_id: TenantPath, actor: Admin) -> ErasureReceipt:
    """Delete the tenant and everything of it on every store (its agency or the operator);
    the receipt says what was deleted where, and is kept in the agency's admin log."""
    # agency_only: a tenant's own admin is refused (403), only its agency or the operator may.
    tenant = await target_tenant(state, actor, tenant_id, "agency_only")
    return await lifecycle.erase_tenant(state, tenant, actor.name)


@router.get(
    "/tenants/{tenant_id}/export",
    responses={
        **ERRORS,
        200: {"content": {"application/x-ndjson": {}}, "description": "JSON lines"},
        503: {"description": "The ledger is unavailable"},
    },
)
async def export_tenant(state: StateDep, tenant_id: TenantPath, actor: Admin) -> StreamingResponse:
    """Everything of the tenant as JSON lines: settings, questions with answers, model calls
    (usage and cost), the admin log; a complete export ends with an `end` line."""
    tenant = await target_tenant(state, actor, tenant_id)
    first = await lifecycle.ledger_page(state, tenant_id, None)  # a 503 before any byte is sent
    # Taking all of a tenant's data out is worth a line in its admin log (who, when).
    await admin_log.log_action(state.pool, tenant_id, actor.name, "tenant.export")
    return StreamingResponse(
        lifecycle.export_lines(state, tenant, first),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="{tenant_id}-export.jsonl"'},
    )


@router.post("/tenants/{tenant_id}/suspend", responses=ERRORS)
async def suspend(state: StateDep, tenant_id: TenantPath, actor: Admin) -> TenantView:
    """Suspend a tenant: its keys get 403 from their next request."""
    return await _status(state, actor, tenant_id, "suspended")


@router.post("/tenants/{tenant_id}/resume", responses=ERRORS)
async def resume(state: StateDep, tenant_id: TenantPath, actor: Admin) -> TenantView:
    """Lift a suspension."""
    return await _status(state, actor, tenant_id, "active")


async def _status(state: GatewayState, actor: Actor, tenant_id: str, status: str) -> TenantView:
    await target_tenant(state, actor, tenant_id, "agency_only")
    action = "tenant.suspend" if status == "suspended" else "tenant.resume"
    return await tenants.update_tenant(
        state.pool, tenant_id, {"status": status}, actor.name, action
    )


@router.post(
    "/tenants/{tenant_id}/keys", status_code=201, response_model=CreatedKey, responses=ERRORS
)
async def create_key(
    state: StateDep, tenant_id: TenantPath, body: NewKey, actor: Admin
) -> JSONResponse:
    """A new key for the tenant; the plaintext is in this response only."""
    await target_tenant(state, actor, tenant_id)
    key = generate_key()
    await keys.add_key(
        state.pool, tenant_id, key, body.role, body.name, body.expires_at, actor.name
    )
    created = CreatedKey(
        key_id=key.key_id, prefix=key.prefix, role=body.role, api_key=key.plaintext
    )
    return JSONResponse(created.model_dump(mode="json"), status_code=201)


@router.get("/tenants/{tenant_id}/keys", responses=ERRORS)
async def list_keys(state: StateDep, tenant_id: TenantPath, actor: Admin) -> KeyList:
    """The tenant's keys: visible prefix, role, dates."""
    await target_tenant(state, actor, tenant_id)
    return KeyList(items=await keys.list_keys(state.pool, tenant_id))


@router.delete("/tenants/{tenant_id}/keys/{key_id}", responses=ERRORS)
async def revoke_key(
    state: StateDep,
    tenant_id: TenantPath,
    key_id: Annotated[str, Path(max_length=64)],
    actor: Admin,
) -> RevokedKey:
    """Revoke a key: it gets 401 from its next request."""
    await target_tenant(state, actor, tenant_id)
    if not await keys.revoke_key(state.pool, tenant_id, key_id, actor.name):
        raise ApiError(404, "No active key with this id.")
    return RevokedKey(key_id=key_id)


@router.put("/tenants/{tenant_id}/instructions", responses=ERRORS)
async def put_instructions(
    state: StateDep, tenant_id: TenantPath, body: InstructionsBody, actor: Admin
) -> InstructionsView:
    """Set the tenant's business context and targets: a new version (the old ones are kept,
    and the change is in the admin log). Answers from now on use it; each model call records
    the prompt version it ran with."""
    await target_tenant(state, actor, tenant_id)
    written = await context.write(state.pool, tenant_id, body.model_dump(), actor.name)
    return InstructionsView(**asdict(written))


@router.get("/tenants/{tenant_id}/instructions", responses=ERRORS)
async def get_instructions(
    state: StateDep, tenant_id: TenantPath, actor: Admin
) -> InstructionsHistory:
    """The tenant's current instructions and every earlier version, newest first."""
    await target_tenant(state, actor, tenant_id)
    versions = [
        InstructionsView(**asdict(v)) for v in await context.versions(state.pool, tenant_id)
    ]
    return InstructionsHistory(current=versions[0] if versions else None, versions=versions)


@router.get("/tenants/{tenant_id}/audit", responses=ERRORS)
async def audit_log(
    state: StateDep,
    tenant_id: TenantPath,
    actor: Admin,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditLog:
    """The tenant's admin audit log (who, what, before/after, when), newest first."""
    await target_tenant(state, actor, tenant_id)
    return AuditLog(items=await admin_log.audit_log(state.pool, tenant_id, limit))


def _columns(fields: dict[str, Any]) -> dict[str, Any]:
    """API fields → columns (the budget is stored in USD micros)."""
    if "monthly_budget_usd" in fields:
        budget = fields.pop("monthly_budget_usd")
        fields["monthly_budget_usd_micros"] = None if budget is None else micros(budget)
    return fields
