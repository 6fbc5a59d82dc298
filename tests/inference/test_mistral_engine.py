"""The mistral engine through the real `mistralai` SDK, over HTTP, against the Mistral fake
(directly and behind the fault proxy): answers, usage, streams, tool calls, and which failures
the failover chain may retry."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest
from mistralai.client import Mistral

from services.inference.engines.base import ChatRequest, ChatResult, EngineError, TextChunk
from services.inference.engines.mistral import MistralEngine
from services.inference.tokens import token_counter
from tests.fakes.fault_proxy import FaultProxy
from tests.fakes.mistral_fake import CHAT_PATH, MistralFake, Reply, default_text

pytestmark = pytest.mark.anyio

KEY = "test-key-engine"
MODEL = "mistral-small-latest"
MESSAGES = [
    {"role": "system", "content": "You are an advertising analytics assistant."},
    {"role": "user", "content": "Spend was 1,234.50 EUR for 87 conversions; CTR 2.4%."},
]
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_metrics",
            "description": "Metrics of one campaign over a date range.",
            "parameters": {
                "type": "object",
                "properties": {"campaign": {"type": "string"}, "metric": {"type": "string"}},
                "required": ["campaign", "metric"],
            },
        },
    }
]


@pytest.fixture(scope="module")
def fake() -> Iterator[MistralFake]:
    with MistralFake(api_key=KEY, models={MODEL}) as server:
        yield server


@pytest.fixture(scope="module")
def proxy(fake: MistralFake) -> Iterator[FaultProxy]:
    with FaultProxy(fake.url) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh(fake: MistralFake, proxy: FaultProxy) -> None:
    fake.reset()
    proxy.reset()


def _engine(url: str, key: str = KEY) -> MistralEngine:
    return MistralEngine(Mistral(api_key=key, server_url=url))


def _request(**changes: object) -> ChatRequest:
    fields: dict[str, object] = {
        "model": MODEL,
        "messages": MESSAGES,
        "max_tokens": 200,
        "tenant_id": "t-1",
        "timeout_seconds": 5.0,
    }
    fields.update(changes)
    return ChatRequest(**fields)  # type: ignore[arg-type]


async def _collect(engine: MistralEngine, texts: list[str]) -> None:
    async for event in engine.stream(_request()):
        if isinstance(event, TextChunk):
            texts.append(event.text)


async def _error_of(engine: MistralEngine, request: ChatRequest) -> EngineError:
    with pytest.raises(EngineError) as caught:
        await engine.chat(request)
    return caught.value


async def test_completion_reports_the_answer_and_mistrals_usage(fake: MistralFake) -> None:
    result = await _engine(fake.url).chat(_request())
    expected = default_text(MESSAGES)
    assert result.text == expected
    assert (result.model, result.finish_reason) == (MODEL, "stop")
    # The fake counts with the model's tokenizer, so these are the counts Mistral would bill.
    counter = token_counter()
    assert result.input_tokens == counter.count_messages(MESSAGES)
    assert result.output_tokens == counter.count_text(expected)


async def test_request_is_what_mistral_accepts(fake: MistralFake) -> None:
    await _engine(fake.url).chat(_request(temperature=0.1, max_tokens=64))
    body = fake.requests[-1]
    # The fake refuses unknown fields, so reaching here proves no vLLM-only field leaked.
    assert body["model"] == MODEL
    assert body["messages"] == MESSAGES
    assert (body["max_tokens"], body["temperature"]) == (64, 0.1)
    assert "tools" not in body


async def test_the_fake_refuses_what_mistral_refuses(fake: MistralFake) -> None:
    # The guard behind the test above: a vLLM-only field or a string max_tokens is a 422.
    body = {"model": MODEL, "messages": MESSAGES, "max_tokens": "12", "cache_salt": "t-1"}
    headers = {"authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(base_url=fake.url, headers=headers) as client:
        response = await client.post(CHAT_PATH, json=body)
    assert response.status_code == 422
    detail = response.json()["message"]["detail"]
    assert {(error["type"], tuple(error["loc"])) for error in detail} == {
        ("extra_forbidden", ("body", "cache_salt")),
        ("int_type", ("body", "max_tokens")),
    }


async def test_answer_cut_at_max_tokens_finishes_with_length(fake: MistralFake) -> None:
    result = await _engine(fake.url).chat(_request(max_tokens=5))
    assert result.finish_reason == "length"
    assert 0 < result.output_tokens <= 5
    assert default_text(MESSAGES).startswith(result.text)


async def test_stream_yields_deltas_then_a_result_with_the_last_chunks_usage(
    fake: MistralFake,
) -> None:
    events = [event async for event in _engine(fake.url).stream(_request())]
    deltas = [event.text for event in events if isinstance(event, TextChunk)]
    final = events[-1]
    assert isinstance(final, ChatResult)
    assert len(deltas) > 3
    assert final.text == "".join(deltas) == default_text(MESSAGES)
    # Only the last chunk carries usage: counts other than zero prove it was read.
    assert final.input_tokens == token_counter().count_messages(MESSAGES)
    assert final.output_tokens == token_counter().count_text(final.text)
    assert final.finish_reason == "stop"


async def test_stream_through_the_proxy_arrives_chunk_by_chunk(
    fake: MistralFake, proxy: FaultProxy
) -> None:
    fake.script(Reply(text="one two three four five six", chunk_pause=0.1))
    arrivals: list[float] = []
    async for event in _engine(proxy.url).stream(_request()):
        if isinstance(event, TextChunk):
            arrivals.append(time.monotonic())
    assert len(arrivals) == 6
    # A buffering proxy would deliver all six pieces at once, at the end.
    assert arrivals[-1] - arrivals[0] >= 0.3


async def test_tool_call_comes_back_with_its_json_arguments(fake: MistralFake) -> None:
    fake.script(Reply.calling("get_metrics", campaign="Brand FR", metric="spend"))
    result = await _engine(fake.url).chat(_request(tools=TOOLS))
    assert result.finish_reason == "tool_calls"
    [call] = result.tool_calls
    assert call["type"] == "function"
    assert len(call["id"]) == 9
    assert call["function"]["name"] == "get_metrics"
    assert json.loads(call["function"]["arguments"]) == {"campaign": "Brand FR", "metric": "spend"}
    assert fake.requests[-1]["tool_choice"] == "auto"
    assert fake.requests[-1]["tools"][0]["function"]["name"] == "get_metrics"


@pytest.mark.parametrize("source", ["proxy", "fake"])
async def test_rate_limit_is_transient_and_carries_retry_after(
    fake: MistralFake, proxy: FaultProxy, source: str
) -> None:
    if source == "proxy":
        proxy.rate_limit_next(1, retry_after=2)
    else:
        fake.script(Reply.error(429, "Requests rate limit exceeded", retry_after=2))
    error = await _error_of(_engine(proxy.url), _request())
    assert (error.status, error.code, error.transient) == (429, "http_429", True)
    assert error.retry_after == 2.0


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_transient(proxy: FaultProxy, status: int) -> None:
    proxy.fail_next(1, status=status)
    error = await _error_of(_engine(proxy.url), _request())
    assert (error.status, error.transient, error.retry_after) == (status, True, None)


async def test_wrong_api_key_is_permanent(fake: MistralFake) -> None:
    error = await _error_of(_engine(fake.url, key="wrong"), _request())
    assert (error.status, error.transient) == (401, False)


async def test_wrong_endpoint_is_permanent(fake: MistralFake) -> None:
    error = await _error_of(_engine(f"{fake.url}/no-such-prefix"), _request())
    assert (error.status, error.transient) == (404, False)


async def test_unknown_model_is_permanent(fake: MistralFake) -> None:
    error = await _error_of(_engine(fake.url), _request(model="mistral-nonexistent"))
    assert (error.status, error.transient) == (400, False)


async def test_malformed_request_is_a_permanent_422(fake: MistralFake) -> None:
    # The SDK passes a negative max_tokens through; Mistral's validation refuses it.
    error = await _error_of(_engine(fake.url), _request(max_tokens=-1))
    assert (error.status, error.code, error.transient) == (422, "http_422", False)


async def test_answer_slower_than_the_timeout_is_a_transient_timeout(
    fake: MistralFake, proxy: FaultProxy
) -> None:
    proxy.delay_next(1, seconds=5.0)
    started = time.monotonic()
    error = await _error_of(_engine(proxy.url), _request(timeout_seconds=0.3))
    assert (error.code, error.transient) == ("timeout", True)
    assert time.monotonic() - started < 4.0  # the timeout, not the 5 s answer, ended it
    assert fake.requests == []  # the proxy drops what the client gave up on


async def test_cut_connection_is_transient(proxy: FaultProxy) -> None:
    proxy.cut_next(1)
    error = await _error_of(_engine(proxy.url), _request())
    assert (error.code, error.transient) == ("unreachable", True)


async def test_stream_cut_midway_is_a_transient_error(fake: MistralFake, proxy: FaultProxy) -> None:
    fake.script(Reply(text=" ".join(f"word{i}" for i in range(40))))
    proxy.cut_next(1, after_bytes=1500)  # about seven of the forty-odd chunks
    received: list[str] = []
    with pytest.raises(EngineError) as caught:
        await _collect(_engine(proxy.url), received)
    assert caught.value.transient
    assert 0 < len(received) < 40  # the failure came mid-stream, after some text


async def test_stream_refused_with_503_is_a_transient_error(proxy: FaultProxy) -> None:
    proxy.fail_next(1, status=503)
    with pytest.raises(EngineError) as caught:
        await _collect(_engine(proxy.url), [])
    assert (caught.value.status, caught.value.transient) == (503, True)
