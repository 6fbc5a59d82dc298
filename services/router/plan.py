"""`build_plan`: one question in, one `QueryPlan` out; pure, no I/O, no model."""

from __future__ import annotations

from datetime import date

from libs.common.plan import DateRange, QueryPlan, Ranking, RouteReason
from libs.common.vocab import GroupBy, Intent, Route
from services.router.analysis_periods import analysis_periods
from services.router.compare import resolve_periods
from services.router.coverage import background_words, context_words, unexplained
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
from services.router.tokens import normalize

_NAME = " qqname "  # stands in for a campaign/account name so its words are not read as vocabulary


def build_plan(text: str, *, today: date, timezone: str = "UTC") -> QueryPlan:
    """Read one question as a `QueryPlan`, dates resolved against `today` in `timezone`."""
    norm = normalize(text)
    filters = find_filters(text)
    body = norm.text
    for name in filters:
        body = body.replace(normalize(name.value).text, _NAME)
    platforms = find_platforms(body)
    metrics = find_metrics(body)
    unsupported = find_unsupported(body, text)
    periods = resolve_periods(body, today)
    group_by = find_group_by(body)
    ranking = find_ranking(body, metrics)
    dims = [g for g in group_by if g not in TIME_GRAINS]
    signals = Signals(
        has_entities=bool(platforms or metrics or unsupported or filters),
        has_date=periods.rationale[0] != "date:default_last_7_days",
        has_compare=periods.compare_to is not None,
        platform_count=len(platforms),
        has_dimension=bool(group_by),
        has_time_grain_only=bool(group_by) and not dims,
        is_ranking=ranking is not None,
        is_future=periods.date_range.start > today,
    )
    asked = without_purpose(body)
    decision = decide(asked, signals)
    known = [
        *unsupported,
        *(["x"] if "twitter" in unsupported else []),
        *context_words(text, today),
    ]
    left = unexplained(asked, periods.mentions, known)
    if decision.route is Route.DIRECT and left:
        background = background_words(text, today, unsupported)
        left = [word for word in left if word not in background]
    if decision.route is Route.DIRECT and left:
        decision = open_question(decision)  # a table of numbers would not answer it
    if decision.intent is Intent.FORECAST:
        periods = ahead(periods, today, body)
    group_by = _final_group_by(decision, group_by, len(platforms), periods.date_range)
    rationale = [f"typo:{wrong}->{right}" for wrong, right in norm.corrections]
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
        platforms=platforms,
        metrics=metrics,
        date_range=periods.date_range,
        compare_to=compare_to,
        history=history,
        group_by=group_by,
        filters=filters,
        unsupported=unsupported,
        ranking=_ranking_for(decision.intent, ranking),
        as_of=today,
        timezone=timezone,
        rationale=rationale,
        route_reason=RouteReason(rule=decision.rule, unexplained=left),
    )


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
