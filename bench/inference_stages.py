"""CPU of the inference worker's own work on one analysis job, stage by stage, in-process (no
NATS, no model): parse the job, examine it (the analyst's facts), build the prompt (render and
exact token count), the answer cache's key (from the job's bytes), and the grounding check of a
model's answer.

The job is the pipeline bench's question, "Why did ROAS drop last week?", for the demo tenant
northwind-outfitters: last week's day x campaign rows and 28 days of history (comparison
inside), as data_fetch would send them.
Run: .venv/bin/python bench/inference_stages.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests" / "inference"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from analyst_support import sample_job  # noqa: E402

from libs.common.envelope import Envelope  # noqa: E402
from libs.common.query import AnalysisJob  # noqa: E402
from libs.common.vocab import Tier  # noqa: E402
from services.inference.analyst.analyse import examine, facts_data  # noqa: E402
from services.inference.grounding import (  # noqa: E402
    GroundingData,
    check_grounding,
    figures,
    given_figures,
)
from services.inference.prompt.facts import prompt_facts  # noqa: E402
from services.inference.prompt.fit import build_messages  # noqa: E402
from services.inference.request_digest import job_digest  # noqa: E402
from services.inference.settings import InferenceSettings  # noqa: E402
from services.inference.tokens import token_counter  # noqa: E402

TENANT = "northwind-outfitters"
ANSWER = "ROAS fell from 4.1 to 3.2 (-22 %) as spend rose 12 % to $4,210; CTR held at 1.23 %."


def _cpu_ms(work: Callable[[], Any], rounds: int) -> float:
    started = time.process_time()
    for _ in range(rounds):
        work()
    return (time.process_time() - started) / rounds * 1000


def main() -> None:
    """Build the job once, then time each stage over `--rounds` and print CPU ms per job."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    job = sample_job(
        TENANT, date(2026, 11, 16), date(2026, 11, 22), text="Why did ROAS drop last week?",
        intent="diagnosis",
    )  # fmt: skip
    wire = job.model_dump_json().encode()
    counter = token_counter()
    parsed = AnalysisJob.model_validate_json(wire)
    analysis = examine(parsed)
    assert analysis is not None
    facts = prompt_facts(facts_data(parsed, analysis))
    envelope = Envelope(
        query_id="q", tenant_id=TENANT, principal="key", submitted_at=dt.datetime.now(dt.UTC),
        body=parsed,
    )  # fmt: skip
    arrived = Envelope[AnalysisJob].from_wire(envelope.model_dump_json().encode())

    def prompt() -> Any:
        return build_messages(
            parsed, counter=counter, context_tokens=32768, max_output_tokens=1024, tools=(),
            facts=facts,
        )  # fmt: skip

    built = prompt()
    given = given_figures(parsed, built)
    every = figures(built.view, built.detail, built.data)
    rows = len(job.rows.rows) if job.rows else 0
    print(f"job: {rows} rows + {len(job.history.rows)} of history, {len(wire) // 1024} KB")
    stages = {
        "parse": lambda: AnalysisJob.model_validate_json(wire),
        "examine": lambda: examine(parsed),
        "facts": lambda: prompt_facts(facts_data(parsed, analysis)),
        "prompt": prompt,
        "digest": lambda: job_digest(
            arrived,
            tools=None,
            models=[("vllm", "m")],
            max_output_tokens=1024,
            context_tokens=32768,
            tokenizer=counter.version,
        ),
        "grounding": lambda: check_grounding(ANSWER, given_figures(parsed, built)),
    }
    times = {name: _cpu_ms(work, rounds) for name, work in stages.items()}
    print("CPU ms per job: " + "  ".join(f"{name} {ms:.1f}" for name, ms in times.items()))
    print(f"total {sum(times.values()):.1f} ms")
    # The stack's own sizes (the pipeline bench runs with them): a smaller room is fitted by a
    # search over detail levels, each tried by an exact count.
    default = InferenceSettings()
    fitted = _cpu_ms(
        lambda: build_messages(
            parsed, counter=counter, context_tokens=default.context_tokens,
            max_output_tokens=default.max_output_tokens[Tier.MEDIUM], tools=(), facts=facts,
        ),
        rounds,
    )  # fmt: skip
    print(f"prompt at the default context ({default.context_tokens} tokens): {fitted:.1f} ms")
    print(
        f"grounding parts: {len(every)} given figures, "
        f"figures() {_cpu_ms(lambda: figures(built.view, built.detail, built.data), rounds):.1f}"
        f" ms, GroundingData.of {_cpu_ms(lambda: GroundingData.of(every), rounds):.1f} ms, "
        f"check {_cpu_ms(lambda: check_grounding(ANSWER, given), rounds):.2f} ms"
    )


if __name__ == "__main__":
    main()
