"""Per-tenant limits hold across gateway replicas: requests per minute (NATS KV) and model tokens
per day (the audit ledger). Each test makes its own tenant, so no other test is throttled."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from e2e_support import extra_gateway
from psycopg_pool import AsyncConnectionPool

from aya.seed import SEEDER
from aya.stack import Stack
from libs.common.vocab import Role
from services.gateway.keys import generate_key
from services.gateway.repo.keys import add_key
from tests.builders import TEST_TODAY, model_call, publish_model_calls

pytestmark = pytest.mark.slow


def _admin_url(stack: Stack) -> str:
    url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert url
    return url


def _new_tenant(
    stack: Stack, requests_per_minute: int, tokens_per_day: int = 2_000_000
) -> tuple[str, str]:
    """A fresh tenant with these limits: its id and an admin key."""
    assert stack.info is not None
    tenant_id = f"rl-{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_url(stack)) as conn:
        conn.execute(
            "INSERT INTO tenants (id, name, requests_per_minute, tokens_per_day)"
            " VALUES (%s, %s, %s, %s)",
            (tenant_id, "Rate limit test", requests_per_minute, tokens_per_day),
        )
    key = generate_key()

    async def add() -> None:
        assert stack.info is not None
        async with AsyncConnectionPool(stack.info.database_url, min_size=1, open=False) as pool:
            await add_key(pool, tenant_id, key, Role.ADMIN, "rate limit test", None, SEEDER)

    asyncio.run(add())
    return tenant_id, key.plaintext


def _client(url: str, key: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=url, headers=headers, timeout=30)


def _away_from_minute_end(margin: float = 20.0) -> None:
    """Windows are calendar minutes: start late enough in none that a test's requests all fall
    in one window (a boundary mid-test would rightly reset the count)."""
    left = 60 - time.time() % 60
    if left < margin:
        time.sleep(left + 0.2)


@pytest.fixture(scope="module")
def second_gateway(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Another gateway process on the stack's NATS and PostgreSQL: a second replica."""
    with extra_gateway(stack, tmp_path_factory.mktemp("gateway-2")) as url:
        yield url


def _gateway_url(stack: Stack) -> str:
    assert stack.info is not None
    return stack.info.gateway_url


def test_responses_carry_rate_limit_headers_counting_down(stack: Stack) -> None:
    _, key = _new_tenant(stack, requests_per_minute=5)
    _away_from_minute_end()
    with _client(_gateway_url(stack), key) as client:
        responses = [client.get("/v1/queries") for _ in range(3)]
        missing = client.get(f"/v1/queries/{uuid.uuid4()}")
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r.headers["X-RateLimit-Limit"] for r in responses] == ["5", "5", "5"]
    assert [r.headers["X-RateLimit-Remaining"] for r in responses] == ["4", "3", "2"]
    assert all(1 <= int(r.headers["X-RateLimit-Reset"]) <= 60 for r in responses)
    # Errors after authentication carry them too.
    assert missing.status_code == 404
    assert missing.headers["X-RateLimit-Remaining"] == "1"


def test_unauthenticated_requests_get_no_rate_limit_headers(stack: Stack) -> None:
    with _client(_gateway_url(stack), None) as client:
        response = client.get("/v1/queries")
    assert response.status_code == 401
    assert "X-RateLimit-Limit" not in response.headers


def test_sixth_request_in_a_minute_is_429_with_retry_after(stack: Stack) -> None:
    _, key = _new_tenant(stack, requests_per_minute=5)
    _away_from_minute_end()
    with _client(_gateway_url(stack), key) as client:
        allowed = [client.get("/v1/queries").status_code for _ in range(5)]
        refused = client.get("/v1/queries")
    assert allowed == [200] * 5
    assert refused.status_code == 429
    retry_after = int(refused.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert refused.headers["X-RateLimit-Reset"] == str(retry_after)
    assert refused.headers["X-RateLimit-Limit"] == "5"
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    error = refused.json()["error"]
    assert error["code"] == "rate_limited"
    assert "5 per minute" in error["message"]


def test_other_tenants_are_not_throttled_by_a_full_tenant(stack: Stack) -> None:
    (_, full), (_, other) = _new_tenant(stack, 1), _new_tenant(stack, 1)
    _away_from_minute_end()
    with _client(_gateway_url(stack), full) as client:
        assert client.get("/v1/queries").status_code == 200
        assert client.get("/v1/queries").status_code == 429
    with _client(_gateway_url(stack), other) as client:
        assert client.get("/v1/queries").status_code == 200


def test_two_gateways_share_one_limit(stack: Stack, second_gateway: str) -> None:
    _, key = _new_tenant(stack, requests_per_minute=5)
    _away_from_minute_end()
    urls = [_gateway_url(stack), second_gateway]
    with _client(urls[0], key) as first, _client(urls[1], key) as second:
        responses = [(first, second)[n % 2].get("/v1/queries") for n in range(10)]
    statuses = [r.status_code for r in responses]
    assert statuses == [200] * 5 + [429] * 5
    # Each replica saw the other's requests: the count went down by one per request overall.
    assert [r.headers["X-RateLimit-Remaining"] for r in responses[:5]] == ["4", "3", "2", "1", "0"]


def test_concurrent_requests_never_pass_the_limit(stack: Stack, second_gateway: str) -> None:
    _, key = _new_tenant(stack, requests_per_minute=5)
    urls = [_gateway_url(stack), second_gateway]
    start = threading.Barrier(20)

    def one(n: int) -> int:
        with _client(urls[n % 2], key) as client:
            start.wait()
            return client.get("/v1/queries").status_code

    _away_from_minute_end()
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(one, range(20)))
    assert statuses.count(200) == 5, statuses
    assert statuses.count(429) == 15, statuses


def test_questions_are_refused_once_the_days_tokens_are_used(stack: Stack) -> None:
    assert stack.info is not None
    tenant_id, key = _new_tenant(stack, requests_per_minute=100, tokens_per_day=1_000)
    with _client(_gateway_url(stack), key) as client:
        asyncio.run(
            publish_model_calls(
                stack.info.nats_ops_url,
                [
                    model_call(
                        tenant_id,
                        started_at=dt.datetime.combine(TEST_TODAY, dt.time(10), dt.UTC),
                        input_tokens=1_500,
                        output_tokens=0,
                    )
                ],
            )
        )
        today = {"from": TEST_TODAY.isoformat(), "to": TEST_TODAY.isoformat()}
        deadline = time.monotonic() + 20
        while client.get("/v1/usage", params=today).json()["totals"]["input_tokens"] < 1_500:
            assert time.monotonic() < deadline, "ledger did not record the call"
            time.sleep(0.2)
        refused = client.post("/v1/queries", json={"query": "spend last week", "mode": "async"})
        reading = client.get("/v1/queries")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "token_limit"
    assert 1 <= int(refused.headers["Retry-After"]) <= 86_400
    assert refused.headers["X-RateLimit-Limit"] == "100"
    # Only new questions cost tokens: reading stays allowed.
    assert reading.status_code == 200


def test_a_zero_token_budget_refuses_every_question(stack: Stack) -> None:
    _, key = _new_tenant(stack, requests_per_minute=100, tokens_per_day=0)
    with _client(_gateway_url(stack), key) as client:
        refused = client.post("/v1/queries", json={"query": "spend last week"})
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "token_limit"
