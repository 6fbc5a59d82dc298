"""The `alerts` table (tenant-scoped): an alert is raised once per (kind, key) and, in the same
transaction, queued for every enabled webhook of the tenant that wants its kind; listed for
`GET /v1/alerts`, exported and swept with the tenant's questions."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, cast

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from libs.common.alerts import AlertEvent
from libs.common.db import tenant_transaction
from services.gateway.repo import Pool


@dataclass(frozen=True)
class Raised:
    """A new alert and how many deliveries it queued."""

    alert_id: str
    deliveries: int


def delivery_body(
    alert_id: str, kind: str, tenant_id: str, raised_at: dt.datetime, data: dict[str, Any]
) -> str:
    """The JSON body every webhook gets for an alert (the same bytes on every attempt)."""
    return json.dumps(
        {
            "id": alert_id,
            "event": kind,
            "tenant_id": tenant_id,
            "created_at": raised_at.isoformat(),
            "data": data,
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


async def raise_alert(
    pool: Pool,
    tenant_id: str,
    kind: AlertEvent,
    key: str,
    data: dict[str, Any],
    retry_window: dt.timedelta,
) -> Raised | None:
    """Record the alert and queue its deliveries, in one transaction; None when this alert
    (kind and key) was raised before (a redelivery or a repeat)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute(
            "INSERT INTO alerts (tenant_id, id, kind, key, data) VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT (tenant_id, kind, key) DO NOTHING RETURNING id::text, raised_at",
            (tenant_id, str(uuid.uuid4()), kind.value, key, Jsonb(data)),
        )
        row = await cur.fetchone()
        if row is None:
            return None
        alert_id, raised_at = cast(tuple[str, dt.datetime], row)
        body = delivery_body(alert_id, kind.value, tenant_id, raised_at, data)
        cur = await conn.execute(
            "INSERT INTO webhook_deliveries (tenant_id, id, webhook_id, alert_id, event, body,"
            " give_up_at)"
            " SELECT tenant_id, gen_random_uuid(), id, %s, %s, %s, %s FROM webhooks"
            " WHERE enabled AND %s = ANY (events)",
            (alert_id, kind.value, body, raised_at + retry_window, kind.value),
        )
        return Raised(alert_id=alert_id, deliveries=cur.rowcount)


@dataclass(frozen=True)
class AlertRow:
    """An alert as listed."""

    id: str
    kind: str
    raised_at: dt.datetime
    data: dict[str, Any]


async def list_alerts(
    pool: Pool,
    tenant_id: str,
    limit: int,
    before: tuple[dt.datetime, str] | None,
    kind: AlertEvent | None,
) -> list[AlertRow]:
    """The tenant's alerts, newest first, strictly older than `before`; of one kind or all."""
    where: list[str] = []
    params: list[Any] = []
    if kind is not None:
        where.append("kind = %s")
        params.append(kind.value)
    if before is not None:
        where.append("(raised_at, id) < (%s, %s::uuid)")
        params += [before[0], before[1]]
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT id::text AS id, kind, raised_at, data FROM alerts {clause}"
            " ORDER BY raised_at DESC, id DESC LIMIT %s",
            [*params, limit],
        )
        return [AlertRow(**row) for row in await cur.fetchall()]


EXPORT_PAGE = 200


async def export_alerts(pool: Pool, tenant_id: str) -> AsyncIterator[dict[str, Any]]:
    """Every alert of the tenant, oldest first, each with its deliveries and their attempts."""
    after: tuple[Any, Any] | None = None
    while True:
        where, params = "", [EXPORT_PAGE]
        if after is not None:
            where = "WHERE (raised_at, id) > (%s, %s::uuid)"
            params = [after[0], after[1], EXPORT_PAGE]
        async with tenant_transaction(pool, tenant_id) as conn:
            cur = conn.cursor(row_factory=dict_row)
            await cur.execute(
                f"SELECT id::text AS id, kind, key, raised_at, data FROM alerts {where}"
                " ORDER BY raised_at, id LIMIT %s",
                params,
            )
            rows = await cur.fetchall()
            for row in rows:
                await cur.execute(
                    "SELECT d.id::text AS id, d.webhook_id::text AS webhook_id, d.state,"
                    " d.created_at, d.finished_at, coalesce(jsonb_agg(jsonb_build_object("
                    "'attempt', a.attempt, 'at', a.at, 'status_code', a.status_code,"
                    " 'error', a.error, 'duration_ms', a.duration_ms) ORDER BY a.attempt)"
                    " FILTER (WHERE a.attempt IS NOT NULL), '[]') AS attempts"
                    " FROM webhook_deliveries d LEFT JOIN webhook_attempts a"
                    " ON a.tenant_id = d.tenant_id AND a.delivery_id = d.id"
                    " WHERE d.alert_id = %s GROUP BY d.tenant_id, d.id ORDER BY d.created_at",
                    (row["id"],),
                )
                row["deliveries"] = await cur.fetchall()
        for row in rows:
            yield row
        if len(rows) < EXPORT_PAGE:
            return
        after = (rows[-1]["raised_at"], rows[-1]["id"])


async def purge_expired(pool: Pool) -> list[tuple[str, int]]:
    """Delete alerts (with their deliveries) past their tenant's retention, per tenant."""
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT * FROM purge_expired_alerts()")
        return cast(list[tuple[str, int]], await cur.fetchall())
