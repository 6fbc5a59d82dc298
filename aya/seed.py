"""Demo tenants and their admin keys: created once, kept in stack.json, only hashes in the DB."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg_pool import AsyncConnectionPool

from services.gateway import store
from services.gateway.keys import generate_key


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
            await store.ensure_tenant(
                pool, tenant.tenant_id, tenant.name, tenant.timezone, tenant.currency
            )
            previous = known_keys.get(tenant.tenant_id)
            if previous and await store.key_exists(pool, tenant.tenant_id, previous):
                keys[tenant.tenant_id] = previous
                continue
            key = generate_key()
            await store.add_key(pool, tenant.tenant_id, key, role="admin", name="demo admin")
            keys[tenant.tenant_id] = key.plaintext
    return keys
