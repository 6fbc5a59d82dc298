"""PostgreSQL 16 from the `pgserver` wheel, with an owner URL and a non-superuser app role."""

from __future__ import annotations

import logging
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg import sql

APP_ROLE = "aya_app"
DATABASE = "aya"


@dataclass
class EmbeddedPostgres:
    """A running PostgreSQL and its two URLs: the owner's (migrations) and the app role's."""

    server: object
    admin_url: str
    app_url: str

    @contextmanager
    def down(self) -> Iterator[None]:
        """The server stopped (fast shutdown: sessions cut) for the block, then started again
        on the same data and socket, so clients reconnect to the URLs they know (fault tests)."""
        server: Any = self.server
        from pgserver import pg_ctl

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)
        try:
            yield
        finally:
            # pgserver starts it as it did the first time (its socket directory is derived from
            # the data directory) and keeps the new postmaster, so `stop` stops this one.
            with server._lock:
                server.ensure_postgres_running()

    def stop(self) -> None:
        """Stop the server (pgserver also stops it when the last holder exits)."""
        cleanup = getattr(self.server, "_cleanup", None)
        if callable(cleanup):
            cleanup()


def _with_user(uri: str, user: str, password: str) -> str:
    # pgserver URIs look like postgresql://postgres:@/db?host=/socket/dir
    scheme, rest = uri.split("://", 1)
    _, host_part = rest.split("@", 1)
    return f"{scheme}://{user}:{quote(password, safe='')}@{host_part}"


def start_postgres(data_dir: Path, *, app_password: str | None = None) -> EmbeddedPostgres:
    """Start (or reuse) a PostgreSQL cluster in `data_dir`, with database `aya` and the app role."""
    with warnings.catch_warnings():
        # pgserver asks platformdirs for a runtime dir at import; its fallback warning is noise.
        warnings.simplefilter("ignore")
        import pgserver

    logging.getLogger("pgserver").setLevel(logging.WARNING)
    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    admin_url, app_url = prepare_database(server.get_uri(), app_password)
    return EmbeddedPostgres(server, admin_url, app_url)


def prepare_database(root_url: str, app_password: str | None = None) -> tuple[str, str]:
    """Create database `aya` and the app role on a server; returns (owner URL, app URL).

    The app role does not own the tables and is not a superuser, so row-level security applies
    to it; the owner URL is only for migrations.
    """
    password = app_password or secrets.token_urlsafe(18)
    with psycopg.connect(root_url, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
        if found.fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (APP_ROLE,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD {}").format(
                sql.Identifier(APP_ROLE), sql.Literal(password)
            )
        )
    admin_url = _with_database(root_url, DATABASE)
    return admin_url, _with_user(admin_url, APP_ROLE, password)


def _with_database(uri: str, database: str) -> str:
    head, sep, query = uri.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{database}{sep}{query}"
