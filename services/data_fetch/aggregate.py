"""Totals, breakdowns, rankings and changes over metric rows: pure Decimal arithmetic.

Ratios are always recomputed from summed components (DESIGN §1), never averaged: ROAS of two
campaigns is Σconversion_value / Σspend, not the mean of their ROAS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from libs.common import AccountRef, GroupBy, Metric, MetricRow
from libs.common.arithmetic import base_sums, metric_value
from libs.common.plan import DateRange, Ranking
from services.data_fetch.defaults import TIME_DIMS
from services.data_fetch.groups import DimValue, dim_value, time_value

Values = dict[Metric, Decimal | None]
"""Metric -> unrounded value; None where a ratio's denominator is zero."""


@dataclass(frozen=True)
class GroupRow:
    """One breakdown row: its dimension fields, base sums and metric values (unrounded)."""

    fields: Mapping[str, str]
    sort_key: tuple[str, ...]
    sums: Mapping[Metric, Decimal]
    values: Values


@dataclass(frozen=True)
class Change:
    """How a value moved against a base period; relative is a fraction (0.124 = +12.4 %)."""

    absolute: Decimal | None
    relative: Decimal | None


def evaluate(metrics: Sequence[Metric], sums: Mapping[Metric, Decimal]) -> Values:
    """Every metric of `metrics` over `sums`, unrounded."""
    return {metric: metric_value(metric, sums) for metric in metrics}


def check_rows(
    rows: Sequence[MetricRow], accounts: Sequence[AccountRef], group_by: Sequence[GroupBy]
) -> None:
    """Raise ValueError when a row is of an unknown account or lacks a grain `group_by` needs."""
    known = {account.account_id for account in accounts}
    strangers = sorted({row.account_id for row in rows} - known)
    if strangers:
        raise ValueError(f"rows for accounts not in the fetched list: {', '.join(strangers)}")
    if any(dim in TIME_DIMS for dim in group_by) and any(row.date is None for row in rows):
        raise ValueError("the plan groups by time but rows lack dates: fetch with group_by date")
    if GroupBy.CAMPAIGN in group_by and any(row.campaign_id is None for row in rows):
        raise ValueError("the plan groups by campaign but rows lack campaigns: fetch by campaign")


@dataclass
class _Group:
    dims: list[DimValue]
    rows: list[MetricRow] = field(default_factory=list)


def group_rows(
    rows: Sequence[MetricRow],
    accounts: Sequence[AccountRef],
    group_by: Sequence[GroupBy],
    metrics: Sequence[Metric],
    fill: DateRange | None = None,
) -> list[GroupRow]:
    """One row per combination of `group_by` values, sorted by the group keys.

    With `fill` and only time dimensions, every bucket of the range is present: a day without
    rows had no activity on a fetched account, and a trend must show that zero, not skip it.
    """
    check_rows(rows, accounts, group_by)
    by_id = {account.account_id: account for account in accounts}
    groups: dict[tuple[tuple[str, ...], ...], _Group] = {}
    if fill is not None and group_by and all(dim in TIME_DIMS for dim in group_by):
        for offset in range(fill.days):
            dims = [time_value(dim, fill.start + timedelta(days=offset)) for dim in group_by]
            groups.setdefault(_identity(dims), _Group(dims))
    for row in rows:
        dims = [dim_value(dim, row, by_id[row.account_id]) for dim in group_by]
        groups.setdefault(_identity(dims), _Group(dims)).rows.append(row)
    result = [_group_row(group, metrics) for group in groups.values()]
    return sorted(result, key=lambda row: row.sort_key)


def _identity(dims: Sequence[DimValue]) -> tuple[tuple[str, ...], ...]:
    return tuple(dim.identity for dim in dims)


def _group_row(group: _Group, metrics: Sequence[Metric]) -> GroupRow:
    fields: dict[str, str] = {}
    sort_key: tuple[str, ...] = ()
    for dim in group.dims:
        fields.update(dim.fields)
        sort_key += dim.sort_key
    sums = base_sums(group.rows)
    return GroupRow(fields=fields, sort_key=sort_key, sums=sums, values=evaluate(metrics, sums))


def rank(rows: Sequence[GroupRow], ranking: Ranking) -> list[GroupRow]:
    """`rows` ordered by the ranking metric (ties by group key), nulls last, then the limit."""
    metric = ranking.metric
    present = sorted(
        (row for row in rows if row.values.get(metric) is not None), key=lambda row: row.sort_key
    )
    missing = sorted(
        (row for row in rows if row.values.get(metric) is None), key=lambda row: row.sort_key
    )
    # Python's sort is stable also with reverse=True, so equal values keep the key order.
    present.sort(key=lambda row: _known(row.values.get(metric)), reverse=ranking.descending)
    ordered = present + missing
    return ordered[: ranking.limit] if ranking.limit is not None else ordered


def _known(value: Decimal | None) -> Decimal:
    if value is None:
        raise ValueError("null values are ranked separately")
    return value


def change(current: Decimal | None, base: Decimal | None) -> Change:
    """Absolute and relative change from `base` to `current`; relative is None for a 0 base."""
    if current is None or base is None:
        return Change(absolute=None, relative=None)
    absolute = current - base
    relative = None if base == 0 else absolute / base
    return Change(absolute=absolute, relative=relative)
