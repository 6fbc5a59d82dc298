"""JWT bearer tokens: the tenant and role come only from the verified claims."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import jwt
import pytest
from e2e_support import HEL, NWO, extra_gateway

from aya.stack import Stack

pytestmark = pytest.mark.slow
SECRET = "test-jwt-secret-of-at-least-32-bytes!!"


@pytest.fixture(scope="module")
def jwt_gateway(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second gateway on the stack's NATS and PostgreSQL that also accepts HS256 JWTs."""
    settings = {"AYA_JWT_ALGORITHM": "HS256", "AYA_JWT_KEY": SECRET, "AYA_JWT_AUDIENCE": "aya"}
    with extra_gateway(stack, tmp_path_factory.mktemp("jwt-gateway"), **settings) as url:
        yield url


def token(tenant: str, role: str, *, key: str = SECRET, **extra: object) -> str:
    claims = {"sub": "user-42", "tenant_id": tenant, "role": role, "aud": "aya",
              "exp": int(time.time()) + 300, **extra}  # fmt: skip
    return jwt.encode(claims, key, algorithm="HS256")


def get(url: str, bearer: str, path: str = "/v1/queries", **params: str) -> httpx.Response:
    return httpx.get(f"{url}{path}", headers={"Authorization": f"Bearer {bearer}"}, params=params)


def test_valid_token_reads_its_own_tenants_questions(jwt_gateway: str) -> None:
    assert get(jwt_gateway, token(NWO, "viewer")).status_code == 200


def test_viewer_token_cannot_ask_but_analyst_token_can(jwt_gateway: str) -> None:
    body = {"query": "spend yesterday", "mode": "async"}
    viewer = httpx.post(f"{jwt_gateway}/v1/queries", json=body,
                        headers={"Authorization": f"Bearer {token(NWO, 'viewer')}"})  # fmt: skip
    analyst = httpx.post(f"{jwt_gateway}/v1/queries", json=body,
                         headers={"Authorization": f"Bearer {token(NWO, 'analyst')}"})  # fmt: skip
    assert (viewer.status_code, analyst.status_code) == (403, 202)


def test_tenant_comes_from_the_token_not_from_the_request(jwt_gateway: str) -> None:
    mine = httpx.post(
        f"{jwt_gateway}/v1/queries",
        json={"query": "spend yesterday", "mode": "async"},
        headers={"Authorization": f"Bearer {token(NWO, 'analyst')}"},
    ).json()["id"]
    assert get(jwt_gateway, token(HEL, "admin"), f"/v1/queries/{mine}").status_code == 404
    assert get(jwt_gateway, token(NWO, "viewer"), f"/v1/queries/{mine}").status_code == 200


@pytest.mark.parametrize(
    "bad",
    [
        token(NWO, "admin", key="another-secret-of-at-least-32-bytes!!"),
        token(NWO, "admin", exp=int(time.time()) - 10),
        token(NWO, "admin", aud="someone-else"),
        token(NWO, "superuser"),
        token("no-such-tenant", "admin"),
        "not.a.jwt",
    ],
    ids=["wrong-key", "expired", "wrong-audience", "unknown-role", "unknown-tenant", "garbage"],
)
def test_invalid_tokens_are_401(jwt_gateway: str, bad: str) -> None:
    response = get(jwt_gateway, bad)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_api_keys_still_work_beside_jwts(jwt_gateway: str, stack: Stack) -> None:
    assert stack.info is not None
    key = next(t for t in stack.info.tenants if t["id"] == NWO)["api_key"]
    assert get(jwt_gateway, key).status_code == 200
