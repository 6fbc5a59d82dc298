"""A real vLLM server on the CPU: a tiny Mistral architecture with random weights.

The weights are random (`--load-format dummy`), so the text is gibberish, but everything
around it — the OpenAI-compatible API, streaming, usage, tool calling, /health, /metrics — is
the real server's. Used by the tests and by `aya up --vllm-cpu`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

TOKENIZER = "tekken_240911.json"
SERVED_MODEL = "aya-tiny-mistral"

# Small enough to start in about two minutes on two cores; head_dim 64 because the CPU
# attention rejects 16. The vocabulary is the tokenizer's, so token counts are real ones.
TINY_CONFIG = {
    "architectures": ["MistralForCausalLM"],
    "model_type": "mistral",
    "hidden_size": 128,
    "intermediate_size": 256,
    "num_hidden_layers": 2,
    "num_attention_heads": 2,
    "num_key_value_heads": 1,
    "head_dim": 64,
    "hidden_act": "silu",
    "max_position_embeddings": 4096,
    "rms_norm_eps": 1e-5,
    "rope_theta": 1_000_000.0,
    "sliding_window": None,
    "tie_word_embeddings": False,
    "torch_dtype": "bfloat16",
    "vocab_size": 131072,
    "bos_token_id": 1,
    "eos_token_id": 2,
}


def vllm_python(root: Path) -> Path:
    """The interpreter of the separate vLLM environment (`make vllm-env`)."""
    return root / ".venv-vllm" / "bin" / "python"


def prepare_model_dir(target: Path, tokenizer_dir: Path) -> Path:
    """A model folder vLLM accepts: config.json and exactly one tokenizer file."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "config.json").write_text(json.dumps(TINY_CONFIG, indent=2), encoding="utf-8")
    shutil.copyfile(tokenizer_dir / TOKENIZER, target / "tekken.json")
    return target


def vllm_command(python: Path, model_dir: Path, port: int, max_model_len: int = 4096) -> list[str]:
    """The server's command line (the `vllm` entry point looks for another distribution name)."""
    return [
        str(python),
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        str(model_dir),
        "--load-format",
        "dummy",
        "--tokenizer-mode",
        "mistral",
        "--max-model-len",
        str(max_model_len),
        "--served-model-name",
        SERVED_MODEL,
        "--enable-auto-tool-choice",
        "--tool-call-parser",
        "mistral",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def vllm_env(api_key: str | None = None) -> dict[str, str]:
    """One core and a small KV cache, so the rest of a 2-core machine keeps working; with
    `api_key`, the server refuses /v1 requests that do not bear it (vLLM's VLLM_API_KEY)."""
    return {
        **os.environ,
        **({"VLLM_API_KEY": api_key} if api_key else {}),
        "VLLM_CPU_OMP_THREADS_BIND": "0",
        "VLLM_CPU_KVCACHE_SPACE": "1",
        "VLLM_TARGET_DEVICE": "cpu",
        "OMP_NUM_THREADS": "1",
    }


def start_vllm(
    root: Path, state_dir: Path, port: int, log_path: Path, api_key: str | None = None
) -> subprocess.Popen[bytes]:
    """Start the server (readiness is the caller's: poll /health)."""
    import mistral_common

    tokenizers = Path(mistral_common.__file__).parent / "data"
    model_dir = prepare_model_dir(state_dir / "tiny-mistral", tokenizers)
    with log_path.open("ab") as log:
        return subprocess.Popen(
            vllm_command(vllm_python(root), model_dir, port),
            env=vllm_env(api_key),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
