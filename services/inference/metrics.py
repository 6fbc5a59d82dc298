"""The inference worker's engine series: every engine call by engine, model and outcome, the
fall-overs between engines and why, each breaker's state, vLLM's queue as last seen, model
tokens and call time under the OpenTelemetry GenAI names, and grounding retries.

These make a vLLM outage visible: calls to `vllm` turn to errors, fall-overs `vllm → mistral`
rise and its breaker opens, while answers keep coming from the paid managed API.

Labels are bounded: engine (3), model (the configured ones; a tenant's override model is
`override`), outcome (`ok` or an engine error
code), reason (a fixed vocabulary: `_reason`), token type (2). No tenant here: per-tenant
tokens and cost are the audit service's (`aya_model_tokens`, `aya_model_cost_usd`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from libs.common.model_call import ChainStep
from libs.common.vocab import Tier
from services.inference.breaker import BreakerState, CircuitBreaker
from services.inference.failover import Attempt

# The GenAI semantic conventions' advised buckets.
TOKEN_BUCKETS = (1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304)
DURATION_BUCKETS = (0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96)
BREAKER_VALUES = {BreakerState.CLOSED: 0, BreakerState.HALF_OPEN: 1, BreakerState.OPEN: 2}


@dataclass
class EngineMetrics:
    """The series; `observe_*` are called where the things happen."""

    calls: Counter
    fallovers: Counter
    queue_waiting: Gauge
    queue_running: Gauge
    token_usage: Histogram
    duration: Histogram
    grounding_retries: Counter
    models: frozenset[str] = frozenset()
    """The configured models: any other (a tenant's override) is labelled `override`."""

    @classmethod
    def create(
        cls, registry: CollectorRegistry, models: frozenset[str] = frozenset()
    ) -> EngineMetrics:
        """The series, in the worker's registry."""
        return cls(
            models=models,
            calls=Counter(
                "aya_engine_calls",
                "Model engine calls by engine, model and outcome (ok, or the error code).",
                ["engine", "model", "outcome"],
                registry=registry,
            ),
            fallovers=Counter(
                "aya_engine_fallovers",
                "Questions moved from one engine of the chain to the next, and why.",
                ["from_engine", "to_engine", "reason"],
                registry=registry,
            ),
            queue_waiting=Gauge(
                "aya_vllm_requests_waiting",
                "vLLM's waiting requests, as last read before a call (its /metrics), per pool.",
                ["engine", "tier"],
                registry=registry,
            ),
            queue_running=Gauge(
                "aya_vllm_requests_running",
                "vLLM's running requests, as last read before a call, per pool.",
                ["engine", "tier"],
                registry=registry,
            ),
            token_usage=Histogram(
                "gen_ai_client_token_usage",
                "Tokens per model call (OpenTelemetry GenAI gen_ai.client.token.usage).",
                [
                    "gen_ai_operation_name",
                    "gen_ai_system",
                    "gen_ai_request_model",
                    "gen_ai_token_type",
                ],
                registry=registry,
                buckets=TOKEN_BUCKETS,
            ),
            duration=Histogram(
                "gen_ai_client_operation_duration_seconds",
                "Time of a model call (OpenTelemetry GenAI gen_ai.client.operation.duration).",
                ["gen_ai_operation_name", "gen_ai_system", "gen_ai_request_model", "error_type"],
                registry=registry,
                buckets=DURATION_BUCKETS,
            ),
            grounding_retries=Counter(
                "aya_grounding_retries",
                "Answers retried on the next engine because their key figures were not in the "
                "data, by what came of it (replaced: the retry was grounded; kept: it was not).",
                ["result"],
                registry=registry,
            ),
        )

    def observe_attempt(self, attempt: Attempt) -> None:
        """One engine call as it ended."""
        outcome = attempt.error_code or "ok"
        model = attempt.model if attempt.model in self.models else "override"
        self.calls.labels(attempt.engine, model, outcome).inc()
        seconds = (attempt.finished_at - attempt.started_at).total_seconds()
        error = attempt.error_code or ""
        self.duration.labels("chat", attempt.engine, model, error).observe(seconds)
        for kind, tokens in (("input", attempt.input_tokens), ("output", attempt.output_tokens)):
            if tokens:
                self.token_usage.labels("chat", attempt.engine, model, kind).observe(tokens)

    def observe_chain(self, steps: list[ChainStep], then: str | None = None) -> None:
        """Fall-overs of one run of the chain: each engine skipped or failed before the next one
        tried (`then`: the engine that took over after the last step, e.g. the analyst)."""
        moved = [s for s in steps if s.outcome in ("skipped", "failed")]
        tried = [s.engine for s in steps]
        for step in moved:
            index = tried.index(step.engine)
            following = tried[index + 1] if index + 1 < len(tried) else then
            if following is not None:
                self.fallovers.labels(step.engine, following, _reason(step)).inc()

    def observe_fallback(self, steps: list[ChainStep], to_engine: str) -> None:
        """The chain's last engine gave way to `to_engine` (the analyst, when no model
        answered)."""
        if steps:
            self.fallovers.labels(steps[-1].engine, to_engine, _reason(steps[-1])).inc()

    def observe_queue(self, engine: str, tier: Tier, waiting: float, running: float) -> None:
        """vLLM's queue as just read for a tier's pool."""
        self.queue_waiting.labels(engine, tier.value).set(waiting)
        self.queue_running.labels(engine, tier.value).set(running)


def _reason(step: ChainStep) -> str:
    """A bounded reason: 'queue long (12 waiting)' → queue_long, 'circuit open' → circuit_open."""
    text = (step.reason or step.outcome).split("(")[0].strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or step.outcome


class BreakerCollector(Collector):
    """Each engine's breaker per tier, read when scraped (0 closed, 1 half-open, 2 open); the
    tiers of one vLLM pool, and every tier of the managed API, share a breaker."""

    def __init__(self, breakers: Callable[[], dict[tuple[str, str], CircuitBreaker]]) -> None:
        self._breakers = breakers

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "aya_engine_breaker_state",
            "Circuit breaker per engine and tier: 0 closed, 1 half-open, 2 open.",
            labels=["engine", "tier"],
        )
        for (engine, tier), breaker in sorted(self._breakers().items()):
            family.add_metric([engine, tier], BREAKER_VALUES[breaker.state])
        yield family
