"""Helpers for end-to-end tests: ask the gateway, and compute expected numbers independently
from the connector's own rows over MCP (never through our services)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import httpx2
import nats
import psycopg
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from nats.aio.client import Client as NatsClient

from aya.settings import StackSettings
from aya.stack import Stack
from libs.common.nats_users import ServiceUser
from libs.common.subjects import answer_subject
from tests.builders import TEST_TODAY

NWO, HEL = "northwind-outfitters", "helio-analytics"
BASE = ("spend", "impressions", "clicks", "conversions", "conversion_value")


def tenant(stack: Stack, tenant_id: str) -> dict[str, Any]:
    """The tenant's entry of stack.json."""
    assert stack.info is not None
    return next(t for t in stack.info.tenants if t["id"] == tenant_id)


def gateway(stack: Stack, tenant_id: str | None = None, **headers: str) -> httpx.Client:
    """An HTTP client for the gateway, authenticated as `tenant_id` when given."""
    assert stack.info is not None
    if tenant_id is not None:
        headers["Authorization"] = f"Bearer {tenant(stack, tenant_id)['api_key']}"
    return httpx.Client(base_url=stack.info.gateway_url, headers=headers, timeout=30)


def ask(stack: Stack, tenant_id: str, question: str, **extra: Any) -> dict[str, Any]:
    """A sync question; asserts it was answered and returns the body. On a busy machine the
    answer may come after the sync wait: a 504 `timeout` carries the question's id, and the
    answer is polled (the question goes on; what is tested is the answer, not the clock)."""
    with gateway(stack, tenant_id) as client:
        response = client.post("/v1/queries", json={"query": question, **extra})
        body: dict[str, Any] = response.json()
        if response.status_code == 504 and body.get("error", {}).get("code") == "timeout":
            body = poll(client, body["id"])
        else:
            assert response.status_code == 200, response.text
    assert body["status"] == "answered", body
    return body


async def _mcp_calls(url: str, token: str, calls: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"})
    async with http, Client(streamable_http_client(url, http_client=http), cache=None) as client:
        results = []
        for name, args in calls:
            result = await client.call_tool(name, args)
            assert not result.is_error, result
            results.append(result.structured_content or json.loads(result.content[0].text))  # type: ignore[union-attr]
        return results


def connector_rows(
    stack: Stack,
    tenant_id: str,
    platforms: Iterable[str],
    start: str,
    end: str,
    group_by: list[str] | None = None,
) -> list[dict[str, Any]]:
    """The connector's rows for every account of `platforms` (all when empty), straight off MCP."""
    assert stack.info is not None
    token = tenant(stack, tenant_id)["lemanado_token"]
    url = stack.info.mcp_url
    (listing,) = asyncio.run(_mcp_calls(url, token, [("list_accounts", {})]))
    wanted = set(platforms)
    accounts = [a for a in listing["accounts"] if not wanted or a["platform"] in wanted]
    calls = [
        (
            "get_metrics",
            {
                "account_id": a["account_id"],
                "start_date": start,
                "end_date": end,
                "metrics": list(BASE),
                "group_by": group_by or [],
            },
        )
        for a in accounts
    ]
    results = asyncio.run(_mcp_calls(url, token, calls)) if calls else []
    return [
        {**row, "account_id": a["account_id"], "platform": a["platform"]}
        for a, result in zip(accounts, results, strict=True)
        for row in result["rows"]
    ]


def sums(rows: Iterable[dict[str, Any]]) -> dict[str, Decimal]:
    """Base metric sums, in Decimal (money arrives as JSON numbers with cents)."""
    total = dict.fromkeys(BASE, Decimal(0))
    for row in rows:
        for metric in BASE:
            total[metric] += Decimal(str(row[metric]))
    return total


def expected(metric: str, total: dict[str, Decimal]) -> Decimal | None:
    """A metric from sums, ratios from summed components, rounded as the API documents."""
    ratios = {
        "ctr": ("clicks", "impressions", 1, "0.0001"),
        "cpc": ("spend", "clicks", 1, "0.01"),
        "cpa": ("spend", "conversions", 1, "0.01"),
        "roas": ("conversion_value", "spend", 1, "0.0001"),
        "cpm": ("spend", "impressions", 1000, "0.01"),
    }
    if metric in ratios:
        num, den, scale, quantum = ratios[metric]
        if total[den] == 0:
            return None
        return (total[num] * scale / total[den]).quantize(Decimal(quantum), "ROUND_HALF_UP")
    return total[metric]


def number(value: Any) -> Decimal | None:
    """An API number as Decimal (None stays None)."""
    return None if value is None else Decimal(str(value))


def sse_events(response: httpx.Response) -> list[tuple[str, dict[str, Any]]]:
    """The (event, data) pairs of a server-sent-events response, read to its end."""
    events: list[tuple[str, dict[str, Any]]] = []
    event = None
    for line in response.iter_lines():
        if line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: ") and event is not None:
            events.append((event, json.loads(line.removeprefix("data: "))))
    return events


def poll_answer(stack: Stack, query_id: str, timeout: float = 60) -> dict[str, Any]:
    """One of Northwind's questions once it is answered (or failed)."""
    with gateway(stack, NWO) as client:
        return poll(client, query_id, timeout)


def poll(client: httpx.Client, query_id: str, timeout: float = 60) -> dict[str, Any]:
    """The question once it is no longer queued, read with `client`'s key."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/v1/queries/{query_id}").json()
        if body["status"] != "queued":
            return body
        time.sleep(0.2)
    raise AssertionError(f"question {query_id} still queued after {timeout} s")


def answers_published(stack: Stack, query_id: str) -> int:
    """How many answers the ANSWERS stream holds for this question."""

    async def count() -> int:
        assert stack.info is not None
        nc = await nats.connect(stack.info.nats_ops_url)
        try:
            js = nc.jetstream()
            info = await js.stream_info("ANSWERS", subjects_filter=answer_subject(NWO, query_id))
            return sum((info.state.subjects or {}).values())
        finally:
            await nc.close()

    return asyncio.run(count())


async def ack_pending(stack: Stack, stream: str, durable: str) -> int:
    assert stack.info is not None
    nc = await nats.connect(stack.info.nats_ops_url)
    try:
        info = await nc.jetstream().consumer_info(stream, durable)
        return int(info.num_ack_pending)
    finally:
        await nc.close()


@contextmanager
def extra_gateway(stack: Stack, log_dir: Path, **env: str) -> Iterator[str]:
    """Another gateway process on the stack's NATS and PostgreSQL (a second replica), with
    extra AYA_* settings; yields its URL and stops it afterwards."""
    assert stack.info is not None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    admin_url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert admin_url
    environment = {
        **os.environ,
        **stack.extra_env,
        "AYA_NATS_URL": stack.info.nats_url,
        **stack.nats_env(ServiceUser.GATEWAY),
        "AYA_DATABASE_URL": stack.info.database_url,
        "AYA_DATABASE_ADMIN_URL": admin_url,
        "AYA_GATEWAY_HOST": "127.0.0.1",
        "AYA_GATEWAY_PORT": str(port),
        **env,
    }
    log = log_dir / "gateway.log"
    aya = str(Path(sys.executable).parent / "aya")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [aya, "serve", "gateway"], env=environment, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the extra gateway did not get ready"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@dataclass
class NatsUserClient:
    """A NATS connection that keeps the server's permission errors."""

    nc: NatsClient
    errors: list[str] = field(default_factory=list)

    async def refused(self, subject_name: str) -> bool:
        """Whether the server reports a permissions violation naming `subject_name` (waits up
        to 10 s for its report)."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            # nats-py passes the server's error on in lower case.
            wanted = f'"{subject_name.lower()}"'
            if any(
                "permissions violation" in e.lower() and wanted in e.lower() for e in self.errors
            ):
                return True
            await asyncio.sleep(0.05)
        return False


@asynccontextmanager
async def connected(stack: Stack, user: str, **options: object) -> AsyncIterator[NatsUserClient]:
    """A NATS connection as one of the stack's users (a service, `ops` or a team)."""
    assert stack.passwords is not None, "the stack's NATS runs without users"
    client = NatsUserClient(nc=NatsClient())

    async def on_error(error: Exception) -> None:
        client.errors.append(str(error))

    password = stack.passwords.by_user[user]
    assert stack.info is not None
    client.nc = await nats.connect(
        stack.info.nats_url, user=user, password=password, error_cb=on_error, **options
    )
    try:
        yield client
    finally:
        await client.nc.close()


def admin_url(stack: Stack) -> str:
    """The owner's URL of the stack's database (tests read and seed rows with it)."""
    url = stack.settings.database_admin_url or (stack.postgres and stack.postgres.admin_url)
    assert url
    return url


def poll_row(
    url: str,
    query: str,
    params: tuple[Any, ...],
    done: Callable[[tuple[Any, ...] | None], bool],
    timeout: float = 60,
) -> tuple[Any, ...] | None:
    """The first row of `query` once `done` holds for it (polled: the services write
    asynchronously, so a test waits on the row it needs, not on a clock)."""
    deadline = time.monotonic() + timeout
    while True:
        with psycopg.connect(url) as conn:
            row = conn.execute(query, params).fetchone()
        if done(row):
            return row
        assert time.monotonic() < deadline, f"{query} {params}: still {row}"
        time.sleep(0.2)


def ensure_probe_tenant(stack: Stack, tenant_id: str) -> str:
    """The probe team's tenant (conftest.PROBE_TENANT), with 3 requests a minute."""
    with psycopg.connect(admin_url(stack)) as conn:
        conn.execute(
            "INSERT INTO tenants (id, name, requests_per_minute) VALUES (%s, %s, 3)"
            " ON CONFLICT (id) DO NOTHING",
            (tenant_id, "NATS door probe"),
        )
    return tenant_id


def away_from_minute_end(margin: float = 15.0) -> None:
    """Wait, if need be, for the next calendar minute: a rate-limit test whose requests must
    fall in one minute (the limiter's window) starts well inside one."""
    left = 60 - time.time() % 60
    if left < margin:
        time.sleep(left + 0.2)


@contextmanager
def own_stack(home: Path, inference_workers: int = 1, **env: str) -> Iterator[Stack]:
    """A stack of its own (own NATS and PostgreSQL, the demo tenants) on the test day, with
    extra AYA_* settings — a model engine, shorter clocks — started and stopped around the block."""
    stack = Stack(home, StackSettings(home=home, inference_workers=inference_workers))
    stack.extra_env = {"AYA_TODAY": TEST_TODAY.isoformat(), **env}
    try:
        stack.start(timeout=120)
        yield stack
    finally:
        stack.stop()


def mistral_env(url: str, api_key: str | None) -> dict[str, str]:
    """The settings that make a stack's managed engine the Mistral fake at `url`."""
    return {"AYA_MISTRAL_API_KEY": api_key or "", "AYA_MISTRAL_URL": url}


async def audit_backlog(stack: Stack) -> int:
    """Model-call events not yet written: waiting in the AUDIT stream or in audit's hands."""
    assert stack.info is not None
    assert stack.info.nats_ops_url is not None
    nc = await nats.connect(stack.info.nats_ops_url)
    try:
        info = await nc.jetstream().consumer_info("AUDIT", "audit")
        return int(info.num_pending) + int(info.num_ack_pending)
    finally:
        await nc.close()
