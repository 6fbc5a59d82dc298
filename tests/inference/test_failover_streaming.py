"""The failover chain streaming (`Streaming`) with real engines over HTTP behind fault proxies:
it may fall over only until the first delta has been sent; after that a failure ends the
answer (StreamBrokenError), since the client has already seen text."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest
from mistralai.client import Mistral

from libs.common.model_call import ChainStep
from libs.common.vocab import Tier
from services.inference.breaker import CircuitBreaker
from services.inference.engines.base import ChatRequest
from services.inference.engines.mistral import MistralEngine
from services.inference.engines.vllm import VllmEngine
from services.inference.failover import Attempt, Failover, Outcome, Policy, Slot
from services.inference.streaming import StreamBrokenError, Streaming
from services.inference.tokens import token_counter
from tests.fakes.fault_proxy import FaultProxy
from tests.fakes.mistral_fake import MistralFake, Reply, default_text

pytestmark = pytest.mark.anyio

KEY = "test-key-streaming"
VLLM_MODEL = "aya-tiny-mistral"
MISTRAL_MODEL = "mistral-small-latest"
MESSAGES = [{"role": "user", "content": "CPC rose from 0.42 to 0.57 on 3 campaigns."}]


@dataclass(frozen=True)
class Rig:
    """vLLM's stand-in and Mistral's fake, each behind a fault proxy."""

    vllm: MistralFake
    vllm_proxy: FaultProxy
    mistral: MistralFake
    mistral_proxy: FaultProxy


@pytest.fixture(scope="module")
def rig() -> Iterator[Rig]:
    with (
        MistralFake(api_key=None, models={VLLM_MODEL}, speaks_vllm=True) as vllm,
        FaultProxy(vllm.url) as vllm_proxy,
        MistralFake(api_key=KEY, models={MISTRAL_MODEL}) as mistral,
        FaultProxy(mistral.url) as mistral_proxy,
    ):
        yield Rig(vllm, vllm_proxy, mistral, mistral_proxy)


@pytest.fixture
async def failover(rig: Rig) -> AsyncIterator[Failover]:
    for server in (rig.vllm, rig.mistral, rig.vllm_proxy, rig.mistral_proxy):
        server.reset()

    async def no_wait(_: float) -> None:
        pass  # backoff is tested in test_failover.py; here it would only slow the tests

    async with httpx.AsyncClient(base_url=rig.vllm_proxy.url) as http:
        mistral = Mistral(api_key=KEY, server_url=rig.mistral_proxy.url)
        slots = {
            "vllm": Slot(VllmEngine(http), _breaker(), {Tier.SMALL: VLLM_MODEL}),
            "mistral": Slot(MistralEngine(mistral), _breaker(), {Tier.SMALL: MISTRAL_MODEL}),
        }
        policy = Policy(attempts=3, backoff_base=0.5, max_waiting=5)
        yield Failover(slots, policy, sleep=no_wait)


def _breaker() -> CircuitBreaker:
    return CircuitBreaker(failure_threshold=5, reset_after_seconds=30)


def _request(model: str, remaining: float) -> ChatRequest:
    return ChatRequest(
        model=model, messages=MESSAGES, max_tokens=100, tenant_id="t-1", timeout_seconds=remaining
    )


async def _stream(
    failover: Failover, deltas: list[str], reported: list[Attempt], order: list[str]
) -> Outcome:
    async def on_delta(text: str) -> None:
        deltas.append(text)

    async def on_attempt(attempt: Attempt, _: list[ChainStep]) -> None:
        reported.append(attempt)

    call = Streaming(on_delta)
    return await failover.run(order, Tier.SMALL, _request, 10.0, on_attempt, call=call)


async def test_streamed_vllm_answer_carries_the_servers_usage(failover: Failover) -> None:
    deltas: list[str] = []
    reported: list[Attempt] = []
    outcome = await _stream(failover, deltas, reported, ["vllm"])
    assert outcome.engine == "vllm"
    assert outcome.result is not None
    assert "".join(deltas) == outcome.result.text == default_text(MESSAGES)
    # No usage completion is configured here: the counts must come from the stream itself.
    assert outcome.result.input_tokens == token_counter().count_messages(MESSAGES)
    assert reported[0].output_tokens == token_counter().count_text(outcome.result.text)


async def test_stream_failing_before_its_first_delta_falls_over(
    failover: Failover, rig: Rig
) -> None:
    rig.vllm_proxy.fail_next(3, status=503)
    deltas: list[str] = []
    reported: list[Attempt] = []
    outcome = await _stream(failover, deltas, reported, ["vllm", "mistral"])
    assert outcome.engine == "mistral"
    assert outcome.result is not None
    assert "".join(deltas) == outcome.result.text  # only the answer that was used was sent
    assert [(a.engine, a.error_code) for a in reported] == [
        *[("vllm", "http_503")] * 3,
        ("mistral", None),
    ]


async def test_stream_broken_after_text_is_neither_retried_nor_fallen_over(
    failover: Failover, rig: Rig
) -> None:
    rig.vllm.script(Reply(text=" ".join(f"word{i}" for i in range(40))))
    rig.vllm_proxy.cut_next(1, after_bytes=1500)
    deltas: list[str] = []
    reported: list[Attempt] = []
    with pytest.raises(StreamBrokenError):
        await _stream(failover, deltas, reported, ["vllm", "mistral"])
    assert 0 < len(deltas) < 40
    assert [(a.engine, a.error_code) for a in reported] == [("vllm", "unreachable")]
    assert (rig.vllm_proxy.count(), rig.mistral_proxy.count(None)) == (1, 0)
