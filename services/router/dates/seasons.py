"""Seasons as periods: "this summer", "over the winter", "last spring", "summer 2025", "the
summer months", "since the summer" (its start to today). Meteorological seasons (whole months:
summer is June to August north of the equator), turned half a year for a tenant whose
timezone lies south of it (an Australian agency's summer is December to February). "For the
summer" is a plan's horizon, not data, and "Summer Sale" a campaign's name: only a season with
a word that places it, or set against another season ("summer vs spring"), is a period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from libs.common.plan import DateRange
from services.router.dates import periods as p

_NOT_ITS_NAME = (
    r"(?! (?:sale|sales|collection|campaign|campaigns|range|menu|promo|launch|edition|camp|camps"
    r"|school|term|appeal|push|drop|lineup|line up|peak|peaks|rush|holidays|break|bank holiday))"
)
"""What makes a season the name of a campaign or a holiday ("the summer sale")."""
_SET_AGAINST = r"(?:vs|versus|against|compared (?:to|with))"
_WENT = r"(?:(?:went|go|did|was|has been|performed|compared) )?"
PATTERN = (
    r"(?:(?P<rel>this|last|this past|over the|during the|through the|across the|since the|since"
    r"|the) (?P<season>summer|winter|spring|autumn|fall)(?: (?:of )?(?P<year>\d{4}))?"
    rf"(?: months| season)?{_NOT_ITS_NAME}"
    r"|(?P<season2>summer|winter|spring|autumn) (?P<year2>\d{4})"
    r"|(?P<season3>summer|winter|spring|autumn|fall)(?= so far)"
    # "how summer went vs spring", "summer vs spring bookings": a season set against another
    rf"|(?P<season4>summer|winter|spring|autumn)(?= {_WENT}{_SET_AGAINST} (?:the )?"
    rf"(?:summer|winter|spring|autumn)\b{_NOT_ITS_NAME})"
    r"|(?:(?<= vs )|(?<= versus )|(?<= against )|(?<= to )|(?<= with ))(?:the )?"
    rf"(?P<season5>summer|winter|spring|autumn)\b{_NOT_ITS_NAME})"
)
_AGAINST_A_SEASON = re.compile(rf"(?:summer|winter|spring|autumn) {_WENT}{_SET_AGAINST} (?:the )?$")
"""The other side of "summer vs spring": the season after the comparison word is a period only
when a season stands before it."""
_SINCE_START_OF = re.compile(r" since the (?:start|beginning) of $")
_FIRST_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SOUTH = re.compile(
    r"^(?:Australia/|Pacific/(?:Auckland|Chatham|Fiji|Tongatapu|Apia)|Antarctica/"
    r"|Africa/(?:Johannesburg|Maputo|Harare|Lusaka|Windhoek|Gaborone|Maseru|Mbabane)"
    r"|America/(?:Sao_Paulo|Argentina/|Buenos_Aires|Santiago|Montevideo|Asuncion)"
    r"|Indian/(?:Mauritius|Reunion))"
)
_JUST_AFTER_DAYS = 62
_SOUTHERN: ContextVar[bool] = ContextVar("southern_seasons", default=False)


@contextmanager
def seasons_of(timezone: str) -> Iterator[None]:
    """Resolve seasons inside the block for a tenant in `timezone` (its hemisphere)."""
    token = _SOUTHERN.set(bool(_SOUTH.match(timezone)))
    try:
        yield
    finally:
        _SOUTHERN.reset(token)


def _season(name: str, year: int) -> DateRange:
    """The season `name` that begins in `year` (a winter runs into the next year)."""
    first = _FIRST_MONTH[name]
    if _SOUTHERN.get():  # half a year on: the southern summer begins in December
        first = (first + 6 - 1) % 12 + 1
    start = date(year, first, 1)
    end_year, end_month = p.add_months(year, first, 2)
    return DateRange(start=start, end=p.month_range(end_year, end_month).end)


def _latest_begun(name: str, today: date) -> DateRange:
    """The season of that name that began last, on or before today."""
    found = _season(name, today.year)
    return found if found.start <= today else _season(name, today.year - 1)


def resolve(m: re.Match[str], today: date) -> DateRange | None:
    """For "over the summer" or "the summer" (once it is over), "this winter", "last spring",
    "summer 2025", "autumn so far", "over the summer so far", "since the summer" (from the one
    begun last): that season, cut at today. "Last summer" in summer is a year ago; out of it,
    the one just gone, unless "this summer" is that one ("this summer vs last summer")."""
    if m["season5"] and not _AGAINST_A_SEASON.search(m.string, 0, m.start()):
        return None  # "winter coats vs spring": no season set against it
    name = m["season"] or m["season2"] or m["season3"] or m["season4"] or m["season5"]
    year = m["year"] or m["year2"]
    if year:
        return p.clamp(_season(name, int(year)), today)
    found = _latest_begun(name, today)
    if m["season3"] or m["season4"] or m["season5"] or m.string.startswith(" so far", m.end()):
        # "the hotels' autumn so far", "over the summer so far", "summer vs spring": the latest
        return p.clamp(found, today)
    if m["rel"] in ("since", "since the") or _SINCE_START_OF.search(m.string, 0, m.start()):
        # "since the summer", "since the beginning of the summer": from its start to today
        return p.span(found.start, today)
    if m["rel"] not in ("this", "last", "this past"):
        # "over the summer" looks back only just after it: in June, or in the spring before
        # the next winter, it is a plan's horizon ("more into Meta over the summer")
        ended = found if found.end < today else _season(name, found.start.year - 1)
        return ended if (today - ended.end).days <= _JUST_AFTER_DAYS else None
    # "this summer" names the one begun last, unless this year's is still to come
    this_one = m["rel"] == "last" and f" this {name} " in m.string
    this_one = this_one and _season(name, today.year).start <= today
    if m["rel"] in ("last", "this past") and (found.end >= today or this_one):
        # "last summer" asked in the summer, or set against "this summer" once it is over
        found = _season(name, found.start.year - 1)
    if m["rel"] == "this" and found.end < today and _season(name, today.year).start > today:
        return _season(name, today.year)  # "this summer" asked in spring: to come
    return p.clamp(found, today)
