"""Each tier can scale on its own: a worker consumes only the tiers it is given (AYA_TIERS),
and a tier given a vLLM pool of its own (AYA_VLLM_TIER_URLS) gets its own engine and breaker
while tiers without one share AYA_VLLM_URL's."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry

from libs.common.metrics import WorkerMetrics
from libs.common.vocab import Tier
from services.inference.handlers import create_router
from services.inference.runtime import build_runtime
from services.inference.settings import InferenceSettings

pytestmark = pytest.mark.anyio


def test_a_worker_consumes_only_its_tiers() -> None:
    settings = InferenceSettings(tiers=[Tier.SMALL, Tier.LARGE])
    metrics = WorkerMetrics.create()
    router = create_router(settings, build_runtime(settings, metrics.registry), metrics)
    subjects = sorted(sub.subject.broker_address for sub in router.subscribers)  # type: ignore[attr-defined]
    assert subjects == ["aya.v1.*.analysis.requested.large", "aya.v1.*.analysis.requested.small"]


def test_no_tiers_is_refused() -> None:
    with pytest.raises(ValueError, match="tiers"):
        InferenceSettings(tiers=[])


async def test_a_tier_with_its_own_pool_has_its_own_breaker() -> None:
    settings = InferenceSettings(
        vllm_url="http://shared-pool:8000",
        vllm_tier_urls={Tier.SMALL: "http://small-pool:8000"},
    )
    runtime = build_runtime(settings, CollectorRegistry())
    try:
        small = runtime.failover(Tier.SMALL).breakers()["vllm"]
        medium = runtime.failover(Tier.MEDIUM).breakers()["vllm"]
        large = runtime.failover(Tier.LARGE).breakers()["vllm"]
        assert small is not medium
        assert medium is large  # one pool, one breaker
        assert len(runtime.clients) == 2
    finally:
        await runtime.aclose()
