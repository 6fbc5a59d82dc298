"""Structural breaks an analyst calls out before any z-score: paused campaigns, tracking
outages, and a conversion rate that moved over the whole period."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from libs.common import Metric
from libs.common.arithmetic import total
from services.inference.analyst.anomaly import TENANT, Anomaly, AnomalyKind, ScopeId, scopes
from services.inference.analyst.series import Daily, Series
from services.inference.analyst.stats import median, reference_days

MIN_ACTIVE_SHARE = Decimal("0.75")
"""A campaign counts as running when it spent on at least 75 % of the baseline days."""
MIN_BASELINE_DAYS = 7
MIN_OUTAGE_CONVERSIONS = Decimal(8)
"""An outage needs >= 8 expected conversions that day: a Poisson count with mean 8 is zero
only 0.03 % of the time, so a zero really is a break, not bad luck on a small campaign."""
NORMAL_CLICKS_SHARE = Decimal("0.5")
"""Clicks at >= half their usual level mean traffic went on while conversions vanished."""
MIN_PERIOD_CONVERSIONS = Decimal(20)
"""The conversion-rate check needs >= 20 expected conversions over the period."""
OVERDISPERSION = Decimal("0.10")
"""Conversion rates wander ~10 % week to week beyond counting noise (bids, mix, creatives)."""
MIN_PERIOD_DAYS = 3
Z_THRESHOLD = Decimal(3)

_S, _CLICKS, _CONV = Metric.SPEND, Metric.CLICKS, Metric.CONVERSIONS


def paused_campaigns(current: Series, history: Series) -> list[Anomaly]:
    """Runs of zero-spend days of campaigns that spent on most baseline days."""
    if len(history.days) < MIN_BASELINE_DAYS:
        return []
    found: list[Anomaly] = []
    for key, daily in sorted(current.campaigns.items()):
        past = history.campaigns.get(key)
        if past is None:
            continue
        spends = [past[day][_S] for day in history.days]
        if sum(1 for s in spends if s > 0) < MIN_ACTIVE_SHARE * len(spends):
            continue
        usual = median(spends)
        for start, end in _zero_runs(current.days, daily):
            days = (end - start).days + 1
            found.append(Anomaly(AnomalyKind.PAUSED, _S, key, start, end, Decimal(0), usual * days))
    return found


def _zero_runs(days: Sequence[date], daily: Daily) -> list[tuple[date, date]]:
    runs: list[tuple[date, date]] = []
    for day in days:
        if daily[day][_S] != 0:
            continue
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def tracking_outages(current: Series, history: Series) -> list[Anomaly]:
    """Days with zero conversions while clicks were normal, reported at the widest scope."""
    if len(history.days) < MIN_BASELINE_DAYS:
        return []
    past = dict(scopes(history))
    found: list[Anomaly] = []
    for scope, daily in scopes(current):
        if scope in past:
            found += _outages(scope, daily, past[scope], current.days, history.days)
    covered = {(a.scope, a.start) for a in found}
    # An account-wide outage is one finding, not one per campaign of the account.
    return [a for a in found if not _inside_covered(a.scope, a.start, covered)]


def _outages(
    scope: ScopeId, daily: Daily, past: Daily, days: Sequence[date], history: Sequence[date]
) -> list[Anomaly]:
    found: list[Anomaly] = []
    for day in days:
        if daily[day][_CONV] != 0 or daily[day][_CLICKS] == 0:
            continue
        refs, _ = reference_days(day, history)
        usual_conv = median([past[d][_CONV] for d in refs])
        usual_clicks = median([past[d][_CLICKS] for d in refs])
        if usual_conv < MIN_OUTAGE_CONVERSIONS:
            continue
        if daily[day][_CLICKS] >= NORMAL_CLICKS_SHARE * usual_clicks:
            found.append(
                Anomaly(AnomalyKind.TRACKING_OUTAGE, _CONV, scope, day, day, Decimal(0), usual_conv)
            )
    return found


def parent_scopes(scope: ScopeId) -> list[ScopeId]:
    """The scopes that contain `scope`: its account and the tenant."""
    if scope == TENANT:
        return []
    if scope[1] == "":
        return [TENANT]
    return [(scope[0], ""), TENANT]


def _inside_covered(scope: ScopeId, day: date, covered: set[tuple[ScopeId, date]]) -> bool:
    return any((parent, day) in covered for parent in parent_scopes(scope))


def conversion_rate_shifts(
    current: Series, history: Series, excluded: Callable[[ScopeId, date], bool]
) -> list[Anomaly]:
    """Campaigns (and the tenant) whose period conversions are far from clicks x usual rate.

    A daily count of a dozen conversions is too noisy to judge, but a week of them is not:
    expected = period clicks x the baseline conversion rate, and the scale is Poisson noise
    plus `OVERDISPERSION`. Days in `excluded` (outages, pauses) are left out of both sides.
    """
    if len(current.days) < MIN_PERIOD_DAYS or len(history.days) < MIN_BASELINE_DAYS:
        return []
    past = dict(scopes(history))
    found: list[Anomaly] = []
    for scope, daily in scopes(current):
        if scope[0] and not scope[1]:
            continue  # accounts: the tenant and the campaigns already tell the story
        if scope in past:
            kept = [daily[day] for day in current.days if not excluded(scope, day)]
            shift = _rate_shift(scope, total(kept), total(past[scope].values()), current)
            if shift is not None:
                found.append(shift)
    return found


def _rate_shift(
    scope: ScopeId, now: dict[Metric, Decimal], before: dict[Metric, Decimal], current: Series
) -> Anomaly | None:
    if before[_CLICKS] == 0:
        return None
    expected = now[_CLICKS] * before[_CONV] / before[_CLICKS]
    if expected < MIN_PERIOD_CONVERSIONS:
        return None
    scale = (expected + (OVERDISPERSION * expected) ** 2).sqrt()
    z = (now[_CONV] - expected) / scale
    if abs(z) < Z_THRESHOLD:
        return None
    start, end = current.days[0], current.days[-1]
    return Anomaly(AnomalyKind.CONVERSION_RATE, _CONV, scope, start, end, now[_CONV], expected, z)
