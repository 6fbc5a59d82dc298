"""`webhook_deliveries` and `webhook_attempts` (tenant-scoped but the claim): what is due,
each attempt's outcome, the delivery log and redelivery."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, cast

from psycopg.rows import dict_row

from libs.common.db import tenant_transaction
from services.gateway.repo import Conn, Pool
from services.gateway.repo.admin_log import audit
from services.gateway.webhook_schemas import AttemptView, DeliveryView


async def claim(
    pool: Pool, batch: int, per_tenant: int, busy: list[str], lease: dt.timedelta
) -> list[tuple[str, str]]:
    """(tenant, delivery id) of up to `batch` due deliveries, leased to this sender (across
    tenants: the one place that reads more than one tenant's deliveries, and only their ids)."""
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT tenant_id, delivery_id::text FROM claim_webhook_deliveries(%s, %s, %s, %s)",
            (batch, per_tenant, busy, lease),
        )
        return cast(list[tuple[str, str]], await cur.fetchall())


@dataclass(frozen=True)
class Due:
    """A claimed delivery with what sending it needs."""

    tenant_id: str
    delivery_id: str
    event: str
    body: str
    url: str
    secret: str
    attempts: int


async def load(pool: Pool, tenant_id: str, delivery_id: str) -> Due | None:
    """The claimed delivery, if it is still pending (None: done or deleted meanwhile)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            "SELECT d.event, d.body, d.attempts, w.url, w.secret FROM webhook_deliveries d"
            " JOIN webhooks w ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id"
            " WHERE d.id = %s AND d.state = 'pending'",
            (delivery_id,),
        )
        row = await cur.fetchone()
    return Due(tenant_id=tenant_id, delivery_id=delivery_id, **row) if row else None


Outcome = Literal["delivered", "retry"]


async def record_attempt(
    pool: Pool,
    due: Due,
    *,
    status_code: int | None,
    error: str | None,
    duration_ms: int,
    outcome: Outcome,
    retry_in: float,
) -> str:
    """Log one attempt and settle the delivery: delivered, to be retried in `retry_in`
    seconds, or failed when that would pass its retry window. Returns the new state."""
    attempt = due.attempts + 1
    async with tenant_transaction(pool, due.tenant_id) as conn:
        await conn.execute(
            "INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, status_code, error,"
            " duration_ms) VALUES (%s, %s, %s, %s, %s, %s)",
            (due.tenant_id, due.delivery_id, attempt, status_code, _short(error), duration_ms),
        )
        cur = await conn.execute(
            "UPDATE webhook_deliveries SET attempts = %s, locked_until = NULL,"
            " state = CASE WHEN %s THEN 'delivered'"
            "   WHEN app_now() + make_interval(secs => %s) > give_up_at THEN 'failed'"
            "   ELSE 'pending' END,"
            " next_attempt_at = app_now() + make_interval(secs => %s),"
            " finished_at = CASE WHEN %s OR app_now() + make_interval(secs => %s) > give_up_at"
            "   THEN app_now() END"
            " WHERE id = %s RETURNING state",
            (
                attempt,
                outcome == "delivered",
                retry_in,
                retry_in,
                outcome == "delivered",
                retry_in,
                due.delivery_id,
            ),
        )
        row = await cur.fetchone()
    return str(row[0]) if row else "deleted"


def _short(error: str | None) -> str | None:
    return None if error is None else error[:500]


async def list_deliveries(
    pool: Pool,
    tenant_id: str,
    webhook_id: str,
    limit: int,
    before: tuple[dt.datetime, str] | None,
) -> list[DeliveryView]:
    """A webhook's deliveries, newest first, strictly older than `before`, with attempts."""
    where = "d.webhook_id = %s"
    params: list[Any] = [webhook_id]
    if before is not None:
        where += " AND (d.created_at, d.id) < (%s, %s::uuid)"
        params += [before[0], before[1]]
    async with tenant_transaction(pool, tenant_id) as conn:
        return await _deliveries(conn, where, [*params, limit])


_DELIVERY = (
    "SELECT d.id::text AS id, d.alert_id::text AS alert_id, d.event, d.state, d.created_at,"
    " CASE WHEN d.state = 'pending' THEN d.next_attempt_at END AS next_attempt_at,"
    " d.give_up_at, d.finished_at, coalesce(jsonb_agg(jsonb_build_object("
    "'attempt', a.attempt, 'at', a.at, 'status_code', a.status_code, 'error', a.error,"
    " 'duration_ms', a.duration_ms) ORDER BY a.attempt) FILTER (WHERE a.attempt IS NOT NULL),"
    " '[]') AS attempts"
    " FROM webhook_deliveries d LEFT JOIN webhook_attempts a"
    " ON a.tenant_id = d.tenant_id AND a.delivery_id = d.id"
)


async def _deliveries(conn: Conn, where: str, params: list[Any]) -> list[DeliveryView]:
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute(
        f"{_DELIVERY} WHERE {where} GROUP BY d.tenant_id, d.id"
        " ORDER BY d.created_at DESC, d.id DESC LIMIT %s",
        params,
    )
    return [
        DeliveryView(
            **{k: v for k, v in row.items() if k != "attempts"},
            attempts=[AttemptView.model_validate(a) for a in row["attempts"]],
        )
        for row in await cur.fetchall()
    ]


async def redeliver(
    pool: Pool,
    tenant_id: str,
    webhook_id: str,
    delivery_id: str,
    window: dt.timedelta,
    actor: str,
) -> DeliveryView | None:
    """Send a delivery again now (whatever its state), retried for a new window; logged.
    None when the webhook has no such delivery."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute(
            "UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = app_now(),"
            " give_up_at = app_now() + %s, finished_at = NULL, locked_until = NULL"
            " WHERE id = %s AND webhook_id = %s RETURNING id",
            (window, delivery_id, webhook_id),
        )
        if await cur.fetchone() is None:
            return None
        (view,) = await _deliveries(conn, "d.id = %s", [delivery_id, 1])
        await audit(
            conn, tenant_id, actor, "webhook.redeliver", delivery_id, None,
            {"webhook_id": webhook_id, "alert_id": view.alert_id, "event": view.event},
        )  # fmt: skip
    return view
