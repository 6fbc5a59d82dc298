"""Conversations as the tenant sees them (tenant-scoped): listed, read turn by turn, renamed,
archived, deleted, exported, swept by retention, and found by their questions. How turns are
numbered and released in order is `turns.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, cast

from psycopg.rows import dict_row

from libs.common.db import tenant_transaction
from services.gateway.repo import Pool


@dataclass(frozen=True)
class ConversationRow:
    """A conversation as listed."""

    id: str
    principal: str
    title: str
    turns: int
    archived: bool
    created_at: dt.datetime
    last_activity_at: dt.datetime


@dataclass(frozen=True)
class TurnRow:
    """One turn of a conversation, with its question's state and answer."""

    turn: int
    query_id: str
    question: str
    state: str
    status: str
    answer: dict[str, Any] | None
    plan: dict[str, Any] | None
    tool_calls: list[dict[str, Any]] | None
    input_tokens: int | None
    output_tokens: int | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


_CONVERSATION = "id::text AS id, principal, title, turns, archived, created_at, last_activity_at"


async def list_conversations(
    pool: Pool,
    tenant_id: str,
    limit: int,
    before: tuple[dt.datetime, str] | None,
    archived: bool | None,
) -> list[ConversationRow]:
    """The tenant's conversations, most recently active first, strictly older than `before`;
    only archived ones, only open ones, or both (`archived` None)."""
    where: list[str] = []
    params: list[Any] = []
    if archived is not None:
        where.append("archived = %s")
        params.append(archived)
    if before is not None:
        where.append("(last_activity_at, id) < (%s, %s::uuid)")
        params += [before[0], before[1]]
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_CONVERSATION} FROM conversations {clause}"
            " ORDER BY last_activity_at DESC, id DESC LIMIT %s",
            [*params, limit],
        )
        return [ConversationRow(**row) for row in await cur.fetchall()]


async def get_conversation(
    pool: Pool, tenant_id: str, conversation_id: str
) -> tuple[ConversationRow, list[TurnRow]] | None:
    """One conversation with its turns in order, or None."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"SELECT {_CONVERSATION} FROM conversations WHERE id = %s", (conversation_id,)
        )
        row = await cur.fetchone()
        if row is None:
            return None
        await cur.execute(
            "SELECT e.turn, e.query_id::text AS query_id, e.question, e.state, q.status,"
            " q.answer, e.plan, e.tool_calls, e.input_tokens, e.output_tokens, e.created_at,"
            " e.finished_at FROM conversation_entries e"
            " JOIN queries q ON q.tenant_id = e.tenant_id AND q.id = e.query_id"
            " WHERE e.conversation_id = %s ORDER BY e.turn",
            (conversation_id,),
        )
        turns = [TurnRow(**turn) for turn in await cur.fetchall()]
    return ConversationRow(**row), turns


async def update_conversation(
    pool: Pool, tenant_id: str, conversation_id: str, changes: dict[str, Any]
) -> ConversationRow | None:
    """Set `title` and/or `archived`; the conversation as it now is, or None."""
    allowed = {key: changes[key] for key in ("title", "archived") if key in changes}
    sets = ", ".join(f"{key} = %s" for key in allowed) or "title = title"
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = conn.cursor(row_factory=dict_row)
        await cur.execute(
            f"UPDATE conversations SET {sets} WHERE id = %s RETURNING {_CONVERSATION}",
            [*allowed.values(), conversation_id],
        )
        row = await cur.fetchone()
    return ConversationRow(**row) if row else None


async def delete_conversation(pool: Pool, tenant_id: str, conversation_id: str) -> int | None:
    """Delete a conversation with its turns and their questions and answers; how many
    questions went, or None when there was no such conversation."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute(
            "DELETE FROM conversations WHERE id = %s RETURNING id", (conversation_id,)
        )
        if await cur.fetchone() is None:
            return None
        cur = await conn.execute(
            "DELETE FROM queries WHERE conversation_id = %s", (conversation_id,)
        )
        return cur.rowcount


EXPORT_PAGE = 200


async def export_conversations(pool: Pool, tenant_id: str) -> AsyncIterator[dict[str, Any]]:
    """Every conversation of the tenant with its turns, oldest first, a page at a time."""
    after: tuple[Any, Any] | None = None
    while True:
        where, params = "", [EXPORT_PAGE]
        if after is not None:
            where = "WHERE (created_at, id) > (%s, %s::uuid)"
            params = [after[0], after[1], EXPORT_PAGE]
        async with tenant_transaction(pool, tenant_id) as conn:
            cur = conn.cursor(row_factory=dict_row)
            await cur.execute(
                f"SELECT {_CONVERSATION} FROM conversations {where}"
                " ORDER BY created_at, id LIMIT %s",
                params,
            )
            rows = await cur.fetchall()
            for row in rows:
                await cur.execute(
                    "SELECT turn, query_id::text AS query_id, question, state, plan,"
                    " answer_excerpt, tool_calls, input_tokens, output_tokens, created_at,"
                    " finished_at FROM conversation_entries WHERE conversation_id = %s"
                    " ORDER BY turn",
                    (row["id"],),
                )
                row["entries"] = await cur.fetchall()
        for row in rows:
            yield row
        if len(rows) < EXPORT_PAGE:
            return
        after = (rows[-1]["created_at"], rows[-1]["id"])


async def purge_expired(pool: Pool) -> list[tuple[str, int]]:
    """Delete conversations idle past their tenant's retention: (tenant, count) per tenant."""
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT * FROM purge_expired_conversations()")
        return cast(list[tuple[str, int]], await cur.fetchall())


async def find_by_questions(pool: Pool, tenant_id: str, questions: list[str]) -> str | None:
    """The tenant's most recently active conversation whose turns asked exactly `questions`,
    in order (how a client that resends the whole chat, as OpenAI clients do, is followed)."""
    if not questions:
        return None
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute(
            "SELECT e.conversation_id::text FROM conversation_entries e"
            " JOIN conversations c ON c.tenant_id = e.tenant_id AND c.id = e.conversation_id"
            " WHERE c.turns = %s GROUP BY e.conversation_id, c.last_activity_at"
            " HAVING array_agg(e.question ORDER BY e.turn) = %s::text[]"
            " ORDER BY c.last_activity_at DESC LIMIT 1",
            (len(questions), questions),
        )
        row = await cur.fetchone()
    return cast(str, row[0]) if row else None
