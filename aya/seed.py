"""Demo tenants and their admin keys: created once, kept in stack.json, only hashes in the DB."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg_pool import AsyncConnectionPool

from libs.common.db import tenant_transaction
from libs.common.vocab import Role
from services.gateway.keys import generate_key
from services.gateway.repo import Pool
from services.gateway.repo.keys import add_key
from services.gateway.repo.principals import key_exists

SEEDER = "seed"
"""How the admin log names keys and tenants made by seeding (`make run`, test fixtures)."""


@dataclass(frozen=True)
class DemoTenant:
    """A sample-connector tenant mirrored as one of our tenants."""

    tenant_id: str
    name: str
    timezone: str
    currency: str
    platforms: list[str]
    lemanado_token: str


async def seed_tenants(
    database_url: str, tenants: list[DemoTenant], known_keys: dict[str, str]
) -> dict[str, str]:
    """Ensure each tenant exists with a working admin key; returns tenant → plaintext key.

    A key from a previous run (`known_keys`) is kept when the database still has it, so the
    URLs and keys a user copied keep working across restarts.
    """
    keys: dict[str, str] = {}
    async with AsyncConnectionPool(database_url, min_size=1, max_size=2, open=False) as pool:
        for tenant in tenants:
            await ensure_tenant(
                pool, tenant.tenant_id, tenant.name, tenant.timezone, tenant.currency
            )
            previous = known_keys.get(tenant.tenant_id)
            if previous and await key_exists(pool, tenant.tenant_id, previous):
                keys[tenant.tenant_id] = previous
                continue
            key = generate_key()
            await add_key(pool, tenant.tenant_id, key, Role.ADMIN, "demo admin", None, SEEDER)
            keys[tenant.tenant_id] = key.plaintext
    return keys


async def ensure_tenant(
    pool: Pool, tenant_id: str, name: str, timezone: str, currency: str
) -> None:
    """Create the tenant, or bring its name, zone and currency in line (seeding is
    repeatable; tenants made through the admin API are created and changed there)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        await conn.execute(
            "INSERT INTO tenants (id, name, timezone, currency) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
            " timezone = EXCLUDED.timezone, currency = EXCLUDED.currency",
            (tenant_id, name, timezone, currency),
        )
