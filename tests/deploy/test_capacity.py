"""`aya capacity`'s arithmetic against the references: the parameter count of transformers'
own Mistral implementation (built on the meta device, in the vLLM environment), and the KV
cache a real vLLM server allocates per token."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aya.sizing import GIB, ModelShape
from aya.vllm_cpu import vllm_python
from tests.conftest import VllmServer

ROOT = Path(__file__).resolve().parents[2]
MISTRAL_7B = {
    "architectures": ["MistralForCausalLM"],
    "hidden_size": 4096,
    "intermediate_size": 14336,
    "num_hidden_layers": 32,
    "num_attention_heads": 32,
    "num_key_value_heads": 8,
    "head_dim": 128,
    "vocab_size": 32768,
    "tie_word_embeddings": False,
    "torch_dtype": "bfloat16",
}
SHAPES = [
    MISTRAL_7B,
    {**MISTRAL_7B, "tie_word_embeddings": True},
    {**MISTRAL_7B, "num_key_value_heads": 32, "num_hidden_layers": 4},
    {**MISTRAL_7B, "hidden_size": 5120, "head_dim": 128, "num_attention_heads": 32},
]
COUNT = """
import json, sys, torch
from transformers import MistralConfig, MistralForCausalLM
for line in sys.stdin:
    with torch.device("meta"):
        model = MistralForCausalLM(MistralConfig(**json.loads(line)))
    print(sum(p.numel() for p in model.parameters()))
"""


def _reference_counts(configs: list[dict[str, Any]]) -> list[int]:
    python = vllm_python(ROOT)
    if not python.exists():
        if os.environ.get("AYA_REQUIRE_VLLM") == "1":
            pytest.fail("the vLLM environment (with torch and transformers) is missing")
        pytest.skip("the vLLM environment (torch, transformers) is missing: make vllm-env")
    done = subprocess.run(
        [str(python), "-c", COUNT],
        input="\n".join(json.dumps(c) for c in configs) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [int(line) for line in done.stdout.split()]


@pytest.mark.slow
def test_parameters_match_the_reference_implementation() -> None:
    counts = _reference_counts(SHAPES)
    assert [ModelShape.from_config(c).parameters() for c in SHAPES] == counts


@pytest.mark.slow
def test_kv_cache_per_token_is_what_vllm_allocates(vllm_server: VllmServer) -> None:
    log = vllm_server.log.read_text(encoding="utf-8", errors="replace")
    space = re.search(r"set \(([\d.]+)/[\d.]+\) GiB for KV cache", log)
    tokens = re.search(r"KV cache size: ([\d,]+) tokens", log)
    assert space, "vLLM's log does not say how much memory it gave the KV cache"
    assert tokens, "vLLM's log does not say how many tokens its KV cache holds"
    shape = ModelShape.from_config(json.loads(vllm_server.config.read_text(encoding="utf-8")))
    expected = int(float(space.group(1)) * GIB) // shape.kv_bytes_per_token()
    assert int(tokens.group(1).replace(",", "")) == expected


def _capacity(
    tmp_path: Path, config: dict[str, Any], *args: str
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    aya = Path(sys.executable).parent / "aya"
    return subprocess.run(
        [str(aya), "capacity", "--config", str(path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_capacity_picks_the_smallest_tensor_parallel_size_that_holds_the_tier(
    tmp_path: Path,
) -> None:
    # 13.5 GiB of weights + 32 × 16,384 tokens × 128 KiB = 64 GiB of KV: over one 80 GiB GPU
    # at 0.9 use with a 1 GiB reserve (71 GiB), within two.
    done = _capacity(
        tmp_path, MISTRAL_7B, "--context", "16384", "--concurrency", "32", "--gpu-gib", "80"
    )
    assert done.returncode == 0, done.stderr
    assert "--tensor-parallel-size 2" in done.stdout
    assert "KV cache per token    131,072 bytes" in done.stdout
    one = _capacity(
        tmp_path, MISTRAL_7B, "--context", "16384", "--concurrency", "16", "--gpu-gib", "80"
    )
    assert "--tensor-parallel-size 1" in one.stdout


def test_capacity_says_when_a_tier_needs_several_replicas(tmp_path: Path) -> None:
    done = _capacity(
        tmp_path, MISTRAL_7B, "--context", "32768", "--concurrency", "256", "--gpu-gib", "24"
    )
    assert done.returncode == 1
    assert "does not fit on 8 × 24 GiB" in done.stdout
    assert "replicas of 8 GPUs needed" in done.stdout


@pytest.mark.parametrize(
    ("config", "args"),
    [
        ({"hidden_size": 1}, ("--context", "1", "--concurrency", "1", "--gpu-gib", "8")),
        (MISTRAL_7B, ("--context", "0", "--concurrency", "1", "--gpu-gib", "8")),
    ],
)
def test_capacity_refuses_bad_input_clearly(
    tmp_path: Path, config: dict[str, Any], args: tuple[str, ...]
) -> None:
    done = _capacity(tmp_path, config, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("aya capacity:")
