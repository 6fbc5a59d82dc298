"""The ledger in PostgreSQL: idempotent writes and per-tenant usage (always tenant-scoped)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from libs.common.budget import AlertKind, BudgetAlert, HoldReply, HoldRequest
from libs.common.db import tenant_transaction
from libs.common.model_call import CallStatus, ModelCall
from libs.common.presentation import to_json_number, usd
from services.audit.cost import Cost

Connection = AsyncConnection[tuple[object, ...]]
Pool = AsyncConnectionPool[Connection]
Announce = Callable[[BudgetAlert], Awaitable[None]]
GroupBy = Literal["model", "engine", "day", "principal", "prompt_version"]


async def _silent(alert: BudgetAlert) -> None:
    """No announcement (tools and tests that only read the ledger)."""


_GROUP_EXPR: dict[str, str] = {
    "model": "model",
    "engine": "engine",
    "day": "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
    "principal": "principal",
    "prompt_version": "coalesce(prompt_version, 'unrecorded')",
}


_CALL_COLUMNS = (
    "call_id, query_id, tenant_id, principal, engine, model, tier, started_at, finished_at,"
    " latency_ms, input_tokens, output_tokens, status, error_code, answered, degraded,"
    " running_beside, cost_usd_micros, price_basis, trace_id, rationale, hold_id, prompt_version"
)
_OUTCOME_COLUMNS = [
    column.strip()
    for column in _CALL_COLUMNS.split(",")
    if column.strip() not in ("call_id", "query_id", "tenant_id", "principal", "tier")
]
_INSERT_CALL = (
    f"INSERT INTO model_calls ({_CALL_COLUMNS}) VALUES ({', '.join(['%s'] * 23)})"
    " ON CONFLICT (call_id) DO "
)
# An outcome replaces only the ledger's own guess: a call recorded as interrupted whose real
# outcome came late (its audit event queued behind an outage longer than the grace period).
_ON_OUTCOME = (
    "UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in _OUTCOME_COLUMNS)
    + " WHERE model_calls.status = 'interrupted'"
)


def _row(call: ModelCall, cost: Cost) -> tuple[object, ...]:
    return (
        call.call_id,
        call.query_id,
        call.tenant_id,
        call.principal,
        call.engine,
        call.model,
        call.tier.value,
        call.started_at,
        call.finished_at,
        call.latency_ms,
        call.input_tokens,
        call.output_tokens,
        call.status.value,
        call.error_code,
        call.answered,
        call.degraded,
        call.running_beside,
        cost.usd_micros,
        cost.basis,
        call.trace_id,
        Jsonb(call.rationale.model_dump(mode="json")),
        call.hold_id,
        call.prompt_version,
    )


async def record(pool: Pool, call: ModelCall, cost: Cost, announce: Announce = _silent) -> bool:
    """Write one call's outcome, retire its announcement and settle its budget hold, in one
    transaction; False when its outcome was already recorded (a redelivered event)."""
    async with tenant_transaction(pool, call.tenant_id) as conn:
        cur = await conn.execute(_INSERT_CALL + _ON_OUTCOME, _row(call, cost))
        new = cur.rowcount == 1
        await conn.execute("DELETE FROM calls_in_flight WHERE call_id = %s", (call.call_id,))
        if new and call.hold_id is not None:
            await _settle(conn, call.tenant_id, call.hold_id, announce)
        return new


async def announce(pool: Pool, call: ModelCall) -> bool:
    """Keep a call's announcement until its outcome arrives; False when the outcome is in
    already (events are handled concurrently) or the announcement was redelivered."""
    settle_by = call.started_at + dt.timedelta(seconds=call.max_seconds or 0)
    async with tenant_transaction(pool, call.tenant_id) as conn:
        cur = await conn.execute(
            "INSERT INTO calls_in_flight (call_id, tenant_id, settle_by, call)"
            " SELECT %s, %s, %s, %s"
            " WHERE NOT EXISTS (SELECT 1 FROM model_calls WHERE call_id = %s)"
            " ON CONFLICT (call_id) DO NOTHING",
            (
                call.call_id,
                call.tenant_id,
                settle_by,
                Jsonb(call.model_dump(mode="json")),
                call.call_id,
            ),
        )
        return cur.rowcount == 1


Price = Callable[[ModelCall], Cost]


async def settle_overdue(
    pool: Pool, grace: dt.timedelta, price: Price, limit: int = 200
) -> list[tuple[ModelCall, Cost]]:
    """Record the calls announced but never reported by their deadline and `grace` as
    interrupted (their worker died mid-call), each priced by `price`; the ones recorded now.
    An outcome recorded meanwhile wins: the announcement is then only retired."""
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT tenant_id, call_id FROM overdue_calls_in_flight(%s, %s)",
            (grace.total_seconds(), limit),
        )
        overdue = [(str(tenant), str(call_id)) for tenant, call_id in await cur.fetchall()]
    settled: list[tuple[ModelCall, Cost]] = []
    for tenant_id, call_id in overdue:
        async with tenant_transaction(pool, tenant_id) as conn:
            cur = await conn.execute(
                "DELETE FROM calls_in_flight WHERE call_id = %s RETURNING call", (call_id,)
            )
            row = await cur.fetchone()
            if row is None:
                continue  # its outcome came meanwhile
            call = interrupted(ModelCall.model_validate(row[0]))
            cost = price(call)
            cur = await conn.execute(_INSERT_CALL + "NOTHING", _row(call, cost))
            if cur.rowcount != 1:
                continue  # its outcome raced its announcement and is in already
            if call.hold_id is not None:
                # Its ceiling is now spend: the hold must not count it a second time.
                await conn.execute("DELETE FROM budget_holds WHERE hold_id = %s", (call.hold_id,))
            settled.append((call, cost))
    return settled


def interrupted(announced: ModelCall) -> ModelCall:
    """An announced call as the ledger records it when no outcome ever came: it ran (as far
    as anyone can tell) until its time limit, with nothing to show for it."""
    seconds = announced.max_seconds or 0.0
    return announced.model_copy(
        update={
            "status": CallStatus.INTERRUPTED,
            "error_code": "interrupted",
            "finished_at": announced.started_at + dt.timedelta(seconds=seconds),
            "output_tokens": 0,
            "answered": False,
        }
    )


async def _settle(conn: Connection, tenant_id: str, hold_id: str, announce: Announce) -> None:
    cur = await conn.execute(
        "DELETE FROM budget_holds WHERE hold_id = %s RETURNING budget_usd_micros, alert_ratio",
        (hold_id,),
    )
    hold = await cur.fetchone()
    if hold is None:
        return  # expired before its call reported: the call's spend counts from now on
    budget, ratio = int(str(hold[0])), float(str(hold[1]))
    spent = await _month_spend(conn)
    if spent >= budget * ratio:
        await _alert(conn, tenant_id, "threshold", spent, budget, ratio, announce)


async def hold(
    pool: Pool,
    tenant_id: str,
    request: HoldRequest,
    ceiling: int,
    expires_in: dt.timedelta,
    announce: Announce = _silent,
) -> HoldReply:
    """Reserve `ceiling` for one call if this month's spend, the holds in flight and it fit
    the tenant's budget. Holds of one tenant are decided one at a time (an advisory lock), so
    concurrent requests cannot all see the same headroom."""
    budget = request.budget
    async with tenant_transaction(pool, tenant_id) as conn:
        await conn.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"budget:{tenant_id}",)
        )
        spent, held = await _month_figures(conn)
        granted = spent + held + ceiling <= budget.monthly_usd_micros
        hold_id = str(uuid.uuid4()) if granted else None
        if granted:
            await conn.execute(
                "INSERT INTO budget_holds (hold_id, tenant_id, query_id, engine, model,"
                " amount_usd_micros, budget_usd_micros, alert_ratio, expires_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, app_now() + %s)",
                (
                    hold_id,
                    tenant_id,
                    request.query_id,
                    request.engine,
                    request.model,
                    ceiling,
                    budget.monthly_usd_micros,
                    budget.alert_ratio,
                    expires_in,
                ),
            )
        args = (spent, budget.monthly_usd_micros, budget.alert_ratio, announce)
        if spent >= budget.monthly_usd_micros * budget.alert_ratio:
            await _alert(conn, tenant_id, "threshold", *args)
        if not granted:
            await _alert(conn, tenant_id, "exhausted", *args)
    return HoldReply(
        granted=granted,
        hold_id=hold_id,
        ceiling_usd_micros=ceiling,
        spent_usd_micros=spent,
        held_usd_micros=held,
        budget_usd_micros=budget.monthly_usd_micros,
    )


async def month_figures(pool: Pool, tenant_id: str) -> tuple[int, int]:
    """The tenant's spend this UTC month and its live holds."""
    async with tenant_transaction(pool, tenant_id) as conn:
        return await _month_figures(conn)


_MONTH_SPEND = (
    "SELECT coalesce(sum(cost_usd_micros), 0) FROM model_calls"
    " WHERE started_at >= date_trunc('month', app_now(), 'UTC')"
)


async def _month_spend(conn: Connection) -> int:
    cur = await conn.execute(_MONTH_SPEND)
    row = await cur.fetchone() or (0,)
    return int(str(row[0]))


async def _month_figures(conn: Connection) -> tuple[int, int]:
    """This UTC month's spend and the live holds, read in one statement: one snapshot, so a
    call settling meanwhile is counted once (as spend or as hold), never neither. (Lapsed
    holds no longer count; the retention sweep deletes their rows.)"""
    cur = await conn.execute(
        f"SELECT ({_MONTH_SPEND}),"
        " (SELECT coalesce(sum(amount_usd_micros), 0) FROM budget_holds"
        " WHERE expires_at > app_now())"
    )
    row = await cur.fetchone() or (0, 0)  # an aggregate always has a row
    return int(str(row[0])), int(str(row[1]))


async def _alert(
    conn: Connection,
    tenant_id: str,
    kind: AlertKind,
    spent: int,
    budget: int,
    ratio: float,
    announce: Announce,
) -> None:
    """Raise the month's alert of this kind once; announced before the commit, so a failed
    announcement rolls the transaction back and the redelivery raises it again."""
    cur = await conn.execute(
        "INSERT INTO budget_alerts (tenant_id, month, kind, spent_usd_micros, budget_usd_micros,"
        " alert_ratio) VALUES (%s, date_trunc('month', app_now(), 'UTC')::date, %s, %s, %s, %s)"
        " ON CONFLICT DO NOTHING RETURNING month, raised_at",
        (tenant_id, kind, spent, budget, ratio),
    )
    row = await cur.fetchone()
    if row is None:
        return
    month, raised_at = row
    alert = {
        "tenant_id": tenant_id,
        "month": month,
        "kind": kind,
        "spent_usd_micros": spent,
        "budget_usd_micros": budget,
        "alert_ratio": ratio,
        "raised_at": raised_at,
    }
    await announce(BudgetAlert.model_validate(alert))


_TOTALS = (
    "count(*) AS calls,"
    # A question whose first answer was retried (grounding) has two answered calls: count
    # questions, not calls.
    " count(DISTINCT query_id) FILTER (WHERE answered) AS answers,"
    " count(DISTINCT query_id) FILTER (WHERE answered AND degraded) AS degraded_answers,"
    " coalesce(sum(input_tokens), 0) AS input_tokens,"
    " coalesce(sum(output_tokens), 0) AS output_tokens,"
    " coalesce(sum(cost_usd_micros), 0) AS cost_usd_micros"
)


async def usage(
    pool: Pool, tenant_id: str, start: dt.datetime, end: dt.datetime, group_by: GroupBy | None
) -> dict[str, Any]:
    """Totals (and groups) of the tenant's calls that started in [start, end)."""
    where = "WHERE started_at >= %s AND started_at < %s"
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(f"SELECT {_TOTALS} FROM model_calls {where}", (start, end))
        totals = await cur.fetchone()
        groups: list[dict[str, Any]] = []
        if group_by is not None:
            expr = _GROUP_EXPR[group_by]
            await cur.execute(
                f"SELECT {expr} AS key, {_TOTALS} FROM model_calls {where}"
                f" GROUP BY {expr} ORDER BY {expr}",
                (start, end),
            )
            groups = [_shape(row) for row in await cur.fetchall()]
    return {"totals": _shape(totals or {}), "groups": groups}


def _shape(row: dict[str, Any]) -> dict[str, Any]:
    shaped: dict[str, Any] = {
        k: int(v) for k, v in row.items() if k not in ("key", "cost_usd_micros")
    }
    shaped["cost_usd"] = to_json_number(usd(int(row.get("cost_usd_micros", 0))))
    if "key" in row:
        shaped = {"key": row["key"], **shaped}
    return shaped


_EXPORT_COLUMNS = (
    "call_id, query_id, principal, engine, model, tier, started_at, finished_at, latency_ms,"
    " input_tokens, output_tokens, status, error_code, answered, degraded, running_beside,"
    " cost_usd_micros, price_basis, trace_id, rationale, prompt_version"
)


async def export_page(
    pool: Pool, tenant_id: str, after: tuple[dt.datetime, str] | None, limit: int
) -> list[dict[str, Any]]:
    """The tenant's calls oldest first, strictly after the (started_at, call_id) cursor."""
    where, params = "", [limit]
    if after is not None:
        where = "WHERE (started_at, call_id) > (%s, %s)"
        params = [after[0], after[1], limit]  # type: ignore[list-item]
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_EXPORT_COLUMNS} FROM model_calls {where}"
            " ORDER BY started_at, call_id LIMIT %s",
            params,
        )
        return await cur.fetchall()


ERASED_TABLES = ("model_calls", "calls_in_flight", "budget_holds", "budget_alerts")


async def erase(pool: Pool, tenant_id: str) -> dict[str, int]:
    """Delete every ledger row of the tenant, in one transaction; rows deleted per table."""
    deleted: dict[str, int] = {}
    async with tenant_transaction(pool, tenant_id) as conn:
        for table in ERASED_TABLES:
            # RLS scopes the DELETE to the tenant; the WHERE says so for the reader too.
            cur = await conn.execute(f"DELETE FROM {table} WHERE tenant_id = %s", (tenant_id,))
            deleted[table] = cur.rowcount
    return deleted


async def purge_expired(pool: Pool, keep_days: int) -> dict[str, int]:
    """Delete ledger rows older than `keep_days` (and lapsed holds); deleted calls per tenant."""
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT * FROM purge_expired_ledger(%s)", (keep_days,))
        return {str(tenant): int(str(count)) for tenant, count in await cur.fetchall()}
