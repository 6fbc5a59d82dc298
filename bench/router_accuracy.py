"""The router's accuracy on its tuning part and its held-out part, per field and per intent.

Run: .venv/bin/python bench/router_accuracy.py [-v]   (-v lists the tuning part's disagreements)

The parts: `router_parts.py`; who wrote each, with its blind first pass: docs/router_parts.md.
Prints route accuracy, per-field (entity) accuracy, the route confusion matrix per labelled
intent, the intent confusion matrix, and the wall and CPU time per question (p50/p99).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from router_parts import FIRST_HELD_OUT, LISTED, PARTS, UNLABELLED  # bench/ is sys.path[0]

from services.router import build_plan

DATA = Path(__file__).resolve().parent.parent / "tests" / "router"
FIELDS = (
    "route", "tier", "intent", "platforms", "metrics", "date_range",
    "compare_to", "group_by", "filters", "unsupported",
)  # fmt: skip
INTENTS = (
    "lookup", "comparison", "breakdown", "ranking", "trend",
    "anomaly", "diagnosis", "recommendation", "forecast", "report", "other",
)  # fmt: skip


def _load(*names: str) -> list[dict[str, Any]]:
    items = []
    for name in names:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        items += [json.loads(line) for line in lines if line.strip()]
    return items


def _views(
    items: list[dict[str, Any]], times: list[float], cpu: list[float]
) -> list[dict[str, Any]]:
    views = []
    for item in items:
        started, started_cpu = time.perf_counter(), time.process_time()
        plan = build_plan(item["query"], today=date.fromisoformat(item["today"]))
        times.append((time.perf_counter() - started) * 1e6)
        cpu.append((time.process_time() - started_cpu) * 1e6)
        views.append(plan.contract_view())
    return views


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def _report(
    name: str, items: list[dict[str, Any]], views: list[dict[str, Any]], verbose: bool
) -> None:
    fields = [f for f in FIELDS if f not in UNLABELLED.get(name, ())]
    right = Counter[str]()
    routes: dict[str, Counter[str]] = {intent: Counter() for intent in INTENTS}
    intents: dict[str, Counter[str]] = {intent: Counter() for intent in INTENTS}
    pairs = list(zip(items, views, strict=True))
    for item, view in pairs:
        wrong = [f for f in fields if view[f] != item[f]]
        right.update(f for f in fields if f not in wrong)
        right["all fields"] += not wrong
        routes[item["intent"]][view["route"]] += 1
        intents[item["intent"]][view["intent"]] += 1
        if verbose and wrong:
            print(f"  {item['id']} {item['query']!r}  {view['route_reason']}")
            for field in wrong:
                print(f"      {field}: expected {item[field]} got {view[field]}")
    n = len(items)
    costly = sum(i["route"] == "analysis" and v["route"] == "direct" for i, v in pairs)
    cheap = sum(i["route"] == "direct" and v["route"] == "analysis" for i, v in pairs)
    print(f"\n== {name}: {n} questions")
    print("  " + "  ".join(f"{f} {right[f] / n:.1%}" for f in (*fields, "all fields")))
    print(
        f"  route errors: {costly} open questions answered as lookups (the costly way),"
        f" {cheap} lookups sent to analysis"
    )
    print("  route by labelled intent (router said direct / analysis):")
    for intent in INTENTS:
        if routes[intent]:
            seen = routes[intent]
            print(f"    {intent:<15} direct {seen['direct']:>4}  analysis {seen['analysis']:>4}")
    print("  intent confusion (rows: labelled; columns: the router's):")
    shown = [i for i in INTENTS if any(intents[r][i] for r in INTENTS) or intents[i]]
    print("    " + " " * 15 + "".join(f"{i[:6]:>7}" for i in shown))
    for intent in shown:
        if intents[intent]:
            cells = "".join(f"{intents[intent][other]:>7}" for other in shown)
            print(f"    {intent:<15}{cells}")


def main() -> None:
    """Print the accuracy report for both parts."""
    verbose = "-v" in sys.argv
    build_plan("warm up", today=date(2026, 11, 22))  # first-call costs are not a question's
    times: list[float] = []
    cpu: list[float] = []
    held: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {"first": [], "all": []}
    for name, files in PARTS.items():
        items = _load(*files)
        views = _views(items, times, cpu)
        _report(name, items, views, verbose and name in LISTED)
        if name not in LISTED:
            held["all"] += zip(items, views, strict=True)
            if set(files) <= FIRST_HELD_OUT:
                held["first"] += zip(items, views, strict=True)
    # The held-out parts together: the goal is stated over phrasings never seen, not per part.
    for name, pairs in (
        ("the ten first held-out parts together", held["first"]),
        ("all held-out parts together", held["all"]),
    ):
        _report(name, [i for i, _ in pairs], [v for _, v in pairs], False)
    p50, p99 = _percentiles(times)
    print(f"\nrouter time per question: p50 {p50:.0f} µs, p99 {p99:.0f} µs ({len(times)} plans)")
    # CPU time is what the router costs; wall time also counts waiting on a busy machine.
    p50, p99 = _percentiles(cpu)
    print(f"router CPU time per question: p50 {p50:.0f} µs, p99 {p99:.0f} µs")


if __name__ == "__main__":
    main()
