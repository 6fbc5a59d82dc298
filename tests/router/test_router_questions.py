"""Route, tier, intent and every other contract field on the labelled question set."""

from __future__ import annotations

from typing import Any

import pytest
from router_support import FIELDS, load_questions, mismatches

QUESTIONS = load_questions("questions.jsonl")


def test_question_set_is_large_and_covers_every_intent() -> None:
    intents = {q["intent"] for q in QUESTIONS}
    assert len(QUESTIONS) >= 150
    assert intents == {
        "lookup", "comparison", "breakdown", "ranking", "trend", "anomaly",
        "diagnosis", "recommendation", "forecast", "report", "other",
    }  # fmt: skip


def test_question_ids_are_unique_and_labels_complete() -> None:
    assert len({q["id"] for q in QUESTIONS}) == len(QUESTIONS)
    for q in QUESTIONS:
        assert set(FIELDS) <= q.keys(), q["id"]


@pytest.mark.parametrize("item", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_router_reads_labelled_question(item: dict[str, Any]) -> None:
    assert mismatches(item) == {}, item["query"]
