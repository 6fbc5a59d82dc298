"""get_metrics without I/O: validate a request, then sum cached campaign-days into rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lemanado_sample.catalog import DATA_START, Account
from lemanado_sample.generator import Day, campaign_series

METRICS = ("spend", "impressions", "clicks", "conversions", "conversion_value")
GROUPINGS = ("date", "campaign")
MAX_DAYS = 400
_MONEY = frozenset({"spend", "conversion_value"})
_COLUMN = {name: i for i, name in enumerate(METRICS)}  # same order as the Day fields

Row = dict[str, str | int | float]


class RequestError(ValueError):
    """The caller's request is invalid; the message says how, in plain words."""


@dataclass(frozen=True, slots=True)
class MetricsRequest:
    """A validated get_metrics request."""

    start: date
    end: date
    metrics: tuple[str, ...]
    group_by: frozenset[str]


def _parse_day(text: str, label: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise RequestError(f"{label} {text!r} is not a date in YYYY-MM-DD form.") from None


def _check_names(given: Sequence[str], allowed: tuple[str, ...], label: str) -> None:
    unknown = [name for name in given if name not in allowed]
    if unknown:
        raise RequestError(f"Unknown {label} {unknown}; choose from {list(allowed)}.")


def _check_range(start: date, end: date, today: date) -> None:
    if end < start:
        raise RequestError(f"end_date {end} is before start_date {start}.")
    if start < DATA_START:
        raise RequestError(f"Data begins on {DATA_START}; start_date {start} is earlier.")
    if end > today:
        raise RequestError(f"end_date {end} is after today ({today}); there is no data yet.")
    days = (end - start).days + 1
    if days > MAX_DAYS:
        raise RequestError(f"The range covers {days} days; ask for at most {MAX_DAYS} at once.")


def parse_request(
    start_date: str, end_date: str, metrics: Sequence[str], group_by: Sequence[str], today: date
) -> MetricsRequest:
    """Validate raw tool arguments against `today` (the account's current date)."""
    start = _parse_day(start_date, "start_date")
    end = _parse_day(end_date, "end_date")
    if not metrics:
        raise RequestError(f"metrics is empty; ask for at least one of {list(METRICS)}.")
    _check_names(metrics, METRICS, "metric(s)")
    _check_names(group_by, GROUPINGS, "grouping(s)")
    _check_range(start, end, today)
    return MetricsRequest(start, end, tuple(dict.fromkeys(metrics)), frozenset(group_by))


def _add(total: list[int], day: Day) -> None:
    for i, value in enumerate(day):
        total[i] += value


def _values(total: list[int], metrics: tuple[str, ...]) -> Row:
    """Requested metrics of one summed row: money from cents to a 2-decimal number."""
    row: Row = {}
    for name in metrics:
        value = total[_COLUMN[name]]
        row[name] = value / 100 if name in _MONEY else value
    return row


def metric_rows(account: Account, request: MetricsRequest) -> list[Row]:
    """Rows for one account: one total row, or one per date and/or campaign, sorted."""
    by_date = "date" in request.group_by
    by_campaign = "campaign" in request.group_by
    span = (request.end - request.start).days + 1
    days: list[date | None] = (
        [request.start + timedelta(days=i) for i in range(span)] if by_date else [None] * span
    )
    sums: dict[tuple[date | None, str], list[int]] = {}
    for campaign in account.campaigns:
        key_campaign = campaign.campaign_id if by_campaign else ""
        series = campaign_series(campaign.campaign_id, request.start, request.end)
        for key_day, day in zip(days, series, strict=True):
            _add(sums.setdefault((key_day, key_campaign), [0] * len(METRICS)), day)
    if not sums:  # an account without campaigns still answers with a row of zeros
        sums[(None, "")] = [0] * len(METRICS)
    names = {c.campaign_id: c.name for c in account.campaigns}
    rows: list[Row] = []
    for (key_day, key_campaign), total in sorted(sums.items(), key=_sort_key):
        row: Row = {}
        if key_day is not None:
            row["date"] = key_day.isoformat()
        if by_campaign:
            row["campaign_id"] = key_campaign
            row["campaign_name"] = names[key_campaign]
        row.update(_values(total, request.metrics))
        rows.append(row)
    return rows


def _sort_key(item: tuple[tuple[date | None, str], list[int]]) -> tuple[int, str]:
    (key_day, key_campaign), _ = item
    return (key_day.toordinal() if key_day else 0, key_campaign)
