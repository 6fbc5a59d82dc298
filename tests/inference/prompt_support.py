"""Synthetic analysis jobs for the prompt tests: N campaigns x D days, deterministic values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from libs.common import AccountRef, FetchedRows, Intent, Metric, MetricRow, Platform, QueryPlan
from libs.common.plan import DateRange
from libs.common.query import AnalysisJob, Query
from libs.common.vocab import Route, Tier

AS_OF = dt.date(2026, 11, 16)
PERIOD = DateRange(start=dt.date(2026, 11, 9), end=dt.date(2026, 11, 15))
ACCOUNTS = [
    AccountRef(account_id="gads-1", platform=Platform.GOOGLE_ADS, name="Search", currency="USD"),
    AccountRef(account_id="meta-1", platform=Platform.META_ADS, name="Social", currency="USD"),
]


def campaign_rows(
    start: dt.date, days: int, campaigns: int, names: dict[int, str] | None = None, scale: int = 1
) -> list[MetricRow]:
    """Day x campaign rows; campaign i spends roughly in proportion to (campaigns - i)."""
    rows = []
    for c in range(campaigns):
        for d in range(days):
            day = start + dt.timedelta(days=d)
            spend = Decimal((campaigns - c) * 37 + d * 3 + 11) * scale / 7
            values = {
                Metric.SPEND: spend.quantize(Decimal("0.01")),
                Metric.IMPRESSIONS: Decimal((campaigns - c) * 900 + d * 17),
                Metric.CLICKS: Decimal((campaigns - c) * 21 + d),
                Metric.CONVERSIONS: Decimal((campaigns - c) + d % 3),
                Metric.CONVERSION_VALUE: (spend * Decimal("3.1") - d).quantize(Decimal("0.01")),
            }
            name = (names or {}).get(c, f"Campaign {c:03d}")
            account = ACCOUNTS[c % 2].account_id
            rows.append(
                MetricRow(
                    account_id=account,
                    date=day,
                    campaign_id=f"cmp-{c}",
                    campaign_name=name,
                    values=values,
                )
            )
    return rows


def fetched(start: dt.date, days: int, rows: list[MetricRow]) -> FetchedRows:
    """FetchedRows for `days` days from `start`."""
    return FetchedRows(
        date_range=DateRange(start=start, end=start + dt.timedelta(days=days - 1)),
        accounts=ACCOUNTS,
        rows=rows,
        fetched_at=dt.datetime(2026, 11, 16, 8, tzinfo=dt.UTC),
    )


def make_job(
    *,
    campaigns: int = 5,
    days: int = 7,
    text: str = "Why did ROAS drop last week?",
    intent: Intent = Intent.DIAGNOSIS,
    compare: bool = True,
    history_weeks: int = 0,
    names: dict[int, str] | None = None,
) -> AnalysisJob:
    """An analysis job over `campaigns` x `days` from PERIOD.start, with optional extras."""
    start = PERIOD.start
    period = DateRange(start=start, end=start + dt.timedelta(days=days - 1))
    before = start - dt.timedelta(days=days)
    plan = QueryPlan(
        route=Route.ANALYSIS,
        tier=Tier.MEDIUM,
        intent=intent,
        metrics=[Metric.ROAS],
        date_range=period,
        compare_to=DateRange(start=before, end=start - dt.timedelta(days=1)) if compare else None,
        as_of=AS_OF,
    )
    history_start = start - dt.timedelta(days=7 * history_weeks)
    return AnalysisJob(
        query=Query(text=text, currency="USD"),
        plan=plan,
        rows=fetched(start, days, campaign_rows(start, days, campaigns, names)),
        compare_rows=(
            fetched(before, days, campaign_rows(before, days, campaigns, names, scale=2))
            if compare
            else None
        ),
        history=(
            fetched(
                history_start, 7 * history_weeks, campaign_rows(history_start, 7 * history_weeks, 3)
            )
            if history_weeks
            else None
        ),
    )
