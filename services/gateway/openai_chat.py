"""An OpenAI-compatible chat door: `POST /v1/chat/completions` and `GET /v1/models`.

A thin adapter over the same path as `POST /v1/queries` — the same auth, limits, budgets,
storage and audit. The last user message is the question; the earlier ones find the
conversation (a client that resends the whole chat is followed by its questions), unless the
`conversation_id` extension names it. The answer is the assistant message; `usage` is the model
tokens spent (0 for a direct answer); the rest of the answer rides in the `aya` extension field,
which OpenAI clients keep but ignore. Errors come in OpenAI's shape (see `errors.py`).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from libs.common.answer import Answer, AnswerStatus
from libs.common.ids import new_query_id, query_id_for_key
from libs.common.query import MAX_QUERY_CHARS, TextDelta
from services.gateway import asking
from services.gateway.answers import result_from_answer
from services.gateway.deps import Asker, Caller, StateDep
from services.gateway.errors import ApiError
from services.gateway.repo import conversations
from services.gateway.repo.principals import Principal
from services.gateway.schemas import UUID_PATTERN, Threaded, error_responses
from services.gateway.state import GatewayState
from services.gateway.streaming import AnswerStream, sse_response

router = APIRouter(prefix="/v1", tags=["openai"])
MODEL_ID = "ask-your-ads"
CREATED = 1_795_996_800  # 2026-11-30, the day this API first served the model id
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=200)
]


class OpenAIErrorDetail(BaseModel):
    """An error as OpenAI's API words it."""

    message: str = Field(description="What went wrong, for a person.")
    type: str = Field(
        description="invalid_request_error, authentication_error, permission_error, "
        "rate_limit_error, insufficient_quota or server_error.",
    )
    param: None = None
    code: str = Field(description="This API's stable code (model_not_found, rate_limited…).")


class OpenAIErrorBody(BaseModel):
    """Every error of the OpenAI-compatible paths: `{"error": {message, type, param, code}}`."""

    error: OpenAIErrorDetail


def openai_errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries: REST's statuses, in OpenAI's error shape."""
    return {
        status: {"model": OpenAIErrorBody, "description": entry["description"]}
        for status, entry in error_responses(*statuses).items()
    }


class TextPart(BaseModel):
    """One part of a message's content; only text is read."""

    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    """A chat message as OpenAI clients send it."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[TextPart] | None = None


class ChatRequest(BaseModel):
    """The chat request; OpenAI's other parameters (temperature, max_tokens…) are accepted and
    have no effect: the answer's length and model are this service's to choose."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(description=f"`{MODEL_ID}`.", examples=[MODEL_ID])
    messages: list[ChatMessage] = Field(min_length=1, max_length=400)
    stream: bool = False
    conversation_id: str | None = Field(
        default=None,
        pattern=UUID_PATTERN,
        description="Extension: the conversation to ask in (else found from the earlier "
        "user messages, else a new one).",
    )


@router.get("/models", responses=openai_errors(401, 403, 429))
async def list_models(caller: Caller) -> dict[str, Any]:
    """The one model this API serves."""
    return {"object": "list", "data": [_model()]}


@router.get("/models/{model_id}", responses=openai_errors(401, 403, 404, 422, 429))
async def get_model(model_id: str, caller: Caller) -> dict[str, Any]:
    """The model, or 404 for any other id."""
    if model_id != MODEL_ID:
        raise ApiError(404, _no_model(model_id), code="model_not_found")
    return _model()


def _model() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "ask-your-ads"}


def _no_model(model_id: str) -> str:
    return f"The model '{model_id[:100]}' does not exist; this API serves '{MODEL_ID}'."


@router.post(
    "/chat/completions",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "A chat.completion, or chat.completion.chunk events when stream.",
        },
        **openai_errors(400, 401, 402, 403, 404, 409, 413, 422, 429, 503, 504),
    },
)
async def chat_completions(
    state: StateDep, body: ChatRequest, caller: Asker, idempotency_key: IdempotencyKey = None
) -> Response:
    """Ask the last user message; earlier user messages find its conversation."""
    if body.model != MODEL_ID:
        raise ApiError(404, _no_model(body.model), code="model_not_found")
    question, earlier = _questions(body.messages)
    conversation = body.conversation_id
    if conversation is None and earlier:
        conversation = await conversations.find_by_questions(state.pool, caller.tenant_id, earlier)
    query_id = (
        query_id_for_key(caller.tenant_id, idempotency_key) if idempotency_key else new_query_id()
    )
    stored = await asking.store(
        state, caller, query_id, question, conversation_id=conversation, stream=body.stream
    )
    thread = stored.thread(state.settings.conversation_max_turns)
    if body.stream:
        return await _stream(state, caller, query_id, stored, thread)
    if stored.answer is not None:
        asking.raise_if_refused(stored.answer)
        return JSONResponse(completion(stored.answer, thread))
    answered = await asking.answer_sync(state, caller, query_id, stored, mode="openai")
    return JSONResponse(completion(answered.answer, thread))


def _questions(messages: list[ChatMessage]) -> tuple[str, list[str]]:
    """The question (the last message, a user's) and the user messages before it."""
    users = [_text(m) for m in messages if m.role == "user"]
    if messages[-1].role != "user":
        raise ApiError(422, "messages: the last message must be the user's question.")
    question = users[-1]
    if not question.strip():
        raise ApiError(422, "messages: the last user message has no text.")
    if len(question) > MAX_QUERY_CHARS:
        raise ApiError(
            422, f"messages: the question is {len(question)} characters; at most {MAX_QUERY_CHARS}."
        )
    if "\x00" in question:
        raise ApiError(422, "messages: the question must not contain NUL characters.")
    return question, users[:-1]


def _text(message: ChatMessage) -> str:
    if message.content is None:
        return ""
    if isinstance(message.content, str):
        return message.content
    if any(part.type != "text" for part in message.content):
        raise ApiError(422, "messages: only text content is read (no images or files).")
    return "".join(part.text or "" for part in message.content)


def completion(answer: Answer, thread: Threaded) -> dict[str, Any]:
    """A `chat.completion` for an answer (a failed one says why, as the assistant)."""
    return {
        "id": f"chatcmpl-{answer.query_id}",
        "object": "chat.completion",
        "created": int(answer.answered_at.timestamp()),
        "model": MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": _said(answer)},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": _usage(answer),
        "aya": _extension(answer, thread),
    }


def _said(answer: Answer) -> str:
    if answer.status is AnswerStatus.FAILED and answer.error is not None:
        return answer.error.message
    return answer.answer or ""


def _usage(answer: Answer) -> dict[str, int]:
    used = answer.usage
    prompt, completion_tokens = (used.input_tokens, used.output_tokens) if used else (0, 0)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt + completion_tokens,
    }


def _extension(answer: Answer, thread: Threaded) -> dict[str, Any]:
    """The REST result (data, plan, engine, degraded…) under `aya`."""
    result = result_from_answer(answer, thread=thread).model_dump(
        mode="json", exclude={"answer", "query", "created_at"}
    )
    return {"query_id": result.pop("id"), **result}


async def _stream(
    state: GatewayState, caller: Principal, query_id: str, stored: asking.Stored, thread: Threaded
) -> Response:
    if stored.answer is not None:
        asking.raise_if_refused(stored.answer)
        return sse_response(_replayed(stored.answer, thread))
    nc = state.broker.config.connection_state.connection
    stream = await AnswerStream.open(nc, caller.tenant_id, query_id)
    try:
        await asking.release_stored(state, caller.tenant_id, stored)
    except BaseException:
        await stream.close()
        raise
    state.metrics.queries.labels(caller.tenant_id, "unknown", "openai", "streamed").inc()
    items = stream.items(
        state.settings.sync_timeout_seconds, lambda answer: asking.record(state, answer)
    )
    return sse_response(_chunks(query_id, items, thread))


async def _replayed(answer: Answer, thread: Threaded) -> AsyncIterator[str]:
    async def once() -> AsyncIterator[TextDelta | Answer | None]:
        yield answer

    async for chunk in _chunks(answer.query_id, once(), thread):
        yield chunk


async def _chunks(
    query_id: str, items: AsyncIterator[TextDelta | Answer | None], thread: Threaded
) -> AsyncIterator[str]:
    """`chat.completion.chunk` events: the role, the text as it comes, then a last chunk with
    `finish_reason`, `usage` and `aya`; an error as OpenAI streams one; then `[DONE]`."""
    chunk_id, created = f"chatcmpl-{query_id}", int(time.time())
    sent = ""
    yield _event(_chunk(chunk_id, created, {"role": "assistant", "content": ""}))
    async for item in items:
        if item is None:
            message = f"The answer is taking longer than expected; poll /v1/queries/{query_id}."
            yield _event(_stream_error("timeout", message, 504))
            break
        if isinstance(item, TextDelta):
            sent += item.text
            yield _event(_chunk(chunk_id, created, {"content": item.text}))
            continue
        error = item.error if item.status is AnswerStatus.FAILED else None
        if error is not None and error.code in asking.REFUSALS and not sent:
            yield _event(_stream_error(error.code, error.message, asking.REFUSALS[error.code]))
            break
        text = _said(item)
        # A model's text arrives piece by piece; a direct answer (or a stand-in after an
        # interrupted stream) arrives whole, after whatever was sent.
        rest = text[len(sent) :] if text.startswith(sent) else f"\n\n{text}"
        if rest:
            yield _event(_chunk(chunk_id, created, {"content": rest}))
        last = _chunk(chunk_id, created, {}, finish="stop")
        last["usage"] = _usage(item)
        last["aya"] = _extension(item, thread)
        yield _event(last)
    yield "data: [DONE]\n\n"


def _chunk(
    chunk_id: str, created: int, delta: dict[str, Any], finish: str | None = None
) -> dict[str, Any]:
    return {
        "id": chunk_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }


def _stream_error(code: str, message: str, status: int) -> dict[str, Any]:
    kind = "insufficient_quota" if status == 402 else "server_error"
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def _event(data: dict[str, Any]) -> str:
    return f"data: {json.dumps(data, separators=(',', ':'))}\n\n"
