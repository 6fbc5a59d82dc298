"""`read`: what a question names, before its route is decided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from libs.common.plan import DateRange, NameFilter, Ranking
from libs.common.vocab import GroupBy, Metric, Platform
from services.router.asides import without_purpose, without_wishes
from services.router.compared import NAME_MASK
from services.router.dates import Periods, resolve_periods
from services.router.entities import find_metrics
from services.router.filters import find_filters
from services.router.grouping import TIME_GRAINS, find_group_by, find_ranking
from services.router.intents import Signals
from services.router.platforms_named import (
    find_platforms,
    find_unsupported,
    money_on_a_platform,
)
from services.router.tokens import Normalized, name_tokens, normalize

_NAME = f" {NAME_MASK} "  # a campaign/account name's stand-in: its words are no vocabulary


@dataclass(frozen=True)
class Reading:
    """What a question names, before its route is decided."""

    norm: Normalized
    body: str  # the normalized text, with campaign and account names masked
    filters: list[NameFilter]
    platforms: list[Platform]
    metrics: list[Metric]
    unsupported: list[str]
    periods: Periods
    group_by: list[GroupBy]
    ranking: Ranking | None


def read(text: str, today: date, carried: DateRange | None = None) -> Reading:
    """Everything `text` names; `carried` is the period it is about when it names none (a
    follow-up's)."""
    norm = normalize(text)
    filters = find_filters(text)
    body = without_wishes(norm.text)
    for name in filters:
        body = body.replace(" " + " ".join(name_tokens(name.value, norm.places)) + " ", _NAME)
    metrics = find_metrics(body)
    if not metrics and money_on_a_platform(text):
        metrics = [Metric.SPEND]  # "is £4,000 a month on TikTok justified?"
    asked = without_purpose(body)
    # "… for the month of May? I want to put it in the Q2 review slides": the deck's quarter
    # is no period asked, unless it is the only one ("numbers for the Q3 review").
    periods = resolve_periods(asked, today, carried)
    if periods.defaulted and asked != body:
        periods = resolve_periods(body, today, carried)
    return Reading(
        norm=norm,
        body=body,
        filters=filters,
        platforms=find_platforms(body),
        metrics=metrics,
        unsupported=find_unsupported(body, text),
        periods=periods,
        group_by=find_group_by(asked),  # "for the weekly sync": no grain
        ranking=find_ranking(body, metrics),
    )


def signals_of(found: Reading, today: date, *, has_entities: bool) -> Signals:
    """What the intent rules need of a reading (`has_entities`: whether it is about ads)."""
    dims = [g for g in found.group_by if g not in TIME_GRAINS]
    return Signals(
        has_entities=has_entities,
        has_date=not found.periods.defaulted,
        has_compare=found.periods.compare_to is not None,
        platform_count=len(found.platforms) + len(found.unsupported),
        has_dimension=bool(found.group_by),
        has_time_grain=len(dims) < len(found.group_by),
        is_ranking=found.ranking is not None,
        is_future=found.periods.date_range.start > today,
    )
