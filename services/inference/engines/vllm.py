"""Self-hosted vLLM over its OpenAI-compatible API (httpx): chat, streaming, health, queue."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from libs.common.vocab import Engine
from services.inference.engines.base import (
    ChatRequest,
    ChatResult,
    EngineError,
    TextChunk,
    parse_retry_after,
)

_WAITING = "vllm:num_requests_waiting"
_RUNNING = "vllm:num_requests_running"


class VllmEngine:
    """One vLLM server. `cache_salt` per tenant keeps tenants out of each other's prefix cache."""

    name = Engine.VLLM

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def chat(self, request: ChatRequest) -> ChatResult:
        """One completion; usage from the server."""
        body = _body(request, stream=False)
        response = await self._post(body, request.timeout_seconds, _headers(request))
        data = response.json()
        choice = data["choices"][0]
        message = choice.get("message") or {}
        usage = data.get("usage") or {}
        return ChatResult(
            text=message.get("content") or "",
            model=data.get("model", request.model),
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            finish_reason=choice.get("finish_reason"),
            tool_calls=list(message.get("tool_calls") or []),
        )

    async def stream(self, request: ChatRequest) -> AsyncIterator[TextChunk | ChatResult]:
        """Text chunks as they come, then the final result; usage asked for explicitly."""
        body = _body(request, stream=True)
        parts: list[str] = []
        usage: dict[str, Any] = {}
        model, finish = request.model, None
        try:
            async with self._client.stream(
                "POST",
                "/v1/chat/completions",
                json=body,
                timeout=request.timeout_seconds,
                headers=_headers(request),
            ) as response:
                if response.status_code != 200:
                    await response.aread()
                    raise _status_error(response)
                async for line in response.aiter_lines():
                    if not line.startswith("data: ") or line == "data: [DONE]":
                        continue
                    chunk = json.loads(line[6:])
                    model = chunk.get("model", model)
                    usage = chunk.get("usage") or usage
                    for choice in chunk.get("choices", []):
                        finish = choice.get("finish_reason") or finish
                        text = (choice.get("delta") or {}).get("content")
                        if text:
                            parts.append(text)
                            yield TextChunk(text)
        except httpx.TimeoutException as exc:
            raise EngineError("vLLM timed out", code="timeout", transient=True) from exc
        except httpx.TransportError as exc:
            raise EngineError("vLLM unreachable", code="unreachable", transient=True) from exc
        yield ChatResult(
            text="".join(parts),
            model=model,
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            finish_reason=finish,
        )

    async def healthy(self) -> bool:
        """The server's /health (200 while the engine is alive)."""
        try:
            response = await self._client.get("/health", timeout=2)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def queue(self) -> tuple[float, float]:
        """(waiting, running) requests, from the server's Prometheus /metrics."""
        response = await self._client.get("/metrics", timeout=2)
        response.raise_for_status()
        return _gauge(response.text, _WAITING), _gauge(response.text, _RUNNING)

    async def _post(
        self, body: dict[str, Any], seconds: float, headers: dict[str, str]
    ) -> httpx.Response:
        try:
            response = await self._client.post(
                "/v1/chat/completions", json=body, timeout=seconds, headers=headers
            )
        except httpx.TimeoutException as exc:
            raise EngineError("vLLM timed out", code="timeout", transient=True) from exc
        except httpx.TransportError as exc:
            raise EngineError("vLLM unreachable", code="unreachable", transient=True) from exc
        if response.status_code != 200:
            raise _status_error(response)
        return response


def _headers(request: ChatRequest) -> dict[str, str]:
    # Our ledger's call id; vLLM echoes it back (--enable-request-id-headers), and a proxy or
    # mock between can match its own records to the ledger's by it.
    return {"X-Request-Id": request.call_id} if request.call_id else {}


def _body(request: ChatRequest, *, stream: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": request.model,
        "messages": request.messages,
        "max_tokens": request.max_tokens,
        "temperature": request.temperature,
        "cache_salt": request.tenant_id,
        "stream": stream,
    }
    if stream:
        body["stream_options"] = {"include_usage": True}
    if request.tools:
        body["tools"] = request.tools
        body["tool_choice"] = request.tool_choice or "auto"
    return body


def _status_error(response: httpx.Response) -> EngineError:
    status = response.status_code
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    transient = status == 429 or status >= 500
    return EngineError(
        f"vLLM answered {status}",
        code=f"http_{status}",
        transient=transient,
        status=status,
        retry_after=retry_after,
    )


def _gauge(metrics_text: str, name: str) -> float:
    total = 0.0
    for line in metrics_text.splitlines():
        if line.startswith(name) and (line[len(name)] in " {"):
            total += float(line.rsplit(" ", 1)[1])
    return total
