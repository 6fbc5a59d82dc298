"""The input tokens of one question's engine requests, counted once per distinct request:
retries and fall-overs send the very same messages, and the budget hold and the call's
announcement both need the count before the call is made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.inference.engines.base import ChatRequest, Message
from services.inference.tokens import TokenCounter


class RequestTokens:
    """Exact input tokens of requests, remembered for the last messages and tools seen."""

    def __init__(self, counter: TokenCounter) -> None:
        self._counter = counter
        self._last: tuple[object, object, int] | None = None

    def seed(
        self, messages: list[Message], tools: Sequence[dict[str, Any]] | None, tokens: int
    ) -> None:
        """Take a count already made of these very messages and tools (the prompt's own)."""
        self._last = (messages, tools or None, tokens)

    def __call__(self, request: ChatRequest) -> int:
        """The request's input tokens as the model's tokenizer counts them."""
        tools = request.tools or None
        last = self._last
        if last is not None and last[0] is request.messages and last[1] is tools:
            return last[2]
        tokens = self._counter.count_messages(request.messages, request.tools or ())
        self._last = (request.messages, tools, tokens)
        return tokens
