"""Who is calling: a tenant's API key (looked up by prefix through one SECURITY DEFINER
function, verified by hash) or a verified JWT's claims, with the tenant settings requests need."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from psycopg.rows import dict_row

from libs.common.budget import BudgetPolicy
from libs.common.db import tenant_transaction
from libs.common.query import TenantPolicy
from libs.common.vocab import Role
from services.gateway.keys import key_matches, key_prefix
from services.gateway.repo import Pool


@dataclass(frozen=True)
class Principal:
    """Who is calling: a tenant's API key, its role, and the tenant settings requests need."""

    tenant_id: str
    key_id: str
    role: str
    timezone: str
    currency: str
    tenant_active: bool
    tenant_kind: str = "client"
    parent_id: str | None = None
    requests_per_minute: int = 120
    tokens_per_day: int = 2_000_000
    max_concurrent_analyses: int = 4
    policy: TenantPolicy = field(default_factory=TenantPolicy)
    connector_ref: str | None = None


async def authenticate(pool: Pool, plaintext: str) -> Principal | None:
    """The principal of a valid, unrevoked, unexpired key; None otherwise."""
    prefix = key_prefix(plaintext)
    if prefix is None:
        return None
    async with pool.connection() as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute("SELECT *, app_now() AS checked_at FROM authenticate_key(%s)", (prefix,))
        row = await cur.fetchone()
    if row is None or not key_matches(plaintext, bytes(row["secret_hash"])):
        return None
    now = row["checked_at"]  # the one clock, as the database reads it
    if row["revoked_at"] is not None or (row["expires_at"] and row["expires_at"] <= now):
        return None
    principal = _principal(row, key_id=row["key_id"], role=row["role"])
    await _touch(pool, principal)
    return principal


_TOUCHED: dict[str, float] = {}
"""Key id -> when (monotonic) this process last wrote its last-used time."""
_TOUCH_EVERY = 60.0


async def _touch(pool: Pool, principal: Principal) -> None:
    # At most one write a minute per key: last-used is for humans, not an audit trail. Known
    # here first, so a busy key costs one lookup per request, not a transaction as well.
    now = time.monotonic()
    if now - _TOUCHED.get(principal.key_id, -_TOUCH_EVERY) < _TOUCH_EVERY:
        return
    if len(_TOUCHED) > 100_000:
        _TOUCHED.clear()
    _TOUCHED[principal.key_id] = now
    async with tenant_transaction(pool, principal.tenant_id) as conn:
        await conn.execute(
            "UPDATE api_keys SET last_used_at = app_now() WHERE id = %s"
            " AND (last_used_at IS NULL OR last_used_at < app_now() - interval '1 minute')",
            (principal.key_id,),
        )


async def principal_for_token(
    pool: Pool, tenant_id: str, subject: str, role: str
) -> Principal | None:
    """The principal of a verified JWT (its tenant and role come from the signed claims)."""
    return await _for_tenant(pool, tenant_id, key_id=f"jwt:{subject}", role=role)


async def principal_for_team(pool: Pool, tenant_id: str, team: str) -> Principal | None:
    """An internal team asking on NATS for one of its tenants (the NATS server vouched for the
    team and for its right to the tenant's subject); it asks as an analyst would."""
    return await _for_tenant(pool, tenant_id, key_id=f"nats:{team}", role=Role.ANALYST)


async def principal_for_watch(pool: Pool, tenant_id: str) -> Principal | None:
    """The tenant's daily anomaly watch, asking the pipeline about yesterday as an analyst
    would (the tenant's policy and connector, never a model: see `Query.purpose`)."""
    return await _for_tenant(pool, tenant_id, key_id="watch", role=Role.ANALYST)


async def _for_tenant(pool: Pool, tenant_id: str, *, key_id: str, role: str) -> Principal | None:
    async with pool.connection() as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute("SELECT * FROM tenant_profile(%s)", (tenant_id,))
        row = await cur.fetchone()
    return None if row is None else _principal(row, key_id=key_id, role=role)


def _principal(row: dict[str, Any], *, key_id: str, role: str) -> Principal:
    return Principal(
        tenant_id=row["tenant_id"],
        key_id=key_id,
        role=role,
        timezone=row["timezone"],
        currency=row["currency"],
        # A client of a suspended agency is suspended with it.
        tenant_active=row["tenant_status"] == "active" and row["parent_status"] in (None, "active"),
        tenant_kind=row["tenant_kind"],
        parent_id=row["parent_id"],
        requests_per_minute=row["requests_per_minute"],
        tokens_per_day=row["tokens_per_day"],
        max_concurrent_analyses=row["max_concurrent_analyses"],
        policy=TenantPolicy(
            allowed_tiers=row["allowed_tiers"],
            model_overrides=row["model_overrides"] or {},
            engine_chain=row["engine_chain"],
            max_concurrent_analyses=row["max_concurrent_analyses"],
            budget=_budget(row),
        ),
        connector_ref=row["lemanado_credential_ref"],
    )


def _budget(row: dict[str, Any]) -> BudgetPolicy | None:
    if row["monthly_budget_usd_micros"] is None:
        return None
    return BudgetPolicy(
        monthly_usd_micros=row["monthly_budget_usd_micros"],
        alert_ratio=float(row["budget_alert_ratio"]),
        on_exhausted=row["budget_policy"],
        fail_open=row["budget_fail_open"],
    )


async def key_exists(pool: Pool, tenant_id: str, plaintext: str) -> bool:
    """True when `plaintext` is one of the tenant's stored keys."""
    principal = await authenticate(pool, plaintext)
    return principal is not None and principal.tenant_id == tenant_id
