"""Concrete next steps: budget shifts from weak to strong ROAS, and checks the anomalies ask
for (tracking, pauses, spend spikes, conversion-rate drops). At most four."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from libs.common import Metric
from services.inference.analyst.anomaly import Anomaly, AnomalyKind
from services.inference.analyst.campaigns import CampaignStat, Standings

MAX_RECOMMENDATIONS = 4
MAX_SHIFTS = 2
SHIFT_SHARE = Decimal("0.15")
"""Move 15 % of the weak campaign's weekly budget: enough to matter, small enough to test
without wrecking its learning phase."""
MAX_RECEIVER_GROWTH = Decimal("0.5")
"""Never more than +50 % on the receiver in one go: ROAS rarely holds beyond that."""
WEAK, STRONG = Decimal("0.75"), Decimal("1.25")
"""Donors below 0.75x and receivers above 1.25x the account-wide ROAS."""


@dataclass(frozen=True)
class Shift:
    """Move `amount` per week from one campaign to another."""

    source: CampaignStat
    target: CampaignStat
    amount: Decimal
    weekly_source_spend: Decimal

    @property
    def extra_value(self) -> Decimal:
        """Weekly conversion value gained if both campaigns keep their ROAS at the margin."""
        return self.amount * ((self.target.roas or Decimal(0)) - (self.source.roas or Decimal(0)))


@dataclass(frozen=True)
class Check:
    """Look into an anomaly (tracking, pause, spike, conversion rate)."""

    anomaly: Anomaly


Recommendation = Shift | Check


def recommend(
    ranking: Standings, anomalies: tuple[Anomaly, ...], tenant_roas: Decimal | None, days: int
) -> list[Recommendation]:
    """The recommendations in order of urgency: broken tracking, then money, then checks."""
    outage_accounts = {a.scope[0] for a in anomalies if a.kind is AnomalyKind.TRACKING_OUTAGE}
    shifts = budget_shifts(ranking, tenant_roas, days, outage_accounts)
    checks = {kind: _first(anomalies, kind) for kind in AnomalyKind}
    ordered: list[Recommendation | None] = [
        checks[AnomalyKind.TRACKING_OUTAGE],
        shifts[0] if shifts else None,
        checks[AnomalyKind.PAUSED],
        _rate_drop(anomalies),
        _campaign_spike(anomalies),
        *shifts[1:],
    ]
    return [r for r in ordered if r is not None][:MAX_RECOMMENDATIONS]


def _first(anomalies: tuple[Anomaly, ...], kind: AnomalyKind) -> Check | None:
    found = next((a for a in anomalies if a.kind is kind), None)
    return Check(found) if found is not None else None


def _rate_drop(anomalies: tuple[Anomaly, ...]) -> Check | None:
    drops = [a for a in anomalies if a.kind is AnomalyKind.CONVERSION_RATE and (a.z or 0) < 0]
    return Check(drops[0]) if drops else None


def _campaign_spike(anomalies: tuple[Anomaly, ...]) -> Check | None:
    spikes = [
        a
        for a in anomalies
        if a.kind is AnomalyKind.SPIKE and a.metric is Metric.SPEND and a.is_campaign
    ]
    return Check(spikes[0]) if spikes else None


def budget_shifts(
    ranking: Standings, tenant_roas: Decimal | None, days: int, skip_accounts: set[str]
) -> list[Shift]:
    """Pair the weakest ROAS campaigns with the strongest, weakest with strongest first.

    Campaigns of an account whose tracking broke are no donors: their ROAS is understated.
    """
    if not tenant_roas or days <= 0:
        return []
    donors = [
        s
        for s in reversed(ranking.by_roas)
        if s.roas is not None and s.roas < WEAK * tenant_roas and s.key[0] not in skip_accounts
    ]
    receivers = [s for s in ranking.by_roas if s.roas is not None and s.roas > STRONG * tenant_roas]
    shifts = []
    for source, target in zip(donors, receivers, strict=False):
        weekly_source = source.sums[Metric.SPEND] * 7 / days
        weekly_target = target.sums[Metric.SPEND] * 7 / days
        amount = nice_amount(min(SHIFT_SHARE * weekly_source, MAX_RECEIVER_GROWTH * weekly_target))
        if amount > 0:
            shifts.append(Shift(source, target, amount, weekly_source))
    return shifts[:MAX_SHIFTS]


def nice_amount(amount: Decimal) -> Decimal:
    """Two significant figures (1,234 -> 1,200; 87.4 -> 87): a budget move, not an invoice."""
    if amount <= 0:
        return Decimal(0)
    exponent = amount.adjusted() - 1
    step = Decimal(1).scaleb(max(exponent, 0))
    return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
