"""JWT bearer tokens: the tenant and role come only from the verified claims."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest
from e2e_support import HEL, NWO

from aya.stack import Stack

pytestmark = pytest.mark.slow
SECRET = "test-jwt-secret-of-at-least-32-bytes!!"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def jwt_gateway(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second gateway on the stack's NATS and PostgreSQL that also accepts HS256 JWTs."""
    assert stack.info is not None
    port = _free_port()
    env = {
        **os.environ,
        **stack.extra_env,
        "AYA_NATS_URL": stack.info.nats_url,
        "AYA_DATABASE_URL": stack.info.database_url,
        "AYA_DATABASE_ADMIN_URL": stack.settings.database_admin_url or stack.info.database_url,
        "AYA_GATEWAY_PORT": str(port),
        "AYA_JWT_ALGORITHM": "HS256",
        "AYA_JWT_KEY": SECRET,
        "AYA_JWT_AUDIENCE": "aya",
    }
    log = (tmp_path_factory.mktemp("jwt-gateway") / "gateway.log").open("wb")
    aya = str(Path(sys.executable).parent / "aya")
    process = subprocess.Popen([aya, "serve", "gateway"], env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the JWT gateway did not start"
            time.sleep(0.3)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)


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
