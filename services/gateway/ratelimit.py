"""Per-tenant limits shared by every gateway replica: requests per minute and tokens per day.

Requests per minute is a fixed-window counter in the NATS KV bucket `ratelimits`, one key per
tenant and minute (`rpm.<tenant>.<epoch minute>`). A request is admitted only by a
compare-and-set that moves the counter from n to n + 1 with n < limit: the server accepts a
write only when the key's last revision is the one the writer read, so concurrent writers in
any number of processes cannot both win with the same n, and no increment is lost.

Tokens per day is read from the audit ledger (the source of truth for model tokens) through
the usage request-reply, cached a few seconds per tenant so a burst of questions asks once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from faststream.nats import NatsBroker
from nats.js.api import KeyValueConfig, StorageType
from nats.js.errors import KeyNotFoundError, KeyWrongLastSequenceError

from libs.common.kv import KvStore, LastingBucket
from libs.common.rpc import USAGE, RpcError, call
from libs.common.subjects import RATELIMIT_BUCKET
from libs.common.usage import UsageRequest
from services.gateway.settings import GatewaySettings

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60
# Keys outlive their minute so a late writer still finds its window; after that they vanish.
BUCKET_TTL_SECONDS = 2 * WINDOW_SECONDS + 30
# Each lost compare-and-set means another request was counted, so a request can lose at most
# about `limit` times in a row before the window is full; the cap only bounds pathological
# contention, where refusing is the answer that never over-admits.
MAX_ATTEMPTS = 50
TOKEN_CACHE_SECONDS = 5.0
# Short on purpose: the token check sits in front of every question and fails open.
TOKEN_CHECK_TIMEOUT_SECONDS = 1.0


@dataclass(frozen=True)
class Window:
    """One fixed rate-limit window: minute number `index` since the epoch (for 60 s windows)."""

    index: int
    length: int = WINDOW_SECONDS

    @classmethod
    def at(cls, now: float, length: int = WINDOW_SECONDS) -> Window:
        """The window that contains the instant `now` (seconds since the epoch)."""
        return cls(int(now // length), length)

    @property
    def end(self) -> float:
        """First instant of the next window."""
        return float((self.index + 1) * self.length)

    def reset_after(self, now: float) -> int:
        """Whole seconds until this window ends (1..length, never 0: 0 would invite a retry
        that still lands in the full window)."""
        return max(1, math.ceil(self.end - now))


@dataclass(frozen=True)
class Decision:
    """The outcome of counting one request, with what the rate-limit headers report."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        """`X-RateLimit-*` headers of this decision."""
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_seconds),
        }


def rpm_key(tenant_id: str, window: Window) -> str:
    """KV key of a tenant's request counter in one window."""
    return f"rpm.{tenant_id}.{window.index}"


def rpm_keys_of(tenant_id: str) -> str:
    """A filter matching every request-counter key of the tenant."""
    return f"rpm.{tenant_id}.*"


class RequestLimiter:
    """Requests-per-minute counters in NATS KV, correct across any number of gateways."""

    def __init__(self, kv: KvStore, clock: Callable[[], float] = time.time) -> None:
        self._kv = kv
        self._clock = clock

    async def hit(self, tenant_id: str, limit: int) -> Decision:
        """Count one request of the tenant if the window has room; refuse it otherwise.

        Raises NATS errors (other than a lost compare-and-set) to the caller.
        """
        now = self._clock()
        window = Window.at(now)
        key = rpm_key(tenant_id, window)
        for attempt in range(MAX_ATTEMPTS):
            count, revision = await self._read(key)
            if count >= limit:
                return Decision(False, limit, 0, window.reset_after(now))
            try:
                if revision is None:
                    await self._kv.create(key, b"1")
                else:
                    await self._kv.update(key, str(count + 1).encode(), last=revision)
            except KeyWrongLastSequenceError:
                # Another request was counted first: re-read and try again, with a little
                # jitter so the losers of one round do not collide again in lockstep.
                await asyncio.sleep(random.uniform(0, 0.002 * (attempt + 1)))
                continue
            return Decision(True, limit, limit - count - 1, window.reset_after(now))
        logger.warning("rate limit counter for %s stayed contended; refusing", tenant_id)
        return Decision(False, limit, 0, window.reset_after(now))

    async def _read(self, key: str) -> tuple[int, int | None]:
        try:
            entry = await self._kv.get(key)
        except KeyNotFoundError:
            return 0, None
        return int(entry.value or b"0"), entry.revision


UsageLookup = Callable[[str], Awaitable[int | None]]
"""Tokens a tenant used today, or None when the ledger cannot say."""


class TokenBudget:
    """Today's model tokens per tenant from the ledger, cached briefly (a cache of the ledger's
    answer, not a counter: every replica converges on the ledger within the cache time)."""

    def __init__(
        self,
        lookup: UsageLookup,
        ttl: float = TOKEN_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lookup = lookup
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[float, int | None]] = {}

    async def used_today(self, tenant_id: str) -> int | None:
        """Tokens the tenant used today (UTC), or None when the ledger is unreachable."""
        now = self._clock()
        cached = self._cache.get(tenant_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        used = await self._lookup(tenant_id)
        # Failures are cached too: with the audit service down, each question would otherwise
        # wait for the lookup's timeout.
        self._cache = {t: v for t, v in self._cache.items() if v[0] > now}
        self._cache[tenant_id] = (now + self._ttl, used)
        return used


def seconds_to_utc_midnight(now: dt.datetime) -> int:
    """Whole seconds until the next UTC day begins (when a daily token budget renews)."""
    tomorrow = (now.astimezone(dt.UTC) + dt.timedelta(days=1)).date()
    midnight = dt.datetime.combine(tomorrow, dt.time(), dt.UTC)
    return max(1, math.ceil((midnight - now).total_seconds()))


def ledger_lookup(broker: NatsBroker, settings: GatewaySettings) -> UsageLookup:
    """Ask the audit service for a tenant's tokens today (input + output, UTC day)."""

    async def lookup(tenant_id: str) -> int | None:
        today = settings.clock.today()
        try:
            report = await call(
                broker,
                USAGE,
                tenant_id,
                UsageRequest(start=today, end=today),
                timeout_seconds=min(TOKEN_CHECK_TIMEOUT_SECONDS, settings.usage_timeout_seconds),
            )
            return int(report.totals["input_tokens"]) + int(report.totals["output_tokens"])
        except RpcError as exc:
            logger.warning("no ledger totals (%s); token limit of %s not enforced", exc, tenant_id)
        except (ValueError, KeyError, TypeError):
            logger.warning("unusable ledger totals; token limit of %s not enforced", tenant_id)
        return None

    return lookup


class RateLimits:
    """The gateway's limiters; `prepare()` (after the broker connects) declares the bucket."""

    def __init__(self, broker: NatsBroker, settings: GatewaySettings) -> None:
        self._broker = broker
        self._settings = settings
        self._requests: RequestLimiter | None = None
        self.tokens = TokenBudget(ledger_lookup(broker, settings))

    async def prepare(self) -> None:
        """Create (or open) the KV bucket the request counters live in."""
        kv = await LastingBucket.open(
            self._broker,
            KeyValueConfig(
                bucket=RATELIMIT_BUCKET,
                description="Per-tenant request counters, one key per tenant and minute.",
                history=1,
                ttl=BUCKET_TTL_SECONDS,
                # Counters are worth one minute: memory is enough. A server restart loses the
                # bucket; it is declared again, so tenants at worst get a fresh window.
                storage=StorageType.MEMORY,
                replicas=self._settings.stream_replicas,
            ),
        )
        self._requests = RequestLimiter(kv)

    @property
    def requests(self) -> RequestLimiter:
        """The requests-per-minute limiter."""
        if self._requests is None:
            raise RuntimeError("rate limits used before prepare()")
        return self._requests
