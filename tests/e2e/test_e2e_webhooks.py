"""Webhooks on the running stack: a real https receiver (its own port, a certificate of the
tests' CA) gets budget alerts signed; a 500 is retried and logged; redelivery works; a dead
receiver of one tenant does not hold up another tenant's delivery; URLs to private or
loopback addresses are refused; and another tenant sees and changes none of it."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import nats
import psycopg
import pytest
import trustme
from e2e_support import admin_url, extra_gateway
from test_e2e_admin import api, make_tree
from webhook_support import (
    Receiver,
    dead_receiver,
    deliveries,
    https_receiver,
    publish_budget_alert,
    wait_until,
)

from aya.stack import Stack
from libs.common.budget import BudgetPolicy, HoldReply, HoldRequest
from libs.common.subjects import Stage, subject
from tests.builders import model_call, publish_model_calls

pytestmark = pytest.mark.slow
BUDGET_EVENTS = ["budget.threshold", "budget.exhausted"]


@pytest.fixture
def receiver(webhook_ca: trustme.CA, tmp_path: Path) -> Iterator[Receiver]:
    with https_receiver(webhook_ca, tmp_path) as running:
        yield running


def register(
    client: httpx.Client, tenant_id: str, url: str, events: list[str] | None = None, **extra: Any
) -> dict[str, Any]:
    made = client.post(
        f"/v1/admin/tenants/{tenant_id}/webhooks",
        json={"url": url, "events": events or BUDGET_EVENTS, **extra},
    )
    assert made.status_code == 201, made.text
    body: dict[str, Any] = made.json()
    return body


def _spend_then_hold(stack: Stack, tenant_id: str) -> HoldReply:
    """Model calls recorded by the real audit service, then a budget hold asked as inference
    asks it, with a budget they have used up: audit raises the threshold and exhausted alerts."""
    assert stack.info is not None
    assert stack.info.nats_ops_url
    calls = [model_call(tenant_id) for _ in range(2)]
    asyncio.run(publish_model_calls(stack.info.nats_ops_url, calls))

    def spent() -> int:
        with psycopg.connect(admin_url(stack)) as conn:
            row = conn.execute(
                "SELECT count(*), coalesce(sum(cost_usd_micros), 0) FROM model_calls"
                " WHERE tenant_id = %s",
                (tenant_id,),
            ).fetchone()
        assert row is not None
        return int(row[1]) if row[0] == 2 else 0

    budget = wait_until(spent, what="the ledger to record the calls")
    request = HoldRequest(
        query_id=str(uuid.uuid4()),
        engine="mistral",
        model="mistral-medium-latest",
        input_tokens=1000,
        max_output_tokens=100,
        max_seconds=30,
        budget=BudgetPolicy(monthly_usd_micros=budget, alert_ratio=0.8),
    )

    async def hold() -> HoldReply:
        assert stack.info is not None
        assert stack.info.nats_ops_url
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            reply = await nc.request(
                subject(tenant_id, Stage.BUDGET_HOLD), request.model_dump_json().encode(), 10
            )
        finally:
            await nc.close()
        return HoldReply.model_validate_json(reply.data)

    return asyncio.run(hold())


def test_a_crossed_budget_reaches_the_webhook_signed(stack: Stack, receiver: Receiver) -> None:
    tree = make_tree(stack, "wh")
    with api(stack, tree.keys["client_admin"]) as admin:
        threshold = register(admin, tree.client, receiver.url, ["budget.threshold"])
        receiver.secret = threshold["secret"]
        assert threshold["secret"].startswith("whsec_")
        listed = admin.get(f"/v1/admin/tenants/{tree.client}/webhooks").json()["items"]
        assert "secret" not in listed[0]  # shown once, at creation

        reply = _spend_then_hold(stack, tree.client)
        assert not reply.granted

        (got,) = receiver.wait_for(1)
        assert got.signed, got.headers
        body = got.json
        assert (body["event"], body["tenant_id"]) == ("budget.threshold", tree.client)
        assert body["data"]["month"] == "2026-11-01"
        assert body["data"]["budget_usd_micros"] == reply.budget_usd_micros
        assert got.headers["aya-event"] == "budget.threshold"
        assert got.headers["content-type"] == "application/json"
        log = wait_until(
            lambda: [d for d in deliveries(admin, tree.client, threshold["id"])
                     if d["state"] == "delivered"],
            what="the delivery to be logged",
        )  # fmt: skip
        assert log[0]["id"] == got.headers["aya-delivery"]
        assert log[0]["alert_id"] == body["id"]
        # One attempt; on a busy machine an attempt may time out (no status) and be retried.
        *timed_out, last = [a["status_code"] for a in log[0]["attempts"]]
        assert (last, set(timed_out)) in ((200, set()), (200, {None}))

    with api(stack, tree.keys["client_viewer"]) as viewer:  # any role reads the alerts
        alerts = viewer.get("/v1/alerts").json()["items"]
    assert {a["kind"] for a in alerts} == {"budget.threshold", "budget.exhausted"}
    assert next(a for a in alerts if a["kind"] == "budget.threshold")["id"] == body["id"]
    # Only the event it asked for: the exhausted alert was raised but not sent to it.
    assert {d.headers["aya-delivery"] for d in receiver.got} == {got.headers["aya-delivery"]}


def test_a_repeated_event_raises_the_alert_once(stack: Stack, receiver: Receiver) -> None:
    tree = make_tree(stack, "once")
    with api(stack, tree.keys["client_admin"]) as admin:
        receiver.secret = register(admin, tree.client, receiver.url)["secret"]
    publish_budget_alert(stack, tree.client)
    publish_budget_alert(stack, tree.client, republished=True)  # past JetStream's dedup
    publish_budget_alert(stack, tree.client, kind="exhausted")  # handled after the repeat
    # One consumer takes the stream in order: once the exhausted alert is in, the repeat
    # before it was handled — and raised nothing.
    with api(stack, tree.keys["client_viewer"]) as viewer:
        wait_until(
            lambda: any(
                a["kind"] == "budget.exhausted" for a in viewer.get("/v1/alerts").json()["items"]
            ),
            what="the exhausted alert",
        )
        assert len(viewer.get("/v1/alerts").json()["items"]) == 2
    receiver.wait_for(2)
    assert sorted(d.json["event"] for d in receiver.got) == sorted(BUDGET_EVENTS)
    assert all(d.signed for d in receiver.got)
    with api(stack, tree.keys["client_viewer"]) as viewer:
        alerts = viewer.get("/v1/alerts", params={"limit": 1}).json()
        assert [a["kind"] for a in alerts["items"]] == ["budget.exhausted"]  # newest first
        rest = viewer.get("/v1/alerts", params={"cursor": alerts["next_cursor"]}).json()
    assert [a["kind"] for a in rest["items"]] == ["budget.threshold"]


def test_a_failed_delivery_is_retried_logged_and_can_be_redelivered(
    stack: Stack, receiver: Receiver
) -> None:
    tree = make_tree(stack, "retry")
    receiver.script = [500]
    with api(stack, tree.keys["agency_admin"]) as agency:  # its agency's admin may too
        hook = register(agency, tree.client, receiver.url)
        receiver.secret = hook["secret"]
        publish_budget_alert(stack, tree.client)
        first, second = receiver.wait_for(2)
        assert first.signed
        assert second.signed
        assert first.body == second.body  # the same event…
        assert first.headers["aya-delivery"] == second.headers["aya-delivery"]  # …and delivery
        (logged,) = wait_until(
            lambda: [d for d in deliveries(agency, tree.client, hook["id"])
                     if d["state"] == "delivered"],
            what="the retried delivery to be logged",
        )  # fmt: skip
        assert [a["status_code"] for a in logged["attempts"]] == [500, 200]
        assert [a["attempt"] for a in logged["attempts"]] == [1, 2]
        assert all(a["duration_ms"] >= 0 and a["error"] is None for a in logged["attempts"])

        again = agency.post(
            f"/v1/admin/tenants/{tree.client}/webhooks/{hook['id']}"
            f"/deliveries/{logged['id']}/redeliver"
        )
        assert again.status_code == 202, again.text
        assert again.json()["state"] == "pending"
        third = receiver.wait_for(3)[2]
        assert third.body == first.body
        assert third.signed
        wait_until(
            lambda: len(deliveries(agency, tree.client, hook["id"])[0]["attempts"]) == 3,
            what="the redelivery to be logged",
        )
        log = agency.get(f"/v1/admin/tenants/{tree.client}/audit").json()["items"]
    assert {"webhook.create", "webhook.redeliver"} <= {e["action"] for e in log}


def test_a_dead_receiver_does_not_hold_up_another_tenants_delivery(
    stack: Stack, receiver: Receiver
) -> None:
    slow, fine = make_tree(stack, "dead"), make_tree(stack, "live")
    with dead_receiver() as dead, api(stack, slow.keys["client_admin"]) as slow_admin:
        hooks = [register(slow_admin, slow.client, dead.url) for _ in range(6)]
        with api(stack, fine.keys["client_admin"]) as fine_admin:
            receiver.secret = register(fine_admin, fine.client, receiver.url)["secret"]
        publish_budget_alert(stack, slow.client)
        # Every sender the slow tenant may have is now stuck in a connection that never answers.
        wait_until(lambda: len(dead.held) >= 4, what="the dead receiver's connections")
        publish_budget_alert(stack, fine.client)
        (got,) = receiver.wait_for(1)
        assert got.json["tenant_id"] == fine.client
        assert got.signed
        # …while none of the slow tenant's attempts had even timed out yet.
        attempts = [
            a for hook in hooks for d in deliveries(slow_admin, slow.client, hook["id"])
            for a in d["attempts"]
        ]  # fmt: skip
        assert attempts == []
        for hook in hooks:  # no retries against a closed port after this test
            gone = slow_admin.delete(f"/v1/admin/tenants/{slow.client}/webhooks/{hook['id']}")
            assert gone.status_code == 204


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://10.1.2.3/hook", "private address"),
        ("https://169.254.169.254/latest", "link-local address"),
        ("https://[::]/hook", "unspecified address"),
        ("http://hooks.example.com/hook", "https"),
        ("https://user:pw@hooks.example.com/hook", "user name or password"),
    ],
)
def test_unsafe_or_malformed_urls_are_refused(stack: Stack, url: str, why: str) -> None:
    assert stack.info is not None
    with api(stack, stack.info.operator_key) as operator:
        refused = operator.post(
            "/v1/admin/tenants/northwind-outfitters/webhooks",
            json={"url": url, "events": ["budget.threshold"]},
        )
    assert refused.status_code == 422, refused.text
    assert why in refused.json()["error"]["message"]


def test_outside_development_loopback_is_refused_too(
    stack: Stack, receiver: Receiver, tmp_path: Path
) -> None:
    assert stack.info is not None
    # Its senders never tick during the test (other tests' deliveries stay the stack's).
    with extra_gateway(
        stack,
        tmp_path,
        AYA_ENVIRONMENT="production",
        AYA_WEBHOOK_POLL_SECONDS="60",
        AYA_OPERATOR_KEYS=json.dumps([stack.info.operator_key]),
    ) as url:
        headers = {"Authorization": f"Bearer {stack.info.operator_key}"}
        with httpx.Client(base_url=url, headers=headers, timeout=30) as operator:
            for target in (receiver.url, receiver.url.replace("127.0.0.1", "localhost")):
                refused = operator.post(
                    "/v1/admin/tenants/northwind-outfitters/webhooks",
                    json={"url": target, "events": ["budget.threshold"]},
                )
                assert refused.status_code == 422, refused.text
                assert "loopback address" in refused.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"url": "https://hooks.example.com/x", "events": []},
        {"url": "https://hooks.example.com/x", "events": ["budget.spent"]},
        {"url": "https://hooks.example.com/x", "events": ["anomaly.detected"] * 2},
        {"url": "https://hooks.example.com/x", "events": ["anomaly.detected"], "secret": "short"},
        {"url": "https://hooks.example.com/x", "events": ["anomaly.detected"], "color": "red"},
    ],
)
def test_a_bad_webhook_body_gets_a_precise_422(stack: Stack, body: dict[str, Any]) -> None:
    assert stack.info is not None
    with api(stack, stack.info.operator_key) as operator:
        refused = operator.post("/v1/admin/tenants/northwind-outfitters/webhooks", json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == "invalid_request"


def test_another_tenant_can_neither_see_nor_change_them(stack: Stack, receiver: Receiver) -> None:
    mine, theirs = make_tree(stack, "mine"), make_tree(stack, "theirs")
    with api(stack, mine.keys["client_admin"]) as admin:
        hook = register(admin, mine.client, receiver.url, secret="s" * 16 + "-given-by-admin")
        assert hook["secret"] == "s" * 16 + "-given-by-admin"
        receiver.secret = hook["secret"]
    publish_budget_alert(stack, mine.client)
    (got,) = receiver.wait_for(1)
    assert got.signed
    delivery = got.headers["aya-delivery"]
    own = f"/v1/admin/tenants/{mine.client}/webhooks/{hook['id']}"
    crossed = f"/v1/admin/tenants/{theirs.client}/webhooks/{hook['id']}"
    with api(stack, theirs.keys["agency_admin"]) as other:
        for path in (own, crossed):  # by my tenant's path, or smuggled under theirs
            assert other.get(path).status_code == 404
            assert other.patch(path, json={"enabled": False}).status_code == 404
            assert other.get(f"{path}/deliveries").status_code == 404
            redeliver = other.post(f"{path}/deliveries/{delivery}/redeliver")
            assert redeliver.status_code == 404
            assert other.delete(path).status_code == 404
        assert other.get(f"/v1/admin/tenants/{theirs.client}/webhooks").json()["items"] == []
    with api(stack, theirs.keys["client_viewer"]) as viewer:
        assert viewer.get("/v1/alerts").json()["items"] == []
    with api(stack, mine.keys["client_viewer"]) as viewer:
        assert len(viewer.get("/v1/alerts").json()["items"]) == 1
        assert viewer.get(own).status_code == 403  # a viewer key is no admin
    with api(stack, mine.keys["client_admin"]) as admin:
        patched = admin.patch(own, json={"enabled": False, "events": ["anomaly.detected"]})
        assert patched.status_code == 200, patched.text
        assert (patched.json()["enabled"], patched.json()["events"]) == (
            False,
            ["anomaly.detected"],
        )
        assert admin.patch(own, json={}).status_code == 422
        assert admin.delete(own).status_code == 204
        assert admin.get(own).status_code == 404
