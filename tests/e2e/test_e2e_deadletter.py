"""A question whose message used up its deliveries is answered as failed, never left waiting."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import time

import nats
import pytest
from e2e_support import NWO, answers_published, gateway, poll_answer
from nats.js.api import ConsumerConfig

from aya.stack import Stack
from libs.common.subjects import MAX_DELIVERIES_ADVISORY
from services.gateway.deadletter import parse_advisory

pytestmark = pytest.mark.slow


async def _real_advisory(nats_url: str) -> bytes:
    """Make a real nats-server emit a max-deliveries advisory on a scratch stream."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await js.add_stream(name="SCRATCH_DL", subjects=["scratch.dl"])
        sub = await nc.subscribe(f"{MAX_DELIVERIES_ADVISORY}.SCRATCH_DL.>")
        await js.publish("scratch.dl", b"x")
        pull = await js.pull_subscribe(
            "scratch.dl", "scratch", config=ConsumerConfig(max_deliver=1, ack_wait=0.5)
        )
        await pull.fetch(1, timeout=2)  # taken, never acked: its one delivery is used up
        for _ in range(3):
            with contextlib.suppress(TimeoutError):  # prompts the server to see the expiry
                await pull.fetch(1, timeout=1)
        message = await sub.next_msg(timeout=10)
        await js.delete_stream("SCRATCH_DL")
        return bytes(message.data)
    finally:
        await nc.close()


def test_our_parser_reads_the_servers_real_advisory(stack: Stack) -> None:
    assert stack.info is not None
    advisory = parse_advisory(asyncio.run(_real_advisory(stack.info.nats_ops_url)))
    assert advisory is not None
    assert (advisory.stream, advisory.consumer, advisory.deliveries) == ("SCRATCH_DL", "scratch", 1)


async def _pending_seq(nats_url: str) -> int:
    nc = await nats.connect(nats_url)
    try:
        info = await nc.jetstream().stream_info("PLANS")
        assert info.state.messages == 1, "only the frozen question should be in PLANS"
        return int(info.state.last_seq)
    finally:
        await nc.close()


async def _publish_advisory(nats_url: str, template: bytes, seq: int) -> None:
    body = {**json.loads(template), "stream": "PLANS", "consumer": "data_fetch", "stream_seq": seq}
    nc = await nats.connect(nats_url)
    try:
        await nc.publish(f"{MAX_DELIVERIES_ADVISORY}.PLANS.data_fetch", json.dumps(body).encode())
        await nc.flush()
    finally:
        await nc.close()


def test_question_whose_deliveries_ran_out_is_answered_failed_once(stack: Stack) -> None:
    assert stack.info is not None
    template = asyncio.run(_real_advisory(stack.info.nats_ops_url))
    worker = stack.supervisor.children["data-fetch"]
    worker.send(signal.SIGSTOP)
    try:
        with gateway(stack, NWO) as client:
            response = client.post("/v1/queries", json={"query": "clicks today", "mode": "async"})
        query_id = response.json()["id"]
        deadline = time.monotonic() + 15
        while True:
            try:
                seq = asyncio.run(_pending_seq(stack.info.nats_ops_url))
                break
            except AssertionError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        # What the server says when a worker has died on every delivery of this message.
        asyncio.run(_publish_advisory(stack.info.nats_ops_url, template, seq))
        body = poll_answer(stack, query_id)
    finally:
        worker.kill()
    assert body["status"] == "failed"
    assert body["error"]["code"] == "processing_failed"
    assert answers_published(stack, query_id) == 1
