"""One clock: a stack pinned to a past day (AYA_TODAY) dates everything on that day, so usage
counts the calls it just made, the budget month is the pinned month, and retention ages rows
from the pinned day — whatever the real date is (its own NATS and PostgreSQL)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from e2e_support import HEL, NWO

from aya.settings import StackSettings
from aya.stack import Stack
from libs.common.clock import Clock
from tests.builders import model_call, publish_model_calls

pytestmark = pytest.mark.slow
PINNED = dt.date(2025, 6, 15)  # far from any real date a test runs on: months differ
CLOCK = Clock(PINNED)


@pytest.fixture(scope="module")
def pinned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    home: Path = tmp_path_factory.mktemp("pinned-stack")
    stack = Stack(home, StackSettings(home=home))
    stack.extra_env = {
        "AYA_TODAY": PINNED.isoformat(),
        "AYA_RETENTION_SWEEP_SECONDS": "1",
        "AYA_ENVIRONMENT": "test",
        "AYA_HOME": str(home),
    }
    try:
        stack.start(timeout=120)
        yield stack
    finally:
        stack.stop()


def _key(stack: Stack, tenant_id: str) -> str:
    assert stack.info is not None
    return str(next(t for t in stack.info.tenants if t["id"] == tenant_id)["api_key"])


def _get(stack: Stack, tenant_id: str, path: str) -> dict[str, Any]:
    assert stack.info is not None
    response = httpx.get(
        f"{stack.info.gateway_url}{path}",
        headers={"Authorization": f"Bearer {_key(stack, tenant_id)}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _ask(stack: Stack, tenant_id: str, question: str) -> dict[str, Any]:
    assert stack.info is not None
    response = httpx.post(
        f"{stack.info.gateway_url}/v1/queries",
        json={"query": question},
        headers={"Authorization": f"Bearer {_key(stack, tenant_id)}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _operator_patch(stack: Stack, tenant_id: str, **fields: Any) -> None:
    assert stack.info is not None
    response = httpx.patch(
        f"{stack.info.gateway_url}/v1/admin/tenants/{tenant_id}",
        json=fields,
        headers={"Authorization": f"Bearer {stack.info.operator_key}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text


def _sql(stack: Stack, query: str, *args: Any) -> list[tuple[Any, ...]]:
    assert stack.postgres is not None
    with psycopg.connect(stack.postgres.admin_url) as conn:
        cur = conn.execute(query, args)
        return cur.fetchall() if cur.description else []


def _wait(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_usage_counts_the_calls_just_made_on_the_pinned_day(pinned: Stack) -> None:
    before = _get(pinned, NWO, "/v1/usage")["totals"]["calls"]
    body = _ask(pinned, NWO, "Why did our ROAS drop last week?")
    assert body["engine"] == "analyst"
    _wait(
        lambda: _get(pinned, NWO, "/v1/usage")["totals"]["calls"] == before + 1,
        "usage to count the analyst's call",
    )
    (started,) = _sql(pinned, "SELECT started_at FROM model_calls WHERE query_id = %s", body["id"])
    assert started[0].astimezone(dt.UTC).date() == PINNED
    (created,) = _sql(
        pinned, "SELECT created_at, answered_at FROM queries WHERE id = %s", body["id"]
    )
    assert {stamp.astimezone(dt.UTC).date() for stamp in created} == {PINNED}


def test_the_budget_month_is_the_pinned_month(pinned: Stack) -> None:
    _operator_patch(pinned, HEL, monthly_budget_usd=100)
    this_month = model_call(HEL, started_at=CLOCK.now() - dt.timedelta(days=5))
    last_month = model_call(HEL, started_at=CLOCK.now() - dt.timedelta(days=40))
    assert pinned.info is not None
    asyncio.run(publish_model_calls(pinned.info.nats_ops_url, [this_month, last_month]))
    ids = [this_month.call_id, last_month.call_id]
    _wait(
        lambda: len(_sql(pinned, "SELECT 1 FROM model_calls WHERE call_id = ANY(%s)", ids)) == 2,
        "the ledger to record both calls",
    )
    ((june,),) = _sql(
        pinned, "SELECT cost_usd_micros FROM model_calls WHERE call_id = %s", this_month.call_id
    )
    assert june > 0
    budget = _get(pinned, HEL, "/v1/usage")["budget"]
    assert budget["spent_usd"] == june / 1e6  # June's call only: May's is last month


def test_retention_ages_rows_from_the_pinned_day(pinned: Stack) -> None:
    kept, swept = model_call(NWO), model_call(NWO)
    assert pinned.info is not None
    asyncio.run(publish_model_calls(pinned.info.nats_ops_url, [kept, swept]))
    calls = [kept.call_id, swept.call_id]
    _wait(
        lambda: len(_sql(pinned, "SELECT 1 FROM model_calls WHERE call_id = ANY(%s)", calls)) == 2,
        "the ledger to record both calls",
    )
    # Aged once recorded (an event that old would be swept before the test could see it land):
    # the ledger keeps 400 days counted back from the pinned day, not from the real one.
    for call, days in ((kept, 399), (swept, 401)):
        age = CLOCK.now() - dt.timedelta(days=days)
        _sql(pinned, "UPDATE model_calls SET started_at = %s WHERE call_id = %s", age, call.call_id)
    old = _ask(pinned, HEL, "What did we spend last week?")["id"]
    fresh = _ask(pinned, HEL, "What did we spend yesterday?")["id"]
    aged = CLOCK.now() - dt.timedelta(days=3)
    _sql(pinned, "UPDATE queries SET created_at = %s WHERE id = %s", aged, old)
    _operator_patch(pinned, HEL, query_retention_days=2)

    def present(table: str, column: str, ids: list[str]) -> set[str]:
        query = f"SELECT {column}::text FROM {table} WHERE {column}::text = ANY(%s)"
        return {str(row[0]) for row in _sql(pinned, query, ids)}

    _wait(lambda: present("model_calls", "call_id", calls) == {kept.call_id}, "the ledger sweep")
    _wait(lambda: present("queries", "id", [old, fresh]) == {fresh}, "the question sweep")
