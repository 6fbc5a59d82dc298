"""Where each service spends its CPU under load: py-spy samples every service process while
`bench_pipeline`'s load runs, and this prints each one's busiest functions (own time and with
what they call), ours and the libraries'.

Run: .venv/bin/python bench/profile_pipeline.py [--question analysis|direct] [--concurrency 16]
(needs py-spy: `pip install -e '.[profile]'`; not part of `make bench`, which prints
figures, not profiles).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from bench_pipeline import ANALYSIS, DIRECT, TENANT, pipeline_stack
from load import asker, load

SERVICES = ("gateway", "router", "data-fetch", "inference", "audit")


def _pids() -> dict[str, int]:
    found: dict[str, int] = {}
    for name in SERVICES:
        out = subprocess.run(
            # Children of this process only: another stack (a test run) may be on the machine.
            ["pgrep", "-P", str(os.getpid()), "-f", f"aya serve {name} "],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        if out:
            found[name] = int(out[0])
    return found


def _top(raw: Path, n: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]], int]:
    own: Counter[str] = Counter()
    within: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        frames = stack.split(";")
        total += samples
        own[frames[-1]] += samples
        for frame in set(frames):
            within[frame] += samples
    return own.most_common(n), within.most_common(n * 2), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--question", choices=("analysis", "direct"), default="analysis")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="aya-profile-"))
    with pipeline_stack() as (info, _):
        spies = [
            subprocess.Popen(
                [
                    "py-spy",
                    "record",
                    "--pid",
                    str(pid),
                    "--duration",
                    str(int(args.seconds)),
                    "--format",
                    "raw",
                    "--nonblocking",
                    "--output",
                    str(out / f"{name}.txt"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for name, pid in _pids().items()
        ]
        key = next(t for t in info.tenants if t["id"] == TENANT)["api_key"]
        question = ANALYSIS if args.question == "analysis" else DIRECT
        summary = asyncio.run(_run(info.gateway_url, key, question, args))
        for spy in spies:
            spy.wait(args.seconds + 30)
    print(f"load: {summary['per_second']:.1f} answers/s, p50 {summary['p50_ms']:.0f} ms")
    for name in SERVICES:
        raw = out / f"{name}.txt"
        if not raw.exists():
            continue
        own, within, total = _top(raw, args.top)
        print(f"\n== {name}: {total} samples ({total / (100 * args.seconds):.0%} of one core)")
        print("  own time:")
        for frame, samples in own:
            print(f"    {samples / total:6.1%}  {frame[:110]}")
        print("  with callees (ours first):")
        ours = [(f, s) for f, s in within if "/work/" in f or "services/" in f or "libs/" in f]
        for frame, samples in ours[: args.top]:
            print(f"    {samples / total:6.1%}  {frame[:110]}")


async def _run(url: str, key: str, question: str, args: argparse.Namespace) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=args.concurrency)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits) as api:
        await asker(api, question)()
        started = time.monotonic()
        result = await load(asker(api, question), args.concurrency, args.seconds, 100_000)
        result["wall"] = time.monotonic() - started
        return result


if __name__ == "__main__":
    main()
