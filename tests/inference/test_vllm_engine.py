"""The vllm engine against a real vLLM server: completions, streaming, usage, health, queue."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.inference.engines.base import ChatRequest, ChatResult, EngineError, TextChunk
from services.inference.engines.vllm import VllmEngine
from services.inference.tokens import token_counter
from tests.conftest import VllmServer

pytestmark = [pytest.mark.anyio, pytest.mark.slow]
MESSAGES = [
    {"role": "system", "content": "You are an advertising analytics assistant."},
    {"role": "user", "content": "Why did ROAS drop last week?"},
]


@pytest.fixture
async def engine(vllm_server: VllmServer) -> AsyncIterator[VllmEngine]:
    bearer = {"Authorization": f"Bearer {vllm_server.api_key}"}
    async with httpx.AsyncClient(base_url=vllm_server.url, headers=bearer) as client:
        yield VllmEngine(client)


async def test_a_server_started_with_a_key_refuses_a_call_without_it(
    vllm_server: VllmServer,
) -> None:
    async with httpx.AsyncClient(base_url=vllm_server.url) as client:
        with pytest.raises(EngineError) as refused:
            await VllmEngine(client).chat(_request(vllm_server.model))
    assert refused.value.code == "http_401"
    assert not refused.value.transient


def _request(model: str, max_tokens: int = 24) -> ChatRequest:
    return ChatRequest(model=model, messages=MESSAGES, max_tokens=max_tokens, tenant_id="t-1")


async def test_completion_reports_the_servers_token_usage(
    engine: VllmEngine, vllm_server: object
) -> None:
    result = await engine.chat(_request(vllm_server.model))  # type: ignore[attr-defined]
    assert result.model == vllm_server.model  # type: ignore[attr-defined]
    assert result.output_tokens == 24  # random weights never stop early: max_tokens is hit
    assert result.finish_reason == "length"
    # The server tokenises with the same tekken file: its count equals ours for the same chat.
    assert result.input_tokens == token_counter().count_messages(MESSAGES)


async def test_streamed_completion_is_never_counted_as_zero_tokens(
    engine: VllmEngine, vllm_server: object
) -> None:
    deltas: list[str] = []
    final: ChatResult | None = None
    async for event in engine.stream(_request(vllm_server.model)):  # type: ignore[attr-defined]
        if isinstance(event, TextChunk):
            deltas.append(event.text)
        else:
            final = event
    assert final is not None
    assert len(deltas) > 1
    assert final.text == "".join(deltas)
    assert (final.input_tokens, final.output_tokens) == (
        token_counter().count_messages(MESSAGES),
        24,
    )


async def test_unknown_model_is_a_permanent_error(engine: VllmEngine) -> None:
    with pytest.raises(EngineError) as caught:
        await engine.chat(_request("no-such-model"))
    assert caught.value.status == 404
    assert not caught.value.transient


async def test_health_and_queue_come_from_the_server(engine: VllmEngine) -> None:
    assert await engine.healthy()
    waiting, running = await engine.queue()
    assert waiting >= 0
    assert running >= 0


async def test_unreachable_server_is_a_transient_error() -> None:
    async with httpx.AsyncClient(base_url="http://127.0.0.1:9") as client:
        with pytest.raises(EngineError) as caught:
            await VllmEngine(client).chat(_request("m"))
    assert caught.value.transient
