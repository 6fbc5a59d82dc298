"""PostgreSQL helpers: versioned migrations and tenant-scoped transactions (row-level security)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import AsyncConnection, sql
from psycopg_pool import AsyncConnectionPool

from libs.common.clock import Clock

logger = logging.getLogger(__name__)

# Any fixed 64-bit number: serialises migrations when several replicas start at once.
_MIGRATION_LOCK = 0x4159_415F_4D49_4752


def apply_migrations(admin_url: str, folder: Path, component: str, app_role: str | None) -> int:
    """Apply `folder/*.sql` in name order, each once, then grant the app role its access.

    Returns the number of migrations applied now. Runs as the owner; the app role (which owns
    nothing, so RLS binds it) gets DML on tables and EXECUTE on functions.
    """
    applied = 0
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " component text NOT NULL, name text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, name))"
            )
            done = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM schema_migrations WHERE component = %s", (component,)
                )
            }
            for path in sorted(folder.glob("*.sql")):
                if path.name in done:
                    continue
                with conn.transaction():
                    conn.execute(path.read_text(encoding="utf-8").encode())
                    conn.execute(
                        "INSERT INTO schema_migrations (component, name) VALUES (%s, %s)",
                        (component, path.name),
                    )
                logger.info("applied migration %s/%s", component, path.name)
                applied += 1
            if app_role:
                _grant(conn, app_role)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    return applied


def _grant(conn: psycopg.Connection[tuple[object, ...]], role: str) -> None:
    current = conn.execute("SELECT current_user").fetchone()
    if current is not None and current[0] == role:
        return  # one-role deployments: the owner is the app; FORCEd RLS still binds it
    ident = sql.Identifier(role)
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident))
    conn.execute(
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            ident
        )
    )
    conn.execute(sql.SQL("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {}").format(ident))
    conn.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}").format(ident))


Configure = Callable[[AsyncConnection[Any]], Awaitable[None]]


def pinned_clock(clock: Clock) -> Configure | None:
    """A pool's `configure` that pins each connection's app_now() (the SQL side of the one
    clock) to the clock's pinned day; None when the clock is not pinned."""
    if clock.pinned is None:
        return None
    day = clock.pinned.isoformat()

    async def configure(conn: AsyncConnection[Any]) -> None:
        await conn.execute("SELECT set_config('app.today', %s, false)", (day,))
        await conn.commit()  # a pooled connection must come back idle

    return configure


@asynccontextmanager
async def tenant_transaction(
    pool: AsyncConnectionPool[AsyncConnection[tuple[object, ...]]], tenant_id: str
) -> AsyncIterator[AsyncConnection[tuple[object, ...]]]:
    """A transaction in which row-level security shows only `tenant_id`'s rows."""
    async with pool.connection() as conn, conn.transaction():
        # set_config(..., true) is transaction-local: the setting cannot leak to the next user
        # of this pooled connection. (SET with a bind parameter is not allowed server-side.)
        await conn.execute("SELECT set_config('app.current_tenant', %s, true)", (tenant_id,))
        yield conn
