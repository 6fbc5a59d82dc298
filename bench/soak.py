"""Memory under a long steady load: does any service keep growing?

Starts the same stack as `bench_pipeline.py` (a 50 ms upstream playing vLLM, the answer cache
off so every question does its full work) and sends a steady mix of direct and analysis
questions — different platforms, metrics and periods, some streamed, some follow-ups in a
conversation — from a few concurrent callers for `--minutes` (10 by default). Every
`--every` seconds it reads each service's resident memory from its own Prometheus process
collector. Prints the samples, then per service: idle, after the warm-up, at the end, and the
least-squares slope after the warm-up in MB per minute (a leak shows as a slope that stays
positive, run after run). Writes JSON to bench/results/.

Run: make soak   (or .venv/bin/python bench/soak.py [--minutes 10] [--every 30])
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from bench_pipeline import TENANT, _commit, _memory, pipeline_stack
from figures import save

QUESTIONS = (
    "What did we spend on Google Ads last week?",
    "Why did ROAS drop last week?",
    "clicks by platform yesterday",
    "Why did our conversions drop last week?",
    "Meta CTR by campaign last month",
    "What happened on TikTok last week?",
    "conversions on LinkedIn this month so far",
    "Anything unusual in our campaigns last week?",
    "spend by day on Microsoft Ads last 14 days",
    "Which campaigns should get more budget?",
)
FOLLOW_UP = "and the week before?"
WARM_UP_MINUTES = 2.0


async def _caller(
    client: httpx.AsyncClient, n: int, deadline: float, outcomes: Counter[str]
) -> None:
    for i in itertools.count(n):
        if time.monotonic() >= deadline:
            return
        question = QUESTIONS[i % len(QUESTIONS)]
        mode = "stream" if i % 7 == 0 else "sync"
        try:
            response = await client.post(
                "/v1/queries", json={"query": question, "mode": mode}, timeout=120
            )
            outcomes[f"{mode} {response.status_code}"] += 1
            if response.status_code >= 400:  # which error, in the gateway's own words
                print(f"  {mode} {response.status_code}: {response.text[:300]}", flush=True)
            conversation = response.headers.get("aya-conversation-id")
            if i % 5 == 0 and conversation and response.status_code == 200:
                follow = await client.post(
                    "/v1/queries",
                    json={"query": FOLLOW_UP, "conversation_id": conversation},
                    timeout=120,
                )
                outcomes[f"follow-up {follow.status_code}"] += 1
                if follow.status_code >= 400:
                    print(f"  follow-up {follow.status_code}: {follow.text[:300]}", flush=True)
        except httpx.HTTPError as exc:
            outcomes[type(exc).__name__] += 1


async def _load(info: Any, minutes: float, every: float, callers: int) -> dict[str, Any]:
    key = next(t for t in info.tenants if t["id"] == TENANT)["api_key"]
    outcomes: Counter[str] = Counter()
    samples: list[dict[str, Any]] = []
    began = time.monotonic()
    deadline = began + minutes * 60
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=info.gateway_url, headers=headers) as client:
        load = [asyncio.create_task(_caller(client, n, deadline, outcomes)) for n in range(callers)]
        while time.monotonic() < deadline:
            await asyncio.sleep(min(every, max(deadline - time.monotonic(), 0)))
            memory = await asyncio.to_thread(_memory, info)
            minute = round((time.monotonic() - began) / 60, 2)
            samples.append({"minute": minute, "answered": sum(outcomes.values()), **memory})
            print(f"  {minute:5.1f} min  {sum(outcomes.values()):6d} asked  {memory}", flush=True)
        await asyncio.gather(*load)
    return {"samples": samples, "outcomes": dict(outcomes)}


def _slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of (minute, MB) points, MB per minute."""
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def _summary(idle: dict[str, float], samples: list[dict[str, Any]]) -> dict[str, Any]:
    warm = [s for s in samples if s["minute"] >= WARM_UP_MINUTES] or samples
    summary = {}
    for service in idle:
        points = [(s["minute"], s[service]) for s in warm if service in s]
        slope = _slope(points)
        summary[service] = {
            "idle_mb": idle[service],
            "after_warm_up_mb": points[0][1] if points else None,
            "end_mb": points[-1][1] if points else None,
            "max_mb": max((y for _, y in points), default=None),
            "slope_mb_per_minute": None if slope is None else round(slope, 3),
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between samples")
    parser.add_argument("--callers", type=int, default=4)
    parser.add_argument(
        "--logs", type=Path, help="copy each service's log here at the end (to read an error)"
    )
    args = parser.parse_args()
    with pipeline_stack(logs_to=args.logs) as (info, _):
        idle = _memory(info)
        print(f"idle resident memory MB: {idle}", flush=True)
        run = asyncio.run(_load(info, args.minutes, args.every, args.callers))
    summary = _summary(idle, run["samples"])
    print(f"\noutcomes: {run['outcomes']}")
    print(f"{'service':<12} {'idle':>7} {'warm':>7} {'end':>7} {'max':>7} {'MB/min':>8}")
    for service, s in summary.items():
        slope = "-" if s["slope_mb_per_minute"] is None else f"{s['slope_mb_per_minute']:+.3f}"
        print(
            f"{service:<12} {s['idle_mb']:>7} {s['after_warm_up_mb']:>7} {s['end_mb']:>7} "
            f"{s['max_mb']:>7} {slope:>8}"
        )
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    result = {
        "when": when,
        "commit": _commit(),
        "settings": {**vars(args), "logs": str(args.logs) if args.logs else None},
        "warm_up_minutes": WARM_UP_MINUTES,
        "idle_mb": idle,
        **run,
        "summary": summary,
    }
    print(f"written: {save('soak', when, result)}")


if __name__ == "__main__":
    main()
