"""The data a prompt carries: Decimal aggregates of the fetched rows, computed once.

Ratios are recomputed from sums (DESIGN §1), never averaged. `render` turns a view into
JSON at one level of detail; `grounding.given_figures` lists the figures an answer may quote
from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from libs.common import BASE_METRICS, RATIO_COMPONENTS, AyaError, FetchedRows, Metric, MetricRow
from libs.common.arithmetic import Sums
from libs.common.arithmetic import base_sums as sums_of
from libs.common.plan import DateRange
from libs.common.query import AnalysisJob
from libs.common.rows import CampaignKey

DEFAULT_TABLE_RATIOS = (Metric.ROAS, Metric.CPA)
"""Ratios shown per table line when the question names none; all ratios are in the totals."""


class PromptDataError(AyaError):
    """The rows cannot be put in one prompt as they are (e.g. money in several currencies)."""

    code = "prompt_data_invalid"


@dataclass(frozen=True)
class Campaign:
    """One campaign's sums for the period and, when compared, for the compare period."""

    key: CampaignKey
    name: str
    platform: str
    sums: Sums
    prev: Sums | None


@dataclass(frozen=True)
class WeekdayMean:
    """Mean per day over the history days that fall on one weekday (0 = Monday)."""

    weekday: int
    days: int
    mean: Sums


@dataclass(frozen=True)
class DataView:
    """Everything the data message can carry; a `Detail` chooses how much is rendered."""

    currency: str | None
    period: DateRange
    compare_period: DateRange | None
    base: tuple[Metric, ...]
    ratios: tuple[Metric, ...]
    totals: Sums
    compare_totals: Sums | None
    daily: list[tuple[date, Sums]]
    campaigns: list[Campaign]
    campaign_daily: dict[CampaignKey, list[tuple[date, Sums]]]
    history_period: DateRange | None
    baseline: list[WeekdayMean]
    notes: tuple[str, ...]


def build_view(job: AnalysisJob) -> DataView:
    """Aggregate the job's rows (period, compare period, history) into a `DataView`."""
    rows = job.rows.rows if job.rows else []
    compare = job.compare_rows
    fetched = [f for f in (job.rows, compare, job.history) if f is not None]
    prev_by_key = _by_campaign(compare.rows) if compare else {}
    return DataView(
        currency=_currency(fetched, job.query.currency),
        period=job.rows.date_range if job.rows else job.plan.date_range,
        compare_period=compare.date_range if compare else job.plan.compare_to,
        base=_base_metrics(fetched),
        ratios=_table_ratios(job.plan.metrics),
        totals=sums_of(rows),
        compare_totals=sums_of(compare.rows) if compare else None,
        daily=_by_date(rows),
        campaigns=_campaigns(job.rows, prev_by_key, compared=compare is not None),
        campaign_daily={key: _by_date(group) for key, group in _by_campaign(rows).items()},
        history_period=job.history.date_range if job.history else None,
        baseline=_baseline(job.history.rows) if job.history else [],
        notes=tuple(job.notes),
    )


def _currency(fetched: Sequence[FetchedRows], tenant_currency: str | None) -> str | None:
    currencies = sorted({account.currency for f in fetched for account in f.accounts})
    if len(currencies) > 1:
        # No FX rates here: summing money across currencies would be silently wrong.
        raise PromptDataError(f"accounts report in several currencies: {', '.join(currencies)}")
    return currencies[0] if currencies else tenant_currency


def _base_metrics(fetched: Sequence[FetchedRows]) -> tuple[Metric, ...]:
    present = {m for f in fetched for row in f.rows for m in row.values if m in BASE_METRICS}
    return tuple(sorted(present or BASE_METRICS))


def _table_ratios(asked: Sequence[Metric]) -> tuple[Metric, ...]:
    ratios = tuple(dict.fromkeys(m for m in asked if m in RATIO_COMPONENTS))
    return ratios or DEFAULT_TABLE_RATIOS


def _by_date(rows: Iterable[MetricRow]) -> list[tuple[date, Sums]]:
    groups: dict[date, list[MetricRow]] = defaultdict(list)
    for row in rows:
        if row.date is not None:
            groups[row.date].append(row)
    return [(day, sums_of(groups[day])) for day in sorted(groups)]


def _by_campaign(rows: Iterable[MetricRow]) -> dict[CampaignKey, list[MetricRow]]:
    groups: dict[CampaignKey, list[MetricRow]] = defaultdict(list)
    for row in rows:
        if row.campaign_id is not None:
            groups[(row.account_id, row.campaign_id)].append(row)
    return groups


def _campaigns(
    fetched: FetchedRows | None, prev: Mapping[CampaignKey, list[MetricRow]], *, compared: bool
) -> list[Campaign]:
    current = _by_campaign(fetched.rows) if fetched else {}
    platforms = {a.account_id: a.platform.value for a in fetched.accounts} if fetched else {}
    lines = []
    # Campaigns that only ran in the compare period stay in: stopping one can explain a drop.
    for key in current.keys() | prev.keys():
        rows = current.get(key, [])
        named = next((r.campaign_name for r in [*rows, *prev.get(key, [])] if r.campaign_name), "")
        sums = sums_of(rows)
        prev_sums = sums_of(prev.get(key, [])) if compared else None
        platform = platforms.get(key[0], "")
        lines.append(Campaign(key, named or key[1], platform, sums, prev_sums))
    lines.sort(key=_spend_order)
    return lines


def _spend_order(line: Campaign) -> tuple[Decimal, Decimal, str, str]:
    prev_spend = line.prev.get(Metric.SPEND, Decimal(0)) if line.prev else Decimal(0)
    return (-line.sums[Metric.SPEND], -prev_spend, line.name, line.key[1])


def _baseline(rows: Sequence[MetricRow]) -> list[WeekdayMean]:
    by_weekday: dict[int, list[Sums]] = defaultdict(list)
    for day, sums in _by_date(rows):
        by_weekday[day.weekday()].append(sums)
    baselines = []
    for weekday in sorted(by_weekday):
        days = by_weekday[weekday]
        total = {m: sum((s[m] for s in days), Decimal(0)) for m in days[0]}
        baselines.append(
            WeekdayMean(weekday, len(days), {m: v / len(days) for m, v in total.items()})
        )
    return baselines
