"""Builders for data_fetch unit tests: small plans, accounts and rows written by hand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from libs.common import AccountRef, FetchedRows, Metric, MetricRow, Platform, QueryPlan
from libs.common.plan import DateRange

AS_OF = date(2026, 11, 16)
WEEK = DateRange(start=date(2026, 11, 9), end=date(2026, 11, 15))
PREVIOUS_WEEK = DateRange(start=date(2026, 11, 2), end=date(2026, 11, 8))
FETCHED_AT = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)

META = AccountRef(
    account_id="meta-1", platform=Platform.META_ADS, name="Northwind Social", currency="USD"
)
GOOGLE = AccountRef(
    account_id="gads-1", platform=Platform.GOOGLE_ADS, name="Northwind Search", currency="USD"
)


def make_plan(**fields: Any) -> QueryPlan:
    """A direct plan for last week unless told otherwise."""
    base: dict[str, Any] = {
        "route": "direct",
        "intent": "lookup",
        "date_range": WEEK,
        "as_of": AS_OF,
    }
    return QueryPlan.model_validate({**base, **fields})


def make_row(
    account: AccountRef = META,
    *,
    day: date | None = None,
    campaign: str | None = None,
    spend: str | int = 0,
    impressions: int = 0,
    clicks: int = 0,
    conversions: int | str = 0,
    value: str | int = 0,
) -> MetricRow:
    """One row; `campaign` is the name, its id derived from it."""
    values = {
        Metric.SPEND: Decimal(spend),
        Metric.IMPRESSIONS: Decimal(impressions),
        Metric.CLICKS: Decimal(clicks),
        Metric.CONVERSIONS: Decimal(conversions),
        Metric.CONVERSION_VALUE: Decimal(value),
    }
    campaign_id = f"c-{campaign.casefold().replace(' ', '-')}" if campaign else None
    return MetricRow(
        account_id=account.account_id,
        date=day,
        campaign_id=campaign_id,
        campaign_name=campaign,
        values=values,
    )


def make_fetched(
    rows: Iterable[MetricRow],
    accounts: Sequence[AccountRef] = (META, GOOGLE),
    period: DateRange = WEEK,
) -> FetchedRows:
    """FetchedRows over `period` for `accounts`."""
    return FetchedRows(
        date_range=period, accounts=list(accounts), rows=list(rows), fetched_at=FETCHED_AT
    )
