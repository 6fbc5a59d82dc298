"""Answering a model's `get_metrics` call: the tenant's accounts only, rows summed across them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from libs.common import DateRange, FetchedRows, Metric, MetricRow
from libs.common.fetch import FetchReply, FetchRequest
from libs.common.presentation import to_json_number
from services.data_fetch.exclusions import leave_out, note, with_campaigns
from services.data_fetch.fetch import AccountDirectory, fetch_rows
from services.data_fetch.mcp_client import LemanadoPool


async def answer_fetch(
    tenant_id: str,
    request: FetchRequest,
    pool: LemanadoPool,
    directory: AccountDirectory,
    excluded: Sequence[str] = (),
) -> FetchReply:
    """Fetch and sum, without the campaigns the tenant leaves out; an unconnected platform is
    an empty answer that says so, not zeros."""
    accounts = [
        a
        for a in await directory.accounts(tenant_id)
        if not request.platforms or a.platform in request.platforms
    ]
    if not accounts:
        return FetchReply(rows=[], accounts=[], currency=None)
    period = DateRange(start=request.start_date, end=request.end_date)
    grain = with_campaigns(request.group_by, excluded)
    fetched = await fetch_rows(directory, tenant_id, accounts, period, request.metrics, grain)
    fetched, dropped = leave_out(fetched, excluded)
    currencies = {a.currency for a in accounts}
    return FetchReply(
        currency=currencies.pop() if len(currencies) == 1 else None,
        accounts=[a.account_id for a in accounts],
        rows=summed(fetched, request.metrics, by_campaign="campaign" in request.group_by),
        notes=note(dropped),
    )


def summed(
    fetched: FetchedRows, metrics: list[Metric], *, by_campaign: bool = True
) -> list[dict[str, Any]]:
    """Rows summed per (date, campaign) across accounts — per date only unless `by_campaign`
    (rows fetched by campaign to leave some out) — sorted, values as JSON numbers."""
    totals: dict[tuple[str, str], dict[Metric, Decimal]] = defaultdict(
        lambda: dict.fromkeys(metrics, Decimal(0))
    )
    names: dict[str, str] = {}
    for row in fetched.rows:
        campaign = row.campaign_id if by_campaign else None
        key = (row.date.isoformat() if row.date else "", campaign or "")
        _add(totals[key], row, metrics)
        if row.campaign_id and row.campaign_name:
            names[row.campaign_id] = row.campaign_name
    rows = []
    for (day, campaign), values in sorted(totals.items()):
        shaped: dict[str, Any] = {}
        if day:
            shaped["date"] = day
        if campaign:
            shaped["campaign_id"] = campaign
            shaped["campaign_name"] = names.get(campaign, campaign)
        shaped.update({m.value: to_json_number(values[m]) for m in metrics})
        rows.append(shaped)
    return rows


def _add(into: dict[Metric, Decimal], row: MetricRow, metrics: list[Metric]) -> None:
    for metric in metrics:
        into[metric] += row.values.get(metric, Decimal(0))
