"""Structural breaks an analyst calls out before any z-score: paused campaigns, tracking
outages, and a conversion rate that moved over a week. Each is judged against the 4 weeks
before it (`stats.lookback`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from libs.common import Metric
from services.inference.analyst.anomaly import TENANT, Anomaly, AnomalyKind, ScopeId, scopes
from services.inference.analyst.series import Daily, Series
from services.inference.analyst.stats import LOOKBACK_DAYS, lookback, median, reference_days

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
PAUSE_Z = Decimal(-1) / Decimal("0.30")
"""A pause's score: the z the daily spend check (30 % usual variation) gives a day of zero."""
MIN_PERIOD_DAYS = 3
WINDOW_DAYS = 7
Z_THRESHOLD = Decimal(3)

_S, _CLICKS, _CONV = Metric.SPEND, Metric.CLICKS, Metric.CONVERSIONS


def paused_campaigns(timeline: Series, days: Sequence[date]) -> list[Anomaly]:
    """Runs of zero-spend days of campaigns that spent on most of the 4 weeks before the run."""
    known = timeline.total
    found: list[Anomaly] = []
    for key, daily in sorted(timeline.campaigns.items()):
        for start, end in _zero_runs(days, daily):
            before = lookback(start, known)
            if len(before) < MIN_BASELINE_DAYS:
                continue
            spends = [daily[day][_S] for day in before]
            if sum(1 for s in spends if s > 0) < MIN_ACTIVE_SHARE * len(spends):
                continue
            usual = median(spends)
            run = (end - start).days + 1
            found.append(
                Anomaly(AnomalyKind.PAUSED, _S, key, start, end, Decimal(0), usual * run, PAUSE_Z)
            )
    return found


def stopped_campaigns(
    timeline: Series, days: Sequence[date], switched_off: Container[ScopeId]
) -> tuple[tuple[ScopeId, date], ...]:
    """Campaigns switched off for good whose spend stopped on one of `days`, and the day."""
    found = []
    for key, daily in sorted(timeline.campaigns.items()):
        if key not in switched_off:
            continue
        runs = _zero_runs(days, daily)
        if runs and runs[-1][1] == days[-1]:
            first = runs[-1][0]
            before = lookback(first, timeline.total, 1)
            if before and daily[before[0]][_S] > 0:
                found.append((key, first))
    return tuple(found)


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


def tracking_outages(timeline: Series, days: Sequence[date]) -> list[Anomaly]:
    """Days with zero conversions while clicks were normal, reported at the widest scope."""
    refs = {day: reference_days(day, timeline.total)[0] for day in days}
    found: list[Anomaly] = []
    for scope, daily in scopes(timeline):
        found += _outages(scope, daily, days, refs)
    covered = {(a.scope, a.start) for a in found}
    # An account-wide outage is one finding, not one per campaign of the account.
    return [a for a in found if not _inside_covered(a.scope, a.start, covered)]


def _outages(
    scope: ScopeId, daily: Daily, days: Sequence[date], refs: Mapping[date, list[date]]
) -> list[Anomaly]:
    found: list[Anomaly] = []
    for day in days:
        if daily[day][_CONV] != 0 or daily[day][_CLICKS] == 0 or not refs[day]:
            continue
        usual_conv = median([daily[d][_CONV] for d in refs[day]])
        usual_clicks = median([daily[d][_CLICKS] for d in refs[day]])
        if usual_conv < MIN_OUTAGE_CONVERSIONS:
            continue
        if daily[day][_CLICKS] >= NORMAL_CLICKS_SHARE * usual_clicks:
            score = -usual_conv.sqrt()  # the Poisson z of a zero where usual_conv were due
            found.append(
                Anomaly(
                    AnomalyKind.TRACKING_OUTAGE,
                    _CONV,
                    scope,
                    day,
                    day,
                    Decimal(0),
                    usual_conv,
                    score,
                )
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
    timeline: Series, days: Sequence[date], excluded: Callable[[ScopeId, date], bool]
) -> list[Anomaly]:
    """Campaigns (and the tenant) whose conversions over a week are far from clicks x the rate
    of the 4 weeks before it.

    A daily count of a dozen conversions is too noisy to judge, but a week of them is not:
    expected = the window's clicks x the baseline conversion rate, and the scale is Poisson
    noise plus `OVERDISPERSION`. A period of up to a week is one window; a longer one is judged
    in every 7-day window and the strongest shift of each scope is reported. Days in `excluded`
    (outages, pauses) are left out of both sides.
    """
    if len(days) < MIN_PERIOD_DAYS:
        return []
    windows = _windows(days)
    found: list[Anomaly] = []
    for scope, daily in scopes(timeline):
        if scope[0] and not scope[1]:
            continue  # accounts: the tenant and the campaigns already tell the story
        counts = _Counts(scope, daily, timeline.days, excluded)
        shifts = [shift for window in windows if (shift := counts.shift(window)) is not None]
        if shifts:
            found.append(max(shifts, key=lambda a: abs(a.z or Decimal(0))))
    return found


def _windows(days: Sequence[date]) -> list[Sequence[date]]:
    if len(days) <= WINDOW_DAYS:
        return [days]
    return [days[i : i + WINDOW_DAYS] for i in range(len(days) - WINDOW_DAYS + 1)]


class _Counts:
    """One scope's clicks and conversions as running sums over the timeline's days (excluded
    days count as absent), so any window or lookback sums in constant time."""

    def __init__(
        self,
        scope: ScopeId,
        daily: Daily,
        known: Sequence[date],
        excluded: Callable[[ScopeId, date], bool],
    ) -> None:
        self.scope = scope
        self.days = list(known)
        zero = Decimal(0)
        self.clicks, self.conv, self.kept = [zero], [zero], [0]
        for day in known:
            skip = excluded(scope, day)
            self.clicks.append(self.clicks[-1] + (zero if skip else daily[day][_CLICKS]))
            self.conv.append(self.conv[-1] + (zero if skip else daily[day][_CONV]))
            self.kept.append(self.kept[-1] + (0 if skip else 1))

    def _span(self, first: date, last: date) -> tuple[int, int]:
        return bisect_left(self.days, first), bisect_right(self.days, last)

    def shift(self, window: Sequence[date]) -> Anomaly | None:
        """The window's conversions against its clicks at the rate of the 4 weeks before."""
        start, end = window[0], window[-1]
        b0, b1 = self._span(start - timedelta(days=LOOKBACK_DAYS), start - timedelta(days=1))
        if self.kept[b1] - self.kept[b0] < MIN_BASELINE_DAYS:
            return None
        base_clicks, base_conv = self.clicks[b1] - self.clicks[b0], self.conv[b1] - self.conv[b0]
        if base_clicks == 0:
            return None
        w0, w1 = self._span(start, end)
        clicks, conv = self.clicks[w1] - self.clicks[w0], self.conv[w1] - self.conv[w0]
        expected = clicks * base_conv / base_clicks
        if expected < MIN_PERIOD_CONVERSIONS:
            return None
        scale = (expected + (OVERDISPERSION * expected) ** 2).sqrt()
        z = (conv - expected) / scale
        if abs(z) < Z_THRESHOLD:
            return None
        return Anomaly(
            AnomalyKind.CONVERSION_RATE, _CONV, self.scope, start, end, conv, expected, z
        )
