"""get_metrics without I/O: validate a request, then sum cached campaign-days into rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from lemanado_sample.catalog import DATA_START, Account
from lemanado_sample.generator import campaign_columns, campaign_series, campaign_totals

METRICS = ("spend", "impressions", "clicks", "conversions", "conversion_value")
GROUPINGS = ("date", "campaign")
MAX_DAYS = 400
_MONEY = frozenset({"spend", "conversion_value"})
_COLUMN = {name: i for i, name in enumerate(METRICS)}  # same order as the Day fields

Row = dict[str, Any]
"""A result row: str keys (date, campaign_id, campaign_name), int counts, float money."""


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


def _values(totals: Sequence[int], metrics: tuple[str, ...]) -> Row:
    """Requested metrics of one summed row: money from cents to a 2-decimal number."""
    return {m: totals[_COLUMN[m]] / 100 if m in _MONEY else totals[_COLUMN[m]] for m in metrics}


def _days(request: MetricsRequest) -> list[str]:
    span = (request.end - request.start).days + 1
    return [(request.start + timedelta(days=i)).isoformat() for i in range(span)]


def _totals(account: Account, request: MetricsRequest) -> list[Row]:
    sums = [0] * len(METRICS)
    for campaign in account.campaigns:
        for i, value in enumerate(
            campaign_totals(campaign.campaign_id, request.start, request.end)
        ):
            sums[i] += value
    return [_values(sums, request.metrics)]


def _by_campaign(account: Account, request: MetricsRequest) -> list[Row]:
    return [
        {
            "campaign_id": c.campaign_id,
            "campaign_name": c.name,
            **_values(campaign_totals(c.campaign_id, request.start, request.end), request.metrics),
        }
        for c in sorted(account.campaigns, key=lambda c: c.campaign_id)
    ]


def _by_date(account: Account, request: MetricsRequest) -> list[Row]:
    per_campaign = [
        campaign_columns(c.campaign_id, request.start, request.end) for c in account.campaigns
    ]
    # Per metric, add the campaigns' daily columns element-wise (in C, via zip and sum).
    summed = [
        [sum(day) for day in zip(*(cols[i] for cols in per_campaign), strict=True)]
        for i in range(len(METRICS))
    ]
    if not per_campaign:
        summed = [[0] * len(_days(request)) for _ in METRICS]
    return [
        {"date": day, **_values(totals, request.metrics)}
        for day, totals in zip(_days(request), zip(*summed, strict=True), strict=True)
    ]


def _by_date_and_campaign(account: Account, request: MetricsRequest) -> list[Row]:
    days = _days(request)
    campaigns = sorted(account.campaigns, key=lambda c: c.campaign_id)
    series = [campaign_series(c.campaign_id, request.start, request.end) for c in campaigns]
    return [
        {
            "date": day,
            "campaign_id": campaign.campaign_id,
            "campaign_name": campaign.name,
            **_values(days_of[index], request.metrics),
        }
        for index, day in enumerate(days)
        for campaign, days_of in zip(campaigns, series, strict=True)
    ]


def metric_rows(account: Account, request: MetricsRequest) -> list[Row]:
    """Rows for one account: one total row, or one per date and/or campaign, sorted.

    Money is summed in integer cents before conversion, so grouped rows add up to the totals.
    """
    by_date, by_campaign = "date" in request.group_by, "campaign" in request.group_by
    if by_date and by_campaign:
        return _by_date_and_campaign(account, request)
    if by_date:
        return _by_date(account, request)
    if by_campaign:
        return _by_campaign(account, request)
    return _totals(account, request)
