"""A tenant's data lifecycle: the retention sweep of questions and answers, the export of
everything of the tenant as JSON lines, and its deletion from every store, with a receipt.

Stores that hold a tenant's data, and who empties them on deletion:
- PostgreSQL (gateway): the tenant row, its keys, questions with answers, conversations and
  their turns, webhooks, alerts with their deliveries, admin audit log;
- PostgreSQL (audit): model calls, budget holds and alerts — erased by the audit service;
- JetStream: the tenant's subjects in every stream (questions in flight, answers, audit events);
- NATS KV: its rate-limit counters and fair-share leases.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from nats.aio.client import Client as NatsClient
from nats.errors import Error as NatsError

from libs.common.lifecycle import LedgerPageRequest
from libs.common.logs import log_context
from libs.common.rpc import LEDGER_ERASE, LEDGER_EXPORT, NoArguments
from libs.common.subjects import (
    ANSWER_CACHE_BUCKET,
    RATELIMIT_BUCKET,
    SLOTS_BUCKET,
    STREAMS,
    StreamName,
    cache_key,
    slots_key,
    tenant_subjects,
)
from services.gateway.admin_schemas import ErasureReceipt, TenantView
from services.gateway.errors import ApiError
from services.gateway.ledger_client import ask_ledger
from services.gateway.ratelimit import rpm_keys_of
from services.gateway.repo import (
    Pool,
    admin_log,
    alerts,
    context,
    conversations,
    queries,
    tenants,
    webhooks,
)
from services.gateway.state import GatewayState

logger = logging.getLogger(__name__)

NOT_HELD = [
    "service logs: kept (with the tenant id on every line) for your log pipeline's retention",
    "traces: spans exported to your collector (each names the tenant) follow its retention",
    "Lemanado: the ad platforms' source data stays with the connector",
]


async def sweep_queries(pool: Pool) -> None:
    """Delete questions and answers, and conversations idle, past their tenant's retention
    (one sweep)."""
    for tenant_id, count in await queries.purge_expired(pool):
        with log_context(tenant_id=tenant_id):
            logger.info("retention: %s questions past the tenant's period deleted", count)
    for tenant_id, count in await conversations.purge_expired(pool):
        with log_context(tenant_id=tenant_id):
            logger.info("retention: %s conversations past the tenant's period deleted", count)
    for tenant_id, count in await alerts.purge_expired(pool):
        with log_context(tenant_id=tenant_id):
            logger.info("retention: %s alerts past the tenant's period deleted", count)


# --- export ------------------------------------------------------------------------------


def _line(kind: str, record: dict[str, Any]) -> str:
    return json.dumps({"type": kind, **record}, default=_jsonable, ensure_ascii=False) + "\n"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


async def ledger_page(
    state: GatewayState, tenant_id: str, after: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the tenant's ledger from the audit service (503 when it cannot say)."""
    page = await ask_ledger(
        state,
        LEDGER_EXPORT,
        tenant_id,
        LedgerPageRequest(after=after),
        "The ledger is unavailable right now; please retry.",
    )
    return page.items, page.next


async def export_lines(
    state: GatewayState, tenant: TenantView, first: tuple[list[dict[str, Any]], str | None]
) -> AsyncIterator[str]:
    """The tenant's data as JSON lines: its settings, its instructions' versions, every
    question with its answer, every conversation with its turns, its webhooks (never their
    secrets), every alert with its deliveries, every model call (usage and cost), its admin
    log; a complete export ends with an `end` line that counts the lines of each type (a
    broken one ends with an `error` line instead)."""
    tenant_id = tenant.id
    counts = {
        "instructions": 0, "question": 0, "conversation": 0, "webhook": 0, "alert": 0,
        "model_call": 0, "admin_action": 0,
    }  # fmt: skip
    yield _line("tenant", tenant.model_dump(mode="json"))
    try:
        for version in reversed(await context.versions(state.pool, tenant_id)):
            counts["instructions"] += 1
            yield _line("instructions", asdict(version))
        async for row in queries.export_queries(state.pool, tenant_id):
            counts["question"] += 1
            yield _line("question", row)
        async for row in conversations.export_conversations(state.pool, tenant_id):
            counts["conversation"] += 1
            yield _line("conversation", row)
        for webhook in await webhooks.list_webhooks(state.pool, tenant_id):
            counts["webhook"] += 1
            yield _line("webhook", webhook.model_dump(mode="json"))
        async for row in alerts.export_alerts(state.pool, tenant_id):
            counts["alert"] += 1
            yield _line("alert", row)
        rows, following = first
        while True:
            for row in rows:
                counts["model_call"] += 1
                yield _line("model_call", row)
            if following is None:
                break
            rows, following = await ledger_page(state, tenant_id, following)
        for entry in await admin_log.audit_log(state.pool, tenant_id, limit=None):
            counts["admin_action"] += 1
            yield _line("admin_action", entry.model_dump(mode="json"))
    except Exception as exc:  # the status line is sent: say so in the body, never truncate silently
        with log_context(tenant_id=tenant_id):
            logger.exception("export broken off")
        message = exc.detail if isinstance(exc, ApiError) else "The export broke off; retry."
        yield _line("error", {"message": message, "counts": counts})
        return
    yield _line("end", {"counts": counts, "exported_at": state.settings.clock.now()})


# --- deletion ----------------------------------------------------------------------------


async def erase_tenant(state: GatewayState, tenant: TenantView, actor: str) -> ErasureReceipt:
    """Delete everything of the tenant on every store; the receipt says what went from where.

    Order: suspend (its keys stop at once), purge its subjects, erase the ledger, delete its
    rows, purge again (anything still in flight a moment ago). A failure leaves the tenant
    suspended and the call can simply be repeated: every step is idempotent.
    """
    tenant_id = tenant.id
    if tenant.kind == "agency" and await tenants.client_tenants(state.pool, tenant_id):
        raise ApiError(409, "This agency still has client tenants; delete them first.")
    await tenants.update_tenant(
        state.pool, tenant_id, {"status": "suspended"}, actor, "tenant.delete.start"
    )
    with log_context(tenant_id=tenant_id):
        nc = state.broker.config.connection_state.connection
        streams = await _purge_nats(nc, tenant_id)
        ledger = await _erase_ledger(state, tenant_id)
        receipt: dict[str, Any] = {
            "receipt_id": str(uuid.uuid4()),
            "tenant_id": tenant_id,
            "kind": tenant.kind,
            "parent_id": tenant.parent_id,
            "requested_by": actor,
        }
        rows = await tenants.delete_tenant(state.pool, tenant_id, tenant.parent_id, receipt)
        for name, count in (await _purge_nats(nc, tenant_id)).items():
            streams[name] += count
        receipt.update(
            completed_at=state.settings.clock.now().isoformat(),
            deleted={"postgresql": rows, "ledger": ledger, "nats": streams},
            not_held_here=NOT_HELD,
        )
        logger.warning("tenant deleted on every store: %s", receipt["deleted"])
    return ErasureReceipt.model_validate(receipt)


async def _erase_ledger(state: GatewayState, tenant_id: str) -> dict[str, int]:
    report = await ask_ledger(
        state,
        LEDGER_ERASE,
        tenant_id,
        NoArguments(),
        "The ledger could not be erased now; the tenant stays suspended — retry.",
    )
    return report.deleted


async def _purge_nats(nc: NatsClient, tenant_id: str) -> dict[str, int]:
    """Purge the tenant's messages from our streams and its keys from our KV buckets, with the
    server's own count of what went."""
    filters: dict[str, str] = {
        spec.name: tenant_subjects(tenant_id)
        for spec in STREAMS
        if spec.name is not StreamName.DEADLETTER
    }
    filters[f"KV_{RATELIMIT_BUCKET}"] = f"$KV.{RATELIMIT_BUCKET}.{rpm_keys_of(tenant_id)}"
    filters[f"KV_{SLOTS_BUCKET}"] = f"$KV.{SLOTS_BUCKET}.{slots_key(tenant_id)}"
    filters[f"KV_{ANSWER_CACHE_BUCKET}"] = f"$KV.{ANSWER_CACHE_BUCKET}.{cache_key(tenant_id, '>')}"
    purged: dict[str, int] = {}
    for stream, subject_filter in filters.items():
        try:
            reply = await nc.request(
                f"$JS.API.STREAM.PURGE.{stream}",
                json.dumps({"filter": subject_filter}).encode(),
                timeout=10,
            )
        except (TimeoutError, NatsError) as exc:
            raise ApiError(
                503, "The message store is unavailable; the tenant stays suspended — retry."
            ) from exc
        body = json.loads(reply.data)
        if "error" in body:
            if body["error"].get("err_code") == 10059:  # stream not found: nothing of it held
                purged[stream] = 0
                continue
            raise ApiError(503, f"Purging {stream} failed; the tenant stays suspended — retry.")
        purged[stream] = int(body.get("purged", 0))
    return purged
