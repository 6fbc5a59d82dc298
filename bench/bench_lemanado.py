"""Benchmark the sample Lemanado server: get_metrics latency over one long-lived MCP session.

Starts `aya lemanado-sample` as a subprocess on a free port, times N calls of 30 days grouped
by date (random account and end date, fixed seed) once the server's caches are warm, prints
p50/p95/p99 in ms, the in-process cost of the largest allowed queries, and the data size.
Run: .venv/bin/python bench/bench_lemanado.py [--calls N] [--today YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The script runs with bench/ as sys.path[0]; an editable install may predate lemanado_sample.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import httpx2  # noqa: E402
from mcp import Client  # noqa: E402
from mcp.client.streamable_http import streamable_http_client  # noqa: E402

from lemanado_sample.auth import tenant_tokens  # noqa: E402
from lemanado_sample.catalog import DATA_START, accounts_by_id, tenants  # noqa: E402
from lemanado_sample.generator import campaign_series  # noqa: E402
from lemanado_sample.query import metric_rows, parse_request  # noqa: E402

SECRET = "bench-secret"
METRICS = ["spend", "impressions", "clicks", "conversions", "conversion_value"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(port: int, today: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AYA_TODAY": today, "AYA_LEMANADO_SAMPLE_SECRET": SECRET}
    command = [sys.executable, "-m", "aya.cli", "lemanado-sample", "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=0.5).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("lemanado-sample did not start")


def _percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def _args(account_id: str, first: date, days: int) -> dict[str, object]:
    last = first + timedelta(days=days - 1)
    return {
        "account_id": account_id,
        "start_date": first.isoformat(),
        "end_date": last.isoformat(),
        "metrics": METRICS,
    }


async def _time_calls(url: str, today: date, calls: int) -> list[float]:
    """Latency (ms) of `calls` get_metrics calls: 30 days by date, one session per tenant."""
    rng = random.Random(42)  # a local generator: reproducible, no global state
    tokens = {t.id: t.token for t in tenant_tokens(SECRET)}
    accounts = sorted(accounts_by_id().values(), key=lambda a: a.account_id)
    span = (today - DATA_START).days - 29
    timings: list[float] = []
    for tenant in tenants():
        mine = [a for a in accounts if a.tenant_id == tenant.tenant_id]
        headers = {"Authorization": f"Bearer {tokens[tenant.tenant_id]}"}
        async with (
            httpx2.AsyncClient(headers=headers) as http,
            Client(streamable_http_client(url, http_client=http), cache=None) as client,
        ):
            for account in mine:  # fill the server's per-campaign-year caches first
                for first in (DATA_START, today - timedelta(days=399)):
                    await client.call_tool("get_metrics", _args(account.account_id, first, 400))
            for _ in range(calls // len(tenants())):
                end = DATA_START + timedelta(days=29 + rng.randrange(span))
                arguments = _args(rng.choice(mine).account_id, end - timedelta(days=29), 30)
                arguments["group_by"] = ["date"]
                started = time.perf_counter()
                result = await client.call_tool("get_metrics", arguments)
                timings.append((time.perf_counter() - started) * 1000)
                assert not result.is_error, result.content
    return timings


def _largest_queries(today: date) -> list[str]:
    """In-process ms of 400 days over the largest account, per grouping (cold, then warm)."""
    account = max(accounts_by_id().values(), key=lambda a: len(a.campaigns))
    start = (today - timedelta(days=399)).isoformat()
    lines = []
    for group_by in ([], ["date"], ["campaign"], ["date", "campaign"]):
        request = parse_request(start, today.isoformat(), METRICS, group_by, today)
        costs = []
        for _ in range(3):
            started = time.perf_counter()
            rows = metric_rows(account, request)
            costs.append((time.perf_counter() - started) * 1000)
        lines.append(
            f"  400 days x {len(account.campaigns)} campaigns, group_by={group_by}: "
            f"{len(rows)} rows, cold={costs[0]:.1f}ms warm={min(costs[1:]):.2f}ms"
        )
    return lines


def _data_size(today: date) -> str:
    campaigns = [c for a in accounts_by_id().values() for c in a.campaigns]
    days = (today - DATA_START).days + 1
    delivering = sum(
        1 for c in campaigns for d in campaign_series(c.campaign_id, DATA_START, today) if d.clicks
    )
    return (
        f"tenants={len(tenants())} accounts={len(accounts_by_id())} campaigns={len(campaigns)} "
        f"days={days} campaign-days={len(campaigns) * days} delivering-campaign-days={delivering}"
    )


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--today", default=os.environ.get("AYA_TODAY", "2026-11-22"))
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    port = _free_port()
    process = _start(port, args.today)
    try:
        url = f"http://127.0.0.1:{port}/mcp"
        timings = asyncio.run(_time_calls(url, today, args.calls))
    finally:
        process.terminate()
        process.wait(timeout=10)
    print(f"get_metrics 30 days by date over MCP, n={len(timings)}: ", end="")
    print(" ".join(f"p{q}={_percentile(timings, q):.2f}ms" for q in (50, 95, 99)))
    print("get_metrics computation in-process (no transport):")
    print("\n".join(_largest_queries(today)))
    print(f"data up to {today}: {_data_size(today)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
