"""Every process of the running stack can be watched: `/healthz`, `/readyz` and `/metrics` for
the gateway and each worker (listed in stack.json), readiness that names a dependency that is
down, and metrics that count the questions just asked — with bounded labels only."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator

import httpx
import pytest
from e2e_support import NWO, ask
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from aya.stack import Stack

pytestmark = pytest.mark.slow
WORKERS = ("router", "data-fetch", "inference", "audit")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _services(stack: Stack) -> dict[str, dict[str, str]]:
    assert stack.info is not None
    return stack.info.services


def _samples(url: str) -> Iterator[Sample]:
    text = httpx.get(url, timeout=10).text
    for family in text_string_to_metric_families(text):
        yield from family.samples


def test_stack_json_lists_every_process_with_its_probes(stack: Stack) -> None:
    services = _services(stack)
    assert set(services) == {"gateway", *WORKERS}
    for name, urls in services.items():
        health = httpx.get(urls["health_url"], timeout=10)
        ready = httpx.get(urls["ready_url"], timeout=10)
        metrics = httpx.get(urls["metrics_url"], timeout=10)
        assert health.status_code == 200, name
        assert ready.status_code == 200, (name, ready.text)
        assert metrics.status_code == 200, name
        assert metrics.headers["content-type"].startswith("text/plain"), name


def test_each_worker_checks_its_own_dependencies(stack: Stack) -> None:
    checks = {
        name: set(httpx.get(urls["ready_url"], timeout=10).json()["checks"])
        for name, urls in _services(stack).items()
        if name != "gateway"
    }
    assert checks == {
        "router": {"nats", "consumers"},
        "data-fetch": {"nats", "consumers", "mcp"},
        "inference": {"nats", "consumers", "engines"},
        "audit": {"nats", "consumers", "postgresql"},
    }


def test_a_dependency_that_stops_answering_makes_its_worker_unready(stack: Stack) -> None:
    connector = stack.supervisor.children["lemanado-sample"]
    ready_url = _services(stack)["data-fetch"]["ready_url"]
    connector.send(signal.SIGSTOP)
    try:
        response = httpx.get(ready_url, timeout=20)
    finally:
        connector.send(signal.SIGCONT)
    assert response.status_code == 503
    assert response.json()["checks"]["mcp"] != "ok"
    assert response.json()["checks"]["nats"] == "ok"
    deadline = time.monotonic() + 30
    while httpx.get(ready_url, timeout=20).status_code != 200:
        assert time.monotonic() < deadline, "data-fetch did not become ready again"
        time.sleep(0.2)


def test_worker_metrics_count_the_questions_just_asked_per_stage_and_tenant(
    stack: Stack,
) -> None:
    services = _services(stack)

    def handled(name: str, stage: str) -> float:
        return sum(
            s.value
            for s in _samples(services[name]["metrics_url"])
            if s.name == "aya_messages_handled_total"
            and s.labels == {"stage": stage, "tenant": NWO, "outcome": "ok"}
        )

    before = {
        "router": handled("router", "query.submitted"),
        "data-fetch": handled("data-fetch", "plan.ready"),
    }
    ask(stack, NWO, "What did we spend on Google last week?")
    ask(stack, NWO, "What did we spend on Meta last week?")
    assert handled("router", "query.submitted") - before["router"] == 2
    assert handled("data-fetch", "plan.ready") - before["data-fetch"] == 2
    ask(stack, NWO, "Why did our conversions drop last week?")
    inference = [
        s
        for s in _samples(services["inference"]["metrics_url"])
        if s.name == "aya_stage_seconds_count" and s.labels.get("tenant") == NWO
    ]
    assert inference, "inference timed no analysis job"
    assert all(s.labels["stage"].startswith("analysis.requested.") for s in inference)


def test_consumer_backlog_is_read_for_every_consumer_at_scrape(stack: Stack) -> None:
    expected = {
        "router": {("QUERIES", "router")},
        "data-fetch": {("PLANS", "data_fetch")},
        "inference": {("ANALYSIS", f"inference-{t}") for t in ("small", "medium", "large")},
        "audit": {("AUDIT", "audit")},
    }
    for name, consumers in expected.items():
        seen = {
            (s.labels["stream"], s.labels["consumer"])
            for s in _samples(_services(stack)[name]["metrics_url"])
            if s.name in ("aya_consumer_pending", "aya_consumer_ack_pending")
        }
        assert seen == consumers, name


def test_no_metric_label_holds_a_query_id_or_a_question(stack: Stack) -> None:
    ask(stack, NWO, "What did we spend on TikTok last week?")
    for name, urls in _services(stack).items():
        for sample in _samples(urls["metrics_url"]):
            for value in sample.labels.values():
                assert not UUID.search(value), (name, sample)
                assert "spend on" not in value, (name, sample)


def test_the_gateway_counts_each_question_once_by_route_tier_and_status(stack: Stack) -> None:
    url = _services(stack)["gateway"]["metrics_url"]

    def answered(route: str, tier: str) -> float:
        labels = {"tenant": NWO, "route": route, "tier": tier, "status": "answered"}
        return sum(
            s.value for s in _samples(url) if s.name == "aya_questions_total" and s.labels == labels
        )

    direct, analysis = answered("direct", "none"), answered("analysis", "medium")
    ask(stack, NWO, "What did we spend on LinkedIn last week?")
    body = ask(stack, NWO, "Why did our conversions drop last week?")
    assert body["plan"]["tier"] == "medium"
    # Recorded by the waiting request and by the answers consumer alike: counted once.
    deadline = time.monotonic() + 10
    while answered("analysis", "medium") - analysis < 1:
        assert time.monotonic() < deadline, "the analysis question was not counted"
        time.sleep(0.1)
    assert answered("direct", "none") - direct == 1
    assert answered("analysis", "medium") - analysis == 1


def test_data_fetch_times_and_counts_its_mcp_tool_calls(stack: Stack) -> None:
    url = _services(stack)["data-fetch"]["metrics_url"]

    def seen() -> tuple[float, float]:
        samples = list(_samples(url))
        ok = sum(
            s.value
            for s in samples
            if s.name == "aya_mcp_calls_total"
            and s.labels == {"tool": "get_metrics", "outcome": "ok"}
        )
        timed = sum(
            s.value
            for s in samples
            if s.name == "aya_mcp_call_seconds_count" and s.labels == {"tool": "get_metrics"}
        )
        return ok, timed

    before = seen()
    # Days no other test asks about: their rows are not among those data_fetch keeps.
    ask(stack, NWO, "What did we spend on Microsoft Ads between 2026-02-03 and 2026-02-05?")
    after = seen()
    assert after[0] > before[0]
    assert after[1] - before[1] == after[0] - before[0]  # every call timed once
