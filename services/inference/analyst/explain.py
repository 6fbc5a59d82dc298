"""Root causes of a change: who moved it (the decomposition), on which days, and whether an
anomaly the scan found explains it.

- The scope behind a change is its top campaign, or its top account when the account moved the
  total more than twice as much as any one of its campaigns (an account-wide event: a tag that
  broke, a billing stop).
- The days it happened are the asked days where that scope was furthest from its comparison
  in the change's direction: for a base metric, the day's value against the comparison's mean
  on the same weekday (or its daily mean); for a ratio k·N/D, the day's numerator against what
  its denominator would bring at the comparison's ratio (so a day counts by its volume). At most
  three days, each at least 30 % of the largest such gap.
- An anomaly explains the change when its scope contains or lies in one of the top movers and
  its kind moves the metric the way the total went (a tracking outage lowers conversions, value
  and ROAS and raises CPA; an anomaly in the comparison period moves it the other way).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from libs.common import RATIO_COMPONENTS, Metric
from libs.common.arithmetic import metric_value as value
from libs.common.arithmetic import total
from services.inference.analyst.anomaly import (
    ASKED,
    COMPARED,
    TENANT,
    Anomaly,
    AnomalyKind,
    ScopeId,
)
from services.inference.analyst.breaks import parent_scopes
from services.inference.analyst.decompose import Decomposition, Part
from services.inference.analyst.series import Daily, Series

MAX_DAYS = 3
DAY_SHARE = Decimal("0.3")
ACCOUNT_OVER_CAMPAIGN = 2
TOP_MOVERS = 3
_M = Metric


@dataclass(frozen=True)
class DayGap:
    """One day where the change happened: the scope's value then and what was expected."""

    day: date
    value: Decimal | None
    expected: Decimal | None


@dataclass(frozen=True)
class Why:
    """One metric's change, its movers, the days it happened and the anomalies behind it."""

    decomposition: Decomposition
    scope: ScopeId
    days: tuple[DayGap, ...]
    explained_by: tuple[Anomaly, ...]
    asked: int | None = None
    """The direction the question assumed (+1 up, -1 down), when it said one."""
    against: tuple[Anomaly, ...] = ()
    """When the metric went the other way than asked: anomalies that pushed it the asked way."""

    @property
    def contradicts(self) -> bool:
        """The question assumed a move the data does not show."""
        change = self.decomposition.change
        return self.asked is not None and (change == 0 or (change > 0) != (self.asked > 0))


_UP = re.compile(
    r"\b(?:jump\w*|rise|rose|risen|rising|up|increase\w*|spike\w*|surg\w*|grow\w*|grew"
    r"|higher|soar\w*|skyrocket\w*|climb\w*|went up|go up|so high)\b",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"\b(?:drop\w*|fall|fell|fallen|falling|down|decrease\w*|declin\w*|lower|dip\w*|plung\w*"
    r"|plummet\w*|tank\w*|crash\w*|shrank|shrink\w*|so low)\b",
    re.IGNORECASE,
)


def asked_direction(question: str) -> int | None:
    """+1 when the question assumes a rise ("why did spend jump"), -1 a fall, None neither."""
    up, down = bool(_UP.search(question)), bool(_DOWN.search(question))
    if up == down:
        return None
    return 1 if up else -1


def explain(
    decomposition: Decomposition,
    current: Series,
    base: Series | None,
    anomalies: Sequence[Anomaly],
    asked: int | None = None,
) -> Why:
    """Why `decomposition`'s metric changed (see the module's rules)."""
    scope = mover(decomposition)
    days: tuple[DayGap, ...] = ()
    if scope is not None and decomposition.change:
        days = change_days(decomposition, scope, current, base)
    movers = _movers(decomposition)
    metric = decomposition.metric
    direction = 1 if decomposition.change > 0 else -1
    found = tuple(
        a for a in anomalies if decomposition.change and explains(a, metric, direction, movers)
    )
    why = Why(decomposition, scope or TENANT, days, found, asked)
    if why.contradicts and asked is not None:
        pushed = tuple(a for a in anomalies if a.period == ASKED and moves(a).get(metric) == asked)
        why = replace(why, against=pushed)
    return why


def mover(d: Decomposition) -> ScopeId | None:
    """The scope behind most of the change: its top campaign, or its account when that is an
    account-wide move."""
    campaigns, accounts = d.top("campaign", 1), d.top("account", 1)
    if not campaigns and not accounts:
        return None
    if not campaigns:
        return accounts[0].key
    campaign = campaigns[0]
    if accounts and _share(accounts[0]) > ACCOUNT_OVER_CAMPAIGN * _share(campaign):
        return accounts[0].key
    return campaign.key


def _share(part: Part) -> Decimal:
    return part.share or Decimal(0)


def _movers(d: Decomposition) -> list[ScopeId]:
    return [p.key for level in ("campaign", "account") for p in d.top(level, TOP_MOVERS)]


def change_days(
    d: Decomposition, scope: ScopeId, current: Series, base: Series | None
) -> tuple[DayGap, ...]:
    """The asked days where `scope` moved most in the change's direction."""
    now = _daily(current, scope)
    if now is None:
        return ()
    before = _daily(base, scope) if base is not None else None
    gaps = _gaps(d.metric, now, current.days, before, base.days if base else (), d)
    sign = 1 if d.change > 0 else -1
    moved = sorted(((sign * gap, day) for day, gap in gaps.items() if sign * gap > 0), reverse=True)
    if not moved:
        return ()
    largest = moved[0][0]
    kept = sorted(day for gap, day in moved[:MAX_DAYS] if gap >= DAY_SHARE * largest)
    expected = _expected_values(d.metric, before, base.days if base else (), kept, scope, d)
    return tuple(DayGap(day, value(d.metric, now[day]), expected.get(day)) for day in kept)


def _daily(series: Series | None, scope: ScopeId) -> Daily | None:
    if series is None:
        return None
    if scope == TENANT:
        return series.total
    if scope[1] == "":
        return series.accounts.get(scope[0])
    return series.campaigns.get(scope)


def _gaps(
    metric: Metric,
    now: Daily,
    days: Sequence[date],
    before: Daily | None,
    base_days: Sequence[date],
    d: Decomposition,
) -> dict[date, Decimal]:
    if metric in RATIO_COMPONENTS:
        numerator, denominator, scale = RATIO_COMPONENTS[metric]
        rate = _base_ratio(metric, before, base_days, d)
        if rate is None:
            return {}
        return {day: now[day][numerator] - rate / scale * now[day][denominator] for day in days}
    if before is None or not base_days:
        return {}
    return {day: now[day][metric] - _weekday_mean(metric, before, base_days, day) for day in days}


def _base_ratio(
    metric: Metric, before: Daily | None, base_days: Sequence[date], d: Decomposition
) -> Decimal | None:
    if before is not None and base_days:
        found = value(metric, total(before[day] for day in base_days))
        if found is not None:
            return found
    return d.base


def _weekday_mean(metric: Metric, before: Daily, base_days: Sequence[date], day: date) -> Decimal:
    same = [b for b in base_days if b.weekday() == day.weekday()] or list(base_days)
    return sum((before[b][metric] for b in same), Decimal(0)) / len(same)


def _expected_values(
    metric: Metric,
    before: Daily | None,
    base_days: Sequence[date],
    days: Iterable[date],
    scope: ScopeId,
    d: Decomposition,
) -> dict[date, Decimal | None]:
    if metric in RATIO_COMPONENTS:
        rate = _base_ratio(metric, before, base_days, d)
        return dict.fromkeys(days, rate)
    if before is None or not base_days:
        return {}
    return {day: _weekday_mean(metric, before, base_days, day) for day in days}


_CONVERSION_SIDE = (_M.CONVERSIONS, _M.CONVERSION_VALUE, _M.ROAS)
_VOLUME = (_M.SPEND, _M.IMPRESSIONS, _M.CLICKS, _M.CONVERSIONS, _M.CONVERSION_VALUE)
_EITHER = 0


def moves(anomaly: Anomaly) -> dict[Metric, int]:
    """How an anomaly moves each metric it touches: +1 up, -1 down, 0 either way."""
    flip = -1 if anomaly.period == COMPARED else 1
    kind = anomaly.kind
    if kind is AnomalyKind.TRACKING_OUTAGE:
        found = {m: -1 for m in _CONVERSION_SIDE} | {_M.CPA: 1}
    elif kind is AnomalyKind.PAUSED:
        found = {m: -1 for m in _VOLUME} | {m: _EITHER for m in RATIO_COMPONENTS}
    elif kind is AnomalyKind.CONVERSION_RATE:
        way = 1 if anomaly.value > anomaly.expected else -1
        found = {m: way for m in _CONVERSION_SIDE} | {_M.CPA: -way}
    else:
        way = 1 if kind is AnomalyKind.SPIKE else -1
        found = {m: way for m in (anomaly.metric, *anomaly.related)}
        if anomaly.metric is _M.SPEND:
            found |= {m: way for m in _VOLUME} | {m: _EITHER for m in RATIO_COMPONENTS}
    return {m: way * flip for m, way in found.items()}


def explains(anomaly: Anomaly, metric: Metric, direction: int, movers: Iterable[ScopeId]) -> bool:
    """Whether `anomaly` can account for `metric` moving in `direction` through `movers`."""
    way = moves(anomaly).get(metric)
    if way is None or (way != _EITHER and way != direction):
        return False
    return any(_nested(anomaly.scope, scope) for scope in movers)


def _nested(one: ScopeId, other: ScopeId) -> bool:
    return one == other or one in parent_scopes(other) or other in parent_scopes(one)
