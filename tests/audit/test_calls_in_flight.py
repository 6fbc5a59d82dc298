"""Calls announced before they are made, in the real ledger (PostgreSQL, as the application
role): an outcome retires its announcement in either order, an announcement never reported is
recorded as interrupted at its ceiling (its hold freed), and a late outcome replaces that."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from psycopg_pool import AsyncConnectionPool

from libs.common.budget import BudgetPolicy, HoldRequest
from libs.common.db import apply_migrations, pinned_clock, tenant_transaction
from libs.common.model_call import CallStatus, ModelCall
from services.audit import ledger
from services.audit.app import MIGRATIONS
from services.audit.cost import Cost, Price, Pricing, cost_of
from tests.builders import TEST_CLOCK, model_call
from tests.conftest import Servers

pytestmark = pytest.mark.anyio
PRICING = Pricing(
    models={"mistral-medium-latest": Price(Decimal("0.40"), Decimal("2.00"))},
    gpu_hourly_usd=Decimal("2.00"),
)
GRACE = dt.timedelta(seconds=1)


@pytest.fixture(scope="module")
def database(servers: Servers) -> str:
    apply_migrations(servers.database_admin_url, MIGRATIONS, "audit", "aya_app")
    return servers.database_url


@pytest.fixture
async def pool(database: str) -> AsyncIterator[ledger.Pool]:
    async with AsyncConnectionPool(
        database, min_size=1, max_size=4, open=False, configure=pinned_clock(TEST_CLOCK)
    ) as opened:
        yield opened


@pytest.fixture
def tenant() -> str:
    return f"flight-{uuid.uuid4().hex[:12]}"


def _announced(
    tenant: str, *, ago: dt.timedelta = dt.timedelta(0), hold_id: str | None = None
) -> ModelCall:
    started = TEST_CLOCK.now() - ago
    return model_call(tenant, started_at=started, output_tokens=0, hold_id=hold_id).model_copy(
        update={
            "status": CallStatus.STARTED,
            "finished_at": started,
            "answered": False,
            "max_output_tokens": 700,
            "max_seconds": 10.0,
        }
    )


def _outcome(announced: ModelCall) -> ModelCall:
    return announced.model_copy(
        update={
            "status": CallStatus.OK,
            "finished_at": announced.started_at + dt.timedelta(seconds=2),
            "output_tokens": 120,
            "answered": True,
        }
    )


async def _rows(pool: ledger.Pool, tenant: str, table: str) -> list[tuple[object, ...]]:
    column = "status, cost_usd_micros" if table == "model_calls" else "call_id, settle_by"
    async with tenant_transaction(pool, tenant) as conn:
        cur = await conn.execute(f"SELECT {column} FROM {table} ORDER BY 1")
        return await cur.fetchall()


def _price(call: ModelCall) -> Cost:
    return cost_of(call, PRICING)


async def test_an_outcome_retires_its_announcement_whichever_comes_first(
    pool: ledger.Pool, tenant: str
) -> None:
    first = _announced(tenant)
    assert await ledger.announce(pool, first)
    assert not await ledger.announce(pool, first)  # redelivered: kept once
    assert len(await _rows(pool, tenant, "calls_in_flight")) == 1
    assert await ledger.record(pool, _outcome(first), _price(_outcome(first)))
    # The outcome overtook its announcement (events are handled concurrently):
    second = _announced(tenant)
    assert await ledger.record(pool, _outcome(second), _price(_outcome(second)))
    assert not await ledger.announce(pool, second)
    assert await _rows(pool, tenant, "calls_in_flight") == []
    assert [status for status, _ in await _rows(pool, tenant, "model_calls")] == ["ok", "ok"]
    # Nothing overdue: the sweep records nothing.
    assert await ledger.settle_overdue(pool, GRACE, _price) == []


async def test_a_call_never_reported_is_billed_at_its_ceiling_and_frees_its_hold(
    pool: ledger.Pool, tenant: str
) -> None:
    policy = BudgetPolicy(monthly_usd_micros=1_000_000, alert_ratio=0.8)
    request = HoldRequest(
        query_id="q",
        engine="mistral",
        model="mistral-medium-latest",
        input_tokens=1_000,
        max_output_tokens=700,
        max_seconds=10,
        budget=policy,
    )
    hold = await ledger.hold(pool, tenant, request, 1_800, dt.timedelta(minutes=5))
    due = _announced(tenant, ago=dt.timedelta(seconds=12), hold_id=hold.hold_id)
    running = _announced(tenant)  # still within its time limit: left alone
    for call in (due, running):
        assert await ledger.announce(pool, call)

    settled = await ledger.settle_overdue(pool, GRACE, _price)

    assert [(call.call_id, call.status) for call, _ in settled] == [
        (due.call_id, CallStatus.INTERRUPTED)
    ]
    # 1,000 in at $0.40/M + 700 out at $2.00/M, rounded up: $0.0018
    assert await _rows(pool, tenant, "model_calls") == [("interrupted", 1_800)]
    assert [row[0] for row in await _rows(pool, tenant, "calls_in_flight")] == [running.call_id]
    spent, held = await ledger.month_figures(pool, tenant)
    assert (spent, held) == (1_800, 0)  # its ceiling is spend now, not a hold as well
    assert await ledger.settle_overdue(pool, GRACE, _price) == []  # once


async def test_a_late_outcome_replaces_the_interrupted_guess_once(
    pool: ledger.Pool, tenant: str
) -> None:
    due = _announced(tenant, ago=dt.timedelta(seconds=12))
    assert await ledger.announce(pool, due)
    assert len(await ledger.settle_overdue(pool, GRACE, _price)) == 1

    late = _outcome(due)
    assert await ledger.record(pool, late, _price(late))
    assert not await ledger.record(pool, late, _price(late))  # redelivered

    # 1,000 in at $0.40/M + 120 out at $2.00/M = $0.00064
    assert await _rows(pool, tenant, "model_calls") == [("ok", 640)]
