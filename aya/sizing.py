"""GPU memory for serving a model with vLLM, from the model's own `config.json`: the weights,
the KV cache a tier's context and concurrency need, and the GPUs that takes. Pure arithmetic;
`aya capacity` prints it.

- Parameters of a Mistral/Llama-style decoder: embeddings V·H; per layer the attention
  projections H·(n_heads·d) for Q and O, H·(n_kv·d) each for K and V, the gated MLP 3·H·I, two
  RMSNorm weights 2·H; a final norm H; the output head V·H unless tied to the embeddings.
- Weight bytes: parameters × the dtype's bytes (bfloat16/float16: 2, float32: 4, fp8/int8: 1).
- KV cache per token: 2 (K and V) × layers × n_kv × d × the cache dtype's bytes.
- A tier needs KV for `concurrency` sequences of `context` tokens. vLLM lets a GPU use
  `gpu_memory_utilization` of its memory; after the weights (split over the tensor-parallel
  GPUs) and a reserve for activations, what is left holds the cache.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

GIB = 1024**3
DTYPE_BYTES = {
    "float32": 4,
    "float16": 2,
    "bfloat16": 2,
    "fp8": 1,
    "float8_e4m3fn": 1,
    "int8": 1,
}
TENSOR_PARALLEL = (1, 2, 4, 8)


@dataclass(frozen=True)
class ModelShape:
    """What the memory depends on, read from a Hugging Face `config.json`."""

    layers: int
    hidden: int
    heads: int
    kv_heads: int
    head_dim: int
    intermediate: int
    vocab: int
    tied: bool
    dtype: str

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> ModelShape:
        """The shape of a decoder config (Mistral, Llama and their kin); KeyError names a
        missing field."""
        heads = int(config["num_attention_heads"])
        hidden = int(config["hidden_size"])
        return cls(
            layers=int(config["num_hidden_layers"]),
            hidden=hidden,
            heads=heads,
            kv_heads=int(config.get("num_key_value_heads") or heads),
            head_dim=int(config.get("head_dim") or hidden // heads),
            intermediate=int(config["intermediate_size"]),
            vocab=int(config["vocab_size"]),
            tied=bool(config.get("tie_word_embeddings", False)),
            dtype=str(config.get("torch_dtype") or "bfloat16"),
        )

    def parameters(self) -> int:
        """Weights count."""
        h, d = self.hidden, self.head_dim
        attention = 2 * h * self.heads * d + 2 * h * self.kv_heads * d
        per_layer = attention + 3 * h * self.intermediate + 2 * h
        head = 0 if self.tied else self.vocab * h
        return self.vocab * h + self.layers * per_layer + h + head

    def weight_bytes(self, dtype: str | None = None) -> int:
        """Weights in memory, in the model's dtype (or `dtype`)."""
        return self.parameters() * DTYPE_BYTES[dtype or self.dtype]

    def kv_bytes_per_token(self, kv_dtype: str | None = None) -> int:
        """KV cache one token takes (the model's dtype unless `kv_dtype`)."""
        return 2 * self.layers * self.kv_heads * self.head_dim * DTYPE_BYTES[kv_dtype or self.dtype]


@dataclass(frozen=True)
class Need:
    """A tier's demand and the GPU it runs on."""

    context: int
    concurrency: int
    gpu_gib: float
    utilization: float = 0.9
    reserve_gib: float = 1.0
    """Per GPU, for activations and CUDA graphs (vLLM measures it at start; set it from there)."""
    kv_dtype: str | None = None
    weight_dtype: str | None = None


@dataclass(frozen=True)
class Plan:
    """What a tier takes: bytes, the tensor-parallel size, and how many sequences fit."""

    weights_bytes: int
    kv_bytes_per_token: int
    kv_bytes_needed: int
    tensor_parallel: int | None
    """GPUs per replica (None: not even the largest size the heads allow fits)."""
    largest_tensor_parallel: int
    """The largest size tried (the heads must divide evenly over the GPUs)."""
    kv_bytes_available: int
    sequences_that_fit: int

    @property
    def fits(self) -> bool:
        """The tier's concurrency fits on one replica."""
        return self.tensor_parallel is not None


def plan(shape: ModelShape, need: Need) -> Plan:
    """The smallest tensor-parallel size whose GPUs hold the weights and the tier's KV cache."""
    weights = shape.weight_bytes(need.weight_dtype)
    per_token = shape.kv_bytes_per_token(need.kv_dtype)
    needed = per_token * need.context * need.concurrency
    usable = need.gpu_gib * need.utilization - need.reserve_gib
    chosen, available, tried = None, 0, 1
    for tp in TENSOR_PARALLEL:
        if shape.heads % tp:
            continue
        tried = tp
        available = max(int(tp * usable * GIB) - weights, 0)
        if available >= needed:
            chosen = tp
            break
    fit = available // (per_token * need.context) if need.context else 0
    return Plan(weights, per_token, needed, chosen, tried, available, fit)


def gib(value: int) -> str:
    """Bytes as GiB, two decimals."""
    return f"{value / GIB:,.2f} GiB"


def replicas_for(plan_: Plan, concurrency: int) -> int:
    """Replicas of `plan_.tensor_parallel` GPUs a concurrency needs (when one is not enough)."""
    if plan_.sequences_that_fit <= 0:
        return 0
    return math.ceil(concurrency / plan_.sequences_that_fit)
