"""Request-reply between our services, one way for all of them: a typed request and reply,
the tenant in the subject, a timeout, one error reply, and the trace context.

An `Rpc` names a contract: the stage (`aya.v1.<tenant>.<stage>`), the request model, the reply
model. `call` sends a request for a tenant and returns the validated reply, or raises
`RpcError` with a stable code: the responder's own (its error reply), `timeout`,
`unavailable` (no responder, connection trouble) or `bad_reply` (a reply that is not the
contract, or is about another tenant). `responder` registers the other side: it validates the
request (`invalid_request`, or the contract's own code), hands the handler the subject's tenant
— never the body's —, continues the requester's trace, and turns an `RpcError` into the error
reply `{"error": {"code", "message"}}`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from faststream.nats import NatsBroker, NatsRouter
from nats.errors import Error as NatsError
from opentelemetry.trace import SpanKind
from pydantic import BaseModel, ConfigDict, ValidationError

from libs.common.answer import ErrorInfo
from libs.common.budget import BudgetStatus, HoldReply, HoldRequest
from libs.common.fetch import FetchReply, FetchRequest
from libs.common.handler_params import NatsBroker as InjectedBroker
from libs.common.handler_params import NatsMessage
from libs.common.lifecycle import ErasureReport, LedgerPage, LedgerPageRequest
from libs.common.logs import log_context
from libs.common.subjects import Stage, any_tenant, subject, tenant_of
from libs.common.telemetry import span, trace_headers, traceparent_of
from libs.common.usage import UsageReport, UsageRequest

logger = logging.getLogger(__name__)
RequestT = TypeVar("RequestT", bound=BaseModel)
ReplyT = TypeVar("ReplyT", bound=BaseModel)


class NoArguments(BaseModel):
    """The request of a contract that needs nothing but its tenant."""

    model_config = ConfigDict(extra="forbid")


class ErrorReply(BaseModel):
    """What a responder answers when it cannot give the contract's reply."""

    error: ErrorInfo


class RpcError(Exception):
    """A request that got no reply of its contract; `code` is stable, `message` readable.
    `replied`: the responder said so (its error reply), rather than the transport or a reply
    that broke the contract — only then is `message` the responder's, fit for a client."""

    def __init__(self, code: str, message: str, *, replied: bool = False) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.replied = replied

    @property
    def info(self) -> ErrorInfo:
        """The error as the error reply carries it."""
        return ErrorInfo(code=self.code, message=self.message)


@dataclass(frozen=True)
class Rpc(Generic[RequestT, ReplyT]):
    """A request-reply contract between two services."""

    stage: Stage
    request: type[RequestT]
    reply: type[ReplyT]
    invalid_code: str = "invalid_request"
    """The code of the error reply to a request that is not the contract."""


USAGE = Rpc(Stage.USAGE_REQUEST, UsageRequest, UsageReport)
"""gateway → audit: a tenant's model usage over some days."""
BUDGET_HOLD = Rpc(Stage.BUDGET_HOLD, HoldRequest, HoldReply)
"""inference → audit: hold a model call's cost ceiling against the tenant's budget."""
BUDGET_STATUS = Rpc(Stage.BUDGET_STATUS, NoArguments, BudgetStatus)
"""gateway → audit: this month's spend and the holds in flight."""
LEDGER_EXPORT = Rpc(Stage.LEDGER_EXPORT, LedgerPageRequest, LedgerPage)
"""gateway → audit: a page of the tenant's ledger (its export)."""
LEDGER_ERASE = Rpc(Stage.LEDGER_ERASE, NoArguments, ErasureReport)
"""gateway → audit: delete the tenant's ledger rows (its deletion)."""
FETCH = Rpc(Stage.FETCH_REQUEST, FetchRequest, FetchReply, invalid_code="invalid_arguments")
"""inference → data_fetch: a model's get_metrics tool call."""


async def call(
    broker: NatsBroker,
    rpc: Rpc[RequestT, ReplyT],
    tenant_id: str,
    request: RequestT,
    *,
    timeout_seconds: float,
    correlation_id: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> ReplyT:
    """The tenant's reply to `request`, or `RpcError`."""
    try:
        message = await broker.request(
            request.model_dump_json(),
            subject(tenant_id, rpc.stage),
            timeout=timeout_seconds,
            correlation_id=correlation_id,
            headers={**trace_headers(), **(headers or {})},
        )
    except TimeoutError as exc:
        raise RpcError(
            "timeout", f"no reply to {rpc.stage.value} within {timeout_seconds} s"
        ) from exc
    except NatsError as exc:
        raise RpcError("unavailable", f"{rpc.stage.value}: {type(exc).__name__}") from exc
    return _reply(rpc, tenant_id, message.body)


def _reply(rpc: Rpc[Any, ReplyT], tenant_id: str, body: bytes) -> ReplyT:
    try:
        failed = ErrorReply.model_validate_json(body)
    except ValidationError:
        pass
    else:
        raise RpcError(failed.error.code, failed.error.message, replied=True)
    try:
        reply = rpc.reply.model_validate_json(body)
    except ValidationError as exc:
        raise RpcError("bad_reply", f"{rpc.stage.value}: not a {rpc.reply.__name__}") from exc
    about = getattr(reply, "tenant_id", tenant_id)
    if about != tenant_id:
        raise RpcError("bad_reply", f"{rpc.stage.value}: a reply about another tenant")
    return reply


@dataclass(frozen=True)
class Served(Generic[RequestT]):
    """One request, as a responder's handler sees it."""

    tenant_id: str
    """The subject's tenant: the only tenant the handler may act for."""
    request: RequestT
    headers: Mapping[str, str]
    broker: NatsBroker


Handler = Callable[[Served[RequestT]], Awaitable[BaseModel]]


def responder(
    router: NatsRouter, rpc: Rpc[RequestT, Any], *, queue: str
) -> Callable[[Handler[RequestT]], Handler[RequestT]]:
    """Decorator: answer `rpc` for every tenant, in the queue group `queue`."""

    def register(handler: Handler[RequestT]) -> Handler[RequestT]:
        @router.subscriber(
            any_tenant(rpc.stage), queue=queue, title=rpc.stage.value, include_in_schema=False
        )
        async def respond(message: NatsMessage, broker: InjectedBroker) -> dict[str, Any]:
            return await answer(rpc, handler, message, broker)

        return handler

    return register


async def answer(
    rpc: Rpc[RequestT, Any], handler: Handler[RequestT], message: NatsMessage, broker: NatsBroker
) -> dict[str, Any]:
    """The reply (or error reply) to one request."""
    tenant_id = tenant_of(message.raw_message.subject)
    parent = traceparent_of(message.headers)
    with (
        log_context(tenant_id=tenant_id),
        span(rpc.stage.value, tenant_id, parent=parent, kind=SpanKind.SERVER),
    ):
        try:
            request = rpc.request.model_validate_json(message.body or b"{}")
        except ValidationError as exc:
            return _error(rpc.invalid_code, first_problem(exc))
        headers = {k: v for k, v in (message.headers or {}).items() if isinstance(v, str)}
        try:
            reply = await handler(Served(tenant_id, request, headers, broker))
        except RpcError as exc:
            return _error(exc.code, exc.message)
        except Exception:
            # Answered, so the requester does not wait out its timeout; logged with the tenant.
            logger.exception("%s failed on our side", rpc.stage.value)
            return _error("internal_error", f"{rpc.stage.value} failed on our side; retry.")
        return reply.model_dump(mode="json", by_alias=True)


def _error(code: str, message: str) -> dict[str, Any]:
    return ErrorReply(error=ErrorInfo(code=code, message=message)).model_dump(mode="json")


def first_problem(exc: ValidationError) -> str:
    """A request's first validation problem: where, and what (for its error reply)."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
