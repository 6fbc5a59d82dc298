"""When a tenant's daily anomaly watch is due: once its local morning has come, for its local
yesterday, unless that day was watched already. Pure: the clock's time comes in."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def due_day(
    now: dt.datetime, today: dt.date, timezone: str, hour: int, last: dt.date | None
) -> dt.date | None:
    """The day to watch now (the tenant's yesterday), or None: not yet its `hour` locally, or
    that day (or a later one) was watched. `today` is the tenant's local today (the clock's,
    which a pinned day overrides)."""
    if now.astimezone(ZoneInfo(timezone)).hour < hour:
        return None
    day = today - dt.timedelta(days=1)
    if last is not None and last >= day:
        return None
    return day


def watch_question(day: dt.date) -> str:
    """The question the watch asks of the pipeline: the day by its date, so every stage reads
    the same day whatever its own clock says."""
    return f"Anything unusual on {day.isoformat()}?"
