"""What the gateway's request handlers share: made in the lifespan, never at import time."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from faststream.nats import NatsBroker
from prometheus_client import CollectorRegistry, Counter, Histogram

from libs.common.answer import Answer
from libs.common.metrics import service_registry
from services.gateway.cors import OriginBook
from services.gateway.jwt_auth import JwtVerifier
from services.gateway.ratelimit import RateLimits
from services.gateway.repo import Pool
from services.gateway.settings import GatewaySettings
from services.gateway.url_guard import UrlGuard


@dataclass
class Metrics:
    """The gateway's Prometheus series (own registry, so several apps can live in one process)."""

    registry: CollectorRegistry
    queries: Counter
    latency: Histogram
    answered: Counter
    refusals: Counter
    dead_letters: Counter

    @classmethod
    def create(cls) -> Metrics:
        """Fresh series in a fresh registry."""
        registry = service_registry()
        return cls(
            registry=registry,
            queries=Counter(
                "aya_gateway_queries",
                "Questions by tenant, route, mode and final status.",
                ["tenant", "route", "mode", "status"],
                registry=registry,
            ),
            latency=Histogram(
                "aya_gateway_query_seconds",
                "Time to answer a sync question, by tenant and route.",
                ["tenant", "route"],
                registry=registry,
                buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            ),
            answered=Counter(
                "aya_questions",
                "Questions with their final answer, whichever door and mode: by tenant, route "
                "(direct, analysis, none), tier and status (answered, failed). Counted once.",
                ["tenant", "route", "tier", "status"],
                registry=registry,
            ),
            refusals=Counter(
                "aya_refusals",
                "Questions refused by the tenant's limits or budget policy: rate_limited, "
                "token_limit, budget_exhausted, budget_unverified.",
                ["tenant", "reason"],
                registry=registry,
            ),
            dead_letters=Counter(
                "aya_dead_letters",
                "Messages that used up their deliveries (answered as failed), by stream.",
                ["stream"],
                registry=registry,
            ),
        )

    def count_answer(self, answer: Answer) -> None:
        """One question's final answer (call once per question)."""
        route = answer.route.value if answer.route else "none"
        tier = answer.plan.tier.value if answer.plan and answer.plan.tier else "none"
        self.answered.labels(answer.tenant_id, route, tier, answer.status.value).inc()


class SettledAnswers:
    """Questions whose answer this process recorded with nothing waiting behind it, so the
    answers consumer, which records every answer again (the door that waited may have failed
    to), can skip them here. Bounded: the oldest are forgotten (and then recorded again, which
    changes nothing)."""

    def __init__(self, size: int = 20_000) -> None:
        self._ids: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._size = size

    def add(self, answer: Answer) -> None:
        """The answer is recorded and its turn finished, with nothing to release."""
        self._ids[(answer.tenant_id, answer.query_id)] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)

    def __contains__(self, answer: Answer) -> bool:
        return (answer.tenant_id, answer.query_id) in self._ids


@dataclass
class GatewayState:
    """Pool, broker, settings, metrics, rate limiters and the webhooks' URL guard of one
    gateway process."""

    settings: GatewaySettings
    pool: Pool
    broker: NatsBroker
    metrics: Metrics
    limits: RateLimits
    jwt: JwtVerifier
    origins: OriginBook
    url_guard: UrlGuard
    settled: SettledAnswers = field(default_factory=lambda: SettledAnswers())
