"""NATS subjects and JetStream streams: the one place subject names are built."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from libs.common.ids import is_tenant_id
from libs.common.vocab import Tier

PREFIX = "aya.v1"
MAX_DELIVERIES_ADVISORY = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES"


class Stage(StrEnum):
    """A pipeline stage; its subject is `aya.v1.<tenant>.<stage>`."""

    QUERY_SUBMITTED = "query.submitted"
    PLAN_READY = "plan.ready"
    ANALYSIS_REQUESTED = "analysis.requested"
    ANSWER = "answer"
    AUDIT_MODEL_CALL = "audit.model_call"
    FETCH_REQUEST = "fetch.request"
    USAGE_REQUEST = "usage.request"
    BUDGET_HOLD = "budget.hold"
    BUDGET_ALERT = "budget.alert"
    BUDGET_STATUS = "budget.status"
    LEDGER_EXPORT = "ledger.export"
    LEDGER_ERASE = "ledger.erase"
    ANOMALY_DETECTED = "anomaly.detected"
    """A finding of a tenant's daily anomaly watch (inference → the gateway's alerts)."""
    ASK = "ask"
    """The internal teams' door: questions asked on NATS (see `ask_subject`)."""


def subject(tenant_id: str, stage: Stage, *parts: str) -> str:
    """`aya.v1.<tenant>.<stage>[.<part>…]`; refuses tokens that would break the subject."""
    if not is_tenant_id(tenant_id):
        raise ValueError(f"not a valid tenant id for a subject: {tenant_id!r}")
    for part in parts:
        if not part or any(c in part for c in ".*> \t\r\n"):
            raise ValueError(f"not a valid subject token: {part!r}")
    return ".".join((PREFIX, tenant_id, stage.value, *parts))


def any_tenant(stage: Stage, *parts: str) -> str:
    """The wildcard subject for a stage across tenants (what a worker subscribes to)."""
    return ".".join((PREFIX, "*", stage.value, *parts))


def analysis_subject(tenant_id: str, tier: Tier) -> str:
    """Subject of an analysis job for a tier."""
    return subject(tenant_id, Stage.ANALYSIS_REQUESTED, tier.value)


def answer_subject(tenant_id: str, query_id: str) -> str:
    """Subject an answer is published on."""
    return subject(tenant_id, Stage.ANSWER, query_id)


def delta_subject(tenant_id: str, query_id: str) -> str:
    """Core subject of an answer's streamed text (not in any stream: deltas are ephemeral)."""
    return subject(tenant_id, Stage.ANSWER, query_id, "delta")


class AskForm(StrEnum):
    """The ways a team asks on NATS, each its own subject under `aya.v1.<tenant>.ask`."""

    REQUEST = "request"
    """`aya.v1.<tenant>.ask`: request-reply; the reply is the answer (or the id, in async mode)."""
    ASYNC = "async"
    """`aya.v1.<tenant>.ask.async`: fire-and-forget; a receipt says accepted or refused."""


ASK_RECEIPTS = "receipts"


def ask_form(subject_name: str) -> AskForm:
    """Which ask subject a message came in on."""
    return AskForm.ASYNC if subject_name.endswith(f".{Stage.ASK.value}.async") else AskForm.REQUEST


def ask_subject(tenant_id: str, form: AskForm = AskForm.REQUEST) -> str:
    """Where a team asks for a tenant: `aya.v1.<tenant>.ask[.async]`."""
    if form is AskForm.REQUEST:
        return subject(tenant_id, Stage.ASK)
    return subject(tenant_id, Stage.ASK, form.value)


def receipts_subject(tenant_id: str) -> str:
    """`aya.v1.<tenant>.ask.receipts`: a receipt for each fire-and-forget question (its id, or
    why it was refused) and for a request that came without a reply subject."""
    return subject(tenant_id, Stage.ASK, ASK_RECEIPTS)


def tenant_subjects(tenant_id: str) -> str:
    """Every subject of one tenant (what a tenant's erasure purges from the streams)."""
    if not is_tenant_id(tenant_id):
        raise ValueError(f"not a valid tenant id for a subject: {tenant_id!r}")
    return f"{PREFIX}.{tenant_id}.>"


def tenant_of(subject_name: str) -> str:
    """The tenant token of a pipeline subject (raises ValueError on a foreign subject)."""
    parts = subject_name.split(".")
    if len(parts) < 4 or ".".join(parts[:2]) != PREFIX or not is_tenant_id(parts[2]):
        raise ValueError(f"not a pipeline subject: {subject_name!r}")
    return parts[2]


class StreamName(StrEnum):
    """The JetStream streams this system owns."""

    QUERIES = "QUERIES"
    PLANS = "PLANS"
    ANALYSIS = "ANALYSIS"
    ANSWERS = "ANSWERS"
    AUDIT = "AUDIT"
    ALERTS = "ALERTS"
    DEADLETTER = "DEADLETTER"


_STREAM_OF = {
    Stage.QUERY_SUBMITTED: StreamName.QUERIES,
    Stage.PLAN_READY: StreamName.PLANS,
    Stage.ANALYSIS_REQUESTED: StreamName.ANALYSIS,
    Stage.ANSWER: StreamName.ANSWERS,
    Stage.AUDIT_MODEL_CALL: StreamName.AUDIT,
    Stage.BUDGET_ALERT: StreamName.AUDIT,
    Stage.ANOMALY_DETECTED: StreamName.ALERTS,
}


def stream_of(stage: Stage) -> StreamName:
    """The stream that keeps a stage's messages (KeyError for request-reply stages)."""
    return _STREAM_OF[stage]


class Durable(StrEnum):
    """The durable consumers of the streams, one per service role (and one per tier)."""

    ROUTER = "router"
    DATA_FETCH = "data_fetch"
    AUDIT = "audit"
    GATEWAY_ANSWERS = "gateway-answers"
    GATEWAY_DEADLETTER = "gateway-deadletter"
    GATEWAY_ALERTS = "gateway-alerts"
    GATEWAY_ANOMALIES = "gateway-anomalies"


def inference_durable(tier: Tier) -> str:
    """The durable consumer of one tier's analysis jobs."""
    return f"inference-{tier.value}"


@dataclass(frozen=True)
class StreamSpec:
    """A JetStream stream this system owns."""

    name: StreamName
    subjects: tuple[str, ...]
    work_queue: bool
    max_age_seconds: float | None = None


STREAMS: tuple[StreamSpec, ...] = (
    StreamSpec(StreamName.QUERIES, (any_tenant(Stage.QUERY_SUBMITTED),), work_queue=True),
    StreamSpec(StreamName.PLANS, (any_tenant(Stage.PLAN_READY),), work_queue=True),
    StreamSpec(StreamName.ANALYSIS, (any_tenant(Stage.ANALYSIS_REQUESTED, "*"),), work_queue=True),
    StreamSpec(
        StreamName.ANSWERS,
        (any_tenant(Stage.ANSWER, "*"),),
        work_queue=False,
        max_age_seconds=86_400,
    ),
    StreamSpec(
        StreamName.AUDIT,
        (any_tenant(Stage.AUDIT_MODEL_CALL), any_tenant(Stage.BUDGET_ALERT)),
        work_queue=False,
        max_age_seconds=90 * 86_400,
    ),
    StreamSpec(
        StreamName.ALERTS,
        (any_tenant(Stage.ANOMALY_DETECTED),),
        work_queue=False,
        max_age_seconds=30 * 86_400,
    ),
    # JetStream's own advisory when a message used up its deliveries; kept so a crash loop on
    # one question still ends in a failed answer (see the gateway's dead-letter handler).
    StreamSpec(
        StreamName.DEADLETTER,
        (f"{MAX_DELIVERIES_ADVISORY}.>",),
        work_queue=True,
        max_age_seconds=7 * 86_400,
    ),
)
STREAM_BY_NAME = {spec.name: spec for spec in STREAMS}
PIPELINE_STREAMS = frozenset({StreamName.QUERIES, StreamName.PLANS, StreamName.ANALYSIS})
"""Streams whose messages are questions in flight (a dead letter there needs a failed answer)."""


RATELIMIT_BUCKET = "ratelimits"
"""NATS KV bucket of the gateway's per-tenant request counters."""
SLOTS_BUCKET = "analysis_slots"
"""NATS KV bucket of the tenants' fair-share leases (inference keeps it, erasure empties it)."""


ANSWER_CACHE_BUCKET = "answer_cache"
"""NATS KV bucket of model answers kept for a repeat (inference keeps it, erasure empties it)."""


def cache_key(tenant_id: str, digest: str) -> str:
    """Key of one cached answer in ANSWER_CACHE_BUCKET: the tenant first, so a tenant's
    entries are one subject filter (`<tenant>.>`) for its erasure."""
    return f"{tenant_id}.{digest}"


def slots_key(tenant_id: str) -> str:
    """Key of one tenant's leases in SLOTS_BUCKET."""
    return f"slots.{tenant_id}"


def msg_id(query_id: str, stage: Stage) -> str:
    """`Nats-Msg-Id` of a pipeline message: a retried publish of the same stage is deduplicated."""
    return f"{query_id}:{stage.value}"
