"""Test data in our own contracts' shapes, and publishing it the way our services do (one
definition instead of one per test file)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

import nats

from libs.common.clock import Clock
from libs.common.envelope import Envelope
from libs.common.model_call import CallStatus, ModelCall, Rationale
from libs.common.subjects import Stage, subject
from libs.common.vocab import Intent, Tier

TEST_TODAY = dt.date(2026, 11, 22)
"""AYA_TODAY of every stack the tests start: all their clocks are pinned to it."""
TEST_CLOCK = Clock(TEST_TODAY)
"""The stacks' clock (the pinned day at the real time of day): what tests date rows with."""


def model_call(
    tenant_id: str,
    *,
    started_at: dt.datetime | None = None,
    seconds: float = 1.0,
    engine: str = "mistral",
    model: str = "mistral-medium-latest",
    input_tokens: int = 1_000,
    output_tokens: int = 100,
    answered: bool = True,
    degraded: bool = False,
    hold_id: str | None = None,
) -> ModelCall:
    """One successful call of the tenant (a managed-engine call unless told otherwise)."""
    started = started_at or TEST_CLOCK.now()
    return ModelCall(
        call_id=str(uuid.uuid4()),
        query_id=str(uuid.uuid4()),
        tenant_id=tenant_id,
        principal="key_test",
        engine=engine,
        model=model,
        tier=Tier.MEDIUM,
        started_at=started,
        finished_at=started + dt.timedelta(seconds=seconds),
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        status=CallStatus.OK,
        answered=answered,
        degraded=degraded,
        rationale=Rationale(intent=Intent.DIAGNOSIS, tier=Tier.MEDIUM),
        hold_id=hold_id,
    )


async def publish_model_calls(
    nats_url: str, calls: Sequence[ModelCall], msg_ids: Sequence[str] | None = None
) -> None:
    """Publish `audit.model_call` events as inference does (Nats-Msg-Id = call id unless
    `msg_ids` says otherwise, e.g. to test deduplication)."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        for call, msg_id in zip(calls, msg_ids or [c.call_id for c in calls], strict=True):
            envelope = Envelope[ModelCall](
                query_id=call.query_id,
                tenant_id=call.tenant_id,
                principal=call.principal,
                submitted_at=call.started_at,
                body=call,
            )
            await js.publish(
                subject(call.tenant_id, Stage.AUDIT_MODEL_CALL),
                envelope.model_dump_json().encode(),
                headers={"Nats-Msg-Id": msg_id},
            )
    finally:
        await nc.close()
