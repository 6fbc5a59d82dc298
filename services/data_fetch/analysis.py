"""An analysis job's rows: the asked period, its comparison and the baseline history, fetched
at once (see `windows.py` for which windows at which grain), with the campaigns' status."""

from __future__ import annotations

import asyncio

from libs.common import BASE_METRICS, AccountRef, FetchedRows
from libs.common.query import AnalysisJob, PlannedQuery
from services.data_fetch.fetch import AccountDirectory, fetch_rows
from services.data_fetch.mcp_client import ConnectorToolError, LemanadoPool
from services.data_fetch.windows import Window, analysis_windows, observed, slice_rows


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

    async def fetch(window: Window | None) -> FetchedRows | None:
        if window is None:
            return None
        return await fetch_rows(pool, tenant, accounts, window.period, metrics, window.grain)

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
    compare_period = observed(plan.compare_to, plan.as_of)
    if windows.compare_in_history and history is not None and compare_period is not None:
        compare = slice_rows(history, compare_period)
    return AnalysisJob(
        query=planned.query,
        plan=plan,
        rows=rows,
        compare_rows=compare,
        history=history,
        campaigns=campaigns,
        notes=notes,
    )
