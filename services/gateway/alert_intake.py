"""Events in: each budget alert (AUDIT stream) and each finding of the daily anomaly watch
(ALERTS stream) becomes an alert row of its tenant and a delivery per webhook that wants it, in
one transaction, acked only after the commit; a redelivered event raises nothing twice."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import psycopg
import psycopg_pool
from faststream.nats import NatsRouter
from pydantic import ValidationError

from libs.common.alerts import AnomalyDetected
from libs.common.budget import BudgetAlert
from libs.common.bus import retry_delay
from libs.common.handler_params import NatsBroker, NatsMessage
from libs.common.logs import log_context
from libs.common.subjects import Durable, Stage, any_tenant, stream_of, tenant_of
from libs.common.worker import durable_subscriber
from services.gateway.alert_events import AlertRecord, from_anomaly, from_budget
from services.gateway.repo import alerts
from services.gateway.settings import GatewaySettings
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)


def intake_router(settings: GatewaySettings, state: Callable[[], GatewayState]) -> NatsRouter:
    """The gateway's durable consumer of alert events (internal: not in the AsyncAPI
    document, whose subject is the teams' door)."""
    router = NatsRouter(include_in_schema=False)

    @durable_subscriber(
        router,
        any_tenant(Stage.BUDGET_ALERT),
        stream=stream_of(Stage.BUDGET_ALERT),
        durable=Durable.GATEWAY_ALERTS,
        settings=settings,
    )
    async def budget_alert(message: NatsMessage, broker: NatsBroker) -> None:
        await on_budget_alert(state(), message)

    @durable_subscriber(
        router,
        any_tenant(Stage.ANOMALY_DETECTED),
        stream=stream_of(Stage.ANOMALY_DETECTED),
        durable=Durable.GATEWAY_ANOMALIES,
        settings=settings,
    )
    async def anomaly_detected(message: NatsMessage, broker: NatsBroker) -> None:
        await on_anomaly(state(), message)

    return router


async def on_anomaly(state: GatewayState, message: NatsMessage) -> None:
    """Raise the watch's finding (once) and queue its deliveries."""
    subject = message.raw_message.subject
    try:
        tenant_id = tenant_of(subject)
        event = AnomalyDetected.model_validate_json(message.body)
    except (ValueError, ValidationError):
        logger.error("unreadable anomaly event on %s terminated", subject)
        await message.reject()
        return
    if event.tenant_id != tenant_id:
        logger.error("anomaly event names another tenant than its subject; terminated")
        await message.reject()
        return
    await _raise(state, message, tenant_id, from_anomaly(event))


async def on_budget_alert(state: GatewayState, message: NatsMessage) -> None:
    """Raise the budget alert (once) and queue its deliveries."""
    subject = message.raw_message.subject
    try:
        tenant_id = tenant_of(subject)
        alert = BudgetAlert.model_validate_json(message.body)
    except (ValueError, ValidationError):
        logger.error("unreadable budget alert on %s terminated", subject)
        await message.reject()
        return
    if alert.tenant_id != tenant_id:
        logger.error("budget alert names another tenant than its subject; terminated")
        await message.reject()
        return
    await _raise(state, message, tenant_id, from_budget(alert))


async def _raise(
    state: GatewayState, message: NatsMessage, tenant_id: str, record: AlertRecord
) -> None:
    window = dt.timedelta(seconds=state.settings.webhook_retry_window_seconds)
    with log_context(tenant_id=tenant_id):
        try:
            raised = await alerts.raise_alert(
                state.pool, tenant_id, record.kind, record.key, record.data, window
            )
        except psycopg.errors.ForeignKeyViolation:
            # The tenant was deleted after its event was published: nobody to alert.
            logger.warning("%s alert of a tenant that no longer exists acked", record.kind)
            await message.ack()
            return
        except (psycopg.OperationalError, psycopg_pool.PoolTimeout):
            delivered = message.raw_message.metadata.num_delivered or 1
            logger.warning("database unavailable; the alert event will be redelivered")
            await message.nack(delay=retry_delay(delivered, state.settings))
            return
        if raised is not None:
            logger.info(
                "%s alert %s raised; %d webhook deliveries queued",
                record.kind,
                raised.alert_id,
                raised.deliveries,
            )
    await message.ack()
