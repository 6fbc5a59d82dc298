"""What the pipeline costs on top of the model and the connector, under load.

Starts a load-test OpenAI-compatible upstream (`bench/upstream.py`, playing vLLM with a fixed
latency) and the embedded stack with it as the vLLM engine, raises the demo tenant's limits, then
loads the gateway with an asyncio client (one connection per concurrent caller, loopback only):
analysis questions at c = 1, 16, 64, 256 and direct questions at c = 1, 16, each level bounded in
count and time. Beside them: the bare upstream at the same concurrency and one bare MCP
`get_metrics` call. Prints p50/p95/p99, answers/s, errors, the engines that answered, each
stage's time from `Server-Timing`, the CPU each part of the system spent per answer (`cpu.py`),
the services' resident memory, and the ratios the speed goals are stated in. The answer cache
is off for that load (every analysis reaches the model); data_fetch keeps connector rows as it
does in production (the same question's weeks come from them after the first), or keeps none
with `--fresh-rows`. A second stack, cache on, then asks a repeat mix one question at a time
and prints the hit rate and a hit's latency beside a miss's. Writes it all as JSON to
bench/results/ (the history).

Run: .venv/bin/python bench/bench_pipeline.py [--seconds 20] [--levels 1,16,64,256] [--fresh-rows]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cpu  # bench/ is sys.path[0]
import httpx
from figures import percentile, save
from load import asker, load, measured
from pipeline_report import print_result
from span_timeline import read_spans, timeline

from aya.settings import StackSettings
from aya.stack import Stack, StackInfo

HERE = Path(__file__).resolve().parent
TENANT = "northwind-outfitters"
ANALYSIS = "Why did ROAS drop last week?"
DIRECT = "What did we spend on Google Ads last week?"
TIERS = ("small", "medium", "large")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready after {seconds} s")


def _bare_upstream(client: httpx.AsyncClient) -> Any:
    body = {"model": "mock", "messages": [{"role": "user", "content": "How did we do?"}]}

    async def send() -> tuple[int, str | None, dict[str, float]]:
        response = await client.post("/v1/chat/completions", json=body, timeout=60)
        return response.status_code, "upstream", {}

    return send


def _bare_mcp(mcp_url: str, token: str) -> Any:
    from bench_direct import _bare_latency  # one bare get_metrics on a reused session

    return _bare_latency(mcp_url, token, 200)


async def _run(info: Any, upstream_url: str, levels: list[int], seconds: float) -> dict[str, Any]:
    key = next(t for t in info.tenants if t["id"] == TENANT)["api_key"]
    out: dict[str, Any] = {"analysis": [], "direct": [], "upstream": []}
    for c in levels:
        limits = httpx.Limits(max_connections=c, max_keepalive_connections=c)
        async with httpx.AsyncClient(base_url=upstream_url, limits=limits) as bare:
            out["upstream"].append(await load(_bare_upstream(bare), c, seconds, 40 * c))
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(
            base_url=info.gateway_url, headers=headers, limits=limits
        ) as api:
            await asker(api, ANALYSIS)()  # warm-up
            out["analysis"].append(await measured(asker(api, ANALYSIS), c, seconds, 20 * c))
            if c <= 16:
                await asker(api, DIRECT)()
                out["direct"].append(await measured(asker(api, DIRECT), c, seconds, 40 * c))
    token = next(t for t in info.tenants if t["id"] == TENANT)["lemanado_token"]
    mcp = await _bare_mcp(info.mcp_url, token)
    out["bare_get_metrics_p50_ms"] = percentile(mcp, 0.5)
    return out


MIX = (
    "Why did ROAS drop last week?",
    "Why did our conversions drop last week?",
    "What happened on Meta last week?",
    "Anything unusual in our campaigns last week?",
    "Which campaigns should get more budget?",
    "Why did CPA rise on Google last week?",
    "Summarise last month for the client",
    "Is TikTok worth it?",
)
MIX_ASKS = 60
UNIQUE_ASKS = 20


async def _cache_mix(info: Any) -> dict[str, Any]:
    """A repeat mix (a few questions asked often, most rarely: Zipf weights, fixed seed), one
    at a time: the hit rate, and the latency of a hit beside a miss; then questions asked once
    each, all misses."""
    key = next(t for t in info.tenants if t["id"] == TENANT)["api_key"]
    chooser = random.Random(7)
    asked = chooser.choices(MIX, weights=[1 / (i + 1) for i in range(len(MIX))], k=MIX_ASKS)
    hits: list[float] = []
    misses: list[float] = []
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=info.gateway_url, headers=headers) as api:
        for question in asked:
            started = time.perf_counter()
            response = await api.post("/v1/queries", json={"query": question}, timeout=120)
            elapsed = (time.perf_counter() - started) * 1000
            (hits if response.json().get("cached_from") else misses).append(elapsed)
        # What the cache costs a question it cannot answer: the same question told apart by a
        # ticket number, so each is a miss (the key is taken from every job, hit or not).
        unique = []
        for n in range(UNIQUE_ASKS):
            started = time.perf_counter()
            question = f"{ANALYSIS} Ticket {n}"
            response = await api.post("/v1/queries", json={"query": question}, timeout=120)
            response.raise_for_status()
            if response.json().get("cached_from"):
                raise RuntimeError(f"{question!r} was answered from the cache")
            unique.append((time.perf_counter() - started) * 1000)
    return {
        "asks": len(asked),
        "distinct": len(set(asked)),
        "hit_rate": len(hits) / len(asked),
        "hit_p50_ms": percentile(hits, 0.5) if hits else None,
        "miss_p50_ms": percentile(misses, 0.5) if misses else None,
        "unique_asks": UNIQUE_ASKS,
        "unique_p50_ms": percentile(unique, 0.5),
    }


TIMELINE_ASKS = 20


async def _timelines(info: Any, trace_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Each path's questions one at a time on a stack that writes its spans (its own stack:
    exporting spans costs CPU the load levels must not pay), then where their time went."""
    key = next(t for t in info.tenants if t["id"] == TENANT)["api_key"]
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=info.gateway_url, headers=headers) as api:
        for question in (ANALYSIS, DIRECT):
            for _ in range(TIMELINE_ASKS + 1):  # the first warms the connections up
                (
                    await api.post("/v1/queries", json={"query": question}, timeout=120)
                ).raise_for_status()
    asked = 2 * (TIMELINE_ASKS + 1)
    deadline = time.monotonic() + 30
    while True:  # spans are written in batches, a moment after each answer
        spans = read_spans(trace_dir)
        routed = sum(
            1 for s in spans if s["service"] == "router" and s["name"] == "query.submitted"
        )
        answered = sum(1 for s in spans if s["name"] == "POST /v1/queries")
        if (routed >= asked and answered >= asked) or time.monotonic() > deadline:
            return {
                kind: timeline(spans, model=kind == "analysis") for kind in ("analysis", "direct")
            }
        await asyncio.sleep(0.2)


def _memory(info: Any) -> dict[str, float]:
    """Each service's resident memory (MB), from its own Prometheus process collector."""
    found: dict[str, float] = {}
    for name, urls in info.services.items():
        text = httpx.get(urls["metrics_url"], timeout=5).text
        for line in text.splitlines():
            if line.startswith("process_resident_memory_bytes "):
                found[name] = round(float(line.split()[1]) / 1e6, 1)
    return found


def _commit() -> str:
    """The code measured: HEAD, marked when the tree has changes."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    )
    return head.stdout.strip() + (" (with changes)" if dirty.stdout.strip() else "")


@contextlib.contextmanager
def pipeline_stack(
    latency_ms: float = 50.0,
    cache: bool = False,
    keep_rows: bool = True,
    inference: int = 1,
    logs_to: Path | None = None,
    trace_dir: Path | None = None,
) -> Iterator[tuple[StackInfo, str]]:
    """The upstream (its own process) and the embedded stack with it as the vLLM engine, the
    demo tenant's limits raised out of the way; yields the stack's info and the upstream URL.
    The answer cache is off unless `cache`: a repeated question must reach the model. With
    `keep_rows` False, data_fetch keeps no connector rows: every question calls the connector,
    as a question over weeks nobody asked about lately does. `inference` worker processes
    share the analysis queues. With `logs_to`, each process's log is copied there at the end
    (the stack's home is a temporary directory). With `trace_dir`, every service writes its
    spans there."""
    port = _free_port()
    command = [sys.executable, str(HERE / "upstream.py"), "--port", str(port)]
    upstream = subprocess.Popen([*command, "--latency-ms", str(latency_ms)])
    upstream_url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{upstream_url}/health")
        with tempfile.TemporaryDirectory() as home:
            settings = StackSettings(home=Path(home), inference_workers=inference)
            stack = Stack(Path(home), settings)
            stack.extra_env = {
                "AYA_TODAY": "2026-11-22",
                "AYA_LOG_LEVEL": "WARNING",
                "AYA_VLLM_URL": upstream_url,
                "AYA_VLLM_MODELS": json.dumps(dict.fromkeys(TIERS, "mock")),
                "AYA_CONCURRENCY": "64",
                "AYA_ANSWER_CACHE_SECONDS": "86400" if cache else "0",
                **({} if keep_rows else {"AYA_ROW_CACHE_ROWS": "0"}),
                **({} if trace_dir is None else {"AYA_TRACE_DIR": str(trace_dir)}),
            }
            info = stack.start()
            cpu.watch(home)  # PostgreSQL's processes, daemonized under the stack's home
            try:
                raised = httpx.patch(
                    f"{info.gateway_url}/v1/admin/tenants/{TENANT}",
                    json={
                        "requests_per_minute": 100_000,
                        "tokens_per_day": 10_000_000_000,
                        "max_concurrent_analyses": 1000,
                    },
                    headers={"Authorization": f"Bearer {info.operator_key}"},
                    timeout=30,
                )
                raised.raise_for_status()
                yield info, upstream_url
            finally:
                cpu.unwatch(home)
                stack.stop()
                if logs_to is not None:
                    shutil.copytree(Path(home) / "logs", logs_to, dirs_exist_ok=True)
    finally:
        upstream.terminate()
        upstream.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per level")
    parser.add_argument("--levels", default="1,16,64,256")
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument(
        "--inference-workers",
        type=int,
        default=os.cpu_count() or 1,
        help="inference processes (default: one per core, as the README advises)",
    )
    parser.add_argument(
        "--fresh-rows",
        action="store_true",
        help="data_fetch keeps no connector rows (every question calls the connector)",
    )
    args = parser.parse_args()
    levels = [int(c) for c in args.levels.split(",")]
    stack = pipeline_stack(
        args.latency_ms, keep_rows=not args.fresh_rows, inference=args.inference_workers
    )
    with stack as (info, upstream_url):
        idle = _memory(info)
        load = asyncio.run(_run(info, upstream_url, levels, args.seconds))
        after = _memory(info)
    with pipeline_stack(args.latency_ms, cache=True) as (info, _):
        cache = asyncio.run(_cache_mix(info))
    with (
        tempfile.TemporaryDirectory() as traces,
        pipeline_stack(args.latency_ms, trace_dir=Path(traces)) as (info, _),
    ):
        timelines = asyncio.run(_timelines(info, Path(traces)))
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    result = {
        "when": when,
        "commit": _commit(),
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "versions": {
            p: version(p)
            for p in ("faststream", "nats-py", "fastapi", "uvicorn", "httpx", "psycopg", "mcp")
        },
        "settings": {
            "levels": levels,
            "seconds_per_level": args.seconds,
            "upstream_latency_ms": args.latency_ms,
            "analysis": ANALYSIS,
            "direct": DIRECT,
            "connector_rows_kept": not args.fresh_rows,
            "inference_workers": args.inference_workers,
        },
        "load": load,
        "answer_cache": cache,
        "span_timelines_c1": timelines,
        "memory_idle_mb": idle,
        "memory_after_mb": after,
    }
    print_result(result)
    path = save("pipeline", when, result)
    print(f"written: {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
