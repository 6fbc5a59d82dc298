"""The model's `get_metrics` tool calls: read them from a result, answer them, and put the
answers back into the conversation — bounded in size so the context is never overrun."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from services.inference.engines.base import ChatResult, Message
from services.inference.tokens import TokenCounter

Fetch = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]
"""Sends a `get_metrics` call's arguments to data_fetch for the job's tenant; returns its reply."""


@dataclass(frozen=True)
class ToolCall:
    """One call the model asked for; `arguments` is None when they were not a JSON object."""

    call_id: str
    name: str
    arguments: dict[str, Any] | None
    raw_arguments: str


def tool_calls(result: ChatResult) -> list[ToolCall]:
    """The calls in a result, in the OpenAI/Mistral shape either engine returns."""
    calls = []
    for index, raw in enumerate(result.tool_calls):
        function = raw.get("function") or {}
        arguments = function.get("arguments")
        text = arguments if isinstance(arguments, str) else json.dumps(arguments or {})
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        calls.append(
            ToolCall(
                call_id=str(raw.get("id") or f"call{index}"),
                name=str(function.get("name") or ""),
                arguments=parsed if isinstance(parsed, dict) else None,
                raw_arguments=text,
            )
        )
    return calls


async def answer_calls(
    calls: list[ToolCall], fetch: Fetch, counter: TokenCounter, max_tokens: int
) -> list[str]:
    """The tool message content of each call, each within its share of `max_tokens`."""
    share = max(max_tokens // max(len(calls), 1), 64)
    contents = []
    for call in calls:
        if call.name != "get_metrics":
            reply: dict[str, Any] = _error("unknown_tool", f"There is no tool named {call.name!r}.")
        elif call.arguments is None:
            reply = _error("invalid_arguments", "The arguments were not a JSON object.")
        else:
            reply = await fetch(call.arguments)
        contents.append(fit(reply, counter, share))
    return contents


def conversation_after(
    messages: list[Message], result: ChatResult, calls: list[ToolCall], contents: list[str]
) -> list[Message]:
    """The messages with the model's tool calls and their answers appended."""
    assistant: Message = {
        "role": "assistant",
        "content": result.text or "",
        "tool_calls": [
            {
                "id": call.call_id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.raw_arguments},
            }
            for call in calls
        ],
    }
    answers: list[Message] = [
        {"role": "tool", "tool_call_id": call.call_id, "name": call.name, "content": content}
        for call, content in zip(calls, contents, strict=True)
    ]
    return [*messages, assistant, *answers]


def fit(reply: dict[str, Any], counter: TokenCounter, max_tokens: int) -> str:
    """The reply as compact JSON, rows dropped from the end (and said so) until it fits."""
    rows = list(reply.get("rows") or [])
    keep = len(rows)
    while True:
        shaped = {**reply, "rows": rows[:keep]}
        if keep < len(rows):
            shaped["note"] = f"{len(rows) - keep} more rows omitted to fit the context"
        text = json.dumps(shaped, separators=(",", ":"))
        if keep == 0 or counter.count_text(text) <= max_tokens:
            return text
        keep //= 2


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}
