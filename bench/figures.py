"""How every benchmark summarises its samples: nearest-rank percentiles and one printed line."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
"""Where benchmarks keep their results, one JSON file a run (the history)."""


def percentile(samples: list[float], q: float) -> float:
    """The nearest-rank `q` quantile (0..1) of `samples`."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(name: str, samples: list[float], width: int = 44, places: int = 1) -> str:
    """ "name  n=30  p50=12.3 ms  p95=20.1 ms  mean=13.0 ms"."""
    p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
    mean = statistics.fmean(samples)
    return (
        f"{name:<{width}} n={len(samples):<4} p50={p50:8.{places}f} ms  "
        f"p95={p95:8.{places}f} ms  mean={mean:8.{places}f} ms"
    )


def save(kind: str, when: str, result: dict[str, Any]) -> Path:
    """Write one run's `result` to bench/results/<kind>-<when>.json; its path."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{kind}-{when.replace(':', '')[:17]}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
