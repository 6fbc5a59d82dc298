"""The `queries` table: questions, their state and answers (tenant-scoped)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, cast

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from libs.common.answer import Answer
from libs.common.db import tenant_transaction
from services.gateway.repo import Conn, Pool


@dataclass(frozen=True)
class StoredQuery:
    """A question as stored: its text, state and answer (when there is one)."""

    query_id: str
    principal: str
    text: str
    status: str
    answer: dict[str, Any] | None
    created_at: dt.datetime
    answered_at: dt.datetime | None
    conversation_id: str | None = None
    turn: int | None = None


_QUERY_COLUMNS = (
    "id::text AS query_id, principal, text, status, answer, created_at, answered_at,"
    " conversation_id::text AS conversation_id, turn"
)


async def insert_query(
    conn: Conn, tenant_id: str, query_id: str, principal: str, text: str
) -> bool:
    """Record a new question in the caller's transaction; False when the id is taken."""
    cur = await conn.execute(
        "INSERT INTO queries (tenant_id, id, principal, text) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (tenant_id, id) DO NOTHING",
        (tenant_id, query_id, principal, text),
    )
    return cur.rowcount == 1


async def get_query(pool: Pool, tenant_id: str, query_id: str) -> StoredQuery | None:
    """One of the tenant's questions, or None (other tenants' ids are simply not visible)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(f"SELECT {_QUERY_COLUMNS} FROM queries WHERE id = %s", (query_id,))
        row = await cur.fetchone()
    return StoredQuery(**row) if row else None


async def list_queries(
    pool: Pool, tenant_id: str, limit: int, before: tuple[dt.datetime, str] | None
) -> list[StoredQuery]:
    """The tenant's questions, newest first, strictly older than the `before` cursor."""
    where, params = "", [limit]
    if before is not None:
        where = "WHERE (created_at, id) < (%s, %s::uuid)"
        params = [before[0], before[1], limit]  # type: ignore[list-item]
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_QUERY_COLUMNS} FROM queries {where}"
            " ORDER BY created_at DESC, id DESC LIMIT %s",
            params,
        )
        rows = await cur.fetchall()
    return [StoredQuery(**row) for row in rows]


async def record_answer(conn: Conn, answer: Answer) -> bool:
    """Store the answer of a queued question once, in the caller's transaction (of the
    answer's tenant); False if it was already recorded."""
    cur = await conn.execute(
        "UPDATE queries SET status = %s, answer = %s, answered_at = %s"
        " WHERE id = %s AND status = 'queued'",
        (
            answer.status.value,
            Jsonb(json.loads(answer.model_dump_json())),
            answer.answered_at,
            answer.query_id,
        ),
    )
    return cur.rowcount == 1


EXPORT_PAGE = 500


async def export_queries(pool: Pool, tenant_id: str) -> AsyncIterator[dict[str, Any]]:
    """Every question of the tenant with its answer, oldest first, read a page at a time."""
    after: tuple[Any, Any] | None = None
    while True:
        where, params = "", [EXPORT_PAGE]
        if after is not None:
            where = "WHERE (created_at, id) > (%s, %s)"
            params = [after[0], after[1], EXPORT_PAGE]
        async with tenant_transaction(pool, tenant_id) as conn:
            cur = conn.cursor(row_factory=dict_row)
            await cur.execute(
                "SELECT id, principal, text, status, answer, created_at, answered_at,"
                f" conversation_id, turn FROM queries {where} ORDER BY created_at, id LIMIT %s",
                params,
            )
            rows = await cur.fetchall()
        for row in rows:
            conversation = row["conversation_id"]
            yield {
                **row,
                "id": str(row["id"]),
                "conversation_id": conversation and str(conversation),
            }
        if len(rows) < EXPORT_PAGE:
            return
        after = (rows[-1]["created_at"], rows[-1]["id"])


async def purge_expired(pool: Pool) -> list[tuple[str, int]]:
    """Delete questions past their tenant's retention: (tenant, count) per tenant touched."""
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT * FROM purge_expired_queries()")
        # The function returns (tenant_id text, deleted bigint) rows.
        return cast(list[tuple[str, int]], await cur.fetchall())
