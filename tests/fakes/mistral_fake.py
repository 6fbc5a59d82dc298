"""A fake of Mistral's managed chat-completions API, served over real HTTP on a free port.

Mistral's cloud is the one service tests cannot reach, so this fake speaks its wire format
(see `mistral_wire`): the real `mistralai` SDK talks to it through `server_url=fake.url`.
Replies are scripted per test (`fake.script(Reply(...), Reply.error(503))`); without a script
the fake answers `default` (e.g. `Reply(delay=6)`, a slow server; `Reply.error(503)`), by
default `default_text(messages)`, which repeats figures from the user's message.
Usage is counted with the project's Mistral tokenizer, so token counts are the real ones.

With `speaks_vllm=True` it also accepts vLLM's request extensions (`cache_salt`,
`stream_options`) and serves `/health` and `/metrics` like a vLLM server, whose queue gauges
a test sets (`fake.waiting = 12`): a stand-in for chain tests that need a queue on demand.

    with MistralFake(api_key="k") as fake:
        client = Mistral(api_key="k", server_url=fake.url)
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import uuid
from collections import deque
from collections.abc import AsyncIterator, Collection, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from mistral_common.exceptions import MistralCommonException
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from services.inference.tokens import DEFAULT_TOKENIZER, TokenCounter, token_counter
from services.inference.tokens import tokenizer_for_model as _tokenizer_for_model
from tests.fakes import mistral_wire as wire
from tests.fakes.threaded_server import ThreadedServer

CHAT_PATH = "/v1/chat/completions"
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:[.,]\d+)*%?")
_WORD = re.compile(r"\s*\S+")


@dataclass(frozen=True)
class ToolCallReply:
    """A tool call the scripted model makes (only to a tool the request offers)."""

    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """The fake's answer to one chat request: text, tool calls, or an HTTP error."""

    text: str | None = None
    """None: `default_text` of the request's messages."""
    tool_calls: tuple[ToolCallReply, ...] = ()
    status: int = 200
    message: str = ""
    retry_after: float | None = None
    chunk_pause: float = 0.0
    """Seconds between streamed chunks (a slow stream)."""
    delay: float = 0.0
    """Seconds before the answer (or the error) starts: a slow server."""

    @classmethod
    def error(cls, status: int, message: str = "", retry_after: float | None = None) -> Reply:
        """An error answer in Mistral's error body, with `Retry-After` when given."""
        return cls(status=status, message=message, retry_after=retry_after)

    @classmethod
    def calling(cls, name: str, **arguments: Any) -> Reply:
        """One call of the tool `name` with these arguments."""
        return cls(text="", tool_calls=(ToolCallReply(name, arguments),))


@dataclass
class MistralFake:
    """Mistral's POST /v1/chat/completions (and /v1/models), scripted per test."""

    api_key: str | None = "test-mistral-key"
    """The bearer key it wants; None: no key checked (a vLLM server started without one)."""
    models: Collection[str] | None = None
    """Model names it serves (others get 400 invalid_model); None serves any name."""
    speaks_vllm: bool = False
    default: Reply = field(default_factory=Reply)
    """The answer when the script is empty."""
    waiting: float = 0.0
    running: float = 0.0
    healthy: bool = True
    requests: list[Any] = field(default_factory=list)
    """Bodies of the chat requests received (authorised ones), in order."""
    _script: deque[Reply] = field(default_factory=deque, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _server: ThreadedServer | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        """The base URL (what the SDK takes as `server_url`, and vLLM clients as base_url)."""
        if self._server is None:
            raise RuntimeError("the fake is not started")
        return self._server.url

    def script(self, *replies: Reply) -> None:
        """Queue replies: each chat request takes the next one, then `default` answers."""
        with self._lock:
            self._script.extend(replies)

    def pending(self) -> int:
        """Scripted replies not used yet."""
        with self._lock:
            return len(self._script)

    def reset(self) -> None:
        """Forget the script, the requests seen and any state a test set."""
        with self._lock:
            self._script.clear()
        self.requests.clear()
        self.default = Reply()
        self.waiting = self.running = 0.0
        self.healthy = True

    def start(self) -> MistralFake:
        """Load the tokenizers, then serve on a free port."""
        for model in self.models or ():
            token_counter(_tokenizer_for_model(model))
        token_counter(DEFAULT_TOKENIZER)  # the first request must not pay a second's load
        self._server = ThreadedServer(self.app())
        self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.stop()

    def __enter__(self) -> MistralFake:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def app(self) -> Starlette:
        """The ASGI app (unknown paths get FastAPI's `{"detail": "Not Found"}` like Mistral)."""
        routes = [
            Route(CHAT_PATH, self._chat, methods=["POST"]),
            Route("/v1/models", self._models, methods=["GET"]),
        ]
        if self.speaks_vllm:
            routes += [
                Route("/health", self._health, methods=["GET"]),
                Route("/metrics", self._metrics, methods=["GET"]),
            ]
        return Starlette(routes=routes, exception_handlers={HTTPException: _http_error})

    def _authorised(self, request: Request) -> bool:
        wanted = None if self.api_key is None else f"Bearer {self.api_key}"
        return wanted is None or request.headers.get("authorization") == wanted

    def _next_reply(self) -> Reply:
        with self._lock:
            return self._script.popleft() if self._script else self.default

    async def _chat(self, request: Request) -> Response:
        if not self._authorised(request):
            return JSONResponse(wire.unauthorized_body(), status_code=401)
        try:
            body = json.loads(await request.body())
        except ValueError:
            error = {"type": "json_invalid", "loc": ["body"], "msg": "JSON decode error"}
            return _invalid([error])
        self.requests.append(body)
        errors = wire.validation_errors(body, vllm=self.speaks_vllm)
        if errors:
            return _invalid(errors)
        if self.models is not None and body["model"] not in self.models:
            message = f"Invalid model: {body['model']}"
            return JSONResponse(wire.error_body(message, "invalid_model", "1500"), 400)
        order_error = wire.message_order_error(body["messages"])
        if order_error is not None:
            kind = "invalid_request_message_order"
            return JSONResponse(wire.error_body(order_error, kind), status_code=400)
        return await self._answer(body, self._next_reply())

    async def _answer(self, body: dict[str, Any], reply: Reply) -> Response:
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.status != 200:
            return _error(reply)
        offered = {tool["function"]["name"] for tool in body.get("tools") or []}
        if body.get("tool_choice") == "none":
            offered = set()
        unknown = [call.name for call in reply.tool_calls if call.name not in offered]
        if unknown:
            # A script bug, not a client bug: answer so that the test fails loudly.
            message = f"fake script: tool {unknown[0]!r} is not offered by the request"
            return JSONResponse(wire.error_body(message, "fake_script_error"), 400)
        model: str = body["model"]
        counter = token_counter(_tokenizer_for_model(model))
        text = default_text(body["messages"]) if reply.text is None else reply.text
        text, cut = _fit(counter, text, body.get("max_tokens"))
        calls = [wire.tool_call(c.name, c.arguments, i) for i, c in enumerate(reply.tool_calls)]
        finish = "tool_calls" if calls else "length" if cut else "stop"
        used = wire.usage(
            _prompt_tokens(counter, body["messages"], body.get("tools") or []),
            counter.count_text(text) + sum(_call_tokens(counter, call) for call in calls),
        )
        if body.get("stream"):
            # vLLM streams usage only when asked (`stream_options.include_usage`); Mistral always.
            asked = (body.get("stream_options") or {}).get("include_usage", False)
            streamed_usage = used if asked or not self.speaks_vllm else None
            events = _events(model, text, calls, finish, streamed_usage, reply.chunk_pause)
            return StreamingResponse(events, media_type="text/event-stream")
        return JSONResponse(wire.completion(model, text, calls or None, finish, used))

    async def _models(self, request: Request) -> Response:
        if not self._authorised(request):
            return JSONResponse(wire.unauthorized_body(), status_code=401)
        names = sorted(self.models or ())
        data = [{"id": name, "object": "model", "owned_by": "mistralai"} for name in names]
        return JSONResponse({"object": "list", "data": data})

    async def _health(self, request: Request) -> Response:
        return Response(status_code=200 if self.healthy else 503)

    async def _metrics(self, request: Request) -> Response:
        label = f'{{engine="0",model_name="{next(iter(self.models or ["fake"]))}"}}'
        lines = [
            "# HELP vllm:num_requests_running Number of requests in model execution batches.",
            "# TYPE vllm:num_requests_running gauge",
            f"vllm:num_requests_running{label} {self.running:.1f}",
            "# HELP vllm:num_requests_waiting Number of requests waiting to be processed.",
            "# TYPE vllm:num_requests_waiting gauge",
            f"vllm:num_requests_waiting{label} {self.waiting:.1f}",
        ]
        return PlainTextResponse("\n".join(lines) + "\n")


def default_text(messages: Sequence[dict[str, Any]]) -> str:
    """The unscripted answer: up to three figures quoted from the last user message."""
    numbers: list[str] = []
    for message in reversed(messages):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            numbers = list(dict.fromkeys(_NUMBER.findall(content)))[:3]
            break
    if not numbers:
        return "The data holds no figure worth reporting."
    return "The figures that stand out are " + "; ".join(numbers) + " in this period."


async def _events(
    model: str,
    text: str,
    calls: list[dict[str, Any]],
    finish: str,
    used: dict[str, int] | None,
    pause: float,
) -> AsyncIterator[str]:
    # Mistral's order: a role chunk, one chunk per piece of text, then a last chunk with
    # the tool calls (whole, not in fragments), the finish reason and the usage; then [DONE].
    completion_id = uuid.uuid4().hex
    yield wire.chunk(completion_id, model, {"role": "assistant", "content": ""})
    for piece in _WORD.findall(text):
        if pause:
            await asyncio.sleep(pause)
        yield wire.chunk(completion_id, model, {"content": piece})
    last: dict[str, Any] = {"content": ""}
    if calls:
        last["tool_calls"] = calls
    yield wire.chunk(completion_id, model, last, finish, used)
    yield wire.DONE


def _fit(counter: TokenCounter, text: str, max_tokens: int | None) -> tuple[str, bool]:
    """The text cut (at a word) to `max_tokens`, and whether it was cut."""
    if max_tokens is None or counter.count_text(text) <= max_tokens:
        return text, False
    words = _WORD.findall(text)
    while words and counter.count_text("".join(words)) > max_tokens:
        words.pop()
    return "".join(words), True


def _prompt_tokens(
    counter: TokenCounter, messages: list[dict[str, Any]], tools: list[dict[str, Any]]
) -> int:
    try:
        return counter.count_messages(messages, tools)
    except (MistralCommonException, ValueError):
        # mistral-common is stricter than the API about some chats (tool-call ids, order):
        # count the text then, still with the real tokenizer.
        texts = [m["content"] for m in messages if isinstance(m.get("content"), str)]
        return counter.count_text("\n".join(texts))


def _call_tokens(counter: TokenCounter, call: dict[str, Any]) -> int:
    function = call["function"]
    return counter.count_text(function["name"] + function["arguments"])


def _invalid(errors: list[dict[str, Any]]) -> JSONResponse:
    body = wire.error_body({"detail": errors}, "invalid_request_error")
    return JSONResponse(body, status_code=422)


def _error(reply: Reply) -> JSONResponse:
    kinds = {429: "rate_limited", 401: "unauthorized", 400: "invalid_request_error"}
    kind = kinds.get(reply.status, "internal_server_error" if reply.status >= 500 else "error")
    headers = {} if reply.retry_after is None else {"retry-after": f"{reply.retry_after:g}"}
    body = wire.error_body(reply.message or kind.replace("_", " "), kind)
    return JSONResponse(body, status_code=reply.status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
