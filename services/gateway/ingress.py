"""The NATS door for internal teams: a question asked on `aya.v1.<tenant>.ask` (request-reply)
or `aya.v1.<tenant>.ask.async` (fire-and-forget) gets everything a REST question gets.

- Who asks comes from the server, never from the message: a team publishes from its own
  account, which imports only its tenants' ask subjects with `share: true`, so the server
  stamps every such message with a `Nats-Request-Info` header naming the team's account (a
  forged header is overwritten). No header, or our own account: refused, 401.
- The tenant's rate limit, token limit, model policy and budget are read from PostgreSQL
  (`admission`, `asking`), and the question is stored, so REST reads, usage, export and
  erasure see it.
- The body is REST's (`{"query", "mode"?}`), the reply is REST's sync body or
  `{"error": {"code", "message"}}`, with the HTTP status REST would give in the `Aya-Status`
  header. A refusal with nowhere to reply to goes out as a receipt on
  `aya.v1.<tenant>.ask.receipts`, where fire-and-forget questions get their ids: nothing is
  dropped silently.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from nats.aio.msg import Msg
from opentelemetry.trace import SpanKind
from pydantic import ValidationError

from libs.common.ids import new_query_id, query_id_for_key
from libs.common.logs import log_context
from libs.common.nats_users import APP_ACCOUNT
from libs.common.subjects import AskForm, receipts_subject, tenant_of
from libs.common.telemetry import span, traceparent_of
from services.gateway import admission, asking
from services.gateway.answers import result_from_answer, sync_body
from services.gateway.errors import ApiError, describe_errors, error_body
from services.gateway.repo.principals import Principal, principal_for_team
from services.gateway.schemas import ErrorDetail, QueryAccepted, QueryRequest, Receipt
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)

REQUEST_INFO = "Nats-Request-Info"
"""The header the server sets on a message that crossed a `share: true` service import."""
STATUS = "Aya-Status"
"""The HTTP status REST would have answered with (200, 202, 4xx, 5xx)."""
IDEMPOTENCY_KEY = "Idempotency-Key"
RETRY_AFTER = "Retry-After"
MAX_KEY_CHARS = 200


@dataclass(frozen=True)
class Reply:
    """What the door says to one message: REST's status and body."""

    status: int
    body: dict[str, Any]
    retry_after: str | None = None
    """Seconds until a refused question may be asked again (429), as REST's header says."""

    def headers(self) -> dict[str, str]:
        """The reply's headers: REST's status, and `Retry-After` with a 429."""
        extra = {RETRY_AFTER: self.retry_after} if self.retry_after else {}
        return {STATUS: str(self.status), **extra}


async def on_ask(state: GatewayState, msg: Msg, form: AskForm, body: QueryRequest) -> None:
    """Answer one question of the NATS door; never raises (a refusal is a reply, not a crash)."""
    await _door(state, msg, form, lambda tenant_id: _ask(state, msg, tenant_id, form, body))


async def on_refused(state: GatewayState, msg: Msg, form: AskForm, error: ApiError) -> None:
    """Refuse a message that never became a question (too large, not JSON, not the contract)."""

    async def refuse(_: str) -> Reply:
        raise error

    await _door(state, msg, form, refuse)


def oversized(state: GatewayState, data: bytes) -> ApiError | None:
    """413 for a message over the body limit (checked before it is parsed)."""
    limit = state.settings.max_body_bytes
    if len(data) <= limit:
        return None
    return ApiError(413, f"The message is larger than {limit} bytes.")


def unreadable(data: bytes, exc: ValidationError) -> ApiError:
    """400 for a message that is not JSON, 422 for one that is not the ask contract."""
    try:
        json.loads(data)
    except ValueError:
        return ApiError(400, "The message is not valid JSON.", code="malformed_json")
    return ApiError(422, describe_errors(exc.errors()))


async def _door(
    state: GatewayState, msg: Msg, form: AskForm, work: Callable[[str], Awaitable[Reply]]
) -> None:
    try:
        tenant_id = tenant_of(msg.subject)
    except ValueError:
        # The subscription's wildcard matched a token that is no tenant id (say, upper case).
        logger.warning("NATS question on %r refused: not a tenant's subject", msg.subject)
        await _respond(state, msg, Reply(404, error_body("not_found", "No such tenant.")))
        return
    with (
        log_context(tenant_id=tenant_id),
        span(
            "query.ask",
            tenant_id,
            parent=traceparent_of(msg.headers),
            kind=SpanKind.SERVER,
            attributes={"aya.door": "nats", "aya.form": form.value},
        ),
    ):
        try:
            reply = await work(tenant_id)
        except ApiError as exc:
            logger.warning(
                "NATS question refused: %s %s — %s", exc.status_code, exc.code, exc.detail
            )
            reply = Reply(
                exc.status_code,
                error_body(exc.code, str(exc.detail), **exc.extra),
                (exc.headers or {}).get(RETRY_AFTER),
            )
        except Exception:
            logger.exception("NATS question failed on our side")
            reply = Reply(
                500, error_body("internal_error", "Something went wrong on our side; please retry.")
            )
        await _deliver(state, msg, tenant_id, reply)


async def _ask(
    state: GatewayState, msg: Msg, tenant_id: str, form: AskForm, body: QueryRequest
) -> Reply:
    if form is AskForm.REQUEST and not msg.reply:
        raise ApiError(
            400,
            "This subject is request-reply: send with a reply subject (a NATS request), or "
            "publish on the fire-and-forget subject `.ask.async` instead.",
            code="no_reply_subject",
        )
    team = _team(msg.headers)
    body = _for_form(body, form)
    key = _idempotency_key(msg.headers)
    caller = await principal_for_team(state.pool, tenant_id, team)
    if caller is None:
        raise ApiError(404, f"No tenant {tenant_id!r} here.")
    await admission.admit_question(state, caller)
    query_id = query_id_for_key(tenant_id, key) if key else new_query_id()
    with log_context(query_id=query_id):
        return await _answer(state, caller, query_id, body)


async def _answer(
    state: GatewayState, caller: Principal, query_id: str, body: QueryRequest
) -> Reply:
    stored = await asking.store(
        state,
        caller,
        query_id,
        body.query,
        conversation_id=body.conversation_id,
        stream=body.mode == "stream",
    )
    thread = stored.thread(state.settings.conversation_max_turns)
    if stored.answer is not None:
        if body.mode == "sync":
            asking.raise_if_refused(stored.answer)
        return Reply(200, sync_body(result_from_answer(stored.answer, thread=thread)))
    if body.mode != "sync":
        await asking.release_stored(state, caller.tenant_id, stored)
        state.metrics.queries.labels(caller.tenant_id, "unknown", "nats", "queued").inc()
        accepted = QueryAccepted(id=query_id, **thread.model_dump())
        return Reply(202, accepted.model_dump())
    answered = await asking.answer_sync(state, caller, query_id, stored, mode="nats")
    return Reply(200, sync_body(result_from_answer(answered.answer, thread=thread)))


def _team(headers: dict[str, str] | None) -> str:
    """The asking team's account, as the server stamped it."""
    raw = (headers or {}).get(REQUEST_INFO)
    try:
        info = json.loads(raw) if raw else None
    except ValueError:
        info = None
    account = info.get("acc") if isinstance(info, dict) else None
    if not isinstance(account, str) or not account or account == APP_ACCOUNT:
        raise ApiError(
            401,
            "Questions on NATS are taken from team accounts only: connect with your team's "
            "credentials (the server vouches for who asks).",
        )
    return account


def _for_form(body: QueryRequest, form: AskForm) -> QueryRequest:
    """The fire-and-forget subject asks in async mode unless told to stream; sync cannot be."""
    if form is not AskForm.ASYNC:
        return body
    if "mode" not in body.model_fields_set:
        return body.model_copy(update={"mode": "async"})
    if body.mode == "sync":
        raise ApiError(
            422,
            "mode: sync needs the request-reply subject `.ask`; "
            "this fire-and-forget subject takes async or stream.",
        )
    return body


def _idempotency_key(headers: dict[str, str] | None) -> str | None:
    key = (headers or {}).get(IDEMPOTENCY_KEY)
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_CHARS or "\x00" in key:
        raise ApiError(422, f"{IDEMPOTENCY_KEY}: 1–{MAX_KEY_CHARS} characters, no NUL.")
    return key


async def _deliver(state: GatewayState, msg: Msg, tenant_id: str, reply: Reply) -> None:
    """The reply, or the receipt when there is nowhere to reply; a failure to send is logged
    (it must not reach the guard, which would take it for a malformed message)."""
    try:
        await _send(state, msg, tenant_id, reply)
    except Exception:
        logger.exception("NATS door: the %s reply could not be sent", reply.status)


async def _send(state: GatewayState, msg: Msg, tenant_id: str, reply: Reply) -> None:
    if msg.reply:
        await _respond(state, msg, reply)
        return
    # Nowhere to reply: the receipt is where a team learns the id, or why it was refused.
    key = (msg.headers or {}).get(IDEMPOTENCY_KEY)
    error = reply.body.get("error")
    receipt = Receipt.model_construct(  # the reply's own fields, already checked
        id=reply.body.get("id"),
        status=reply.body.get("status"),
        error=ErrorDetail.model_construct(**error) if isinstance(error, dict) else None,
        idempotency_key=key,
    )
    nc = state.broker.config.connection_state.connection
    await nc.publish(
        receipts_subject(tenant_id),
        receipt.model_dump_json(exclude_none=True).encode(),
        headers=reply.headers(),
    )


async def _respond(state: GatewayState, msg: Msg, reply: Reply) -> None:
    if not msg.reply:
        return
    nc = state.broker.config.connection_state.connection
    await nc.publish(msg.reply, json.dumps(reply.body).encode(), headers=reply.headers())
