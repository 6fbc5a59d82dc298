"""Resolvers of a day named by its weekday or its day of the month ("on Monday", "last
Tuesday", "on the 14th", "between the 1st and the 15th"): the latest such day not after today,
unless the words around it name an event, a deadline or what day it is."""

from __future__ import annotations

import re
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.calendar_words import WEEKDAYS
from services.router.dates import periods as p
from services.router.dates.resolvers import latest_day, one_day
from services.router.lexicon import METRIC_PHRASES

_EVENT = re.compile(
    r"^ (?:[a-z]+ )?(?:meeting|call|qbr|review|standup|stand up|sync"
    r"|deadline|presentation|catch up|check in)\b"
)


_DUE = re.compile(
    r" (?:due|by|before|deadline|deadline is|(?:meeting|call|pack|deck|report|presentation|qbr"
    r"|pitch|review|email|sync|standup|catch up|board|slides|update)(?: is)?(?: on| this| next)?)"
    r" (?:on )?$"
)
"""When the numbers are due ("due thursday", "for the board pack on Friday", "by Monday"):
a deadline, not the period asked about."""


def weekday(m: re.Match[str], today: date) -> DateRange | None:
    """For "on Monday", "last Tuesday": the latest such day before today ("Thursday's board
    meeting", "the Monday regional call" name an event, and "due thursday" a deadline, not a
    period)."""
    if _EVENT.search(m.string[m.end() :]) or _DUE.search(m.string[: m.start("wd")]):
        return None
    if m.string.endswith((" happy ", " on a ", " a ", " every ", " each "), 0, m.start("wd")):
        return None  # "happy Monday!", "on a Sunday", "a digest every Monday": no day asked
    if m.string.endswith(" next ", 0, m.start("wd")):
        # "what will bookings be next Monday?": the coming one, a day with no rows yet
        ahead = (WEEKDAYS[m["wd"]] - today.weekday() - 1) % 7 + 1
        return one_day(today + timedelta(days=ahead))
    today_named = WEEKDAYS[m["wd"]] == today.weekday()
    if today_named and _OPENING_DAY.fullmatch(m.string, 0, m.start()):
        return (
            None
            if not _DAY_FIGURES.match(m.string, m.end())
            else one_day(p.recent_weekday(today, WEEKDAYS[m["wd"]]))
        )  # "Monday q:", "Ugh, Friday.": the message says what day it is
    return one_day(p.recent_weekday(today, WEEKDAYS[m["wd"]]))


_OPENING_DAY = re.compile(r" (?:(?:ugh|argh|ah|oh|so|right|ok|okay|its|it s|another|morning) )?")
"""Nothing before a weekday but an interjection: the message opens by naming today."""
_DAY_FIGURES = re.compile(
    r" (?:s |numbers|figures|stats|results|"
    + "|".join(sorted((re.escape(p) for p in METRIC_PHRASES), key=len, reverse=True))
    + r")\b"
)
"""… unless its figures follow ("Monday numbers"): a day asked about."""


_TODAY_IS = re.compile(
    r"(?:(?<= )(?P<before>[a-z]+))? (?:it|its|today is|today|we are|were)"
    r"(?: only| just| already)? $"
)
"""Saying what day it is ("it's only the 9th but it looks bad"): no period."""
_DID_IT = re.compile(r"[a-z]+ed|did|ran|put|set|sent|began|went|took|made")
"""… unless "it" is what was done that day ("we launched it on the 6th")."""


def day_of_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "on the 14th": the latest 14th of a month not after today."""
    today_is = _TODAY_IS.search(m.string[: m.start()])
    if today_is and not _DID_IT.fullmatch(today_is["before"] or ""):
        return None
    found = latest_day(int(m["dom"]), today)
    return one_day(found) if found else None


def days_of_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "between the 1st and the 15th": from the latest such first day not after today to
    the second day of the same month (cut at today)."""
    first = latest_day(int(m["d1"]), today)
    if first is None or int(m["d2"]) < first.day:
        return None
    end = p.safe_date(first.year, first.month, int(m["d2"]))
    return p.clamp(p.span(first, end), today) if end else None
