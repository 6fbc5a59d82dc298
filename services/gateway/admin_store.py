"""PostgreSQL side of the admin API. Every read and write runs as a tenant (RLS); the only way
across tenants is the agency tree: an agency's session sees its clients' tenant rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

from psycopg import AsyncConnection, sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from libs.common.db import tenant_transaction
from libs.common.presentation import to_json_number, usd
from services.gateway.keys import NewKey as KeyMaterial
from services.gateway.store import Pool

Conn = AsyncConnection[tuple[object, ...]]

_VIEW = (
    "id, parent_id, kind, name, status, timezone, currency, logo_url, primary_color,"
    " requests_per_minute, tokens_per_day, max_concurrent_analyses,"
    " monthly_budget_usd_micros, budget_alert_ratio, budget_policy, budget_fail_open,"
    " markup_percent, allowed_tiers, model_overrides, engine_chain, query_retention_days,"
    " lemanado_credential_ref IS NOT NULL AS lemanado_credential_set, created_at"
)
_SETTABLE = {
    "name", "timezone", "currency", "logo_url", "primary_color", "requests_per_minute",
    "tokens_per_day", "max_concurrent_analyses", "monthly_budget_usd_micros",
    "budget_alert_ratio", "budget_policy", "budget_fail_open", "markup_percent",
    "allowed_tiers", "model_overrides", "engine_chain", "lemanado_credential_ref",
    "query_retention_days",
}  # fmt: skip


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Decimal):
            value = to_json_number(value)
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        out[key] = value
    if "monthly_budget_usd_micros" in out:  # tenant rows only, not keys or audit entries
        budget = out.pop("monthly_budget_usd_micros")
        out["monthly_budget_usd"] = None if budget is None else to_json_number(usd(budget))
    return out


async def visible_tenant(pool: Pool, caller_tenant: str, target: str) -> dict[str, Any] | None:
    """`target` as the caller's session sees it: itself, or one of its agency's clients."""
    async with tenant_transaction(pool, caller_tenant) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(f"SELECT {_VIEW} FROM tenants WHERE id = %s", (target,))
        row = await cur.fetchone()
    return _plain(row) if row else None


async def client_tenants(pool: Pool, agency: str) -> list[dict[str, Any]]:
    """The agency's clients (the agency-tree policy is what makes them visible)."""
    async with tenant_transaction(pool, agency) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_VIEW} FROM tenants WHERE parent_id = %s ORDER BY id", (agency,)
        )
        return [_plain(row) for row in await cur.fetchall()]


async def tenant_exists(pool: Pool, tenant_id: str) -> bool:
    """Whether the id is taken (checked as that tenant: RLS shows a row only if it exists)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute("SELECT 1 FROM tenants WHERE id = %s", (tenant_id,))
        return await cur.fetchone() is not None


async def create_tenant(
    pool: Pool, fields: dict[str, Any], parent_id: str | None, kind: str, actor: str
) -> dict[str, Any]:
    """Insert a tenant (as itself, so its own policy admits the row) and log it."""
    tenant_id = fields["id"]
    columns = ["id", "parent_id", "kind", *(k for k in fields if k in _SETTABLE)]
    values = [tenant_id, parent_id, kind, *(_db(fields[k]) for k in columns[3:])]
    async with tenant_transaction(pool, tenant_id) as conn:
        await conn.execute(
            sql.SQL("INSERT INTO tenants ({}) VALUES ({})").format(
                sql.SQL(", ").join(map(sql.Identifier, columns)),
                sql.SQL(", ").join(sql.Placeholder() * len(columns)),
            ),
            values,
        )
        created = await _read(conn, tenant_id)
        await audit(conn, tenant_id, actor, "tenant.create", tenant_id, None, created)
    return created


async def update_tenant(
    pool: Pool, tenant_id: str, changes: dict[str, Any], actor: str, action: str
) -> dict[str, Any]:
    """Apply settings (or a status change) to a tenant; before/after go to its audit log."""
    columns = [k for k in changes if k in _SETTABLE or k == "status"]
    async with tenant_transaction(pool, tenant_id) as conn:
        before = await _read(conn, tenant_id)
        if columns:
            await conn.execute(
                sql.SQL("UPDATE tenants SET {} WHERE id = %s").format(
                    sql.SQL(", ").join(
                        sql.SQL("{} = %s").format(sql.Identifier(c)) for c in columns
                    )
                ),
                [*(_db(changes[c]) for c in columns), tenant_id],
            )
        after = await _read(conn, tenant_id)
        await audit(conn, tenant_id, actor, action, tenant_id, before, after)
    return after


async def add_key(
    pool: Pool, tenant_id: str, key: KeyMaterial, role: str, name: str,
    expires_at: dt.datetime | None, actor: str,
) -> None:  # fmt: skip
    """Store a key's hash and prefix; log its creation (never the key)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        await conn.execute(
            "INSERT INTO api_keys (id, tenant_id, prefix, secret_hash, role, name, expires_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (key.key_id, tenant_id, key.prefix, key.secret_hash, role, name, expires_at),
        )
        after = {"key_id": key.key_id, "prefix": key.prefix, "role": role, "name": name}
        await audit(conn, tenant_id, actor, "key.create", key.key_id, None, after)


async def list_keys(pool: Pool, tenant_id: str) -> list[dict[str, Any]]:
    """The tenant's keys: prefix, role, dates — never a hash."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            "SELECT id AS key_id, prefix, role, name, created_at, last_used_at, expires_at,"
            " revoked_at FROM api_keys ORDER BY created_at"
        )
        return [_plain(row) for row in await cur.fetchall()]


async def revoke_key(pool: Pool, tenant_id: str, key_id: str, actor: str) -> bool:
    """Revoke one of the tenant's keys (takes effect on its next request)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute(
            "UPDATE api_keys SET revoked_at = app_now() WHERE id = %s AND revoked_at IS NULL",
            (key_id,),
        )
        if cur.rowcount != 1:
            return False
        await audit(conn, tenant_id, actor, "key.revoke", key_id, None, {"revoked": True})
        return True


async def audit_log(pool: Pool, tenant_id: str, limit: int | None) -> list[dict[str, Any]]:
    """The tenant's admin audit log, newest first (all of it when `limit` is None)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            "SELECT actor, action, target, before, after, at FROM admin_audit"
            " ORDER BY at DESC, id DESC LIMIT %s",
            (limit,),
        )
        return [_plain(row) for row in await cur.fetchall()]


async def log_action(pool: Pool, tenant_id: str, actor: str, action: str) -> None:
    """An admin-audit row for an action that changes nothing (e.g. an export of the data)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        await audit(conn, tenant_id, actor, action, tenant_id, None, None)


EXPORT_PAGE = 500


async def export_queries(pool: Pool, tenant_id: str) -> AsyncIterator[dict[str, Any]]:
    """Every question of the tenant with its answer, oldest first, read a page at a time."""
    after: tuple[Any, Any] | None = None
    while True:
        where, params = "", [EXPORT_PAGE]
        if after is not None:
            where = "WHERE (created_at, id) > (%s, %s)"
            params = [after[0], after[1], EXPORT_PAGE]
        async with tenant_transaction(pool, tenant_id) as conn:
            cur = conn.cursor(row_factory=dict_row)
            await cur.execute(
                "SELECT id, principal, text, status, answer, created_at, answered_at"
                f" FROM queries {where} ORDER BY created_at, id LIMIT %s",
                params,
            )
            rows = await cur.fetchall()
        for row in rows:
            yield {**row, "id": str(row["id"])}
        if len(rows) < EXPORT_PAGE:
            return
        after = (rows[-1]["created_at"], rows[-1]["id"])


_OWNED_TABLES = ("queries", "api_keys", "admin_audit")


async def delete_tenant(
    pool: Pool, tenant_id: str, parent_id: str | None, receipt: dict[str, Any]
) -> dict[str, int]:
    """Delete the tenant's rows and the tenant, as itself; the receipt goes to its agency's
    admin log in the same transaction. Rows deleted per table."""
    deleted: dict[str, int] = {}
    async with tenant_transaction(pool, tenant_id) as conn:
        for table in _OWNED_TABLES:
            cur = await conn.execute(
                sql.SQL("DELETE FROM {} WHERE tenant_id = %s").format(sql.Identifier(table)),
                (tenant_id,),
            )
            deleted[table] = cur.rowcount
        cur = await conn.execute("DELETE FROM tenants WHERE id = %s", (tenant_id,))
        deleted["tenants"] = cur.rowcount
        if parent_id is not None:
            # Now acting as the agency (transaction-local, like tenant_transaction's own).
            await conn.execute("SELECT set_config('app.current_tenant', %s, true)", (parent_id,))
            done = {**receipt, "deleted": {"postgresql": deleted}}
            await audit(
                conn, parent_id, receipt["requested_by"], "tenant.delete", tenant_id, None, done
            )
    return deleted


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


async def _read(conn: Conn, tenant_id: str) -> dict[str, Any]:
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute(f"SELECT {_VIEW} FROM tenants WHERE id = %s", (tenant_id,))
    row = await cur.fetchone()
    if row is None:
        raise LookupError(tenant_id)
    return _plain(row)


def _json(value: dict[str, Any] | None) -> Jsonb | None:
    return None if value is None else Jsonb(json.loads(json.dumps(value, default=str)))


def _db(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, dict) else value
