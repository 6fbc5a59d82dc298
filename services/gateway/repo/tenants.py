"""The `tenants` table: agencies and their clients, their settings and status."""

from __future__ import annotations

from typing import Any

from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from libs.common.db import tenant_transaction
from libs.common.presentation import usd
from services.gateway.admin_schemas import TenantView
from services.gateway.repo import Conn, Pool
from services.gateway.repo.admin_log import audit

_VIEW = (
    "id, parent_id, kind, name, status, timezone, currency, logo_url, primary_color,"
    " assistant_name, cors_origins,"
    " requests_per_minute, tokens_per_day, max_concurrent_analyses,"
    " monthly_budget_usd_micros, budget_alert_ratio, budget_policy, budget_fail_open,"
    " markup_percent, allowed_tiers, model_overrides, engine_chain, query_retention_days,"
    " anomaly_watch,"
    " lemanado_credential_ref IS NOT NULL AS lemanado_credential_set, created_at"
)
_SETTABLE = {
    "name", "timezone", "currency", "logo_url", "primary_color", "assistant_name", "cors_origins",
    "requests_per_minute",
    "tokens_per_day", "max_concurrent_analyses", "monthly_budget_usd_micros",
    "budget_alert_ratio", "budget_policy", "budget_fail_open", "markup_percent",
    "allowed_tiers", "model_overrides", "engine_chain", "lemanado_credential_ref",
    "query_retention_days", "anomaly_watch",
}  # fmt: skip


def _view(row: dict[str, Any]) -> TenantView:
    """A row as the API shows it: the budget in exact dollars (stored as USD micros)."""
    budget = row.pop("monthly_budget_usd_micros")
    return TenantView(**row, monthly_budget_usd=None if budget is None else usd(budget))


async def visible_tenant(pool: Pool, caller_tenant: str, target: str) -> TenantView | None:
    """`target` as the caller's session sees it: itself, or one of its agency's clients."""
    async with tenant_transaction(pool, caller_tenant) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(f"SELECT {_VIEW} FROM tenants WHERE id = %s", (target,))
        row = await cur.fetchone()
    return _view(row) if row else None


async def client_tenants(pool: Pool, agency: str) -> list[TenantView]:
    """The agency's clients (the agency-tree policy is what makes them visible)."""
    async with tenant_transaction(pool, agency) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_VIEW} FROM tenants WHERE parent_id = %s ORDER BY id", (agency,)
        )
        return [_view(row) for row in await cur.fetchall()]


async def tenant_exists(pool: Pool, tenant_id: str) -> bool:
    """Whether the id is taken (checked as that tenant: RLS shows a row only if it exists)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute("SELECT 1 FROM tenants WHERE id = %s", (tenant_id,))
        return await cur.fetchone() is not None


async def create_tenant(
    pool: Pool, fields: dict[str, Any], parent_id: str | None, kind: str, actor: str
) -> TenantView:
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
        await audit(conn, tenant_id, actor, "tenant.create", tenant_id, None, _logged(created))
    return created


async def update_tenant(
    pool: Pool, tenant_id: str, changes: dict[str, Any], actor: str, action: str
) -> TenantView:
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
        await audit(conn, tenant_id, actor, action, tenant_id, _logged(before), _logged(after))
    return after


_OWNED_TABLES = (
    "conversation_entries", "conversations", "queries", "tenant_instructions",
    "webhook_attempts", "webhook_deliveries", "alerts", "webhooks", "api_keys", "admin_audit",
)  # fmt: skip


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


async def _read(conn: Conn, tenant_id: str) -> TenantView:
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute(f"SELECT {_VIEW} FROM tenants WHERE id = %s", (tenant_id,))
    row = await cur.fetchone()
    if row is None:
        raise LookupError(tenant_id)
    return _view(row)


def _logged(tenant: TenantView) -> dict[str, Any]:
    return tenant.model_dump(mode="json")


def _db(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, dict) else value
