"""Best and worst campaigns of the period by ROAS and by CPA, behind volume gates.

A campaign is ranked only with >= 2 % of the period's spend and >= 15 conversions: below
that one order more or less swings its ROAS or CPA by several percent, and a campaign with a
single lucky conversion must never be called the best.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from libs.common import Metric
from libs.common.arithmetic import Sums
from libs.common.arithmetic import metric_value as value
from libs.common.rows import CampaignKey
from services.inference.analyst.series import Series

MIN_SPEND_SHARE = Decimal("0.02")
MIN_CONVERSIONS = Decimal(15)


@dataclass(frozen=True)
class CampaignStat:
    """One campaign's period sums and ratios."""

    key: CampaignKey
    name: str
    sums: Sums
    roas: Decimal | None
    cpa: Decimal | None


@dataclass(frozen=True)
class Standings:
    """Ranked campaigns (best first) and the ones left out of the rankings, with why."""

    by_roas: tuple[CampaignStat, ...]
    by_cpa: tuple[CampaignStat, ...]
    no_value: tuple[CampaignStat, ...]
    """Spent and converted, but conversions carry no value (awareness, sign-ups)."""
    no_conversions: tuple[CampaignStat, ...]
    """Spent >= the share gate without a single conversion."""


def standings(current: Series) -> Standings:
    """Rank the period's campaigns; ties are broken by name, then key."""
    spend_floor = MIN_SPEND_SHARE * current.sums()[Metric.SPEND]
    stats = [
        _stat(key, current.names.get(key, key[1]), sums)
        for key, sums in current.campaign_sums().items()
    ]
    big = [s for s in stats if s.sums[Metric.SPEND] > 0 and s.sums[Metric.SPEND] >= spend_floor]
    ranked = [s for s in big if s.sums[Metric.CONVERSIONS] >= MIN_CONVERSIONS]
    valued = [s for s in ranked if s.sums[Metric.CONVERSION_VALUE] > 0]
    return Standings(
        by_roas=tuple(sorted(valued, key=lambda s: (-_known(s.roas), s.name, s.key))),
        by_cpa=tuple(sorted(ranked, key=lambda s: (_known(s.cpa), s.name, s.key))),
        no_value=tuple(
            sorted(
                (
                    s
                    for s in big
                    if s.sums[Metric.CONVERSIONS] > 0 and not s.sums[Metric.CONVERSION_VALUE]
                ),
                key=lambda s: (s.name, s.key),
            )
        ),
        no_conversions=tuple(
            sorted(
                (s for s in big if s.sums[Metric.CONVERSIONS] == 0),
                key=lambda s: (-s.sums[Metric.SPEND], s.name, s.key),
            )
        ),
    )


def _stat(key: CampaignKey, name: str, sums: Sums) -> CampaignStat:
    return CampaignStat(key, name, sums, value(Metric.ROAS, sums), value(Metric.CPA, sums))


def _known(number: Decimal | None) -> Decimal:
    if number is None:
        raise ValueError("ranked campaigns have spend and conversions")
    return number
