"""Mistral's managed API through the `mistralai` SDK (async). The SDK's own retries stay off:
the failover chain has the one retry loop, the breaker and the time limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx2
from mistralai.client import Mistral
from mistralai.client.errors import MistralError, NoResponseError
from pydantic import ValidationError

from libs.common.vocab import Engine
from services.inference.engines.base import (
    ChatRequest,
    ChatResult,
    EngineError,
    TextChunk,
    parse_retry_after,
)


class MistralEngine:
    """Mistral chat completions (or any server speaking the same wire format)."""

    name = Engine.MISTRAL

    def __init__(self, client: Mistral) -> None:
        self._client = client

    async def chat(self, request: ChatRequest) -> ChatResult:
        """One completion; usage from the response."""
        try:
            response = await self._client.chat.complete_async(**_arguments(request))
        except (MistralError, NoResponseError, httpx2.TransportError, ValidationError) as exc:
            raise _engine_error(exc) from exc
        choice = response.choices[0]
        usage = response.usage
        message = choice.message
        calls = (message.tool_calls or []) if message is not None else []
        tool_calls = [call.model_dump() for call in calls]
        return ChatResult(
            text=_text(message.content if message is not None else None),
            model=response.model or request.model,
            input_tokens=usage.prompt_tokens or 0,
            output_tokens=usage.completion_tokens or 0,
            finish_reason=str(choice.finish_reason) if choice.finish_reason else None,
            tool_calls=tool_calls,
        )

    async def stream(self, request: ChatRequest) -> AsyncIterator[TextChunk | ChatResult]:
        """Text chunks as they come, then the final result with the usage of the last chunk."""
        parts: list[str] = []
        model, finish, inp, out = request.model, None, 0, 0
        try:
            events = await self._client.chat.stream_async(**_arguments(request))
            async for event in events:
                chunk = event.data
                model = chunk.model or model
                if chunk.usage is not None:
                    inp = chunk.usage.prompt_tokens or inp
                    out = chunk.usage.completion_tokens or out
                for choice in chunk.choices:
                    finish = str(choice.finish_reason) if choice.finish_reason else finish
                    text = _text(choice.delta.content)
                    if text:
                        parts.append(text)
                        yield TextChunk(text)
        except (MistralError, NoResponseError, httpx2.TransportError, ValidationError) as exc:
            raise _engine_error(exc) from exc
        yield ChatResult("".join(parts), model, inp, out, finish)


def _arguments(request: ChatRequest) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "model": request.model,
        "messages": request.messages,
        "max_tokens": request.max_tokens,
        "temperature": request.temperature,
        "timeout_ms": int(request.timeout_seconds * 1000),
    }
    if request.tools:
        arguments["tools"] = request.tools
        arguments["tool_choice"] = request.tool_choice or "auto"
    return arguments


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    # Structured content: a list of chunks, of which the text chunks carry the answer.
    return "".join(getattr(chunk, "text", "") or "" for chunk in content)


def _engine_error(exc: Exception) -> EngineError:
    if isinstance(exc, MistralError):
        status = exc.status_code
        return EngineError(
            f"Mistral answered {status}",
            code=f"http_{status}",
            transient=status == 429 or status >= 500,
            status=status,
            retry_after=parse_retry_after(exc.headers.get("retry-after")),
        )
    if isinstance(exc, ValidationError):
        # The SDK refused our request before sending it: a bug on our side, not the engine's.
        return EngineError(
            "request refused by the Mistral SDK", code="invalid_request", transient=False
        )
    if isinstance(exc, httpx2.TimeoutException):
        return EngineError("Mistral timed out", code="timeout", transient=True)
    return EngineError("Mistral unreachable", code="unreachable", transient=True)
