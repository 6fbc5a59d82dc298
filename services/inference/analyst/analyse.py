"""The analyst engine: an AnalysisJob in, a three-part answer computed from the rows out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from libs.common import FetchedRows, Intent, Metric, QueryPlan
from libs.common.arithmetic import metric_value as value
from libs.common.query import AnalysisJob
from services.inference.analyst.anomalies import scan
from services.inference.analyst.campaigns import standings
from services.inference.analyst.changes import change_metrics, compare
from services.inference.analyst.findings import findings_of
from services.inference.analyst.forecast import forecast, forecast_lines
from services.inference.analyst.printer import Printer
from services.inference.analyst.recommend import recommend
from services.inference.analyst.report import (
    LONG,
    SHORT,
    Analysis,
    observations,
    recommendations,
    render,
    section,
)
from services.inference.analyst.series import Series, build_series
from services.inference.analyst.wording import Names

FORECAST_WINDOW_DAYS = 7


@dataclass(frozen=True)
class AnalystReport:
    """The answer text, its structured findings and every number the text shows."""

    text: str
    findings: dict[str, Any] = field(default_factory=dict)
    figures: list[Decimal] = field(default_factory=list)


def analyse(job: AnalysisJob) -> AnalystReport:
    """A deterministic answer to `job` from its rows alone (no model, no I/O, no clock)."""
    notes = list(job.notes)
    currency = _currency([job.rows, job.compare_rows, job.history], notes)
    printer = Printer(currency)
    if job.plan.intent is Intent.FORECAST:
        return _forecast_report(job, printer, notes)
    if job.rows is None or not job.rows.rows:
        text = "There is no data for the asked period yet, so there is nothing to analyse."
        return AnalystReport(
            "\n\n".join([text, *[f"_Note: {n}_" for n in notes]]), {"notes": notes}
        )
    current = build_series(job.rows)
    history = build_series(job.history) if job.history else None
    base = build_series(job.compare_rows) if job.compare_rows else None
    analysis = _analysis(job.plan, current, history, base, _names(job))
    detail = LONG if job.plan.intent is Intent.REPORT else SHORT
    text = render(printer, analysis, detail, notes)
    return AnalystReport(text, findings_of(analysis, currency, notes), printer.figures)


def _analysis(
    plan: QueryPlan, current: Series, history: Series | None, base: Series | None, names: Names
) -> Analysis:
    totals = current.sums()
    found = scan(current, history)
    ranking = standings(current)
    return Analysis(
        start=current.days[0],
        end=current.days[-1],
        totals=totals,
        comparison=compare(current, base, history, change_metrics(plan.metrics)),
        scan=found,
        ranking=ranking,
        recommendations=recommend(
            ranking, found.anomalies, value(Metric.ROAS, totals), len(current.days)
        ),
        names=names,
    )


def _forecast_report(job: AnalysisJob, printer: Printer, notes: list[str]) -> AnalystReport:
    plan = job.plan
    known = build_series(_merged([job.history, job.compare_rows, job.rows]))
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
    analysis = _analysis(
        plan,
        known.window(start, end),
        known.window(known.days[0], start - timedelta(days=1)),
        None,
        _names(job),
    )
    parts = [
        section("1. Forecast", forecast_lines(printer, projection, plan.as_of)),
        section("2. Key observations (last 7 days)", observations(printer, analysis, SHORT)),
        section("3. Recommendations", recommendations(printer, analysis), numbered=True),
        *[f"_Note: {n}_" for n in notes],
    ]
    found = findings_of(analysis, printer.currency, notes)
    found["forecast"] = {
        "start": projection.start.isoformat(),
        "end": projection.end.isoformat(),
        "projected_days": projection.projected_days,
        "mid": {m.value: str(v.quantize(Decimal("0.01"))) for m, v in projection.mid.items()},
        "low": {m.value: str(v.quantize(Decimal("0.01"))) for m, v in projection.low.items()},
        "high": {m.value: str(v.quantize(Decimal("0.01"))) for m, v in projection.high.items()},
    }
    return AnalystReport("\n\n".join(parts), found, printer.figures)


def _currency(windows: list[FetchedRows | None], notes: list[str]) -> str | None:
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
    return Names(accounts, campaigns, job.plan.as_of)


def _merged(windows: list[FetchedRows | None]) -> FetchedRows:
    """One FetchedRows over all windows; a day x campaign row seen twice counts once."""
    present = [w for w in windows if w is not None]
    if not present:
        raise ValueError("no rows to merge")
    seen: dict[tuple[str, str | None, object], Any] = {}
    for window in present:
        for row in window.rows:
            seen.setdefault((row.account_id, row.campaign_id, row.date), row)
    accounts = {a.account_id: a for w in present for a in w.accounts}
    return FetchedRows(
        date_range={
            "start": min(w.date_range.start for w in present),
            "end": max(w.date_range.end for w in present),
        },
        accounts=list(accounts.values()),
        rows=list(seen.values()),
        fetched_at=max(w.fetched_at for w in present),
    )
