"""Date phrases: find every period a normalized question names, resolved against today.

Each rule is a regex over `Normalized.text` and a resolver; overlapping matches are settled by
earliest start, then longest match. Conventions are in `periods.py`; the phrase-level choices:
- "past", "previous", "prior", "trailing" and "preceding" mean the same as "last"
  ("past week" = the previous Monday-Sunday, "past 14 days" = the 14 days before today);
- "L7D"/"L30D"/"7d" = last N days; "fortnight" = 14 days; "N days ago" = that single day;
- slash dates are US month/day ("11/03" = 3 November) unless the first number cannot be a
  month ("25/10" = 25 October);
- "since <period>" and "starting <period>" run from the period's first day to today;
- a span whose endpoints have no year ("Oct 5 to Oct 12") starts on the most recent occurrence
  of its first day not in the future and ends after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router import periods as p
from services.router.datewords import MONTH_RE, NUM_RE, day_re, month_of, number, parse_day
from services.router.lexicon import WEEKDAYS

Resolver = Callable[[re.Match[str], date], DateRange | None]

_LAST = r"(?:last|past|previous|prior|trailing|preceding|this past)"
_UNITS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One period named in the question."""

    start: int
    end: int
    rng: DateRange
    rule: str
    unit: str | None  # calendar unit of a "last <unit>" phrase: its counterpart is "this <unit>"


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    unit: str | None = None


def _rule(name: str, regex: str, resolve: Resolver, unit: str | None = None) -> _Rule:
    return _Rule(name, re.compile(r"(?<= )(?:" + regex + r")(?= )"), resolve, unit)


def _one_day(day: date | None) -> DateRange | None:
    return DateRange(start=day, end=day) if day else None


def _span(m: re.Match[str], today: date) -> DateRange | None:
    first = parse_day(m, "a", today, None)
    if first is None:
        return None
    second = parse_day(m, "b", today, first)
    if second is None:
        return None
    if first.explicit_year or not second.explicit_year:
        return p.span(first.day, second.day)
    # Only the end has a year ("Dec 20 to Jan 5 2026"): the start is the latest one before it.
    start = p.recent_day(second.day, first.day.month, first.day.day)
    return p.span(start or first.day, second.day)


def _short_span(m: re.Match[str], today: date) -> DateRange | None:
    month = month_of(m["mon"])
    year = int(m["year"]) if m["year"] else None
    start = p.safe_date(year, month, int(m["d1"])) if year else None
    if year is None:
        start = p.recent_day(today, month, int(m["d1"]))
    end = p.safe_date(start.year, month, int(m["d2"])) if start else None
    return p.span(start, end) if start and end else None


def _month_span(m: re.Match[str], today: date) -> DateRange | None:
    first = p.recent_month(today, month_of(m["m1"]))
    second_month = month_of(m["m2"])
    year = first.start.year + (1 if second_month < first.start.month else 0)
    return p.clamp(p.span(first.start, p.month_range(year, second_month).end), today)


def _day(m: re.Match[str], today: date) -> DateRange | None:
    found = parse_day(m, "a", today, None)
    return _one_day(found.day) if found else None


_MAY_CONTEXT = re.compile(r" (?:in|during|for|of|since|until|through|last|early|mid|late) $")


def _named_month(m: re.Match[str], today: date) -> DateRange | None:
    if m["mon"] == "may" and not m["year"] and not _MAY_CONTEXT.search(m.string[: m.start()]):
        return None  # "may" is usually the verb
    month = month_of(m["mon"])
    if m["year"]:
        return p.clamp(p.month_range(int(m["year"]), month), today)
    if m["last"] and month == today.month:  # "last November" in November = a year ago
        return p.month_range(today.year - 1, month)
    return p.recent_month(today, month)


def _quarter(m: re.Match[str], today: date) -> DateRange | None:
    quarter = int(m["q"]) if m["q"] else number(m["qw"])
    year = _group(m, "year")
    if year:
        return p.clamp(p.quarter_range(int(year), quarter), today)
    return p.recent_quarter(today, quarter)


def _last_n(unit: str) -> Resolver:
    def resolve(m: re.Match[str], today: date) -> DateRange | None:
        given = _group(m, "n")
        n = number(given) if given else 1
        if n < 1 or n > 3660:
            return None
        if unit == "day":
            return p.last_days(today, n)
        if unit == "week":  # "last week" is a calendar week; "last 2 weeks" is 14 rolling days
            return p.last_days(today, 7 * n) if given else p.last_weeks(today, 1)
        if unit == "month":
            return p.last_months(today, n)
        if unit == "quarter":
            return p.last_quarters(today, n)
        return p.last_years(today, n)

    return resolve


def _n(m: re.Match[str]) -> str:
    return _group(m, "n") or "1"


def _next_units(m: re.Match[str], today: date) -> DateRange | None:
    unit = _UNITS[m["unit"]]
    count = number(_n(m))
    if unit in ("day", "week") and (unit == "day" or _group(m, "n")):
        days = count * (7 if unit == "week" else 1)  # "next 2 weeks" = 14 days, like "last"
        return DateRange(start=today + timedelta(1), end=today + timedelta(days))
    return p.next_units(today, unit, count) if 1 <= count <= 120 else None


def _fixed(make: Callable[[date], DateRange]) -> Resolver:
    return lambda _m, today: make(today)


def _year(m: re.Match[str], today: date) -> DateRange | None:
    return p.clamp(p.year_range(int(m["y"])), today)


def _black_friday(m: re.Match[str], today: date) -> DateRange | None:
    friday = p.black_friday(int(m["year"])) if m["year"] else p.recent_black_friday(today)
    if m["cyber"] or m["bfcm"]:
        return DateRange(start=friday, end=friday + timedelta(days=3))
    return DateRange(start=friday, end=friday)


def _to_date(unit: str) -> Resolver:
    return lambda _m, today: p.to_date(today, unit)


def _weekday(m: re.Match[str], today: date) -> DateRange | None:
    return _one_day(p.recent_weekday(today, WEEKDAYS[m["wd"]]))


def _days_ago(m: re.Match[str], today: date) -> DateRange | None:
    return _one_day(today - timedelta(days=number(m["n"])))


_UNIT_ALT = r"(?P<unit>day|week|month|quarter|year)"
_RULES: tuple[_Rule, ...] = (
    _rule(
        "span",
        rf"(?:between |from )?{day_re('a')} (?:and|to|through|thru|until|till|-) "
        rf"{day_re('b')}",
        _span,
    ),
    _rule(
        "span",
        rf"(?:between |from )?(?P<mon>{MONTH_RE}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)? "
        r"(?:and|to|through|thru|until|till|-) (?P<d2>\d{1,2})(?:st|nd|rd|th)?"
        r"(?: (?P<year>\d{4}))?",
        _short_span,
    ),
    _rule(
        "month_span",
        rf"from (?P<m1>{MONTH_RE}) (?:to|through|thru|until|till|-) "
        rf"(?P<m2>{MONTH_RE})",
        _month_span,
    ),
    _rule("day", day_re("a"), _day),
    _rule("today", r"today|so far today", _fixed(lambda t: DateRange(start=t, end=t))),
    _rule(
        "yesterday",
        r"yesterday|yday|yest|last day|past day|past 24 hours|last 24 hours",
        _fixed(lambda t: p.last_days(t, 1)),
    ),
    _rule(
        "day_before_yesterday",
        r"(?:the )?day before yesterday",
        _fixed(lambda t: _one_day(t - timedelta(days=2)) or p.last_days(t, 1)),
    ),
    _rule(
        "last_n_days",
        rf"l(?P<n>\d+)d|{_LAST} (?P<n2>{NUM_RE}) ?(?:days|d)|(?P<n3>\d+)d",
        _last_n("day"),
    ),
    _rule("fortnight", rf"(?:{_LAST} )?fortnight", _fixed(lambda t: p.last_days(t, 14))),
    _rule(
        "last_week",
        rf"{_LAST} (?:(?P<n>{NUM_RE}) )?weeks?|week before last",
        _last_n("week"),
        "week",
    ),
    _rule("last_month", rf"{_LAST} (?:(?P<n>{NUM_RE}) )?months?", _last_n("month"), "month"),
    _rule(
        "last_quarter", rf"{_LAST} (?:(?P<n>{NUM_RE}) )?quarters?", _last_n("quarter"), "quarter"
    ),
    _rule("last_year", rf"{_LAST} (?:(?P<n>{NUM_RE}) )?years?", _last_n("year"), "year"),
    _rule("last_weekend", rf"(?:{_LAST} |the )weekend", _fixed(p.last_weekend)),
    _rule(
        "next_n_days",
        rf"next (?P<n>{NUM_RE}) days|coming (?P<n2>{NUM_RE}) days",
        lambda m, t: DateRange(start=t + timedelta(1), end=t + timedelta(number(_n(m)))),
    ),
    _rule(
        "next_unit",
        rf"(?:next|coming|following|upcoming) (?:(?P<n>{NUM_RE}) )?{_UNIT_ALT}s?",
        _next_units,
    ),
    _rule(
        "rest_of",
        rf"(?:rest|remainder) of (?:the |this )?{_UNIT_ALT}",
        lambda m, t: p.rest_of(t, _UNITS[m["unit"]]),
    ),
    _rule(
        "end_of",
        rf"(?:by |until |through )?(?:the )?end of (?:the |this )?{_UNIT_ALT}",
        lambda m, t: p.unit_range(t, _UNITS[m["unit"]]),
    ),
    _rule(
        "periodic_report",
        r"(?P<unit>week|month|quarter|year)ly(?= (?:report|summary|recap"
        r"|review|update|digest))",
        lambda m, t: _last_n(m["unit"])(m, t),
        "report",
    ),
    _rule("days_ago", rf"(?P<n>{NUM_RE}) days? ago", _days_ago),
    _rule(
        "this_week", r"(?:this|current) week|week to date|wtd|so far this week", _to_date("week")
    ),
    _rule(
        "this_month",
        r"(?:this|current) month|month to date|mtd|so far this month",
        _to_date("month"),
    ),
    _rule("this_quarter", r"(?:this|current) quarter|quarter to date|qtd", _to_date("quarter")),
    _rule(
        "this_year", r"(?:this|current) year|year to date|ytd|so far this year", _to_date("year")
    ),
    _rule(
        "start_of",
        rf"(?:the )?(?:start|beginning) of (?:the |this )?{_UNIT_ALT}",
        lambda m, t: p.to_date(t, _UNITS[m["unit"]]),
    ),
    _rule(
        "named_month", rf"(?P<last>last )?(?P<mon>{MONTH_RE})(?: (?P<year>\d{{4}}))?", _named_month
    ),
    _rule(
        "quarter",
        r"q(?P<q>[1-4])(?: (?P<year>\d{4}))?|(?P<qw>first|second|third|fourth|1st"
        r"|2nd|3rd|4th) quarter(?: of (?P<year2>\d{4}))?",
        _quarter,
    ),
    _rule("year", r"(?P<y>(?:19|20)\d\d)", _year),
    _rule(
        "black_friday",
        r"(?P<bfcm>bfcm|black friday cyber monday)|black friday(?P<cyber>"
        r" weekend)?(?: (?P<year>\d{4}))?|(?P<cm>cyber monday)",
        _black_friday,
    ),
    _rule(
        "weekday",
        r"(?:last |on |this past )?(?P<wd>monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday)",
        _weekday,
    ),
)


def _group(m: re.Match[str], name: str) -> str | None:
    """Alternatives carry one field under numbered names (n, n2, n3): the one that matched."""
    groups = m.groupdict()
    return next((groups[k] for k in (name, name + "2", name + "3") if groups.get(k)), None)


def find_mentions(text: str, today: date) -> list[Mention]:
    """Every period named in `text`, in order, without overlaps."""
    candidates: list[Mention] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(text):
            rng = rule.resolve(m, today)
            if rng is not None:
                candidates.append(Mention(m.start(), m.end(), rng, rule.name, rule.unit))
    candidates.sort(key=lambda c: (c.start, c.start - c.end))
    chosen: list[Mention] = []
    for cand in candidates:
        if not chosen or cand.start >= chosen[-1].end:
            chosen.append(_since(text, cand, today))
    return chosen


_SINCE = re.compile(r" (?:since|starting(?: from| on)?|beginning) $")


def _since(text: str, mention: Mention, today: date) -> Mention:
    """'since Oct 3' runs from the period's first day to today."""
    if not _SINCE.search(text[: mention.start]) or mention.rng.start > today:
        return mention
    rng = DateRange(start=mention.rng.start, end=today)
    return Mention(mention.start, mention.end, rng, "since_" + mention.rule, None)
