"""A load-test OpenAI-compatible upstream that plays vLLM: a fixed latency, a token rate when
streaming, usage in every answer, and vLLM's `/metrics` queue gauges — so a benchmark can tell
the pipeline's own time from the model's.

Run as its own process (the load must not share an event loop with what it measures):
    python bench/upstream.py --port 8001 --latency-ms 50 --tokens-per-second 400

Fault tests switch it at runtime with `POST /fault {"mode": "ok" | "slow" | "fail" | "hold"}`
(slow: each call takes `slow_ms` more; fail: each call is answered 503 at once, as vLLM does
when its engine is dead; hold: each call waits until the mode changes, so a test can act while
one is surely in flight); the calls it gets are counted and listed (`/requests`) in every mode.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

TEXT = "Spend held steady across the period and conversions followed the usual weekday pattern."
"""The answer: no figure in it, so the grounding check has nothing to dispute."""


class Upstream:
    """The mock's state: its settings and the gauges vLLM would export."""

    def __init__(self, latency_ms: float, tokens_per_second: float) -> None:
        self.latency = latency_ms / 1000
        self.pause = 1 / tokens_per_second if tokens_per_second > 0 else 0.0
        self.running = 0
        self.calls = 0
        self.request_ids: list[str] = []
        """Each call's X-Request-Id (the ledger's call id), in arrival order."""
        self.mode = "ok"
        self.slow = 0.0
        self.held = 0
        self.released = asyncio.Event()
        self.released.set()

    async def _held(self) -> None:
        """In hold mode, wait until the mode changes (counted in `mock_calls_held`)."""
        if self.released.is_set():
            return
        self.held += 1
        try:
            await self.released.wait()
        finally:
            self.held -= 1

    async def chat(self, request: Request) -> Response:
        body: dict[str, Any] = await request.json()
        self.calls += 1
        self.request_ids.append(request.headers.get("x-request-id", ""))
        if self.mode == "fail":
            error = {"message": "engine is dead", "type": "ServiceUnavailable", "code": 503}
            return JSONResponse({"error": error}, status_code=503)
        self.running += 1
        words = TEXT.split(" ")
        usage = {
            "prompt_tokens": max(1, len(json.dumps(body.get("messages", []))) // 4),
            "completion_tokens": len(words),
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        model = body.get("model", "mock")
        if not body.get("stream"):
            try:
                await self._held()
                await asyncio.sleep(self.latency + self.slow)
            finally:
                self.running -= 1
            return JSONResponse(_completion(model, TEXT, usage))
        return StreamingResponse(self._chunks(model, words, usage), media_type="text/event-stream")

    async def _chunks(self, model: str, words: list[str], usage: dict[str, int]) -> Any:
        ident = f"chatcmpl-{uuid.uuid4().hex}"
        try:
            await self._held()
            await asyncio.sleep(self.latency + self.slow)  # time to the first token
            for i, word in enumerate(words):
                delta = {"content": word if i == 0 else f" {word}"}
                yield _event(ident, model, delta, None)
                if self.pause:
                    await asyncio.sleep(self.pause)
            last = {**_chunk(ident, model, {}, "stop"), "usage": usage}
            yield f"data: {json.dumps(last)}\n\n"
            yield "data: [DONE]\n\n"
        finally:
            self.running -= 1

    async def fault(self, request: Request) -> Response:
        """Switch the fault mode: ok, slow (`slow_ms` more per call, default 6000), fail or hold
        (calls wait until the next switch)."""
        body: dict[str, Any] = await request.json()
        mode = body.get("mode")
        if mode not in ("ok", "slow", "fail", "hold"):
            return JSONResponse({"error": "mode must be ok, slow, fail or hold"}, status_code=422)
        self.mode = mode
        if mode == "hold":
            self.released.clear()
        else:
            self.released.set()
        self.slow = float(body.get("slow_ms", 6000)) / 1000 if mode == "slow" else 0.0
        return JSONResponse({"mode": self.mode, "slow_ms": self.slow * 1000})

    async def metrics(self, _: Request) -> Response:
        text = (
            f'vllm:num_requests_waiting{{model_name="mock"}} 0\n'
            f'vllm:num_requests_running{{model_name="mock"}} {self.running}\n'
            f"mock_calls_total {self.calls}\n"
            f"mock_calls_held {self.held}\n"
        )
        return PlainTextResponse(text)

    def app(self) -> Starlette:
        async def health(_: Request) -> Response:
            return Response(status_code=200)

        async def models(_: Request) -> Response:
            return JSONResponse({"object": "list", "data": [{"id": "mock", "object": "model"}]})

        async def requests(_: Request) -> Response:
            return JSONResponse(self.request_ids)

        return Starlette(
            routes=[
                Route("/v1/chat/completions", self.chat, methods=["POST"]),
                Route("/v1/models", models),
                Route("/health", health),
                Route("/metrics", self.metrics),
                Route("/requests", requests),  # not vLLM's: the fault test's independent count
                Route("/fault", self.fault, methods=["POST"]),  # not vLLM's: fault tests' switch
            ]
        )


def _chunk(ident: str, model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _event(ident: str, model: str, delta: dict[str, Any], finish: str | None) -> str:
    return f"data: {json.dumps(_chunk(ident, model, delta, finish))}\n\n"


def _completion(model: str, text: str, usage: dict[str, int]) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": usage,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--tokens-per-second", type=float, default=0.0)
    args = parser.parse_args()
    upstream = Upstream(args.latency_ms, args.tokens_per_second)
    uvicorn.run(
        upstream.app(), host="127.0.0.1", port=args.port, log_level="warning", access_log=False
    )


if __name__ == "__main__":
    main()
