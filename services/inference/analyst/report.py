"""The three-part answer: 1. Key observations, 2. Anomalies, 3. Recommendations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from libs.common import Metric
from libs.common.arithmetic import Sums
from libs.common.arithmetic import metric_value as value
from libs.common.tenant_context import Targets
from services.inference.analyst.anomalies import Scan
from services.inference.analyst.anomaly import COMPARED, Anomaly, ScopeId
from services.inference.analyst.campaigns import CampaignStat, Standings
from services.inference.analyst.changes import Comparison
from services.inference.analyst.decompose import Decomposition
from services.inference.analyst.explain import Why
from services.inference.analyst.printer import Printer, day_label, period_label
from services.inference.analyst.recommend import Recommendation
from services.inference.analyst.why_lines import base_label, why_lines
from services.inference.analyst.wording import (
    Names,
    anomaly_line,
    merge_runs,
    metric_name,
    recommendation_line,
)


@dataclass(frozen=True)
class Detail:
    """How much to say: a report is longer than a quick answer."""

    anomalies: int = 5
    campaigns: int = 1


SHORT, LONG = Detail(), Detail(anomalies=8, campaigns=3)


DAILY_DAYS = 92
"""Days of daily totals an answer's data carries: a quarter, enough to see the baseline."""


@dataclass(frozen=True)
class Analysis:
    """Everything computed for one period, ready to be written."""

    start: date
    end: date
    totals: Sums
    comparison: Comparison | None
    scan: Scan
    ranking: Standings
    recommendations: list[Recommendation]
    names: Names
    decompositions: tuple[Decomposition, ...] = ()
    whys: tuple[Why, ...] = ()
    stopped: tuple[tuple[ScopeId, date], ...] = ()
    """Campaigns switched off for good (connector status) whose spend stopped in the period."""
    targets: Targets | None = None
    """The tenant's own targets, which the answer measures the period against."""
    daily: tuple[tuple[date, Sums], ...] = ()
    """The tenant's daily sums up to the period's end (its history included, at most
    `DAILY_DAYS`): what a front-end draws the period and its anomalies on."""
    """The metrics the answer explains (why questions and reports), in order."""

    def explaining(self) -> list[Anomaly]:
        """The anomalies that explain an explained change, each once, in order."""
        found: dict[int, Anomaly] = {}
        for why in self.whys:
            for anomaly in why.explained_by:
                found.setdefault(id(anomaly), anomaly)
        return list(found.values())


def headline(p: Printer, a: Analysis) -> str:
    """The period and its headline totals."""
    t = a.totals
    return (
        f"**{period_label(a.start, a.end, a.names.as_of)}**: spend {p.money(t[Metric.SPEND])}, "
        f"{p.count(t[Metric.CONVERSIONS])} conversions, conversion value "
        f"{p.money(t[Metric.CONVERSION_VALUE])}, "
        f"ROAS {p.metric(Metric.ROAS, value(Metric.ROAS, t))}, "
        f"CPA {p.metric(Metric.CPA, value(Metric.CPA, t))}."
    )


def observations(p: Printer, a: Analysis, detail: Detail) -> list[str]:
    """Bullets on the targets, what changed and which campaigns lead and lag."""
    lines = against_targets(p, a)
    lines += _whys(p, a)
    lines += _changes(p, a) if a.comparison else ["No earlier period was available to compare."]
    lines += _leaders(p, a, detail)
    lines += [
        f"{a.names.scope(key)} was switched off (its status is paused): no spend from "
        f"{day_label(day)}."
        for key, day in a.stopped
    ]
    return lines


def against_targets(p: Printer, a: Analysis) -> list[str]:
    """The period's ROAS and CPA against the tenant's targets, when it set them ("ROAS 3.10×
    against your target of 4.00×: short of it")."""
    if a.targets is None:
        return []
    lines = []
    words = {Metric.ROAS: ("above it", "short of it"), Metric.CPA: ("over it", "under it")}
    for metric, target in ((Metric.ROAS, a.targets.roas), (Metric.CPA, a.targets.cpa)):
        actual = value(metric, a.totals)
        if target is None or actual is None:
            continue
        higher, lower = words[metric]
        verdict = "on target" if actual == target else higher if actual > target else lower
        lines.append(
            f"{metric_name(metric)} {p.metric(metric, actual)} against your target of "
            f"{p.metric(metric, target)}: {verdict}."
        )
    return lines


def _whys(p: Printer, a: Analysis) -> list[str]:
    if a.comparison is None:
        return []
    c = a.comparison
    label = base_label(c.start, c.end, c.source, a.names.as_of)
    return [line for why in a.whys for line in why_lines(p, why, a.names, label)]


def _changes(p: Printer, a: Analysis) -> list[str]:
    assert a.comparison is not None
    c = a.comparison
    parts = [
        f"{metric_name(ch.metric)} {p.change(ch.relative)}"
        for ch in c.changes
        if ch.relative is not None
    ]
    label = "compared period" if c.source == "compare_to" else "previous period"
    lines = [
        f"Against the {label} ({period_label(c.start, c.end, a.names.as_of)}): {', '.join(parts)}."
    ]
    for ch in c.changes:
        if (
            ch.driver is not None
            and ch.driver_delta is not None
            and ch.metric in (Metric.SPEND, Metric.CONVERSIONS)
        ):
            delta = p.metric(ch.metric, abs(ch.driver_delta))
            word = "rise" if ch.driver_delta > 0 else "fall"
            lines.append(
                f"The largest {metric_name(ch.metric)} {word} came from "
                f"{a.names.scope(ch.driver)} ({'+' if ch.driver_delta > 0 else '−'}{delta})."
            )
    return lines


def _leaders(p: Printer, a: Analysis, detail: Detail) -> list[str]:
    r = a.ranking
    lines: list[str] = []
    n = detail.campaigns
    if len(r.by_roas) >= 2:
        best, worst = r.by_roas[:n], r.by_roas[-n:][::-1]
        lines.append(
            f"Best ROAS: {_list(p, best, Metric.ROAS, a.names)}; "
            f"weakest: {_list(p, worst, Metric.ROAS, a.names)}."
        )
    if len(r.by_cpa) >= 2:
        best, worst = r.by_cpa[:n], r.by_cpa[-n:][::-1]
        lines.append(
            f"Lowest CPA: {_list(p, best, Metric.CPA, a.names)}; "
            f"highest: {_list(p, worst, Metric.CPA, a.names)}."
        )
    if r.no_conversions:
        s = r.no_conversions[0]
        lines.append(
            f"{a.names.scope(s.key)} spent {p.money(s.sums[Metric.SPEND])} without a conversion."
        )
    if r.no_value:
        lines.append(
            f"{len(r.no_value)} campaign(s) convert without conversion value (awareness or "
            "sign-ups) and are left out of the ROAS ranking."
        )
    return lines


def _list(p: Printer, stats: tuple[CampaignStat, ...], metric: Metric, names: Names) -> str:
    return ", ".join(
        f"{names.scope(s.key)} {p.metric(metric, s.roas if metric is Metric.ROAS else s.cpa)} "
        f"({p.count(s.sums[Metric.CONVERSIONS])} conv.)"
        for s in stats
    )


def anomalies(p: Printer, a: Analysis, detail: Detail) -> list[str]:
    """Bullets on unusual days and breaks, strongest first."""
    if a.scan.baseline == "none":
        return ["No baseline history was available, so no day could be judged unusual."]
    # Those that explain the asked change first, then the scan's urgency order.
    ordered = [*a.explaining(), *(x for x in a.scan.anomalies if x not in a.explaining())]
    runs = merge_runs(sorted(ordered, key=lambda x: (x.period, x.scope, x.kind, x.metric, x.start)))
    order = {id(x): i for i, x in enumerate(ordered)}
    runs.sort(key=lambda x: _first_rank(x, ordered, order))
    lines = [_anomaly_line(p, x, a.names) for x in runs[: detail.anomalies]]
    if len(runs) > detail.anomalies:
        lines.append(f"…and {len(runs) - detail.anomalies} smaller ones (in the data).")
    if not lines:
        lines.append("Nothing unusual: every checked metric stayed within its usual range.")
    if a.scan.baseline == "all_days":
        lines.append(
            "History was short, so days were judged against all earlier days, not the same weekday."
        )
    return lines


def _anomaly_line(p: Printer, x: Anomaly, names: Names) -> str:
    if x.period == COMPARED:
        return f"In the comparison period: {anomaly_line(p, x, names)}"
    return anomaly_line(p, x, names)


def _first_rank(run: Anomaly, ordered: list[Anomaly], order: dict[int, int]) -> int:
    # Keep the given order; a merged run takes the rank of its strongest day.
    ranks = [
        order[id(x)]
        for x in ordered
        if (x.period, x.scope, x.kind, x.metric) == (run.period, run.scope, run.kind, run.metric)
        and run.start <= x.start <= run.end
    ]
    return min(ranks, default=len(order))


def recommendations(p: Printer, a: Analysis) -> list[str]:
    """Numbered next steps."""
    if not a.recommendations:
        return [
            "No change needed on this evidence: keep budgets as they are and re-check next week."
        ]
    return [recommendation_line(p, r, a.names) for r in a.recommendations]


def section(title: str, lines: list[str], *, numbered: bool = False) -> str:
    """A bold heading and its bullets."""
    body = [f"{i}. {line}" if numbered else f"- {line}" for i, line in enumerate(lines, 1)]
    return "\n".join([f"**{title}**", *body])


def render(p: Printer, a: Analysis, detail: Detail, notes: list[str]) -> str:
    """The whole answer."""
    parts = [
        headline(p, a),
        section("1. Key observations", observations(p, a, detail)),
        section("2. Anomalies", anomalies(p, a, detail)),
        section("3. Recommendations", recommendations(p, a), numbered=True),
    ]
    parts += [f"_Note: {note}_" for note in notes]
    return "\n\n".join(parts)
