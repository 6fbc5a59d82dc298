"""`GET /v1/alerts`: the tenant's alerts, newest first, for the page and for clients that poll
(any key of the tenant)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from libs.common.alerts import AlertEvent
from services.gateway.cursors import decode_cursor, encode_cursor
from services.gateway.deps import Caller, StateDep
from services.gateway.repo import alerts
from services.gateway.schemas import error_responses
from services.gateway.webhook_schemas import AlertList, AlertView

router = APIRouter(prefix="/v1")


@router.get("/alerts", response_model=AlertList, responses=error_responses(401, 403, 422, 429))
async def list_alerts(
    state: StateDep,
    caller: Caller,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size (1–100).")] = 20,
    cursor: Annotated[str | None, Query(max_length=200, description="From next_cursor.")] = None,
    kind: Annotated[AlertEvent | None, Query(description="Only alerts of this kind.")] = None,
) -> AlertList:
    """The tenant's alerts (budget threshold and exhaustion, anomalies), newest first."""
    before = decode_cursor(cursor) if cursor else None
    rows = await alerts.list_alerts(state.pool, caller.tenant_id, limit, before, kind)
    following = encode_cursor(rows[-1].raised_at, rows[-1].id) if len(rows) == limit else None
    return AlertList(
        items=[
            AlertView(id=r.id, kind=AlertEvent(r.kind), raised_at=r.raised_at, data=r.data)
            for r in rows
        ],
        next_cursor=following,
    )
