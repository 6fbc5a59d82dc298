"""Asking the audit service (the ledger's owner) for one tenant's figures (`libs.common.rpc`):
anything but a well-formed answer is a 503 the client can retry, and a request the ledger
finds invalid a 422."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from libs.common.rpc import Rpc, RpcError, call
from services.gateway.errors import ApiError
from services.gateway.state import GatewayState

RequestT = TypeVar("RequestT", bound=BaseModel)
ReplyT = TypeVar("ReplyT", bound=BaseModel)


async def ask_ledger(
    state: GatewayState,
    rpc: Rpc[RequestT, ReplyT],
    tenant_id: str,
    request: RequestT,
    unavailable: str,
) -> ReplyT:
    """The audit service's reply to `request` for the tenant."""
    try:
        return await call(
            state.broker,
            rpc,
            tenant_id,
            request,
            timeout_seconds=state.settings.usage_timeout_seconds,
        )
    except RpcError as exc:
        raise _api_error(exc, unavailable) from exc


def _api_error(exc: RpcError, unavailable: str) -> ApiError:
    if not exc.replied:  # no reply, or not the contract: nothing a client should read
        return ApiError(503, unavailable)
    if exc.code == "invalid_request":
        return ApiError(422, exc.message)
    return ApiError(503, f"{exc.message} {unavailable}")
