"""The direct route's result: the answer text and its JSON data, from rows alone, no model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from libs.common import FetchedRows, Metric, QueryPlan
from libs.common.plan import DateRange
from libs.common.presentation import CHANGE_QUANTUM, quantize, round_metric, to_json_number
from services.data_fetch.aggregate import Change, Values
from services.data_fetch.answer import render_answer
from services.data_fetch.scope import NoData, apply_campaign_filters, filter_campaign_rows
from services.data_fetch.summary import Comparison, Summary, summarise


@dataclass(frozen=True)
class DirectResult:
    """The answer to publish: text for people, `data` for machines (None when `reason` is set)."""

    answer: str
    data: dict[str, Any] | None
    notes: tuple[str, ...] = ()
    reason: str | None = None


def compute(
    plan: QueryPlan,
    fetched: FetchedRows,
    compare: FetchedRows | None = None,
    *,
    notes: Sequence[str] = (),
) -> DirectResult:
    """Answer a direct plan from its rows (`compare`: rows of plan.compare_to, if set).

    `notes` (e.g. Scope.notes) are appended to the answer. Raises ValueError on rows that do
    not fit the plan, MixedCurrencyError when money would mix currencies.
    """
    if (plan.compare_to is None) != (compare is None):
        raise ValueError("compare rows must be given exactly when the plan has compare_to")
    current = apply_campaign_filters(plan, fetched)
    if isinstance(current, NoData):
        return DirectResult(current.message, None, tuple(notes), current.reason)
    # A campaign absent from the base period simply had nothing then: no "no match" answer.
    base = filter_campaign_rows(plan, compare) if compare is not None else None
    summary = summarise(plan, current.fetched, base)
    all_notes = (*notes, *current.notes)
    return DirectResult(render_answer(plan, summary, all_notes), summary_data(summary), all_notes)


def summary_data(summary: Summary) -> dict[str, Any]:
    """The JSON-ready `data` of an answer: rounded values as plain numbers, ISO dates."""
    ranking = summary.ranking
    return {
        "metrics": [metric.value for metric in summary.metrics],
        "group_by": [dim.value for dim in summary.group_by],
        "ranking": ranking.model_dump(mode="json") if ranking is not None else None,
        "currency": summary.currency,
        "totals": _values(summary.totals),
        "rows": [{**row.fields, **_values(row.values)} for row in summary.rows],
        "compare": _compare_data(summary.compare) if summary.compare else None,
        "source": {
            "accounts": [
                {"account_id": a.account_id, "platform": a.platform.value, "name": a.name}
                for a in summary.fetched.accounts
            ],
            "date_range": _range(summary.fetched.date_range),
            "fetched_at": iso_utc(summary.fetched.fetched_at),
        },
    }


def iso_utc(moment: datetime) -> str:
    """`moment` as ISO 8601 in UTC with a Z ("2026-11-16T08:00:00Z"); naive means UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _values(values: Values) -> dict[str, int | float | None]:
    return {m.value: to_json_number(round_metric(m, value)) for m, value in values.items()}


def _compare_data(comparison: Comparison) -> dict[str, Any]:
    return {
        "date_range": _range(comparison.date_range),
        "totals": _values(comparison.totals),
        "change": _changes(comparison.changes),
        "fetched_at": iso_utc(comparison.fetched_at),
    }


def _changes(changes: Mapping[Metric, Change]) -> dict[str, dict[str, int | float | None]]:
    return {
        metric.value: {
            "absolute": to_json_number(round_metric(metric, delta.absolute)),
            "relative": to_json_number(
                None if delta.relative is None else quantize(delta.relative, CHANGE_QUANTUM)
            ),
        }
        for metric, delta in changes.items()
    }


def _range(period: DateRange) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}
