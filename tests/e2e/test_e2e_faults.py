"""Faults under a steady stream of questions. Each service is killed (SIGKILL) in turn and
restarted by the supervisor; nats-server and PostgreSQL are stopped and started again; the MCP
server turns slow, failing or unreachable (a proxy in front of it); the model server turns
slow or failing, and so does Mistral's managed API (a fake of it) in a stack of its own whose
vLLM fails, so Mistral takes the questions. For each fault: every accepted question ends
answered or failed (none left queued), none is answered twice, the ledger holds exactly one row
per model call — matched by call id against the model server's own record of the calls it
got, and Mistral's against the fake's count — and the time until answers flow again is
recorded. A stack of its own; the model is `bench/upstream.py` (a 300 ms OpenAI-compatible
server that keeps each call's X-Request-Id), playing vLLM.

The figures of one run are printed at the end (`pytest -s`) and summed up in the README's fault
tables."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from e2e_support import NWO, mistral_env, own_stack
from fault_proxy import FaultProxy, Mode, fault_proxy
from fault_support import (
    Stream,
    Upstream,
    analyst_rows,
    hold,
    model_server,
    print_table,
    under_fault,
)

from aya.stack import Stack
from tests.fakes.mistral_fake import MistralFake, Reply

# A bound, not a speed goal: each fault holds until a question met it and then waits for every
# question to end, which on a machine whose cores are loaded by other work took over 120 s.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(360)]

TIERS = ("small", "medium", "large")
SERVICES = ("router", "data-fetch", "inference", "audit", "gateway")
LATENCY_MS = 300
RESULTS: dict[str, dict[str, Any]] = {}
FAULT_CLOCKS = {
    # Short redelivery, so a killed worker's messages come back within the test.
    "AYA_ACK_WAIT_SECONDS": "4",
    "AYA_SYNC_TIMEOUT_SECONDS": "30",
    # Every analysis question calls the model: the ledger is counted against its calls.
    "AYA_ANSWER_CACHE_SECONDS": "0",
    # Every question calls the connector, so its faults are met (kept rows would hide them).
    "AYA_ROW_CACHE_ROWS": "0",
    # A call whose worker dies is recorded as interrupted soon after its time limit.
    "AYA_TIER_TIMEOUT_SECONDS": json.dumps(dict.fromkeys(TIERS, 5)),
    "AYA_BUDGET_HOLD_GRACE_SECONDS": "3",
    # An engine's breaker tries again soon after its fault is over.
    "AYA_BREAKER_RESET_SECONDS": "3",
    "AYA_INTERRUPTED_SWEEP_SECONDS": "1",
    "AYA_LOG_LEVEL": "WARNING",
}


@pytest.fixture(scope="module", autouse=True)
def table() -> Iterator[None]:
    """The figures of this run, printed once every stack is down."""
    yield
    print_table(RESULTS)


@pytest.fixture(scope="module")
def upstream() -> Iterator[Upstream]:
    # Calls long enough that killing inference mid-call is a matter of waiting for one.
    with model_server(LATENCY_MS) as server:
        yield server


@pytest.fixture(scope="module")
def faulty(upstream: Upstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with own_stack(
        tmp_path_factory.mktemp("fault-stack"),
        AYA_VLLM_URL=upstream.url,
        AYA_VLLM_MODELS=json.dumps(dict.fromkeys(TIERS, "mock")),
        **FAULT_CLOCKS,
    ) as stack:
        _raise_limits(stack)
        yield stack


@pytest.fixture(scope="module")
def mistral() -> Iterator[MistralFake]:
    with MistralFake() as fake:
        yield fake


@pytest.fixture(scope="module")
def failing_vllm() -> Iterator[Upstream]:
    """A vLLM of its own that answers every call 503: Mistral, next in the chain, answers."""
    with model_server(LATENCY_MS) as server:
        server.fault("fail")
        yield server


@pytest.fixture(scope="module")
def managed(
    failing_vllm: Upstream, mistral: MistralFake, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """A stack whose chain is vLLM (failing) → Mistral (the fake) → analyst."""
    with own_stack(
        tmp_path_factory.mktemp("managed-stack"),
        AYA_VLLM_URL=failing_vllm.url,
        AYA_VLLM_MODELS=json.dumps(dict.fromkeys(TIERS, "mock")),
        **mistral_env(mistral.url, mistral.api_key),
        AYA_CHAIN=json.dumps(["vllm", "mistral", "analyst"]),
        **FAULT_CLOCKS,
    ) as stack:
        _raise_limits(stack)
        yield stack


def _raise_limits(stack: Stack) -> None:
    """The stream's tenant may send as fast as it likes: faults, not limits, are tested."""
    assert stack.info is not None
    raised = httpx.patch(
        f"{stack.info.gateway_url}/v1/admin/tenants/{NWO}",
        json={"requests_per_minute": 100_000, "max_concurrent_analyses": 64},
        headers={"Authorization": f"Bearer {stack.info.operator_key}"},
        timeout=30,
    )
    assert raised.status_code == 200, raised.text


@pytest.fixture(scope="module")
def mcp_proxy(faulty: Stack) -> Iterator[FaultProxy]:
    """A fault proxy in front of the sample MCP server, data_fetch pointed at it (the stack
    gives services the sample's own URL, so data_fetch is restarted with the proxy's)."""
    assert faulty.info is not None
    mcp = urlsplit(faulty.info.mcp_url)
    assert mcp.hostname is not None
    assert mcp.port is not None
    with fault_proxy(mcp.hostname, mcp.port, delay=2.0, status=503) as proxy:
        data_fetch = faulty.supervisor.children["data-fetch"]
        data_fetch.env["AYA_LEMANADO_URL"] = f"http://127.0.0.1:{proxy.port}{mcp.path}"
        data_fetch.restart()
        ready = faulty.info.services["data-fetch"]["ready_url"]
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(ready, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "data_fetch did not get ready behind the proxy"
            time.sleep(0.2)
        yield proxy


@pytest.mark.parametrize("service", SERVICES)
def test_a_killed_service_loses_no_question_answers_none_twice_and_bills_each_call_once(
    faulty: Stack, upstream: Upstream, service: str
) -> None:
    def kill(stream: Stream) -> float:
        if service != "inference":
            killed_at = time.monotonic()
            faulty.supervisor.children[service].kill()
            return killed_at
        # Calls wait at the model until released, so the kill surely cuts one in flight,
        # however long the busy machine takes between seeing it and killing.
        upstream.fault("hold")
        try:
            deadline = time.monotonic() + 30
            while upstream.held() == 0:
                assert time.monotonic() < deadline, "no model call was ever in flight"
                time.sleep(0.05)
            killed_at = time.monotonic()
            faulty.supervisor.children[service].kill()
        finally:
            upstream.fault("ok")  # never leave the shared model server holding calls
        return killed_at

    outcome = under_fault(faulty, upstream, kill)
    if service == "inference":
        assert outcome.interrupted(), "the call cut by the kill is not in the ledger as interrupted"
    else:
        assert outcome.interrupted() == [], "only a worker that died can leave a call unreported"
    RESULTS[service] = outcome.figures()


def test_a_nats_restart_loses_no_accepted_question(faulty: Stack, upstream: Upstream) -> None:
    assert faulty.nats is not None
    before = faulty.nats.process.pid

    def restart(stream: Stream) -> float:
        assert faulty.nats is not None
        with faulty.nats.down():
            hold(stream, seconds=3, questions=1)
        return time.monotonic()

    outcome = under_fault(faulty, upstream, restart, after=2)
    assert faulty.nats.process.pid != before
    # While NATS is down a question may be refused — 503, or no answer within the client's
    # 10 s — never accepted and lost.
    assert set(outcome.stream.refused) <= {0, 503}, outcome.stream.refused
    assert outcome.interrupted() == [], "no worker died: every call's outcome is recorded"
    RESULTS["nats-server restart"] = outcome.figures()


def test_a_postgres_restart_loses_no_accepted_question_nor_ledger_row(
    faulty: Stack, upstream: Upstream
) -> None:
    def restart(stream: Stream) -> float:
        assert faulty.postgres is not None
        with faulty.postgres.down():
            hold(stream, seconds=3, questions=1)
        return time.monotonic()

    outcome = under_fault(faulty, upstream, restart, after=2)
    assert set(outcome.stream.refused) <= {0, 503}, outcome.stream.refused
    assert outcome.interrupted() == [], "no worker died: every call's outcome is recorded"
    RESULTS["PostgreSQL restart"] = outcome.figures()


@pytest.mark.parametrize("mode", ["slow", "fail", "unreachable"])
def test_an_mcp_server_slow_failing_or_unreachable_leaves_no_question_pending(
    faulty: Stack, upstream: Upstream, mcp_proxy: FaultProxy, mode: Mode
) -> None:
    """Each request held 2 s more, answered 503, or its connection reset, for 3 s."""

    def fault(stream: Stream) -> float:
        mcp_proxy.set(mode)
        try:
            hold(stream, seconds=3, met=lambda: mcp_proxy.faulted[mode] > 0)
        finally:
            mcp_proxy.set("pass")
        return time.monotonic()

    outcome = under_fault(faulty, upstream, fault, after=2)
    assert mcp_proxy.faulted[mode] > 0, "the proxy never acted on a request"
    assert outcome.stream.refused == {}, "the gateway does not depend on the MCP server"
    if mode == "slow":  # 2 s more per request is well within the call timeout
        assert outcome.errors == []
    # A question that ran out of retries says so precisely, never as an internal error.
    assert {e.get("code") for e in outcome.errors} <= {"connector_unavailable"}, outcome.errors
    assert outcome.interrupted() == []
    RESULTS[f"MCP {mode}"] = outcome.figures()


def _model_answered(body: dict[str, Any]) -> bool:
    """Answered, and by the model when it is an analysis (not its degraded stand-in)."""
    return body.get("status") == "answered" and not body.get("degraded")


@pytest.mark.parametrize("mode", ["slow", "fail"])
def test_a_slow_or_failing_model_server_gives_degraded_answers_not_errors(
    faulty: Stack, upstream: Upstream, mode: str
) -> None:
    """vLLM answers 6 s late (past the 5 s tier timeout) or 503 at once, for 3 s; the chain
    falls over to the analyst. Recovery: until the model answers again."""

    def fault(stream: Stream) -> float:
        calls, degraded = len(upstream.request_ids()), analyst_rows(faulty)
        upstream.fault(mode, slow_ms=6000)
        try:
            # Until a question met the fault and fell over to the analyst: on a busy machine
            # a question may reach the model only late, and its retry after the fault ended.
            hold(
                stream,
                seconds=3,
                met=lambda: len(upstream.request_ids()) > calls and analyst_rows(faulty) > degraded,
            )
        finally:
            upstream.fault("ok")
        return time.monotonic()

    outcome = under_fault(faulty, upstream, fault, recovered=_model_answered, after=2)
    assert outcome.errors == [], "a model fault must cost no question"
    assert outcome.degraded > 0, "no question fell over to the analyst"
    assert outcome.interrupted() == []
    statuses = set(outcome.rows.values())
    assert statuses - {"ok"}, "the model's failed calls are not in the ledger as failed"
    RESULTS[f"vLLM {mode}"] = outcome.figures()


@pytest.mark.parametrize("mode", ["slow", "fail"])
def test_a_slow_or_failing_managed_api_gives_degraded_answers_not_errors(
    managed: Stack, failing_vllm: Upstream, mistral: MistralFake, mode: str
) -> None:
    """Mistral (taking the questions while vLLM fails) answers 6 s late (past the 5 s tier
    timeout) or 503 at once, for 3 s; the chain falls over to the analyst. Recovery: until
    Mistral answers again. Every Mistral call is billed once: the ledger's rows equal the
    fake's count of the requests it got."""
    faulted = Reply(delay=6) if mode == "slow" else Reply.error(503)

    def fault(stream: Stream) -> float:
        calls, degraded = len(mistral.requests), analyst_rows(managed)
        mistral.default = faulted
        try:
            # Until a question met the fault and fell over to the analyst: under load one may
            # reach Mistral only late, and its retry after the fault ended.
            hold(
                stream,
                seconds=3,
                met=lambda: len(mistral.requests) > calls and analyst_rows(managed) > degraded,
            )
        finally:
            mistral.default = Reply()
        return time.monotonic()

    outcome = under_fault(
        managed,
        failing_vllm,
        fault,
        recovered=_model_answered,
        after=2,
        managed=lambda: len(mistral.requests),
    )
    assert outcome.errors == [], "a managed API fault must cost no question"
    assert outcome.degraded > 0, "no question fell over to the analyst"
    assert outcome.interrupted() == []
    statuses = set(outcome.managed_rows.values())
    assert "ok" in statuses, "Mistral answered no question: the chain never reached it"
    assert statuses - {"ok"}, "Mistral's failed calls are not in the ledger as failed"
    RESULTS[f"Mistral {mode}"] = outcome.figures()
