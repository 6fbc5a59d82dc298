"""How numbers, names and periods read in an answer: "$4,210.55", "3.42×", "Nov 9–15"."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from libs.common import BASE_METRICS, MONEY_METRICS, Metric, Platform
from libs.common.vocab import METRIC_LABELS, PLATFORM_LABELS
from services.data_fetch.rounding import CENT, quantize

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SHORT_RANGE_DAYS = 31  # longer ranges (quarters, YTD) read best as unambiguous ISO dates
_ONE_PLACE = Decimal("0.1")


def platform_name(platform: Platform) -> str:
    """Display name of a platform ("Meta Ads")."""
    return PLATFORM_LABELS[platform]


def metric_name(metric: Metric) -> str:
    """A metric as written mid-sentence ("spend", "conversion value", "ROAS")."""
    return METRIC_LABELS[metric]


def capitalise(text: str) -> str:
    """First letter upper case, the rest untouched (so "ROAS" stays "ROAS")."""
    return text[:1].upper() + text[1:]


def join_names(names: Sequence[str], conjunction: str = "and") -> str:
    """Names in a list: "A", "A and B", "A, B and C" (or "A or B" with conjunction="or")."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def format_money(value: Decimal, currency: str | None) -> str:
    """Money as "$4,210.55", "€12.00", "SEK 1,000.00" (the code when there is no symbol)."""
    cents = quantize(value, CENT)
    sign = "-" if cents < 0 else ""
    body = f"{abs(cents):,.2f}"
    if currency is None:
        return f"{sign}{body}"
    symbol = _CURRENCY_SYMBOLS.get(currency)
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{currency} {body}"


def format_count(value: Decimal) -> str:
    """A count as "12,345"; a fractional one (modelled conversions) keeps 2 places."""
    rounded = quantize(value, CENT)
    if rounded == rounded.to_integral_value():
        return f"{rounded:,.0f}"
    return f"{rounded:,.2f}"


def format_percent(fraction: Decimal, places: Decimal = _ONE_PLACE) -> str:
    """A fraction as a percentage: 0.1243 -> "12.4 %"."""
    percent = quantize(fraction * 100, places)
    return f"{percent:,} %"


def format_metric(metric: Metric, value: Decimal | None, currency: str | None) -> str:
    """A metric value as a marketer reads it; "n/a" when a ratio has a zero denominator."""
    if value is None:
        return "n/a"
    if metric is Metric.ROAS:
        return f"{quantize(value, CENT):,}×"
    if metric is Metric.CTR:
        return format_percent(value, CENT)
    if metric in MONEY_METRICS:
        return format_money(value, currency)
    return format_count(value)


def describe_value(metric: Metric, value: Decimal | None, currency: str | None) -> str:
    """`format_metric`, saying "no spend" for a zero base metric: 0 is a fact, not a gap."""
    text = format_metric(metric, value, currency)
    if metric in BASE_METRICS and value == 0:
        return f"{text} (no {metric_name(metric)})"
    return text


def day_label(day: date, as_of: date) -> str:
    """A day as "Nov 21", or "Nov 21, 2025" outside the as_of year."""
    return _day(day, with_year=day.year != as_of.year)


def _day(day: date, *, with_year: bool) -> str:
    label = f"{_MONTHS[day.month]} {day.day}"
    return f"{label}, {day.year}" if with_year else label


def period_label(start: date, end: date, as_of: date) -> str:
    """A period as "Nov 21", "Nov 9–15", "Oct 28 – Nov 3", "Nov 2026" or "2026-01-01 – 2026-03-31".

    The year is shown only outside the as_of year, except for a whole month, which reads
    naturally with it. Ranges longer than a month that are not one month use ISO dates.
    """
    if start == end:
        return day_label(start, as_of)
    if start.day == 1 and end == _month_end(start):
        return f"{_MONTHS[start.month]} {start.year}"
    if (end - start).days >= _SHORT_RANGE_DAYS:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start.year != end.year:
        return f"{_day(start, with_year=True)} – {_day(end, with_year=True)}"
    year = "" if start.year == as_of.year else f", {start.year}"
    if start.month == end.month:
        return f"{_MONTHS[start.month]} {start.day}–{end.day}{year}"
    return f"{_MONTHS[start.month]} {start.day} – {_MONTHS[end.month]} {end.day}{year}"


def period_phrase(start: date, end: date, as_of: date) -> str:
    """The period with its preposition: "on Nov 21", "in Nov 2026", "for Nov 9–15"."""
    label = period_label(start, end, as_of)
    if start == end:
        return f"on {label}"
    if start.day == 1 and end == _month_end(start):
        return f"in {label}"
    return f"for {label}"


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
