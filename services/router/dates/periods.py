"""Calendar arithmetic for the date resolver: pure functions of `today`, inclusive ranges.

Conventions (all ranges inclusive, resolved against the tenant's "today"):
- last N days / weeks = the N (or 7N) full days before today, today excluded;
- last week = the previous Monday-Sunday; this week = Monday-today;
- last N months / quarters / years = the N previous calendar units (the current one excluded);
- this month / quarter / year (and mtd / qtd / ytd) = the unit's first day to today;
- a named month, quarter or day without a year = its most recent occurrence not in the future,
  and the current month or quarter is cut at today;
- "last weekend" = the Saturday-Sunday ending on the latest Sunday before today;
- next N days = the N days after today; next week / month / quarter / year = the following
  calendar unit(s); "rest of the month" (or of the current month by name) = tomorrow to the
  month's end (forecasts ask these);
- a quarter or half with "last/this/next year" ("Q3 last year", "Q1 next year", "H1 last year")
  = that quarter or half of that calendar year, not the whole year;
- parts of a month: "the first/second/third/fourth week of <month>" = days 1-7 / 8-14 / 15-21 /
  22-28, "the last week of <month>" = its last 7 days ("the first two weeks" = days 1-14);
  "the first/second half" = days 1-15 / 16-end; "early / mid / late <month>" = days 1-10 /
  11-20 / 21-end; halves of a year = January-June / July-December;
- "the week of <day>" = the Monday-Sunday week containing it; "the week starting <day>" = that
  day and the six after it; "the week ending <day>" = the six days before it and that day;
- "around <day>" = that day +/- 3 days; "the weekend" ("over the weekend", "weekend spend") =
  the latest Saturday-Sunday that has begun (on a weekend day, the current one); "this weekend"
  the same on a weekend day, else the coming one;
- "the week / N days / day before <period>" = the 7 / N / 1 days just before the period's first
  day ("after" likewise after its last day);
- every such range is cut at today, like a named month.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from libs.common.plan import DateRange

_DAY = timedelta(days=1)


def span(start: date, end: date) -> DateRange:
    """An inclusive range, swapped if written backwards."""
    return DateRange(start=min(start, end), end=max(start, end))


def clamp(rng: DateRange, today: date) -> DateRange:
    """Cut a range that runs past today at today (a range wholly in the future is kept)."""
    if rng.start <= today < rng.end:
        return DateRange(start=rng.start, end=today)
    return rng


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_range(year: int, month: int) -> DateRange:
    """The whole calendar month."""
    next_year, next_month = add_months(year, month, 1)
    return DateRange(start=date(year, month, 1), end=date(next_year, next_month, 1) - _DAY)


def quarter_range(year: int, quarter: int) -> DateRange:
    """The whole calendar quarter (1-4)."""
    first = month_range(year, 3 * quarter - 2)
    last = month_range(year, 3 * quarter)
    return DateRange(start=first.start, end=last.end)


def year_range(year: int) -> DateRange:
    """The whole calendar year."""
    return DateRange(start=date(year, 1, 1), end=date(year, 12, 31))


def last_days(today: date, days: int) -> DateRange:
    """The `days` full days before today."""
    return DateRange(start=today - days * _DAY, end=today - _DAY)


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - day.weekday() * _DAY


def last_weeks(today: date, weeks: int) -> DateRange:
    """The `weeks` previous Monday-Sunday weeks."""
    this_monday = week_start(today)
    return DateRange(start=this_monday - 7 * weeks * _DAY, end=this_monday - _DAY)


def last_months(today: date, months: int) -> DateRange:
    """The `months` previous calendar months."""
    start_year, start_month = add_months(today.year, today.month, -months)
    end_year, end_month = add_months(today.year, today.month, -1)
    return DateRange(
        start=date(start_year, start_month, 1), end=month_range(end_year, end_month).end
    )


def quarter_of(day: date) -> int:
    """Calendar quarter (1-4) of `day`."""
    return (day.month - 1) // 3 + 1


def last_quarters(today: date, quarters: int) -> DateRange:
    """The `quarters` previous calendar quarters."""
    this_start = quarter_range(today.year, quarter_of(today)).start
    year, month = add_months(this_start.year, this_start.month, -3 * quarters)
    return DateRange(start=date(year, month, 1), end=this_start - _DAY)


def last_years(today: date, years: int) -> DateRange:
    """The `years` previous calendar years."""
    return DateRange(start=date(today.year - years, 1, 1), end=date(today.year - 1, 12, 31))


def to_date(today: date, unit: str) -> DateRange:
    """The current week, month, quarter or year from its first day to today."""
    starts = {
        "week": week_start(today),
        "month": today.replace(day=1),
        "quarter": quarter_range(today.year, quarter_of(today)).start,
        "year": date(today.year, 1, 1),
    }
    return DateRange(start=starts[unit], end=today)


def unit_range(day: date, unit: str) -> DateRange:
    """The whole calendar week, month, quarter or year that contains `day`."""
    if unit == "week":
        return DateRange(start=week_start(day), end=week_start(day) + 6 * _DAY)
    if unit == "month":
        return month_range(day.year, day.month)
    if unit == "quarter":
        return quarter_range(day.year, quarter_of(day))
    return year_range(day.year)


def next_units(today: date, unit: str, count: int) -> DateRange:
    """The `count` calendar units after the current one ("next month", "next 2 quarters")."""
    first = unit_range(today, unit).end + _DAY
    last = first
    for _ in range(count - 1):
        last = unit_range(last, unit).end + _DAY
    return DateRange(start=first, end=unit_range(last, unit).end)


def rest_of(today: date, unit: str) -> DateRange:
    """Tomorrow to the end of the current unit (today itself when it is the last day)."""
    end = unit_range(today, unit).end
    return DateRange(start=min(today + _DAY, end), end=end)


def recent_month(today: date, month: int) -> DateRange:
    """The most recent named month not in the future (the current one cut at today)."""
    year = today.year if month <= today.month else today.year - 1
    return clamp(month_range(year, month), today)


def recent_quarter(today: date, quarter: int) -> DateRange:
    """The most recent named quarter not in the future (the current one cut at today)."""
    year = today.year if quarter <= quarter_of(today) else today.year - 1
    return clamp(quarter_range(year, quarter), today)


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None if it does not exist (Feb 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def recent_day(today: date, month: int, day: int) -> date | None:
    """The most recent `month`/`day` not after today (Feb 29 goes back to a leap year)."""
    for year in range(today.year, today.year - 8, -1):
        found = safe_date(year, month, day)
        if found is not None and found <= today:
            return found
    return None


def last_weekend(today: date) -> DateRange:
    """The Saturday-Sunday that ends on the latest Sunday before today."""
    sunday = today - ((today.weekday() + 1) % 7 or 7) * _DAY
    return DateRange(start=sunday - _DAY, end=sunday)


def last_weekends(today: date, n: int) -> DateRange | None:
    """From the Saturday of the `n`th weekend back to the latest Sunday before today ("the
    last two weekends"): the days between them come too, the analyst reads the days."""
    if not 1 <= n <= 52:
        return None
    last = last_weekend(today)
    return DateRange(start=last.start - (n - 1) * 7 * _DAY, end=last.end)


def coming_day(today: date, day: int) -> date | None:
    """The first `day` of a month after `today` (the 30th skips a February), within a year."""
    year, month = today.year, today.month
    for _ in range(12):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) > today:
            return date(year, month, day)
        year, month = add_months(year, month, 1)
    return None


def recent_weekday(today: date, weekday: int) -> date:
    """The latest given weekday (0 = Monday) strictly before today."""
    return today - ((today.weekday() - weekday) % 7 or 7) * _DAY


def black_friday(year: int) -> date:
    """The day after US Thanksgiving (the fourth Thursday of November)."""
    first = date(year, 11, 1)
    first_thursday = first + ((3 - first.weekday()) % 7) * _DAY
    return first_thursday + 22 * _DAY


def recent_black_friday(today: date) -> date:
    """The most recent Black Friday not in the future."""
    this_year = black_friday(today.year)
    return this_year if this_year <= today else black_friday(today.year - 1)


def shift_year(day: date, years: int) -> date:
    """`day` moved by whole years; Feb 29 becomes Feb 28 in a common year."""
    return safe_date(day.year + years, day.month, day.day) or date(day.year + years, 2, 28)


def previous_period(rng: DateRange) -> DateRange:
    """The period of equal length immediately before `rng`."""
    return DateRange(start=rng.start - rng.days * _DAY, end=rng.start - _DAY)


def weeks_back(rng: DateRange, weeks: int) -> DateRange:
    """`rng` moved back whole weeks, so each day keeps its weekday."""
    return DateRange(start=rng.start - 7 * weeks * _DAY, end=rng.end - 7 * weeks * _DAY)


def same_period_last_year(rng: DateRange) -> DateRange:
    """`rng` shifted one year back."""
    return DateRange(start=shift_year(rng.start, -1), end=shift_year(rng.end, -1))


def week_of(day: date) -> DateRange:
    """The Monday-Sunday week containing `day`."""
    return unit_range(day, "week")


def weeks_of_month(month: DateRange, ordinal: int, count: int) -> DateRange:
    """`count` weeks of seven days from the `ordinal`-th (1 = days 1-7); ordinal 0 = the month's
    last `count` weeks, ending on its last day. Never past the month's end."""
    if ordinal == 0:
        return DateRange(start=max(month.start, month.end - (7 * count - 1) * _DAY), end=month.end)
    start = month.start + 7 * (ordinal - 1) * _DAY
    return DateRange(start=start, end=min(month.end, start + (7 * count - 1) * _DAY))


MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
"""Days of a month each part covers (late runs to the month's end)."""


def part_of_month(month: DateRange, part: str) -> DateRange:
    """Early (days 1-10), mid (11-20) or late (21-end) of a whole month."""
    first, last = MONTH_PARTS[part]
    end = min(month.end, month.start + (last - 1) * _DAY)
    return DateRange(start=month.start.replace(day=first), end=end)


def half_of_month(month: DateRange, half: int) -> DateRange:
    """The first (days 1-15) or second (16-end) half of a whole month."""
    middle = month.start.replace(day=15)
    if half == 1:
        return DateRange(start=month.start, end=middle)
    return DateRange(start=middle + _DAY, end=month.end)


def half_of_year(year: int, half: int) -> DateRange:
    """January-June or July-December."""
    if half == 1:
        return DateRange(start=date(year, 1, 1), end=date(year, 6, 30))
    return DateRange(start=date(year, 7, 1), end=date(year, 12, 31))


def around(day: date, days: int = 3) -> DateRange:
    """`day` and `days` days either side."""
    return DateRange(start=day - days * _DAY, end=day + days * _DAY)


def latest_weekend(today: date) -> DateRange:
    """The latest Saturday-Sunday that has begun by today (on a weekend day, the current one)."""
    saturday = today - ((today.weekday() - 5) % 7) * _DAY
    return DateRange(start=saturday, end=saturday + _DAY)


def this_weekend(today: date) -> DateRange:
    """On a weekend day the current Saturday-Sunday (cut at today), else the coming one."""
    if today.weekday() >= 5:
        return clamp(latest_weekend(today), today)
    saturday = today + (5 - today.weekday()) * _DAY
    return DateRange(start=saturday, end=saturday + _DAY)


def days_before(rng: DateRange, days: int) -> DateRange:
    """The `days` days just before `rng` starts."""
    return DateRange(start=rng.start - days * _DAY, end=rng.start - _DAY)


def days_after(rng: DateRange, days: int) -> DateRange:
    """The `days` days just after `rng` ends."""
    return DateRange(start=rng.end + _DAY, end=rng.end + days * _DAY)


def shifted(rng: DateRange, unit: str) -> DateRange:
    """`rng` moved back one week, month or quarter (days past a shorter month's end are cut)."""
    if unit == "week":
        return DateRange(start=rng.start - 7 * _DAY, end=rng.end - 7 * _DAY)
    months = 3 if unit == "quarter" else 1
    return DateRange(start=_back(rng.start, months), end=_back(rng.end, months))


def _back(day: date, months: int) -> date:
    year, month = add_months(day.year, day.month, -months)
    return date(year, month, min(day.day, month_range(year, month).end.day))


_WEEK_DAYS = timedelta(days=7)


def whole_months(rng: DateRange) -> int | None:
    """How many calendar months `rng` is, when it is whole months (None otherwise)."""
    if rng.start.day != 1 or rng.end != month_range(rng.end.year, rng.end.month).end:
        return None
    return (rng.end.year - rng.start.year) * 12 + rng.end.month - rng.start.month + 1


def period_before(subject: DateRange, unit: str) -> DateRange:
    """The period before `subject`: the whole previous calendar unit when the subject starts
    one, else the equal-length period just before."""
    if unit.endswith("_months"):  # "last 3 months vs the 3 before": as many whole months
        return _months_before(subject, int(unit.removesuffix("_months")))
    if unit.endswith("_days"):  # "the 2 weeks before": 14 days just before the subject
        days = timedelta(days=int(unit.removesuffix("_days")))
        return DateRange(start=subject.start - days, end=subject.start - timedelta(days=1))
    if unit == "weekday":  # "yesterday vs the Monday before": that day a week earlier
        return DateRange(start=subject.start - _WEEK_DAYS, end=subject.end - _WEEK_DAYS)
    if unit == "week" and subject.start.weekday() == 0 and subject.days < 7:
        # "this week vs the week before": the whole previous week, as "this month vs the
        # month before" is the whole previous month
        return DateRange(start=subject.start - _WEEK_DAYS, end=subject.start - timedelta(days=1))
    if unit in ("week", "weekend") and subject.days <= 7:  # the same weekdays one week earlier
        return DateRange(start=subject.start - _WEEK_DAYS, end=subject.end - _WEEK_DAYS)
    months = {"month": 1, "quarter": 3, "year": 12}.get(unit)
    if months and subject.start.day == 1 and (subject.start.month - 1) % months == 0:
        return _months_before(subject, months)
    return previous_period(subject)


def _months_before(subject: DateRange, months: int) -> DateRange:
    """The `months` whole calendar months just before `subject`, which starts on a 1st."""
    year, month = add_months(subject.start.year, subject.start.month, -months)
    return DateRange(start=date(year, month, 1), end=subject.start - timedelta(days=1))
