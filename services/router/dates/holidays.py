"""Holidays that move (Easter, Memorial Day, Mother's Day …) and the weekends and weeks
around any holiday ("Memorial Day weekend", "Thanksgiving week", "valentines weekend").

- A holiday alone is its day; "<holiday> week" the Monday–Sunday week it falls in.
- "<holiday> weekend": a Monday holiday's long weekend, Saturday to Monday (Memorial, Labor,
  Presidents' Day, Easter Monday); Thanksgiving's, Thursday to Sunday; Easter's, Good Friday
  to Easter Monday; any other holiday's, the Saturday–Sunday nearest it.
- Without a year, the latest occurrence that has begun; "last year's" or a year: that year's.
- "Happy Mother's Day", "merry Christmas" are greetings, not periods.
- The UK's "bank holiday weekend" is the latest bank holiday Monday's, Saturday to Monday (a
  named one, "the early May bank holiday weekend", that one's);
  "over the holidays" (the Christmas holidays, the festive period) the year-end holidays, Dec 22
  to Jan 2.
- Black Friday and Cyber Monday: the day, its weekend (to Sunday), its week (Monday to
  Sunday, this year's once it has begun), BFCM (Friday to Monday); Thanksgiving, the Thursday.
US dates for US holidays (Mother's Day is the second Sunday of May).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import easter

from libs.common.plan import DateRange
from services.router.dates import periods as p
from services.router.dates.words import HOLIDAYS, NOT_A_GREETING, named_again

_DAY = timedelta(days=1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`th `weekday` (0 = Monday) of a month; n = -1 for the last."""
    if n < 0:
        last = p.month_range(year, month).end
        return last - ((last.weekday() - weekday) % 7) * _DAY
    first = date(year, month, 1)
    return first + ((weekday - first.weekday()) % 7 + 7 * (n - 1)) * _DAY


MOVING: dict[str, Callable[[int], date]] = {
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - 2 * _DAY,
    "easter monday": lambda y: easter(y) + _DAY,
    "mothering sunday": lambda y: easter(y) - 21 * _DAY,  # the UK's, three weeks before Easter
    "mother day": lambda y: _nth_weekday(y, 5, 6, 2),
    "mothers day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father day": lambda y: _nth_weekday(y, 6, 6, 3),
    "fathers day": lambda y: _nth_weekday(y, 6, 6, 3),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "labour day": lambda y: _nth_weekday(y, 9, 0, 1),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "president day": lambda y: _nth_weekday(y, 2, 0, 3),
    "independence day": lambda y: date(y, 7, 4),
    "4th of july": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4),
    "july 4th": lambda y: date(y, 7, 4),
    "thanksgiving": lambda y: p.black_friday(y) - _DAY,
    "valentines": lambda y: date(y, 2, 14),
    "valentine": lambda y: date(y, 2, 14),
    "giving tuesday": lambda y: p.black_friday(y) + 4 * _DAY,
}
"""Holiday name (as normalized: "Mother's Day" is "mother day") -> its day in a year."""


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


_ALL: dict[str, Callable[[int], date]] = {
    **{name: _fixed(*month_day) for name, month_day in HOLIDAYS.items()},
    **MOVING,
}
_ALONE = frozenset(MOVING) - {"thanksgiving", "valentines", "valentine", "4th of july", "july 4th"}
"""Names this rule reads alone (the others, alone, are the day rules')."""
NAMES = "|".join(sorted(_ALL, key=len, reverse=True))
"""Every holiday's name as a regex alternation, longest first."""
PATTERN = (
    rf"{NOT_A_GREETING}(?:(?P<lyp>last years? )|(?P<last>(?:last|this past) ))?(?P<hol>{NAMES})"
    r"(?: (?P<kind>long weekend|weekend|wknd|week))?"
    r"(?: (?P<year>\d{4})| (?:of )?(?P<ly>last year)| (?P<ty>this year))?"
)
_MONDAY_LONG = frozenset(
    {"memorial day", "labor day", "labour day", "presidents day", "president day"}
)


def _around(name: str, day: date, kind: str | None) -> DateRange:
    if kind is None:
        return DateRange(start=day, end=day)
    if kind == "week":
        return p.week_of(day)
    if name in _MONDAY_LONG or name == "easter monday":
        monday = day + ((0 - day.weekday()) % 7) * _DAY
        return DateRange(start=monday - 2 * _DAY, end=monday)
    if name == "thanksgiving":
        return DateRange(start=day, end=day + 3 * _DAY)
    if name in ("easter", "easter sunday", "good friday"):
        sunday = day + ((6 - day.weekday()) % 7) * _DAY
        return DateRange(start=sunday - 2 * _DAY, end=sunday + _DAY)
    # the Saturday–Sunday nearest the day (a Friday's is the one after, a Monday's before)
    offset = {0: -2, 1: -3, 2: -4, 3: 2, 4: 1, 5: 0, 6: -1}[day.weekday()]
    saturday = day + offset * _DAY
    return DateRange(start=saturday, end=saturday + _DAY)


def _bank_holidays(year: int) -> list[date]:
    """The UK's bank holiday Mondays of a year: Easter Monday, early May, spring, summer."""
    return [
        easter(year) + _DAY,
        _nth_weekday(year, 5, 0, 1),
        _nth_weekday(year, 5, 0, -1),
        _nth_weekday(year, 8, 0, -1),
    ]


def bank_holiday(m: re.Match[str], today: date) -> DateRange | None:
    """For "the bank holiday weekend" (UK): the latest bank holiday Monday's long weekend that
    has begun, Saturday to Monday ("the bank holiday" alone: that Monday)."""
    which = _WHICH_BANK_HOLIDAY.get(m["which"] or "")
    mondays = [
        d
        for y in (today.year, today.year - 1)
        for n, d in enumerate(_bank_holidays(y))
        if which is None or n == which
    ]
    weekend = bool(m["kind"])
    begun = [d for d in mondays if (d - 2 * _DAY if weekend else d) <= today]
    monday = max(begun)
    rng = (
        DateRange(start=monday - 2 * _DAY, end=monday)
        if weekend
        else DateRange(start=monday, end=monday)
    )
    return p.clamp(rng, today)


BANK_HOLIDAY = (
    r"(?:the |a |this |last )?(?:(?P<which>easter|early may|may day|late may|may|spring|summer"
    r"|august) )?bank holiday(?P<kind> weekend| long weekend)?"
)
_WHICH_BANK_HOLIDAY = {
    "easter": 0,
    "early may": 1,
    "may day": 1,
    "late may": 2,
    "may": 1,  # "the May bank holiday": the early one, May Day
    "spring": 2,
    "summer": 3,
    "august": 3,
}
"""Which of `_bank_holidays` a named one is ("the early May bank holiday weekend")."""
SEASON = (
    r"(?:over|during|across|through) the (?:holidays|holiday season|holiday period|holiday break)"
    r"|(?:(?:over|during|across|through|in|for) )?(?:the )?(?:christmas|xmas|festive) (?:holidays"
    r"|break|period|season)"
)


def holiday_season(_m: re.Match[str], today: date) -> DateRange:
    """For "over the holidays" ("the Christmas holidays", "the festive period"): the year-end
    holidays, Dec 22 to Jan 2, the latest begun."""
    year = today.year if today >= date(today.year, 12, 22) else today.year - 1
    return p.clamp(DateRange(start=date(year, 12, 22), end=date(year + 1, 1, 2)), today)


def resolve(m: re.Match[str], today: date) -> DateRange | None:
    """The holiday, its weekend or its week (see the module's rules)."""
    name, kind = m["hol"], m["kind"]
    if kind is None and name not in _ALONE and not (m["last"] or m["ly"] or m["lyp"]):
        return None  # "Boxing Day" alone is the day rules'; "Boxing Day last year" is this one's
    kind = "weekend" if kind in ("wknd", "long weekend") else kind
    day_of = _ALL[name]
    if m["year"] or m["ly"] or m["lyp"]:
        year = int(m["year"]) if m["year"] else today.year - 1
        return p.clamp(_around(name, day_of(year), kind), today)
    found = _around(name, day_of(today.year), kind)
    if m["ty"]:  # "Easter weekend this year (vs last year)": this year's, even if to come
        return p.clamp(found, today) if found.start <= today else found
    if found.start > today:
        found = _around(name, day_of(today.year - 1), kind)
    if m["last"] and named_again(m, name):  # "Christmas vs last Christmas"
        found = _around(name, day_of(found.start.year - 1), kind)
    return p.clamp(found, today)


def black_friday(m: re.Match[str], today: date) -> DateRange | None:
    """Black Friday (its weekend: to Sunday; its week: Monday to Sunday; BFCM: to Cyber Monday)
    or Cyber Monday, of a year or the latest one."""
    if m["year"] or m["ly"] or m["lyp"]:  # "Black Friday last year", "last year's Black Friday"
        friday = p.black_friday(int(m["year"]) if m["year"] else today.year - 1)
    else:
        friday = p.recent_black_friday(today)
    if m["last"] and named_again(m, m.group().split(" ", 1)[1]):
        friday = p.black_friday(friday.year - 1)  # "Black Friday vs last Black Friday"
    if m["bfcm"]:  # Black Friday to Cyber Monday
        return DateRange(start=friday, end=friday + timedelta(days=3))
    if m["cm"]:  # Cyber Monday alone
        return _one_day(friday + timedelta(days=3))
    if m["cyber"]:  # the weekend: Friday to Sunday
        return DateRange(start=friday, end=friday + timedelta(days=2))
    if m["week"]:  # asked during it (even before the Friday): the days so far
        this_year = p.black_friday(today.year)
        if not (m["year"] or m["ly"] or m["lyp"]) and this_year - timedelta(days=4) <= today:
            friday = this_year
        week = DateRange(start=friday - timedelta(days=4), end=friday + timedelta(days=2))
        return p.clamp(week, today)
    return DateRange(start=friday, end=friday)


def thanksgiving(m: re.Match[str], today: date) -> DateRange | None:
    """US Thanksgiving (the day before Black Friday), of a year or the latest one."""
    if m["year"]:
        return _one_day(p.black_friday(int(m["year"])) - timedelta(days=1))
    day = p.black_friday(today.year) - timedelta(days=1)
    return _one_day(day if day <= today else p.black_friday(today.year - 1) - timedelta(days=1))


def _one_day(day: date) -> DateRange:
    return DateRange(start=day, end=day)
