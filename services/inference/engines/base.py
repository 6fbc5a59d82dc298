"""The engine interface: a chat request in, text and usage out; errors say if a retry may help."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

Message = dict[str, Any]
"""One chat message in the OpenAI/Mistral wire shape: {"role", "content", ...}."""


@dataclass(frozen=True)
class ChatRequest:
    """What a model engine is asked to do."""

    model: str
    messages: list[Message]
    max_tokens: int
    tenant_id: str
    temperature: float = 0.2
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | None = None
    timeout_seconds: float = 60.0
    call_id: str | None = None
    """The call's ledger id, sent to vLLM as `X-Request-Id`: what the server side saw can be
    matched to ledger rows."""


@dataclass(frozen=True)
class ChatResult:
    """What a model engine answered; token counts from the engine's own usage."""

    text: str
    model: str
    input_tokens: int
    output_tokens: int
    finish_reason: str | None = None
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    running_beside: int = 1


@dataclass(frozen=True)
class TextChunk:
    """A piece of streamed text, as an engine yields it (the answer's numbered pieces on NATS are
    `libs.common.query.TextDelta`)."""

    text: str


class EngineError(Exception):
    """An engine call failed; `transient` errors (429, 5xx, timeouts) may be retried."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        transient: bool,
        status: int | None = None,
        retry_after: float | None = None,
        input_tokens: int = 0,
        output_tokens: int = 0,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.transient = transient
        self.status = status
        self.retry_after = retry_after
        self.input_tokens = input_tokens
        self.output_tokens = output_tokens


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a `Retry-After` header (delta-seconds form); None when absent or unreadable."""
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None


class ModelEngine(Protocol):
    """A chat-completions engine (self-hosted vLLM or a managed API)."""

    @property
    def name(self) -> str:
        """The engine's name in chains, settings and the ledger."""
        ...

    async def chat(self, request: ChatRequest) -> ChatResult:
        """One completion."""
        ...

    def stream(self, request: ChatRequest) -> AsyncIterator[TextChunk | ChatResult]:
        """Text chunks as they come, then the final result with usage."""
        ...
