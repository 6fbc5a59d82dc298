"""The ack discipline every worker shares, against a real nats-server: transient failures are
retried with backoff, permanent ones and exhausted retries end in one failed answer, and
messages that are broken or cross tenants are never acted on."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio.to_thread
import nats
import pytest
from faststream.nats import NatsBroker, NatsRouter

from aya.embedded import EmbeddedNats, start_nats
from libs.common.answer import Answer
from libs.common.bus import ensure_streams, publish_stage
from libs.common.envelope import Envelope
from libs.common.errors import QueryError, UpstreamError
from libs.common.handler_params import NatsBroker as BrokerDep
from libs.common.handler_params import NatsMessage as MessageDep
from libs.common.metrics import WorkerMetrics
from libs.common.query import Query
from libs.common.settings import CommonSettings
from libs.common.subjects import Stage, answer_subject, any_tenant, msg_id, subject
from libs.common.worker import durable_subscriber, handle

pytestmark = pytest.mark.anyio
TENANT = "worker-test"
SETTINGS = CommonSettings(ack_wait_seconds=2, max_deliver=3, retry_base_seconds=0.05)
Work = Callable[[Envelope[Query]], Awaitable[None]]


@pytest.fixture(scope="module")
def own_nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedNats]:
    """A nats-server of this module's own: its consumer may not share the stack's streams."""
    server = start_nats(tmp_path_factory.mktemp("worker-nats"))
    yield server
    server.stop()


class Harness:
    """A broker with one durable worker whose work the test decides."""

    def __init__(self, broker: NatsBroker) -> None:
        self.broker = broker
        self.work: Work = self._ok
        self.calls = 0
        self.metrics = WorkerMetrics.create()

    def handled(self, outcome: str) -> float:
        """Messages of the test's tenant settled so (the worker's own registry)."""
        labels = {"stage": "query.submitted", "tenant": TENANT, "outcome": outcome}
        return self.metrics.registry.get_sample_value("aya_messages_handled_total", labels) or 0

    async def _ok(self, envelope: Envelope[Query]) -> None:
        return None

    async def run(self, envelope: Envelope[Query]) -> None:
        self.calls += 1
        await self.work(envelope)


@pytest.fixture
async def harness(own_nats: EmbeddedNats, tmp_path: Path) -> AsyncIterator[Harness]:
    broker = NatsBroker(own_nats.url, logger=None)
    test = Harness(broker)
    router = NatsRouter()
    durable = f"w{tmp_path.name[-8:].replace('-', '')}"

    @durable_subscriber(
        router,
        any_tenant(Stage.QUERY_SUBMITTED),
        stream="QUERIES",
        durable=durable,
        settings=SETTINGS,
    )
    async def worker(message: MessageDep, broker: BrokerDep) -> None:
        await handle(message, broker, SETTINGS, Query, test.run, test.metrics)

    broker.include_router(router)
    await broker.connect()
    js = broker.config.connection_state.stream
    await ensure_streams(js)
    await js.purge_stream("QUERIES")
    await broker.start()
    try:
        yield test
    finally:
        await broker.stop()
        nc = await nats.connect(own_nats.url)
        await nc.jetstream().delete_consumer("QUERIES", durable)
        await nc.close()


def _envelope(query_id: str) -> Envelope[Query]:
    return Envelope[Query](
        query_id=query_id,
        tenant_id=TENANT,
        principal="key_test",
        submitted_at=dt.datetime.now(dt.UTC),
        body=Query(text="spend last week"),
    )


async def _submit_and_wait(
    harness: Harness, own_nats: EmbeddedNats, query_id: str, payload: bytes | None = None
) -> Answer | None:
    nc = await nats.connect(own_nats.url)
    try:
        sub = await nc.subscribe(answer_subject(TENANT, query_id), max_msgs=1)
        target = subject(TENANT, Stage.QUERY_SUBMITTED)
        if payload is None:
            await publish_stage(
                harness.broker,
                _envelope(query_id),
                subject=target,
                stream="QUERIES",
                msg_id=msg_id(query_id, Stage.QUERY_SUBMITTED),
            )
        else:
            await nc.jetstream().publish(target, payload)
        try:
            msg = await sub.next_msg(timeout=6)
        except TimeoutError:
            return None
        return Envelope[Answer].model_validate_json(msg.data).body
    finally:
        await nc.close()


async def _until(condition: Callable[[], bool], seconds: float = 10) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - a counter, not an event, is what we watch
            await asyncio.sleep(0.01)


async def test_transient_failures_are_retried_until_the_work_succeeds(
    harness: Harness, own_nats: EmbeddedNats
) -> None:
    async def flaky(envelope: Envelope[Query]) -> None:
        if harness.calls < 3:
            raise UpstreamError("connector timed out", transient=True)

    harness.work = flaky
    answer = await _submit_and_wait(harness, own_nats, "q-flaky")
    assert answer is None  # the work succeeded on its third try: no failed answer
    assert harness.calls == 3
    # Counted right after the ack the wait above saw: poll for it.
    await _until(lambda: harness.handled("ok") >= 1)
    assert (harness.handled("retried"), harness.handled("ok")) == (2, 1)


async def test_a_worker_hands_no_message_to_a_thread(
    harness: Harness, own_nats: EmbeddedNats, monkeypatch: pytest.MonkeyPatch
) -> None:
    # FastStream runs a plain-function decoder and its own context lookups on worker threads;
    # a worker's decoder and parameters are coroutines so that each message stays on the loop.
    handed: list[object] = []
    to_thread = anyio.to_thread.run_sync

    async def counted(func: Callable[..., object], *args: object, **kwargs: object) -> object:
        handed.append(func)
        return await to_thread(func, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)

    async def refuse(envelope: Envelope[Query]) -> None:
        raise QueryError("No such account.")

    harness.work = refuse  # answered failed: the wait below sees the handler ran
    answer = await _submit_and_wait(harness, own_nats, "q-on-loop")
    assert answer is not None
    assert harness.calls == 1
    assert handed == []


async def test_permanent_failure_is_answered_failed_without_retry(
    harness: Harness, own_nats: EmbeddedNats
) -> None:
    async def refuse(envelope: Envelope[Query]) -> None:
        raise QueryError("That account does not exist.")

    harness.work = refuse
    answer = await _submit_and_wait(harness, own_nats, "q-refused")
    assert answer is not None
    assert answer.status == "failed"
    assert answer.error is not None
    assert (answer.error.code, answer.error.message) == (
        "invalid_query",
        "That account does not exist.",
    )
    assert harness.calls == 1


async def test_retries_that_run_out_end_in_one_failed_answer(
    harness: Harness, own_nats: EmbeddedNats
) -> None:
    async def down(envelope: Envelope[Query]) -> None:
        raise UpstreamError("connector down", transient=True)

    harness.work = down
    answer = await _submit_and_wait(harness, own_nats, "q-down")
    assert answer is not None
    assert answer.error is not None
    assert answer.error.code == "upstream_error"
    assert harness.calls == SETTINGS.max_deliver


async def test_malformed_body_that_names_its_question_is_answered_failed(
    harness: Harness, own_nats: EmbeddedNats
) -> None:
    payload = b'{"query_id": "q-broken", "tenant_id": "worker-test", "body": {"text": 7}}'
    answer = await _submit_and_wait(harness, own_nats, "q-broken", payload)
    assert answer is not None
    assert answer.status == "failed"
    assert harness.calls == 0


async def test_envelope_for_another_tenant_than_its_subject_is_never_acted_on(
    harness: Harness, own_nats: EmbeddedNats
) -> None:
    foreign = _envelope("q-foreign").model_copy(update={"tenant_id": "someone-else"})
    answer = await _submit_and_wait(
        harness, own_nats, "q-foreign", foreign.model_dump_json().encode()
    )
    await asyncio.sleep(0.5)
    assert answer is None
    assert harness.calls == 0


class CountingBroker:
    """A real broker whose publishes are counted (to see a retry happen)."""

    def __init__(self, broker: NatsBroker) -> None:
        self.broker = broker
        self.publishes = 0

    async def publish(self, *args: Any, **options: Any) -> Any:
        self.publishes += 1
        return await self.broker.publish(*args, **options)


async def test_a_stage_publish_waits_for_jetstream_and_lands_once(tmp_path: Path) -> None:
    """Before its stream exists (as while JetStream restarts or stalls) a publish is retried
    under one message id until JetStream takes it; published again, it is not stored twice."""
    server = start_nats(tmp_path / "nats")  # no streams yet
    broker = NatsBroker(server.url, logger=None)
    await broker.connect()
    counting = CountingBroker(broker)
    try:
        envelope = _envelope("q-stall")
        target = subject(TENANT, Stage.QUERY_SUBMITTED)
        once = msg_id("q-stall", Stage.QUERY_SUBMITTED)

        async def publish() -> None:
            await publish_stage(
                counting,  # type: ignore[arg-type]
                envelope,
                subject=target,
                stream="QUERIES",
                msg_id=once,
            )

        pending = asyncio.create_task(publish())
        await _until(lambda: counting.publishes >= 1)  # it was tried and refused
        assert not pending.done()
        js = broker.config.connection_state.stream
        await ensure_streams(js)
        await asyncio.wait_for(pending, 20)
        await publish()  # the same question again: deduplicated
        assert counting.publishes >= 3
        assert (await js.stream_info("QUERIES")).state.messages == 1
    finally:
        await broker.stop()
        server.stop()
