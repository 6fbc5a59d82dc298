"""What "today" is for a tenant: the clock in its time zone, unless overridden."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def today_in(timezone: str, override: date | None = None, now: datetime | None = None) -> date:
    """Today's date in `timezone`; `override` (AYA_TODAY / --today) wins over the clock."""
    if override is not None:
        return override
    current = now if now is not None else datetime.now(UTC)
    return current.astimezone(ZoneInfo(timezone)).date()


def utc_now() -> datetime:
    """The current time, UTC-aware."""
    return datetime.now(UTC)
