"""Session fixtures shared by every test folder: real servers, started once, on free ports.

AYA_TEST_SERVICES chooses where NATS and PostgreSQL come from:
- `embedded` (default): nats-server and PostgreSQL from their wheels, no Docker needed;
- `containers`: testcontainers (needs a Docker engine; not available on every machine).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from aya.embedded import prepare_database, start_nats, start_postgres
from aya.settings import StackSettings
from aya.stack import Stack

TEST_TODAY = "2026-11-22"


@dataclass(frozen=True)
class Servers:
    """Where the test session's NATS and PostgreSQL are."""

    nats_url: str
    database_url: str
    database_admin_url: str


def _containers(stack: ExitStack) -> Servers:
    from testcontainers.community.nats import NatsContainer
    from testcontainers.community.postgres import PostgresContainer

    nats = stack.enter_context(NatsContainer(jetstream=True))
    postgres = stack.enter_context(PostgresContainer("postgres:16", driver=None))
    admin_url, app_url = prepare_database(postgres.get_connection_url())
    return Servers(nats.nats_uri(), app_url, admin_url)


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Real NATS (JetStream) and PostgreSQL for this session."""
    mode = os.environ.get("AYA_TEST_SERVICES", "embedded")
    with ExitStack() as stack:
        if mode == "containers":
            yield _containers(stack)
            return
        if mode != "embedded":
            raise pytest.UsageError(f"AYA_TEST_SERVICES must be embedded or containers, not {mode}")
        home = tmp_path_factory.mktemp("servers")
        nats = start_nats(home / "nats")
        stack.callback(nats.stop)
        postgres = start_postgres(home / "postgres")
        stack.callback(postgres.stop)
        yield Servers(nats.url, postgres.app_url, postgres.admin_url)


@pytest.fixture(scope="session")
def stack(servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole system as `aya up` runs it (services as processes), on the session's servers.

    AckWait is short so crash tests see redelivery in seconds, not the default 30 s.
    """
    home: Path = tmp_path_factory.mktemp("stack")
    settings = StackSettings(
        home=home,
        nats_url=servers.nats_url,
        database_url=servers.database_url,
        database_admin_url=servers.database_admin_url,
    )
    running = Stack(home, settings)
    running.extra_env = {
        "AYA_TODAY": TEST_TODAY,
        "AYA_ACK_WAIT_SECONDS": "3",
        "AYA_RETRY_BASE_SECONDS": "0.2",
        "AYA_SYNC_TIMEOUT_SECONDS": "8",
        "AYA_HOME": str(home),
        "AYA_ENVIRONMENT": "test",
    }
    try:
        running.start(timeout=120)
        yield running
    finally:
        running.stop()


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio (what the services use)."""
    return "asyncio"
