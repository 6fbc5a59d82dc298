"""The audit ledger records each model call exactly once and serves usage per tenant."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Callable

import nats
import psycopg
import pytest
from e2e_support import HEL, NWO, audit_backlog, gateway

from aya.stack import Stack
from libs.common.model_call import CallStatus, ModelCall
from tests.builders import model_call, publish_model_calls

pytestmark = pytest.mark.slow
DAY = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC)


def _call(tenant_id: str, engine: str, model: str, inp: int, out: int) -> ModelCall:
    return model_call(
        tenant_id,
        started_at=DAY,
        seconds=2,
        engine=engine,
        model=model,
        input_tokens=inp,
        output_tokens=out,
        answered=engine != "vllm",
        degraded=engine == "analyst",
    )


def _rows(stack: Stack, call_ids: list[str], table: str = "model_calls") -> int:
    assert stack.postgres is not None or stack.settings.database_admin_url
    admin = stack.settings.database_admin_url or stack.postgres.admin_url  # type: ignore[union-attr]
    with psycopg.connect(admin) as conn:
        row = conn.execute(
            f"SELECT count(*) FROM {table} WHERE call_id = ANY(%s)", (call_ids,)
        ).fetchone()
    return int(row[0]) if row else 0


def _audit_settled(stack: Stack) -> bool:
    """The audit consumer has nothing waiting and nothing in hand."""
    return asyncio.run(audit_backlog(stack)) == 0


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_each_call_is_recorded_once_even_when_redelivered(stack: Stack) -> None:
    assert stack.info is not None
    calls = [_call(NWO, "mistral", "mistral-large-latest", 10_000, 500) for _ in range(5)]
    ids = [c.call_id for c in calls]
    # Same events again under other message ids: past the stream's duplicate window, only the
    # ledger's idempotency stands between a redelivery and a double charge.
    asyncio.run(
        publish_model_calls(
            stack.info.nats_ops_url, calls + calls, ids + [f"{i}-again" for i in ids]
        )
    )
    _wait(lambda: _rows(stack, ids) >= len(ids), "the ledger to record the calls")
    _wait(lambda: _audit_settled(stack), "audit to settle every event")  # the copies too
    assert _rows(stack, ids) == len(ids)


def test_the_ledger_consumer_never_gives_up_on_a_model_call_event(stack: Stack) -> None:
    # A bill retried while the ledger is down, however long, never dropped after N deliveries.
    async def max_deliver() -> int:
        assert stack.info is not None
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            info = await nc.jetstream().consumer_info("AUDIT", "audit")
            return int(info.config.max_deliver or 0)
        finally:
            await nc.close()

    assert asyncio.run(max_deliver()) == -1


def test_an_announced_call_waits_in_flight_until_its_outcome_and_a_forged_verdict_is_refused(
    stack: Stack,
) -> None:
    assert stack.info is not None
    announced = _call(NWO, "mistral", "mistral-large-latest", 10_000, 0).model_copy(
        update={"status": CallStatus.STARTED, "max_output_tokens": 700, "max_seconds": 30.0}
    )
    outcome = announced.model_copy(update={"status": CallStatus.OK, "output_tokens": 120})
    forged = _call(NWO, "mistral", "mistral-large-latest", 10_000, 0).model_copy(
        update={"status": CallStatus.INTERRUPTED}  # only the ledger's sweep may say so
    )
    unlimited = announced.model_copy(
        update={"call_id": f"{announced.call_id}-x", "max_seconds": None}
    )
    ids = [announced.call_id]
    url = stack.info.nats_ops_url
    asyncio.run(publish_model_calls(url, [announced], [f"{announced.call_id}.started"]))
    _wait(lambda: _rows(stack, ids, "calls_in_flight") == 1, "the announcement to be kept")
    assert _rows(stack, ids) == 0  # not a ledger row until its outcome (or the sweep)
    asyncio.run(publish_model_calls(url, [outcome, forged, unlimited]))
    _wait(lambda: _rows(stack, ids) == 1, "the outcome to be recorded")
    _wait(lambda: _audit_settled(stack), "audit to settle every event")
    assert _rows(stack, ids, "calls_in_flight") == 0
    refused = [forged.call_id, unlimited.call_id]
    assert _rows(stack, refused) + _rows(stack, refused, "calls_in_flight") == 0


def test_usage_reports_the_callers_tenant_only_with_costs(stack: Stack) -> None:
    assert stack.info is not None
    mine = [
        _call(HEL, "mistral", "mistral-medium-latest", 100_000, 10_000),
        _call(HEL, "vllm", "ministral-8b", 2_000, 300),
        _call(HEL, "analyst", "analyst", 0, 0),
    ]
    theirs = [_call(NWO, "mistral", "mistral-large-latest", 1_000_000, 0)]
    asyncio.run(publish_model_calls(stack.info.nats_ops_url, mine + theirs))
    params = {"from": "2026-11-03", "to": "2026-11-03", "group_by": "engine"}
    deadline = time.monotonic() + 20
    with gateway(stack, HEL) as client:
        while True:
            body = client.get("/v1/usage", params=params).json()
            if body["totals"]["calls"] >= 3 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert body["tenant_id"] == HEL
    assert body["totals"]["calls"] == 3
    assert body["totals"]["input_tokens"] == 102_000
    # medium: 100k x $0.40/M + 10k x $2.00/M = $0.06; vllm: $2/h x 2 s = $0.001111; analyst: 0
    assert body["totals"]["cost_usd"] == pytest.approx(0.061111, abs=1e-6)
    assert body["totals"]["answers"] == 2
    assert body["totals"]["degraded_answers"] == 1
    assert {g["key"] for g in body["groups"]} == {"analyst", "mistral", "vllm"}


def test_usage_rejects_a_reversed_range(stack: Stack) -> None:
    with gateway(stack, NWO) as client:
        response = client.get("/v1/usage", params={"from": "2026-11-10", "to": "2026-11-01"})
    assert response.status_code == 422
    assert "after" in json.loads(response.text)["error"]["message"]
