"""A tenant's data lifecycle on the real stores: retention sweeps questions (per tenant) and the
ledger (its own, longer period); the export holds everything of the tenant as JSON lines; the
deletion leaves nothing of it in PostgreSQL, JetStream or NATS KV, and says so in a receipt."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import nats
import psycopg
import pytest
from test_e2e_admin import Tree, api, make_tree

from aya.stack import Stack
from libs.common.subjects import ANSWER_CACHE_BUCKET, SLOTS_BUCKET, STREAMS, cache_key, slots_key
from tests.builders import TEST_CLOCK, model_call, publish_model_calls

pytestmark = pytest.mark.slow
TENANT_TABLES = (
    "queries",
    "conversations",
    "conversation_entries",
    "tenant_instructions",
    "api_keys",
    "admin_audit",
    "model_calls",
    "calls_in_flight",
    "budget_holds",
    "budget_alerts",
    "webhooks",
    "alerts",
    "webhook_deliveries",
    "webhook_attempts",
)


def _admin_sql(stack: Stack, query: str, *args: Any) -> list[tuple[Any, ...]]:
    url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert url
    with psycopg.connect(url) as conn:
        cur = conn.execute(query, args)
        return cur.fetchall() if cur.description else []


def _wait(condition: Any, timeout: float = 20, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _ask(stack: Stack, tree: Tree, question: str) -> str:
    with api(stack, tree.keys["client_analyst"]) as client:
        response = client.post("/v1/queries", json={"query": question})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def _model_calls(stack: Stack, tenant_id: str, count: int) -> list[str]:
    """Publish model-call events for the tenant as inference does; the real audit service
    records them. Returns their call ids."""
    started = TEST_CLOCK.now()
    calls = [model_call(tenant_id, started_at=started) for _ in range(count)]

    assert stack.info is not None
    asyncio.run(publish_model_calls(stack.info.nats_ops_url, calls))
    ids = [c.call_id for c in calls]
    _wait(
        lambda: (
            len(_admin_sql(stack, "SELECT 1 FROM model_calls WHERE call_id = ANY(%s)", ids))
            == count
        ),
        what="the ledger to record the calls",
    )
    return ids


def _webhook_and_alert(stack: Stack, tree: Tree) -> None:
    """A webhook of the tenant (switched off, so nothing is sent) and an alert queued for it."""
    with api(stack, tree.keys["client_admin"]) as admin:
        made = admin.post(
            f"/v1/admin/tenants/{tree.client}/webhooks",
            json={"url": "https://127.0.0.1:9/x", "events": ["budget.threshold"], "enabled": False},
        )
        assert made.status_code == 201, made.text
    _admin_sql(
        stack,
        "WITH a AS (INSERT INTO alerts (tenant_id, id, kind, key, data) VALUES"
        " (%s, gen_random_uuid(), 'budget.threshold', 'lifecycle', '{}') RETURNING id)"
        " INSERT INTO webhook_deliveries (tenant_id, id, webhook_id, alert_id, event, body,"
        " give_up_at) SELECT %s, gen_random_uuid(), %s::uuid, a.id, 'budget.threshold', '{}',"
        " now() FROM a",
        tree.client,
        tree.client,
        made.json()["id"],
    )


def _budget_rows_and_lease(stack: Stack, tenant_id: str) -> None:
    """A live budget hold, a call in flight, an alert, a fair-share lease and a cached answer
    of the tenant."""
    _admin_sql(
        stack,
        "INSERT INTO calls_in_flight (call_id, tenant_id, settle_by, call) VALUES"
        " (gen_random_uuid(), %s, now() + interval '1 hour', '{}')",
        tenant_id,
    )
    _admin_sql(
        stack,
        "INSERT INTO budget_holds (hold_id, tenant_id, query_id, engine, model,"
        " amount_usd_micros, budget_usd_micros, alert_ratio, expires_at) VALUES"
        " (gen_random_uuid(), %s, 'q', 'mistral', 'm', 1, 1, 0.8, now() + interval '1 hour')",
        tenant_id,
    )
    _admin_sql(
        stack,
        "INSERT INTO budget_alerts (tenant_id, month, kind, spent_usd_micros,"
        " budget_usd_micros, alert_ratio) VALUES (%s, date_trunc('month', now())::date,"
        " 'threshold', 1, 1, 0.8)",
        tenant_id,
    )

    async def lease() -> None:
        assert stack.info is not None
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            deadline = time.monotonic() + 60
            while True:  # inference opens the bucket when it starts, maybe after the gateway
                try:
                    kv = await nc.jetstream().key_value(SLOTS_BUCKET)
                    break
                except nats.js.errors.BucketNotFoundError:
                    assert time.monotonic() < deadline, "inference never opened its bucket"
                    await asyncio.sleep(0.2)
            await kv.put(slots_key(tenant_id), json.dumps({"lease": time.time() + 60}).encode())
            cache = await nc.jetstream().key_value(ANSWER_CACHE_BUCKET)  # opened beside it
            await cache.put(cache_key(tenant_id, "0" * 64), b"{}")
        finally:
            await nc.close()

    asyncio.run(lease())


def _held_in_nats(stack: Stack, tenant_id: str) -> dict[str, int]:
    async def count() -> dict[str, int]:
        assert stack.info is not None
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            js = nc.jetstream()
            held = {}
            buckets = ["KV_ratelimits", "KV_analysis_slots", f"KV_{ANSWER_CACHE_BUCKET}"]
            for name in [s.name for s in STREAMS] + buckets:
                filters = {
                    "KV_ratelimits": f"$KV.ratelimits.rpm.{tenant_id}.*",
                    "KV_analysis_slots": f"$KV.{SLOTS_BUCKET}.{slots_key(tenant_id)}",
                    f"KV_{ANSWER_CACHE_BUCKET}": f"$KV.{ANSWER_CACHE_BUCKET}.{tenant_id}.>",
                }
                try:
                    info = await js.stream_info(
                        name, subjects_filter=filters.get(name, f"aya.v1.{tenant_id}.>")
                    )
                except nats.js.errors.NotFoundError:
                    continue
                held[name] = sum((info.state.subjects or {}).values())
            return held
        finally:
            await nc.close()

    return asyncio.run(count())


def _export(stack: Stack, key: str, tenant_id: str) -> list[dict[str, Any]]:
    with api(stack, key) as client:
        response = client.get(f"/v1/admin/tenants/{tenant_id}/export")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def test_export_holds_every_question_answer_model_call_and_admin_action(stack: Stack) -> None:
    tree = make_tree(stack, "ex")
    with api(stack, tree.keys["client_admin"]) as admin:
        put = admin.put(f"/v1/admin/tenants/{tree.client}/instructions", json={"text": "Peak: Q4"})
        assert put.status_code == 200, put.text
    asked = [_ask(stack, tree, q) for q in ("spend last week", "Why did ROAS drop last week?")]
    calls = _model_calls(stack, tree.client, 3)
    _webhook_and_alert(stack, tree)
    lines = _export(stack, tree.keys["client_admin"], tree.client)

    kinds = [line["type"] for line in lines]
    assert kinds[0] == "tenant"
    assert lines[0]["id"] == tree.client
    assert kinds[-1] == "end"
    questions = [line for line in lines if line["type"] == "question"]
    assert [q["id"] for q in questions] == asked
    # with their recorded answers (here: "no ad data connection", a failed answer)
    assert all(q["answer"]["query_id"] == q["id"] and q["status"] != "queued" for q in questions)
    # oldest first; the three started together, so by call id
    assert [c["call_id"] for c in lines if c["type"] == "model_call"] == sorted(calls)
    assert all(c["cost_usd_micros"] > 0 for c in lines if c["type"] == "model_call")
    actions = {line["action"] for line in lines if line["type"] == "admin_action"}
    assert {"tenant.create", "key.create", "tenant.export"} <= actions
    threads = [line for line in lines if line["type"] == "conversation"]
    assert [t["entries"][0]["query_id"] for t in threads] == asked  # one each: none followed up
    pairs = zip(threads, questions, strict=True)
    assert all(t["entries"][0]["state"] == q["status"] for t, q in pairs)
    assert {q["conversation_id"] for q in questions} == {t["id"] for t in threads}
    (webhook,) = [line for line in lines if line["type"] == "webhook"]
    assert "secret" not in webhook
    (alert,) = [line for line in lines if line["type"] == "alert"]
    assert [d["webhook_id"] for d in alert["deliveries"]] == [webhook["id"]]
    (instructions,) = [line for line in lines if line["type"] == "instructions"]
    assert (instructions["version"], instructions["text"]) == (1, "Peak: Q4")
    assert lines[-1]["counts"] == {
        "instructions": 1,
        "question": 2,
        "conversation": 2,
        "webhook": 1,
        "alert": 1,
        "model_call": 3,
        "admin_action": kinds.count("admin_action"),
    }
    # The agency's admin exports its client the same way; the export holds no key material.
    again = _export(stack, tree.keys["agency_admin"], tree.client)
    exports = [a for a in again if a["type"] == "admin_action" and a["action"] == "tenant.export"]
    assert len(again) == len(lines) + 1  # the first export is now in the log, by its client
    assert sorted(e["actor"].split("/")[0] for e in exports) == sorted([tree.agency, tree.client])
    assert not any(key in json.dumps(lines) for key in tree.keys.values())


def test_deleting_a_tenant_leaves_nothing_of_it_anywhere_and_gives_a_receipt(
    stack: Stack,
) -> None:
    tree = make_tree(stack, "del")
    for question in ("spend last week", "clicks yesterday"):
        _ask(stack, tree, question)
    _model_calls(stack, tree.client, 3)
    _budget_rows_and_lease(stack, tree.client)  # so every store has something to delete
    _webhook_and_alert(stack, tree)
    before = _held_in_nats(stack, tree.client)
    assert before["ANSWERS"] == 2
    assert before["AUDIT"] == 3
    assert before["KV_ratelimits"] >= 1
    assert before["KV_analysis_slots"] == 1
    assert before[f"KV_{ANSWER_CACHE_BUCKET}"] == 1

    with api(stack, tree.keys["agency_admin"]) as agency:
        response = agency.delete(f"/v1/admin/tenants/{tree.client}")
        assert response.status_code == 200, response.text
        receipt = response.json()
        log = agency.get(f"/v1/admin/tenants/{tree.agency}/audit").json()["items"]

    deleted = receipt["deleted"]
    assert deleted["postgresql"]["queries"] == 2
    assert deleted["postgresql"]["conversations"] == 2
    assert deleted["postgresql"]["conversation_entries"] == 2
    assert deleted["postgresql"]["api_keys"] == 3  # admin, analyst, viewer
    assert deleted["postgresql"]["webhooks"] == 1
    assert deleted["postgresql"]["alerts"] == 1
    assert deleted["postgresql"]["webhook_deliveries"] == 1
    assert deleted["postgresql"]["tenants"] == 1
    assert deleted["ledger"] == {
        "model_calls": 3,
        "calls_in_flight": 1,
        "budget_holds": 1,
        "budget_alerts": 1,
    }
    assert deleted["nats"]["KV_analysis_slots"] == 1
    assert deleted["nats"][f"KV_{ANSWER_CACHE_BUCKET}"] == 1
    assert deleted["nats"]["ANSWERS"] == 2
    assert deleted["nats"]["AUDIT"] == 3
    assert deleted["nats"]["KV_ratelimits"] == before["KV_ratelimits"]
    for table in TENANT_TABLES:
        rows = _admin_sql(stack, f"SELECT count(*) FROM {table} WHERE tenant_id = %s", tree.client)
        assert rows == [(0,)], table
    assert _admin_sql(stack, "SELECT count(*) FROM tenants WHERE id = %s", tree.client) == [(0,)]
    assert not any(_held_in_nats(stack, tree.client).values())
    with api(stack, tree.keys["client_admin"]) as gone:
        assert gone.get("/v1/queries").status_code == 401
    kept = next(item for item in log if item["action"] == "tenant.delete")
    assert kept["target"] == tree.client
    assert kept["after"]["receipt_id"] == receipt["receipt_id"]


def test_an_agency_with_clients_cannot_be_deleted_until_they_are(stack: Stack) -> None:
    tree = make_tree(stack, "agd")
    assert stack.info is not None
    with api(stack, stack.info.operator_key) as operator:
        refused = operator.delete(f"/v1/admin/tenants/{tree.agency}")
        assert refused.status_code == 409, refused.text
        assert operator.delete(f"/v1/admin/tenants/{tree.client}").status_code == 200
        deleted = operator.delete(f"/v1/admin/tenants/{tree.agency}")
        assert deleted.status_code == 200, deleted.text
        assert deleted.json()["deleted"]["postgresql"]["tenants"] == 1


def test_retention_sweeps_old_questions_by_the_tenants_period_and_the_ledger_by_its_own(
    stack: Stack,
) -> None:
    tree = make_tree(stack, "ret")
    old, recent = _ask(stack, tree, "spend last week"), _ask(stack, tree, "clicks last week")
    _admin_sql(
        stack,
        "UPDATE queries SET created_at = %s - interval '10 days' WHERE id = %s",
        TEST_CLOCK.now(),
        old,
    )
    old_call, recent_call = _model_calls(stack, tree.client, 2)
    # Aged once recorded (an event that old would be swept before a test could see it land).
    _admin_sql(
        stack,
        "UPDATE model_calls SET started_at = %s - interval '500 days' WHERE call_id = %s",
        TEST_CLOCK.now(),
        old_call,
    )
    with api(stack, tree.keys["client_admin"]) as admin:
        changed = admin.patch(f"/v1/admin/tenants/{tree.client}", json={"query_retention_days": 7})
    assert changed.status_code == 200, changed.text

    def remaining(table: str, column: str, ids: list[str]) -> set[str]:
        rows = _admin_sql(
            stack, f"SELECT {column}::text FROM {table} WHERE {column}::text = ANY(%s)", ids
        )
        return {str(row[0]) for row in rows}

    _wait(lambda: remaining("queries", "id", [old, recent]) == {recent}, what="question sweep")
    threads = _admin_sql(stack, "SELECT conversation_id::text FROM queries WHERE id = %s", recent)
    _admin_sql(
        stack,
        "UPDATE conversations SET last_activity_at = %s - interval '10 days' WHERE id = %s",
        TEST_CLOCK.now(),
        threads[0][0],
    )
    _wait(
        lambda: not _admin_sql(stack, "SELECT 1 FROM conversations WHERE id = %s", threads[0][0]),
        what="conversation sweep",
    )
    _wait(lambda: remaining("queries", "id", [recent]) == set(), what="its questions with it")
    _wait(
        lambda: remaining("model_calls", "call_id", [old_call, recent_call]) == {recent_call},
        what="ledger sweep",
    )
