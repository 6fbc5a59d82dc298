"""What an inference worker holds for its lifetime: engines, breakers, the failover, the
tokenizer. Built by `create_app` from settings (engines without a URL/key are absent); the
fair-share bucket is opened by `prepare` once the broker has connected."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from faststream.nats import NatsBroker
from mistralai.client import Mistral
from nats.js.api import KeyValueConfig, StorageType
from prometheus_client import CollectorRegistry

from libs.common.answer_cache import AnswerCache, open_answer_cache
from libs.common.kv import LastingBucket
from libs.common.subjects import SLOTS_BUCKET
from libs.common.vocab import Engine, Tier
from services.inference.breaker import CircuitBreaker
from services.inference.engines.base import ChatRequest, ChatResult
from services.inference.engines.mistral import MistralEngine
from services.inference.engines.vllm import VllmEngine
from services.inference.failover import Failover, Policy, Slot
from services.inference.fairshare import TenantSlots
from services.inference.metrics import BreakerCollector, EngineMetrics
from services.inference.settings import InferenceSettings
from services.inference.tokens import TokenCounter, token_counter


@dataclass
class Runtime:
    """The worker's engines and helpers."""

    settings: InferenceSettings
    failovers: dict[Tier, Failover]
    """Each tier's chain: its own vLLM pool (AYA_VLLM_TIER_URLS) and the shared managed API."""
    model_engines: list[Engine]
    counter: TokenCounter
    clients: list[httpx.AsyncClient]
    metrics: EngineMetrics
    running: dict[Tier, asyncio.Semaphore] = field(default_factory=dict)
    _slots: TenantSlots | None = None
    cache: AnswerCache = field(default_factory=lambda: AnswerCache(None))
    """Model answers kept for a repeat (off until `prepare` opens its bucket)."""

    def failover(self, tier: Tier) -> Failover:
        """The tier's chain of model engines."""
        return self.failovers[tier]

    def available(self) -> list[str]:
        """Model engines (of any tier) whose breaker takes calls now."""
        return sorted({name for f in self.failovers.values() for name in f.available()})

    @property
    def slots(self) -> TenantSlots:
        """The tenants' fair-share leases (set once the broker is connected)."""
        if self._slots is None:
            raise RuntimeError("fair-share slots used before the worker started")
        return self._slots

    async def prepare(self, broker: NatsBroker) -> None:
        """Open the fair-share and answer-cache KV buckets (after the broker connects)."""
        kv = await LastingBucket.open(
            broker,
            KeyValueConfig(
                bucket=SLOTS_BUCKET,
                description="Running analysis jobs per tenant: lease id -> expiry.",
                history=1,
                # Leases live seconds: memory is enough. A NATS restart loses the bucket; it is
                # declared again, so running jobs' leases are at worst freed early.
                storage=StorageType.MEMORY,
                replicas=self.settings.stream_replicas,
            ),
        )
        self._slots = TenantSlots(
            kv, self.settings.share_lease_seconds, self.settings.share_poll_seconds
        )
        self.cache = await open_answer_cache(broker, self.settings)

    async def aclose(self) -> None:
        """Close HTTP clients."""
        for client in self.clients:
            await client.aclose()


def build_runtime(settings: InferenceSettings, registry: CollectorRegistry) -> Runtime:
    """Engines from settings, in the configured chain order; their series in `registry`.

    A vLLM pool is one base URL with its own breaker, shared by the tiers it serves: a tier of
    `vllm_tier_urls` gets its own pool, the others share `vllm_url`'s. The managed API is one
    slot for every tier."""
    configured = frozenset([*settings.vllm_models.values(), *settings.mistral_models.values()])
    metrics = EngineMetrics.create(registry, configured)
    counter = token_counter()
    pools: dict[str, Slot] = {}
    clients: list[httpx.AsyncClient] = []
    mistral = None
    if settings.mistral_api_key is not None:
        client = Mistral(
            api_key=settings.mistral_api_key.get_secret_value(), server_url=settings.mistral_url
        )
        mistral = Slot(MistralEngine(client), _breaker(settings), dict(settings.mistral_models))
    policy = Policy(
        attempts=settings.engine_attempts,
        backoff_base=settings.backoff_base_seconds,
        max_waiting=settings.vllm_max_waiting,
    )

    def complete_usage(request: ChatRequest, result: ChatResult) -> ChatResult:
        # An engine that reports no usage (e.g. a streamed call without it) is counted with
        # the model's tokenizer: never zero, never a characters/4 guess.
        if result.input_tokens and (result.output_tokens or not result.text):
            return result
        return dataclasses.replace(
            result,
            input_tokens=result.input_tokens or counter.count_messages(request.messages),
            output_tokens=result.output_tokens or counter.count_text(result.text),
        )

    def pool(url: str) -> Slot:
        if url not in pools:
            key = settings.vllm_api_key
            auth = {"Authorization": f"Bearer {key.get_secret_value()}"} if key else {}
            http = httpx.AsyncClient(base_url=url, headers=auth)
            clients.append(http)
            pools[url] = Slot(VllmEngine(http), _breaker(settings), dict(settings.vllm_models))
        return pools[url]

    failovers: dict[Tier, Failover] = {}
    for tier in Tier:
        slots: dict[str, Slot] = {}
        url = settings.vllm_tier_urls.get(tier) or settings.vllm_url
        if url:
            slots[Engine.VLLM] = pool(url)
        if mistral is not None:
            slots[Engine.MISTRAL] = mistral
        failovers[tier] = Failover(
            slots,
            policy,
            complete_usage=complete_usage,
            wall=settings.clock,
            on_queue=_queue_observer(metrics, tier),
        )
    registry.register(BreakerCollector(lambda: _breakers(failovers)))
    present = {name for f in failovers.values() for name in f.breakers()}
    engines = [name for name in settings.chain if name in present]
    running = {tier: asyncio.Semaphore(settings.concurrency) for tier in Tier}
    return Runtime(settings, failovers, engines, counter, clients, metrics, running)


def _queue_observer(metrics: EngineMetrics, tier: Tier) -> Callable[[str, float, float], None]:
    def observe(engine: str, waiting: float, running: float) -> None:
        metrics.observe_queue(engine, tier, waiting, running)

    return observe


def _breakers(failovers: dict[Tier, Failover]) -> dict[tuple[str, str], CircuitBreaker]:
    return {
        (engine, tier.value): breaker
        for tier, failover in failovers.items()
        for engine, breaker in failover.breakers().items()
    }


def _breaker(settings: InferenceSettings) -> CircuitBreaker:
    return CircuitBreaker(settings.breaker_failures, settings.breaker_reset_seconds)
