"""Kept metric rows: reused within their time, never across tenants, one connector call for
concurrent askers, failures never kept, bounded in rows."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from libs.common import DateRange, Metric, MetricRow
from services.data_fetch.row_cache import Fetched, Key, RowCache

pytestmark = pytest.mark.anyio

TODAY = date(2026, 11, 22)
CLOSED = DateRange(start=date(2026, 11, 9), end=date(2026, 11, 15))
RECENT = DateRange(start=date(2026, 11, 15), end=date(2026, 11, 21))


def key(tenant: str, period: DateRange = CLOSED, account: str = "acc-1") -> Key:
    return (tenant, account, period.start, period.end, ("spend",), ("date",))


def fetched(n: int, tag: str = "x") -> Fetched:
    rows = tuple(MetricRow(account_id=tag, values={Metric.SPEND: Decimal(i)}) for i in range(n))
    return Fetched(rows, datetime(2026, 11, 22, 8, tzinfo=UTC))


class Connector:
    """Counts the fetches the cache lets through; each answers with its own rows."""

    def __init__(self, rows: int = 3) -> None:
        self.calls = 0
        self.rows = rows
        self.gate: asyncio.Event | None = None
        self.fail: Exception | None = None
        self._called = asyncio.Condition()

    async def called(self, times: int) -> None:
        """Wait until the connector has been called `times` times."""
        async with self._called:
            await self._called.wait_for(lambda: self.calls >= times)

    async def __call__(self) -> Fetched:
        self.calls += 1
        async with self._called:
            self._called.notify_all()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        return fetched(self.rows, f"call-{self.calls}")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def cache(clock: Clock | None = None, max_rows: int = 1000) -> tuple[RowCache, list[str]]:
    seen: list[str] = []
    found = RowCache(
        open_seconds=30,
        closed_seconds=300,
        max_rows=max_rows,
        today=lambda: TODAY,
        outcome=lambda tenant, outcome: seen.append(f"{tenant}:{outcome}"),
        clock=clock or Clock(),
    )
    return found, seen


async def test_a_second_ask_within_its_time_reuses_the_rows() -> None:
    rows, seen = cache()
    connector = Connector()
    first = await rows.get(key("acme"), CLOSED, connector)
    again = await rows.get(key("acme"), CLOSED, connector)
    assert again is first
    assert connector.calls == 1
    assert seen == ["acme:miss", "acme:hit"]


async def test_another_tenant_never_gets_a_tenants_rows() -> None:
    rows, seen = cache()
    connector = Connector()
    ours = await rows.get(key("acme"), CLOSED, connector)
    theirs = await rows.get(key("globex"), CLOSED, connector)
    assert connector.calls == 2
    assert ours.rows[0].account_id != theirs.rows[0].account_id
    assert seen == ["acme:miss", "globex:miss"]


async def test_concurrent_askers_share_one_connector_call() -> None:
    rows, seen = cache()
    connector = Connector()
    connector.gate = asyncio.Event()
    waiting = [asyncio.create_task(rows.get(key("acme"), CLOSED, connector)) for _ in range(5)]
    await connector.called(1)
    connector.gate.set()
    found = await asyncio.gather(*waiting)
    assert connector.calls == 1
    assert all(f is found[0] for f in found)
    assert sorted(seen) == ["acme:miss"] + ["acme:shared"] * 4


async def test_a_failed_fetch_reaches_every_waiter_and_is_not_kept() -> None:
    rows, _ = cache()
    connector = Connector()
    connector.gate = asyncio.Event()
    connector.fail = RuntimeError("connector down")
    waiting = [asyncio.create_task(rows.get(key("acme"), CLOSED, connector)) for _ in range(3)]
    await connector.called(1)
    connector.gate.set()
    outcomes = await asyncio.gather(*waiting, return_exceptions=True)
    assert all(isinstance(o, RuntimeError) for o in outcomes)
    connector.fail, connector.gate = None, None
    await rows.get(key("acme"), CLOSED, connector)
    assert connector.calls == 2  # fetched again: the failure was not kept
    assert rows.rows == 3


async def test_a_cancelled_fetch_lets_a_waiter_fetch_for_itself() -> None:
    rows, _ = cache()
    connector = Connector()
    connector.gate = asyncio.Event()
    leader = asyncio.create_task(rows.get(key("acme"), CLOSED, connector))
    await connector.called(1)
    waiter = asyncio.create_task(rows.get(key("acme"), CLOSED, connector))
    await asyncio.sleep(0)
    leader.cancel()
    await connector.called(2)
    connector.gate.set()
    assert len((await waiter).rows) == 3
    with pytest.raises(asyncio.CancelledError):
        await leader


@pytest.mark.parametrize(("period", "kept_for"), [(RECENT, 30), (CLOSED, 300)])
async def test_a_window_near_today_is_kept_briefly_an_older_one_longer(
    period: DateRange, kept_for: float
) -> None:
    clock = Clock()
    rows, _ = cache(clock)
    connector = Connector()
    await rows.get(key("acme", period), period, connector)
    clock.now += kept_for - 1
    await rows.get(key("acme", period), period, connector)
    assert connector.calls == 1
    clock.now += 2
    await rows.get(key("acme", period), period, connector)
    assert connector.calls == 2


async def test_the_least_recently_used_rows_go_past_the_bound() -> None:
    rows, _ = cache(max_rows=7)
    connector = Connector(rows=3)
    await rows.get(key("acme", account="a"), CLOSED, connector)
    await rows.get(key("acme", account="b"), CLOSED, connector)
    await rows.get(key("acme", account="a"), CLOSED, connector)  # a used last
    await rows.get(key("acme", account="c"), CLOSED, connector)  # 9 rows > 7: b goes
    assert rows.rows == 6
    await rows.get(key("acme", account="a"), CLOSED, connector)
    assert connector.calls == 3
    await rows.get(key("acme", account="b"), CLOSED, connector)
    assert connector.calls == 4


async def test_forgetting_a_tenant_drops_its_rows_only() -> None:
    rows, _ = cache()
    connector = Connector()
    await rows.get(key("acme"), CLOSED, connector)
    await rows.get(key("globex"), CLOSED, connector)
    rows.forget("acme")
    await rows.get(key("globex"), CLOSED, connector)
    assert connector.calls == 2
    await rows.get(key("acme"), CLOSED, connector)
    assert connector.calls == 3
