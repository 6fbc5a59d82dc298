"""Everything a direct answer says, computed once and unrounded: text and data both read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from libs.common import FetchedRows, GroupBy, Metric, QueryPlan, Ranking
from libs.common.arithmetic import base_sums
from libs.common.plan import DateRange
from services.data_fetch.aggregate import (
    Change,
    GroupRow,
    Values,
    change,
    check_rows,
    evaluate,
    group_rows,
    rank,
)
from services.data_fetch.defaults import answer_metrics, effective_group_by, effective_ranking
from services.data_fetch.scope import currency_of


@dataclass(frozen=True)
class Comparison:
    """The same metrics over the comparison period, and the change to the main period."""

    date_range: DateRange
    totals: Values
    changes: dict[Metric, Change]
    fetched_at: datetime


@dataclass(frozen=True)
class Summary:
    """The computed answer before rounding: totals, breakdown rows and the comparison."""

    metrics: tuple[Metric, ...]
    group_by: tuple[GroupBy, ...]
    ranking: Ranking | None
    currency: str | None
    totals: Values
    rows: tuple[GroupRow, ...]
    groups_before_limit: int
    compare: Comparison | None
    fetched: FetchedRows


def summarise(plan: QueryPlan, fetched: FetchedRows, compare: FetchedRows | None) -> Summary:
    """Totals, breakdown and comparison of `fetched` (and `compare`) for `plan`.

    Raises ValueError when the rows lack a grain the plan needs, and MixedCurrencyError when
    money would be summed across currencies.
    """
    metrics = answer_metrics(plan)
    group_by = effective_group_by(plan)
    ranking = effective_ranking(plan)
    currency = currency_of(fetched.accounts, metrics)
    check_rows(fetched.rows, fetched.accounts, group_by)
    totals = evaluate(metrics, base_sums(fetched.rows))
    groups = (
        group_rows(fetched.rows, fetched.accounts, group_by, metrics, fill=fetched.date_range)
        if group_by
        else []
    )
    rows = rank(groups, ranking) if ranking is not None else groups
    return Summary(
        metrics=tuple(metrics),
        group_by=tuple(group_by),
        ranking=ranking,
        currency=currency,
        totals=totals,
        rows=tuple(rows),
        groups_before_limit=len(groups),
        compare=_comparison(metrics, totals, compare, currency) if compare else None,
        fetched=fetched,
    )


def _comparison(
    metrics: list[Metric], totals: Values, compare: FetchedRows, currency: str | None
) -> Comparison:
    if currency_of(compare.accounts, metrics) not in (currency, None):
        raise ValueError("the comparison rows are in another currency than the main rows")
    check_rows(compare.rows, compare.accounts, ())
    base = evaluate(metrics, base_sums(compare.rows))
    return Comparison(
        date_range=compare.date_range,
        totals=base,
        changes={metric: change(totals[metric], base[metric]) for metric in metrics},
        fetched_at=compare.fetched_at,
    )
