"""What a plan means when it leaves something unsaid: default metrics, grouping and ranking."""

from __future__ import annotations

from libs.common import GroupBy, Intent, Metric, QueryPlan, Ranking
from libs.common.plan import DateRange

DEFAULT_METRICS: tuple[Metric, ...] = (
    Metric.SPEND,
    Metric.IMPRESSIONS,
    Metric.CLICKS,
    Metric.CONVERSIONS,
    Metric.CONVERSION_VALUE,
    Metric.ROAS,
)
"""Shown when the question names no metric ("how did Meta do last week?"): the funnel plus ROAS."""

TIME_DIMS: frozenset[GroupBy] = frozenset({GroupBy.DATE, GroupBy.WEEK, GroupBy.MONTH})

_DAILY_UP_TO_DAYS = 31
_WEEKLY_UP_TO_DAYS = 183


def effective_ranking(plan: QueryPlan) -> Ranking | None:
    """The plan's ranking; a ranking question without one ranks by its first metric, high first."""
    if plan.ranking is not None:
        return plan.ranking
    if plan.intent is Intent.RANKING:
        metric = plan.metrics[0] if plan.metrics else Metric.SPEND
        return Ranking(metric=metric, descending=True)
    return None


def answer_metrics(plan: QueryPlan) -> list[Metric]:
    """The metrics the answer holds: the plan's (deduplicated, in order) or the defaults.

    The ranking metric is added when missing, so every row shows the value it was sorted by.
    """
    metrics = list(dict.fromkeys(plan.metrics)) or list(DEFAULT_METRICS)
    ranking = effective_ranking(plan)
    if ranking is not None and ranking.metric not in metrics:
        metrics.append(ranking.metric)
    return metrics


def effective_group_by(plan: QueryPlan) -> list[GroupBy]:
    """The breakdown dimensions: the plan's, else a default that fits the intent.

    A trend without a grain gets days, weeks or months by the length of the range (a chart of
    365 daily points is noise); a breakdown or ranking without a dimension is by campaign.
    """
    if plan.group_by:
        return list(dict.fromkeys(plan.group_by))
    if plan.intent is Intent.TREND:
        return [_trend_grain(plan.date_range)]
    if plan.intent in (Intent.BREAKDOWN, Intent.RANKING):
        return [GroupBy.CAMPAIGN]
    return []


def _trend_grain(period: DateRange) -> GroupBy:
    if period.days <= _DAILY_UP_TO_DAYS:
        return GroupBy.DATE
    if period.days <= _WEEKLY_UP_TO_DAYS:
        return GroupBy.WEEK
    return GroupBy.MONTH
