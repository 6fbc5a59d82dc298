"""`build_plan`: one question in, one `QueryPlan` out; pure, no I/O, no model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from libs.common.plan import DateRange, NameFilter, QueryPlan, Ranking, RouteReason
from libs.common.vocab import GroupBy, Intent, Metric, Platform, Route
from services.router.coverage import background_words, context_words, unexplained
from services.router.dates import Periods, resolve_periods
from services.router.dates.analysis import analysis_periods
from services.router.entities import find_metrics, find_platforms, find_unsupported
from services.router.filters import find_filters
from services.router.forecasts import ahead
from services.router.grouping import TIME_GRAINS, default_grain, find_group_by, find_ranking
from services.router.intents import (
    Decision,
    Signals,
    decide,
    open_question,
    without_purpose,
)
from services.router.tokens import Normalized, normalize

_NAME = " qqname "  # stands in for a campaign/account name so its words are not read as vocabulary


@dataclass(frozen=True)
class _Reading:
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


def build_plan(text: str, *, today: date, timezone: str = "UTC") -> QueryPlan:
    """Read one question as a `QueryPlan`, dates resolved against `today` in `timezone`."""
    found = _read(text, today)
    decision, left = _decide(text, today, found)
    periods = found.periods
    if decision.intent is Intent.FORECAST:
        periods = ahead(periods, today, found.body)
    rationale = [f"typo:{wrong}->{right}" for wrong, right in found.norm.corrections]
    rationale += [*periods.rationale, decision.rule]
    compare_to, history = periods.compare_to, None
    if decision.route is Route.ANALYSIS:
        extra = analysis_periods(decision.intent, periods.date_range, compare_to, today)
        compare_to, history = extra.compare_to, extra.history
        rationale += extra.rationale
    return QueryPlan(
        route=decision.route,
        tier=decision.tier,
        intent=decision.intent,
        platforms=found.platforms,
        metrics=found.metrics,
        date_range=periods.date_range,
        compare_to=compare_to,
        history=history,
        group_by=_final_group_by(
            decision, found.group_by, len(found.platforms), periods.date_range
        ),
        filters=found.filters,
        unsupported=found.unsupported,
        ranking=_ranking_for(decision.intent, found.ranking),
        as_of=today,
        timezone=timezone,
        rationale=rationale,
        route_reason=RouteReason(rule=decision.rule, unexplained=left),
    )


def _read(text: str, today: date) -> _Reading:
    norm = normalize(text)
    filters = find_filters(text)
    body = norm.text
    for name in filters:
        body = body.replace(normalize(name.value).text, _NAME)
    metrics = find_metrics(body)
    return _Reading(
        norm=norm,
        body=body,
        filters=filters,
        platforms=find_platforms(body),
        metrics=metrics,
        unsupported=find_unsupported(body, text),
        periods=resolve_periods(body, today),
        group_by=find_group_by(body),
        ranking=find_ranking(body, metrics),
    )


def _decide(text: str, today: date, found: _Reading) -> tuple[Decision, list[str]]:
    """The route, intent and tier, and the words left unexplained: a direct plan with any left
    becomes an open question (a table of numbers would not answer it)."""
    dims = [g for g in found.group_by if g not in TIME_GRAINS]
    signals = Signals(
        has_entities=bool(found.platforms or found.metrics or found.unsupported or found.filters),
        has_date=not found.periods.defaulted,
        has_compare=found.periods.compare_to is not None,
        platform_count=len(found.platforms),
        has_dimension=bool(found.group_by),
        has_time_grain_only=bool(found.group_by) and not dims,
        is_ranking=found.ranking is not None,
        is_future=found.periods.date_range.start > today,
    )
    asked = without_purpose(found.body)
    decision = decide(asked, signals)
    known = [
        *found.unsupported,
        *(["x"] if "twitter" in found.unsupported else []),
        *context_words(text, today),
    ]
    left = unexplained(asked, found.periods.mentions, known)
    if decision.route is Route.DIRECT and left:
        background = background_words(text, today, found.unsupported)
        left = [word for word in left if word not in background]
    if decision.route is Route.DIRECT and left:
        decision = open_question(decision)
    return decision, left


def _final_group_by(
    decision: Decision, group_by: list[GroupBy], platform_count: int, rng: DateRange
) -> list[GroupBy]:
    found = list(group_by)
    if decision.route is Route.ANALYSIS:  # the analyst reads days itself; dimensions stay
        found = [g for g in found if g not in TIME_GRAINS]
    intent = decision.intent
    per_platform = intent in (Intent.COMPARISON, Intent.BREAKDOWN) and platform_count >= 2
    if decision.route is Route.DIRECT and per_platform and GroupBy.PLATFORM not in found:
        found.append(GroupBy.PLATFORM)  # "Google vs Meta" needs one row per platform
    # A direct trend needs a grain to chart; an open trend question is the model's to read.
    direct_trend = decision.route is Route.DIRECT and intent is Intent.TREND
    if direct_trend and not any(g in TIME_GRAINS for g in found):
        found.append(default_grain(rng))
    return found


def _ranking_for(intent: Intent, ranking: Ranking | None) -> Ranking | None:
    return ranking if intent is Intent.RANKING else None
