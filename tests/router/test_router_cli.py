"""The `aya route` contract, run through the real console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

AYA = Path(sys.executable).parent / "aya"
CONTRACT_KEYS = [
    "id", "route", "tier", "intent", "platforms", "metrics", "date_range",
    "compare_to", "history", "group_by", "filters", "unsupported", "route_reason",
    "carried_from",
]  # fmt: skip


def route(
    stdin: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AYA_")}
    environment.update(env or {})
    return subprocess.run(
        [str(AYA), "route", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def answers(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def batch() -> subprocess.CompletedProcess[str]:
    lines = [
        json.dumps({"id": "a", "query": "spend yesterday on Facebook"}),
        "",
        "this is not json",
        json.dumps([1, 2]),
        json.dumps({"id": True, "query": "spend"}),
        json.dumps({"id": 7}),
        json.dumps({"id": 8, "query": 42}),
        json.dumps({"id": 9, "query": "   "}),
        json.dumps({"id": 10, "query": "x" * 2001}),
        json.dumps({"id": 11, "query": "top 5 campaigns by ROAS"}),
    ]
    return route("\n".join(lines) + "\n", "--today", "2026-11-22")


def test_every_non_blank_line_is_answered_in_order_and_exit_is_zero(
    batch: subprocess.CompletedProcess[str],
) -> None:
    ids = [a["id"] for a in answers(batch)]
    assert batch.returncode == 0
    assert ids == ["a", None, None, None, 7, 8, 9, 10, 11]


def test_answer_has_the_contract_fields_in_order(batch: subprocess.CompletedProcess[str]) -> None:
    first = answers(batch)[0]
    assert list(first) == CONTRACT_KEYS
    assert first["platforms"] == ["meta_ads"]
    assert first["date_range"] == {"start": "2026-11-21", "end": "2026-11-21"}


def test_malformed_lines_get_a_precise_error(batch: subprocess.CompletedProcess[str]) -> None:
    errors = [a["error"] for a in answers(batch) if "error" in a]
    assert errors == [
        "The line is not valid JSON (Expecting value).",
        'Each line must be a JSON object with "id" and "query".',
        '"id" must be a string or a number.',
        '"query" is missing.',
        '"query" must be a string.',
        '"query" is empty.',
        '"query" is 2001 characters long; the limit is 2000.',
    ]
    assert "Traceback" not in batch.stderr


def test_aya_today_sets_the_clock_and_today_flag_overrides_it() -> None:
    line = json.dumps({"id": 1, "query": "spend yesterday"}) + "\n"
    from_env = answers(route(line, env={"AYA_TODAY": "2024-03-01"}))[0]
    from_flag = answers(route(line, "--today", "2026-01-01", env={"AYA_TODAY": "2024-03-01"}))[0]
    assert from_env["date_range"] == {"start": "2024-02-29", "end": "2024-02-29"}
    assert from_flag["date_range"] == {"start": "2025-12-31", "end": "2025-12-31"}


@pytest.mark.parametrize("bad", ["2026-02-30", "yesterday", "22/11/2026"])
def test_bad_today_is_a_usage_error(bad: str) -> None:
    result = route("", "--today", bad)
    assert result.returncode == 2
    assert "--today" in result.stderr


def test_bad_timezone_is_a_usage_error() -> None:
    assert route("", "--timezone", "Mars/Olympus").returncode == 2


def test_answers_stream_before_input_ends() -> None:
    proc = subprocess.Popen(
        [str(AYA), "route", "--today", "2026-11-22"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    try:
        proc.stdin.write(json.dumps({"id": "s1", "query": "clicks today"}) + "\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # answered while stdin is still open
        assert first["id"] == "s1"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


def test_lines_of_one_conversation_are_read_as_follow_ups() -> None:
    lines = [
        json.dumps({"id": "a1", "query": "spend on Google last week", "conversation": "a"}),
        json.dumps({"id": "b1", "query": "clicks yesterday", "conversation": "b"}),
        json.dumps({"id": "a2", "query": "and on Meta?", "conversation": "a"}),
        json.dumps({"id": "x", "query": "and on Meta?"}),
        json.dumps({"id": "y", "query": "and on Meta?", "conversation": 7}),
    ]
    done = route("\n".join(lines) + "\n", "--today", "2026-11-22")
    by_id = {a["id"]: a for a in answers(done)}
    assert by_id["a2"]["carried_from"] == {"query_id": "a1", "fields": ["metrics", "date_range"]}
    assert by_id["a2"]["metrics"] == ["spend"]
    assert by_id["x"]["carried_from"] is None  # no conversation: it stands alone
    assert by_id["y"]["error"] == '"conversation" must be a non-empty string.'
