"""What a model call cost, in USD micros: managed calls by token price, self-hosted by GPU time.

Self-hosted formula: cost = GPU hourly price × (call duration in hours) ÷ (requests the engine
was running at the same time), i.e. the call's share of the GPU while it ran. Rounded half-even.

An interrupted call (announced, never reported: its worker died mid-call) is billed at its
ceiling, the most it could have cost: its whole time limit alone on the GPU, or every output
token it was allowed. What it really spent is unknowable; budgets must not come out short.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal

from libs.common.model_call import CallStatus, ModelCall
from libs.common.vocab import CACHE_ENGINE, Engine

MICROS = Decimal(1_000_000)
PER_MILLION = Decimal(1_000_000)
SECONDS_PER_HOUR = Decimal(3600)


@dataclass(frozen=True)
class Price:
    """USD per million input and output tokens."""

    input_per_million: Decimal
    output_per_million: Decimal


@dataclass(frozen=True)
class Pricing:
    """Prices of managed models, the GPU hourly price, and which engines are self-hosted."""

    models: dict[str, Price]
    gpu_hourly_usd: Decimal
    self_hosted_engines: frozenset[str] = frozenset({Engine.VLLM})
    free_engines: frozenset[str] = frozenset({Engine.ANALYST, CACHE_ENGINE})


@dataclass(frozen=True)
class Cost:
    """A call's cost and how it was computed (kept in the ledger to explain the bill)."""

    usd_micros: int
    basis: str


def cost_of(call: ModelCall, pricing: Pricing) -> Cost:
    """The cost of one call."""
    if call.engine in pricing.free_engines:
        return Cost(0, "no model")
    if call.status is CallStatus.INTERRUPTED:
        return _interrupted(call, pricing)
    if call.engine in pricing.self_hosted_engines:
        seconds = Decimal(str((call.finished_at - call.started_at).total_seconds()))
        usd = _gpu_usd(pricing, seconds) / Decimal(call.running_beside)
        basis = f"gpu {pricing.gpu_hourly_usd}/h x {seconds}s / {call.running_beside}"
        return Cost(_micros(usd), basis)
    price = _price(pricing, call.model)
    if price is None:
        # An unpriced model must be visible, not free: the row says so and costs nothing.
        return Cost(0, f"no price for {call.model}")
    usd = _token_usd(price, call.input_tokens, call.output_tokens)
    basis = f"{price.input_per_million}/{price.output_per_million} per 1M tokens"
    return Cost(_micros(usd), basis)


def ceiling_of(
    engine: str,
    model: str,
    input_tokens: int,
    max_output_tokens: int,
    max_seconds: float,
    pricing: Pricing,
) -> int:
    """The most a call can cost, in USD micros, rounded up: the same prices as `cost_of`, with
    every output token spent, or the whole time limit alone on the GPU."""
    if engine in pricing.free_engines:
        return 0
    if engine in pricing.self_hosted_engines:
        return _micros(_gpu_usd(pricing, Decimal(str(max_seconds))), ROUND_CEILING)
    price = _price(pricing, model)
    if price is None:
        return 0  # priced as the call will be: an unpriced model costs (visibly) nothing
    return _micros(_token_usd(price, input_tokens, max_output_tokens), ROUND_CEILING)


def _interrupted(call: ModelCall, pricing: Pricing) -> Cost:
    limit, seconds = call.max_output_tokens or 0, call.max_seconds or 0.0
    micros = ceiling_of(call.engine, call.model, call.input_tokens, limit, seconds, pricing)
    if call.engine in pricing.self_hosted_engines:
        return Cost(micros, f"interrupted: ceiling, gpu {pricing.gpu_hourly_usd}/h x {seconds}s")
    price = _price(pricing, call.model)
    if price is None:
        return Cost(0, f"interrupted: no price for {call.model}")
    per_million = f"{price.input_per_million}/{price.output_per_million} per 1M tokens"
    return Cost(
        micros, f"interrupted: ceiling, {call.input_tokens} in + {limit} out at {per_million}"
    )


def _gpu_usd(pricing: Pricing, seconds: Decimal) -> Decimal:
    return pricing.gpu_hourly_usd * seconds / SECONDS_PER_HOUR


def _price(pricing: Pricing, model: str) -> Price | None:
    return pricing.models.get(model) or pricing.models.get(_base_name(model))


def _token_usd(price: Price, input_tokens: int, output_tokens: int) -> Decimal:
    return (
        Decimal(input_tokens) * price.input_per_million
        + Decimal(output_tokens) * price.output_per_million
    ) / PER_MILLION


def _micros(usd: Decimal, rounding: str = ROUND_HALF_EVEN) -> int:
    return int((usd * MICROS).quantize(Decimal(1), rounding=rounding))


def _base_name(model: str) -> str:
    # Responses may name a dated version ("mistral-large-2512") of a priced alias.
    head, _, tail = model.rpartition("-")
    return f"{head}-latest" if tail.isdigit() and head else model
