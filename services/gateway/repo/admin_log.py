"""The `admin_audit` table: who changed what, written in the change's own transaction."""

from __future__ import annotations

import json
from typing import Any

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from libs.common.db import tenant_transaction
from services.gateway.admin_schemas import AuditEntry
from services.gateway.repo import Conn, Pool


async def audit(
    conn: Conn, tenant_id: str, actor: str, action: str, target: str,
    before: dict[str, Any] | None, after: dict[str, Any] | None,
) -> None:  # fmt: skip
    """One admin-audit row, in the caller's transaction (the change and its record commit
    together)."""
    await conn.execute(
        "INSERT INTO admin_audit (tenant_id, actor, action, target, before, after)"
        " VALUES (%s, %s, %s, %s, %s, %s)",
        (tenant_id, actor, action, target, _json(before), _json(after)),
    )


async def audit_log(pool: Pool, tenant_id: str, limit: int | None) -> list[AuditEntry]:
    """The tenant's admin audit log, newest first (all of it when `limit` is None)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            "SELECT actor, action, target, before, after, at FROM admin_audit"
            " ORDER BY at DESC, id DESC LIMIT %s",
            (limit,),
        )
        return [AuditEntry(**row) for row in await cur.fetchall()]


async def log_action(pool: Pool, tenant_id: str, actor: str, action: str) -> None:
    """An admin-audit row for an action that changes nothing (e.g. an export of the data)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        await audit(conn, tenant_id, actor, action, tenant_id, None, None)


def _json(value: dict[str, Any] | None) -> Jsonb | None:
    return None if value is None else Jsonb(json.loads(json.dumps(value, default=str)))
