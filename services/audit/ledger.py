"""The ledger in PostgreSQL: idempotent writes and per-tenant usage (always tenant-scoped)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from libs.common.db import tenant_transaction
from libs.common.model_call import ModelCall
from services.audit.cost import Cost

Pool = AsyncConnectionPool[AsyncConnection[tuple[object, ...]]]
GroupBy = Literal["model", "engine", "day", "principal"]

_GROUP_EXPR: dict[str, str] = {
    "model": "model",
    "engine": "engine",
    "day": "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
    "principal": "principal",
}


async def record(pool: Pool, call: ModelCall, cost: Cost) -> bool:
    """Write one call; False when its call_id was already recorded (a redelivered event)."""
    async with tenant_transaction(pool, call.tenant_id) as conn:
        cur = await conn.execute(
            "INSERT INTO model_calls (call_id, query_id, tenant_id, principal, engine, model,"
            " tier, started_at, finished_at, latency_ms, input_tokens, output_tokens, status,"
            " error_code, answered, degraded, running_beside, cost_usd_micros, price_basis,"
            " trace_id, rationale) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (call_id) DO NOTHING",
            (
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
            ),
        )
        return cur.rowcount == 1


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
    shaped["cost_usd"] = round(int(row.get("cost_usd_micros", 0)) / 1_000_000, 6)
    if "key" in row:
        shaped = {"key": row["key"], **shaped}
    return shaped
