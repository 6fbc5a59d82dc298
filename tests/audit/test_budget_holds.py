"""Budget holds in the real ledger (PostgreSQL, as the application role): concurrent holds never
promise more than the budget, a settled call replaces its hold, a lapsed hold frees its room."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator

import pytest
from psycopg_pool import AsyncConnectionPool

from libs.common.budget import BudgetAlert, BudgetPolicy, HoldRequest
from libs.common.db import apply_migrations, pinned_clock
from services.audit import ledger
from services.audit.app import MIGRATIONS
from services.audit.cost import Cost
from tests.builders import TEST_CLOCK, model_call
from tests.conftest import Servers

pytestmark = pytest.mark.anyio
CEILING = 1_000
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture(scope="module")
def database(servers: Servers) -> str:
    apply_migrations(servers.database_admin_url, MIGRATIONS, "audit", "aya_app")
    return servers.database_url


@pytest.fixture
async def pool(database: str) -> AsyncIterator[ledger.Pool]:
    # More connections than the race below has holds in flight, so they really overlap. On the
    # tests' pinned day, as the service's pool is: rows are dated by TEST_CLOCK, and "this
    # month" must be that day's month, not the real one.
    async with AsyncConnectionPool(
        database, min_size=8, max_size=24, open=False, configure=pinned_clock(TEST_CLOCK)
    ) as opened:
        yield opened


@pytest.fixture
def tenant() -> str:
    return f"budget-{uuid.uuid4().hex[:12]}"  # a tenant of its own: no other test's rows


def _request(budget: int, ratio: float = 0.8) -> HoldRequest:
    return HoldRequest(
        query_id=str(uuid.uuid4()),
        engine="mistral",
        model="mistral-medium-latest",
        input_tokens=2_000,
        max_output_tokens=100,
        max_seconds=30,
        budget=BudgetPolicy(monthly_usd_micros=budget, alert_ratio=ratio),
    )


async def test_concurrent_holds_never_promise_more_than_the_budget(
    pool: ledger.Pool, tenant: str
) -> None:
    request = _request(budget=CEILING * 10 + CEILING // 2)
    holds = await asyncio.gather(
        *(ledger.hold(pool, tenant, request, CEILING, MINUTE) for _ in range(40))
    )
    granted = [h for h in holds if h.granted]
    assert len(granted) == 10
    assert len({h.hold_id for h in granted}) == 10


async def test_a_settled_call_replaces_its_hold_with_its_real_cost(
    pool: ledger.Pool, tenant: str
) -> None:
    request = _request(budget=CEILING * 2)
    first = await ledger.hold(pool, tenant, request, CEILING, MINUTE)
    assert (first.granted, first.spent_usd_micros, first.held_usd_micros) == (True, 0, 0)
    assert await ledger.record(
        pool,
        model_call(tenant, input_tokens=2_000, output_tokens=10, hold_id=first.hold_id),
        Cost(300, "test"),
    )
    second = await ledger.hold(pool, tenant, request, CEILING, MINUTE)
    assert (second.granted, second.spent_usd_micros, second.held_usd_micros) == (True, 300, 0)
    # 300 spent + 1,000 held + another 1,000 would pass 2,000: refused.
    third = await ledger.hold(pool, tenant, request, CEILING, MINUTE)
    assert (third.granted, third.spent_usd_micros, third.held_usd_micros) == (False, 300, CEILING)


async def test_a_hold_whose_call_never_reports_lapses_and_frees_its_room(
    pool: ledger.Pool, tenant: str
) -> None:
    request = _request(budget=CEILING)
    lost = await ledger.hold(pool, tenant, request, CEILING, dt.timedelta(seconds=0.5))
    assert lost.granted  # and its worker dies: no call event will ever settle it
    assert not (await ledger.hold(pool, tenant, request, CEILING, MINUTE)).granted
    await asyncio.sleep(0.6)
    after = await ledger.hold(pool, tenant, request, CEILING, MINUTE)
    assert (after.granted, after.held_usd_micros) == (True, 0)


async def test_alerts_are_raised_once_per_kind_however_often_they_are_crossed(
    pool: ledger.Pool, tenant: str
) -> None:
    raised: list[BudgetAlert] = []

    async def announce(alert: BudgetAlert) -> None:
        raised.append(alert)

    request = _request(budget=CEILING, ratio=0.5)
    hold = await ledger.hold(pool, tenant, request, CEILING // 2, MINUTE, announce)
    await ledger.record(
        pool,
        model_call(tenant, input_tokens=2_000, output_tokens=10, hold_id=hold.hold_id),
        Cost(600, "test"),
        announce,
    )
    for _ in range(3):
        await ledger.hold(pool, tenant, request, CEILING, MINUTE, announce)
    assert [(a.kind, a.tenant_id, a.spent_usd_micros) for a in raised] == [
        ("threshold", tenant, 600),
        ("exhausted", tenant, 600),
    ]
