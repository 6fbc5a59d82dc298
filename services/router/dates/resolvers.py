"""Resolvers of date-phrase matches: each turns a regex match and today into a range.

The phrase conventions are documented in `dates.py`, the calendar ones in `periods.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.calendar_words import WEEKDAYS
from services.router.dates import periods as p
from services.router.dates.words import day_first, month_of, number, parse_day

Resolver = Callable[[re.Match[str], date], DateRange | None]
UNITS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}


def one_day(day: date | None) -> DateRange | None:
    """A one-day range, or None for no day."""
    return DateRange(start=day, end=day) if day else None


def span(m: re.Match[str], today: date) -> DateRange | None:
    """For "between Oct 5 and Oct 12", "from 2026-10-01 to 2026-10-15": as written."""
    dm = day_first(m)
    first = parse_day(m, "a", today, None, dm)
    if first is None:
        return None
    second = parse_day(m, "b", today, first, dm)
    if second is None:
        return None
    if first.explicit_year or not second.explicit_year:
        return p.span(first.day, second.day)
    # Only the end has a year ("Dec 20 to Jan 5 2026"): the start is the latest one before it.
    start = p.recent_day(second.day, first.day.month, first.day.day)
    return p.span(start or first.day, second.day)


def short_span(m: re.Match[str], today: date) -> DateRange | None:
    """For "Oct 5-12": both days in one month."""
    month = month_of(m["mon"])
    year = int(m["year"]) if m["year"] else None
    start = p.safe_date(year, month, int(m["d1"])) if year else None
    if year is None:
        start = p.recent_day(today, month, int(m["d1"]))
    end = p.safe_date(start.year, month, int(m["d2"])) if start else None
    return p.span(start, end) if start and end else None


def month_span(m: re.Match[str], today: date) -> DateRange | None:
    """For "from August to October", "from January to June 2024", "Jan–Dec": whole months,
    cut at today. Without a year, the latest that has begun, unless it began this month and
    runs on into months to come ("Jan–Dec" asked on 5 January): then the one before, whole."""
    first_month, second_month = month_of(m["m1"] or m["m1b"]), month_of(m["m2"])
    if m["year"]:  # the year is the last month's
        year = int(m["year"])
        start = date(year - (1 if first_month > second_month else 0), first_month, 1)
        return p.clamp(p.span(start, p.month_range(year, second_month).end), today)
    first = p.recent_month(today, first_month)
    year = first.start.year + (1 if second_month < first.start.month else 0)
    end = p.month_range(year, second_month).end
    if first.start == p.month_range(today.year, today.month).start and end.month != today.month:
        start = date(first.start.year - 1, first.start.month, 1)
        return p.span(start, p.month_range(year - 1, second_month).end)
    return p.clamp(p.span(first.start, end), today)


def single_day(m: re.Match[str], today: date) -> DateRange | None:
    """For "Nov 3", "11/03", "2026-11-03": that day (without a year, the latest past one)."""
    found = parse_day(m, "a", today, None)
    return one_day(found.day) if found else None


def iso_week(m: re.Match[str], today: date) -> DateRange | None:
    """For "W8", "week 14 2026": that ISO week (Monday to Sunday) of the year given, else the
    latest one that has begun."""
    week = int(m["wk"])
    years = (
        [int(m["year"])] if m["year"] else [today.isocalendar().year, today.isocalendar().year - 1]
    )
    starts = []
    for year in years:
        try:
            starts.append(date.fromisocalendar(year, week, 1))
        except ValueError:  # week 53 of a year that has 52
            continue
    begun = [s for s in starts if s <= today] if not m["year"] else starts
    if not begun:
        return None
    start = begun[0]
    return p.clamp(DateRange(start=start, end=start + timedelta(days=6)), today)


def month_to_date(m: re.Match[str], today: date) -> DateRange | None:
    """For "Nov MTD" (beside "Dec MTD"): that month's first days, as many as this month has
    had so far."""
    month = p.recent_month(today, month_of(m["mon"]))
    end = min(
        month.start + timedelta(days=today.day - 1),
        p.month_range(month.start.year, month.start.month).end,
    )
    return DateRange(start=month.start, end=min(end, today))


def day_to_today(m: re.Match[str], today: date) -> DateRange | None:
    """For "1 June to now", "from Nov 3 until today": that day to today ("6/1 through
    yesterday": to yesterday)."""
    found = parse_day(m, "a", today, None)
    end = today - timedelta(days=1) if m["yesterday"] else today
    return DateRange(start=found.day, end=end) if found and found.day <= end else None


_MAY_CONTEXT = re.compile(r" (?:in|during|for|of|since|until|through|last|early|mid|late) $")


_MAY_SUBJECT = re.compile(r" (?:i|we|you|they|it|which|who|he|she|there|things) $")
_MAY_THIS = re.compile(r" (?:this|that) $")
"""Before "may", a subject only when a verb follows ("this may be noise"): "bookings this may
are way worse than last may" names the month."""
_MAY_VERB_AFTER = re.compile(
    r"^ (?:be|have|has|had|not|also|just|well|need|want|help|ask|get|see|take|come|go|do"
    r"|require|affect|impact|explain|cause|point|indicate|suggest|mean|still|already"
    r"|actually|even|never|only|i|we|you)(?= )"
)


_MAY_OR = re.compile(r" or may not ")


def _may_is_the_verb(m: re.Match[str]) -> bool:
    """ "may" is the verb after a subject or before a verb ("it may be", "may need"); a month
    after "in", "for", "of" … or beside another month or a metric ("may vs april roas")."""
    before, after = m.string[: m.start()], m.string[m.end() :]
    if _MAY_CONTEXT.search(before):
        return False
    if _MAY_THIS.search(before):
        return bool(_MAY_VERB_AFTER.search(after) or _MAY_OR.match(after))
    return bool(_MAY_SUBJECT.search(before) or _MAY_VERB_AFTER.search(after))


_MONTHS_EVENT = re.compile(
    r"^ (?:board |committee |trustees |client |team |quarterly |monthly )?(?:sitting|meeting"
    r"|board meeting|qbr|committee|review meeting|catch up|check in)\b"
)
_EVENT_OF = re.compile(r" (?:meeting|sitting|qbr|committee|session) (?:of|in) $")
_OWNERS_EVENT = re.compile(r" (?:the|our|their|your|board|committee|trustees|next|this) $")
"""Before a month that dates a meeting ("the board's January sitting", "our March QBR"); after
"in", the month is asked about ("off in August? Board meets …", read without its stop)."""


def named_month(m: re.Match[str], today: date) -> DateRange | None:
    """For "October", "October 2025", "last November": a whole month, cut at today ("the
    board's January sitting", "the board meeting of September" date a meeting, not a period
    asked about)."""
    if m["mon"] == "may" and not m["year"] and _may_is_the_verb(m):
        return None
    if _EVENT_OF.search(m.string[: m.start()]) or (
        _MONTHS_EVENT.search(m.string[m.end() :]) and _OWNERS_EVENT.search(m.string[: m.start()])
    ):
        return None
    month = month_of(m["mon"])
    if m["year"]:
        return p.clamp(p.month_range(int(m["year"]), month), today)
    if m["ly"]:  # "October last year": the month in last calendar year
        return p.month_range(today.year - 1, month)
    if m["last"] and month == today.month:  # "last November" in November = a year ago
        return p.month_range(today.year - 1, month)
    return p.recent_month(today, month)


_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}


def named_quarter(m: re.Match[str], today: date) -> DateRange | None:
    """For "Q4", "Q3 2025", "first quarter of 2025", "Q3 last year", "Q1 next year", "the final
    quarter of last year": a whole quarter, cut at today."""
    quarter = int(m["q"]) if m["q"] else 4 if m["final"] else number(m["qw"])
    year = field(m, "year")
    rel = field(m, "rel")
    if rel:
        year = str(today.year + _YEAR_SHIFT[rel])
    if year:
        return p.clamp(p.quarter_range(int(year), quarter), today)
    return p.recent_quarter(today, quarter)


def rest_of(m: re.Match[str], today: date) -> DateRange | None:
    """For "the rest of the month", "the rest of November" (this month), "the rest of Q1" (this
    quarter), "between now and the end of the month": tomorrow to its end."""
    if m["q"]:
        if int(m["q"]) != p.quarter_of(today):
            return None
        return p.rest_of(today, "quarter")
    if m["mon"]:
        if month_of(m["mon"]) != today.month:
            return None  # "the rest of March" in November: not a span of days to come
        return p.rest_of(today, "month")
    return p.rest_of(today, UNITS[m["unit"]])


def last_n(unit: str) -> Resolver:
    """For "last N <unit>s" for `unit` (see the conventions in `periods.py`)."""

    def resolve(m: re.Match[str], today: date) -> DateRange | None:
        given = field(m, "n")
        n = number(given) if given else 1
        if n < 1 or n > 3660:
            return None
        if unit == "day":
            return p.last_days(today, n)
        if unit == "week":  # "last week" is a calendar week; "last 2 weeks" is 14 rolling days
            whole = re.search(r"\b(?:full|complete|whole|calendar)\b", m.group())
            if given and not whole:
                return p.last_days(today, 7 * n)
            return p.last_weeks(today, n)  # "the last 2 full weeks": Monday-Sunday weeks
        if unit == "month":
            return p.last_months(today, n)
        if unit == "quarter":
            return p.last_quarters(today, n)
        return p.last_years(today, n)

    return resolve


def count_text(m: re.Match[str]) -> str:
    """The number of a "last N" phrase as written, "1" when none is."""
    return field(m, "n") or "1"


def next_units(m: re.Match[str], today: date) -> DateRange | None:
    """For "next month", "next 2 weeks": the period after today (forecasts ask these)."""
    unit = UNITS[m["unit"]]
    count = number(count_text(m))
    if unit in ("day", "week") and (unit == "day" or field(m, "n")):
        days = count * (7 if unit == "week" else 1)  # "next 2 weeks" = 14 days, like "last"
        return DateRange(start=today + timedelta(1), end=today + timedelta(days))
    return p.next_units(today, unit, count) if 1 <= count <= 120 else None


def fixed(make: Callable[[date], DateRange]) -> Resolver:
    """A resolver that depends on today only."""
    return lambda _m, today: make(today)


def whole_year(m: re.Match[str], today: date) -> DateRange | None:
    """For "in 2025": the whole year, cut at today."""
    return p.clamp(p.year_range(int(m["y"])), today)


def to_date(unit: str) -> Resolver:
    """The current `unit` from its first day to today."""
    return lambda _m, today: p.to_date(today, unit)


def latest_day(day: int, today: date) -> date | None:
    """The latest `day` of a month not after today (the 31st may skip a month or two)."""
    year, month = today.year, today.month
    for _ in range(3):  # the 31st may skip a month or two
        found = p.safe_date(year, month, day)
        if found is not None and found <= today:
            return found
        year, month = p.add_months(year, month, -1)
    return None


def days_ago(m: re.Match[str], today: date) -> DateRange | None:
    """For "3 days ago": that single day."""
    return one_day(today - timedelta(days=number(m["n"])))


def units_ago(m: re.Match[str], today: date) -> DateRange | None:
    """For "2 weeks ago": the Monday-Sunday week two before this one; "3 months ago" that
    calendar month."""
    n = number(m["n"])
    if not 1 <= n <= 60:
        return None
    if m["unit"] == "week":
        return p.week_of(today - timedelta(days=7 * n))
    year, month = p.add_months(today.year, today.month, -n)
    return p.month_range(year, month)


def field(m: re.Match[str], name: str) -> str | None:
    """Alternatives carry one field under numbered names (n, n2, n3): the one that matched."""
    groups = m.groupdict()
    return next((groups[k] for k in (name, name + "2", name + "3") if groups.get(k)), None)


def whole_month(m: re.Match[str], today: date) -> DateRange:
    """The named month (with its year, or the latest one that has begun), not cut at today."""
    month = month_of(m["mon"])
    if m["year"]:
        return p.month_range(int(m["year"]), month)
    return p.month_range(today.year if month <= today.month else today.year - 1, month)


_WEEK_FROM = frozenset({"starting", "beginning", "commencing", "from"})
_WEEK_TO = frozenset({"ending", "ended", "to"})


def week_of(m: re.Match[str], today: date) -> DateRange | None:
    """For "the week of Nov 10" (its Monday-Sunday week), "the week starting/ending Nov 10"."""
    found = parse_day(m, "a", today, None)
    if found is None:
        return None
    day, rel = found.day, m["rel"]
    if rel in _WEEK_FROM:
        return p.clamp(DateRange(start=day, end=day + timedelta(days=6)), today)
    if rel in _WEEK_TO:
        return DateRange(start=day - timedelta(days=6), end=day)
    return p.clamp(p.week_of(day), today)


def week_of_day(m: re.Match[str], today: date) -> DateRange | None:
    """For "the week of the 20th" (no month): the week of the latest 20th not after today."""
    day = latest_day(int(m["dom"]), today)
    if day is None:
        return None
    if m["rel"] in _WEEK_FROM:
        return p.clamp(DateRange(start=day, end=day + timedelta(days=6)), today)
    if m["rel"] in _WEEK_TO:
        return DateRange(start=day - timedelta(days=6), end=day)
    return p.clamp(p.week_of(day), today)


def week_ending_weekday(m: re.Match[str], today: date) -> DateRange:
    """For "the week ending Sunday": the seven days up to the latest Sunday before today, as a
    bare "Sunday" would be read."""
    day = p.recent_weekday(today, WEEKDAYS[m["wd"]])
    return DateRange(start=day - timedelta(days=6), end=day)


def days_around(m: re.Match[str], today: date) -> DateRange | None:
    """For "the 7 days ending Oct 18" (it and the six before), "the 10 days from Oct 1", "the
    fortnight ending 13/09"."""
    found = parse_day(m, "a", today, None)
    days = 14 if m["fortnight"] else number(m["n"])
    if found is None or not 1 <= days <= 366:
        return None
    if m["rel"] in ("starting", "beginning", "from"):
        return p.clamp(DateRange(start=found.day, end=found.day + timedelta(days=days - 1)), today)
    return DateRange(start=found.day - timedelta(days=days - 1), end=found.day)
