"""The answer a marketer reads at a glance: one sentence, a few lines, or a headline and table."""

from __future__ import annotations

from collections.abc import Sequence

from libs.common import FilterField, GroupBy, Metric, QueryPlan
from libs.common.presentation import format_metric, format_percent, period_label
from services.data_fetch.aggregate import Change
from services.data_fetch.display import (
    capitalise,
    describe_value,
    join_names,
    period_phrase,
    platform_name,
)
from services.data_fetch.display import metric_name as _name
from services.data_fetch.summary import Comparison, Summary
from services.data_fetch.table import render_table

_SINGULAR = {
    GroupBy.DATE: "day",
    GroupBy.WEEK: "week",
    GroupBy.MONTH: "month",
    GroupBy.CAMPAIGN: "campaign",
    GroupBy.ACCOUNT: "account",
    GroupBy.PLATFORM: "platform",
}
_METRICS_IN_HEADLINE = 2  # beyond this the table header names them


def render_answer(plan: QueryPlan, summary: Summary, notes: Sequence[str] = ()) -> str:
    """The answer text for `summary`, with `notes` (left-out platforms, names) at the end."""
    body = _breakdown(plan, summary) if summary.group_by else _totals(plan, summary)
    return "\n".join([body, *notes])


def _totals(plan: QueryPlan, summary: Summary) -> str:
    subject, period = _subject(plan, summary), _period(plan, summary)
    if len(summary.metrics) == 1:
        metric = summary.metrics[0]
        head = capitalise(f"{subject} {_name(metric)}".strip())
        return f"{head} {period}: {_metric_text(plan, metric, summary)}."
    versus = f" vs {_base_label(plan, summary.compare)}" if summary.compare else ""
    head = capitalise(subject or "all accounts")
    lines = [f"{head} {period}{versus}:"]
    lines += [
        f"- {capitalise(_name(m))}: {_metric_text(plan, m, summary)}" for m in summary.metrics
    ]
    return "\n".join(lines)


def _breakdown(plan: QueryPlan, summary: Summary) -> str:
    period = summary.fetched.date_range
    totals = summary.totals if summary.ranking is None and len(summary.rows) > 1 else None
    parts = [_breakdown_headline(plan, summary)]
    if summary.rows:
        parts.append(
            render_table(
                summary.rows,
                summary.group_by,
                summary.metrics,
                summary.currency,
                period,
                plan.as_of,
                totals=totals,
            )
        )
    else:
        dims = join_names([_SINGULAR[dim] for dim in summary.group_by])
        parts.append(f"No {dims} had any activity {_period(plan, summary)}.")
    if summary.compare is not None:
        parts.append(f"Totals vs {_base_label(plan, summary.compare)}:")
        parts += [
            f"- {capitalise(_name(m))}: {_metric_text(plan, m, summary)}" for m in summary.metrics
        ]
    return "\n".join(parts)


def _breakdown_headline(plan: QueryPlan, summary: Summary) -> str:
    subject, period = _subject(plan, summary), _period(plan, summary)
    dims = join_names([_SINGULAR[dim] for dim in summary.group_by])
    ranking = summary.ranking
    if ranking is None:
        named = len(summary.metrics) <= _METRICS_IN_HEADLINE
        what = join_names([_name(m) for m in summary.metrics]) if named else ""
        lead = f"{subject} {what}".strip() or "all accounts"
        return f"{capitalise(lead)} by {dims} {period}:"
    plural = f"{dims}s" if len(summary.group_by) == 1 else f"{dims} combinations"
    order = "highest" if ranking.descending else "lowest"
    head = capitalise(f"{subject} {plural}".strip())
    cut = len(summary.rows) < summary.groups_before_limit
    top = f", top {len(summary.rows)} of {summary.groups_before_limit}" if cut else ""
    return f"{head} by {_name(ranking.metric)} ({order} first) {period}{top}:"


def _metric_text(plan: QueryPlan, metric: Metric, summary: Summary) -> str:
    """The value, and with a comparison how it moved: "$4,210.55, up 12.4 % vs Nov 2–8 (…)"."""
    value = describe_value(metric, summary.totals[metric], summary.currency)
    comparison = summary.compare
    if comparison is None:
        return value
    label = _base_label(plan, comparison)
    base = format_metric(metric, comparison.totals[metric], summary.currency)
    return value + _change_clause(comparison.changes[metric], base, label)


def _change_clause(delta: Change, base: str, label: str) -> str:
    if delta.absolute is None:
        return f" (vs {label}: {base})"
    if delta.absolute == 0:
        return f", unchanged vs {label}"
    direction = "up" if delta.absolute > 0 else "down"
    if delta.relative is None:
        return f", {direction} from {base} in {label}"
    return f", {direction} {format_percent(abs(delta.relative))} vs {label} ({base})"


def _subject(plan: QueryPlan, summary: Summary) -> str:
    """Who the numbers are about: named accounts, else named platforms, else "" (everything)."""
    accounts = summary.fetched.accounts
    if any(f.field is FilterField.ACCOUNT for f in plan.filters):
        return join_names([account.name for account in accounts])
    if plan.platforms:
        present = {account.platform for account in accounts}
        return join_names([platform_name(p) for p in plan.platforms if p in present])
    return ""


def _period(plan: QueryPlan, summary: Summary) -> str:
    """The period phrase, with the campaign filter as a qualifier: "for Nov 9–15 (…)"."""
    period = summary.fetched.date_range
    phrase = period_phrase(period.start, period.end, plan.as_of)
    campaigns = [f"“{f.value}”" for f in plan.filters if f.field is FilterField.CAMPAIGN]
    if campaigns:
        phrase += f" (campaigns matching {join_names(campaigns, conjunction='or')})"
    return phrase


def _base_label(plan: QueryPlan, comparison: Comparison | None) -> str:
    if comparison is None:
        return ""
    return period_label(comparison.date_range.start, comparison.date_range.end, plan.as_of)
