"""Rows the connector gave for one account and window, kept briefly in this process.

Questions about the same tenant come in runs over the same windows ("why did ROAS drop last
week?", then "what happened on Meta last week?"): each analysis fetches the asked week and four
weeks of history at day x campaign grain, and each fetch is an MCP call whose result the SDK
parses and re-validates and we read into rows again. Kept here, a second question over a window
costs neither the connector nor that CPU.

- The key is the tenant, the account, the window, the metrics and the grain: a tenant's rows are
  never served to another, and a credential change (`forget`) drops the tenant's entries.
- A window that reaches yesterday or today keeps `open_seconds` (its numbers still move, and a
  day's "today" differs by time zone); an older one `closed_seconds`.
- At most `max_rows` rows are kept; the least recently used entries go first.
- Concurrent fetches of one key share a single connector call.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from libs.common import DateRange, MetricRow

Key = tuple[str, str, date, date, tuple[str, ...], tuple[str, ...]]
"""(tenant, account, start, end, metrics, grain)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """One account's rows for a window, and when the connector gave them."""

    rows: tuple[MetricRow, ...]
    at: datetime


@dataclass(frozen=True, slots=True)
class _Entry:
    fetched: Fetched
    expires: float


Outcome = Callable[[str, str], None]
"""Told (tenant, "hit" | "miss" | "shared") for every lookup."""


class RowCache:
    """See the module: rows per (tenant, account, window, metrics, grain), kept briefly."""

    def __init__(
        self,
        *,
        open_seconds: float,
        closed_seconds: float,
        max_rows: int,
        today: Callable[[], date],
        outcome: Outcome | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._open = open_seconds
        self._closed = closed_seconds
        self._max_rows = max_rows
        self._today = today
        self._outcome = outcome
        self._clock = clock
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._rows = 0
        self._flights: dict[Key, asyncio.Future[Fetched]] = {}

    @property
    def rows(self) -> int:
        """How many rows are kept now."""
        return self._rows

    async def get(
        self, key: Key, period: DateRange, fetch: Callable[[], Awaitable[Fetched]]
    ) -> Fetched:
        """The kept rows of `key`, or `fetch`ed (once, however many ask at the same time)."""
        entry = self._entries.get(key)
        if entry is not None and self._clock() < entry.expires:
            self._entries.move_to_end(key)
            self._told(key, "hit")
            return entry.fetched
        flight = self._flights.get(key)
        if flight is not None:
            try:
                found = await asyncio.shield(flight)
            except asyncio.CancelledError:
                if not flight.cancelled():
                    raise  # we are cancelled ourselves
            else:
                self._told(key, "shared")
                return found
        self._told(key, "miss")
        return await self._fetch(key, period, fetch)

    async def _fetch(
        self, key: Key, period: DateRange, fetch: Callable[[], Awaitable[Fetched]]
    ) -> Fetched:
        flight: asyncio.Future[Fetched] = asyncio.get_running_loop().create_future()
        self._flights[key] = flight
        try:
            fetched = await fetch()
        except asyncio.CancelledError:
            flight.cancel()
            raise
        except BaseException as exc:
            flight.set_exception(exc)
            flight.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            self._flights.pop(key, None)
        flight.set_result(fetched)
        self._keep(key, period, fetched)
        return fetched

    def _keep(self, key: Key, period: DateRange, fetched: Fetched) -> None:
        if self._max_rows <= 0 or len(fetched.rows) > self._max_rows:
            return
        recent = period.end >= self._today() - timedelta(days=1)
        seconds = self._open if recent else self._closed
        if seconds <= 0:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._rows -= len(old.fetched.rows)
        self._entries[key] = _Entry(fetched, self._clock() + seconds)
        self._rows += len(fetched.rows)
        while self._rows > self._max_rows:
            _, gone = self._entries.popitem(last=False)
            self._rows -= len(gone.fetched.rows)

    def forget(self, tenant_id: str) -> None:
        """Drop every entry of `tenant_id` (its credential changed: other accounts, other data)."""
        for key in [k for k in self._entries if k[0] == tenant_id]:
            self._rows -= len(self._entries.pop(key).fetched.rows)

    def _told(self, key: Key, outcome: str) -> None:
        if self._outcome is not None:
            self._outcome(key[0], outcome)
