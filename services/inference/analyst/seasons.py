"""Calendar events every ad analyst expects to move the numbers: a finding inside one is
reported as seasonal, not raised as an alarm.

- Black Friday weekend: US Thanksgiving (the fourth Thursday of November) to Cyber Monday.
- The year-end holidays: December 22 to January 2 (shops see a Christmas dip, B2B buyers are
  away).

Only findings whose every day lies inside an event are seasonal; the event's name goes with
them, so the answer can say why the day moved.
"""

from __future__ import annotations

from datetime import date, timedelta

from services.inference.analyst.anomaly import Anomaly


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def season_of(day: date) -> str | None:
    """The calendar event `day` falls in, if any."""
    start = thanksgiving(day.year)
    if start <= day <= start + timedelta(days=4):
        return "Black Friday weekend"
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        return "the year-end holidays"
    return None


def season(anomaly: Anomaly) -> str | None:
    """The calendar event the whole of `anomaly` lies in, if any."""
    first = season_of(anomaly.start)
    if first is None:
        return None
    days = (anomaly.end - anomaly.start).days
    same = all(season_of(anomaly.start + timedelta(days=i)) == first for i in range(days + 1))
    return first if same else None
