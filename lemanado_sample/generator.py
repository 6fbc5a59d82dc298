"""Deterministic daily metrics per campaign, coherent by construction.

A day's numbers depend only on (campaign, date): every random draw is a blake2b hash of
"campaign_id|date|stream", never Python's hash() or global random state, so the value of a
past day never changes when "today" moves, on any machine, in any call order.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from lemanado_sample.anomalies import AnomalyKind, anomalies_for
from lemanado_sample.catalog import DATA_START, Campaign, campaigns_by_id
from lemanado_sample.seasons import demand


class Day(NamedTuple):
    """One campaign-day; money in integer cents of the account's currency."""

    spend_cents: int
    impressions: int
    clicks: int
    conversions: int
    value_cents: int


ZERO = Day(0, 0, 0, 0, 0)


def unit(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) derived from `parts`."""
    key = "|".join(str(p) for p in parts).encode()
    digest = hashlib.blake2b(key, digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _between(lo: float, hi: float, u: float) -> float:
    return lo + (hi - lo) * u


def _jitter(campaign_id: str, day: date, stream: str, spread: float) -> float:
    """A day-level multiplier in [1 - spread, 1 + spread]."""
    return 1.0 + spread * (2.0 * unit(campaign_id, day, stream) - 1.0)


class _Profile(NamedTuple):
    """A campaign's constants, drawn once from its id."""

    budget_cents: float
    growth: float
    cpc_cents: float
    ctr: float
    cvr: float
    order_cents: float


@lru_cache(maxsize=256)
def _profile(campaign_id: str) -> _Profile:
    eco = campaigns_by_id()[campaign_id].economics
    return _Profile(
        budget_cents=_between(*eco.budget_cents, unit(campaign_id, "budget")),
        growth=_between(-0.2, 0.4, unit(campaign_id, "trend")),
        cpc_cents=_between(*eco.cpc_cents, unit(campaign_id, "cpc")),
        ctr=_between(*eco.ctr, unit(campaign_id, "ctr")),
        cvr=_between(*eco.cvr, unit(campaign_id, "cvr")),
        order_cents=_between(*eco.value_cents, unit(campaign_id, "aov")),
    )


def _budget_cents(campaign_id: str, profile: _Profile, day: date) -> float:
    """Base budget x yearly trend x a quarterly budget decision (steps on quarter starts)."""
    years = (day - DATA_START).days / 365.0
    quarter = (day.year - DATA_START.year) * 4 + (day.month - 1) // 3
    step = _between(0.75, 1.25, unit(campaign_id, "quarter", quarter))
    return profile.budget_cents * max(0.3, 1.0 + profile.growth * years) * step


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def _anomaly_factors(campaign: Campaign, day: date) -> tuple[float, float, bool] | None:
    """(spend, conversion-rate, tracking-works) multipliers, or None when paused."""
    spend, rate, tracked = 1.0, 1.0, True
    for anomaly in anomalies_for(campaign.campaign_id):
        if not anomaly.covers(campaign.campaign_id, campaign.account_id, day):
            continue
        if anomaly.kind is AnomalyKind.PAUSED_RESUMED:
            return None
        if anomaly.kind is AnomalyKind.SPEND_SPIKE:
            spend *= anomaly.magnitude
        elif anomaly.kind is AnomalyKind.CONVERSION_DROP:
            rate *= anomaly.magnitude
        else:
            tracked = False
    return spend, rate, tracked


def generate_day(campaign: Campaign, day: date) -> Day:
    """The metrics of one campaign on one day (uncached; see `campaign_day`)."""
    if day < campaign.start or (campaign.end is not None and day > campaign.end):
        return ZERO
    factors = _anomaly_factors(campaign, day)
    if factors is None:
        return ZERO
    spike, rate_factor, tracked = factors
    cid, eco, profile = campaign.campaign_id, campaign.economics, _profile(campaign.campaign_id)
    volume, season_rate = demand(day, b2b=campaign.b2b)
    target = _budget_cents(cid, profile, day) * volume * spike * _jitter(cid, day, "spend", 0.12)
    # Each day's CPC and CTR stay inside the kind's range, so spend matches the platform.
    cpc = round(_clamp(profile.cpc_cents * _jitter(cid, day, "cpc", 0.1), eco.cpc_cents))
    ctr = _clamp(profile.ctr * _jitter(cid, day, "ctr", 0.1), eco.ctr)
    clicks = round(target / cpc)
    impressions = max(clicks, round(target / cpc / ctr))
    if not tracked:
        return Day(clicks * cpc, impressions, clicks, 0, 0)
    cvr = profile.cvr * season_rate * rate_factor * _jitter(cid, day, "cvr", 0.2)
    # Stochastic rounding keeps small campaigns' conversions unbiased over a month.
    conversions = min(clicks, int(clicks * cvr + unit(cid, day, "round")))
    order = _clamp(profile.order_cents * _jitter(cid, day, "aov", 0.1), eco.value_cents)
    return Day(clicks * cpc, impressions, clicks, conversions, round(conversions * order))


class _Year(NamedTuple):
    """One campaign-year: the days, the same as columns, and running totals per column."""

    days: tuple[Day, ...]
    columns: tuple[tuple[int, ...], ...]
    prefix: tuple[tuple[int, ...], ...]
    """prefix[m][i] = sum of column m over the first i days, so any range sums in O(1)."""


@lru_cache(maxsize=1024)
def _year(campaign_id: str, year: int) -> _Year:
    """All days of one campaign-year; the cache bounds memory to a few MB."""
    campaign = campaigns_by_id()[campaign_id]
    first, days = date(year, 1, 1), (date(year + 1, 1, 1) - date(year, 1, 1)).days
    rows = tuple(generate_day(campaign, first + timedelta(days=i)) for i in range(days))
    columns = tuple(zip(*rows, strict=True))
    prefix = tuple((0, *accumulate(column)) for column in columns)
    return _Year(rows, columns, prefix)


def _pieces(start: date, end: date) -> list[tuple[int, int, int]]:
    """(year, first index, stop index) slices covering start..end inclusive."""
    pieces = []
    for year in range(start.year, end.year + 1):
        first = start if year == start.year else date(year, 1, 1)
        last = end if year == end.year else date(year, 12, 31)
        pieces.append((year, first.timetuple().tm_yday - 1, last.timetuple().tm_yday))
    return pieces


def campaign_day(campaign_id: str, day: date) -> Day:
    """The cached metrics of one campaign-day."""
    return _year(campaign_id, day.year).days[day.timetuple().tm_yday - 1]


def campaign_series(campaign_id: str, start: date, end: date) -> list[Day]:
    """The cached metrics of one campaign for each day from `start` to `end`, inclusive."""
    series: list[Day] = []
    for year, lo, hi in _pieces(start, end):
        series.extend(_year(campaign_id, year).days[lo:hi])
    return series


def campaign_columns(campaign_id: str, start: date, end: date) -> list[list[int]]:
    """Per metric (Day field order), the daily values from `start` to `end`, inclusive."""
    columns: list[list[int]] = [[] for _ in Day._fields]
    for year, lo, hi in _pieces(start, end):
        for column, cached in zip(columns, _year(campaign_id, year).columns, strict=True):
            column.extend(cached[lo:hi])
    return columns


def campaign_totals(campaign_id: str, start: date, end: date) -> list[int]:
    """Per metric (Day field order), the sum from `start` to `end`, from running totals."""
    totals = [0] * len(Day._fields)
    for year, lo, hi in _pieces(start, end):
        for i, prefix in enumerate(_year(campaign_id, year).prefix):
            totals[i] += prefix[hi] - prefix[lo]
    return totals
