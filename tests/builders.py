"""Test data in our own contracts' shapes (one definition instead of one per test file)."""

from __future__ import annotations

import datetime as dt
import uuid

from libs.common.model_call import CallStatus, ModelCall, Rationale
from libs.common.vocab import Intent, Tier


def model_call(
    tenant_id: str,
    *,
    started_at: dt.datetime | None = None,
    input_tokens: int = 1_000,
    output_tokens: int = 100,
    model: str = "mistral-medium-latest",
    hold_id: str | None = None,
) -> ModelCall:
    """One successful managed-engine call of the tenant, lasting a second."""
    started = started_at or dt.datetime.now(dt.UTC)
    return ModelCall(
        call_id=str(uuid.uuid4()),
        query_id=str(uuid.uuid4()),
        tenant_id=tenant_id,
        principal="key_test",
        engine="mistral",
        model=model,
        tier=Tier.MEDIUM,
        started_at=started,
        finished_at=started + dt.timedelta(seconds=1),
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        status=CallStatus.OK,
        answered=True,
        rationale=Rationale(intent=Intent.DIAGNOSIS, tier=Tier.MEDIUM),
        hold_id=hold_id,
    )
