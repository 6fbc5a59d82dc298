"""Every REST error is a precise JSON error with the right status, and leaks nothing."""

from __future__ import annotations

import uuid

import pytest
from e2e_support import NWO, ask, gateway

from aya.stack import Stack

pytestmark = pytest.mark.slow


def _error(response: object) -> dict[str, str]:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body["error"]) == {"code", "message"}
    assert "Traceback" not in response.text  # type: ignore[attr-defined]
    return body["error"]  # type: ignore[no-any-return]


def test_missing_key_is_401(stack: Stack) -> None:
    with gateway(stack) as client:
        response = client.post("/v1/queries", json={"query": "spend"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert _error(response)["code"] == "unauthorized"


def test_unknown_key_is_401(stack: Stack) -> None:
    fake = "aya_live_000000000000_" + "x" * 43
    with gateway(stack, Authorization=f"Bearer {fake}") as client:
        response = client.get("/v1/queries")
    assert response.status_code == 401


def test_malformed_json_is_400(stack: Stack) -> None:
    with gateway(stack, NWO, **{"Content-Type": "application/json"}) as client:
        response = client.post("/v1/queries", content=b'{"query": "spend"')
    assert response.status_code == 400
    assert _error(response)["code"] == "malformed_json"


def test_body_over_the_limit_is_413(stack: Stack) -> None:
    with gateway(stack, NWO) as client:
        response = client.post("/v1/queries", json={"query": "x" * 50_000})
    assert response.status_code == 413
    assert "bytes" in _error(response)["message"]


@pytest.mark.parametrize(
    ("payload", "says"),
    [
        ({"query": ""}, "at least 1"),
        ({"query": "x" * 2001}, "at most 2000"),
        ({"query": 42}, "string"),
        ({"query": "spend", "mode": "later"}, "mode"),
        ({"query": "spend", "tenant_id": "helio-analytics"}, "tenant_id"),
        ({}, "query"),
    ],
)
def test_invalid_fields_are_422_and_name_the_problem(
    stack: Stack, payload: dict[str, object], says: str
) -> None:
    with gateway(stack, NWO) as client:
        response = client.post("/v1/queries", json=payload)
    assert response.status_code == 422
    assert says in _error(response)["message"]


def test_unknown_query_id_is_404(stack: Stack) -> None:
    with gateway(stack, NWO) as client:
        assert client.get(f"/v1/queries/{uuid.uuid4()}").status_code == 404
        assert client.get("/v1/queries/not-a-uuid").status_code == 404


def test_bad_cursor_is_422(stack: Stack) -> None:
    with gateway(stack, NWO) as client:
        response = client.get("/v1/queries", params={"cursor": "garbage!"})
    assert response.status_code == 422


def test_health_readiness_metrics_and_openapi_are_served(stack: Stack) -> None:
    ask(stack, NWO, "spend last week")
    with gateway(stack) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").json() == {"status": "ready"}
        metrics = client.get("/metrics").text
        assert "aya_gateway_queries" in metrics
        series = [line for line in metrics.splitlines() if line.startswith("aya_gateway_")]
        assert series
        assert all('tenant="' in line for line in series)  # every series names its tenant
        assert any(f'tenant="{NWO}"' in line for line in series)
        paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/queries", "/v1/queries/{query_id}"} <= set(paths)
