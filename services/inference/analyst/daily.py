"""Daily z-scores per metric and scope against the same weekday of the 4 weeks before, gated.

Gates (why a check is skipped):
- a campaign is checked only with >= 0.5 % of the tenant's baseline spend: smaller ones move
  by a few dollars and drown the list;
- conversions need >= 5 usual conversions that day;
- CPA and ROAS need >= 20 conversions both usually and on the day (on three conversions one
  order more or less moves CPA by a third: noise, not news);
- CTR needs >= 1,000 impressions usually and on the day.
Beyond the gates, ratio scales never go below the counting noise of their sample
(ratio / sqrt(count)), so a borderline-sized campaign needs a bigger move to be flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from libs.common import Metric
from libs.common.arithmetic import Sums
from libs.common.arithmetic import metric_value as value
from services.inference.analyst.anomaly import TENANT, Anomaly, AnomalyKind, ScopeId, scopes
from services.inference.analyst.screen import worth_judging
from services.inference.analyst.series import Daily, Series
from services.inference.analyst.stats import baseline, lookback, median, reference_days, z_score

Z_THRESHOLD = Decimal(3)
CAMPAIGN_Z_THRESHOLD = Decimal(4)
"""A week of fifty campaigns is ~1,750 daily checks: at |z| >= 3 ordinary noise alone would
raise an alarm or two a week, so a single campaign's day needs |z| >= 4 (tenant totals,
checked ~35 times a week, keep 3)."""
MIN_CAMPAIGN_SPEND_SHARE = Decimal("0.005")


@dataclass(frozen=True)
class Check:
    """How one metric is judged: its normal variation, its noise source and its gate."""

    metric: Metric
    relative_floor: Decimal
    noise_count: Metric | None
    gate_metric: Metric | None = None
    gate: Decimal = Decimal(0)
    gate_on_day: bool = False


_M = Metric
CHECKS = (
    Check(_M.SPEND, Decimal("0.30"), None),
    Check(_M.CONVERSIONS, Decimal("0.15"), _M.CONVERSIONS, _M.CONVERSIONS, Decimal(5)),
    Check(_M.CPA, Decimal("0.15"), _M.CONVERSIONS, _M.CONVERSIONS, Decimal(20), gate_on_day=True),
    Check(_M.ROAS, Decimal("0.15"), _M.CONVERSIONS, _M.CONVERSIONS, Decimal(20), gate_on_day=True),
    Check(_M.CTR, Decimal("0.10"), _M.CLICKS, _M.IMPRESSIONS, Decimal(1000), gate_on_day=True),
)

Skip = Callable[[ScopeId, date, Metric], bool]


def daily_anomalies(timeline: Series, days: Sequence[date], skip: Skip) -> list[Anomaly]:
    """One anomaly per scope and day at most: the metric with the largest |z|, the others
    that also crossed the threshold listed as related. Each day is judged against the same
    weekday of the 4 weeks before it."""
    if not days:
        return []
    known = timeline.total
    before = lookback(days[0], known)
    floor = MIN_CAMPAIGN_SPEND_SHARE * sum((known[d][_M.SPEND] for d in before), Decimal(0))
    refs_of = {day: reference_days(day, known)[0] for day in days}
    judged = [
        (scope, daily, Z_THRESHOLD if scope == TENANT else CAMPAIGN_Z_THRESHOLD)
        for scope, daily in scopes(timeline)
        # accounts: outages are judged per account, z-scores on tenant and campaigns
        if scope == TENANT or (scope[1] != "" and _spend(daily, before) >= floor)
    ]
    worth = worth_judging(judged, days, refs_of, CHECKS)
    found: list[Anomaly] = []
    for scope, daily, _ in judged:
        for day in days:
            if (scope, day) not in worth:
                continue  # no check can reach the threshold that day (`screen`)
            if scope != TENANT and daily[day][_M.SPEND] == 0:
                continue  # nothing ran: the paused check judges that, not a z-score
            refs = refs_of[day]
            hit = _judge_day(scope, day, daily[day], [daily[d] for d in refs], skip)
            if hit is not None:
                found.append(hit)
    return found


def _spend(daily: Daily, days: Sequence[date]) -> Decimal:
    return sum((daily[d][_M.SPEND] for d in days), Decimal(0))


def _judge_day(
    scope: ScopeId, day: date, sums: Sums, ref_sums: list[Sums], skip: Skip
) -> Anomaly | None:
    hits: list[Anomaly] = []
    usual = _Usual(ref_sums)
    for check in CHECKS:
        if skip(scope, day, check.metric):
            continue
        hit = _judge(check, scope, day, sums, usual)
        if hit is not None:
            hits.append(hit)
    if not hits:
        return None
    hits.sort(key=lambda a: -abs(a.z or Decimal(0)))
    top = hits[0]
    related = tuple(a.metric for a in hits[1:])
    return Anomaly(top.kind, top.metric, scope, day, day, top.value, top.expected, top.z, related)


class _Usual:
    """The median of each base metric over a day's reference days, computed once: the gates
    and noise floors of several checks ask for the same ones (conversions, five times)."""

    def __init__(self, refs: list[Sums]) -> None:
        self.refs = refs
        self._medians: dict[Metric, Decimal] = {}

    def __call__(self, metric: Metric) -> Decimal:
        found = self._medians.get(metric)
        if found is None:
            found = self._medians[metric] = median([r[metric] for r in self.refs])
        return found


def _judge(check: Check, scope: ScopeId, day: date, sums: Sums, usual: _Usual) -> Anomaly | None:
    if not _gate_open(check, sums, usual):
        return None
    observed = value(check.metric, sums)
    history = [v for v in (value(check.metric, r) for r in usual.refs) if v is not None]
    if observed is None or not history:
        return None
    base = baseline(
        history, relative_floor=check.relative_floor, noise=_noise(check, usual, history)
    )
    z = z_score(observed, base)
    if z is None or abs(z) < (Z_THRESHOLD if scope == TENANT else CAMPAIGN_Z_THRESHOLD):
        return None
    kind = AnomalyKind.SPIKE if z > 0 else AnomalyKind.DROP
    return Anomaly(kind, check.metric, scope, day, day, observed, base.expected, z)


def _gate_open(check: Check, sums: Sums, usual: _Usual) -> bool:
    if check.gate_metric is None:
        return True
    if usual(check.gate_metric) < check.gate:
        return False
    return not check.gate_on_day or sums[check.gate_metric] >= check.gate


def _noise(check: Check, usual: _Usual, history: list[Decimal]) -> Decimal:
    """Counting noise: sqrt(n) for a count, ratio / sqrt(n) for a ratio over a count n."""
    if check.noise_count is None:
        return Decimal(0)
    count = usual(check.noise_count)
    if count <= 0:
        return Decimal(0)
    if check.metric is check.noise_count:
        return count.sqrt()
    return abs(median(history)) / count.sqrt()
