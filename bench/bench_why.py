"""Why-questions: recall of the injected anomalies, false alarms, and what the comparison and
the baseline history add to each analysis question's fetch and analysis time.

1. Recall: every question of `tests/anomaly_questions.py` (three per injected anomaly) through
   REST on the embedded stack (`AYA_TODAY=2026-11-22`, the analyst engine); an anomaly counts
   as found by a question when the answer names its campaign (or account), a day inside it and
   its direction. Prints recall per anomaly kind and per question kind.
2. False alarms: every clean week of both demo tenants scanned as "anything unusual last week?"
   (in-process, the same rows the connector serves). Prints alarms per tenant-week and each one.
3. Added time: for each question's plan, against the real sample MCP server, the fetch of the
   asked period alone (what analysis fetched before) and of the asked period with its
   comparison and history (today), and the analyst on each. Prints p50/p95 of both and of the
   difference.
Run: .venv/bin/python bench/bench_why.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests" / "inference"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import httpx  # noqa: E402
from analyst_support import clean_week_scans  # noqa: E402
from figures import summary  # noqa: E402  (bench/ is sys.path[0])

from aya.settings import StackSettings  # noqa: E402
from aya.stack import Stack  # noqa: E402
from libs.common import BASE_METRICS  # noqa: E402
from libs.common.query import AnalysisJob, PlannedQuery, Query  # noqa: E402
from services.data_fetch.analysis import analysis_job  # noqa: E402
from services.data_fetch.credentials import Credentials  # noqa: E402
from services.data_fetch.fetch import AccountDirectory, fetch_rows  # noqa: E402
from services.data_fetch.mcp_client import LemanadoPool  # noqa: E402
from services.data_fetch.scope import Scope, resolve_scope  # noqa: E402
from services.data_fetch.windows import DAILY_GRAIN, observed  # noqa: E402
from services.inference.analyst import analyse  # noqa: E402
from services.router import build_plan  # noqa: E402
from tests.anomaly_questions import Case, cases, finding_line  # noqa: E402

TODAY = date(2026, 11, 22)


def recall(stack: Stack) -> None:
    assert stack.info is not None
    keys = {t["id"]: t["api_key"] for t in stack.info.tenants}
    found: dict[str, list[bool]] = defaultdict(list)
    by_question: dict[str, list[bool]] = defaultdict(list)
    with httpx.Client(base_url=stack.info.gateway_url, timeout=60) as client:
        for case in cases():
            response = client.post(
                "/v1/queries",
                json={"query": case.question},
                headers={"Authorization": f"Bearer {keys[case.anomaly.tenant_id]}"},
            )
            answer = response.json().get("answer") or ""
            hit = finding_line(answer, case.anomaly) is not None
            found[case.anomaly.kind.value].append(hit)
            by_question[case.kind].append(hit)
            if not hit:
                print(f"  missed: {case.id}: {case.question!r}")
    print("recall per anomaly kind (questions that named campaign, day and direction):")
    for kind, hits in sorted(found.items()):
        print(f"  {kind:<18} {sum(hits)}/{len(hits)}")
    print("recall per question kind:")
    for kind, hits in sorted(by_question.items()):
        print(f"  {kind:<18} {sum(hits)}/{len(hits)}")


def false_alarms() -> None:
    started = time.perf_counter()
    scans = clean_week_scans()
    alarms = [(s, a) for s in scans for a in s.alarms]
    seasonal = sum(len(s.seasonal) for s in scans)
    print(
        f"false alarms: {len(alarms)} in {len(scans)} clean tenant-weeks = "
        f"{len(alarms) / len(scans):.3f} per week; seasonal flags {seasonal} "
        f"({time.perf_counter() - started:.1f} s)"
    )
    for scan, a in alarms:
        where = a.scope[1] or a.scope[0] or "tenant"
        print(
            f"  {scan.tenant_id} week of {scan.start}: {a.kind.value} {a.metric.value} "
            f"{where} {a.start}..{a.end} z={float(a.z or 0):.1f}"
        )


async def added_time(stack: Stack, rounds: int) -> None:
    assert stack.info is not None
    assert stack.info.mcp_url
    tokens = {t["id"]: t["lemanado_token"] for t in stack.info.tenants}
    pool = LemanadoPool(stack.info.mcp_url, Credentials(tokens, None), call_timeout=30, retries=0)
    directory = AccountDirectory(pool, 3600)
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for case in cases():
            await _time_case(case, pool, directory, times)
    print("added time per analysis question (sample MCP server on loopback, analyst in-process):")
    for name in (
        "fetch: asked period only (before)",
        "fetch: asked + comparison + history (now)",
        "fetch: added",
        "analyst: asked period only (before)",
        "analyst: with comparison and history (now)",
        "analyst: added",
    ):
        print(summary(f"  {name}", times[name]))


async def _time_case(
    case: Case, pool: LemanadoPool, directory: AccountDirectory, times: dict[str, list[float]]
) -> None:
    tenant = case.anomaly.tenant_id
    plan = build_plan(case.question, today=TODAY)
    await directory.bind(tenant, None)
    scope = resolve_scope(plan, await directory.accounts(tenant))
    assert isinstance(scope, Scope)
    accounts = list(scope.accounts)
    asked = observed(plan.date_range, plan.as_of)
    assert asked is not None
    metrics = sorted(BASE_METRICS)
    started = time.perf_counter()
    rows = await fetch_rows(directory, tenant, accounts, asked, metrics, DAILY_GRAIN)
    before = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    planned = PlannedQuery(query=Query(text=case.question), plan=plan)
    job = await analysis_job(planned, pool, directory, tenant, accounts, [])
    now = (time.perf_counter() - started) * 1000
    times["fetch: asked period only (before)"].append(before)
    times["fetch: asked + comparison + history (now)"].append(now)
    times["fetch: added"].append(now - before)
    alone = AnalysisJob(query=job.query, plan=plan, rows=rows, campaigns=job.campaigns)
    started = time.perf_counter()
    analyse(alone)
    before = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    analyse(job)
    now = (time.perf_counter() - started) * 1000
    times["analyst: asked period only (before)"].append(before)
    times["analyst: with comparison and history (now)"].append(now)
    times["analyst: added"].append(now - before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds over the questions")
    args = parser.parse_args()
    false_alarms()
    with tempfile.TemporaryDirectory() as home:
        stack = Stack(Path(home), StackSettings(home=Path(home)))
        stack.extra_env = {"AYA_TODAY": TODAY.isoformat(), "AYA_SYNC_TIMEOUT_SECONDS": "60"}
        stack.start(timeout=120)
        try:
            recall(stack)
            asyncio.run(added_time(stack, args.rounds))
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
