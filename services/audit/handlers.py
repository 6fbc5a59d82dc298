"""Audit events → ledger (ack after commit); usage requests → the tenant's totals."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import psycopg
import psycopg_pool
from faststream.nats import NatsRouter
from faststream.nats.annotations import NatsBroker, NatsMessage
from opentelemetry.trace import SpanKind
from prometheus_client import Counter
from pydantic import ValidationError

from libs.common.answer import ErrorInfo
from libs.common.budget import BudgetAlert, BudgetStatus, HoldReply, HoldRequest
from libs.common.bus import decode, retry_delay
from libs.common.lifecycle import ErasureReport, LedgerPage, LedgerPageRequest
from libs.common.logs import log_context
from libs.common.model_call import ModelCall
from libs.common.subjects import Stage, any_tenant, subject
from libs.common.telemetry import span
from libs.common.usage import UsageReport, UsageRequest
from libs.common.worker import durable_subscriber, serving
from services.audit import ledger
from services.audit.cost import ceiling_of, cost_of
from services.audit.settings import AuditSettings

logger = logging.getLogger(__name__)
DURABLE = "audit"
LEDGER_DOWN = (psycopg.OperationalError, psycopg_pool.PoolTimeout)
UNAVAILABLE = ErrorInfo(code="unavailable", message="The ledger is unavailable.")


def create_router(
    settings: AuditSettings,
    pool: Callable[[], ledger.Pool],
    tokens: Counter,
    cost: Counter,
) -> NatsRouter:
    """The ledger writer (durable, exactly-once by call id) and the usage responder."""
    router = NatsRouter()
    pricing = settings.pricing()

    @durable_subscriber(
        router,
        any_tenant(Stage.AUDIT_MODEL_CALL),
        stream="AUDIT",
        durable=DURABLE,
        settings=settings,
    )
    async def on_model_call(message: NatsMessage, broker: NatsBroker) -> None:
        """Price one model call and write it to the ledger once."""
        envelope = decode(message, ModelCall)
        if envelope is None or envelope.body.tenant_id != envelope.tenant_id:
            logger.error("unusable audit event on %s terminated", message.raw_message.subject)
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
            price = cost_of(call, pricing)
            try:
                new = await ledger.record(pool(), call, price, announce=_announcer(broker))
            except LEDGER_DOWN:
                delivered = message.raw_message.metadata.num_delivered or 1
                logger.warning("ledger unavailable; the event will be redelivered")
                await message.nack(delay=retry_delay(delivered, settings))
                return
            if new:
                labels = (call.tenant_id, call.engine, call.model)
                tokens.labels(*labels, "input").inc(call.input_tokens)
                tokens.labels(*labels, "output").inc(call.output_tokens)
                cost.labels(*labels).inc(price.usd_micros / 1_000_000)
        await message.ack()

    @router.subscriber(any_tenant(Stage.USAGE_REQUEST), queue="audit")
    async def on_usage_request(message: NatsMessage) -> dict[str, object]:
        """The requesting tenant's usage (the tenant comes from the subject, never the body)."""
        with serving(message, "usage.request") as tenant_id:
            try:
                request = UsageRequest.model_validate_json(message.body)
            except ValidationError as exc:
                return {
                    "error": {"code": "invalid_request", "message": str(exc.errors()[0]["msg"])}
                }
            start = dt.datetime.combine(request.start, dt.time(), dt.UTC)
            end = dt.datetime.combine(request.end + dt.timedelta(days=1), dt.time(), dt.UTC)
            try:
                result = await ledger.usage(pool(), tenant_id, start, end, request.group_by)
            except LEDGER_DOWN:
                return {"error": UNAVAILABLE.model_dump()}
            report = UsageReport(
                tenant_id=tenant_id, start=request.start, end=request.end, **result
            )
            return report.model_dump(mode="json", by_alias=True)

    @router.subscriber(any_tenant(Stage.BUDGET_HOLD), queue="audit")
    async def on_budget_hold(message: NatsMessage, broker: NatsBroker) -> dict[str, object]:
        """Hold a model call's cost ceiling against the tenant's monthly budget (the tenant
        comes from the subject, never the body)."""
        with serving(message, "budget.hold") as tenant_id:
            try:
                request = HoldRequest.model_validate_json(message.body)
            except ValidationError as exc:
                error = ErrorInfo(code="invalid_request", message=str(exc.errors()[0]["msg"]))
                return HoldReply(granted=False, error=error).model_dump(mode="json")
            ceiling = ceiling_of(
                request.engine,
                request.model,
                request.input_tokens,
                request.max_output_tokens,
                request.max_seconds,
                pricing,
            )
            # A hold outlives its call by the grace period, so a call that ended is settled by its
            # audit event (which may queue behind others) before its hold could lapse.
            expires_in = dt.timedelta(
                seconds=request.max_seconds + settings.budget_hold_grace_seconds
            )
            with log_context(query_id=request.query_id):
                try:
                    reply = await ledger.hold(
                        pool(), tenant_id, request, ceiling, expires_in, announce=_announcer(broker)
                    )
                except LEDGER_DOWN:
                    logger.warning("ledger unavailable; budget hold not decided")
                    return HoldReply(granted=False, error=UNAVAILABLE).model_dump(mode="json")
            return reply.model_dump(mode="json")

    @router.subscriber(any_tenant(Stage.BUDGET_STATUS), queue="audit")
    async def on_budget_status(message: NatsMessage) -> dict[str, object]:
        """The tenant's spend this month and its holds in flight (tenant from the subject)."""
        with serving(message, "budget.status") as tenant_id:
            try:
                spent, held = await ledger.month_figures(pool(), tenant_id)
            except LEDGER_DOWN:
                return BudgetStatus(error=UNAVAILABLE).model_dump(mode="json")
        return BudgetStatus(spent_usd_micros=spent, held_usd_micros=held).model_dump(mode="json")

    @router.subscriber(any_tenant(Stage.LEDGER_EXPORT), queue="audit")
    async def on_ledger_export(message: NatsMessage) -> dict[str, object]:
        """A page of the tenant's ledger for its export (tenant from the subject)."""
        with serving(message, "ledger.export") as tenant_id:
            try:
                request = LedgerPageRequest.model_validate_json(message.body)
                after = _cursor(request.after) if request.after else None
            except (ValidationError, ValueError) as exc:
                error = ErrorInfo(
                    code="invalid_request", message=f"not a valid page request: {exc}"
                )
                return LedgerPage(error=error).model_dump(mode="json")
            try:
                rows = await ledger.export_page(pool(), tenant_id, after, request.limit)
            except LEDGER_DOWN:
                return LedgerPage(error=UNAVAILABLE).model_dump(mode="json")
            last = rows[-1] if len(rows) == request.limit else None
            following = f"{last['started_at'].isoformat()}|{last['call_id']}" if last else None
            return LedgerPage(items=rows, next=following).model_dump(mode="json")

    @router.subscriber(any_tenant(Stage.LEDGER_ERASE), queue="audit")
    async def on_ledger_erase(message: NatsMessage) -> dict[str, object]:
        """Delete every ledger row of the tenant (its deletion; tenant from the subject)."""
        with serving(message, "ledger.erase") as tenant_id:
            try:
                deleted = await ledger.erase(pool(), tenant_id)
            except LEDGER_DOWN:
                return ErasureReport(error=UNAVAILABLE).model_dump(mode="json")
            logger.warning("tenant's ledger erased: %s", deleted)
            return ErasureReport(deleted=deleted).model_dump(mode="json")

    return router


def _cursor(value: str) -> tuple[dt.datetime, str]:
    started, _, call_id = value.partition("|")
    when = dt.datetime.fromisoformat(started)
    if when.tzinfo is None or not call_id:
        raise ValueError("cursor is not one this service gave")
    return when, call_id


def _announcer(broker: NatsBroker) -> ledger.Announce:
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
            stream="AUDIT",
        )

    return announce
