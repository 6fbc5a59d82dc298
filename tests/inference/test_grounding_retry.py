"""An answer whose key figures the data does not support is retried once on the next engine;
the grounding travels with the answer either way. Engines are real MistralEngines over HTTP
against the Mistral fake; only the audit log is a local recorder (the ledger is tested e2e)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from analyst_support import sample_job
from faststream.nats import NatsBroker, TestNatsBroker
from mistralai.client import Mistral
from prometheus_client import CollectorRegistry
from prompt_support import make_job

from libs.common.answer import Answer
from libs.common.envelope import Envelope
from libs.common.model_call import ChainStep
from libs.common.query import AnalysisJob
from libs.common.subjects import Stage, answer_subject, stream_of
from libs.common.vocab import Degraded, Engine, Intent, Tier
from services.inference.answering import answer_job, build_prompt, model_answer
from services.inference.breaker import CircuitBreaker
from services.inference.engines.mistral import MistralEngine
from services.inference.failover import Attempt, Failover, Policy, Slot, Start
from services.inference.grounding import given_figures
from services.inference.metrics import EngineMetrics
from services.inference.runtime import Runtime
from services.inference.settings import InferenceSettings
from services.inference.tokens import token_counter
from tests.fakes.mistral_fake import MistralFake, Reply

pytestmark = pytest.mark.anyio


FIRST, SECOND = Engine.VLLM, Engine.MISTRAL
"""Both are MistralEngines against the fake here: only their places in the chain matter."""


class Recorder:
    """Stands in for the audit publisher: keeps what would have been published."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool]] = []
        self.started: list[str] = []

    async def start(self, start: Start, *, input_tokens: int, chain: list[ChainStep]) -> None:
        self.started.append(start.call_id)

    async def record(
        self, attempt: Attempt, *, answered: bool, degraded: bool, chain: list[ChainStep]
    ) -> None:
        assert attempt.call_id in self.started, "an outcome whose call was never announced"
        self.calls.append((attempt.engine, answered))


async def _answer(job: AnalysisJob, runtime: Runtime, log: Recorder) -> Answer | None:
    answer, _ = await model_answer(
        _envelope(job),
        runtime,
        Tier.MEDIUM,
        log,
        deltas=None,
        fetch=None,
        engines=[FIRST, SECOND],
        gate=None,
        facts=None,
    )
    return answer


@pytest.fixture(scope="module")
def fake() -> Iterator[MistralFake]:
    with MistralFake(api_key="k") as server:
        yield server


def _runtime(fake: MistralFake) -> Runtime:
    settings = InferenceSettings(chain=[FIRST, SECOND], engine_attempts=1)
    models = {tier: "mistral-medium-latest" for tier in Tier}

    def slot() -> Slot:
        engine = MistralEngine(Mistral(api_key="k", server_url=fake.url))
        return Slot(engine, CircuitBreaker(3, 30), models)

    failover = Failover({FIRST: slot(), SECOND: slot()}, Policy(1, 0.01, 8))
    metrics = EngineMetrics.create(CollectorRegistry())
    chains = dict.fromkeys(Tier, failover)
    return Runtime(settings, chains, [FIRST, SECOND], token_counter(), [], metrics)


def _retries(runtime: Runtime, result: str) -> float:
    return runtime.metrics.grounding_retries.labels(result)._value.get()


def _envelope(job: AnalysisJob) -> Envelope[AnalysisJob]:
    return Envelope[AnalysisJob](
        query_id="q-1",
        tenant_id="t-1",
        principal="k",
        submitted_at=dt.datetime.now(dt.UTC),
        body=job,
    )


def _supported_total(job: AnalysisJob, runtime: Runtime) -> str:
    prompt = build_prompt(job, runtime, Tier.MEDIUM, None, None)
    figure = max(given_figures(job, prompt).figures)  # the largest figure the model was given
    return f"${figure.quantize(Decimal('0.01')):,}"


async def test_unsupported_key_figure_is_retried_on_the_next_engine(fake: MistralFake) -> None:
    fake.reset()
    job = make_job()
    runtime = _runtime(fake)
    fake.script(
        Reply(text="Spend was $987,654.32 last week.\n\n2. Anomalies\nnone"),
        Reply(text=f"Spend was {_supported_total(job, runtime)}.\n\n2. Anomalies\nnone"),
    )
    log = Recorder()
    answer = await _answer(job, runtime, log)
    assert answer is not None
    assert answer.engine == SECOND
    assert answer.grounding is not None
    assert answer.grounding["key_figures_supported"] is True
    assert log.calls == [(FIRST, True), (SECOND, True)]
    assert len(log.started) == 2  # each announced before it was made
    assert (_retries(runtime, "replaced"), _retries(runtime, "kept")) == (1, 0)


async def test_unsupported_key_figure_with_no_engine_left_is_marked(fake: MistralFake) -> None:
    fake.reset()
    fake.default = Reply(text="Spend was $987,654.32 last week.\n\n2. Anomalies\nnone")
    runtime = _runtime(fake)
    answer = await _answer(make_job(), runtime, Recorder())
    assert answer is not None
    assert answer.engine == FIRST  # the retry was no better: the first answer stands, marked
    assert (_retries(runtime, "replaced"), _retries(runtime, "kept")) == (0, 1)
    assert answer.grounding is not None
    assert answer.grounding["key_figures_supported"] is False
    assert "$987,654.32" in answer.grounding["unsupported"]


async def test_forecast_figures_are_not_retried(fake: MistralFake) -> None:
    fake.reset()
    fake.default = Reply(text="Next week's spend will be about $987,654.32.\n\n2. Drivers\n-")
    log = Recorder()
    answer = await _answer(make_job(intent=Intent.FORECAST), _runtime(fake), log)
    assert answer is not None
    assert answer.engine == FIRST
    assert len(log.calls) == 1


async def test_a_prompt_no_context_can_hold_gets_the_analysts_answer_marked_why(
    fake: MistralFake,
) -> None:
    fake.reset()
    job = sample_job(
        "northwind-outfitters",
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 15),
        text="Why did our ROAS drop last week?",
        intent="diagnosis",
        metrics=["roas"],
    )
    runtime = _runtime(fake)
    # 300 tokens of room: not even the system rules fit, so no engine may be called.
    runtime = replace(
        runtime, settings=runtime.settings.model_copy(update={"context_tokens": 1000})
    )
    broker = NatsBroker()
    published: list[Answer] = []

    # FastStream's in-memory broker stands in for NATS: this is the handler's unit test (the
    # pipeline's answers over a real server are tested e2e).
    @broker.subscriber(answer_subject("t-1", "q-1"), stream=stream_of(Stage.ANSWER))
    async def keep(answer: Envelope[Answer]) -> None:
        published.append(answer.body)

    async with TestNatsBroker(broker) as test_broker:
        await answer_job(_envelope(job), test_broker, runtime, Tier.MEDIUM, [FIRST, SECOND], None)
    await runtime.aclose()
    (answer,) = published
    assert answer.status == "answered"
    assert answer.engine == Engine.ANALYST
    assert answer.degraded
    assert answer.degraded_reason == Degraded.PROMPT_TOO_LARGE
    assert fake.requests == []  # no model was called
