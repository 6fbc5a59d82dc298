"""Day x campaign rows folded into daily sums per tenant, account and campaign.

Everything downstream works on base-metric sums (`Sums`); ratios are computed from sums at
the last step (DESIGN §1), never averaged over days or campaigns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from libs.common import FetchedRows, MetricRow
from libs.common.arithmetic import Sums, add_into, total, zero_sums
from libs.common.rows import CampaignKey


def days_of(start: date, end: date) -> list[date]:
    """Every day from `start` to `end`, inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


Daily = dict[date, Sums]
"""Day -> sums; every day of the window is present (zero when nothing ran)."""


@dataclass(frozen=True)
class Series:
    """One window's daily sums: tenant total, per account and per campaign."""

    days: tuple[date, ...]
    total: Daily
    accounts: dict[str, Daily]
    campaigns: dict[CampaignKey, Daily]
    names: dict[CampaignKey, str] = field(default_factory=dict)

    def window(self, start: date, end: date) -> Series:
        """The part of this series from `start` to `end` (days outside it are dropped)."""
        kept = tuple(day for day in self.days if start <= day <= end)
        return Series(
            days=kept,
            total={day: self.total[day] for day in kept},
            accounts={k: {d: v[d] for d in kept} for k, v in self.accounts.items()},
            campaigns={k: {d: v[d] for d in kept} for k, v in self.campaigns.items()},
            names=self.names,
        )

    def sums(self) -> Sums:
        """The whole window's tenant total."""
        return total(self.total.values())

    def campaign_sums(self) -> dict[CampaignKey, Sums]:
        """Each campaign's window total."""
        return {key: total(daily.values()) for key, daily in self.campaigns.items()}


def _daily(days: Iterable[date]) -> Daily:
    return {day: zero_sums() for day in days}


def build_series(fetched: FetchedRows) -> Series:
    """Fold day x campaign rows into a `Series`; rows without a date cannot be placed and are
    left out (the contract promises day grain), campaign-less rows count in the totals only."""
    return build_timeline([fetched])


def build_timeline(windows: Sequence[FetchedRows]) -> Series:
    """One `Series` over every day the windows cover (a day no window covers is absent, never
    zero: nothing is known of it). A row two windows share counts once."""
    days = tuple(
        sorted({d for w in windows for d in days_of(w.date_range.start, w.date_range.end)})
    )
    series = Series(days=days, total=_daily(days), accounts={}, campaigns={})
    for window in windows:
        for account in window.accounts:
            series.accounts.setdefault(account.account_id, _daily(days))
    seen: set[tuple[str, str | None, date]] = set()
    for window in windows:
        for row in window.rows:
            if row.date is None or row.date not in series.total:
                continue
            key = (row.account_id, row.campaign_id, row.date)
            if key in seen:
                continue
            seen.add(key)
            _place(series, row, days)
    # The tenant's days from its accounts' (a few accounts, not every row a third time).
    for daily in series.accounts.values():
        for day, sums in daily.items():
            add_into(series.total[day], sums)
    return series


def _place(series: Series, row: MetricRow, days: tuple[date, ...]) -> None:
    assert row.date is not None
    if row.account_id not in series.accounts:
        series.accounts[row.account_id] = _daily(days)
    add_into(series.accounts[row.account_id][row.date], row.values)
    if row.campaign_id is None:
        return
    key = (row.account_id, row.campaign_id)
    if key not in series.campaigns:
        series.campaigns[key] = _daily(days)
        series.names[key] = row.campaign_name or row.campaign_id
    add_into(series.campaigns[key][row.date], row.values)
