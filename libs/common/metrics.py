"""Prometheus series every worker keeps, in the worker's own registry (no process-global state).

Label budget: `stage` (a handful per service), `outcome` (ok, retried, failed), `stream` and
`consumer` (the system's own, about a dozen), and `tenant` — the one label that grows with the
business, bounded by the number of tenants. Never a query id, a user's text or a model's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from faststream.nats import NatsBroker
from nats.errors import Error as NatsError
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector

STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


@dataclass(frozen=True)
class Consumer:
    """A durable consumer a worker reads (its lag is the worker's backlog)."""

    stream: str
    durable: str


def service_registry() -> CollectorRegistry:
    """A fresh registry with the process's own series (resident memory, CPU seconds, open
    files): what a memory soak and the ops dashboard read."""
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)
    return registry


@dataclass
class WorkerMetrics:
    """What every worker counts: messages handled per stage and how, how long each took, and
    its consumers' backlog as the server sees it."""

    registry: CollectorRegistry
    handled: Counter
    seconds: Histogram
    pending: Gauge
    ack_pending: Gauge
    redelivered: Gauge

    @classmethod
    def create(cls, registry: CollectorRegistry | None = None) -> WorkerMetrics:
        """The series, in `registry` (a fresh one by default)."""
        registry = registry or service_registry()
        return cls(
            registry=registry,
            handled=Counter(
                "aya_messages_handled",
                "Pipeline messages handled, by stage, tenant and outcome (ok: acked after the "
                "next stage was published; retried: nak'd for redelivery; failed: answered "
                "as failed).",
                ["stage", "tenant", "outcome"],
                registry=registry,
            ),
            seconds=Histogram(
                "aya_stage_seconds",
                "Time a worker spent on one message, by stage and tenant.",
                ["stage", "tenant"],
                registry=registry,
                buckets=STAGE_BUCKETS,
            ),
            pending=Gauge(
                "aya_consumer_pending",
                "Messages waiting for the consumer (JetStream num_pending), read at scrape.",
                ["stream", "consumer"],
                registry=registry,
            ),
            ack_pending=Gauge(
                "aya_consumer_ack_pending",
                "Messages delivered and not yet acked (JetStream num_ack_pending).",
                ["stream", "consumer"],
                registry=registry,
            ),
            redelivered=Gauge(
                "aya_consumer_redelivered",
                "Messages being redelivered (JetStream num_redelivered).",
                ["stream", "consumer"],
                registry=registry,
            ),
        )

    async def read_consumers(self, broker: NatsBroker, consumers: list[Consumer]) -> None:
        """Set the backlog gauges from the server (a consumer it cannot read is left as was:
        readiness says why)."""
        js = broker.config.connection_state.stream
        for consumer in consumers:
            try:
                info = await js.consumer_info(consumer.stream, consumer.durable, timeout=2)
            except (TimeoutError, NatsError):
                continue
            labels = (consumer.stream, consumer.durable)
            self.pending.labels(*labels).set(info.num_pending or 0)
            self.ack_pending.labels(*labels).set(info.num_ack_pending or 0)
            self.redelivered.labels(*labels).set(info.num_redelivered or 0)
