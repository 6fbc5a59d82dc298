"""Builders for the analyst tests: AnalysisJobs from the sample generator, or rows by hand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from lemanado_sample import anomalies
from lemanado_sample.catalog import tenant
from lemanado_sample.generator import campaign_series
from libs.common import AccountRef, DateRange, FetchedRows, Metric, MetricRow, QueryPlan
from libs.common.query import AnalysisJob, Query
from libs.common.rows import CampaignRef
from services.inference.analyst.analyse import examine
from services.inference.analyst.anomaly import Anomaly
from services.inference.analyst.wording import merge_runs

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


@dataclass(frozen=True)
class WeekScan:
    """What the analyst flagged in one clean week of one tenant, as the answer shows it."""

    tenant_id: str
    start: date
    alarms: tuple[Anomaly, ...]
    seasonal: tuple[Anomaly, ...]


def clean_week_scans(first: date = date(2025, 2, 3), last: date = AS_OF) -> list[WeekScan]:
    """Every Monday-Sunday week of every demo tenant from `first` (4 weeks of data before it)
    to `last` that no injected anomaly touches, scanned as an "anything unusual last week?"
    question would be: the week against the 4 weeks before it, with the campaigns' status.
    Findings are counted as the answer shows them (consecutive days of one event are one line);
    those inside a calendar event (Black Friday weekend, the year-end holidays) are seasonal."""
    scans = []
    for tenant_id in (NWO, HEL):
        everything = sample_rows(tenant_id, first - timedelta(days=HISTORY_DAYS), last)
        statuses = campaign_refs(tenant_id)
        injected = [a for a in anomalies() if a.tenant_id == tenant_id]
        start = first
        while start + timedelta(days=6) <= last:
            end = start + timedelta(days=6)
            if not any(a.start <= end and a.end >= start for a in injected):
                job = AnalysisJob(
                    query=Query(text="Anything unusual last week?"),
                    plan=make_plan(start, end),
                    rows=_slice(everything, start, end),
                    history=_slice(
                        everything, start - timedelta(days=HISTORY_DAYS), start - timedelta(days=1)
                    ),
                    campaigns=statuses,
                )
                scans.append(_week_scan(tenant_id, start, job))
            start += timedelta(days=7)
    return scans


def _week_scan(tenant_id: str, start: date, job: AnalysisJob) -> WeekScan:
    analysis = examine(job)
    assert analysis is not None
    found = analysis.scan.anomalies
    lines = merge_runs(sorted(found, key=lambda x: (x.period, x.scope, x.kind, x.metric, x.start)))
    return WeekScan(
        tenant_id,
        start,
        tuple(a for a in lines if a.season is None),
        tuple(a for a in lines if a.season is not None),
    )


def _slice(fetched: FetchedRows, start: date, end: date) -> FetchedRows:
    """The rows of `start`..`end` (inclusive), as if fetched for that window."""
    rows = [r for r in fetched.rows if r.date is not None and start <= r.date <= end]
    return fetched.model_copy(update={"date_range": DateRange(start=start, end=end), "rows": rows})


def campaign_refs(tenant_id: str) -> list[CampaignRef]:
    """The demo tenant's campaigns with their status, as `list_campaigns` lists them."""
    return [
        CampaignRef(
            account_id=a.account_id, campaign_id=c.campaign_id, name=c.name, status=c.status
        )
        for a in tenant(tenant_id).accounts
        for c in a.campaigns
    ]
