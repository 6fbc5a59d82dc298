"""The audit service's subscribers, one per subject: model calls → the ledger (ack after
commit); usage, budget holds and status, ledger export and erasure answered by request-reply,
always for the tenant named by the subject, never by the body."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
import psycopg_pool
from faststream.nats import NatsRouter
from opentelemetry.trace import SpanKind
from prometheus_client import Counter

from libs.common.budget import BudgetAlert, BudgetStatus, HoldReply, HoldRequest
from libs.common.bus import decode, retry_delay
from libs.common.envelope import Envelope
from libs.common.handler_params import NatsBroker, NatsMessage
from libs.common.lifecycle import ErasureReport, LedgerPage, LedgerPageRequest
from libs.common.logs import log_context
from libs.common.model_call import CallStatus, ModelCall
from libs.common.rpc import (
    BUDGET_HOLD,
    BUDGET_STATUS,
    LEDGER_ERASE,
    LEDGER_EXPORT,
    USAGE,
    NoArguments,
    RpcError,
    Served,
    responder,
)
from libs.common.subjects import Durable, Stage, StreamName, any_tenant, subject
from libs.common.telemetry import span
from libs.common.usage import UsageReport, UsageRequest
from libs.common.worker import durable_subscriber
from services.audit import ledger
from services.audit.cost import Cost, Pricing, ceiling_of, cost_of
from services.audit.settings import AuditSettings

logger = logging.getLogger(__name__)
LEDGER_DOWN = (psycopg.OperationalError, psycopg_pool.PoolTimeout)
LEDGER_RETRY_MAX = 30.0
"""The longest wait between tries of a model-call event while the ledger is down (seconds)."""


def unavailable() -> RpcError:
    """The error reply of a request the ledger cannot answer now (the requester may retry)."""
    return RpcError("unavailable", "The ledger is unavailable.")


@dataclass(frozen=True)
class Ledger:
    """What the subscribers share: settings, the pool (opened on startup), prices, counters."""

    settings: AuditSettings
    pool: Callable[[], ledger.Pool]
    pricing: Pricing
    tokens: Counter
    cost: Counter
    alerts: Counter


def create_router(audit: Ledger) -> NatsRouter:
    """The ledger writer (durable, exactly-once by call id) and the request-reply responders."""
    router = NatsRouter()

    @durable_subscriber(
        router,
        any_tenant(Stage.AUDIT_MODEL_CALL),
        stream=StreamName.AUDIT,
        durable=Durable.AUDIT,
        settings=audit.settings,
        # A model-call event is a bill: it is retried while the ledger is down, however long,
        # never dropped after a count of deliveries (an unreadable one is terminated at once).
        max_deliver=-1,
    )
    async def model_call(message: NatsMessage, broker: NatsBroker) -> None:
        await on_model_call(audit, message, broker)

    @responder(router, USAGE, queue=Durable.AUDIT)
    async def usage_request(served: Served[UsageRequest]) -> UsageReport:
        return await on_usage_request(audit, served)

    @responder(router, BUDGET_HOLD, queue=Durable.AUDIT)
    async def budget_hold(served: Served[HoldRequest]) -> HoldReply:
        return await on_budget_hold(audit, served)

    @responder(router, BUDGET_STATUS, queue=Durable.AUDIT)
    async def budget_status(served: Served[NoArguments]) -> BudgetStatus:
        return await on_budget_status(audit, served)

    @responder(router, LEDGER_EXPORT, queue=Durable.AUDIT)
    async def ledger_export(served: Served[LedgerPageRequest]) -> LedgerPage:
        return await on_ledger_export(audit, served)

    @responder(router, LEDGER_ERASE, queue=Durable.AUDIT)
    async def ledger_erase(served: Served[NoArguments]) -> ErasureReport:
        return await on_ledger_erase(audit, served)

    return router


async def on_model_call(audit: Ledger, message: NatsMessage, broker: NatsBroker) -> None:
    """Keep a call's announcement, or price its outcome and write it to the ledger once."""
    envelope = decode(message, ModelCall)
    problem = _unusable(envelope)
    if envelope is None or problem is not None:
        logger.error("audit event on %s terminated: %s", message.raw_message.subject, problem)
        await message.reject()
        return
    call = envelope.body
    with (
        log_context(tenant_id=call.tenant_id, query_id=call.query_id, call_id=call.call_id),
        span(
            "audit.model_call",
            call.tenant_id,
            query_id=call.query_id,
            parent=envelope.traceparent,
            kind=SpanKind.CONSUMER,
        ),
    ):
        price = cost_of(call, audit.pricing)
        try:
            if call.status is CallStatus.STARTED:
                await ledger.announce(audit.pool(), call)
                new = False  # counted when its outcome (or the sweep) records it
            else:
                announce = _announcer(broker, audit.alerts)
                new = await ledger.record(audit.pool(), call, price, announce=announce)
        except LEDGER_DOWN:
            delivered = message.raw_message.metadata.num_delivered or 1
            logger.warning("ledger unavailable; the event will be redelivered")
            await message.nack(delay=retry_delay(delivered, audit.settings, LEDGER_RETRY_MAX))
            return
        if new:
            count_call(audit, call, price)
    await message.ack()


def _unusable(envelope: Envelope[ModelCall] | None) -> str | None:
    """Why an audit event cannot be recorded, or None."""
    if envelope is None:
        return "not a model call"
    call = envelope.body
    if call.tenant_id != envelope.tenant_id:
        return "its tenant is not its subject's"
    if call.status is CallStatus.INTERRUPTED:
        return "only the ledger decides that a call was interrupted"
    limits = (call.max_seconds, call.max_output_tokens)
    if call.status is CallStatus.STARTED and None in limits:
        return "an announced call must carry its time and output limits"
    return None


def count_call(audit: Ledger, call: ModelCall, price: Cost) -> None:
    """A recorded call in the tokens and cost counters."""
    labels = (call.tenant_id, call.engine, call.model, call.tier.value)
    audit.tokens.labels(*labels, "input").inc(call.input_tokens)
    audit.tokens.labels(*labels, "output").inc(call.output_tokens)
    audit.cost.labels(*labels).inc(price.usd_micros / 1_000_000)


async def on_usage_request(audit: Ledger, served: Served[UsageRequest]) -> UsageReport:
    """The requesting tenant's usage."""
    request = served.request
    start = dt.datetime.combine(request.start, dt.time(), dt.UTC)
    end = dt.datetime.combine(request.end + dt.timedelta(days=1), dt.time(), dt.UTC)
    try:
        result = await ledger.usage(audit.pool(), served.tenant_id, start, end, request.group_by)
    except LEDGER_DOWN as exc:
        raise unavailable() from exc
    return UsageReport(tenant_id=served.tenant_id, start=request.start, end=request.end, **result)


async def on_budget_hold(audit: Ledger, served: Served[HoldRequest]) -> HoldReply:
    """Hold a model call's cost ceiling against the tenant's monthly budget."""
    request = served.request
    ceiling = ceiling_of(
        request.engine,
        request.model,
        request.input_tokens,
        request.max_output_tokens,
        request.max_seconds,
        audit.pricing,
    )
    # A hold outlives its call by the grace period, so a call that ended is settled by its
    # audit event (which may queue behind others) before its hold could lapse.
    grace = audit.settings.budget_hold_grace_seconds
    expires_in = dt.timedelta(seconds=request.max_seconds + grace)
    with log_context(query_id=request.query_id):
        try:
            return await ledger.hold(
                audit.pool(),
                served.tenant_id,
                request,
                ceiling,
                expires_in,
                _announcer(served.broker, audit.alerts),
            )
        except LEDGER_DOWN as exc:
            logger.warning("ledger unavailable; budget hold not decided")
            raise unavailable() from exc


async def on_budget_status(audit: Ledger, served: Served[NoArguments]) -> BudgetStatus:
    """The tenant's spend this month and its holds in flight."""
    try:
        spent, held = await ledger.month_figures(audit.pool(), served.tenant_id)
    except LEDGER_DOWN as exc:
        raise unavailable() from exc
    return BudgetStatus(spent_usd_micros=spent, held_usd_micros=held)


async def on_ledger_export(audit: Ledger, served: Served[LedgerPageRequest]) -> LedgerPage:
    """A page of the tenant's ledger for its export."""
    request = served.request
    try:
        after = _cursor(request.after) if request.after else None
    except ValueError as exc:
        raise RpcError("invalid_request", f"not a valid page request: {exc}") from exc
    try:
        rows = await ledger.export_page(audit.pool(), served.tenant_id, after, request.limit)
    except LEDGER_DOWN as exc:
        raise unavailable() from exc
    last = rows[-1] if len(rows) == request.limit else None
    following = f"{last['started_at'].isoformat()}|{last['call_id']}" if last else None
    return LedgerPage(items=rows, next=following)


async def on_ledger_erase(audit: Ledger, served: Served[NoArguments]) -> ErasureReport:
    """Delete every ledger row of the tenant (its deletion)."""
    try:
        deleted = await ledger.erase(audit.pool(), served.tenant_id)
    except LEDGER_DOWN as exc:
        raise unavailable() from exc
    logger.warning("tenant's ledger erased: %s", deleted)
    return ErasureReport(deleted=deleted)


def _cursor(value: str) -> tuple[dt.datetime, str]:
    started, _, call_id = value.partition("|")
    when = dt.datetime.fromisoformat(started)
    if when.tzinfo is None or not call_id:
        raise ValueError("cursor is not one this service gave")
    return when, call_id


def _announcer(broker: NatsBroker, alerts: Counter) -> ledger.Announce:
    """Publishes budget alerts to the AUDIT stream, once per tenant, month and kind."""

    async def announce(alert: BudgetAlert) -> None:
        logger.warning(
            "budget alert %s: %s of %s USD micros spent",
            alert.kind,
            alert.spent_usd_micros,
            alert.budget_usd_micros,
        )
        await broker.publish(
            alert,
            subject(alert.tenant_id, Stage.BUDGET_ALERT),
            headers={"Nats-Msg-Id": f"{alert.tenant_id}:{alert.month}:{alert.kind}"},
            stream=StreamName.AUDIT,
        )
        alerts.labels(alert.tenant_id, alert.kind).inc()

    return announce
