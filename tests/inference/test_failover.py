"""The failover chain with real engines over real HTTP: a VllmEngine and a MistralEngine, each
behind its own fault proxy. Mistral's side is the Mistral fake; vLLM's side is the same fake
speaking vLLM's dialect (its request extensions, /health, /metrics), because a real vLLM can
neither fail nor report a long queue on demand (the real one is tested in
test_vllm_engine.py). Sleeps are recorded instead of waited and the clock is real time plus
the skipped sleeps, so retries, Retry-After, budgets and breaker cool-downs take no time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field

import httpx
import pytest
from mistralai.client import Mistral

from libs.common.model_call import ChainStep
from libs.common.vocab import Tier
from services.inference.breaker import BreakerState, CircuitBreaker
from services.inference.engines.base import ChatRequest
from services.inference.engines.mistral import MistralEngine
from services.inference.engines.vllm import VllmEngine
from services.inference.failover import (
    Attempt,
    CallRefusedError,
    Failover,
    Gate,
    Outcome,
    Policy,
    Slot,
)
from tests.fakes.fault_proxy import FaultProxy
from tests.fakes.mistral_fake import MistralFake, default_text

pytestmark = pytest.mark.anyio

KEY = "test-key-failover"
VLLM_MODEL = "aya-tiny-mistral"
MISTRAL_MODEL = "mistral-small-latest"
MESSAGES = [
    {"role": "system", "content": "You are an advertising analytics assistant."},
    {"role": "user", "content": "ROAS fell from 4.2 to 3.1 while spend rose 18%."},
]
BOTH = ("vllm", "mistral")


@pytest.fixture(scope="module")
def vllm_fake() -> Iterator[MistralFake]:
    with MistralFake(api_key=None, models={VLLM_MODEL}, speaks_vllm=True) as server:
        yield server


@pytest.fixture(scope="module")
def mistral_fake() -> Iterator[MistralFake]:
    with MistralFake(api_key=KEY, models={MISTRAL_MODEL}) as server:
        yield server


@pytest.fixture(scope="module")
def vllm_proxy(vllm_fake: MistralFake) -> Iterator[FaultProxy]:
    with FaultProxy(vllm_fake.url) as server:
        yield server


@pytest.fixture(scope="module")
def mistral_proxy(mistral_fake: MistralFake) -> Iterator[FaultProxy]:
    with FaultProxy(mistral_fake.url) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh(
    vllm_fake: MistralFake,
    mistral_fake: MistralFake,
    vllm_proxy: FaultProxy,
    mistral_proxy: FaultProxy,
) -> None:
    for fake in (vllm_fake, mistral_fake):
        fake.reset()
    for proxy in (vllm_proxy, mistral_proxy):
        proxy.reset()


@pytest.fixture
async def vllm_http(vllm_proxy: FaultProxy) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=vllm_proxy.url) as client:
        yield client


class FakeClock:
    """Real time plus every sleep the failover asked for; the sleeps return at once."""

    def __init__(self) -> None:
        self.skipped = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return time.monotonic() + self.skipped

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.skipped += seconds

    def advance(self, seconds: float) -> None:
        self.skipped += seconds


@dataclass
class Chain:
    """A failover over the two proxied engines, with what it reported."""

    failover: Failover
    slots: dict[str, Slot]
    clock: FakeClock
    reported: list[tuple[Attempt, list[ChainStep]]] = field(default_factory=list)

    async def run(
        self, order: Sequence[str] = BOTH, budget: float = 30.0, gate: Gate | None = None
    ) -> Outcome:
        async def on_attempt(attempt: Attempt, steps: list[ChainStep]) -> None:
            self.reported.append((attempt, steps))

        return await self.failover.run(
            list(order), Tier.SMALL, _request, budget, on_attempt, gate=gate
        )

    def codes(self) -> list[tuple[str, str | None]]:
        return [(attempt.engine, attempt.error_code) for attempt, _ in self.reported]

    def breaker(self, name: str) -> CircuitBreaker:
        return self.slots[name].breaker


def _request(model: str, remaining: float) -> ChatRequest:
    return ChatRequest(
        model=model,
        messages=MESSAGES,
        max_tokens=100,
        tenant_id="t-1",
        timeout_seconds=remaining,
    )


def _chain(
    vllm_http: httpx.AsyncClient,
    mistral_url: str,
    *,
    attempts: int = 3,
    failures: int = 5,
    reset_after: float = 30.0,
    max_waiting: int = 5,
    mistral_key: str = KEY,
) -> Chain:
    clock = FakeClock()
    slots = {
        "vllm": Slot(
            VllmEngine(vllm_http),
            CircuitBreaker(failures, reset_after),
            {Tier.SMALL: VLLM_MODEL},
        ),
        "mistral": Slot(
            MistralEngine(Mistral(api_key=mistral_key, server_url=mistral_url)),
            CircuitBreaker(failures, reset_after),
            {Tier.SMALL: MISTRAL_MODEL},
        ),
    }
    policy = Policy(attempts=attempts, backoff_base=0.5, max_waiting=max_waiting)
    return Chain(Failover(slots, policy, clock=clock, sleep=clock.sleep), slots, clock)


def _step(engine: str, outcome: str, reason: str | None = None) -> ChainStep:
    return ChainStep(engine=engine, outcome=outcome, reason=reason)


async def test_server_errors_fall_over_to_mistral_which_is_named_as_the_answerer(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3)
    vllm_proxy.fail_next(3, status=503)
    outcome = await chain.run()
    assert outcome.engine == "mistral"
    assert outcome.result is not None
    assert outcome.result.model == MISTRAL_MODEL
    assert outcome.result.text == default_text(MESSAGES)
    assert outcome.steps == [_step("vllm", "failed", "http_503"), _step("mistral", "used")]
    assert chain.codes() == [*[("vllm", "http_503")] * 3, ("mistral", None)]
    assert (vllm_proxy.count(), mistral_proxy.count()) == (3, 1)
    # Without Retry-After the waits are jittered exponential backoff: 0-0.5 s, then 0-1 s.
    assert len(chain.clock.sleeps) == 2
    assert 0 <= chain.clock.sleeps[0] <= 0.5
    assert 0 <= chain.clock.sleeps[1] <= 1.0


@pytest.mark.parametrize("engine", BOTH)
async def test_retries_wait_exactly_what_retry_after_says(
    vllm_http: httpx.AsyncClient,
    vllm_proxy: FaultProxy,
    mistral_proxy: FaultProxy,
    engine: str,
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3)
    proxy = vllm_proxy if engine == "vllm" else mistral_proxy
    proxy.rate_limit_next(2, retry_after=4)
    outcome = await chain.run(order=[engine])
    assert outcome.engine == engine
    assert chain.clock.sleeps == [4.0, 4.0]
    assert chain.codes() == [(engine, "http_429"), (engine, "http_429"), (engine, None)]
    assert proxy.count() == 3


async def test_retry_after_beyond_the_budget_gives_up_on_the_engine_at_once(
    vllm_http: httpx.AsyncClient, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3)
    mistral_proxy.rate_limit_next(1, retry_after=60)
    outcome = await chain.run(order=["mistral"], budget=30)
    assert outcome.result is None
    assert outcome.steps == [_step("mistral", "failed", "http_429")]
    assert chain.clock.sleeps == []
    assert mistral_proxy.count() == 1


async def test_time_budget_caps_the_number_of_retries(
    vllm_http: httpx.AsyncClient, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=5)
    mistral_proxy.rate_limit_next(5, retry_after=4)
    outcome = await chain.run(order=["mistral"], budget=10)
    # Tries at 0 s, 4 s and 8 s; a fourth at 12 s would be past the 10 s budget.
    assert chain.clock.sleeps == [4.0, 4.0]
    assert mistral_proxy.count() == 3
    assert outcome.result is None
    assert outcome.steps == [_step("mistral", "failed", "http_429")]


async def test_spent_budget_fails_the_next_engine_without_calling_it(
    vllm_http: httpx.AsyncClient,
    vllm_fake: MistralFake,
    vllm_proxy: FaultProxy,
    mistral_proxy: FaultProxy,
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3)
    vllm_proxy.delay_next(1, seconds=5.0)
    started = time.monotonic()
    outcome = await chain.run(budget=0.4)
    assert time.monotonic() - started < 4.0  # the budget, not the 5 s answer, ended it
    assert outcome.result is None
    assert outcome.steps == [
        _step("vllm", "failed", "timeout"),
        _step("mistral", "failed", "tier time limit reached"),
    ]
    assert chain.codes() == [("vllm", "timeout")]
    assert mistral_proxy.count(None) == 0
    assert vllm_fake.requests == []


async def test_open_breaker_skips_the_engine_without_any_network_call(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=1, failures=2)
    vllm_proxy.fail_next(2, status=503)
    for _ in range(2):
        assert (await chain.run()).engine == "mistral"
    assert chain.breaker("vllm").state is BreakerState.OPEN
    seen = vllm_proxy.count(None)  # chat calls and /metrics reads so far
    outcome = await chain.run()
    assert outcome.steps == [_step("vllm", "skipped", "circuit open"), _step("mistral", "used")]
    assert vllm_proxy.count(None) == seen
    assert chain.codes()[-1] == ("mistral", None)


async def test_breaker_opening_during_retries_stops_them(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3, failures=2)
    vllm_proxy.fail_next(3, status=503)
    outcome = await chain.run()
    assert outcome.steps == [_step("vllm", "failed", "circuit open"), _step("mistral", "used")]
    assert vllm_proxy.count() == 2


async def test_breaker_closes_after_the_reset_time_with_a_successful_trial(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=1, failures=1, reset_after=30)
    vllm_proxy.fail_next(1, status=503)
    await chain.run()
    assert chain.breaker("vllm").state is BreakerState.OPEN
    chain.clock.advance(29)
    assert (await chain.run()).steps[0] == _step("vllm", "skipped", "circuit open")
    chain.clock.advance(1)
    outcome = await chain.run()
    assert outcome.engine == "vllm"
    assert chain.breaker("vllm").state is BreakerState.CLOSED
    assert vllm_proxy.count() == 2  # the failure and the trial, nothing while open


async def test_failed_trial_opens_the_breaker_again(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3, failures=1, reset_after=30)
    vllm_proxy.fail_next(2, status=503)
    await chain.run()
    chain.clock.advance(30)
    outcome = await chain.run()
    # One trial only, even with retries left: a failed trial reopens the breaker at once.
    assert outcome.steps == [_step("vllm", "failed", "circuit open"), _step("mistral", "used")]
    assert vllm_proxy.count() == 2
    assert chain.breaker("vllm").state is BreakerState.OPEN


async def test_long_vllm_queue_spills_over_to_mistral(
    vllm_http: httpx.AsyncClient,
    vllm_fake: MistralFake,
    vllm_proxy: FaultProxy,
    mistral_proxy: FaultProxy,
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, max_waiting=5)
    vllm_fake.waiting, vllm_fake.running = 12, 3
    outcome = await chain.run()
    assert outcome.steps == [
        _step("vllm", "skipped", "queue long (12 waiting)"),
        _step("mistral", "used"),
    ]
    assert (vllm_proxy.count("/metrics"), vllm_proxy.count()) == (1, 0)
    assert chain.codes() == [("mistral", None)]


async def test_short_vllm_queue_keeps_vllm_and_reports_the_requests_running_beside(
    vllm_http: httpx.AsyncClient, vllm_fake: MistralFake, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, max_waiting=5)
    vllm_fake.waiting, vllm_fake.running = 5, 3
    outcome = await chain.run()
    assert outcome.engine == "vllm"
    [(attempt, _)] = chain.reported
    assert attempt.running_beside == 4  # three already running, plus this one
    assert vllm_fake.requests[-1]["cache_salt"] == "t-1"


async def test_unreadable_vllm_queue_does_not_stop_the_chain(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url)
    vllm_proxy.fail_next(1, status=500, path="/metrics")
    outcome = await chain.run()
    assert outcome.engine == "vllm"
    assert vllm_proxy.count("/metrics") == 1


async def test_every_attempt_is_reported_exactly_once_failed_ones_included(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3)
    vllm_proxy.rate_limit_next(1, retry_after=1)
    vllm_proxy.cut_next(1)
    vllm_proxy.fail_next(1, status=503)
    mistral_proxy.fail_next(1, status=500)
    outcome = await chain.run()
    assert outcome.engine == "mistral"
    assert chain.codes() == [
        ("vllm", "http_429"),
        ("vllm", "unreachable"),
        ("vllm", "http_503"),
        ("mistral", "http_500"),
        ("mistral", None),
    ]
    # One report per call that reached the network, no more, no less.
    assert len(chain.reported) == vllm_proxy.count() + mistral_proxy.count()
    # Each report carries the chain's steps before it, for the ledger's explanation.
    assert [steps for _, steps in chain.reported] == [
        [],
        [],
        [],
        [_step("vllm", "failed", "http_503")],
        [_step("vllm", "failed", "http_503")],
    ]
    assert chain.clock.sleeps[0] == 1.0
    successful = chain.reported[-1][0]
    assert successful.input_tokens > 0
    assert successful.output_tokens > 0


async def test_when_every_engine_fails_the_outcome_has_no_result_and_a_step_per_engine(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3, mistral_key="revoked-key")
    vllm_proxy.fail_next(3, status=503)
    # "analyst" is no model engine of this chain: the failover passes over it.
    outcome = await chain.run(order=["vllm", "analyst", "mistral"])
    assert outcome.result is None
    assert outcome.engine is None
    assert outcome.steps == [
        _step("vllm", "failed", "http_503"),
        _step("mistral", "failed", "http_401"),
    ]
    # A permanent error is not retried.
    assert mistral_proxy.count() == 1
    assert chain.codes()[-1] == ("mistral", "http_401")


async def test_engine_skipped_for_its_queue_while_half_open_gets_its_trial_later(
    vllm_http: httpx.AsyncClient,
    vllm_fake: MistralFake,
    vllm_proxy: FaultProxy,
    mistral_proxy: FaultProxy,
) -> None:
    # Overload makes both happen together: timeouts open vLLM's breaker, and its queue is
    # still long when the cool-down ends.
    chain = _chain(vllm_http, mistral_proxy.url, attempts=1, failures=1, max_waiting=5)
    vllm_proxy.fail_next(1, status=503)
    await chain.run()
    chain.clock.advance(30)
    vllm_fake.waiting = 12
    assert (await chain.run()).steps[0] == _step("vllm", "skipped", "queue long (12 waiting)")
    vllm_fake.waiting = 0
    chain.clock.advance(30)  # a whole further cool-down, and the queue is empty now
    outcome = await chain.run()
    assert outcome.steps[0] != _step("vllm", "skipped", "circuit open")
    assert outcome.engine == "vllm"


async def test_engine_reached_with_the_budget_spent_while_half_open_gets_its_trial_later(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=1, failures=1)
    vllm_proxy.fail_next(1, status=503)
    await chain.run(order=["vllm"])
    chain.clock.advance(30)
    mistral_proxy.delay_next(1, seconds=2.0)
    spent = await chain.run(order=["mistral", "vllm"], budget=0.3)
    assert spent.steps[-1] == _step("vllm", "failed", "tier time limit reached")
    chain.clock.advance(30)
    outcome = await chain.run(order=["vllm"])
    assert outcome.engine == "vllm"


async def test_trial_cancelled_midway_does_not_shut_the_engine_out_for_good(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=1, failures=1)
    vllm_proxy.fail_next(1, status=503)
    await chain.run(order=["vllm"])
    chain.clock.advance(30)
    vllm_proxy.delay_next(1, seconds=2.0)
    # The job that got the trial is cancelled while its call waits (a handler timeout).
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.3):
            await chain.run(order=["vllm"])
    chain.clock.advance(30)
    outcome = await chain.run(order=["vllm"])
    assert outcome.engine == "vllm"


async def test_gate_refusing_an_engine_skips_it_uncalled_and_the_next_engine_answers(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=2)
    asked: list[tuple[str, str]] = []

    async def gate(engine: str, request: ChatRequest) -> str | None:
        asked.append((engine, request.model))
        if engine == "vllm":
            raise CallRefusedError("budget_exhausted")
        return "hold-1"

    outcome = await chain.run(gate=gate)
    assert outcome.engine == "mistral"
    assert outcome.steps == [_step("vllm", "skipped", "budget_exhausted"), _step("mistral", "used")]
    assert asked == [("vllm", VLLM_MODEL), ("mistral", MISTRAL_MODEL)]
    assert vllm_proxy.count() == 0
    assert [(a.engine, a.hold_id) for a, _ in chain.reported] == [("mistral", "hold-1")]


async def test_every_retried_attempt_asks_the_gate_and_carries_its_own_hold(
    vllm_http: httpx.AsyncClient, vllm_proxy: FaultProxy, mistral_proxy: FaultProxy
) -> None:
    chain = _chain(vllm_http, mistral_proxy.url, attempts=3)
    vllm_proxy.fail_next(2, status=503)
    holds = iter(["h1", "h2", "h3"])

    async def gate(engine: str, request: ChatRequest) -> str | None:
        return next(holds)

    outcome = await chain.run(order=["vllm"], gate=gate)
    assert outcome.engine == "vllm"
    assert [(a.error_code, a.hold_id) for a, _ in chain.reported] == [
        ("http_503", "h1"),
        ("http_503", "h2"),
        (None, "h3"),
    ]
