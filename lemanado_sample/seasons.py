"""Calendar effects on demand: weekday rhythm, holiday peaks and troughs."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

# Monday..Sunday. Shoppers browse more at weekends; B2B buyers work Monday to Friday.
_WEEKLY_SHOP = (1.0, 0.97, 0.97, 1.0, 1.02, 1.1, 1.12)
_WEEKLY_B2B = (1.08, 1.12, 1.1, 1.05, 0.9, 0.45, 0.5)


@cache
def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + timedelta(weeks=3)


def black_friday(year: int) -> date:
    """The day after Thanksgiving."""
    return thanksgiving(year) + timedelta(days=1)


def cyber_monday(year: int) -> date:
    """The Monday after Black Friday."""
    return thanksgiving(year) + timedelta(days=4)


def _shop_holiday(day: date) -> tuple[float, float]:
    """(demand, conversion-rate) multipliers for a shop around BFCM and Christmas."""
    bf, cm = black_friday(day.year), cyber_monday(day.year)
    if day in (bf, cm):
        return 2.3, 1.35
    if bf - timedelta(days=1) <= day <= cm:
        return 1.7, 1.2
    if bf - timedelta(days=7) <= day < bf:
        return 1.2, 1.05
    if day.month == 12 and 2 <= day.day <= 20:
        return 1.3, 1.1
    if day.month == 12 and day.day in (24, 25):
        return 0.55, 0.8
    if day.month == 12 and day.day >= 26:
        return 1.15, 1.05
    return 1.0, 1.0


def _b2b_holiday(day: date) -> tuple[float, float]:
    """(demand, conversion-rate) multipliers for B2B: quiet between Christmas and New Year."""
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        return 0.4, 0.6
    if day.month == 8:
        return 0.8, 0.9
    return 1.0, 1.0


def demand(day: date, *, b2b: bool) -> tuple[float, float]:
    """(demand, conversion-rate) multipliers for `day`, weekday and holidays combined."""
    weekly = (_WEEKLY_B2B if b2b else _WEEKLY_SHOP)[day.weekday()]
    volume, rate = _b2b_holiday(day) if b2b else _shop_holiday(day)
    return weekly * volume, rate
