"""An analysis job's rows: the asked period, its comparison and the baseline history, fetched
at once (see `windows.py` for which windows at which grain), with the campaigns' status."""

from __future__ import annotations

import asyncio

from libs.common import BASE_METRICS, AccountRef, FetchedRows
from libs.common.query import AnalysisJob, PlannedQuery
from services.data_fetch.exclusions import leave_out, note, with_campaigns
from services.data_fetch.fetch import AccountDirectory, fetch_rows
from services.data_fetch.mcp_client import ConnectorToolError, LemanadoPool
from services.data_fetch.scope import normalise
from services.data_fetch.windows import Window, analysis_windows, observed


async def analysis_job(
    planned: PlannedQuery,
    pool: LemanadoPool,
    directory: AccountDirectory,
    tenant: str,
    accounts: list[AccountRef],
    notes: list[str],
) -> AnalysisJob:
    """The asked period, its comparison and the baseline history, fetched at once. The asked
    period must come; a comparison or history the connector has no data for (before the
    account's data begins) is left out with a note, and the analysis goes on without it."""
    plan = planned.plan
    windows = analysis_windows(plan)
    metrics = sorted(BASE_METRICS)
    context = planned.query.context
    excluded = context.exclude_campaigns if context else []
    dropped: set[str] = set()

    async def fetch(window: Window | None) -> FetchedRows | None:
        if window is None:
            return None
        grain = with_campaigns(window.grain, excluded)
        fetched = await fetch_rows(directory, tenant, accounts, window.period, metrics, grain)
        kept, gone = leave_out(fetched, excluded)
        dropped.update(gone)
        return kept

    async def optional(window: Window | None, what: str) -> FetchedRows | None:
        try:
            return await fetch(window)
        except ConnectorToolError as exc:
            notes.append(f"No {what} was available: {exc.message}")
            return None

    rows, compare, history, campaigns = await asyncio.gather(
        fetch(windows.asked),
        optional(windows.compare, "data for the comparison period"),
        optional(windows.history, "baseline history"),
        directory.campaigns(tenant, accounts),
    )
    notes += note(sorted(dropped))
    compare_period = observed(plan.compare_to, plan.as_of)
    inside = None
    if windows.compare_in_history and history is not None and compare_period is not None:
        inside = compare_period  # its rows go once, in the history; sliced out on receipt
        compare = None
    left_out = {normalise(name) for name in excluded}
    return AnalysisJob(
        query=planned.query,
        plan=plan,
        rows=rows,
        compare_rows=compare,
        compare_in_history=inside,
        history=history,
        campaigns=[c for c in campaigns if normalise(c.name) not in left_out],
        notes=notes,
    )
