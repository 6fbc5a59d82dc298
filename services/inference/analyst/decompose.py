"""Where a change between two periods came from: by platform, account and campaign, from sums.

For a base metric (spend, conversions, …) each part's effect is simply its own change, and the
effects add up to the total change.

For a ratio R = k·N/D (ROAS = value/spend, CPA = spend/conversions, CTR = clicks/impressions,
CPC = spend/clicks, CPM = 1000·spend/impressions) the total is a weighted mean of the parts'
ratios r_i = k·n_i/d_i with weights w_i = d_i/D, and a part moves it two ways:
- rate: its own ratio changed, at its average weight: rate_i = ½(w0_i + w1_i)·(r1_i − r0_i);
- mix: its weight changed: mix_i = effect_i − rate_i, where the part's effect is
  effect_i = k·n1_i/D1 − k·n0_i/D0 − (w1_i − w0_i)·½(R0 + R1).
Centring on the mean ratio makes a part that grows while above average lift the total and one
that grows while below average pull it down; since the weights sum to 1 in both periods the
centring cancels over all parts, so the effects (and rate + mix) add up exactly to R1 − R0. A
part present in one period only has no rate effect: all of its effect is mix. A ratio whose
total denominator is zero in either period has no change and no decomposition (null).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from libs.common import RATIO_COMPONENTS, FetchedRows, Metric, MetricRow
from libs.common.arithmetic import Sums, add_into, zero_sums
from libs.common.arithmetic import metric_value as value

LEVELS = ("platform", "account", "campaign")
_HALF = Decimal("0.5")


@dataclass(frozen=True)
class Part:
    """One platform, account or campaign's share of a change."""

    key: tuple[str, str]
    """(platform, "") · (account_id, "") · (account_id, campaign_id)."""
    current: Decimal | None
    base: Decimal | None
    effect: Decimal
    share: Decimal | None
    """effect / the total change; None when the total did not change."""
    mix: Decimal | None = None
    rate: Decimal | None = None


@dataclass(frozen=True)
class Decomposition:
    """A metric in both periods and its change split by platform, account and campaign."""

    metric: Metric
    current: Decimal
    base: Decimal
    change: Decimal
    relative: Decimal | None
    levels: Mapping[str, tuple[Part, ...]]
    """Level -> parts, the largest effect in the change's direction first."""

    def top(self, level: str, n: int) -> tuple[Part, ...]:
        """The first `n` parts of `level` that moved the total the way it went."""
        return tuple(p for p in self.levels[level] if p.share is not None and p.share > 0)[:n]


Grouped = dict[tuple[str, str], Sums]


def group(rows: Iterable[MetricRow], platforms: Mapping[str, str]) -> dict[str, Grouped]:
    """Base sums per level key; campaign-less rows count for their account (campaign "")."""
    campaigns: Grouped = {}
    for row in rows:  # each row is summed once; accounts and platforms from its campaign
        key = (row.account_id, row.campaign_id or "")
        add_into(campaigns.setdefault(key, zero_sums()), row.values)
    accounts: Grouped = {}
    by_platform: Grouped = {}
    for (account, _), sums in campaigns.items():
        add_into(accounts.setdefault((account, ""), zero_sums()), sums)
        add_into(by_platform.setdefault((platforms.get(account, ""), ""), zero_sums()), sums)
    return {"platform": by_platform, "account": accounts, "campaign": campaigns}


def decompose(current: FetchedRows, base: FetchedRows, metric: Metric) -> Decomposition | None:
    """The change of `metric` from `base` to `current`, split by level; None when the metric
    has no value in one of the periods (a ratio over a zero denominator)."""
    return decompose_all(current, base, [metric])[0]


def decompose_all(
    current: FetchedRows, base: FetchedRows, metrics: Iterable[Metric]
) -> list[Decomposition | None]:
    """`decompose` for each of `metrics`, grouping the rows once."""
    platforms = {a.account_id: a.platform.value for a in [*current.accounts, *base.accounts]}
    now, before = group(current.rows, platforms), group(base.rows, platforms)
    return [_decompose(now, before, metric) for metric in metrics]


def _decompose(
    now: Mapping[str, Grouped], before: Mapping[str, Grouped], metric: Metric
) -> Decomposition | None:
    totals_now, totals_before = _total(now["account"]), _total(before["account"])
    r1, r0 = value(metric, totals_now), value(metric, totals_before)
    if r1 is None or r0 is None:
        return None
    change = r1 - r0
    effect = (
        _ratio_effects(metric, totals_now, totals_before) if metric in RATIO_COMPONENTS else None
    )
    levels = {level: _parts(metric, now[level], before[level], change, effect) for level in LEVELS}
    return Decomposition(metric, r1, r0, change, change / r0 if r0 else None, levels)


def _total(parts: Grouped) -> Sums:
    sums = zero_sums()
    for part in parts.values():
        add_into(sums, part)
    return sums


Effects = Callable[[Sums, Sums], tuple[Decimal, Decimal | None, Decimal | None]]


def _parts(
    metric: Metric, now: Grouped, before: Grouped, change: Decimal, effects: Effects | None
) -> tuple[Part, ...]:
    zero = zero_sums()
    parts = []
    for key in sorted(now.keys() | before.keys()):
        s1, s0 = now.get(key, zero), before.get(key, zero)
        if effects is None:
            effect, mix, rate = s1[metric] - s0[metric], None, None
        else:
            effect, mix, rate = effects(s1, s0)
        share = effect / change if change else None
        parts.append(Part(key, value(metric, s1), value(metric, s0), effect, share, mix, rate))
    sign = -1 if change < 0 else 1
    parts.sort(key=lambda p: (-sign * p.effect, p.key))
    return tuple(parts)


def _ratio_effects(metric: Metric, totals_now: Sums, totals_before: Sums) -> Effects:
    numerator, denominator, scale = RATIO_COMPONENTS[metric]
    d1, d0 = totals_now[denominator], totals_before[denominator]
    mean = _HALF * (scale * totals_now[numerator] / d1 + scale * totals_before[numerator] / d0)

    def effects(s1: Sums, s0: Sums) -> tuple[Decimal, Decimal | None, Decimal | None]:
        w1, w0 = s1[denominator] / d1, s0[denominator] / d0
        effect = scale * s1[numerator] / d1 - scale * s0[numerator] / d0 - (w1 - w0) * mean
        rate = Decimal(0)
        if s1[denominator] and s0[denominator]:
            r1 = scale * s1[numerator] / s1[denominator]
            r0 = scale * s0[numerator] / s0[denominator]
            rate = _HALF * (w0 + w1) * (r1 - r0)
        return effect, effect - rate, rate

    return effects
