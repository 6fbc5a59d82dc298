"""How numbers read in the analyst's text, and the record of every number printed.

Each method returns the text and appends the rounded value it shows to `figures`, so a
grounding checker can later match a model's numbers against the same list.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from libs.common import MONEY_METRICS, Metric

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WHOLE_MONEY = Decimal(100)
"""From $100 up, cents are noise in a sentence; below it they carry meaning (a $2.40 CPC)."""


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class Printer:
    """Formats numbers for one answer and records them."""

    def __init__(self, currency: str | None) -> None:
        self.currency = currency
        self.figures: list[Decimal] = []

    def _keep(self, value: Decimal) -> Decimal:
        self.figures.append(value)
        return value

    def money(self, value: Decimal) -> str:
        """ "$4,210", "$38.66", "SEK 1,200"."""
        places = 0 if abs(value) >= _WHOLE_MONEY else 2
        shown = self._keep(_round(value, places))
        body = f"{abs(shown):,.{places}f}"
        sign = "-" if shown < 0 else ""
        if self.currency is None:
            return f"{sign}{body}"
        symbol = _SYMBOLS.get(self.currency)
        return f"{sign}{symbol}{body}" if symbol else f"{sign}{self.currency} {body}"

    def count(self, value: Decimal) -> str:
        """ "2,101" (one decimal when fractional, e.g. modelled conversions)."""
        shown = self._keep(_round(value, 0 if value == value.to_integral_value() else 1))
        return f"{shown:,}"

    def times(self, value: Decimal) -> str:
        """A multiple or ROAS: "3.42×"."""
        return f"{self._keep(_round(value, 2)):,}×"

    def percent(self, fraction: Decimal) -> str:
        """A share: 0.0123 -> "1.23 %"."""
        return f"{self._keep(_round(fraction * 100, 2))} %"

    def share(self, fraction: Decimal) -> str:
        """A part of a whole, in whole percent: 0.7803 -> "78 %"."""
        return f"{self._keep(_round(fraction * 100, 0))} %"

    def change(self, fraction: Decimal) -> str:
        """A relative change with its sign: 0.124 -> "+12.4 %"."""
        shown = self._keep(_round(fraction * 100, 1))
        if shown == 0:
            return "0.0 %"  # never "−0.0 %"
        return f"+{shown} %" if shown > 0 else f"{shown} %".replace("-", "−")

    def metric(self, metric: Metric, value: Decimal | None) -> str:
        """A metric as a marketer reads it; "n/a" when a ratio has no denominator."""
        if value is None:
            return "n/a"
        if metric is Metric.ROAS:
            return self.times(value)
        if metric is Metric.CTR:
            return self.percent(value)
        if metric in MONEY_METRICS:
            return self.money(value)
        return self.count(value)


def day_label(day: date) -> str:
    """ "Tue Nov 10"."""
    return f"{_WEEKDAYS[day.weekday()]} {_MONTHS[day.month]} {day.day}"


def period_label(start: date, end: date, as_of: date) -> str:
    """ "Nov 10", "Nov 9–15", "Oct 28 – Nov 3", with the year when not as_of's."""
    year = f", {end.year}" if end.year != as_of.year or start.year != end.year else ""
    if start == end:
        return f"{_MONTHS[start.month]} {start.day}{year}"
    if start.year != end.year:
        first = f"{_MONTHS[start.month]} {start.day}, {start.year}"
        return f"{first} – {_MONTHS[end.month]} {end.day}{year}"
    if start.month == end.month:
        return f"{_MONTHS[start.month]} {start.day}–{end.day}{year}"
    return f"{_MONTHS[start.month]} {start.day} – {_MONTHS[end.month]} {end.day}{year}"
