"""Fair-share leases on a real NATS KV bucket, taken by two independent "replicas" (each with its
own connection): a tenant never holds more slots than its limit, a slot comes back when its job
ends or its worker dies, and one tenant's full share never blocks another tenant."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import cast

import nats
import pytest
from nats.js.kv import KeyValue

from services.inference.fairshare import TenantSlots
from tests.conftest import Servers

pytestmark = pytest.mark.anyio
TENANT, OTHER = "tenant-a", "tenant-b"


@pytest.fixture
async def buckets(servers: Servers) -> AsyncIterator[tuple[KeyValue, KeyValue]]:
    """The same fresh bucket opened over two connections (two replicas)."""
    name = f"slots_{uuid.uuid4().hex[:8]}"
    first, second = await nats.connect(servers.nats_url), await nats.connect(servers.nats_url)
    try:
        kv = await first.jetstream().create_key_value(bucket=name, history=1)
        yield kv, await second.jetstream().key_value(name)
        await first.jetstream().delete_key_value(name)
    finally:
        await first.close()
        await second.close()


def _replicas(buckets: tuple[KeyValue, KeyValue], lease: float = 30) -> list[TenantSlots]:
    return [TenantSlots(kv, lease_seconds=lease, poll_seconds=0.05) for kv in buckets]


async def test_two_replicas_racing_never_give_a_tenant_more_than_its_limit(
    buckets: tuple[KeyValue, KeyValue],
) -> None:
    replicas = _replicas(buckets)
    tries = [replicas[i % 2].try_acquire(TENANT, 3, f"lease-{i}") for i in range(12)]
    taken = await asyncio.gather(*tries)
    assert sum(taken) == 3
    assert await replicas[0].live(TENANT) == 3


async def test_a_waiting_job_gets_the_slot_its_tenant_frees_and_others_are_not_blocked(
    buckets: tuple[KeyValue, KeyValue],
) -> None:
    one, two = _replicas(buckets)
    order: list[str] = []
    release = asyncio.Event()

    async def job(slots: TenantSlots, tenant: str, name: str) -> None:
        async with slots.slot(tenant, 1):
            order.append(name)
            if name == "first":
                await release.wait()

    first = asyncio.create_task(job(one, TENANT, "first"))
    await asyncio.sleep(0.1)
    waiting = asyncio.create_task(job(two, TENANT, "second"))
    other = asyncio.create_task(job(two, OTHER, "other tenant"))
    await asyncio.wait_for(other, 5)  # another tenant's share is its own
    await asyncio.sleep(0.3)
    assert order == ["first", "other tenant"]  # the second job of the tenant still waits
    release.set()
    await asyncio.wait_for(asyncio.gather(first, waiting), 5)
    assert order == ["first", "other tenant", "second"]
    assert await one.live(TENANT) == 0


async def test_a_dead_workers_slot_lapses_after_its_lease(
    buckets: tuple[KeyValue, KeyValue],
) -> None:
    dead, alive = _replicas(buckets, lease=1)
    assert await dead.try_acquire(TENANT, 1, "never-released")  # its worker dies here
    assert not await alive.try_acquire(TENANT, 1, "next")
    await asyncio.wait_for(alive.acquire(TENANT, 1), 5)


async def test_a_running_job_keeps_its_slot_beyond_the_lease_by_renewing_it(
    buckets: tuple[KeyValue, KeyValue],
) -> None:
    running, other = _replicas(buckets, lease=1)
    async with running.slot(TENANT, 1):
        await asyncio.sleep(1.5)  # longer than one lease: renewals keep it
        assert not await other.try_acquire(TENANT, 1, "intruder")
    assert await other.try_acquire(TENANT, 1, "after")


class CancelLosingKV:
    """A bucket whose updates lose a cancel that lands while they run, as nats-py requests do
    under Python 3.11 when the cancel meets the reply (asyncio.wait_for swallows it)."""

    def __init__(self, kv: KeyValue) -> None:
        self._kv = kv
        self.updating = asyncio.Event()

    async def get(self, key: str) -> KeyValue.Entry:
        return await self._kv.get(key)

    async def create(self, key: str, value: bytes) -> int:
        return await self._kv.create(key, value)

    async def update(self, key: str, value: bytes, last: int | None = None) -> int:
        self.updating.set()
        write = asyncio.ensure_future(self._slow_update(key, value, last))
        while True:
            try:
                return await asyncio.shield(write)
            except asyncio.CancelledError:
                continue  # the cancel is lost; the write completes as if it never came

    async def _slow_update(self, key: str, value: bytes, last: int | None) -> int:
        await asyncio.sleep(0.2)
        return await self._kv.update(key, value, last=last)


async def test_a_renewal_that_loses_its_cancel_still_gives_the_slot_back(
    buckets: tuple[KeyValue, KeyValue],
) -> None:
    losing = CancelLosingKV(buckets[0])
    slots = TenantSlots(cast(KeyValue, losing), lease_seconds=0.6, poll_seconds=0.05)
    other = _replicas(buckets)[1]

    async def job() -> None:
        async with slots.slot(TENANT, 1):
            await losing.updating.wait()  # the job ends while its lease is being renewed

    running = asyncio.create_task(job())
    done, _ = await asyncio.wait({running}, timeout=5)  # wait without cancelling it
    if not done:
        running.cancel()
    assert done, "the job never gave its slot back: its renewer outlived it"
    assert await other.live(TENANT) == 0
    assert await other.try_acquire(TENANT, 1, "next")
