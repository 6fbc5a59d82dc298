"""What the gateway's request handlers share: made in the lifespan, never at import time."""

from __future__ import annotations

from dataclasses import dataclass

from faststream.nats import NatsBroker
from prometheus_client import CollectorRegistry, Counter, Histogram

from services.gateway.jwt_auth import JwtVerifier
from services.gateway.ratelimit import RateLimits
from services.gateway.repo import Pool
from services.gateway.settings import GatewaySettings


@dataclass
class Metrics:
    """The gateway's Prometheus series (own registry, so several apps can live in one process)."""

    registry: CollectorRegistry
    queries: Counter
    latency: Histogram

    @classmethod
    def create(cls) -> Metrics:
        """Fresh series in a fresh registry."""
        registry = CollectorRegistry()
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
        )


@dataclass
class GatewayState:
    """Pool, broker, settings, metrics and rate limiters of one gateway process."""

    settings: GatewaySettings
    pool: Pool
    broker: NatsBroker
    metrics: Metrics
    limits: RateLimits
    jwt: JwtVerifier
