"""The one clock every service reads: what time it is, and what "today" is for a tenant.

With `AYA_TODAY` pinned, the clock keeps that day and the real time of day, so a demo or a test
pinned to a past day dates everything it writes on that day — ledger rows, answers, questions,
admin rows, budget months and retention ages — and "this month" means the pinned one. Code
asks a `Clock` (from its settings: `settings.clock`) and never the system clock directly; SQL
gets the clock's time as a parameter instead of calling now().
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Clock:
    """The real clock, or with `pinned` that day at the real time of day (UTC)."""

    pinned: date | None = None

    def now(self) -> datetime:
        """The current time, UTC-aware (on the pinned day when there is one)."""
        real = datetime.now(UTC)
        if self.pinned is None:
            return real
        return datetime.combine(self.pinned, real.timetz())

    def today(self, timezone: str = "UTC") -> date:
        """Today's date in `timezone` (the pinned day wherever one is pinned)."""
        if self.pinned is not None:
            return self.pinned
        return self.now().astimezone(ZoneInfo(timezone)).date()


def today_in(timezone: str, override: date | None = None, now: datetime | None = None) -> date:
    """Today's date in `timezone` at `now` (the real time when None); `override` wins."""
    if override is not None:
        return override
    current = now if now is not None else datetime.now(UTC)
    return current.astimezone(ZoneInfo(timezone)).date()
