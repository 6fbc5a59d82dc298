"""How numbers read in the analyst's text (the one policy of `libs.common.presentation`, so a
direct answer and an analyst answer print the same figure), and the record of every number
printed: each method appends the rounded value it shows to `figures`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from libs.common import Metric
from libs.common import presentation as show
from libs.common.presentation import CENT


class Printer:
    """Formats numbers for one answer and records them."""

    def __init__(self, currency: str | None) -> None:
        self.currency = currency
        self.figures: list[Decimal] = []

    def _keep(self, value: Decimal) -> None:
        self.figures.append(value)

    def money(self, value: Decimal) -> str:
        """ "$4,210.55", "€38.66", "SEK 1,200.00"."""
        self._keep(show.quantize(value, CENT))
        return show.format_money(value, self.currency)

    def count(self, value: Decimal) -> str:
        """ "2,101" (2 places when fractional, e.g. modelled conversions)."""
        self._keep(show.shown_value(Metric.CONVERSIONS, value))
        return show.format_count(value)

    def times(self, value: Decimal) -> str:
        """A multiple or ROAS: "3.42×"."""
        self._keep(show.quantize(value, CENT))
        return show.format_times(value)

    def percent(self, fraction: Decimal) -> str:
        """A rate such as CTR: 0.0123 -> "1.23 %"."""
        self._keep(show.quantize(fraction * 100, CENT))
        return show.format_percent(fraction, CENT)

    def share(self, fraction: Decimal) -> str:
        """A part of a whole, in whole percent: 0.7803 -> "78 %"."""
        self._keep(show.quantize(fraction * 100, Decimal(1)))
        return show.format_percent(fraction, Decimal(1))

    def change(self, fraction: Decimal) -> str:
        """A relative change with its sign: 0.124 -> "+12.4 %"."""
        self._keep(show.quantize(fraction * 100, Decimal("0.1")))
        return show.format_change(fraction)

    def metric(self, metric: Metric, value: Decimal | None) -> str:
        """A metric as a marketer reads it; "n/a" when a ratio has no denominator."""
        if value is not None:
            self._keep(show.shown_value(metric, value))
        return show.format_metric(metric, value, self.currency)


def day_label(day: date) -> str:
    """ "Tue Nov 10"."""
    return show.weekday_label(day)


def period_label(start: date, end: date, as_of: date) -> str:
    """ "Nov 10", "Nov 9–15", "Oct 28 – Nov 3", "Nov 2026", with the year when not as_of's."""
    return show.period_label(start, end, as_of)
