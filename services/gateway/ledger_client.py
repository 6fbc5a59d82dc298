"""Asking the audit service (the ledger's owner) for one tenant's figures over NATS
request-reply: the tenant is in the subject, the trace in the headers, and anything but a
well-formed answer is a 503 the client can retry."""

from __future__ import annotations

from typing import TypeVar

from nats.errors import Error as NatsError
from pydantic import BaseModel, ValidationError

from libs.common.answer import ErrorInfo
from libs.common.subjects import Stage, subject
from libs.common.telemetry import trace_headers
from services.gateway.errors import ApiError
from services.gateway.state import GatewayState

ReplyT = TypeVar("ReplyT", bound=BaseModel)


async def ask_ledger(
    state: GatewayState,
    tenant_id: str,
    stage: Stage,
    request: BaseModel | None,
    reply_type: type[ReplyT],
    unavailable: str,
) -> ReplyT:
    """The audit service's reply to `request` on the tenant's `stage` subject."""
    payload = request.model_dump_json() if request is not None else "{}"
    try:
        message = await state.broker.request(
            payload,
            subject(tenant_id, stage),
            timeout=state.settings.usage_timeout_seconds,
            headers=trace_headers(),
        )
        reply = reply_type.model_validate_json(message.body)
    except (TimeoutError, NatsError, ValidationError) as exc:
        raise ApiError(503, unavailable) from exc
    error: ErrorInfo | None = getattr(reply, "error", None)
    if error is not None:
        raise ApiError(503, f"{error.message} {unavailable}".strip())
    return reply
