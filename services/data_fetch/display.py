"""How names and periods read in a direct answer; numbers follow `libs.common.presentation`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from libs.common import BASE_METRICS, Metric, Platform
from libs.common.presentation import format_metric, month_end, period_label
from libs.common.vocab import METRIC_LABELS, PLATFORM_LABELS


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


def describe_value(metric: Metric, value: Decimal | None, currency: str | None) -> str:
    """`format_metric`, saying "no spend" for a zero base metric: 0 is a fact, not a gap."""
    text = format_metric(metric, value, currency)
    if metric in BASE_METRICS and value == 0:
        return f"{text} (no {metric_name(metric)})"
    return text


def period_phrase(start: date, end: date, as_of: date) -> str:
    """The period with its preposition: "on Nov 21", "in Nov 2026", "for Nov 9–15"."""
    label = period_label(start, end, as_of)
    if start == end:
        return f"on {label}"
    if start.day == 1 and end == month_end(start):
        return f"in {label}"
    return f"for {label}"
