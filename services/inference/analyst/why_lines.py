"""The sentences that answer "why did <metric> change": the change, who moved it, when, and
the anomaly behind it — every figure from the decomposition, printed through the Printer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from libs.common import RATIO_COMPONENTS, Metric
from services.inference.analyst.anomaly import TENANT
from services.inference.analyst.decompose import Decomposition, Part
from services.inference.analyst.explain import DayGap, Why
from services.inference.analyst.printer import Printer, day_label, period_label
from services.inference.analyst.wording import Names, anomaly_line, metric_name

MAX_MOVERS = 3
MIN_SHARE = Decimal("0.05")
"""A part that moved the total less than 5 % is not named as a cause."""
MAX_EXPLANATIONS = 2
CANCELLING = 3
"""Campaign moves adding up (in size) to over 3x the net change largely cancel out: naming
shares of the net ("136 % of the fall") would mislead."""


def why_lines(p: Printer, why: Why, names: Names, base_label: str) -> list[str]:
    """The lines of one metric's explanation, the change first."""
    d = why.decomposition
    lines = [_change(p, d, base_label, why)]
    for anomaly in why.against[:MAX_EXPLANATIONS]:
        lines.append(f"Within the period, against the trend: {anomaly_line(p, anomaly, names)}")
    if not d.change:
        return lines
    movers = _movers(p, d, why, names)
    if movers:
        lines.append(movers)
    platforms = _platforms(p, d, names)
    if platforms:
        lines.append(platforms)
    if why.days:
        lines.append(_when(p, d.metric, why, names))
    for anomaly in why.explained_by[:MAX_EXPLANATIONS]:
        prefix = "In the comparison period, " if anomaly.period == "compare" else ""
        lines.append(f"Explained by: {prefix}{_lower_first(anomaly_line(p, anomaly, names))}")
    return lines


def _change(p: Printer, d: Decomposition, base_label: str, why: Why) -> str:
    name = metric_name(d.metric)
    title = f"{name[0].upper()}{name[1:]}"
    # A question that assumed the wrong direction gets told so first.
    premise = ""
    if why.contradicts:
        premise = f"{title} did not {'rise' if (why.asked or 0) > 0 else 'fall'}: "
        title = "it"
    if not d.change:
        return f"{premise}{title} held at {p.metric(d.metric, d.current)} {base_label}."
    word = "rose" if d.change > 0 else "fell"
    relative = f" ({p.change(d.relative)})" if d.relative is not None else ""
    return (
        f"{premise}{title} {word} from {p.metric(d.metric, d.base)} to "
        f"{p.metric(d.metric, d.current)}{relative} {base_label}."
    )


def _movers(p: Printer, d: Decomposition, why: Why, names: Names) -> str | None:
    word = "rise" if d.change > 0 else "fall"
    if why.scope != TENANT and why.scope[1] == "":  # an account-wide move
        account = next(part for part in d.levels["account"] if part.key == why.scope)
        return (
            f"Behind it: {names.scope(why.scope)}, the whole account "
            f"({p.share(account.share or Decimal(0))} of the {word}{_detail(p, d, account)})."
        )
    campaigns = d.levels["campaign"]
    if sum(abs(x.effect) for x in campaigns) > CANCELLING * abs(d.change):
        return _offsetting(p, d, names)
    parts = [x for x in d.top("campaign", MAX_MOVERS) if (x.share or 0) >= MIN_SHARE]
    if not parts:
        return "No single campaign drove it: the change is spread across many."
    shown = [
        f"{names.scope(x.key)} ({p.share(x.share or Decimal(0))} of the {word}{_detail(p, d, x)})"
        for x in parts
    ]
    return f"Behind it: {'; '.join(shown)}."


def _offsetting(p: Printer, d: Decomposition, names: Names) -> str:
    """Moves that mostly cancel: the largest each way, by their effect, not a share."""
    ups = [x for x in d.levels["campaign"] if x.effect > 0][:2]
    downs = sorted((x for x in d.levels["campaign"] if x.effect < 0), key=lambda x: x.effect)[:2]

    def shown(parts: list[Part], sign: str) -> str:
        return ", ".join(
            f"{names.scope(x.key)} ({sign}{p.metric(d.metric, abs(x.effect))})" for x in parts
        )

    sides = [f"up {shown(ups, '+')}" if ups else "", f"down {shown(downs, '−')}" if downs else ""]
    return f"Moves inside it largely cancel out: {'; '.join(s for s in sides if s)}."


def _detail(p: Printer, d: Decomposition, part: Part) -> str:
    metric = d.metric
    if metric not in RATIO_COMPONENTS:
        if part.base is None or part.current is None:
            return ""
        return f": {p.metric(metric, part.base)} → {p.metric(metric, part.current)}"
    rate, mix = part.rate or Decimal(0), part.mix or Decimal(0)
    if abs(rate) >= abs(mix) and part.base is not None and part.current is not None:
        return (
            f": its {metric_name(metric)} went from {p.metric(metric, part.base)} to "
            f"{p.metric(metric, part.current)}"
        )
    denominator = metric_name(RATIO_COMPONENTS[metric][1])
    return f": mostly its share of the {denominator}"


def _platforms(p: Printer, d: Decomposition, names: Names) -> str | None:
    parts = [x for x in d.levels["platform"] if x.share is not None and x.share >= MIN_SHARE]
    if len(d.levels["platform"]) < 2 or not parts:
        return None
    shown = ", ".join(
        f"{names.part('platform', x.key)} {p.share(x.share or Decimal(0))}" for x in parts
    )
    return f"By platform, share of the change: {shown}."


def _when(p: Printer, metric: Metric, why: Why, names: Names) -> str:
    days = ", ".join(_day(p, metric, gap) for gap in why.days)
    who = names.scope(why.scope) if why.scope != TENANT else "all accounts"
    return f"When: for {who}, on {days}."


def _day(p: Printer, metric: Metric, gap: DayGap) -> str:
    label = day_label(gap.day)
    if gap.value is None or gap.expected is None:
        return label
    return f"{label} ({p.metric(metric, gap.value)} against about {p.metric(metric, gap.expected)})"


def base_label(start: date, end: date, source: str, as_of: date) -> str:
    """ "against the previous period (Nov 2–8)"."""
    label = period_label(start, end, as_of)
    kind = "the compared period" if source == "compare_to" else "the previous period"
    return f"against {kind} ({label})"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
