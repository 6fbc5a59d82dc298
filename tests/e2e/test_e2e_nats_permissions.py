"""NATS accounts, users and permissions on the running stack's server: each service connects
as its own user and may publish only its own stages; a team, in an account of its own, reads
only its tenants' answers; nobody but the gateway puts a question into the pipeline. The rest
of the e2e suite running green on this server is the proof that the services' permissions
are enough."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from conftest import ONE_TENANT_TEAM
from e2e_support import HEL, NWO, connected, gateway

from aya.nats_auth import DEMO_TEAM
from aya.stack import Stack
from libs.common.nats_users import ASK, ServiceUser
from libs.common.subjects import PREFIX, Stage, subject

pytestmark = pytest.mark.slow
OUTSIDER = "acme-shoes"  # a tenant the demo team was not given


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
