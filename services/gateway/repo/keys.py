"""The `api_keys` table: hashes and visible prefixes (never a key), with every change in the
admin log."""

from __future__ import annotations

import datetime as dt

from psycopg.rows import dict_row

from libs.common.db import tenant_transaction
from services.gateway.admin_schemas import KeyView
from services.gateway.keys import NewKey
from services.gateway.repo import Pool
from services.gateway.repo.admin_log import audit


async def add_key(
    pool: Pool, tenant_id: str, key: NewKey, role: str, name: str,
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


async def list_keys(pool: Pool, tenant_id: str) -> list[KeyView]:
    """The tenant's keys: prefix, role, dates — never a hash."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            "SELECT id AS key_id, prefix, role, name, created_at, last_used_at, expires_at,"
            " revoked_at FROM api_keys ORDER BY created_at"
        )
        return [KeyView(**row) for row in await cur.fetchall()]


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
