"""The daily anomaly watch on the running stack: a tenant reading Northwind's data switches it
on; a gateway whose day is 2026-11-11 watches its yesterday, the day of the sample's injected
tracking outage on gads-nwo-1; the finding reaches the tenant's webhook signed — once, though
the day is watched twice — and no model is called (the ledger has no row)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nats
import psycopg
import pytest
import trustme
from e2e_support import NWO, admin_url, extra_gateway
from test_e2e_admin import api, make_tree, with_data_of
from webhook_support import Receiver, https_receiver, wait_until

from aya.stack import Stack

pytestmark = pytest.mark.slow
WATCHED = "2026-11-10"


@pytest.fixture
def receiver(webhook_ca: trustme.CA, tmp_path: Path) -> Iterator[Receiver]:
    with https_receiver(webhook_ca, tmp_path) as running:
        yield running


def watch_answers(stack: Stack, tenant_id: str) -> list[dict[str, Any]]:
    """The answers the tenant's watches published (it asks no other question)."""

    async def read() -> list[dict[str, Any]]:
        assert stack.info is not None
        assert stack.info.nats_ops_url
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            js = nc.jetstream()
            info = await js.stream_info("ANSWERS", subjects_filter=f"aya.v1.{tenant_id}.answer.*")
            found = []
            for name in info.state.subjects or {}:
                raw = await js.get_last_msg("ANSWERS", name)
                found.append(json.loads(raw.data or b"{}")["body"])
            return found
        finally:
            await nc.close()

    return asyncio.run(read())


def _sql(stack: Stack, query: str, *args: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(admin_url(stack)) as conn:
        cur = conn.execute(query, args)
        return cur.fetchall() if cur.description else []


def test_an_injected_anomaly_reaches_the_webhook_signed_once_without_a_model(
    stack: Stack, receiver: Receiver, tmp_path: Path
) -> None:
    assert stack.info is not None
    tree = with_data_of(stack, make_tree(stack, "watch"), NWO)
    with api(stack, tree.keys["client_admin"]) as admin:
        path = f"/v1/admin/tenants/{tree.client}"
        assert admin.get(path).json()["anomaly_watch"] is False  # off until switched on
        switched = admin.patch(path, json={"anomaly_watch": True})  # its own admin may
        assert switched.status_code == 200, switched.text
        assert switched.json()["anomaly_watch"] is True
        made = admin.post(
            f"{path}/webhooks", json={"url": receiver.url, "events": ["anomaly.detected"]}
        )
        assert made.status_code == 201, made.text
        receiver.secret = made.json()["secret"]

    env = {
        "AYA_TODAY": "2026-11-11",  # so the tenant's yesterday is the outage's day
        "AYA_WATCH_POLL_SECONDS": "0.5",
        "AYA_WATCH_LOCAL_HOUR": "0",  # its morning has come, whatever the hour
        "AYA_OPERATOR_KEYS": json.dumps([stack.info.operator_key]),
    }
    with extra_gateway(stack, tmp_path, **env):
        (first,) = wait_until(lambda: watch_answers(stack, tree.client), 90, "the watch")
        assert first["status"] == "answered", first
        assert (first["engine"], first["data"]["watch_day"]) == ("analyst", WATCHED)
        findings = first["data"]["findings"]
        outage = [f for f in findings if f["kind"] == "tracking_outage"]
        assert outage, findings
        assert outage[0]["scope"]["account_id"] == "gads-nwo-1"
        assert (outage[0]["start"], outage[0]["end"]) == (WATCHED, WATCHED)

        got = receiver.wait_for(len(findings), timeout=60)
        assert all(d.signed for d in got)
        assert {d.headers["aya-event"] for d in got} == {"anomaly.detected"}
        sent = [d.json for d in got]
        assert {b["tenant_id"] for b in sent} == {tree.client}
        delivered = next(b for b in sent if b["data"]["kind"] == "tracking_outage")
        assert delivered["data"]["day"] == WATCHED
        assert delivered["data"]["scope"]["account_id"] == "gads-nwo-1"

        # The day watched again (as if a second gateway, or a retry, watched it too).
        _sql(stack, "UPDATE tenants SET anomaly_watch_day = NULL WHERE id = %s", tree.client)

        def both() -> list[dict[str, Any]] | None:
            answers = watch_answers(stack, tree.client)
            return answers if len(answers) == 2 else None

        answers = wait_until(both, 90, "the second watch")
        assert [len(a["data"]["findings"]) for a in answers] == [len(findings)] * 2

    # Its findings were raised once: one alert each, one delivery each, every one settled.
    with api(stack, tree.keys["client_viewer"]) as viewer:
        alerts = viewer.get("/v1/alerts", params={"kind": "anomaly.detected"}).json()["items"]
    assert len(alerts) == len(findings)
    assert {a["id"] for a in alerts} == {b["id"] for b in sent}
    wait_until(
        lambda: (
            not _sql(
                stack,
                "SELECT 1 FROM webhook_deliveries WHERE tenant_id = %s AND state = 'pending'",
                tree.client,
            )
        ),
        what="the deliveries to settle",
    )
    # One delivery per finding. Delivery is at least once: on a busy machine an attempt can
    # time out after the receiver got it and be sent again, as the same delivery (receivers
    # deduplicate on Aya-Delivery), never as a second one.
    copies: dict[str, set[bytes]] = {}
    for delivery in receiver.got:
        copies.setdefault(delivery.headers["aya-delivery"], set()).add(delivery.body)
    assert len(copies) == len(findings)
    assert all(len(bodies) == 1 for bodies in copies.values())
    # No model was called for it, nor any engine recorded.
    assert _sql(stack, "SELECT count(*) FROM model_calls WHERE tenant_id = %s", tree.client) == [
        (0,)
    ]
