"""The real ledger for the audit tests: migrations applied once, a pool on the tests' pinned day
(rows are dated by TEST_CLOCK, and "this month" must be that day's month, as in the service)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from psycopg_pool import AsyncConnectionPool

from libs.common.db import apply_migrations, pinned_clock
from services.audit import ledger
from services.audit.app import MIGRATIONS
from tests.builders import TEST_CLOCK
from tests.conftest import Servers


@pytest.fixture(scope="module")
def database(servers: Servers) -> str:
    apply_migrations(servers.database_admin_url, MIGRATIONS, "audit", "aya_app")
    return servers.database_url


@pytest.fixture
async def pool(database: str) -> AsyncIterator[ledger.Pool]:
    # More connections than the budget-hold race has holds in flight, so they really overlap.
    async with AsyncConnectionPool(
        database, min_size=8, max_size=24, open=False, configure=pinned_clock(TEST_CLOCK)
    ) as opened:
        yield opened
