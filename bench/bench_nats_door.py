"""The internal teams' NATS door next to REST: the same sync direct questions asked both ways
on the embedded stack, and the time to the id of an async NATS question.

Both doors run the same admission, storage and pipeline code, so the difference is the
transport: HTTP + JSON at the gateway vs a NATS request through the team's account.
Run: .venv/bin/python bench/bench_nats_door.py [--n 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

import httpx
import nats
from bench_direct import QUESTIONS  # the same questions as the direct-path bench
from figures import summary  # bench/ is sys.path[0]

from aya.settings import StackSettings
from aya.stack import Stack

TENANT = "northwind-outfitters"


def _rest(url: str, key: str, n: int) -> list[float]:
    samples = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}) as client:
        for q in QUESTIONS:
            client.post("/v1/queries", json={"query": q}, timeout=30).raise_for_status()
        for i in range(n):
            started = time.perf_counter()
            response = client.post(
                "/v1/queries", json={"query": QUESTIONS[i % len(QUESTIONS)]}, timeout=30
            )
            samples.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
    return samples


async def _nats(url: str, team: dict[str, str], n: int, mode: str) -> list[float]:
    nc = await nats.connect(url, user=team["user"], password=team["password"])
    subject = f"aya.v1.{TENANT}.ask"
    try:
        for q in QUESTIONS:
            await nc.request(subject, json.dumps({"query": q}).encode(), timeout=30)
        samples = []
        for i in range(n):
            body = json.dumps({"query": QUESTIONS[i % len(QUESTIONS)], "mode": mode}).encode()
            started = time.perf_counter()
            reply = await nc.request(subject, body, timeout=30)
            samples.append((time.perf_counter() - started) * 1000)
            status = (reply.headers or {}).get("Aya-Status")
            assert status in ("200", "202"), reply.data
        return samples
    finally:
        await nc.close()


def main() -> None:
    """Start the stack, measure, print figures, stop."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as home:
        stack = Stack(Path(home), StackSettings(home=Path(home)))
        # The bench asks more than the demo tenants' 120 a minute.
        stack.extra_env = {"AYA_TODAY": "2026-11-22", "AYA_LOG_LEVEL": "WARNING"}
        info = stack.start()
        try:
            assert info.nats_team is not None
            _raise_limits(stack)
            tenant = next(t for t in info.tenants if t["id"] == TENANT)
            rest = _rest(info.gateway_url, tenant["api_key"], n)
            door = asyncio.run(_nats(info.nats_url, info.nats_team, n, "sync"))
            ids = asyncio.run(_nats(info.nats_url, info.nats_team, n, "async"))
        finally:
            stack.stop()
    print(summary("REST sync direct question", rest))
    print(summary("NATS sync direct question (team account)", door))
    print(summary("NATS async: time to the question's id", ids))


def _raise_limits(stack: Stack) -> None:
    import psycopg

    assert stack.postgres is not None
    with psycopg.connect(stack.postgres.admin_url) as conn:
        conn.execute("UPDATE tenants SET requests_per_minute = 100000 WHERE id = %s", (TENANT,))


if __name__ == "__main__":
    main()
