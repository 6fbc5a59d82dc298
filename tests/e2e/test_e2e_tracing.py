"""Traces through the whole stack (each service writes its spans as JSON lines): one question is
one trace from the gateway through router, data_fetch, inference and audit; every span of
every service names its tenant, and no span of one tenant's question names another."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from e2e_support import HEL, NWO, ask, gateway

from aya.stack import Stack
from libs.common.ids import is_tenant_id

pytestmark = pytest.mark.slow
SERVICES = {"aya-gateway", "aya-router", "aya-data_fetch", "aya-inference", "aya-audit"}


def _spans(stack: Stack) -> list[dict[str, Any]]:
    folder = Path(stack.extra_env["AYA_TRACE_DIR"])
    spans = []
    for path in folder.glob("*.jsonl"):
        spans += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return spans


def _of(spans: list[dict[str, Any]], query_id: str) -> list[dict[str, Any]]:
    return [s for s in spans if s["attributes"].get("aya.query_id") == query_id]


def _trace_of(stack: Stack, query_id: str, services: set[str]) -> list[dict[str, Any]]:
    """The question's spans, once every service in `services` has exported its part."""
    deadline = time.monotonic() + 20
    while True:
        found = _of(_spans(stack), query_id)
        if {s["resource"]["attributes"]["service.name"] for s in found} >= services:
            return found
        assert time.monotonic() < deadline, f"spans of {query_id} never came from {services}"
        time.sleep(0.3)


def test_an_analysis_question_is_one_trace_across_every_service(stack: Stack) -> None:
    body = ask(stack, NWO, "Why did our ROAS drop last week?")
    spans = _trace_of(stack, body["id"], SERVICES)
    assert len({s["context"]["trace_id"] for s in spans}) == 1
    assert {s["attributes"]["aya.tenant_id"] for s in spans} == {NWO}
    names = {s["name"] for s in spans}
    assert {"query.submit", "query.submitted", "plan.ready", "audit.model_call"} <= names
    # The ledger row of the analyst's call names the same trace.
    url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert url
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT trace_id FROM model_calls WHERE query_id = %s", (body["id"],)
        ).fetchone()
    assert row is not None
    assert f"0x{row[0]}" == spans[0]["context"]["trace_id"]


def test_a_clients_traceparent_is_the_parent_of_the_questions_trace(stack: Stack) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    with gateway(stack, HEL, traceparent=f"00-{trace_id}-00f067aa0ba902b7-01") as client:
        response = client.post("/v1/queries", json={"query": "clicks yesterday"})
    assert response.status_code == 200, response.text
    body = response.json()
    spans = _trace_of(stack, body["id"], {"aya-gateway", "aya-data_fetch"})
    assert {s["context"]["trace_id"] for s in spans} == {f"0x{trace_id}"}


def _untenanted_by_nature(span: dict[str, Any]) -> bool:
    """HTTP requests that never identified a tenant (no valid key, or refused before
    authentication), or the platform operator's — and say so."""
    return span["attributes"].get("aya.caller") in {"unidentified", "operator"}


def test_every_span_of_every_service_names_a_tenant(stack: Stack) -> None:
    ask(stack, HEL, "spend last week on google")
    with gateway(stack, HEL) as client:
        assert client.get("/v1/usage").status_code == 200
    with gateway(stack) as anonymous:
        assert anonymous.get("/v1/usage").status_code == 401

    def exported() -> bool:  # exporters flush every 200 ms, later on a busy machine
        spans = _spans(stack)
        http = [s for s in spans if "http.request.method" in s["attributes"]]
        services = {s["resource"]["attributes"]["service.name"] for s in spans}
        return services >= SERVICES and any(_untenanted_by_nature(s) for s in http)

    deadline = time.monotonic() + 20
    while not exported():
        assert time.monotonic() < deadline, "the services' spans were never exported"
        time.sleep(0.2)
    spans = _spans(stack)
    missing = [
        (s["resource"]["attributes"]["service.name"], s["name"], s["attributes"])
        for s in spans
        if not is_tenant_id(s["attributes"].get("aya.tenant_id", ""))
        and not _untenanted_by_nature(s)
    ]
    assert not missing, missing[:5]
    http = [s for s in spans if "http.request.method" in s["attributes"]]
    assert any(s["attributes"].get("aya.tenant_id") == HEL for s in http)
    assert any(_untenanted_by_nature(s) for s in http)  # the 401 above, traced without one
