"""A period's counterpart a year away: a holiday's own days in the other year (Black Friday
2025 was Nov 28, 2026's Nov 27), any other period date for date."""

from __future__ import annotations

import re
from datetime import date

from libs.common.plan import DateRange
from services.router.dates import periods as p
from services.router.dates.mentions import Mention, find_mentions

_HOLIDAY_RULES = frozenset({"holiday", "bank_holiday", "holiday_season", "thanksgiving"})
_HOLIDAY_RULES |= {"black_friday"}


_A_YEAR = re.compile(r"(?<= )(?:19|20)\d\d(?= )")


def holiday_years_away(text: str, mention: Mention, years: int) -> DateRange | None:
    """The days of the holiday `mention` names, `years` after the ones it resolved to (Black
    Friday 2025 was Nov 28, 2026's Nov 27); None when it names no holiday."""
    if mention.rule.removeprefix("span_") not in _HOLIDAY_RULES:
        return None
    # "Black Friday 2026 vs last year": the holiday without its year, read in the other year
    named = _A_YEAR.sub(" ", " " + text[mention.start : mention.end].strip() + " ")
    rng = mention.rng
    # Read as if asked at the end of that year (the holiday season ends in January).
    asked = max(date(rng.start.year + years, 12, 31), p.shift_year(rng.end, years))
    again = find_mentions(named, asked)
    return DateRange(start=again[0].rng.start, end=again[-1].rng.end) if again else None


def year_before(text: str, mention: Mention | None, subject: DateRange) -> DateRange:
    """The period a year before `subject`: a holiday's own days that year, any other period
    date for date."""
    holiday = holiday_years_away(text, mention, -1) if mention is not None else None
    return holiday or p.same_period_last_year(subject)
