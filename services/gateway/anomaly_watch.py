"""The daily anomaly watch, the gateway's side: at each watching tenant's local morning, its
yesterday is asked of the pipeline as a question of its own (`purpose` watch): the router
plans it (the day, its baseline), data_fetch fetches the rows, and inference runs the analyst's
scan alone — no model — and publishes each finding as `anomaly.detected`, which the alert
intake raises once and sends to the tenant's webhooks. No second pipeline.

The day is claimed (as the tenant) in the transaction that publishes the question, so one
gateway watches it, and a failed publish leaves it to watch on the next look.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import cast

from libs.common.bus import publish_stage
from libs.common.db import tenant_transaction
from libs.common.envelope import Envelope
from libs.common.logs import log_context
from libs.common.query import Query
from libs.common.subjects import Stage, msg_id, stream_of, subject
from libs.common.telemetry import current_traceparent
from services.gateway.repo import context
from services.gateway.repo.principals import principal_for_watch
from services.gateway.state import GatewayState
from services.gateway.watch_schedule import due_day, watch_question

logger = logging.getLogger(__name__)
WATCHER = "watch"
"""How the watch's questions name who asked."""


async def start_due_watches(state: GatewayState) -> None:
    """Ask every watching tenant's due day (one look of the schedule)."""
    clock, hour = state.settings.clock, state.settings.watch_local_hour
    async with state.pool.connection() as conn:
        cur = await conn.execute("SELECT * FROM anomaly_watch_tenants()")
        watching = await cur.fetchall()
    for tenant_id, timezone, last in watching:
        zone = str(timezone)
        day = due_day(clock.now(), clock.today(zone), zone, hour, cast("dt.date | None", last))
        if day is not None:
            with log_context(tenant_id=str(tenant_id)):
                await _watch(state, str(tenant_id), day)


async def _watch(state: GatewayState, tenant_id: str, day: dt.date) -> None:
    principal = await principal_for_watch(state.pool, tenant_id)
    if principal is None or not principal.tenant_active:
        return
    profile = await context.profile(state.pool, tenant_id)
    query_id = str(uuid.uuid4())
    envelope = Envelope[Query](
        query_id=query_id,
        tenant_id=tenant_id,
        principal=WATCHER,
        traceparent=current_traceparent(),
        submitted_at=state.settings.clock.now(),
        body=Query(
            text=watch_question(day),
            timezone=principal.timezone,
            currency=principal.currency,
            policy=principal.policy,
            connector_ref=principal.connector_ref,
            context=profile.context,
            purpose="watch",
        ),
    )
    async with tenant_transaction(state.pool, tenant_id) as conn:
        cur = await conn.execute(
            "UPDATE tenants SET anomaly_watch_day = %s WHERE id = %s"
            " AND anomaly_watch AND (anomaly_watch_day IS NULL OR anomaly_watch_day < %s)"
            " RETURNING id",
            (day, tenant_id, day),
        )
        if await cur.fetchone() is None:
            return  # another gateway watched it meanwhile
        await publish_stage(
            state.broker,
            envelope,
            subject=subject(tenant_id, Stage.QUERY_SUBMITTED),
            stream=stream_of(Stage.QUERY_SUBMITTED),
            msg_id=msg_id(query_id, Stage.QUERY_SUBMITTED),
        )
    logger.info("anomaly watch of %s asked (%s)", day, query_id)
