"""One way to print a number: how every answer (direct, analyst, prompt, usage) rounds and
writes money, ratios, percentages, counts and dates.

Rounding is half-up, not banker's: it is what marketers get when they check a figure by hand
or in a spreadsheet, and a cent that disagrees with their sheet costs more trust than it saves.

- In data (answers' `data`, prompts, usage): money to the cent, ROAS and CTR (a fraction) to
  4 places, relative changes to 4 places (a fraction), counts as they are (modelled
  conversions keep 2 places); USD ledger amounts are exact from integer micros.
- In text: money with its currency and cents ("$4,210.55", "€12.00", "SEK 1,000.00"), ROAS as
  a multiple with 2 places ("3.42×"), CTR as a percentage with 2 places ("1.23 %"), changes
  with their sign and 1 place ("+12.4 %", "−3.0 %"), counts with thousands separators.
- Dates: "Nov 21" ("Nov 21, 2025" outside the as_of year), "Nov 9–15", "Oct 28 – Nov 3",
  "Nov 2026" for a whole month, ISO dates for ranges longer than a month.

Arithmetic stays in `Decimal` from the rows to the last step; `to_json_number` is the only
float, made from an already rounded Decimal (its shortest repr prints back exactly).
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from libs.common.vocab import MONEY_METRICS, Metric

ROUNDING = ROUND_HALF_UP
CENT = Decimal("0.01")
RATIO_QUANTUM = Decimal("0.0001")
CHANGE_QUANTUM = Decimal("0.0001")
COUNT_QUANTUM = CENT  # counts are integral by contract; two places keep fractional conversions
MICRO = Decimal("0.000001")
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SHORT_RANGE_DAYS = 31  # longer ranges (quarters, YTD) read best as unambiguous ISO dates
_ONE_PLACE = Decimal("0.1")
_HUNDRED = Decimal(100)


def quantize(value: Decimal, quantum: Decimal) -> Decimal:
    """`value` rounded half-up to `quantum`."""
    return value.quantize(quantum, rounding=ROUNDING)


def quantum_for(metric: Metric) -> Decimal:
    """The precision a metric is reported at in data: cents for money, 4 places for ratios."""
    if metric in MONEY_METRICS:
        return CENT
    if metric in (Metric.CTR, Metric.ROAS):
        return RATIO_QUANTUM
    return COUNT_QUANTUM


def round_metric(metric: Metric, value: Decimal | None) -> Decimal | None:
    """`value` rounded to the precision `metric` is reported at; None stays None."""
    return None if value is None else quantize(value, quantum_for(metric))


def to_json_number(value: Decimal | None) -> int | float | None:
    """A rounded Decimal as a plain JSON number: int when integral, else float; None stays None."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def usd(micros: int) -> Decimal:
    """An amount of USD micros (the ledger's unit) as exact dollars."""
    return (Decimal(micros) * MICRO).normalize() if micros else Decimal(0)


def micros(amount: Decimal | float | int) -> int:
    """USD as integer micros, half-even (a JSON number arrives as a float: read by its digits)."""
    exact = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    return int((exact / MICRO).to_integral_value(rounding=ROUND_HALF_EVEN))


def format_money(value: Decimal, currency: str | None) -> str:
    """Money as "$4,210.55", "€12.00", "SEK 1,000.00" (the code when there is no symbol)."""
    cents = quantize(value, CENT)
    sign = "-" if cents < 0 else ""
    body = f"{abs(cents):,.2f}"
    if currency is None:
        return f"{sign}{body}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{currency} {body}"


def format_count(value: Decimal) -> str:
    """A count as "12,345"; a fractional one (modelled conversions) keeps 2 places."""
    rounded = quantize(value, CENT)
    if rounded == rounded.to_integral_value():
        return f"{rounded:,.0f}"
    return f"{rounded:,.2f}"


def format_times(value: Decimal) -> str:
    """A multiple such as ROAS: "3.42×"."""
    return f"{quantize(value, CENT):,}×"


def format_percent(fraction: Decimal, places: Decimal = _ONE_PLACE) -> str:
    """A fraction as a percentage: 0.1243 -> "12.4 %" (CTR: `places=CENT`, "1.23 %")."""
    return f"{quantize(fraction * _HUNDRED, places):,} %"


def format_change(fraction: Decimal) -> str:
    """A relative change with its sign: 0.124 -> "+12.4 %", -0.03 -> "−3.0 %", never "−0.0 %"."""
    shown = quantize(fraction * _HUNDRED, _ONE_PLACE)
    if shown == 0:
        return "0.0 %"
    return f"+{shown:,} %" if shown > 0 else f"−{abs(shown):,} %"


def format_metric(metric: Metric, value: Decimal | None, currency: str | None) -> str:
    """A metric value as a marketer reads it; "n/a" when a ratio has a zero denominator."""
    if value is None:
        return "n/a"
    if metric is Metric.ROAS:
        return format_times(value)
    if metric is Metric.CTR:
        return format_percent(value, CENT)
    if metric in MONEY_METRICS:
        return format_money(value, currency)
    return format_count(value)


def shown_value(metric: Metric, value: Decimal) -> Decimal:
    """The number `format_metric` shows for `value` (what an answer's reader can check)."""
    if metric is Metric.CTR:
        return quantize(value * _HUNDRED, CENT)
    if metric in MONEY_METRICS or metric is Metric.ROAS:
        return quantize(value, CENT)
    rounded = quantize(value, CENT)
    return rounded if rounded != rounded.to_integral_value() else rounded.to_integral_value()


def day_label(day: date, as_of: date) -> str:
    """A day as "Nov 21", or "Nov 21, 2025" outside the as_of year."""
    return _day(day, with_year=day.year != as_of.year)


def weekday_label(day: date) -> str:
    """A day with its weekday: "Tue Nov 10"."""
    return f"{WEEKDAYS[day.weekday()]} {MONTHS[day.month]} {day.day}"


def _day(day: date, *, with_year: bool) -> str:
    label = f"{MONTHS[day.month]} {day.day}"
    return f"{label}, {day.year}" if with_year else label


def period_label(start: date, end: date, as_of: date) -> str:
    """A period as "Nov 21", "Nov 9–15", "Oct 28 – Nov 3", "Nov 2026" or "2026-01-01 – 2026-03-31".

    The year is shown only outside the as_of year, except for a whole month, which reads
    naturally with it. Ranges longer than a month that are not one month use ISO dates.
    """
    if start == end:
        return day_label(start, as_of)
    if start.day == 1 and end == month_end(start):
        return f"{MONTHS[start.month]} {start.year}"
    if (end - start).days >= _SHORT_RANGE_DAYS:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start.year != end.year:
        return f"{_day(start, with_year=True)} – {_day(end, with_year=True)}"
    year = "" if start.year == as_of.year else f", {start.year}"
    if start.month == end.month:
        return f"{MONTHS[start.month]} {start.day}–{end.day}{year}"
    return f"{MONTHS[start.month]} {start.day} – {MONTHS[end.month]} {end.day}{year}"


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
