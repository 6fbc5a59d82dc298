"""Per-field accuracy of the router on the labelled main set and the held-out set.

Run: .venv/bin/python bench/router_accuracy.py [-v]   (-v lists every disagreement)
The main set is what the rules were written against (the tests hold it at 100%); the held-out
set was written after the rules were frozen and is never tuned against: it measures honestly.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from services.router import build_plan

DATA = Path(__file__).resolve().parent.parent / "tests" / "router"
FIELDS = (
    "route", "tier", "intent", "platforms", "metrics", "date_range",
    "compare_to", "group_by", "filters", "unsupported",
)  # fmt: skip


def _load(name: str) -> list[dict[str, Any]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _score(items: list[dict[str, Any]], verbose: bool) -> dict[str, float]:
    right = dict.fromkeys(FIELDS, 0)
    exact = 0
    for item in items:
        view = build_plan(item["query"], today=date.fromisoformat(item["today"])).contract_view()
        wrong = [f for f in FIELDS if view[f] != item[f]]
        exact += not wrong
        for field in FIELDS:
            right[field] += field not in wrong
        if verbose and wrong:
            print(f"  {item['id']} {item['query']!r}")
            for field in wrong:
                print(f"      {field}: expected {item[field]} got {view[field]}")
    scores = {f: right[f] / len(items) for f in FIELDS}
    scores["all fields"] = exact / len(items)
    return scores


def main() -> None:
    """Print a table of per-field accuracy for both question sets."""
    verbose = "-v" in sys.argv
    sets = {"main": _load("questions.jsonl"), "holdout": _load("holdout.jsonl")}
    results = {}
    for name, items in sets.items():
        if verbose:
            print(f"{name}: disagreements")
        results[name] = _score(items, verbose)
    sizes = "  ".join(f"{name}={len(items)}" for name, items in sets.items())
    print(f"router accuracy ({sizes} questions)")
    print(f"{'field':<14}" + "".join(f"{name:>10}" for name in sets))
    for field in (*FIELDS, "all fields"):
        print(f"{field:<14}" + "".join(f"{results[n][field]:>10.1%}" for n in sets))


if __name__ == "__main__":
    main()
