"""The OpenAI-compatible door, driven by the official `openai` SDK as an agency's chat UI would:
models, a sync answer, a streamed one, a follow-up carried by the resent chat, errors in
OpenAI's shape (the SDK raises its own classes), a 429 — and each answer stored and billed as
a REST question is."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import openai
import psycopg
import pytest
from e2e_support import NWO, away_from_minute_end
from test_e2e_admin import Tree, api, make_tree, with_data_of

from aya.stack import Stack

pytestmark = pytest.mark.slow
LOOKUP = "What did we spend on Google last week?"
WHY = "Why did ROAS drop last week?"


@pytest.fixture(scope="module")
def tree(stack: Stack) -> Tree:
    return with_data_of(stack, make_tree(stack, "oai"), NWO, requests_per_minute=1000)


def _client(stack: Stack, key: str) -> openai.OpenAI:
    assert stack.info is not None
    return openai.OpenAI(base_url=f"{stack.info.gateway_url}/v1", api_key=key, max_retries=0)


@pytest.fixture
def chat(stack: Stack, tree: Tree) -> Iterator[openai.OpenAI]:
    with _client(stack, tree.keys["client_analyst"]) as client:
        yield client


def _extension(model: Any) -> dict[str, Any]:
    extra: dict[str, Any] = model.model_extra["aya"]
    return extra


def _stored(stack: Stack, tree: Tree, query_id: str) -> dict[str, Any]:
    with api(stack, tree.keys["client_viewer"]) as rest:
        response = rest.get(f"/v1/queries/{query_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_model_list_names_the_one_model(chat: openai.OpenAI) -> None:
    assert [m.id for m in chat.models.list()] == ["ask-your-ads"]
    assert chat.models.retrieve("ask-your-ads").id == "ask-your-ads"
    with pytest.raises(openai.NotFoundError):
        chat.models.retrieve("gpt-4o")


def test_a_sync_answer_is_the_assistant_message_and_is_stored_like_rest(
    stack: Stack, tree: Tree, chat: openai.OpenAI
) -> None:
    done = chat.chat.completions.create(
        model="ask-your-ads", messages=[{"role": "user", "content": LOOKUP}]
    )
    aya = _extension(done)
    stored = _stored(stack, tree, aya["query_id"])
    assert done.choices[0].message.content == stored["answer"]
    assert done.choices[0].finish_reason == "stop"
    assert done.id == f"chatcmpl-{aya['query_id']}"
    assert (aya["route"], aya["status"]) == ("direct", "answered")
    assert aya["data"]["totals"]["spend"] > 0
    assert done.usage is not None
    assert done.usage.total_tokens == 0  # a direct answer calls no model
    assert aya["conversation_id"] == stored["conversation_id"]


def test_a_streamed_answer_arrives_in_chunks_that_make_the_stored_answer(
    stack: Stack, tree: Tree, chat: openai.OpenAI
) -> None:
    chunks = list(
        chat.chat.completions.create(
            model="ask-your-ads", messages=[{"role": "user", "content": WHY}], stream=True
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    aya = _extension(last)
    assert aya["route"] == "analysis"
    assert text == _stored(stack, tree, aya["query_id"])["answer"]
    assert _ledger_rows(stack, aya["query_id"]) >= 1  # billed like any analysis question


def _ledger_rows(stack: Stack, query_id: str) -> int:
    url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert url
    deadline = time.monotonic() + 20
    while True:
        with psycopg.connect(url) as conn:
            row = conn.execute(
                "SELECT count(*) FROM model_calls WHERE query_id = %s", (query_id,)
            ).fetchone()
        count = int(row[0]) if row else 0
        if count or time.monotonic() > deadline:
            return count
        time.sleep(0.2)


def test_a_follow_up_in_the_resent_chat_continues_its_conversation(chat: openai.OpenAI) -> None:
    first = chat.chat.completions.create(
        model="ask-your-ads", messages=[{"role": "user", "content": LOOKUP}]
    )
    follow = chat.chat.completions.create(
        model="ask-your-ads",
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": LOOKUP},
            {"role": "assistant", "content": first.choices[0].message.content or ""},
            {"role": "user", "content": "and on Meta?"},
        ],
    )
    before, after = _extension(first), _extension(follow)
    assert after["conversation_id"] == before["conversation_id"]
    assert after["turn"] == 2
    assert after["plan"]["platforms"] == ["meta_ads"]
    assert after["plan"]["carried_from"]["query_id"] == before["query_id"]


def test_errors_come_as_the_sdks_own_exceptions(
    stack: Stack, tree: Tree, chat: openai.OpenAI
) -> None:
    ask = [{"role": "user", "content": LOOKUP}]
    with pytest.raises(openai.NotFoundError) as unknown:
        chat.chat.completions.create(model="gpt-4o", messages=ask)  # type: ignore[arg-type]
    assert unknown.value.code == "model_not_found"
    with pytest.raises(openai.UnprocessableEntityError):
        chat.chat.completions.create(
            model="ask-your-ads", messages=[*ask, {"role": "assistant", "content": "ok"}]
        )
    with (
        _client(stack, "aya_live_nope_nope") as stranger,
        pytest.raises(openai.AuthenticationError) as refused,
    ):
        stranger.chat.completions.create(model="ask-your-ads", messages=ask)
    assert refused.value.body["type"] == "authentication_error"  # type: ignore[index]
    with (
        _client(stack, tree.keys["client_viewer"]) as viewer,
        pytest.raises(openai.PermissionDeniedError),
    ):
        viewer.chat.completions.create(model="ask-your-ads", messages=ask)


def test_a_chat_over_the_body_limit_is_refused_in_openai_s_shape(chat: openai.OpenAI) -> None:
    # The body limit answers before any route: its 413 must still be OpenAI's error shape
    # (a fuzzed body over the limit found it in the plain REST shape).
    huge = [{"role": "user", "content": "x" * 100_000}] * 4
    with pytest.raises(openai.APIStatusError) as refused:
        chat.chat.completions.create(model="ask-your-ads", messages=huge)  # type: ignore[arg-type]
    assert refused.value.status_code == 413
    body: dict[str, Any] = refused.value.body  # type: ignore[assignment]
    assert (body["type"], body["param"], body["code"]) == (
        "invalid_request_error",
        None,
        "payload_too_large",
    )
    assert "larger than" in body["message"]


def test_a_tenant_over_its_minute_gets_a_rate_limit_error(stack: Stack) -> None:
    slow = with_data_of(stack, make_tree(stack, "oai429"), NWO, requests_per_minute=1)
    ask = [{"role": "user", "content": LOOKUP}]
    away_from_minute_end()
    with _client(stack, slow.keys["client_analyst"]) as client:
        client.chat.completions.create(model="ask-your-ads", messages=ask)
        with pytest.raises(openai.RateLimitError) as limited:
            client.chat.completions.create(model="ask-your-ads", messages=ask)
    assert limited.value.code == "rate_limited"
    assert int(limited.value.response.headers["Retry-After"]) > 0
