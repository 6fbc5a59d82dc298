"""Window arithmetic and the compare-and-set counting of the per-tenant limiter (no I/O: an
in-memory KV with the server's revision check stands in for NATS; the e2e tests use the real
one)."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from nats.js.errors import KeyNotFoundError, KeyWrongLastSequenceError

from services.gateway.ratelimit import (
    Decision,
    RequestLimiter,
    TokenBudget,
    Window,
    rpm_key,
    seconds_to_utc_midnight,
)

MINUTE_START = 29_000_000 * 60.0  # an instant on a minute boundary


def test_window_is_the_minute_since_the_epoch() -> None:
    assert Window.at(MINUTE_START).index == 29_000_000
    assert Window.at(MINUTE_START + 59.999).index == 29_000_000
    assert Window.at(MINUTE_START + 60).index == 29_000_001


def test_reset_counts_whole_seconds_to_the_next_minute_never_zero() -> None:
    window = Window.at(MINUTE_START)
    assert window.reset_after(MINUTE_START) == 60
    assert window.reset_after(MINUTE_START + 0.5) == 60
    assert window.reset_after(MINUTE_START + 59.2) == 1
    assert window.reset_after(MINUTE_START + 59.999) == 1


def test_keys_are_per_tenant_and_per_minute() -> None:
    assert rpm_key("acme", Window(29_000_000)) == "rpm.acme.29000000"
    assert rpm_key("acme", Window(1)) != rpm_key("acme", Window(2))


def test_headers_report_limit_remaining_and_reset() -> None:
    assert Decision(True, 5, 2, 17).headers() == {
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "2",
        "X-RateLimit-Reset": "17",
    }


def test_seconds_to_utc_midnight_rounds_up() -> None:
    now = dt.datetime(2026, 11, 22, 23, 59, 58, 500_000, tzinfo=dt.UTC)
    assert seconds_to_utc_midnight(now) == 2
    assert seconds_to_utc_midnight(dt.datetime(2026, 11, 22, tzinfo=dt.UTC)) == 86_400


@dataclass
class _Entry:
    value: bytes
    revision: int


class _CasKV:
    """Keeps the one property the limiter relies on: a write states the revision it read, and
    loses if another write came in between. Yields on every call so requests interleave."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.seq = 0
        self.conflicts = 0

    async def get(self, key: str) -> _Entry:
        await asyncio.sleep(0)
        if key not in self.entries:
            raise KeyNotFoundError
        return self.entries[key]

    async def create(self, key: str, value: bytes) -> int:
        return await self.update(key, value, last=0)

    async def update(self, key: str, value: bytes, last: int | None = None) -> int:
        await asyncio.sleep(0)
        current = self.entries.get(key)
        if (current.revision if current else 0) != (last or 0):
            self.conflicts += 1
            raise KeyWrongLastSequenceError
        self.seq += 1
        self.entries[key] = _Entry(value, self.seq)
        return self.seq


def _limiter(kv: _CasKV, now: float = MINUTE_START + 10) -> RequestLimiter:
    return RequestLimiter(kv, clock=lambda: now)  # type: ignore[arg-type]


@pytest.mark.anyio
async def test_interleaved_requests_admit_exactly_the_limit() -> None:
    kv = _CasKV()
    limiter = _limiter(kv)
    decisions = await asyncio.gather(*(limiter.hit("acme", 5) for _ in range(20)))
    assert kv.conflicts > 0  # the requests did race
    assert sum(d.allowed for d in decisions) == 5
    assert sorted(d.remaining for d in decisions if d.allowed) == [0, 1, 2, 3, 4]
    assert kv.entries[rpm_key("acme", Window.at(MINUTE_START))].value == b"5"


@pytest.mark.anyio
async def test_refusal_says_when_the_window_resets() -> None:
    limiter = _limiter(_CasKV(), now=MINUTE_START + 45.5)
    for _ in range(2):
        assert (await limiter.hit("acme", 2)).allowed
    refused = await limiter.hit("acme", 2)
    assert refused == Decision(False, 2, 0, 15)


@pytest.mark.anyio
async def test_tenants_and_minutes_count_separately() -> None:
    kv = _CasKV()
    assert (await _limiter(kv).hit("acme", 1)).allowed
    assert not (await _limiter(kv).hit("acme", 1)).allowed
    assert (await _limiter(kv).hit("globex", 1)).allowed
    assert (await _limiter(kv, now=MINUTE_START + 60).hit("acme", 1)).allowed


@pytest.mark.anyio
async def test_token_usage_is_cached_per_tenant_for_a_few_seconds() -> None:
    asked: list[str] = []
    now = [100.0]

    async def lookup(tenant_id: str) -> int | None:
        asked.append(tenant_id)
        return 42

    budget = TokenBudget(lookup, ttl=5, clock=lambda: now[0])
    assert await budget.used_today("acme") == 42
    assert await budget.used_today("acme") == 42
    assert await budget.used_today("globex") == 42
    now[0] += 5.1
    await budget.used_today("acme")
    assert asked == ["acme", "globex", "acme"]


@pytest.mark.anyio
async def test_unreachable_ledger_is_remembered_as_unknown() -> None:
    calls: list[Any] = []

    async def lookup(tenant_id: str) -> int | None:
        calls.append(tenant_id)
        return None

    budget = TokenBudget(lookup, ttl=5, clock=lambda: 0.0)
    assert await budget.used_today("acme") is None
    assert await budget.used_today("acme") is None
    assert len(calls) == 1
