"""The answer cache's key, taken from the job before any work on it: the same job shares it
(also when its rows were fetched again, unchanged, or it comes in another conversation with the
same earlier turns); any change the answer depends on (tenant, question, earlier turns, rows,
tools, models, output limit, context size, tokenizer, code) makes another."""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from analyst_support import sample_job

from libs.common.conversation import ConversationContext, Turn
from libs.common.envelope import Envelope
from libs.common.query import AnalysisJob
from libs.common.vocab import Metric
from services.inference import request_digest
from services.inference.request_digest import code_fingerprint, job_digest

TENANT = "northwind-outfitters"
MODELS = [("vllm", "mistral-small"), ("mistral", "mistral-small-latest")]
TOOL = {"type": "function", "function": {"name": "get_metrics", "parameters": {}}}
CENT = Decimal("0.01")
JOB = sample_job(TENANT, date(2026, 11, 16), date(2026, 11, 22), text="Why did ROAS drop?")


def arrived(
    job: AnalysisJob, query_id: str = "q-1", minute: int = 0, tenant_id: str = TENANT
) -> Envelope[AnalysisJob]:
    """The job as inference reads it off the wire, in another question's envelope."""
    envelope = Envelope[AnalysisJob](
        query_id=query_id,
        tenant_id=tenant_id,
        principal=f"key-{query_id}",
        submitted_at=dt.datetime(2026, 11, 23, 9, minute, tzinfo=dt.UTC),
        timings={"route": 1.0 + minute, "fetch": 2.5},
        body=job,
    )
    return Envelope[AnalysisJob].from_wire(envelope.model_dump_json().encode())


def key(job: AnalysisJob = JOB, **change: Any) -> str:
    request: dict[str, Any] = {
        "tools": None,
        "models": MODELS,
        "max_output_tokens": 700,
        "context_tokens": 32768,
        "tokenizer": "tekken_240911",
    }
    request.update(change)
    tenant = request.pop("tenant_id", TENANT)
    envelope = request.pop("envelope", None) or arrived(job, tenant_id=tenant)
    return job_digest(envelope, **request)


def edited(**update: Any) -> AnalysisJob:
    return AnalysisJob.model_validate({**JOB.model_dump(), **update})


def test_the_same_job_asked_again_has_the_same_key() -> None:
    again = AnalysisJob.model_validate_json(JOB.model_dump_json())
    later = arrived(JOB, query_id="q-2", minute=5)
    assert key() == key() == key(again) == key(envelope=later)
    assert len(key()) == 64


def test_a_job_made_in_process_has_the_key_it_has_on_the_wire() -> None:
    made = Envelope[AnalysisJob].model_validate(arrived(JOB).model_dump())
    assert key(envelope=made) == key()


def test_rows_fetched_again_unchanged_are_a_repeat() -> None:
    assert JOB.rows is not None
    later = JOB.rows.fetched_at + dt.timedelta(minutes=20)
    assert key(edited(rows=JOB.rows.model_copy(update={"fetched_at": later}))) == key()


def in_conversation(conversation_id: str, earlier: str, query_id: str) -> AnalysisJob:
    turn = Turn(query_id=query_id, question=earlier, answer="Spend was $4,210.")
    conversation = ConversationContext(conversation_id=conversation_id, turn=2, turns=[turn])
    return edited(query=JOB.query.model_copy(update={"conversation": conversation}))


def test_the_same_turns_in_another_conversation_are_a_repeat() -> None:
    first = in_conversation("conv-1", "What did we spend last week?", "q-1")
    assert key(first) == key(in_conversation("conv-2", "What did we spend last week?", "q-7"))
    assert key(first) != key(in_conversation("conv-1", "What did we spend on Meta?", "q-1"))
    assert key(first) != key()


def test_every_part_the_answer_depends_on_changes_the_key() -> None:
    assert JOB.rows is not None
    first = JOB.rows.rows[0]
    nudged = first.model_copy(
        update={"values": {**first.values, Metric.SPEND: first.values[Metric.SPEND] + CENT}}
    )
    other_rows = JOB.rows.model_copy(update={"rows": [nudged, *JOB.rows.rows[1:]]})
    other_question = JOB.query.model_copy(update={"text": "Why did ROAS rise?"})
    keys = {
        key(),
        key(tenant_id="helio-analytics"),
        key(edited(rows=other_rows)),
        key(edited(query=other_question)),
        key(edited(notes=["Meta is not connected."])),
        key(tools=[TOOL]),
        key(models=MODELS[::-1]),
        key(models=[("vllm", "mistral-large")]),
        key(max_output_tokens=300),
        key(context_tokens=8192),
        key(tokenizer="tekken_240718"),
    }
    assert len(keys) == 11


def test_the_code_that_makes_answers_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # A deploy that changes how prompts or answers are made must not serve the old answers.
    before = key()
    assert len(code_fingerprint()) == 64
    monkeypatch.setattr(request_digest, "code_fingerprint", lambda: "0" * 64)
    assert key() != before
