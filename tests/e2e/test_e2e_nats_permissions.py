"""NATS accounts, users and permissions on the running stack's server: each service connects
as its own user and may publish only its own stages; a team, in an account of its own, reads
only its tenants' answers; nobody but the gateway puts a question into the pipeline. The rest
of the e2e suite running green on this server is the proof that the services' permissions
are enough."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpx
import nats
import pytest
from conftest import ONE_TENANT_TEAM
from e2e_support import HEL, NWO, gateway
from nats.aio.client import Client as NatsClient

from aya.nats_auth import DEMO_TEAM
from aya.stack import Stack
from libs.common.nats_users import ASK, ServiceUser
from libs.common.subjects import PREFIX, Stage, subject

pytestmark = pytest.mark.slow
OUTSIDER = "acme-shoes"  # a tenant the demo team was not given


@dataclass
class Client:
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
async def connected(stack: Stack, user: str, **options: object) -> AsyncIterator[Client]:
    assert stack.passwords is not None, "the stack's NATS runs without users"
    client = Client(nc=NatsClient())

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


def test_only_the_gateway_may_put_a_question_into_the_pipeline(stack: Stack) -> None:
    async def attempt(user: str) -> bool:
        target = subject(NWO, Stage.QUERY_SUBMITTED)
        async with connected(stack, user) as client:
            await client.nc.publish(target, b'{"query": "what did we spend?"}')
            await client.nc.flush()
            return await client.refused(target)

    # The server drops a refused message: it reaches neither subscribers nor the stream.
    assert asyncio.run(attempt(DEMO_TEAM))
    for service in (ServiceUser.ROUTER, ServiceUser.DATA_FETCH, ServiceUser.INFERENCE):
        assert asyncio.run(attempt(service)), service


def test_only_inference_may_report_a_model_call(stack: Stack) -> None:
    async def attempt(user: ServiceUser) -> bool:
        target = subject(NWO, Stage.AUDIT_MODEL_CALL)
        async with connected(stack, user) as client:
            await client.nc.publish(target, b"{}")
            await client.nc.flush()
            return await client.refused(target)

    for user in (ServiceUser.GATEWAY, ServiceUser.ROUTER, ServiceUser.DATA_FETCH):
        assert asyncio.run(attempt(user)), user


def test_a_team_reads_its_tenants_answers_and_nothing_else(stack: Stack) -> None:
    async def run() -> tuple[bytes, list[bool]]:
        async with connected(stack, DEMO_TEAM) as client:
            answers = await client.nc.subscribe(f"{subject(NWO, Stage.ANSWER)}.*")
            await client.nc.flush()
            with gateway(stack, NWO) as rest:
                body = (await asyncio.to_thread(_ask, rest)).json()
            received = await answers.next_msg(timeout=30)
            assert body["id"] in received.subject
            forbidden = [
                f"{subject(OUTSIDER, Stage.ANSWER)}.>",  # another tenant's answers
                f"{subject(NWO, Stage.QUERY_SUBMITTED)}",  # the pipeline itself
            ]
            for name in forbidden:
                await client.nc.subscribe(name)
            await client.nc.flush()
            return received.data, [await client.refused(name) for name in forbidden]

    data, refusals = asyncio.run(run())
    assert b'"status":"answered"' in data.replace(b" ", b"")
    assert refusals == [True, True]


def test_a_team_given_one_tenant_cannot_read_another_tenants_answers(stack: Stack) -> None:
    async def run() -> tuple[str, bool]:
        async with connected(stack, ONE_TENANT_TEAM) as client:
            own = await client.nc.subscribe(f"{subject(HEL, Stage.ANSWER)}.*")
            other = f"{subject(NWO, Stage.ANSWER)}.>"
            await client.nc.subscribe(other)
            await client.nc.flush()
            with gateway(stack, HEL) as rest:
                body = (await asyncio.to_thread(_ask, rest)).json()
            received = await own.next_msg(timeout=30)
            assert body["id"] in received.subject
            return received.subject, await client.refused(other)

    subject_name, refused = asyncio.run(run())
    assert subject_name.startswith(f"{subject(HEL, Stage.ANSWER)}.")
    assert refused


def test_a_team_may_not_ask_for_a_tenant_it_was_not_given(stack: Stack) -> None:
    async def attempt() -> bool:
        target = f"{PREFIX}.{OUTSIDER}.{ASK}"
        async with connected(stack, DEMO_TEAM) as client:
            await client.nc.publish(target, b'{"query": "what did we spend?"}')
            await client.nc.flush()
            return await client.refused(target)

    assert asyncio.run(attempt())


def _ask(rest: httpx.Client) -> httpx.Response:
    return rest.post("/v1/queries", json={"query": "What did we spend on Google last week?"})
