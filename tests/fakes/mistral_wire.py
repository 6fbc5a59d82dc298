"""Mistral's chat-completions wire format, as the fake server checks and writes it.

The request schema follows Mistral's published API (the fields of the SDK's
`ChatCompletionRequest`), strict where a client bug would hide: unknown fields are refused as
the real API refuses them since it turned strict ("Extra inputs are not permitted"),
`max_tokens` must be a real integer, roles and tool shapes are checked. Errors are written in
the bodies the real API sends (422 `{"object": "error", "message": {"detail": [...]}, ...}`,
401 `{"message": "Unauthorized", "request_id": ...}`, 400 `invalid_model`).
"""

from __future__ import annotations

import json
import secrets
import string
import time
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from pydantic import ValidationError as PydanticValidationError

Content = StrictStr | list[dict[str, Any]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FunctionCallIn(_Strict):
    name: StrictStr
    arguments: StrictStr | dict[str, Any]


class ToolCallIn(_Strict):
    id: StrictStr = "null"
    type: Literal["function"] = "function"
    function: FunctionCallIn
    index: StrictInt = 0


class SystemMessage(_Strict):
    role: Literal["system"]
    content: Content


class UserMessage(_Strict):
    role: Literal["user"]
    content: Content | None


class AssistantMessage(_Strict):
    role: Literal["assistant"]
    content: Content | None = None
    tool_calls: list[ToolCallIn] | None = None
    prefix: StrictBool = False


class ToolMessage(_Strict):
    role: Literal["tool"]
    content: Content | None
    tool_call_id: StrictStr | None = None
    name: StrictStr | None = None


AnyMessage = Annotated[
    SystemMessage | UserMessage | AssistantMessage | ToolMessage, Field(discriminator="role")
]


class FunctionIn(_Strict):
    name: Annotated[StrictStr, Field(pattern=r"^[a-zA-Z0-9_-]{1,64}$")]
    description: StrictStr = ""
    parameters: dict[str, Any]
    strict: StrictBool = False


class ToolIn(_Strict):
    type: Literal["function"] = "function"
    function: FunctionIn


class NamedFunction(_Strict):
    name: StrictStr


class ToolChoiceIn(_Strict):
    type: Literal["function"] = "function"
    function: NamedFunction


class ChatCompletionIn(_Strict):
    """POST /v1/chat/completions as Mistral accepts it."""

    model: StrictStr
    messages: Annotated[list[AnyMessage], Field(min_length=1)]
    temperature: Annotated[float, Field(ge=0.0, le=1.5)] | None = None
    top_p: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    max_tokens: Annotated[StrictInt, Field(ge=0)] | None = None
    stream: StrictBool = False
    stop: StrictStr | list[StrictStr] | None = None
    random_seed: Annotated[StrictInt, Field(ge=0)] | None = None
    metadata: dict[str, Any] | None = None
    response_format: dict[str, Any] | None = None
    tools: list[ToolIn] | None = None
    tool_choice: Literal["auto", "none", "any", "required"] | ToolChoiceIn = "auto"
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    n: Annotated[StrictInt, Field(ge=1)] | None = None
    prediction: dict[str, Any] | None = None
    parallel_tool_calls: StrictBool = True
    reasoning_effort: StrictStr | None = None
    prompt_mode: StrictStr | None = None
    safe_prompt: StrictBool = False
    # The SDK's model lists these too; the fake accepts them without giving them meaning.
    min_tokens: StrictInt | None = None
    repetition_penalty: float | None = None
    top_k: StrictInt | None = None
    logprobs: StrictBool | None = None
    top_logprobs: StrictInt | None = None
    prompt_logprobs: StrictBool | None = None
    top_prompt_logprobs: StrictInt | None = None
    guardrails: Any = None
    prompt_cache_key: StrictStr | None = None
    service_tier: StrictStr | None = None


class VllmChatCompletionIn(ChatCompletionIn):
    """The same request with vLLM's documented extensions (what `VllmEngine` sends)."""

    cache_salt: StrictStr | None = None
    stream_options: dict[str, Any] | None = None


def validation_errors(body: Any, *, vllm: bool) -> list[dict[str, Any]]:
    """The request's schema errors in pydantic's shape, located under "body" as FastAPI does."""
    schema = VllmChatCompletionIn if vllm else ChatCompletionIn
    try:
        schema.model_validate(body)
    except PydanticValidationError as exc:
        return [
            {"type": e["type"], "loc": ["body", *e["loc"]], "msg": e["msg"], "input": e["input"]}
            for e in exc.errors(include_url=False, include_context=False)
        ]
    return []


def message_order_error(messages: list[dict[str, Any]]) -> str | None:
    """Mistral serves only a chat that ends with the user, a tool, or an assistant prefix."""
    last = messages[-1]
    if last["role"] in ("user", "tool") or (last["role"] == "assistant" and last.get("prefix")):
        return None
    return (
        "Expected last role User or Tool (or Assistant with prefix True) for serving"
        f" but got {last['role']}"
    )


def error_body(message: Any, kind: str, code: str | None = None) -> dict[str, Any]:
    """The body of most of Mistral's error answers."""
    return {"object": "error", "message": message, "type": kind, "param": None, "code": code}


def unauthorized_body() -> dict[str, Any]:
    """Mistral's 401 body (a different shape from the other errors)."""
    return {"message": "Unauthorized", "request_id": uuid.uuid4().hex}


def tool_call_id() -> str:
    """Mistral's tool-call ids are nine letters and digits."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(9))


def tool_call(name: str, arguments: dict[str, Any], index: int) -> dict[str, Any]:
    """One tool call as Mistral writes it: the arguments are a JSON string."""
    return {
        "id": tool_call_id(),
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
        "index": index,
    }


def usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
    """The usage object of a response or of the last streamed chunk."""
    return {
        "prompt_tokens": prompt_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "completion_tokens": completion_tokens,
    }


def completion(
    model: str,
    content: str,
    tool_calls: list[dict[str, Any]] | None,
    finish_reason: str,
    used: dict[str, int],
) -> dict[str, Any]:
    """A whole (non-streamed) chat completion."""
    return {
        "id": uuid.uuid4().hex,
        "object": "chat.completion",
        "model": model,
        "usage": used,
        "created": int(time.time()),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "tool_calls": tool_calls, "content": content},
                "finish_reason": finish_reason,
            }
        ],
    }


def chunk(
    completion_id: str,
    model: str,
    delta: dict[str, Any],
    finish_reason: str | None = None,
    used: dict[str, int] | None = None,
) -> str:
    """One server-sent event of a streamed completion (`data: {...}` and a blank line)."""
    body: dict[str, Any] = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
    if used is not None:
        body["usage"] = used
    return f"data: {json.dumps(body)}\n\n"


DONE = "data: [DONE]\n\n"
