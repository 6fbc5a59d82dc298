"""Sentences for anomalies and recommendations, as a marketer would want to read them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from libs.common import Metric, Platform
from libs.common.vocab import METRIC_LABELS, PLATFORM_LABELS
from services.inference.analyst.anomaly import TENANT, Anomaly, AnomalyKind, ScopeId
from services.inference.analyst.printer import Printer, day_label, period_label
from services.inference.analyst.recommend import Check, Recommendation, Shift

_ZERO = Decimal(0)
_PLATFORM_VALUES = frozenset(p.value for p in Platform)


def metric_name(metric: Metric) -> str:
    """A metric mid-sentence ("conversion value", "ROAS")."""
    return METRIC_LABELS[metric]


@dataclass(frozen=True)
class Names:
    """How scopes are called: account names and campaign names."""

    accounts: dict[str, str]
    campaigns: dict[tuple[str, str], str]
    as_of: date
    platforms: dict[str, Platform] = field(default_factory=dict)
    """account_id -> its platform."""

    def platform(self, scope: ScopeId) -> Platform | None:
        """The platform of an account or campaign scope (None for the tenant)."""
        return self.platforms.get(scope[0])

    def part(self, level: str, key: tuple[str, str]) -> str:
        """A decomposition part: "Google Ads", "Google US", "'US | Brand Search - Exact'"."""
        if level == "platform":
            return PLATFORM_LABELS[Platform(key[0])] if key[0] in _PLATFORM_VALUES else key[0]
        return self.scope(key)

    def scope(self, scope: ScopeId) -> str:
        """ "all accounts", "Google US" or "'US | Brand Search - Exact'"."""
        if scope == TENANT:
            return "all accounts"
        if not scope[1]:
            return self.accounts.get(scope[0], scope[0])
        name = self.campaigns.get(scope, scope[1])
        twins = [k for k, other in self.campaigns.items() if other == name and k != scope]
        # Two accounts may run a campaign of the same name: say which one is meant.
        if twins:
            return f"'{name}' ({self.accounts.get(scope[0], scope[0])})"
        return f"'{name}'"

    def when(self, start: date, end: date) -> str:
        """A day as "Tue Nov 10", a run of days as "Nov 3–4"."""
        return day_label(start) if start == end else period_label(start, end, self.as_of)


def merge_runs(anomalies: list[Anomaly]) -> list[Anomaly]:
    """Consecutive daily anomalies of one scope, metric and kind as one (values summed)."""
    merged: list[Anomaly] = []
    for a in anomalies:
        last = merged[-1] if merged else None
        if (
            last is not None
            and a.kind in (AnomalyKind.SPIKE, AnomalyKind.DROP)
            and (last.kind, last.metric, last.scope, last.period, last.season)
            == (a.kind, a.metric, a.scope, a.period, a.season)
            and (a.start - last.end).days == 1
            and a.metric in (Metric.SPEND, Metric.CONVERSIONS, Metric.CONVERSION_VALUE)
        ):
            merged[-1] = replace(
                last,
                end=a.end,
                value=last.value + a.value,
                expected=last.expected + a.expected,
                z=max(last.z or _ZERO, a.z or _ZERO, key=abs),
                campaigns=max(last.campaigns, a.campaigns),
            )
        else:
            merged.append(a)
    return merged


def anomaly_line(p: Printer, a: Anomaly, names: Names) -> str:
    """One bullet for one (merged) anomaly; a seasonal one says which event explains it."""
    line = _anomaly_line(p, a, names)
    return f"Seasonal ({a.season}): {line}" if a.season else line


def _anomaly_line(p: Printer, a: Anomaly, names: Names) -> str:
    who, when = names.scope(a.scope), names.when(a.start, a.end)
    if a.kind is AnomalyKind.TRACKING_OUTAGE:
        return (
            f"Tracking outage: {who} recorded 0 conversions on {when} (usually about "
            f"{p.count(a.expected)}) while clicks were normal."
        )
    if a.kind is AnomalyKind.PAUSED:
        return f"Paused: {who} had no spend on {when} (usually about {p.money(a.expected)})."
    if a.kind is AnomalyKind.CONVERSION_RATE:
        direction = "fell" if a.value < a.expected else "rose"
        return (
            f"Conversion rate {direction}: {who} got {p.count(a.value)} conversions over {when} "
            f"where its clicks would usually bring about {p.count(a.expected)} "
            f"({p.change((a.value - a.expected) / a.expected)})."
        )
    return _daily_line(p, a, who, when)


def _daily_line(p: Printer, a: Anomaly, who: str, when: str) -> str:
    word = "up" if a.kind is AnomalyKind.SPIKE else "down"
    ratio = f"{p.times(a.value / a.expected)} usual" if a.expected else "from zero"
    line = (
        f"{metric_name(a.metric).capitalize()} {word} for {who} on {when}: "
        f"{p.metric(a.metric, a.value)} against about {p.metric(a.metric, a.expected)} "
        f"on the same weekdays before ({ratio})"
    )
    if a.related:
        line += f", with {', '.join(metric_name(m) for m in a.related)} moving too"
    if a.campaigns:
        line += f"; {a.campaigns} campaigns moved the same way"
    return line + "."


def recommendation_line(p: Printer, rec: Recommendation, names: Names) -> str:
    """One numbered recommendation."""
    if isinstance(rec, Shift):
        return _shift_line(p, rec, names)
    return _check_line(p, rec, names)


def _shift_line(p: Printer, shift: Shift, names: Names) -> str:
    share = shift.amount / shift.weekly_source_spend
    return (
        f"Move about {p.money(shift.amount)}/week ({p.change(share).lstrip('+')} of its budget) "
        f"from {names.scope(shift.source.key)} (ROAS {p.metric(Metric.ROAS, shift.source.roas)}) "
        f"to {names.scope(shift.target.key)} (ROAS {p.metric(Metric.ROAS, shift.target.roas)}), "
        f"if the latter is limited by budget; at today's ROAS that is worth about "
        f"{p.money(shift.extra_value)} more conversion value a week. Review after two weeks."
    )


def _check_line(p: Printer, check: Check, names: Names) -> str:
    a = check.anomaly
    who, when = names.scope(a.scope), names.when(a.start, a.end)
    if a.kind is AnomalyKind.TRACKING_OUTAGE:
        return (
            f"Check conversion tracking for {who} (tag, consent banner, offline import) for "
            f"{when}: the period's CPA and ROAS understate it until the gap is fixed or "
            "backfilled."
        )
    if a.kind is AnomalyKind.PAUSED:
        return (
            f"Confirm that {who} was meant to be off on {when}; if not, turn it back on "
            f"(it usually spends about {p.money(a.expected)} over that many days)."
        )
    if a.kind is AnomalyKind.CONVERSION_RATE:
        return (
            f"Look at {who}'s landing page, feed and offer: it converted "
            f"{p.change(abs(a.value - a.expected) / a.expected).lstrip('+')} "
            f"{'below' if a.value < a.expected else 'above'} its usual rate over {when}."
        )
    return (
        f"Check budget and bid changes on {who}: spend reached {p.money(a.value)} on {when} "
        f"against about {p.money(a.expected)} usual; cap it if that was not intended."
    )
