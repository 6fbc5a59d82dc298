"""Questions that look ahead: a forecast's period is the one to come, a recommendation's
horizon is not data to read.

- A month or quarter named without a year ("forecast our Q1 spend", "December budget pacing"),
  or days of a named month ("15 to 31 December"), is its next occurrence when the most recent
  one is already over.
- A period under way ("will we hit 400 this month?", "where does Feb spend land", asked in
  February) is the whole of it: the forecast reports the days seen so far and projects the
  rest, which is what the question is about; "the rest of the month" is only the rest.
- With two periods, one ahead and one past ("next quarter based on the last 90 days"), the one
  ahead is the subject; the past one is only the basis, which the plan's history covers.
- Any other analysis question that names the period it plans for beside the data to plan from
  ("for Q4 … MS CPL last quarter", "based on Q1, what should change going into April", "use
  Jan performance for March", "H1 so far … budgets in H2"): a month or quarter without a year
  whose next occurrence begins within three months, or a half-year within one month, is the
  horizon, left out; the others are the period asked about (the last 7 days when it names no
  other: "how should we split the June budget?").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.calendar_words import MONTHS
from services.router.dates import periods as p
from services.router.dates.compare import DEFAULT_PERIOD_RULE, Periods
from services.router.dates.mentions import Mention
from services.router.dates.year_away import holiday_years_away

_YEARLESS = frozenset({"named_month", "quarter", "month_span"})
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_END_OF = re.compile(r" ?(?:the )?end of ")
_BY = re.compile(r" (?:by|until|till|through|to|at|as at|as of) (?:on )?$")


def ahead(periods: Periods, today: date, text: str) -> Periods:
    """`periods` of forecast question `text`, read forwards (see the module's rules)."""
    coming = [m for m in periods.mentions if m.rng.start > today]
    if coming and len(periods.mentions) > 1:
        return replace(periods, date_range=coming[0].rng, compare_to=None)
    horizon = [m for m in periods.mentions if _is_horizon(m, today, text)]
    if horizon and len(periods.mentions) > 1:  # "September, based on the last 8 weeks"
        span = periods.date_range  # "July and August" as one span, as a lookup reads them
        if len(horizon) == len(periods.mentions) and (span.start, span.end) == (
            horizon[0].rng.start,
            horizon[-1].rng.end,
        ):
            return replace(periods, date_range=_next_year(span), compare_to=None)
        return replace(periods, date_range=_next_year(horizon[0].rng), compare_to=None)
    for mention in periods.mentions:
        upcoming = holiday_years_away(text, mention, 1)
        if upcoming is not None and today < upcoming.start <= today + _HOLIDAY_AHEAD:
            # "what should we expect over Black Friday weekend?" in November: the coming one
            return replace(periods, date_range=upcoming, compare_to=None)
    under_way = [w for m in periods.mentions if (w := _whole_under_way(m, today)) is not None]
    if under_way and len(periods.mentions) > 1:  # "April, based on the last 4 weeks" in April
        return replace(periods, date_range=under_way[0], compare_to=None)
    first = periods.mentions[0] if len(periods.mentions) == 1 else None
    rng = periods.date_range
    if (
        first is not None
        and first.rule in ("day_of_month", "day")
        and _BY.search(text[: first.start])
    ):
        # "how much will we have spent by the 30th?" on the 22nd, "what will spend be at
        # 30.04.2026?" on 13 April: the month up to that coming day
        due = p.coming_day(today, first.rng.start.day)
        dated, written = first.rng.start, text[first.start : first.end]
        if first.rule == "day" and (
            due is None
            or (due.month, due.day) != (dated.month, dated.day)
            or (due != dated and _YEAR.search(written))
        ):
            due = None  # a dated day in another month or year: read as written
        if due is not None:
            start = p.month_range(today.year, today.month).start
            return replace(periods, date_range=DateRange(start=start, end=due), compare_to=None)
    if first is not None and first.rule == "part_of_month" and _END_OF.match(text, first.start):
        # "where do we land end of September?" in September: the month, seen days and the rest
        month = p.month_range(first.rng.end.year, first.rng.end.month)
        if month.start <= today < month.end:
            return replace(periods, date_range=month, compare_to=None)
    whole = _whole_under_way(first, today) if first is not None else None
    if whole is not None:  # "will we hit 400 this month?": the month, seen days and the rest
        return replace(periods, date_range=whole, compare_to=None)
    if first is not None and rng.end == today:
        # "what do we expect over Memorial Day weekend?" on its Saturday: the whole weekend
        full = holiday_years_away(text, first, 0)
        if full is not None and full.start == rng.start and full.end > today:
            return replace(periods, date_range=full, compare_to=None)
    if first is None or rng.end >= today or _YEAR.search(text):
        return periods
    # "how many will we sell for valentines?" on 3 February, "in the run-up to Christmas" in
    # November: the coming one, not the last
    rule = first.rule.removeprefix("relative_")
    day_ahead = rule == "day" and p.shift_year(rng.start, 1) <= today + _HOLIDAY_AHEAD
    if rule not in _YEARLESS and not _names_month(first, text) and not day_ahead:
        return periods
    return replace(periods, date_range=_next_year(rng), compare_to=None)


def _names_month(mention: Mention, text: str) -> bool:
    """Whether a span of days names its month ("15 to 31 December", "4th to 19th of October"),
    which then stands without a year like a month does ("the 1st to the 15th" names none)."""
    return mention.rule == "span" and any(
        word in MONTHS for word in text[mention.start : mention.end].split()
    )


_HOLIDAY_AHEAD = timedelta(days=62)
"""How soon a holiday's next occurrence must come for a forecast to mean it, not the last."""
_UNDER_WAY = {
    "named_month": ("month",),
    "this_month": ("month",),
    "quarter": ("quarter",),
    "this_quarter": ("quarter",),
    "year": ("year",),
    "this_year": ("year",),
    "this_week": ("week",),
    "the_current_unit": ("week", "month", "quarter", "year"),
}
"""Periods a forecast may name while they are under way, and their calendar unit ("for the
month": whichever unit the words named)."""


def _whole_under_way(mention: Mention, today: date) -> DateRange | None:
    """The whole calendar unit a period under way belongs to ("this month", "February" in
    February, "Q4" in November), so the forecast reports what is seen so far and projects
    the rest; None for any other period."""
    for unit in _UNDER_WAY.get(mention.rule, ()):
        whole = p.unit_range(today, unit)
        if mention.rng.start == whole.start and mention.rng.end == today < whole.end:
            return whole
    return None


_HORIZON_DAYS = 92
_HALF_AHEAD_DAYS = 31
"""A half-year is the plan's horizon only this close to its start: six weeks out, "H1" is still
more often the one just past. A quarter named in its first month is its horizon too."""
HORIZON_RULE = "date:plan_horizon_left_out"
_SO_FAR = re.compile(r" (?:so far|to date|thus far|until now|up to now)\b")


def without_horizon(periods: Periods, today: date, text: str, advice: bool = False) -> Periods:
    """`periods` of analysis question `text`, its plan horizon left out (see above); `advice`:
    a recommendation, whose horizon is left out even when it names no other period."""
    if not periods.mentions:
        return periods
    horizon = [
        m for m in periods.mentions if _is_horizon(m, today, text, holidays=advice, halves=True)
    ]
    basis = [m for m in periods.mentions if m not in horizon]
    # "based on Q1, what should change going into Q3?": a horizon is no compared period
    if periods.compare_to is not None and not (advice and horizon and len(basis) == 1):
        return periods
    if not horizon or not (basis or advice):
        return periods  # "do we usually see a dip in December?" reads the last December
    if not basis and advice:  # "how should we split the June budget?": the recent days
        recent = p.last_days(today, 7)
        return replace(
            periods,
            date_range=recent,
            compare_to=None,
            rationale=(HORIZON_RULE, DEFAULT_PERIOD_RULE),
        )
    rng = p.span(min(m.rng.start for m in basis), max(m.rng.end for m in basis))
    return replace(
        periods, date_range=rng, compare_to=None, rationale=(HORIZON_RULE, *periods.rationale)
    )


def _is_horizon(
    mention: Mention, today: date, text: str, *, holidays: bool = False, halves: bool = False
) -> bool:
    """Whether `mention` is a period ahead a plan is for, not data to read; `holidays`: a
    holiday whose next occurrence is that near is one too (advice, not a forecast, whose
    holiday is the period asked about); `halves`: so is a half-year ("budgets in H2"), except
    to a forecast, which a plan's "H2 planning" only heads."""
    if mention.rng.start > today:  # "next month's budget", "going into next quarter"
        return mention.rng.start <= today + timedelta(days=_HORIZON_DAYS)
    if _YEAR.search(text, mention.start, mention.end):
        return False
    # "in the run-up to Christmas": the days before a holiday, as the holiday itself
    rule = mention.rule.removeprefix("relative_")
    if halves and rule == "quarter" and mention.rng.end == today:
        # "should it get more money in Q3?" on 6 July: the quarter just begun, as a half-year;
        # "Q3 so far" is its days
        begun = today <= mention.rng.start + timedelta(days=_HALF_AHEAD_DAYS)
        return begun and not _SO_FAR.match(text, mention.end)
    if halves and rule == "half_of_year":  # "H1 vs H2 last year" in November: this year's H1
        coming = _next_year(mention.rng).start
        return mention.rng.end < today < coming <= today + timedelta(days=_HALF_AHEAD_DAYS)
    if rule in _YEARLESS or (holidays and rule == "day"):
        coming = _next_year(mention.rng).start
    elif not holidays:
        return False
    else:  # "tiktok or meta for xmas?" in October: the coming holiday is the horizon
        upcoming = holiday_years_away(text, mention, 1)
        if upcoming is None:
            return False
        coming = upcoming.start
    return mention.rng.end < today < coming <= today + timedelta(days=_HORIZON_DAYS)


def _next_year(rng: DateRange) -> DateRange:
    end = p.shift_year(rng.end, 1)
    if rng.end == p.month_range(rng.end.year, rng.end.month).end:
        end = p.month_range(end.year, end.month).end  # Feb 28 -> Feb 29 in a leap year
    return DateRange(start=p.shift_year(rng.start, 1), end=end)
