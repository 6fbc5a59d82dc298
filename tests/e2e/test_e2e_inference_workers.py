"""`AYA_INFERENCE_WORKERS`: several inference processes share each tier's queue, so analysis can
use every core; each question is still answered once, and the work lands on all of them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from e2e_support import NWO, ask, own_stack

pytestmark = pytest.mark.slow

QUESTIONS = [
    f"Why did {metric} drop {period}?"
    for metric in ("ROAS", "conversions", "clicks")
    for period in ("last week", "yesterday", "last month", "this month")
]


def analyses_handled(metrics_url: str) -> float:
    """Analysis jobs a worker process acked after answering (its own counter)."""
    text = httpx.get(metrics_url, timeout=10).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("aya_messages_handled_total{")
        and 'stage="analysis.requested.' in line
        and 'outcome="ok"' in line
    )


def test_two_inference_workers_share_the_analysis_queue(tmp_path: Path) -> None:
    with own_stack(tmp_path, inference_workers=2) as stack:
        assert stack.info is not None
        workers = [stack.info.services[name] for name in ("inference", "inference-2")]
        with ThreadPoolExecutor(max_workers=len(QUESTIONS)) as pool:
            answers = list(pool.map(lambda q: ask(stack, NWO, q), QUESTIONS))
        assert all(a["route"] == "analysis" for a in answers)
        handled = [analyses_handled(w["metrics_url"]) for w in workers]
        assert sum(handled) == len(QUESTIONS), handled  # each job once, by one of them
        assert all(h > 0 for h in handled), handled
