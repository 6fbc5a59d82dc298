"""Fair share: at most `max_concurrent_analyses` analysis jobs of one tenant run at once, across
every inference replica, so one tenant's batch cannot take every engine slot.

The running jobs of a tenant are leases in the NATS KV bucket `analysis_slots`, one key per
tenant holding {lease id: expiry}. A lease is taken only by a compare-and-set that sees fewer
live leases than the limit (so concurrent replicas cannot both take the last one), is renewed
while its job runs, and lapses after `lease_seconds` when its worker dies. A job waiting for a
lease keeps its JetStream message alive with the usual in-progress heartbeats: waiting is not a
delivery, so fairness never runs a question into max_deliver.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
import uuid
from collections.abc import AsyncIterator, Callable

from nats.js.errors import KeyNotFoundError, KeyWrongLastSequenceError

from libs.common.kv import KvStore
from libs.common.periodic import repeating
from libs.common.subjects import slots_key

logger = logging.getLogger(__name__)

Leases = dict[str, float]


class TenantSlots:
    """Per-tenant leases of analysis slots in NATS KV, shared by every replica."""

    def __init__(
        self,
        kv: KvStore,
        lease_seconds: float,
        poll_seconds: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._kv = kv
        self._lease_seconds = lease_seconds
        self._poll_seconds = poll_seconds
        self._clock = clock

    @contextlib.asynccontextmanager
    async def slot(self, tenant_id: str, limit: int) -> AsyncIterator[str]:
        """Wait for one of the tenant's `limit` slots, hold it (renewed) while the block runs,
        then give it back."""
        lease = await self.acquire(tenant_id, limit)
        try:
            async with repeating(
                self._lease_seconds / 3,
                lambda: self.renew(tenant_id, lease),
                "analysis slot lease renewal",
            ):
                yield lease
        finally:
            await asyncio.shield(self.release(tenant_id, lease))

    async def acquire(self, tenant_id: str, limit: int) -> str:
        """A lease id, once the tenant has fewer than `limit` live leases."""
        lease = uuid.uuid4().hex
        waited = False
        while True:
            if await self.try_acquire(tenant_id, limit, lease):
                if waited:
                    logger.info("analysis slot granted after waiting for the tenant's share")
                return lease
            waited = True
            await asyncio.sleep(random.uniform(0.5, 1.5) * self._poll_seconds)

    async def try_acquire(self, tenant_id: str, limit: int, lease: str) -> bool:
        """Take a slot under `lease` if the tenant has room now."""
        while True:
            leases, revision = await self._read(tenant_id)
            if len(leases) >= limit:
                return False
            leases[lease] = self._clock() + self._lease_seconds
            if await self._write(tenant_id, leases, revision):
                return True

    async def release(self, tenant_id: str, lease: str) -> None:
        """Give the slot back (a lapsed or unknown lease is a no-op)."""
        while True:
            leases, revision = await self._read(tenant_id)
            if leases.pop(lease, None) is None:
                return
            if await self._write(tenant_id, leases, revision):
                return

    async def renew(self, tenant_id: str, lease: str) -> None:
        """Push the lease's expiry forward (re-taking it if it lapsed: the job is running)."""
        while True:
            leases, revision = await self._read(tenant_id)
            leases[lease] = self._clock() + self._lease_seconds
            if await self._write(tenant_id, leases, revision):
                return

    async def live(self, tenant_id: str) -> int:
        """How many of the tenant's slots are taken now."""
        leases, _ = await self._read(tenant_id)
        return len(leases)

    async def _read(self, tenant_id: str) -> tuple[Leases, int | None]:
        try:
            entry = await self._kv.get(slots_key(tenant_id))
        except KeyNotFoundError:
            return {}, None
        now = self._clock()
        stored: Leases = json.loads(entry.value or b"{}")
        return {lease: expiry for lease, expiry in stored.items() if expiry > now}, entry.revision

    async def _write(self, tenant_id: str, leases: Leases, revision: int | None) -> bool:
        """Compare-and-set: False when another writer got there first (read again)."""
        value = json.dumps(leases).encode()
        try:
            if revision is None:
                await self._kv.create(slots_key(tenant_id), value)
            else:
                await self._kv.update(slots_key(tenant_id), value, last=revision)
        except KeyWrongLastSequenceError:
            await asyncio.sleep(random.uniform(0, 0.005))
            return False
        return True
