"""`aya capacity`: the GPU memory a tier's model, context and concurrency take, and the GPUs.

    aya capacity --config config.json --context 16384 --concurrency 32 --gpu-gib 80

Reads the model's own `config.json` (layers, heads, KV heads, head dim, dtype); the formulas
are in `aya/sizing.py` and the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aya.sizing import DTYPE_BYTES, ModelShape, Need, gib, plan, replicas_for


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `aya capacity`."""
    parser.add_argument("--config", type=Path, required=True, help="The model's config.json.")
    parser.add_argument("--context", type=int, required=True, help="Tokens per sequence.")
    parser.add_argument("--concurrency", type=int, required=True, help="Sequences at once.")
    parser.add_argument("--gpu-gib", type=float, required=True, help="Memory of one GPU, GiB.")
    parser.add_argument(
        "--utilization", type=float, default=0.9, help="vLLM's --gpu-memory-utilization."
    )
    parser.add_argument(
        "--reserve-gib",
        type=float,
        default=1.0,
        help="Per GPU for activations and CUDA graphs (vLLM logs what it measured).",
    )
    parser.add_argument("--kv-dtype", choices=sorted(DTYPE_BYTES), default=None)
    parser.add_argument("--weight-dtype", choices=sorted(DTYPE_BYTES), default=None)


def run(args: argparse.Namespace) -> int:
    """Print the plan; exit 1 when the tier does not fit one replica, 2 on bad input."""
    try:
        shape = ModelShape.from_config(json.loads(args.config.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        print(f"aya capacity: cannot read {args.config}: {exc!r}", file=sys.stderr)
        return 2
    if min(args.context, args.concurrency) < 1 or args.gpu_gib <= 0:
        print("aya capacity: context, concurrency and --gpu-gib must be positive", file=sys.stderr)
        return 2
    need = Need(
        args.context,
        args.concurrency,
        args.gpu_gib,
        args.utilization,
        args.reserve_gib,
        args.kv_dtype,
        args.weight_dtype,
    )
    result = plan(shape, need)
    lines = [
        f"parameters            {shape.parameters():,}",
        f"weights               {gib(result.weights_bytes)}",
        f"KV cache per token    {result.kv_bytes_per_token:,} bytes",
        f"KV cache needed       {gib(result.kv_bytes_needed)}"
        f"  ({args.concurrency} × {args.context:,} tokens)",
    ]
    if result.fits:
        lines += [
            f"GPUs per replica      {result.tensor_parallel} × {args.gpu_gib:g} GiB"
            f" (--tensor-parallel-size {result.tensor_parallel})",
            f"KV cache available    {gib(result.kv_bytes_available)}"
            f" ({result.sequences_that_fit:,} sequences of {args.context:,} tokens)",
        ]
    else:
        tp = result.largest_tensor_parallel
        lines.append(
            f"does not fit on {tp} × {args.gpu_gib:g} GiB (the most the heads allow): there, "
            f"{result.sequences_that_fit:,} sequences fit; "
            f"{replicas_for(result, args.concurrency)} replicas of {tp} GPUs needed"
        )
    print("\n".join(lines))
    return 0 if result.fits else 1
