"""`/v1/admin/tenants/{id}/webhooks…`: a tenant's webhooks (its admin or its agency's), their
delivery log and redelivery. Same checks and admin-log entries as the rest of the admin API."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, Response

from libs.common.ids import TENANT_ID_PATTERN
from services.gateway.access import target_tenant
from services.gateway.cursors import decode_cursor, encode_cursor, is_uuid
from services.gateway.deps import Admin, StateDep
from services.gateway.errors import ApiError
from services.gateway.repo import deliveries, webhooks
from services.gateway.schemas import ErrorBody, error_responses
from services.gateway.state import GatewayState
from services.gateway.url_guard import UnsafeUrl
from services.gateway.webhook_schemas import (
    CreatedWebhook,
    DeliveryList,
    DeliveryView,
    NewWebhook,
    WebhookList,
    WebhookPatch,
    WebhookView,
)

router = APIRouter(prefix="/v1/admin/tenants/{tenant_id}/webhooks", tags=["admin"])
TenantPath = Annotated[str, Path(pattern=TENANT_ID_PATTERN, max_length=63)]
IdPath = Annotated[str, Path(max_length=64)]
ERRORS: dict[int | str, dict[str, Any]] = {
    **error_responses(401, 403, 429),
    404: {"model": ErrorBody, "description": "Unknown tenant, webhook or delivery."},
    422: {
        "model": ErrorBody,
        "description": "Invalid body or parameter, or a URL we will not send to.",
    },
}
_NO_WEBHOOK = "No webhook with this id."


@router.post("", status_code=201, response_model=CreatedWebhook, responses=ERRORS)
async def create_webhook(
    state: StateDep, tenant_id: TenantPath, body: NewWebhook, actor: Admin
) -> JSONResponse:
    """Register a webhook; its signing secret (given, or generated) is in this response only."""
    await target_tenant(state, actor, tenant_id)
    await _guarded(state, body.url)
    secret = body.secret or f"whsec_{secrets.token_urlsafe(32)}"
    fields = body.model_dump(mode="json", exclude={"secret"})
    created = await webhooks.create(state.pool, tenant_id, fields, secret, actor.name)
    shown = CreatedWebhook(**created.model_dump(), secret=secret)
    return JSONResponse(shown.model_dump(mode="json"), status_code=201)


@router.get("", responses=ERRORS)
async def list_webhooks(state: StateDep, tenant_id: TenantPath, actor: Admin) -> WebhookList:
    """The tenant's webhooks, newest first (never their secrets)."""
    await target_tenant(state, actor, tenant_id)
    return WebhookList(items=await webhooks.list_webhooks(state.pool, tenant_id))


@router.get("/{webhook_id}", responses=ERRORS)
async def get_webhook(
    state: StateDep, tenant_id: TenantPath, webhook_id: IdPath, actor: Admin
) -> WebhookView:
    """One webhook."""
    await target_tenant(state, actor, tenant_id)
    found = await webhooks.get(state.pool, tenant_id, webhook_id) if is_uuid(webhook_id) else None
    if found is None:
        raise ApiError(404, _NO_WEBHOOK)
    return found


@router.patch("/{webhook_id}", responses=ERRORS)
async def patch_webhook(
    state: StateDep, tenant_id: TenantPath, webhook_id: IdPath, body: WebhookPatch, actor: Admin
) -> WebhookView:
    """Change its URL, events, description, or switch it on or off (deliveries of a switched
    off webhook wait, and go on when it is switched on again within their retry window)."""
    await target_tenant(state, actor, tenant_id)
    changes = body.model_dump(mode="json", exclude_none=True)
    if not changes:
        raise ApiError(422, "Nothing to change: send url, events, enabled and/or description.")
    if not is_uuid(webhook_id):
        raise ApiError(404, _NO_WEBHOOK)
    if "url" in changes:
        await _guarded(state, changes["url"])
    changed = await webhooks.update(state.pool, tenant_id, webhook_id, changes, actor.name)
    if changed is None:
        raise ApiError(404, _NO_WEBHOOK)
    return changed


@router.delete("/{webhook_id}", status_code=204, responses=ERRORS)
async def delete_webhook(
    state: StateDep, tenant_id: TenantPath, webhook_id: IdPath, actor: Admin
) -> Response:
    """Delete a webhook and its delivery log (the alerts stay in `GET /v1/alerts`)."""
    await target_tenant(state, actor, tenant_id)
    deleted = is_uuid(webhook_id) and await webhooks.delete(
        state.pool, tenant_id, webhook_id, actor.name
    )
    if not deleted:
        raise ApiError(404, _NO_WEBHOOK)
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", responses=ERRORS)
async def list_deliveries(
    state: StateDep,
    tenant_id: TenantPath,
    webhook_id: IdPath,
    actor: Admin,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size (1–100).")] = 20,
    cursor: Annotated[str | None, Query(max_length=200, description="From next_cursor.")] = None,
) -> DeliveryList:
    """The webhook's deliveries, newest first, each with its attempts (time, status code or
    error, duration)."""
    await target_tenant(state, actor, tenant_id)
    before = decode_cursor(cursor) if cursor else None
    if not is_uuid(webhook_id) or await webhooks.get(state.pool, tenant_id, webhook_id) is None:
        raise ApiError(404, _NO_WEBHOOK)
    items = await deliveries.list_deliveries(state.pool, tenant_id, webhook_id, limit, before)
    following = encode_cursor(items[-1].created_at, items[-1].id) if len(items) == limit else None
    return DeliveryList(items=items, next_cursor=following)


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/redeliver",
    status_code=202,
    response_model=DeliveryView,
    responses=ERRORS,
)
async def redeliver(
    state: StateDep,
    tenant_id: TenantPath,
    webhook_id: IdPath,
    delivery_id: IdPath,
    actor: Admin,
) -> JSONResponse:
    """Send a delivery again now, same body, retried as a new one would be."""
    await target_tenant(state, actor, tenant_id)
    window = dt.timedelta(seconds=state.settings.webhook_retry_window_seconds)
    view = (
        await deliveries.redeliver(
            state.pool, tenant_id, webhook_id, delivery_id, window, actor.name
        )
        if is_uuid(webhook_id) and is_uuid(delivery_id)
        else None
    )
    if view is None:
        raise ApiError(404, "No delivery with this id for this webhook.")
    return JSONResponse(view.model_dump(mode="json"), status_code=202)


async def _guarded(state: GatewayState, url: str) -> None:
    """422 for a URL the SSRF guard refuses (the same check runs before every delivery)."""
    try:
        await state.url_guard.check(url)
    except UnsafeUrl as exc:
        raise ApiError(
            422, f"url: {exc.reason}; webhooks are only sent to public addresses."
        ) from exc
