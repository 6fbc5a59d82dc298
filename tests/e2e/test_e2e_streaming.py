"""`"mode": "stream"`: server-sent events — deltas as the text is made, then the answer."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_support import NWO, gateway, sse_events

from aya.stack import Stack

pytestmark = pytest.mark.slow


def stream(stack: Stack, question: str, **headers: str) -> list[tuple[str, dict[str, Any]]]:
    """POST a streamed question and collect its (event, data) pairs."""
    with (
        gateway(stack, NWO, **headers) as client,
        client.stream(
            "POST", "/v1/queries", json={"query": question, "mode": "stream"}
        ) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        return sse_events(response)


def test_analysis_answer_streams_its_text_then_the_full_answer(stack: Stack) -> None:
    events = stream(stack, "What should we change in our budget allocation?")
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "answer"
    assert kinds[:-1]
    assert set(kinds[:-1]) == {"delta"}
    final = events[-1][1]
    streamed = "".join(data["text"] for kind, data in events if kind == "delta")
    assert streamed == final["answer"]
    assert (final["engine"], final["model"]) == ("analyst", "analyst-v1")


def test_direct_answer_in_stream_mode_is_one_answer_event(stack: Stack) -> None:
    events = stream(stack, "spend last week")
    assert [kind for kind, _ in events] == ["answer"]
    assert events[0][1]["route"] == "direct"


def test_replayed_stream_with_the_same_idempotency_key_gets_the_stored_answer(
    stack: Stack,
) -> None:
    first = stream(stack, "clicks last week", **{"Idempotency-Key": "stream-replay-1"})
    again = stream(stack, "clicks last week", **{"Idempotency-Key": "stream-replay-1"})
    assert again == [first[-1]]
