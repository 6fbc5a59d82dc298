"""The one request-reply helper (`libs.common.rpc`) on a real nats-server: typed both ways,
the tenant from the subject only, the responder's error reply, invalid requests, timeouts,
missing responders, replies about another tenant, and the trace carried across."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from faststream.nats import NatsBroker, NatsRouter
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

from aya.embedded.nats import EmbeddedNats, start_nats
from libs.common.fetch import FetchReply, FetchRequest
from libs.common.rpc import FETCH, USAGE, RpcError, Served, call, responder
from libs.common.subjects import Stage
from libs.common.usage import UsageReport, UsageRequest

pytestmark = pytest.mark.anyio
DAY = dt.date(2026, 11, 16)
ASK = UsageRequest(start=DAY, end=DAY)


@pytest.fixture(scope="module")
def nats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedNats]:
    # A server of its own: the session's has the real audit service answering these subjects.
    server = start_nats(Path(tmp_path_factory.mktemp("rpc-nats")))
    yield server
    server.stop()


class Audit:
    """A responder to the usage contract that records what it was handed."""

    def __init__(self) -> None:
        self.served: list[Served[UsageRequest]] = []
        self.delay = 0.0
        self.fail: RpcError | None = None
        self.about: str | None = None
        self.broken = False

    async def usage(self, served: Served[UsageRequest]) -> UsageReport:
        self.served.append(served)
        await asyncio.sleep(self.delay)
        if self.fail is not None:
            raise self.fail
        if self.broken:
            raise ZeroDivisionError("a bug in the responder")
        return UsageReport(
            tenant_id=self.about or served.tenant_id,
            start=served.request.start,
            end=served.request.end,
            totals={"input_tokens": 7, "output_tokens": 3},
        )


@pytest.fixture
async def audit(nats_server: EmbeddedNats) -> AsyncIterator[tuple[NatsBroker, Audit]]:
    recorder = Audit()
    router = NatsRouter()
    responder(router, USAGE, queue="audit")(recorder.usage)

    async def fetch(served: Served[FetchRequest]) -> FetchReply:
        return FetchReply(accounts=[served.tenant_id])

    responder(router, FETCH, queue="data_fetch")(fetch)
    broker = NatsBroker(nats_server.url)
    broker.include_router(router)
    await broker.start()
    try:
        yield broker, recorder
    finally:
        await broker.stop()


async def test_a_typed_request_gets_its_typed_reply_for_the_subjects_tenant(
    audit: tuple[NatsBroker, Audit],
) -> None:
    broker, recorder = audit
    report = await call(broker, USAGE, "northwind-outfitters", ASK, timeout_seconds=10)
    assert isinstance(report, UsageReport)
    assert (report.tenant_id, report.totals["input_tokens"]) == ("northwind-outfitters", 7)
    (served,) = recorder.served
    assert (served.tenant_id, served.request) == ("northwind-outfitters", ASK)


async def test_the_responders_error_reply_reaches_the_caller_as_its_code(
    audit: tuple[NatsBroker, Audit],
) -> None:
    broker, recorder = audit
    recorder.fail = RpcError("unavailable", "The ledger is unavailable.")
    with pytest.raises(RpcError) as caught:
        await call(broker, USAGE, "northwind-outfitters", ASK, timeout_seconds=10)
    assert (caught.value.code, caught.value.message) == (
        "unavailable",
        "The ledger is unavailable.",
    )
    assert caught.value.replied


async def test_a_responder_that_breaks_still_answers_with_an_error(
    audit: tuple[NatsBroker, Audit],
) -> None:
    broker, recorder = audit
    recorder.broken = True
    with pytest.raises(RpcError) as caught:
        await call(broker, USAGE, "northwind-outfitters", ASK, timeout_seconds=10)
    assert caught.value.code == "internal_error"  # at once, not after the timeout
    assert caught.value.replied


async def test_a_request_that_is_not_the_contract_gets_the_contracts_invalid_code(
    audit: tuple[NatsBroker, Audit],
) -> None:
    broker, recorder = audit
    reply = await broker.request(
        b'{"start": "2026-11-16", "end": "2026-11-16", "tenant_id": "helio-analytics"}',
        "aya.v1.northwind-outfitters.usage.request",
        timeout=10,
    )
    assert reply.body.startswith(b'{"error"')
    assert b"invalid_request" in reply.body
    assert b"tenant_id" in reply.body
    assert recorder.served == []  # the handler never saw it
    fetch = await broker.request(b'{"metrics": []}', "aya.v1.acme.fetch.request", timeout=10)
    assert b"invalid_arguments" in fetch.body


async def test_a_reply_about_another_tenant_is_refused(audit: tuple[NatsBroker, Audit]) -> None:
    broker, recorder = audit
    recorder.about = "helio-analytics"
    with pytest.raises(RpcError) as caught:
        await call(broker, USAGE, "northwind-outfitters", ASK, timeout_seconds=10)
    assert caught.value.code == "bad_reply"
    assert not caught.value.replied


async def test_a_slow_responder_times_out(audit: tuple[NatsBroker, Audit]) -> None:
    broker, recorder = audit
    recorder.delay = 2.0
    with pytest.raises(RpcError) as caught:
        await call(broker, USAGE, "northwind-outfitters", ASK, timeout_seconds=0.2)
    assert caught.value.code == "timeout"


async def test_no_responder_is_unavailable_at_once(nats_server: EmbeddedNats) -> None:
    broker = NatsBroker(nats_server.url)
    await broker.start()
    try:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(RpcError) as caught:
            await call(broker, USAGE, "nobody-listens", ASK, timeout_seconds=30)
        assert caught.value.code == "unavailable"
        assert loop.time() - started < 10  # told by the server, not by the timeout
    finally:
        await broker.stop()


async def test_the_callers_trace_continues_in_the_responder(
    audit: tuple[NatsBroker, Audit],
) -> None:
    broker, recorder = audit
    tracer = TracerProvider().get_tracer("test")
    with tracer.start_as_current_span("caller") as caller:
        await call(broker, USAGE, "northwind-outfitters", ASK, timeout_seconds=10)
    trace_id = f"{caller.get_span_context().trace_id:032x}"
    (served,) = recorder.served
    assert served.headers["traceparent"].split("-")[1] == trace_id
    assert trace.get_current_span() is not caller


def test_every_contract_is_a_tenant_stage() -> None:
    assert USAGE.stage is Stage.USAGE_REQUEST
    assert FETCH.invalid_code == "invalid_arguments"
