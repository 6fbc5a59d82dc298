"""Cost arithmetic against hand-computed cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from libs.common.model_call import CallStatus, ModelCall, Rationale
from libs.common.vocab import Intent, Tier
from services.audit.cost import Price, Pricing, ceiling_of, cost_of

PRICING = Pricing(
    models={"mistral-large-latest": Price(Decimal("0.50"), Decimal("1.50"))},
    gpu_hourly_usd=Decimal("2.00"),
)
T0 = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def _call(
    engine: str, model: str, *, seconds: float = 1.0, inp: int = 0, out: int = 0, beside: int = 1
) -> ModelCall:
    return ModelCall(
        call_id="c",
        query_id="q",
        tenant_id="t",
        principal="p",
        engine=engine,
        model=model,
        tier=Tier.LARGE,
        started_at=T0,
        finished_at=T0 + dt.timedelta(seconds=seconds),
        input_tokens=inp,
        output_tokens=out,
        status=CallStatus.OK,
        answered=True,
        running_beside=beside,
        rationale=Rationale(intent=Intent.DIAGNOSIS, tier=Tier.LARGE),
    )


def test_managed_call_costs_its_tokens_at_list_price() -> None:
    # 12,000 in x $0.50/M = $0.006; 800 out x $1.50/M = $0.0012 -> $0.0072 = 7,200 micros
    cost = cost_of(_call("mistral", "mistral-large-latest", inp=12_000, out=800), PRICING)
    assert cost.usd_micros == 7_200


def test_dated_model_name_uses_its_latest_alias_price() -> None:
    cost = cost_of(_call("mistral", "mistral-large-2512", inp=1_000_000), PRICING)
    assert cost.usd_micros == 500_000


def test_self_hosted_call_costs_its_share_of_the_gpu() -> None:
    # $2/h x 9 s / 3600 = $0.005; shared by 4 running requests -> $0.00125 = 1,250 micros
    cost = cost_of(_call("vllm", "ministral-8b", seconds=9, beside=4), PRICING)
    assert cost.usd_micros == 1_250


def test_rounding_is_half_even_on_micros() -> None:
    # 1 in token x $0.50/M = 0.5 micros -> 0 (half to even); 3 tokens = 1.5 micros -> 2
    assert cost_of(_call("mistral", "mistral-large-latest", inp=1), PRICING).usd_micros == 0
    assert cost_of(_call("mistral", "mistral-large-latest", inp=3), PRICING).usd_micros == 2


def test_analyst_answers_cost_nothing() -> None:
    assert cost_of(_call("analyst", "analyst", seconds=3), PRICING).usd_micros == 0


def test_unpriced_model_is_recorded_as_such_not_guessed() -> None:
    cost = cost_of(_call("mistral", "mystery-model", inp=1000), PRICING)
    assert (cost.usd_micros, cost.basis) == (0, "no price for mystery-model")


@given(
    engine_model=st.sampled_from(
        [("mistral", "mistral-large-latest"), ("mistral", "mistral-large-2512"), ("vllm", "m")]
    ),
    inp=st.integers(0, 200_000),
    max_out=st.integers(0, 8_000),
    max_seconds=st.floats(0.01, 600, allow_nan=False),
    share=st.floats(0, 1),
    beside=st.integers(1, 64),
)
def test_no_call_within_its_limits_costs_more_than_its_ceiling(
    engine_model: tuple[str, str],
    inp: int,
    max_out: int,
    max_seconds: float,
    share: float,
    beside: int,
) -> None:
    engine, model = engine_model
    ceiling = ceiling_of(engine, model, inp, max_out, max_seconds, PRICING)
    used = _call(
        engine,
        model,
        seconds=max_seconds * share,
        inp=inp,
        out=int(max_out * share),
        beside=beside,
    )
    assert cost_of(used, PRICING).usd_micros <= ceiling
    # and the ceiling is the cost of the worst case, not a guess above it
    worst = _call(engine, model, seconds=max_seconds, inp=inp, out=max_out)
    assert ceiling - cost_of(worst, PRICING).usd_micros <= 1


def test_free_engines_and_unpriced_models_hold_nothing() -> None:
    assert ceiling_of("analyst", "analyst-v1", 10_000, 1_000, 60, PRICING) == 0
    assert ceiling_of("mistral", "unknown-model", 10_000, 1_000, 60, PRICING) == 0


def test_an_interrupted_call_is_billed_at_its_ceiling() -> None:
    announced = _call("mistral", "mistral-large-latest", inp=10_000).model_copy(
        update={
            "status": CallStatus.INTERRUPTED,
            "max_output_tokens": 2_000,
            "max_seconds": 30.0,
        }
    )
    # 10k in at $0.50/M + 2k out at $1.50/M = $0.005 + $0.003
    managed = cost_of(announced, PRICING)
    assert managed.usd_micros == 8_000
    assert managed.basis.startswith("interrupted: ceiling")
    gpu = cost_of(announced.model_copy(update={"engine": "vllm"}), PRICING)
    assert gpu.usd_micros == 16_667  # 30 s of a $2/h GPU, alone, rounded up
    assert gpu.usd_micros == ceiling_of("vllm", "m", 10_000, 2_000, 30.0, PRICING)
