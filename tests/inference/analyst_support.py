"""Builders for the analyst tests: AnalysisJobs from the sample generator, or rows by hand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from lemanado_sample.catalog import tenant
from lemanado_sample.generator import campaign_series
from libs.common import AccountRef, DateRange, FetchedRows, Metric, MetricRow, QueryPlan
from libs.common.query import AnalysisJob, Query

NWO, HEL = "northwind-outfitters", "helio-analytics"
AS_OF = date(2026, 11, 22)
FETCHED_AT = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
HISTORY_DAYS = 28
_CENT = Decimal("0.01")


def sample_rows(tenant_id: str, start: date, end: date) -> FetchedRows:
    """Day x campaign rows of every account of a demo tenant, as data_fetch would pass them."""
    found = tenant(tenant_id)
    rows: list[MetricRow] = []
    for account in found.accounts:
        for campaign in account.campaigns:
            days = campaign_series(campaign.campaign_id, start, end)
            for offset, day in enumerate(days):
                rows.append(
                    MetricRow(
                        account_id=account.account_id,
                        date=start + timedelta(days=offset),
                        campaign_id=campaign.campaign_id,
                        campaign_name=campaign.name,
                        values={
                            Metric.SPEND: Decimal(day.spend_cents) * _CENT,
                            Metric.IMPRESSIONS: Decimal(day.impressions),
                            Metric.CLICKS: Decimal(day.clicks),
                            Metric.CONVERSIONS: Decimal(day.conversions),
                            Metric.CONVERSION_VALUE: Decimal(day.value_cents) * _CENT,
                        },
                    )
                )
    accounts = [
        AccountRef(
            account_id=a.account_id,
            platform=a.platform,
            name=a.name,
            currency=a.currency,
            timezone=a.timezone,
        )
        for a in found.accounts
    ]
    return FetchedRows(
        date_range=DateRange(start=start, end=end),
        accounts=accounts,
        rows=rows,
        fetched_at=FETCHED_AT,
    )


def make_plan(start: date, end: date, **fields: Any) -> QueryPlan:
    """An analysis plan for start..end (anomaly intent unless told otherwise)."""
    base: dict[str, Any] = {
        "route": "analysis",
        "tier": "medium",
        "intent": "anomaly",
        "date_range": DateRange(start=start, end=end),
        "as_of": AS_OF,
    }
    return QueryPlan.model_validate({**base, **fields})


def sample_job(
    tenant_id: str,
    start: date,
    end: date,
    *,
    text: str = "What happened and what should I do?",
    notes: Iterable[str] = (),
    **plan_fields: Any,
) -> AnalysisJob:
    """A job for a demo tenant over start..end with the 28 days before it as history."""
    plan = make_plan(start, end, **plan_fields)
    history_end = start - timedelta(days=1)
    history_start = history_end - timedelta(days=HISTORY_DAYS - 1)
    observed_end = min(end, plan.as_of)
    return AnalysisJob(
        query=Query(text=text),
        plan=plan,
        rows=sample_rows(tenant_id, start, observed_end) if start <= observed_end else None,
        history=sample_rows(tenant_id, history_start, min(history_end, plan.as_of)),
        notes=list(notes),
    )


def hand_account(account_id: str = "acct-1", currency: str = "USD") -> AccountRef:
    """A hand-made account for constructed rows."""
    return AccountRef(
        account_id=account_id, platform="google_ads", name="Hand Account", currency=currency
    )


def hand_row(
    day: date,
    campaign: str,
    spend: str,
    impressions: int,
    clicks: int,
    conversions: int,
    value: str,
) -> MetricRow:
    """One constructed day x campaign row of `hand_account()`."""
    return MetricRow(
        account_id="acct-1",
        date=day,
        campaign_id=f"c-{campaign}",
        campaign_name=campaign,
        values={
            Metric.SPEND: Decimal(spend),
            Metric.IMPRESSIONS: Decimal(impressions),
            Metric.CLICKS: Decimal(clicks),
            Metric.CONVERSIONS: Decimal(conversions),
            Metric.CONVERSION_VALUE: Decimal(value),
        },
    )


def hand_fetched(start: date, end: date, rows: list[MetricRow]) -> FetchedRows:
    """FetchedRows of `hand_account()` over start..end."""
    return FetchedRows(
        date_range=DateRange(start=start, end=end),
        accounts=[hand_account()],
        rows=rows,
        fetched_at=FETCHED_AT,
    )
