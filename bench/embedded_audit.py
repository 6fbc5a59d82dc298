"""Shared by the benchmarks that need the ledger: embedded NATS and PostgreSQL with the audit
service running as a process, on free ports in a temporary folder."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nats

from aya.embedded import start_nats, start_postgres
from libs.common.bus import ensure_streams


@dataclass(frozen=True)
class Servers:
    nats_url: str
    admin_url: str


@contextmanager
def audit_on_embedded_servers() -> Iterator[Servers]:
    """Start everything, wait for the audit service's migrations and subscribers, stop it all
    afterwards."""
    with tempfile.TemporaryDirectory() as home_dir:
        home = Path(home_dir)
        server = start_nats(home / "nats")
        postgres = start_postgres(home / "pg")
        env = {
            **os.environ,
            "AYA_NATS_URL": server.url,
            "AYA_DATABASE_URL": postgres.app_url,
            "AYA_DATABASE_ADMIN_URL": postgres.admin_url,
            "AYA_LOG_LEVEL": "WARNING",
        }
        aya = str(Path(sys.executable).parent / "aya")
        audit = subprocess.Popen([aya, "serve", "audit"], env=env)
        try:
            asyncio.run(_declare_streams(server.url))
            time.sleep(3)  # audit: migrations and its subscribers
            yield Servers(server.url, postgres.admin_url)
        finally:
            audit.terminate()
            audit.wait(10)
            postgres.stop()
            server.stop()


async def _declare_streams(url: str) -> None:
    nc = await nats.connect(url)
    try:
        await ensure_streams(nc.jetstream())
    finally:
        await nc.close()
