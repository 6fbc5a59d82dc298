"""The internal teams' NATS door on the running stack: a team asks on `aya.v1.<tenant>.ask`
(request-reply) or `.ask.async` (fire-and-forget) and gets what a REST caller gets — the same
answer, stored and readable over REST, under the tenant's limits — and every bad message gets
the documented error reply (or receipt) and a log line with its tenant."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

import httpx
import psycopg
import pytest
from conftest import PROBE_TEAM, PROBE_TENANT
from e2e_support import (
    NWO,
    NatsUserClient,
    admin_url,
    away_from_minute_end,
    connected,
    ensure_probe_tenant,
    gateway,
)

from aya.nats_auth import DEMO_TEAM
from aya.stack import Stack
from libs.common.nats_users import ServiceUser
from libs.common.subjects import AskForm, answer_subject, ask_subject, receipts_subject
from services.gateway.asyncapi import document

pytestmark = pytest.mark.slow
DIRECT = "What did we spend on Google last week?"
STATUS = "Aya-Status"


async def _request(
    client: NatsUserClient,
    subject_name: str,
    payload: bytes,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    reply = await client.nc.request(subject_name, payload, timeout=30, headers=headers)
    return int((reply.headers or {})[STATUS]), json.loads(reply.data)


def _ask(
    stack: Stack,
    payload: bytes,
    *,
    tenant_id: str = NWO,
    team: str = DEMO_TEAM,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    async def run() -> tuple[int, dict[str, Any]]:
        async with connected(stack, team) as client:
            return await _request(client, ask_subject(tenant_id), payload, headers)

    return asyncio.run(run())


def _json(**body: Any) -> bytes:
    return json.dumps(body).encode()


def test_a_team_asks_and_gets_rests_answer_stored_for_rest_reads(stack: Stack) -> None:
    status, body = _ask(stack, _json(query=DIRECT))
    assert status == 200, body
    assert (body["status"], body["route"]) == ("answered", "direct")
    with gateway(stack, NWO) as rest:
        same = rest.post("/v1/queries", json={"query": DIRECT}).json()
        stored = rest.get(f"/v1/queries/{body['id']}").json()
        page = rest.get("/v1/queries", params={"limit": 100}).json()
    listed = [item["id"] for item in page["items"]]
    # The same numbers as a REST caller's answer to the same question.
    assert _numbers(body["data"]) == _numbers(same["data"])
    assert (stored["query"], stored["status"], stored["answer"]) == (
        DIRECT,
        "answered",
        body["answer"],
    )
    assert body["id"] in listed


def test_a_team_follows_up_in_a_conversation_rest_can_read(stack: Stack) -> None:
    status, first = _ask(stack, _json(query="What did we spend on Google last week?"))
    assert status == 200, first
    thread = first["conversation_id"]
    assert first["turn"] == 1
    status, follow = _ask(stack, _json(query="and on Meta?", conversation_id=thread))
    assert status == 200, follow
    assert (follow["conversation_id"], follow["turn"]) == (thread, 2)
    assert follow["plan"]["platforms"] == ["meta_ads"]
    assert follow["plan"]["carried_from"]["query_id"] == first["id"]
    status, refused = _ask(stack, _json(query="and on Meta?", conversation_id=str(uuid.uuid4())))
    assert status == 404, refused
    with gateway(stack, NWO) as rest:
        turns = rest.get(f"/v1/conversations/{thread}").json()["turns"]
    assert [t["query_id"] for t in turns] == [first["id"], follow["id"]]


def _numbers(data: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name != "source"}


def test_async_mode_replies_with_the_id_and_the_answer_follows_on_its_subject(
    stack: Stack,
) -> None:
    async def run() -> tuple[int, dict[str, Any], dict[str, Any]]:
        async with connected(stack, DEMO_TEAM) as client:
            answers = await client.nc.subscribe(f"aya.v1.{NWO}.answer.*")
            status, body = await _request(
                client, ask_subject(NWO), _json(query=DIRECT, mode="async")
            )
            while True:
                message = await answers.next_msg(timeout=30)
                if message.subject == answer_subject(NWO, body["id"]):
                    return status, body, json.loads(message.data)["body"]

    status, accepted, answer = asyncio.run(run())
    assert (status, accepted["status"]) == (202, "queued")
    assert (answer["query_id"], answer["status"]) == (accepted["id"], "answered")


def test_fire_and_forget_gets_a_receipt_with_its_id_and_its_answer(stack: Stack) -> None:
    key = f"report-{uuid.uuid4()}"

    async def run() -> tuple[dict[str, Any], dict[str, Any]]:
        async with connected(stack, DEMO_TEAM) as client:
            receipts = await client.nc.subscribe(receipts_subject(NWO))
            answers = await client.nc.subscribe(f"aya.v1.{NWO}.answer.*")
            await client.nc.publish(
                ask_subject(NWO, AskForm.ASYNC),
                _json(query=DIRECT),
                headers={"Idempotency-Key": key},
            )
            receipt = await _next_with(receipts, lambda r: r.get("idempotency_key") == key)
            while True:
                message = await answers.next_msg(timeout=30)
                if message.subject == answer_subject(NWO, receipt["id"]):
                    return receipt, json.loads(message.data)["body"]

    receipt, answer = asyncio.run(run())
    assert receipt["status"] == "queued"
    assert answer["status"] == "answered"
    # The key makes the question idempotent, as REST's Idempotency-Key header does.
    status, again = _ask(stack, _json(query=DIRECT), headers={"Idempotency-Key": key})
    assert (status, again["id"], again["answer"]) == (200, receipt["id"], answer["answer"])


async def _next_with(subscription: Any, wanted: Any) -> dict[str, Any]:
    while True:
        message = await subscription.next_msg(timeout=30)
        body: dict[str, Any] = json.loads(message.data)
        if wanted(body):
            return body


@pytest.mark.parametrize(
    ("payload", "status", "code", "says"),
    [
        (b"{not json", 400, "malformed_json", "not valid JSON"),
        (_json(query=DIRECT, policy={"tiers": ["large"]}), 422, "invalid_request", "policy"),
        (_json(query=""), 422, "invalid_request", "query"),
        (_json(query="x" * 2001), 422, "invalid_request", "2000"),
        (_json(query="spend\x00"), 422, "invalid_request", "NUL"),
        (_json(query="x" * 20_000), 413, "payload_too_large", "larger than"),
        (_json(query=DIRECT, mode="fast"), 422, "invalid_request", "mode"),
        (b"[]", 422, "invalid_request", "body"),
    ],
    ids=["malformed", "unknown-field", "empty", "too-long", "nul", "oversized", "mode", "array"],
)
def test_bad_messages_get_rests_error_reply_and_a_log_line_with_the_tenant(
    stack: Stack, payload: bytes, status: int, code: str, says: str
) -> None:
    got, body = _ask(stack, payload)
    assert (got, body["error"]["code"]) == (status, code), body
    assert says in body["error"]["message"]
    _logged(stack, f'"tenant_id": "{NWO}"', code)


def _logged(stack: Stack, *parts: str) -> None:
    log = stack.home / "logs" / "gateway.log"
    deadline = time.monotonic() + 10
    while not any(all(p in line for p in parts) for line in log.read_text().splitlines()):
        assert time.monotonic() < deadline, f"no gateway log line with {parts}"
        time.sleep(0.1)


def test_a_request_without_a_reply_subject_gets_a_receipt_saying_so(stack: Stack) -> None:
    key = f"no-reply-{uuid.uuid4()}"

    async def run() -> dict[str, Any]:
        async with connected(stack, DEMO_TEAM) as client:
            receipts = await client.nc.subscribe(receipts_subject(NWO))
            await client.nc.publish(
                ask_subject(NWO), _json(query=DIRECT), headers={"Idempotency-Key": key}
            )
            return await _next_with(receipts, lambda r: r.get("idempotency_key") == key)

    receipt = asyncio.run(run())
    assert receipt["error"]["code"] == "no_reply_subject"


def test_sync_mode_on_the_fire_and_forget_subject_is_refused(stack: Stack) -> None:
    async def run() -> tuple[int, dict[str, Any]]:
        async with connected(stack, DEMO_TEAM) as client:
            return await _request(
                client, ask_subject(NWO, AskForm.ASYNC), _json(query=DIRECT, mode="sync")
            )

    status, body = asyncio.run(run())
    assert status == 422
    assert "request-reply" in body["error"]["message"]


def test_only_a_team_account_may_ask_not_our_own_users(stack: Stack) -> None:
    # `ops` may publish anything, but in our own account: no server-stamped team identity.
    status, body = _ask(stack, _json(query=DIRECT), team=ServiceUser.OPS)
    assert (status, body["error"]["code"]) == (401, "unauthorized")


def test_a_forged_identity_header_is_overwritten_by_the_server(stack: Stack) -> None:
    forged = json.dumps({"acc": "team-someone-else", "user": "x"})
    status, body = _ask(stack, _json(query=DIRECT), headers={"Nats-Request-Info": forged})
    assert status == 200
    with gateway(stack, NWO) as rest:
        assert rest.get(f"/v1/queries/{body['id']}").status_code == 200
    _stored_principal(stack, body["id"], f"nats:{DEMO_TEAM}")


def _stored_principal(stack: Stack, query_id: str, principal: str) -> None:
    with psycopg.connect(admin_url(stack)) as conn:
        row = conn.execute("SELECT principal FROM queries WHERE id = %s", (query_id,)).fetchone()
    assert row == (principal,)


@pytest.fixture
def probe(stack: Stack) -> str:
    """The probe team's tenant, created with 3 requests a minute."""
    return ensure_probe_tenant(stack, PROBE_TENANT)


def test_a_flood_over_the_tenants_rate_limit_gets_429(stack: Stack, probe: str) -> None:
    retry_after: list[int] = []

    async def run() -> list[tuple[int, dict[str, Any]]]:
        async with connected(stack, PROBE_TEAM) as client:
            bad = b'{"query": ""}'  # refused before counting, so only real questions count
            await _request(client, ask_subject(probe), bad)
            replies = []
            for _ in range(8):
                reply = await client.nc.request(
                    ask_subject(probe), _json(query=DIRECT, mode="async"), timeout=30
                )
                headers = reply.headers or {}
                retry_after.append(int(headers.get("Retry-After", "0")))
                replies.append((int(headers[STATUS]), json.loads(reply.data)))
            return replies

    away_from_minute_end()
    replies = asyncio.run(run())
    statuses = [status for status, _ in replies]
    assert statuses[:3] == [202, 202, 202]
    assert set(statuses[3:]) == {429}, statuses
    assert "per minute" in replies[-1][1]["error"]["message"]
    assert 0 < retry_after[-1] <= 60
    _logged(stack, f'"tenant_id": "{probe}"', "rate_limited")
    assert stack.info is not None
    metrics = httpx.get(stack.info.services["gateway"]["metrics_url"], timeout=10).text
    refused = f'aya_refusals_total{{reason="rate_limited",tenant="{probe}"}}'
    assert any(
        line.startswith(refused) and float(line.split()[-1]) >= 5 for line in metrics.splitlines()
    )


def test_the_gateway_serves_the_asyncapi_document_and_its_view(stack: Stack) -> None:
    with gateway(stack) as rest:
        served = rest.get("/asyncapi.json")
        view = rest.get("/asyncapi")
    assert served.status_code == 200
    assert served.json() == document()
    assert served.json()["channels"]["ask-request"]["address"] == "aya.v1.{tenant}.ask"
    assert view.status_code == 200
    assert view.headers["content-type"].startswith("text/html")
    assert '"/asyncapi.json"' in view.text
