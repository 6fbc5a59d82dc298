"""Latency of a direct question through the whole stack, next to one bare `get_metrics` call.

Starts the embedded stack (as `aya up` does) in a temporary home, warms it up, then times
N sync questions over REST (gateway → router → data_fetch → MCP → answer) and N bare
`get_metrics` calls on one reused MCP session for the same account and period.
Run: .venv/bin/python bench/bench_direct.py [--n 200]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx
import httpx2
from figures import summary  # bench/ is sys.path[0]
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from aya.settings import StackSettings
from aya.stack import Stack

QUESTIONS = [
    "What did we spend on Google Ads last week?",
    "clicks and impressions on Meta yesterday",
    "ROAS by platform last month",
    "top 5 campaigns by conversions in the last 30 days",
]


def _stack_latency(url: str, key: str, n: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {q: [] for q in QUESTIONS}
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}) as client:
        for q in QUESTIONS:  # warm-up: sessions, caches, JIT of regexes
            client.post("/v1/queries", json={"query": q}, timeout=30).raise_for_status()
        for i in range(n):
            q = QUESTIONS[i % len(QUESTIONS)]
            started = time.perf_counter()
            response = client.post("/v1/queries", json={"query": q}, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            response.raise_for_status()
            results[q].append(elapsed)
    return results


async def _bare_latency(mcp_url: str, token: str, n: int) -> list[float]:
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"})
    async with http, Client(streamable_http_client(mcp_url, http_client=http), cache=None) as c:
        args = {
            "account_id": "gads-nwo-1",
            "start_date": "2026-11-09",
            "end_date": "2026-11-15",
            "metrics": ["spend"],
        }
        await c.call_tool("get_metrics", args)
        samples = []
        for _ in range(n):
            started = time.perf_counter()
            result = await c.call_tool("get_metrics", args)
            samples.append((time.perf_counter() - started) * 1000)
            assert not result.is_error
        return samples


def main() -> None:
    """Start the stack, measure, print figures, stop."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as home:
        stack = Stack(Path(home), StackSettings(home=Path(home)))
        stack.extra_env = {"AYA_TODAY": "2026-11-22", "AYA_LOG_LEVEL": "WARNING"}
        info = stack.start()
        try:
            tenant = next(t for t in info.tenants if t["id"] == "northwind-outfitters")
            per_question = _stack_latency(info.gateway_url, tenant["api_key"], n)
            bare = asyncio.run(_bare_latency(info.mcp_url, tenant["lemanado_token"], n))
        finally:
            stack.stop()
    everything = [s for samples in per_question.values() for s in samples]
    print("direct questions through the stack (sync REST, end to end):")
    print(summary("all questions", everything, places=2))
    for question, samples in per_question.items():
        print(summary(f"  {question[:40]}", samples, places=2))
    print("one bare get_metrics call (reused MCP session, no stack):")
    print(summary("gads-nwo-1, one week, spend", bare, places=2))


if __name__ == "__main__":
    main()
