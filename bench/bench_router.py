"""Latency of `build_plan` per question: p50 / p99 / max over the labelled questions.

Run: .venv/bin/python bench/bench_router.py
Each question is planned once to warm up, then every question is timed on its own with
`time.perf_counter_ns`, over several rounds in shuffled order.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from datetime import date
from pathlib import Path

from services.router import build_plan

DATA = Path(__file__).resolve().parent.parent / "tests" / "router"
ROUNDS = 20
TODAY = date(2026, 11, 22)


def _questions() -> list[str]:
    texts = []
    for name in ("questions.jsonl", "holdout.jsonl"):
        path = DATA / name
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["query"] for line in lines if line.strip()]
    return texts


def _percentile(sorted_ns: list[int], fraction: float) -> float:
    return sorted_ns[min(len(sorted_ns) - 1, int(fraction * len(sorted_ns)))] / 1000


def main() -> None:
    """Time every question ROUNDS times and print the distribution in microseconds."""
    questions = _questions()
    for text in questions:
        build_plan(text, today=TODAY)
    order = random.Random(7)
    samples: list[int] = []
    for _ in range(ROUNDS):
        batch = questions[:]
        order.shuffle(batch)
        for text in batch:
            started = time.perf_counter_ns()
            build_plan(text, today=TODAY)
            samples.append(time.perf_counter_ns() - started)
    samples.sort()
    print(f"build_plan over {len(questions)} questions x {ROUNDS} rounds = {len(samples)} calls")
    print(f"p50 {_percentile(samples, 0.50):.0f} us")
    print(f"p90 {_percentile(samples, 0.90):.0f} us")
    print(f"p99 {_percentile(samples, 0.99):.0f} us")
    print(f"max {samples[-1] / 1000:.0f} us   mean {statistics.fmean(samples) / 1000:.0f} us")


if __name__ == "__main__":
    main()
