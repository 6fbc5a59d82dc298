"""Added latency of our pipeline over a direct call to the same vLLM server.

Starts the embedded stack with the CPU vLLM server (`make vllm-env` first) and a small output
cap, then, alternating, times (a) an analysis question through REST → router → data_fetch →
inference → vLLM → answer, and (b) a direct /v1/chat/completions call to the same server with a
prompt of the same token count and the same max_tokens (random weights never stop early, so
both generate exactly max_tokens). Prints p50/p95 of both and of the difference.
Run: .venv/bin/python bench/bench_inference.py [--n 30]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import httpx
from figures import summary  # bench/ is sys.path[0]

from aya.settings import StackSettings
from aya.stack import Stack
from aya.vllm_cpu import SERVED_MODEL
from services.inference.tokens import token_counter

MAX_TOKENS = 16
QUESTION = "Why did our ROAS drop last week?"


def _padded_messages(tokens: int) -> list[dict[str, str]]:
    counter = token_counter()
    words = ["spend"]
    while counter.count_messages([{"role": "user", "content": " ".join(words)}]) < tokens:
        words.extend(["spend"] * max(1, (tokens - len(words)) // 2))
    return [{"role": "user", "content": " ".join(words)}]


def main() -> None:
    """Start, warm up, alternate the two measurements, print figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30)
    n = parser.parse_args().n
    caps = json.dumps({"small": MAX_TOKENS, "medium": MAX_TOKENS, "large": MAX_TOKENS})
    with tempfile.TemporaryDirectory() as home:
        stack = Stack(Path(home), StackSettings(home=Path(home)), with_vllm_cpu=True)
        stack.extra_env = {
            "AYA_TODAY": "2026-11-22",
            "AYA_LOG_LEVEL": "WARNING",
            "AYA_MAX_OUTPUT_TOKENS": caps,
        }
        info = stack.start(timeout=900)
        try:
            key = info.tenants[0]["api_key"]
            gateway = httpx.Client(
                base_url=info.gateway_url, headers={"Authorization": f"Bearer {key}"}
            )
            first = gateway.post("/v1/queries", json={"query": QUESTION}, timeout=120).json()
            assert first["engine"] == "vllm", first
            prompt_tokens = first["usage"]["input_tokens"]
            assert stack.vllm_url is not None
            direct = httpx.Client(base_url=stack.vllm_url)
            body = {
                "model": SERVED_MODEL,
                "messages": _padded_messages(prompt_tokens),
                "max_tokens": MAX_TOKENS,
            }
            direct.post("/v1/chat/completions", json=body, timeout=120).raise_for_status()
            stack_ms, direct_ms, extra_ms = [], [], []
            for _ in range(n):
                t0 = time.perf_counter()
                answer = gateway.post("/v1/queries", json={"query": QUESTION}, timeout=120).json()
                t1 = time.perf_counter()
                reply = direct.post("/v1/chat/completions", json=body, timeout=120).json()
                t2 = time.perf_counter()
                assert answer["engine"] == "vllm"
                assert reply["usage"]["completion_tokens"] == MAX_TOKENS
                stack_ms.append((t1 - t0) * 1000)
                direct_ms.append((t2 - t1) * 1000)
                extra_ms.append(stack_ms[-1] - direct_ms[-1])
        finally:
            stack.stop()
    print(f"prompt {prompt_tokens} tokens in, {MAX_TOKENS} out (CPU vLLM, tiny Mistral)")
    print(summary("through the whole stack", stack_ms, width=34))
    print(summary("direct call to the same vLLM", direct_ms, width=34))
    print(summary("added by our pipeline", extra_ms, width=34))


if __name__ == "__main__":
    main()
