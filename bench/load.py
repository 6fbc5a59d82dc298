"""The closed-loop load the pipeline bench puts on the gateway: `concurrency` callers, each
sending one question after another, and the latency percentiles, statuses, engines and
`Server-Timing` stages of what came back (with the CPU each process spent, `cpu.py`)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any

import cpu  # bench/ is sys.path[0]
import httpx
from figures import percentile


def stages_of(header: str | None) -> dict[str, float]:
    found: dict[str, float] = {}
    for part in (header or "").split(","):
        name, _, duration = part.strip().partition(";dur=")
        if duration:
            found[name] = float(duration)
    return found


async def load(send: Any, concurrency: int, seconds: float, limit: int) -> dict[str, Any]:
    """`concurrency` callers, each sending one request after another, until `limit` requests
    or `seconds` pass; latency, status, engine and stages of each."""
    samples: list[dict[str, Any]] = []
    deadline = time.monotonic() + seconds

    async def caller() -> None:
        while len(samples) < limit and time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status, engine, stages = await send()
            except httpx.HTTPError as exc:
                status, engine, stages = type(exc).__name__, None, {}
            elapsed = (time.perf_counter() - started) * 1000
            samples.append({"ms": elapsed, "status": status, "engine": engine, "stages": stages})

    began = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(concurrency)))
    wall = time.perf_counter() - began
    return summary(samples, wall, concurrency)


def summary(samples: list[dict[str, Any]], wall: float, concurrency: int) -> dict[str, Any]:
    ok = [s["ms"] for s in samples if s["status"] == 200]
    stage_names = sorted({k for s in samples for k in s["stages"]})
    stages = {
        name: percentile([s["stages"][name] for s in samples if name in s["stages"]], 0.5)
        for name in stage_names
    }
    return {
        "concurrency": concurrency,
        "requests": len(samples),
        "errors": len(samples) - len(ok),
        "statuses": dict(Counter(str(s["status"]) for s in samples)),
        "engines": dict(Counter(str(s["engine"]) for s in samples)),
        "p50_ms": percentile(ok, 0.5) if ok else None,
        "p95_ms": percentile(ok, 0.95) if ok else None,
        "p99_ms": percentile(ok, 0.99) if ok else None,
        "per_second": len(ok) / wall if wall else 0.0,
        "stage_p50_ms": stages,
    }


def asker(client: httpx.AsyncClient, question: str) -> Any:
    async def send() -> tuple[int, str | None, dict[str, float]]:
        response = await client.post("/v1/queries", json={"query": question}, timeout=120)
        engine = response.json().get("engine") if response.status_code == 200 else None
        if response.status_code == 200 and response.json().get("degraded"):
            engine = f"{engine} (degraded)"
        return response.status_code, engine, stages_of(response.headers.get("server-timing"))

    return send


async def measured(send: Any, concurrency: int, seconds: float, limit: int) -> dict[str, Any]:
    """`load`, with the CPU each part of the system spent per answer meanwhile."""
    before = cpu.snapshot()
    result = await load(send, concurrency, seconds, limit)
    answers = result["requests"] - result["errors"]
    result["cpu_ms_per_answer"] = cpu.per_answer(before, cpu.snapshot(), answers)
    return result
