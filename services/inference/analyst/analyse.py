"""The analyst engine: an AnalysisJob in, a three-part answer computed from the rows out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from libs.common import FetchedRows, Intent, Metric, QueryPlan
from libs.common.arithmetic import metric_value as value
from libs.common.plan import COMPARE_ALIGNED
from libs.common.query import AnalysisJob
from services.inference.analyst.anomalies import Scan, scan
from services.inference.analyst.anomaly import ASKED, COMPARED, Anomaly
from services.inference.analyst.breaks import stopped_campaigns
from services.inference.analyst.campaigns import standings
from services.inference.analyst.changes import change_metrics, compare, previous_window
from services.inference.analyst.decompose import Decomposition, decompose_all
from services.inference.analyst.explain import Why, asked_direction, explain
from services.inference.analyst.findings import findings_of
from services.inference.analyst.forecast import forecast, forecast_lines
from services.inference.analyst.printer import Printer
from services.inference.analyst.recommend import recommend
from services.inference.analyst.report import (
    DAILY_DAYS,
    LONG,
    SHORT,
    Analysis,
    observations,
    recommendations,
    render,
    section,
)
from services.inference.analyst.series import Series, build_series, build_timeline
from services.inference.analyst.wording import Names

FORECAST_WINDOW_DAYS = 7
SWITCHED_OFF = "paused"
"""The connector's status of a campaign switched off for good."""


@dataclass(frozen=True)
class AnalystReport:
    """The answer text, its structured data and every number the text shows."""

    text: str
    data: dict[str, Any] = field(default_factory=dict)
    figures: list[Decimal] = field(default_factory=list)


SCAN_COMPARED = frozenset({Intent.DIAGNOSIS, Intent.REPORT, Intent.RECOMMENDATION, Intent.TREND})
"""Intents whose comparison period is checked for anomalies too: an unusual comparison period
explains a change as well as an unusual asked one."""
EXPLAINED = frozenset({Intent.DIAGNOSIS, Intent.REPORT})
"""Intents whose answer leads with why the headline metric changed."""


def analyse(job: AnalysisJob, analysis: Analysis | None = None) -> AnalystReport:
    """A deterministic answer to `job` from its rows alone (no model, no I/O, no clock);
    `analysis` is `examine(job)` when the caller already has it."""
    notes = list(job.notes)
    currency = currency_of([job.rows, job.compare_rows, job.history], notes)
    printer = Printer(currency)
    if job.plan.intent is Intent.FORECAST:
        return _forecast_report(job, printer, notes)
    analysis = analysis or examine(job)
    if analysis is None:
        text = "There is no data for the asked period yet, so there is nothing to analyse."
        return AnalystReport(
            "\n\n".join([text, *[f"_Note: {n}_" for n in notes]]), {"notes": notes}
        )
    detail = LONG if job.plan.intent is Intent.REPORT else SHORT
    text = render(printer, analysis, detail, notes)
    context = job.query.context
    if job.plan.intent is Intent.REPORT and context is not None:
        # A report goes to the client as it is: it names whose it is and who wrote it.
        text = f"**{context.display_name}** · {context.assistant_name}\n\n{text}"
    return AnalystReport(text, findings_of(analysis, currency, notes), printer.figures)


def facts_data(job: AnalysisJob, analysis: Analysis) -> dict[str, Any]:
    """The structured data of `examine(job)`: what a model is given and a front-end charts."""
    notes = list(job.notes)
    currency = currency_of([job.rows, job.compare_rows, job.history], notes)
    return findings_of(analysis, currency, notes)


def examine(job: AnalysisJob) -> Analysis | None:
    """Everything the analyst computes for `job`: changes and where they came from, anomalies,
    standings, recommendations. None when the asked period has no rows."""
    if job.rows is None or not job.rows.rows:
        return None
    plan = job.plan
    timeline = build_timeline([w for w in (job.history, job.rows) if w is not None])
    period = job.rows.date_range
    current = timeline.window(period.start, period.end)
    base, source = _base(job)
    base_series = _daily_base(base, timeline)
    periods = [(ASKED, current.days)]
    if base_series is not None and plan.intent in SCAN_COMPARED:
        periods.append((COMPARED, base_series.days))
    switched_off = frozenset(
        (c.account_id, c.campaign_id) for c in job.campaigns if c.status == SWITCHED_OFF
    )
    found = scan(timeline, periods, switched_off)
    metrics = change_metrics(plan.metrics)
    found_all = decompose_all(job.rows, base, metrics) if base is not None else []
    decompositions = tuple(d for d in found_all if d is not None)
    chosen = _explained(plan, decompositions)
    direction = asked_direction(job.query.text)
    whys = tuple(explain(d, current, base_series, found.anomalies, direction) for d in chosen)
    analysis = _analysis(plan, current, found, base, source, metrics, decompositions, whys, job)
    shown = [day for day in timeline.days if day <= period.end][-DAILY_DAYS:]
    return replace(
        analysis,
        stopped=stopped_campaigns(timeline, current.days, switched_off),
        daily=tuple((day, timeline.total[day]) for day in shown),
    )


def _analysis(
    plan: QueryPlan,
    current: Series,
    found: Scan,
    base: FetchedRows | None,
    source: str,
    metrics: list[Metric],
    decompositions: tuple[Decomposition, ...],
    whys: tuple[Why, ...],
    job: AnalysisJob,
) -> Analysis:
    totals = current.sums()
    ranking = standings(current)
    comparison = None
    if base is not None and job.rows is not None:
        comparison = compare(job.rows, base, source, metrics)
    return Analysis(
        start=current.days[0],
        end=current.days[-1],
        totals=totals,
        comparison=comparison,
        scan=found,
        ranking=ranking,
        recommendations=recommend(
            ranking, _asked_only(found), value(Metric.ROAS, totals), len(current.days)
        ),
        names=_names(job),
        decompositions=decompositions,
        whys=whys if plan.intent in EXPLAINED else (),
        targets=job.query.context.targets if job.query.context else None,
    )


def _asked_only(found: Scan) -> tuple[Anomaly, ...]:
    """What the recommendations act on: the asked period's anomalies, seasonal ones aside."""
    return tuple(a for a in found.anomalies if a.period == ASKED and a.season is None)


def _base(job: AnalysisJob) -> tuple[FetchedRows | None, str]:
    if job.compare_rows is not None:
        chosen = COMPARE_ALIGNED in job.plan.rationale  # the question named no comparison
        return job.compare_rows, "previous_period" if chosen else "compare_to"
    if job.rows is None:
        return None, ""
    derived = previous_window(job.rows.date_range, job.history)
    return (derived, "previous_period") if derived is not None else (None, "")


def _daily_base(base: FetchedRows | None, timeline: Series) -> Series | None:
    """The comparison as daily sums, from the timeline when it covers it (to be checked for
    anomalies against its own 4 weeks before), else from its own rows if they have days."""
    if base is None:
        return None
    rng = base.date_range
    if rng.start in timeline.total and rng.end in timeline.total:
        return timeline.window(rng.start, rng.end)
    if any(row.date is None for row in base.rows):
        return None  # campaign totals: no days to look at
    return build_series(base)


def _explained(plan: QueryPlan, found: tuple[Decomposition, ...]) -> tuple[Decomposition, ...]:
    """The metrics the answer explains: those the question names (two at most), else the
    headline metric that moved most."""
    named = [d for d in found if d.metric in plan.metrics][:2]
    if named:
        return tuple(named)
    headline = [d for d in found if d.metric in HEADLINE and d.relative is not None]
    if not headline:
        return ()
    return (max(headline, key=lambda d: (abs(d.relative or 0), -HEADLINE.index(d.metric))),)


HEADLINE = (Metric.ROAS, Metric.CONVERSIONS, Metric.SPEND)


def _forecast_report(job: AnalysisJob, printer: Printer, notes: list[str]) -> AnalystReport:
    plan = job.plan
    windows = [w for w in (job.history, job.compare_rows, job.rows) if w is not None]
    known = build_timeline(windows)
    projection = (
        forecast(known, plan.date_range.start, plan.date_range.end, plan.as_of)
        if known.days
        else None
    )
    if projection is None:
        text = "There is too little recent data (under a week) to project from."
        return AnalystReport(
            "\n\n".join([text, *[f"_Note: {n}_" for n in notes]]), {"notes": notes}
        )
    end = projection.basis_end
    start = end - timedelta(days=FORECAST_WINDOW_DAYS - 1)
    current = known.window(start, end)
    found = scan(known, [(ASKED, current.days)])
    analysis = _analysis(plan, current, found, None, "", change_metrics(plan.metrics), (), (), job)
    parts = [
        section("1. Forecast", forecast_lines(printer, projection, plan.as_of)),
        section("2. Key observations (last 7 days)", observations(printer, analysis, SHORT)),
        section("3. Recommendations", recommendations(printer, analysis), numbered=True),
        *[f"_Note: {n}_" for n in notes],
    ]
    found_data = findings_of(analysis, printer.currency, notes)
    found_data["forecast"] = {
        "start": projection.start.isoformat(),
        "end": projection.end.isoformat(),
        "projected_days": projection.projected_days,
        "mid": {m.value: str(v.quantize(Decimal("0.01"))) for m, v in projection.mid.items()},
        "low": {m.value: str(v.quantize(Decimal("0.01"))) for m, v in projection.low.items()},
        "high": {m.value: str(v.quantize(Decimal("0.01"))) for m, v in projection.high.items()},
    }
    return AnalystReport("\n\n".join(parts), found_data, printer.figures)


def currency_of(windows: list[FetchedRows | None], notes: list[str]) -> str | None:
    """The one currency of the windows' accounts; a note (and None) when they mix several."""
    found = sorted({a.currency for w in windows if w is not None for a in w.accounts})
    if len(found) == 1:
        return found[0]
    if found:
        notes.append(
            f"The accounts report in several currencies ({', '.join(found)}); "
            "money figures add them up unconverted."
        )
    return None


def _names(job: AnalysisJob) -> Names:
    windows = [w for w in (job.rows, job.compare_rows, job.history) if w is not None]
    accounts = {a.account_id: a.name for w in windows for a in w.accounts}
    campaigns = {
        (r.account_id, r.campaign_id): r.campaign_name or r.campaign_id
        for w in windows
        for r in w.rows
        if r.campaign_id is not None
    }
    platforms = {a.account_id: a.platform for w in windows for a in w.accounts}
    return Names(accounts, campaigns, job.plan.as_of, platforms)
