"""Per-tenant spend and share through the whole stack (own NATS and PostgreSQL; the managed
engine is the Mistral fake behind a fault proxy, so costs are token prices of real token counts).

Budgets: holds before every call, settled with the ledger row, a degraded or refused answer at
the limit, direct questions untouched, fail-closed when spend cannot be verified, alerts raised
once. Fair share: a tenant's analyses run at most `max_concurrent_analyses` at a time while
another tenant's question goes straight through."""

from __future__ import annotations

import asyncio
import itertools
import json
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import nats
import psycopg
import pytest
from e2e_support import HEL, NWO, connected

from aya.nats_auth import DEMO_TEAM
from aya.settings import StackSettings
from aya.stack import Stack
from libs.common.subjects import SLOTS_BUCKET, ask_subject, slots_key
from tests.builders import TEST_CLOCK, TEST_TODAY
from tests.fakes.fault_proxy import FaultProxy
from tests.fakes.mistral_fake import MistralFake

pytestmark = pytest.mark.slow
ANALYSIS = "Why did our conversions drop last week?"
DIRECT = "What did we spend on Google last week?"
TIERS = ("small", "medium", "large")


@dataclass
class BudgetStack:
    stack: Stack
    mistral: FaultProxy
    fake: MistralFake

    @property
    def url(self) -> str:
        assert self.stack.info is not None
        return self.stack.info.gateway_url

    def key(self, tenant_id: str = NWO) -> str:
        assert self.stack.info is not None
        return str(next(t for t in self.stack.info.tenants if t["id"] == tenant_id)["api_key"])

    def post(self, question: str, tenant_id: str = NWO) -> httpx.Response:
        return httpx.post(
            f"{self.url}/v1/queries",
            json={"query": question},
            headers={"Authorization": f"Bearer {self.key(tenant_id)}"},
            timeout=120,
        )

    def settings(self, **fields: Any) -> None:
        assert self.stack.info is not None
        response = httpx.patch(
            f"{self.url}/v1/admin/tenants/{NWO}",
            json=fields,
            headers={"Authorization": f"Bearer {self.stack.info.operator_key}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text

    def sql(self, query: str, *args: Any) -> list[tuple[Any, ...]]:
        assert self.stack.postgres is not None
        with psycopg.connect(self.stack.postgres.admin_url) as conn:
            return conn.execute(query, args).fetchall()

    def spent(self) -> int:
        (row,) = self.sql(
            "SELECT coalesce(sum(cost_usd_micros), 0) FROM model_calls WHERE tenant_id = %s", NWO
        )
        return int(row[0])

    def settled(self, timeout: float = 20) -> None:
        """Wait until no hold of the tenant counts any more: settled by its call's ledger row,
        or lapsed (a lapsed row may linger until the next hold or sweep deletes it)."""
        deadline = time.monotonic() + timeout
        while self.sql(
            "SELECT 1 FROM budget_holds WHERE tenant_id = %s AND expires_at > %s",
            NWO,
            TEST_CLOCK.now(),
        ):
            assert time.monotonic() < deadline, "holds left unsettled"
            time.sleep(0.1)

    def reset_ledger(self) -> None:
        self.sql_exec("DELETE FROM model_calls WHERE tenant_id = %s", NWO)
        self.sql_exec("DELETE FROM budget_holds WHERE tenant_id = %s", NWO)
        self.sql_exec("DELETE FROM budget_alerts WHERE tenant_id = %s", NWO)

    def sql_exec(self, query: str, *args: Any) -> None:
        assert self.stack.postgres is not None
        with psycopg.connect(self.stack.postgres.admin_url) as conn:
            conn.execute(query, args)


@pytest.fixture(scope="module")
def budgets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BudgetStack]:
    with MistralFake() as fake, FaultProxy(fake.url) as proxy:
        home: Path = tmp_path_factory.mktemp("budget-stack")
        stack = Stack(home, StackSettings(home=home))
        stack.extra_env = {
            "AYA_TODAY": TEST_TODAY.isoformat(),
            # Short clocks, so a dead worker's message, hold and lease come back within a test.
            "AYA_ACK_WAIT_SECONDS": "6",
            "AYA_TIER_TIMEOUT_SECONDS": json.dumps(dict.fromkeys(TIERS, 8)),
            "AYA_BUDGET_HOLD_GRACE_SECONDS": "2",
            "AYA_SHARE_LEASE_SECONDS": "3",
            "AYA_MISTRAL_API_KEY": fake.api_key or "",
            "AYA_MISTRAL_URL": proxy.url,
            "AYA_MAX_OUTPUT_TOKENS": json.dumps(dict.fromkeys(TIERS, 12)),
            "AYA_ENGINE_ATTEMPTS": "1",
            "AYA_BREAKER_FAILURES": "1000",
            "AYA_CONCURRENCY": "16",
            # Long enough for a busy 2-core machine: a slow hold must not look like a dead ledger.
            "AYA_BUDGET_TIMEOUT_SECONDS": "5",
            "AYA_SYNC_TIMEOUT_SECONDS": "60",
            # Each test spends on the same questions: no answer is kept.
            "AYA_ANSWER_CACHE_SECONDS": "0",
        }
        try:
            stack.start(timeout=120)
            yield BudgetStack(stack, proxy, fake)
        finally:
            stack.stop()


@pytest.fixture(autouse=True)
def _fresh(budgets: BudgetStack) -> Iterator[None]:
    budgets.reset_ledger()
    budgets.mistral.reset()
    budgets.fake.reset()
    yield
    budgets.settings(
        monthly_budget_usd=None,
        budget_policy="degrade",
        budget_fail_open=False,
        max_concurrent_analyses=4,
    )


def _one_call_cost(budgets: BudgetStack) -> int:
    """What one analysis answer costs here, measured on an unlimited budget."""
    body = budgets.post(ANALYSIS).json()
    assert body["engine"] == "mistral", body
    budgets.settled()
    cost = budgets.spent()
    assert cost > 0
    budgets.reset_ledger()
    budgets.mistral.reset()
    return cost


def _alerts(budgets: BudgetStack) -> list[dict[str, Any]]:
    async def read() -> list[dict[str, Any]]:
        assert budgets.stack.info is not None
        nc = await nats.connect(budgets.stack.info.nats_ops_url)
        try:
            js = nc.jetstream()
            sub = await js.subscribe(f"aya.v1.{NWO}.budget.alert", ordered_consumer=True)
            found: list[dict[str, Any]] = []
            try:
                while True:
                    message = await sub.next_msg(timeout=1)
                    found.append(json.loads(message.data))
            except nats.errors.TimeoutError:
                return found
        finally:
            await nc.close()

    return asyncio.run(read())


def test_concurrent_questions_near_the_limit_never_overshoot_the_budget(
    budgets: BudgetStack,
) -> None:
    cost = _one_call_cost(budgets)
    # Room for about three calls; sixteen questions arrive at once and each call takes 0.5 s,
    # so all of them ask for a hold while others are still in flight.
    budget_micros = cost * 3 + cost // 2
    budgets.settings(monthly_budget_usd=budget_micros / 1e6, max_concurrent_analyses=100)
    budgets.mistral.delay_next(100, seconds=0.5)
    with ThreadPoolExecutor(16) as pool:
        bodies = [r.json() for r in pool.map(lambda _: budgets.post(ANALYSIS), range(16))]
    budgets.settled()

    engines = [(b["engine"], b["degraded_reason"]) for b in bodies]
    answered = engines.count(("mistral", None))
    refused = engines.count(("analyst", "budget_exhausted"))
    assert answered + refused == 16, engines
    assert answered >= 1
    assert refused >= 1
    assert budgets.spent() <= budget_micros
    assert budgets.mistral.count() == answered  # a refused hold never reached the engine
    kinds = sorted(alert["kind"] for alert in _alerts(budgets))
    assert kinds == ["exhausted", "threshold"]  # each raised once, however many crossed it
    standing = httpx.get(
        f"{budgets.url}/v1/usage", headers={"Authorization": f"Bearer {budgets.key()}"}
    ).json()["budget"]
    assert standing["spent_usd"] == budgets.spent() / 1e6
    assert standing["held_usd"] == 0
    assert standing["remaining_usd"] == (budget_micros - budgets.spent()) / 1e6
    assert standing["alert_reached"] is True


def test_every_model_call_settles_its_hold_in_the_ledger(budgets: BudgetStack) -> None:
    budgets.settings(monthly_budget_usd=100)
    budgets.mistral.fail_next(1, status=503)  # one failed call, then the analyst stands in
    body = budgets.post(ANALYSIS).json()
    assert (body["engine"], body["degraded_reason"]) == ("analyst", "model_engines_unavailable")
    budgets.settled()
    deadline = time.monotonic() + 20
    while True:
        rows = budgets.sql(
            "SELECT engine, status, hold_id IS NOT NULL FROM model_calls WHERE tenant_id = %s"
            " ORDER BY started_at",
            NWO,
        )
        if len(rows) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert rows == [("mistral", "error", True), ("analyst", "ok", False)]
    # settled by its row (deleted in the ledger's transaction), not merely lapsed
    assert not budgets.sql("SELECT 1 FROM budget_holds WHERE tenant_id = %s", NWO)


def test_exhausted_budget_degrades_analysis_and_direct_questions_still_work(
    budgets: BudgetStack,
) -> None:
    budgets.settings(monthly_budget_usd=0)
    body = budgets.post(ANALYSIS).json()
    assert (body["engine"], body["degraded"], body["degraded_reason"]) == (
        "analyst",
        True,
        "budget_exhausted",
    )
    assert body["answer"]  # the analyst's data-grounded text
    direct = budgets.post(DIRECT)
    assert direct.status_code == 200
    assert direct.json()["route"] == "direct"
    assert budgets.mistral.count() == 0


def test_refusing_tenant_gets_402_with_the_figures(budgets: BudgetStack) -> None:
    budgets.settings(monthly_budget_usd=0, budget_policy="refuse")
    response = budgets.post(ANALYSIS)
    assert response.status_code == 402, response.text
    error = response.json()["error"]
    assert error["code"] == "budget_exhausted"
    assert "spent $0.00 of $0.00" in error["message"]
    stored = httpx.get(
        f"{budgets.url}/v1/queries/{response.json()['id']}",
        headers={"Authorization": f"Bearer {budgets.key()}"},
    ).json()
    assert (stored["status"], stored["error"]["code"]) == ("failed", "budget_exhausted")
    assert budgets.post(DIRECT).status_code == 200


async def _ask_on_nats(budgets: BudgetStack, question: str) -> tuple[str, dict[str, Any]]:
    async with connected(budgets.stack, DEMO_TEAM) as client:
        reply = await client.nc.request(
            ask_subject(NWO), json.dumps({"query": question}).encode(), timeout=120
        )
        return (reply.headers or {})["Aya-Status"], json.loads(reply.data)


def test_a_teams_model_calls_count_in_the_tenants_usage_under_the_team(
    budgets: BudgetStack,
) -> None:
    status, body = asyncio.run(_ask_on_nats(budgets, ANALYSIS))
    assert (status, body["engine"]) == ("200", "mistral"), body
    budgets.settled()
    usage = httpx.get(
        f"{budgets.url}/v1/usage",
        params={"group_by": "principal"},
        headers={"Authorization": f"Bearer {budgets.key()}"},
        timeout=30,
    ).json()
    team = next(g for g in usage["groups"] if g["key"] == f"nats:{DEMO_TEAM}")
    assert team["input_tokens"] > 0
    assert team["cost_usd"] == budgets.spent() / 1e6


def test_a_team_asking_on_nats_meets_the_same_budget(budgets: BudgetStack) -> None:
    """The NATS door resolves the policy from PostgreSQL, as REST does: no publisher can
    bring its own."""
    budgets.settings(monthly_budget_usd=0, budget_policy="refuse")
    status, body = asyncio.run(_ask_on_nats(budgets, ANALYSIS))
    assert (status, body["error"]["code"]) == ("402", "budget_exhausted"), body
    assert budgets.mistral.count() == 0
    status, body = asyncio.run(_ask_on_nats(budgets, DIRECT))
    assert (status, body["route"]) == ("200", "direct")


def test_unverifiable_spend_fails_closed_unless_the_tenant_fails_open(
    budgets: BudgetStack,
) -> None:
    budgets.settings(monthly_budget_usd=100)
    audit = budgets.stack.supervisor.children["audit"]
    audit.send(signal.SIGSTOP)  # the ledger's owner stops answering
    try:
        closed = budgets.post(ANALYSIS).json()
        assert (closed["engine"], closed["degraded_reason"]) == ("analyst", "budget_unverified")
        budgets.settings(budget_policy="refuse")
        refused = budgets.post(ANALYSIS)
        assert refused.status_code == 503, refused.text
        assert refused.json()["error"]["code"] == "budget_unverified"
        assert budgets.mistral.count() == 0
        budgets.settings(budget_fail_open=True)
        opened = budgets.post(ANALYSIS).json()
        assert (opened["engine"], opened["degraded"]) == ("mistral", False)
    finally:
        audit.send(signal.SIGCONT)
    # The call made without a hold is still audited once the ledger is back.
    deadline = time.monotonic() + 20
    while not budgets.sql(
        "SELECT 1 FROM model_calls WHERE query_id = %s AND engine = 'mistral'", opened["id"]
    ):
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_a_tenants_batch_runs_within_its_share_while_another_tenant_is_served(
    budgets: BudgetStack,
) -> None:
    budgets.settings(max_concurrent_analyses=1)
    budgets.mistral.delay_next(100, seconds=1.0)
    with ThreadPoolExecutor(4) as pool:
        batch = [pool.submit(budgets.post, ANALYSIS) for _ in range(3)]
        deadline = time.monotonic() + 30
        while _live_leases(budgets) < 1:  # the batch is in and running; now another tenant asks
            assert time.monotonic() < deadline, "the batch never started"
            time.sleep(0.1)
        other = pool.submit(budgets.post, ANALYSIS, HEL)
        bodies = [f.result().json() for f in [*batch, other]]
    assert [b["engine"] for b in bodies] == ["mistral"] * 4, bodies
    calls = budgets.sql(
        "SELECT tenant_id, query_id, started_at, finished_at FROM model_calls"
        " WHERE query_id = ANY(%s) ORDER BY started_at",
        [b["id"] for b in bodies],
    )
    assert len(calls) == 4  # one call per question: waiting never caused a second delivery
    mine = [(start, end) for tenant, _, start, end in calls if tenant == NWO]
    assert all(later[0] >= earlier[1] for earlier, later in itertools.pairwise(mine))
    (hel_start, hel_end) = next((s, e) for t, _, s, e in calls if t == HEL)
    assert any(start < hel_end and hel_start < end for start, end in mine), (
        "the other tenant's question should run beside the batch, not after it"
    )


def _live_leases(budgets: BudgetStack) -> int:
    async def read() -> int:
        assert budgets.stack.info is not None
        nc = await nats.connect(budgets.stack.info.nats_ops_url)
        try:
            try:  # the bucket is made by the first analysis that takes a slot
                kv = await nc.jetstream().key_value(SLOTS_BUCKET)
                entry = await kv.get(slots_key(NWO))
            except (nats.js.errors.BucketNotFoundError, nats.js.errors.KeyNotFoundError):
                return 0
            leases: dict[str, float] = json.loads(entry.value or b"{}")
            return sum(1 for expiry in leases.values() if expiry > time.time())
        finally:
            await nc.close()

    return asyncio.run(read())


def test_a_worker_killed_mid_call_leaks_neither_its_hold_nor_its_share(
    budgets: BudgetStack,
) -> None:
    budgets.settings(monthly_budget_usd=100, max_concurrent_analyses=1)
    budgets.mistral.delay_next(1, seconds=30)  # the first call hangs until its worker dies
    with httpx.Client(
        base_url=budgets.url, headers={"Authorization": f"Bearer {budgets.key()}"}
    ) as client:
        query_id = client.post("/v1/queries", json={"query": ANALYSIS, "mode": "async"}).json()[
            "id"
        ]
        deadline = time.monotonic() + 30
        while not budgets.sql("SELECT 1 FROM budget_holds WHERE tenant_id = %s", NWO):
            assert time.monotonic() < deadline, "the call never held its budget"
            time.sleep(0.1)
        # Killed only once the call is on the wire: a kill between the hold and the request
        # would leave the proxy's slow fault armed for the redelivered call instead.
        while budgets.mistral.count() < 1:
            assert time.monotonic() < deadline, "the held call never reached the engine"
            time.sleep(0.1)
        assert _live_leases(budgets) == 1
        budgets.stack.supervisor.children[
            "inference"
        ].kill()  # mid-call; the supervisor restarts it

        deadline = time.monotonic() + 60
        while (body := client.get(f"/v1/queries/{query_id}").json())["status"] == "queued":
            assert time.monotonic() < deadline, "the redelivered job never got its tenant's slot"
            time.sleep(0.3)
    # answered after redelivery, by the engine
    assert (body["engine"], body["degraded"]) == ("mistral", False), body.get("degraded_reason")
    budgets.settled(timeout=30)  # the dead call's hold lapsed, the new one settled
    assert _live_leases(budgets) == 0
    rows = budgets.sql("SELECT engine, status FROM model_calls WHERE query_id = %s", query_id)
    assert rows == [("mistral", "ok")]
