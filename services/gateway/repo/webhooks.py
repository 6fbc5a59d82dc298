"""The `webhooks` table: a tenant's registered receivers (tenant-scoped); every change is in
the admin log, in its own transaction, without the secret."""

from __future__ import annotations

import uuid
from typing import Any

from psycopg import sql
from psycopg.rows import dict_row

from libs.common.db import tenant_transaction
from services.gateway.repo import Conn, Pool
from services.gateway.repo.admin_log import audit
from services.gateway.webhook_schemas import WebhookView

_VIEW = "id::text AS id, url, events, enabled, description, created_at, updated_at"
_SETTABLE = ("url", "events", "enabled", "description")


async def create(
    pool: Pool, tenant_id: str, fields: dict[str, Any], secret: str, actor: str
) -> WebhookView:
    """Register a webhook; logged as `webhook.create`."""
    webhook_id = str(uuid.uuid4())
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            "INSERT INTO webhooks (tenant_id, id, url, events, secret, enabled, description)"
            f" VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING {_VIEW}",
            (
                tenant_id,
                webhook_id,
                fields["url"],
                fields["events"],
                secret,
                fields["enabled"],
                fields["description"],
            ),
        )
        row = await cur.fetchone()
        assert row is not None  # an INSERT … RETURNING always returns its row
        created = WebhookView(**row)
        await audit(conn, tenant_id, actor, "webhook.create", webhook_id, None, _logged(created))
    return created


async def list_webhooks(pool: Pool, tenant_id: str) -> list[WebhookView]:
    """The tenant's webhooks, newest first."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(f"SELECT {_VIEW} FROM webhooks ORDER BY created_at DESC, id DESC")
        return [WebhookView(**row) for row in await cur.fetchall()]


async def get(pool: Pool, tenant_id: str, webhook_id: str) -> WebhookView | None:
    """One webhook of the tenant, or None."""
    async with tenant_transaction(pool, tenant_id) as conn:
        return await _read(conn, webhook_id)


async def update(
    pool: Pool, tenant_id: str, webhook_id: str, changes: dict[str, Any], actor: str
) -> WebhookView | None:
    """Change url, events, enabled or description; logged with before and after."""
    columns = [c for c in _SETTABLE if c in changes]
    async with tenant_transaction(pool, tenant_id) as conn:
        before = await _read(conn, webhook_id, lock=True)
        if before is None:
            return None
        await conn.execute(
            sql.SQL("UPDATE webhooks SET {}, updated_at = app_now() WHERE id = %s").format(
                sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(c)) for c in columns)
            ),
            [*(changes[c] for c in columns), webhook_id],
        )
        after = await _read(conn, webhook_id)
        assert after is not None  # read in the transaction that holds its lock
        await audit(
            conn, tenant_id, actor, "webhook.update", webhook_id, _logged(before), _logged(after)
        )
    return after


async def delete(pool: Pool, tenant_id: str, webhook_id: str, actor: str) -> bool:
    """Delete a webhook with its deliveries; logged. False when there was none."""
    async with tenant_transaction(pool, tenant_id) as conn:
        before = await _read(conn, webhook_id, lock=True)
        if before is None:
            return False
        await conn.execute("DELETE FROM webhooks WHERE id = %s", (webhook_id,))
        await audit(conn, tenant_id, actor, "webhook.delete", webhook_id, _logged(before), None)
    return True


async def _read(conn: Conn, webhook_id: str, lock: bool = False) -> WebhookView | None:
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute(
        f"SELECT {_VIEW} FROM webhooks WHERE id = %s" + (" FOR UPDATE" if lock else ""),
        (webhook_id,),
    )
    row = await cur.fetchone()
    return WebhookView(**row) if row else None


def _logged(webhook: WebhookView) -> dict[str, Any]:
    return webhook.model_dump(mode="json")
