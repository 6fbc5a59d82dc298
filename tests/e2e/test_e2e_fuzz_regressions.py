"""Bugs the REST API fuzzing found, each pinned by the request that showed it.

Each must stay fixed.
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

import httpx
import pytest
from e2e_support import NWO, gateway

from aya.stack import Stack

pytestmark = pytest.mark.slow

PUBLIC_OPERATIONS = {
    ("/v1/queries", "post"),
    ("/v1/queries", "get"),
    ("/v1/queries/{query_id}", "get"),
    ("/v1/usage", "get"),
}


def _error(response: httpx.Response) -> dict[str, str]:
    body = response.json()
    assert set(body["error"]) == {"code", "message"}
    assert "Traceback" not in response.text
    return body["error"]  # type: ignore[no-any-return]


def test_a_nul_character_in_a_question_is_422_naming_the_field(stack: Stack) -> None:
    # Was a 500: PostgreSQL text cannot hold NUL, and the question is stored before anything else.
    with gateway(stack, NWO) as client:
        response = client.post("/v1/queries", json={"query": "spend\x00 last week"})
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "invalid_request"
    assert error["message"].startswith("query:")
    assert "NUL" in error["message"]


def test_every_error_status_is_documented_with_the_error_body(stack: Stack) -> None:
    # Were undocumented: 400, 401, 403, 404 and 409; 422 was documented as FastAPI's
    # {"detail": [...]}, a body the gateway never sends.
    with gateway(stack) as client:
        paths: dict[str, dict[str, Any]] = client.get("/openapi.json").json()["paths"]
    expected = {
        ("/v1/queries", "post"): {400, 401, 403, 409, 413, 422, 504},
        ("/v1/queries", "get"): {401, 403, 422},
        ("/v1/queries/{query_id}", "get"): {401, 403, 404},
        ("/v1/usage", "get"): {401, 403, 422, 503},
    }
    for (path, method), statuses in expected.items():
        responses = paths[path][method]["responses"]
        errors = {int(status): spec for status, spec in responses.items() if int(status) >= 400}
        assert statuses <= set(errors), (path, method, sorted(errors))
        for status, spec in errors.items():
            schema = spec["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (path, method, status)


def test_an_id_in_urn_form_is_404(stack: Stack) -> None:
    with gateway(stack, NWO) as client:
        response = client.get(f"/v1/queries/urn:uuid:{uuid.uuid4()}")
    assert response.status_code == 404


def test_a_cursor_with_an_id_in_urn_form_is_422(stack: Stack) -> None:
    raw = f"2026-11-22T00:00:00+00:00|urn:uuid:{uuid.uuid4()}".encode()
    with gateway(stack, NWO) as client:
        response = client.get(
            "/v1/queries", params={"cursor": base64.urlsafe_b64encode(raw).decode()}
        )
    assert response.status_code == 422


def test_usage_up_to_the_last_day_a_date_can_hold_is_not_503(stack: Stack) -> None:
    with gateway(stack, NWO) as client:
        response = client.get("/v1/usage", params={"from": "9999-12-01", "to": "9999-12-31"})
    assert response.status_code in (200, 422)
