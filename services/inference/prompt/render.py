"""A `DataView` rendered as compact JSON at one level of detail, and the figures it gives.

Tables are column-oriented (`{"columns": [...], "rows": [[...], ...]}`): keys once per table
instead of once per line roughly halves the tokens of a day x campaign block. Values are
rounded as in every answer's data (`libs.common.presentation`); changes to 0.1 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from libs.common import BASE_METRICS, RATIO_COMPONENTS, Metric
from libs.common.arithmetic import Sums, total
from libs.common.arithmetic import metric_value as value_of
from libs.common.plan import DateRange
from libs.common.presentation import quantize, round_metric, to_json_number
from services.inference.prompt.view import Campaign, DataView

ALL_METRICS = (*sorted(BASE_METRICS), *RATIO_COMPONENTS)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)


class Grain(StrEnum):
    """The grain of the tenant-level time series in the data."""

    DAILY = "daily"
    WEEKLY = "weekly"
    NONE = "none"


@dataclass(frozen=True)
class Detail:
    """How much of a view the data message carries: the top campaigns by spend, and grains."""

    campaigns: int
    campaign_daily: bool
    series: Grain = Grain.DAILY


def full_detail(view: DataView) -> Detail:
    """Every line at every grain the view has."""
    series = Grain.DAILY if view.daily else Grain.NONE
    return Detail(len(view.campaigns), any(view.campaign_daily.values()), series)


def weekly(view: DataView) -> list[tuple[date, int, Sums]]:
    """The daily totals summed per week (Monday start): (week start, days present, sums)."""
    weeks: dict[date, list[Sums]] = {}
    for day, sums in view.daily:
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(sums)
    return [(start, len(days), total(days)) for start, days in sorted(weeks.items())]


def render(view: DataView, detail: Detail) -> dict[str, Any]:
    """The data message's JSON object for `view` at `detail`."""
    cols = (*view.base, *view.ratios)
    data: dict[str, Any] = {"currency": view.currency, "period": _range(view.period)}
    data["totals"] = _values(view.totals, ALL_METRICS)
    if view.compare_totals is not None and view.compare_period is not None:
        data["compare_period"] = _range(view.compare_period)
        data["compare_totals"] = _values(view.compare_totals, ALL_METRICS)
        data["change_pct"] = _change_pct(view.totals, view.compare_totals)
    data.update(_series_table(view, detail.series, cols))
    shown = view.campaigns[: detail.campaigns]
    if shown:
        data["campaigns"] = _campaign_table(shown, cols, compared=view.compare_totals is not None)
    if detail.campaign_daily:
        data["campaign_daily"] = _table(["date", "id", *cols], _campaign_days(view, shown, cols))
    if view.baseline and view.history_period is not None:
        baseline = [[WEEKDAYS[b.weekday], b.days, *_row(b.mean, cols)] for b in view.baseline]
        data["same_weekday_baseline"] = {
            "history_period": _range(view.history_period),
            **_table(["weekday", "days", *[f"mean_{c}" for c in cols]], baseline),
        }
    notes = [*view.notes, *_omission_notes(view, detail)]
    if notes:
        data["notes"] = notes
    return data


def _series_table(view: DataView, series: Grain, cols: Sequence[Metric]) -> dict[str, Any]:
    if series is Grain.DAILY and view.daily:
        days = ([day.isoformat(), *_row(sums, cols)] for day, sums in view.daily)
        return {"daily": _table(["date", *cols], days)}
    if series is Grain.WEEKLY:
        weeks = ([start.isoformat(), n, *_row(sums, cols)] for start, n, sums in weekly(view))
        return {"weekly": _table(["week_start", "days", *cols], weeks)}
    return {}


def table_lines(data: Mapping[str, Any]) -> int:
    """How many table lines (days, campaigns, campaign-days, baselines) `data` carries."""
    return sum(len(v["rows"]) for v in data.values() if isinstance(v, dict) and "rows" in v)


def _campaign_table(shown: Sequence[Campaign], cols: Sequence[Metric], *, compared: bool) -> Any:
    prev_cols = [Metric.SPEND, *[c for c in cols if c in RATIO_COMPONENTS]] if compared else []
    rows = []
    for index, line in enumerate(shown, start=1):
        prev = _row(line.prev, prev_cols) if line.prev is not None else []
        rows.append([f"c{index}", line.name, line.platform, *_row(line.sums, cols), *prev])
    columns = ["id", "name", "platform", *cols, *[f"prev_{c}" for c in prev_cols]]
    return _table(columns, rows)


def _campaign_days(view: DataView, shown: Sequence[Campaign], cols: Sequence[Metric]) -> Any:
    lines = [
        (day, f"c{index}", sums)
        for index, line in enumerate(shown, start=1)
        for day, sums in view.campaign_daily.get(line.key, [])
    ]
    lines.sort(key=lambda item: (item[0], int(item[1][1:])))
    return ([day.isoformat(), cid, *_row(sums, cols)] for day, cid, sums in lines)


def _omission_notes(view: DataView, detail: Detail) -> list[str]:
    notes = []
    omitted = view.campaigns[detail.campaigns :]
    if omitted:
        spend = sum((line.sums[Metric.SPEND] for line in omitted), Decimal(0))
        total = view.totals[Metric.SPEND]
        share = quantize(spend * _HUNDRED / total, _TENTH) if total else Decimal(0)
        notes.append(
            f"{len(omitted)} smaller campaigns omitted ({share} % of spend); totals include them"
        )
    if view.daily and detail.series is Grain.WEEKLY:
        notes.append("daily figures summed per week to fit the context")
    if view.daily and detail.series is Grain.NONE:
        notes.append("daily figures omitted to fit the context; totals cover the whole period")
    return notes


def _change_pct(now: Sums, before: Sums) -> dict[str, float | int | None]:
    changes: dict[str, float | int | None] = {}
    for metric in ALL_METRICS:
        value, base = value_of(metric, now), value_of(metric, before)
        if value is None or base is None or base == 0:
            changes[metric.value] = None
        else:
            changes[metric.value] = to_json_number(quantize((value / base - 1) * _HUNDRED, _TENTH))
    return changes


def _values(sums: Sums, metrics: Sequence[Metric]) -> dict[str, float | int | None]:
    return {metric.value: _rounded(metric, value_of(metric, sums)) for metric in metrics}


Row = list[float | int | None]
_RENDERED: ContextVar[dict[tuple[int, tuple[Metric, ...]], tuple[Sums, Row]] | None] = ContextVar(
    "rendered_rows", default=None
)


@contextmanager
def rows_rendered_once() -> Iterator[None]:
    """Within the block, the same sums are rounded into a row once per column set: fitting a
    prompt renders the same days and campaigns at several detail levels. Each entry keeps its
    sums alive, so no other sums can take their id while the block lasts."""
    token = _RENDERED.set({})
    try:
        yield
    finally:
        _RENDERED.reset(token)


def _row(sums: Sums, metrics: Sequence[Metric]) -> Row:
    rendered = _RENDERED.get()
    if rendered is None:
        return [_rounded(metric, value_of(metric, sums)) for metric in metrics]
    key = (id(sums), tuple(metrics))
    kept = rendered.get(key)
    if kept is None:
        kept = rendered[key] = (sums, [_rounded(m, value_of(m, sums)) for m in metrics])
    return kept[1]


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> dict[str, Any]:
    return {"columns": [str(c) for c in columns], "rows": [list(r) for r in rows]}


def _range(rng: DateRange) -> dict[str, Any]:
    return {"start": rng.start.isoformat(), "end": rng.end.isoformat(), "days": rng.days}


def _rounded(metric: Metric, value: Decimal | None) -> float | int | None:
    # The one rounding policy of every answer's data (libs.common.presentation).
    return to_json_number(round_metric(metric, value))
