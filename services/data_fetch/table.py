"""A compact plain-text table (markdown pipes) of breakdown rows, for the answer text."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from libs.common import GroupBy, Metric, Platform
from libs.common.plan import DateRange
from libs.common.presentation import day_label, format_metric, period_label
from services.data_fetch.aggregate import GroupRow, Values
from services.data_fetch.display import capitalise, metric_name, platform_name

MAX_TABLE_ROWS = 15
"""Rows shown in the text; data.rows keeps them all."""

_HEADERS = {
    GroupBy.DATE: "Day",
    GroupBy.WEEK: "Week",
    GroupBy.MONTH: "Month",
    GroupBy.CAMPAIGN: "Campaign",
    GroupBy.ACCOUNT: "Account",
    GroupBy.PLATFORM: "Platform",
}


def render_table(
    rows: Sequence[GroupRow],
    group_by: Sequence[GroupBy],
    metrics: Sequence[Metric],
    currency: str | None,
    period: DateRange,
    as_of: date,
    totals: Values | None = None,
) -> str:
    """Header, up to MAX_TABLE_ROWS rows, an optional Total row and "… and N more"."""
    header = [_HEADERS[dim] for dim in group_by] + [capitalise(metric_name(m)) for m in metrics]
    lines = [_line(header), _line(["---"] * len(header))]
    for row in rows[:MAX_TABLE_ROWS]:
        dims = [_dim_cell(dim, row.fields, period, as_of) for dim in group_by]
        lines.append(_line(dims + _metric_cells(row.values, metrics, currency)))
    if totals is not None:
        blanks = [""] * (len(group_by) - 1)
        lines.append(_line(["Total", *blanks, *_metric_cells(totals, metrics, currency)]))
    hidden = len(rows) - MAX_TABLE_ROWS
    if hidden > 0:
        lines.append(f"… and {hidden} more")
    return "\n".join(lines)


def _metric_cells(values: Values, metrics: Sequence[Metric], currency: str | None) -> list[str]:
    return [format_metric(metric, values.get(metric), currency) for metric in metrics]


def _line(cells: Sequence[str]) -> str:
    # Names are free text from the ad platforms: a pipe or newline would break the table.
    clean = [" ".join(cell.replace("|", "\\|").split()) for cell in cells]
    return "| " + " | ".join(clean) + " |"


def _dim_cell(dim: GroupBy, fields: Mapping[str, str], period: DateRange, as_of: date) -> str:
    if dim is GroupBy.DATE:
        return day_label(date.fromisoformat(fields["date"]), as_of)
    if dim is GroupBy.WEEK:
        monday = date.fromisoformat(fields["week"])
        return _clipped(monday, monday + timedelta(days=6), period, as_of)
    if dim is GroupBy.MONTH:
        first = date.fromisoformat(f"{fields['month']}-01")
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return _clipped(first, last, period, as_of)
    if dim is GroupBy.CAMPAIGN:
        return fields["campaign"]
    if dim is GroupBy.ACCOUNT:
        return fields["account"]
    return platform_name(Platform(fields["platform"]))


def _clipped(start: date, end: date, period: DateRange, as_of: date) -> str:
    """A time bucket labelled by the days of it the range covers (a partial week says so)."""
    return period_label(max(start, period.start), min(end, period.end), as_of)
