"""Where a question's time goes between the stages, from the spans every service writes
(`AYA_TRACE_DIR`): the issue's question was time lost between stages, which `Server-Timing`
cannot show (it times each stage inside, not the hand-offs).

Each trace is one question. Its stage spans, in the order the question meets them, give a
chain of moments (the client's request received, the router's work begun and ended, …); the
time between two moments is one segment, and each segment's p50 over the traces is printed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

from figures import percentile

STAGES: tuple[tuple[str, str, str], ...] = (
    ("gateway", "POST /v1/queries", "gateway"),
    ("router", "query.submitted", "router"),
    ("data_fetch", "plan.ready", "data_fetch"),
    ("inference", "analysis.requested", "inference"),
    ("inference", "engine.call", "model call"),
)
"""(service, span name or its prefix, label): the spans a question passes through."""


def read_spans(trace_dir: Path) -> list[dict[str, Any]]:
    """Every span the services wrote, each with its service (the file's name)."""
    spans = []
    for path in sorted(trace_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                spans.append({**json.loads(line), "service": path.stem})
    return spans


def _ms(stamp: str) -> float:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() * 1000


def _moments(spans: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """One trace's stage spans as (time, what happened), in time order."""
    found: list[tuple[float, str]] = []
    for service, name, label in STAGES:
        for span in spans:
            if span["service"] == service and span["name"].startswith(name):
                found.append((_ms(span["start_time"]), f"{label} begins"))
                found.append((_ms(span["end_time"]), f"{label} ends"))
                break
    return sorted(found)


def timeline(spans: list[dict[str, Any]], *, model: bool) -> list[dict[str, Any]]:
    """The segments of the commonest path through the stages of questions that called a model
    (`model`) or did not, each with its p50 (ms) over the traces that took that path, and how
    many did."""
    traces: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for span in spans:
        traces[span["context"]["trace_id"]].append(span)
    paths: dict[tuple[str, ...], list[list[float]]] = defaultdict(list)
    for trace in traces.values():
        moments = _moments(trace)
        if len(moments) < 4 or moments[0][1] != "gateway begins":
            continue  # not a question (an admin call), or one that left no stage spans
        if any(label == "model call begins" for _, label in moments) != model:
            continue
        gaps = [later[0] - earlier[0] for earlier, later in pairwise(moments)]
        paths[tuple(label for _, label in moments)].append(gaps)
    if not paths:
        return []
    labels, runs = max(paths.items(), key=lambda item: len(item[1]))
    return [
        {
            "from": labels[i],
            "to": labels[i + 1],
            "p50_ms": round(percentile([run[i] for run in runs], 0.5), 1),
            "traces": len(runs),
        }
        for i in range(len(labels) - 1)
    ]


def describe(segments: list[dict[str, Any]]) -> list[str]:
    """Printed lines: one per segment, named by the two moments it lies between."""
    return [f"    {s['p50_ms']:7.1f}  {s['from']} → {s['to']}" for s in segments]
