"""Conversations through REST on the running stack: every labelled conversation asked turn by
turn, each follow-up planned in the context of the turn before; threads stored, listed, read,
renamed, archived and deleted per tenant; two follow-ups sent at once answered in order; ids
that are not the tenant's refused; a full conversation continued in a new one."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import httpx
import psycopg
import pytest
from e2e_support import HEL, NWO, extra_gateway, gateway, poll, poll_row
from test_e2e_admin import Tree, api, make_tree, with_data_of

from aya.stack import Stack
from libs.common.conversation import Turn
from libs.common.plan import QueryPlan
from libs.common.presentation import period_label
from services.router import build_plan
from tests.builders import TEST_CLOCK, TEST_TODAY
from tests.router.conversation_support import TURN_FIELDS, load_conversations, turn_view

pytestmark = pytest.mark.slow
CONVERSATIONS = load_conversations()
DATES = ("date_range", "compare_to")


def _ask(
    client: httpx.Client, question: str, conversation: str | None = None, mode: str = "sync"
) -> dict[str, Any]:
    body: dict[str, Any] = {"query": question, "mode": mode}
    if conversation is not None:
        body["conversation_id"] = conversation
    response = client.post("/v1/queries", json=body)
    assert response.status_code in (200, 202), response.text
    result: dict[str, Any] = response.json()
    assert response.headers["Aya-Conversation-Id"] == result["conversation_id"]
    return result


def _run(stack: Stack, tree: Tree, conversation: dict[str, Any]) -> list[str]:
    """Ask one labelled conversation through REST; what went wrong, turn by turn."""
    today = TEST_TODAY
    wrong: list[str] = []
    thread: str | None = None
    previous: Turn | None = None
    with _client(stack, tree) as client:
        for n, turn in enumerate(conversation["turns"], start=1):
            body = _ask(client, turn["query"], thread)
            assert body["turn"] == n, body
            assert thread in (None, body["conversation_id"])
            thread = body["conversation_id"]
            assert body["plan"] is not None, body
            from_rest = body["plan"]
            got = turn_view(QueryPlan.model_validate(from_rest))
            # Dates are the label's at its own today; here, the router's at the stack's today.
            offline = build_plan(turn["query"], today=today, previous=previous)
            for field in TURN_FIELDS:
                want = turn_view(offline)[field] if field in DATES else turn[field]
                if got[field] != want:
                    wrong.append(f"{turn['query']!r} {field}: {got[field]} != {want}")
            carried = from_rest["carried_from"]
            if previous is not None and carried is not None:
                assert carried["query_id"] == previous.query_id
            previous = Turn(query_id=body["id"], question=turn["query"], plan=offline)
    return wrong


@pytest.fixture(scope="module")
def asker(stack: Stack) -> Tree:
    """A client tenant of its own with Northwind's ad data (its agency stores Northwind's
    Lemanado token as its credential) and room to ask: the labelled set alone is over 120
    questions, and no other tenant's minute should pay for them."""
    return with_data_of(stack, make_tree(stack, "conv"), NWO, requests_per_minute=5000)


def _client(stack: Stack, tree: Tree) -> httpx.Client:
    return api(stack, tree.keys["client_analyst"])


def test_every_labelled_conversation_is_planned_in_context_through_rest(
    stack: Stack, asker: Tree
) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = pool.map(lambda c: _run(stack, asker, c), CONVERSATIONS)
        problems = [p for found in runs for p in found]
    assert not problems, "\n".join(problems)


def test_a_follow_up_is_answered_for_the_period_and_platform_it_carried(
    stack: Stack, asker: Tree
) -> None:
    with _client(stack, asker) as client:
        first = _ask(client, "What did we spend on Google last week?")
        follow = _ask(client, "why is that so high?", first["conversation_id"])
    assert follow["route"] == "analysis"
    plan = follow["plan"]
    assert plan["platforms"] == ["google_ads"]
    assert plan["date_range"] == first["plan"]["date_range"]
    assert sorted(plan["carried_from"]["fields"]) == ["date_range", "metrics", "platforms"]
    start = date.fromisoformat(plan["date_range"]["start"])
    end = date.fromisoformat(plan["date_range"]["end"])
    # The answer cites the carried week, printed the one way periods are printed.
    assert period_label(start, end, TEST_TODAY) in follow["answer"], follow["answer"]


def test_a_new_question_without_an_id_starts_a_conversation_and_numbers_its_turns(
    stack: Stack, asker: Tree
) -> None:
    with _client(stack, asker) as client:
        one = _ask(client, "clicks yesterday")
        two = _ask(client, "and impressions?", one["conversation_id"])
        alone = _ask(client, "clicks yesterday")
        stored = client.get(f"/v1/queries/{two['id']}").json()
    assert (one["turn"], two["turn"], alone["turn"]) == (1, 2, 1)
    assert alone["conversation_id"] != one["conversation_id"]
    assert (stored["conversation_id"], stored["turn"]) == (one["conversation_id"], 2)
    assert two["plan"]["metrics"] == ["impressions"]


def test_async_and_stream_answers_carry_their_conversation(stack: Stack, asker: Tree) -> None:
    with _client(stack, asker) as client:
        first = _ask(client, "spend last week", mode="async")
        assert first["status"] == "queued"
        assert first["turn"] == 1
        with client.stream(
            "POST",
            "/v1/queries",
            json={
                "query": "and on Meta?",
                "mode": "stream",
                "conversation_id": first["conversation_id"],
            },
        ) as streamed:
            assert streamed.headers["Aya-Conversation-Id"] == first["conversation_id"]
            assert streamed.headers["Aya-Turn"] == "2"
            text = "".join(streamed.iter_text())
        answered = poll(client, first["id"])
    assert f'"conversation_id":"{first["conversation_id"]}"' in text
    assert answered["conversation_id"] == first["conversation_id"]


def test_two_follow_ups_sent_at_once_are_answered_in_order(stack: Stack, asker: Tree) -> None:
    with _client(stack, asker) as client:
        first = _ask(client, "What did we spend on Google last week?")
        thread = first["conversation_id"]
        with ThreadPoolExecutor(max_workers=2) as pool:
            sent = list(
                pool.map(
                    lambda q: _ask(_client(stack, asker), q, thread, mode="async"),
                    ["and on Meta?", "what about last month?"],
                )
            )
    assert sorted(s["turn"] for s in sent) == [2, 3]
    second, third = sorted(sent, key=lambda s: s["turn"])
    with _client(stack, asker) as client:
        answers = {s["id"]: poll(client, s["id"]) for s in sent}
    plan2, plan3 = answers[second["id"]]["plan"], answers[third["id"]]["plan"]
    assert plan2["carried_from"]["query_id"] == first["id"]
    assert plan3["carried_from"]["query_id"] == second["id"]  # never the first's: ordered
    # The last turn holds both changes: Meta and last month.
    assert plan3["platforms"] == ["meta_ads"]
    assert plan3["date_range"]["start"].endswith("-01")
    assert plan3["metrics"] == ["spend"]


def test_an_unknown_or_another_tenants_conversation_is_not_found(stack: Stack, asker: Tree) -> None:
    with gateway(stack, HEL) as other:
        theirs = _ask(other, "spend last week")["conversation_id"]
    with _client(stack, asker) as client:
        for conversation in (theirs, "00000000-0000-4000-8000-000000000000"):
            response = client.post(
                "/v1/queries", json={"query": "and on Meta?", "conversation_id": conversation}
            )
            assert response.status_code == 404, response.text
            assert response.json()["error"]["message"] == "No conversation with this id."
            assert client.get(f"/v1/conversations/{conversation}").status_code == 404
            assert client.delete(f"/v1/conversations/{conversation}").status_code == 404
        malformed = client.post("/v1/queries", json={"query": "hi", "conversation_id": "nope"})
        assert malformed.status_code == 422
        assert "conversation_id" in malformed.json()["error"]["message"]
    with gateway(stack, HEL) as other:
        assert other.get(f"/v1/conversations/{theirs}").status_code == 200  # still theirs


def test_conversations_are_listed_read_renamed_archived_and_deleted(
    stack: Stack, asker: Tree
) -> None:
    with _client(stack, asker) as client:
        first = _ask(client, "ROAS by platform last month")
        thread = first["conversation_id"]
        second = _ask(client, "top 3 instead", thread)
        read = client.get(f"/v1/conversations/{thread}").json()
        assert read["title"] == "ROAS by platform last month"
        assert read["turn_count"] == 2
        assert [t["query_id"] for t in read["turns"]] == [first["id"], second["id"]]
        assert read["turns"][1]["plan"]["carried_from"]["query_id"] == first["id"]
        assert read["turns"][1]["status"] == "answered"
        assert read["turns"][1]["answer"]

        listed = client.get("/v1/conversations", params={"limit": 100}).json()["items"]
        assert listed[0]["id"] == thread  # most recently active first

        renamed = client.patch(f"/v1/conversations/{thread}", json={"title": "Q4 ROAS"})
        assert renamed.status_code == 200
        assert renamed.json()["title"] == "Q4 ROAS"
        archived = client.patch(f"/v1/conversations/{thread}", json={"archived": True})
        assert archived.json()["archived"] is True
        open_ids = _ids(client, "false")
        assert thread not in open_ids
        assert thread in _ids(client, "true")
        assert client.patch(f"/v1/conversations/{thread}", json={}).status_code == 422
        assert client.patch(f"/v1/conversations/{thread}", json={"x": 1}).status_code == 422

        _ask(client, "and on Meta?", thread)  # asking in it reopens it
        assert thread in _ids(client, "false")

        assert client.delete(f"/v1/conversations/{thread}").status_code == 204
        assert client.get(f"/v1/conversations/{thread}").status_code == 404
        assert client.get(f"/v1/queries/{first['id']}").status_code == 404  # its questions too


def _ids(client: httpx.Client, archived: str) -> set[str]:
    ids: set[str] = set()
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 50, "archived": archived}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/conversations", params=params).json()
        ids |= {item["id"] for item in page["items"]}
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


def test_a_viewer_reads_conversations_but_does_not_change_them(stack: Stack, asker: Tree) -> None:
    with _client(stack, asker) as analyst:
        thread = _ask(analyst, "spend last week")["conversation_id"]
    with api(stack, asker.keys["client_viewer"]) as viewer:
        assert viewer.get(f"/v1/conversations/{thread}").status_code == 200
        assert viewer.patch(f"/v1/conversations/{thread}", json={"title": "x"}).status_code == 403
        assert viewer.delete(f"/v1/conversations/{thread}").status_code == 403


@pytest.fixture(scope="module")
def short_gateway(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log_dir = tmp_path_factory.mktemp("short-gateway")
    with extra_gateway(stack, log_dir, AYA_CONVERSATION_MAX_TURNS="2") as url:
        yield url


def test_a_conversation_at_its_turn_limit_continues_in_a_new_one(
    stack: Stack, asker: Tree, short_gateway: str
) -> None:
    with _client(stack, asker) as authed:
        headers = dict(authed.headers)
    with httpx.Client(base_url=short_gateway, headers=headers, timeout=30) as client:
        first = _ask(client, "spend last week")
        _ask(client, "and on Meta?", first["conversation_id"])
        third = _ask(client, "and clicks?", first["conversation_id"])
    assert third["conversation_id"] != first["conversation_id"]
    assert third["turn"] == 1
    assert "limit of 2 turns" in third["notice"]
    assert third["plan"]["carried_from"] is None  # a new conversation starts fresh


def _wait_turn_finished(admin_url: str, query_id: str) -> None:
    """Until the gateway has recorded the turn's answer: the client may get the answer before
    the answers consumer finishes the turn, and a finish after a test's rewind would undo it."""
    poll_row(
        admin_url,
        "SELECT state FROM conversation_entries WHERE query_id = %s",
        (query_id,),
        lambda row: row is not None and row[0] == "answered",
    )


def test_a_turn_waiting_behind_one_that_never_answers_is_released(
    stack: Stack, asker: Tree
) -> None:
    """A turn stuck 'asked' past the stale limit (its messages lost) holds nothing back."""
    admin_url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert admin_url
    with _client(stack, asker) as client:
        first = _ask(client, "spend last week")
        thread = first["conversation_id"]
        _wait_turn_finished(admin_url, first["id"])
        with psycopg.connect(admin_url) as conn:  # as if its answer never came, long ago
            conn.execute(
                "UPDATE conversation_entries SET state = 'asked', released_at = %s -"
                " interval '1 day' WHERE query_id = %s",
                (TEST_CLOCK.now(), first["id"]),
            )
        follow = _ask(client, "and on Meta?", thread)
    assert follow["status"] == "answered"
    assert follow["plan"]["carried_from"]["query_id"] == first["id"]


def test_the_sweep_releases_a_turn_left_waiting_with_no_one_to_ask_again(
    stack: Stack, asker: Tree, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Nobody asks after it: a gateway's sweep, not a next question, frees the waiting turn
    once the turn before has been 'asked' longer than the stale limit."""
    admin_url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert admin_url
    with _client(stack, asker) as client:
        first = _ask(client, "spend last week")
        _wait_turn_finished(admin_url, first["id"])
        with psycopg.connect(admin_url) as conn:  # as if its answer were still on its way
            conn.execute(
                "UPDATE conversation_entries SET state = 'asked', released_at = %s"
                " WHERE query_id = %s",
                (TEST_CLOCK.now(), first["id"]),
            )
        queued = _ask(client, "and on Meta?", first["conversation_id"], mode="async")
        assert client.get(f"/v1/queries/{queued['id']}").json()["status"] == "queued"
        log_dir = tmp_path_factory.mktemp("sweeping-gateway")
        settings = {"AYA_CONVERSATION_STALE_SECONDS": "1", "AYA_CONVERSATION_SWEEP_SECONDS": "1"}
        with extra_gateway(stack, log_dir, **settings):
            answered = poll(client, queued["id"])
    assert answered["status"] == "answered"
    assert answered["plan"]["carried_from"]["query_id"] == first["id"]
