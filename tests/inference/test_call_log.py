"""A call's ledger event waits out a NATS restart: publishing is retried (same msg id, so a
publish that did land is deduplicated) until JetStream takes it or patience runs out."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from faststream.nats import NatsBroker
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js.errors import NoStreamResponseError
from prompt_support import make_job

from libs.common.envelope import Envelope
from libs.common.query import AnalysisJob
from libs.common.vocab import Tier
from services.inference.calls import CallLog
from services.inference.failover import Attempt

pytestmark = pytest.mark.anyio


class FlakyBroker:
    """Fails its first `failures` publishes as NATS does while restarting, then takes them."""

    def __init__(self, failures: list[Exception]) -> None:
        self.failures = failures
        self.published: list[dict[str, Any]] = []

    async def publish(self, message: object, subject: str, **options: Any) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.published.append({"subject": subject, **options})


def _attempt() -> Attempt:
    at = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
    return Attempt(
        call_id="11111111-1111-4111-8111-111111111111",
        engine="vllm",
        model="mock",
        started_at=at,
        finished_at=at,
        input_tokens=120,
        output_tokens=30,
        error_code=None,
    )


@pytest.fixture
def analysis_envelope() -> Envelope[AnalysisJob]:
    return Envelope[AnalysisJob](
        query_id="22222222-2222-4222-8222-222222222222",
        tenant_id="northwind-outfitters",
        principal="key_test",
        submitted_at=dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC),
        body=make_job(),
    )


def _log(broker: FlakyBroker, envelope: Envelope[AnalysisJob], patience: float) -> CallLog:
    return CallLog(cast(NatsBroker, broker), envelope, Tier.SMALL, patience=patience)


async def test_an_outcome_is_published_once_nats_takes_it_again(
    analysis_envelope: Envelope[AnalysisJob],
) -> None:
    broker = FlakyBroker([NatsTimeoutError(), NoStreamResponseError()])
    await _log(broker, analysis_envelope, 5).record(
        _attempt(), answered=True, degraded=False, chain=[]
    )
    assert len(broker.published) == 1
    headers = broker.published[0]["headers"]
    assert headers["Nats-Msg-Id"] == "11111111-1111-4111-8111-111111111111"


async def test_an_outcome_nats_never_takes_fails_after_the_patience(
    analysis_envelope: Envelope[AnalysisJob],
) -> None:
    broker = FlakyBroker([NatsTimeoutError() for _ in range(20)])
    with pytest.raises(NatsTimeoutError):
        await _log(broker, analysis_envelope, 0.5).record(
            _attempt(), answered=True, degraded=False, chain=[]
        )
    assert broker.published == []
