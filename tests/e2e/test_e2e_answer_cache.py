"""The answer cache through the whole stack: a repeat of an analysis question costs no model
call, says which answer it repeats, and is in the ledger at zero cost; tenants never share it.
The model is a fake that speaks Mistral's wire format and counts the requests it gets."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg
import pytest
from e2e_support import HEL, NWO, mistral_env, own_stack, sse_events
from test_e2e_admin import api, make_tree, with_data_of

from aya.stack import Stack
from tests.fakes.mistral_fake import MistralFake

pytestmark = pytest.mark.slow

QUESTION = "Why did our conversions drop last week?"
TIERS = ("small", "medium", "large")


@pytest.fixture(scope="module")
def fake() -> Iterator[MistralFake]:
    with MistralFake() as server:
        yield server


@pytest.fixture(scope="module")
def cached(fake: MistralFake, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with own_stack(
        tmp_path_factory.mktemp("cache-stack"),
        **mistral_env(fake.url, fake.api_key),
        AYA_MAX_OUTPUT_TOKENS=json.dumps(dict.fromkeys(TIERS, 64)),
        AYA_SYNC_TIMEOUT_SECONDS="60",
    ) as stack:
        yield stack


def key_of(stack: Stack, tenant_id: str) -> str:
    assert stack.info is not None
    return str(next(t for t in stack.info.tenants if t["id"] == tenant_id)["api_key"])


def ask(stack: Stack, key: str, question: str = QUESTION) -> dict[str, Any]:
    with api(stack, key) as client:
        response = client.post("/v1/queries", json={"query": question}, timeout=90)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == "answered", body
    return body


def ledger(stack: Stack, query_id: str) -> list[tuple[str, str, int, int, bool]]:
    """The question's ledger rows (engine, model, tokens, cost, answered) once written."""
    assert stack.postgres is not None
    deadline = time.monotonic() + 30
    while True:
        with psycopg.connect(stack.postgres.admin_url) as conn:
            rows = conn.execute(
                "SELECT engine, model, input_tokens + output_tokens, cost_usd_micros, answered"
                " FROM model_calls WHERE query_id = %s",
                (query_id,),
            ).fetchall()
        if rows or time.monotonic() > deadline:
            return [tuple(row) for row in rows]
        time.sleep(0.2)


def test_a_repeat_is_the_same_answer_with_no_model_call_and_no_cost(
    cached: Stack, fake: MistralFake
) -> None:
    fake.reset()
    first = ask(cached, key_of(cached, NWO))
    assert first["engine"] == "mistral"
    assert first["cached_from"] is None
    assert len(fake.requests) == 1

    repeat = ask(cached, key_of(cached, NWO))
    assert len(fake.requests) == 1  # the model was not asked again
    assert repeat["id"] != first["id"]
    assert repeat["cached_from"] == first["id"]
    assert (repeat["answer"], repeat["engine"], repeat["model"]) == (
        first["answer"],
        first["engine"],
        first["model"],
    )
    assert repeat["usage"] == {"input_tokens": 0, "output_tokens": 0}

    (paid,) = ledger(cached, first["id"])
    assert paid[0] == "mistral"
    assert paid[3] > 0
    assert ledger(cached, repeat["id"]) == [("cache", first["model"], 0, 0, True)]
    with api(cached, key_of(cached, NWO)) as client:
        by_engine = client.get("/v1/usage", params={"group_by": "engine"}).json()["groups"]
    assert any(group["key"] == "cache" and group["calls"] >= 1 for group in by_engine)


def stream(stack: Stack, question: str) -> list[tuple[str, dict[str, Any]]]:
    assert stack.info is not None
    with httpx.Client(base_url=stack.info.gateway_url, timeout=90) as client:
        response = client.post(
            "/v1/queries",
            json={"query": question, "mode": "stream"},
            headers={"Authorization": f"Bearer {key_of(stack, NWO)}"},
        )
    return sse_events(response)


def test_a_streamed_repeat_arrives_whole_and_names_the_answer_it_repeats(
    cached: Stack, fake: MistralFake
) -> None:
    # Streamed, the model is offered no tool: another request than the sync one, kept apart.
    question = "Why did our clicks drop last week?"
    (first,) = [data for event, data in stream(cached, question) if event == "answer"]
    asked = len(fake.requests)
    events = stream(cached, question)
    deltas = [data["text"] for event, data in events if event == "delta"]
    (answer,) = [data for event, data in events if event == "answer"]
    assert "".join(deltas) == first["answer"] == answer["answer"]
    assert answer["cached_from"] == first["id"]
    assert len(fake.requests) == asked


def test_tenants_never_share_a_cached_answer(cached: Stack, fake: MistralFake) -> None:
    ask(cached, key_of(cached, NWO))  # kept for Northwind, if it was not already
    asked = len(fake.requests)
    # Another tenant reading the very same ad data asks the very same question.
    twin = with_data_of(cached, make_tree(cached, "twin"), NWO)
    theirs = ask(cached, twin.keys["client_analyst"])
    assert theirs["cached_from"] is None
    assert len(fake.requests) == asked + 1


def connector_calls(stack: Stack) -> float:
    """get_metrics calls data_fetch has made (its own counter)."""
    assert stack.info is not None
    text = httpx.get(stack.info.services["data-fetch"]["metrics_url"], timeout=10).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("aya_mcp_calls_total{") and 'tool="get_metrics"' in line
    )


def test_a_direct_repeat_in_other_words_is_answered_without_the_connector(
    cached: Stack,
) -> None:
    first = ask(cached, key_of(cached, NWO), "What did we spend on Google Ads last week?")
    assert first["route"] == "direct"
    before = connector_calls(cached)
    repeat = ask(cached, key_of(cached, NWO), "google ads spend last wk pls")
    assert repeat["cached_from"] == first["id"]
    assert repeat["answer"] == first["answer"]
    assert repeat["data"]["totals"] == first["data"]["totals"]
    # The data says when it was fetched: the first time.
    assert repeat["data"]["source"]["fetched_at"] == first["data"]["source"]["fetched_at"]
    assert connector_calls(cached) == before
    # Another metric is another answer: fetched, not repeated.
    other = ask(cached, key_of(cached, NWO), "What were our clicks on Google Ads last week?")
    assert other["cached_from"] is None
    assert connector_calls(cached) > before


def row_cache_lookups(stack: Stack, tenant: str, outcome: str) -> float:
    """data_fetch's kept-row lookups of `tenant` with `outcome` (its own counter)."""
    assert stack.info is not None
    text = httpx.get(stack.info.services["data-fetch"]["metrics_url"], timeout=10).text
    label = f'outcome="{outcome}",tenant="{tenant}"'
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("aya_row_cache_lookups_total{")
        and all(part in line for part in label.split(","))
    )


def test_a_second_analysis_over_the_same_weeks_reuses_the_connectors_rows(
    cached: Stack,
) -> None:
    ask(cached, key_of(cached, NWO), "Why did ROAS drop last week?")
    before, hits = connector_calls(cached), row_cache_lookups(cached, NWO, "hit")
    # Another question over the same weeks: answered anew, from the rows just fetched.
    other = ask(cached, key_of(cached, NWO), "Anything unusual in our campaigns last week?")
    assert other["cached_from"] is None
    assert connector_calls(cached) == before
    assert row_cache_lookups(cached, NWO, "hit") > hits
    # Another tenant asking the same reads its own data from the connector.
    ask(cached, key_of(cached, HEL), "Anything unusual in our campaigns last week?")
    assert connector_calls(cached) > before
    assert row_cache_lookups(cached, HEL, "miss") > 0
