"""The gateway's PostgreSQL access, one module per table: principals (key and JWT lookups),
queries, tenants, keys and the admin log. Every read and write runs as a tenant (row-level
security); the only way across tenants is the agency tree: an agency's session sees its
clients' tenant rows. SQL dates rows with app_now(), the one clock."""

from __future__ import annotations

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

Pool = AsyncConnectionPool[AsyncConnection[tuple[object, ...]]]
Conn = AsyncConnection[tuple[object, ...]]

__all__ = ["Conn", "Pool"]
