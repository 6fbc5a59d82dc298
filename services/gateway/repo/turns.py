"""The turns of conversations (`conversation_entries`), in order.

Every question is a turn of a conversation. Turns run one at a time, in order: a new turn is
stored `waiting`, with the envelope it will be published in, and `release` publishes the next
waiting turn — with the earlier turns as its context — only when no turn before it is still
being answered. A turn whose answer never came does not block the ones after it for longer
than `stale_after`. (Reading, renaming and deleting conversations is `conversations.py`.)
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, cast

from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from libs.common.answer import Answer, AnswerStatus
from libs.common.conversation import MAX_TURN_ANSWER_CHARS, ConversationContext, Turn
from libs.common.db import tenant_transaction
from libs.common.envelope import Envelope
from libs.common.plan import QueryPlan
from libs.common.query import Query
from services.gateway.repo import Conn, Pool, queries

TITLE_CHARS = 80
"""A new conversation's title: the start of its first question."""

Started = Literal["new", "turn_limit"]


class UnknownConversationError(LookupError):
    """No conversation with this id for this tenant (unknown and another's look the same)."""


@dataclass(frozen=True)
class Slot:
    """Where a new question landed: its conversation and turn, and why a conversation was
    started for it (None when it continued the one asked for)."""

    conversation_id: str
    turn: int
    started: Started | None


async def ask(
    pool: Pool,
    *,
    tenant_id: str,
    principal: str,
    query_id: str,
    text: str,
    conversation_id: str | None,
    pending: Envelope[Query],
    max_turns: int,
) -> Slot | None:
    """Store a new question and its turn in one transaction; None when the question id was
    taken (asked before under the same idempotency key)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        if not await queries.insert_query(conn, tenant_id, query_id, principal, text):
            return None
        return await open_turn(
            conn,
            tenant_id=tenant_id,
            principal=principal,
            query_id=query_id,
            text=text,
            conversation_id=conversation_id,
            pending=pending,
            max_turns=max_turns,
        )


async def open_turn(
    conn: Conn,
    *,
    tenant_id: str,
    principal: str,
    query_id: str,
    text: str,
    conversation_id: str | None,
    pending: Envelope[Query],
    max_turns: int,
) -> Slot:
    """The question's turn, in the caller's transaction (with the question's own row): the
    conversation asked for, locked so turns are numbered in order — or a new one when none was
    named or the named one is full. `UnknownConversationError` when it is not the tenant's."""
    started: Started | None = None
    if conversation_id is not None:
        cur = await conn.execute(
            "SELECT turns FROM conversations WHERE id = %s FOR UPDATE", (conversation_id,)
        )
        row = await cur.fetchone()
        if row is None:
            raise UnknownConversationError(conversation_id)
        if cast(int, row[0]) >= max_turns:
            conversation_id, started = None, "turn_limit"
    else:
        started = "new"
    if conversation_id is None:
        conversation_id = str(uuid.uuid4())
        await conn.execute(
            "INSERT INTO conversations (tenant_id, id, principal, title) VALUES (%s, %s, %s, %s)",
            (tenant_id, conversation_id, principal, _title(text)),
        )
    cur = await conn.execute(
        "UPDATE conversations SET turns = turns + 1, last_activity_at = app_now(),"
        " archived = false WHERE id = %s RETURNING turns",
        (conversation_id,),
    )
    turn = cast(int, (await cur.fetchone() or (0,))[0])
    await conn.execute(
        "UPDATE queries SET conversation_id = %s, turn = %s WHERE id = %s",
        (conversation_id, turn, query_id),
    )
    await conn.execute(
        "INSERT INTO conversation_entries (tenant_id, conversation_id, turn, query_id, question,"
        " pending) VALUES (%s, %s, %s, %s, %s, %s)",
        (tenant_id, conversation_id, turn, query_id, text, _jsonb(pending)),
    )
    return Slot(conversation_id=conversation_id, turn=turn, started=started)


def _title(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TITLE_CHARS else flat[: TITLE_CHARS - 1].rstrip() + "…"


def _jsonb(model: Envelope[Query]) -> Jsonb:
    return Jsonb(json.loads(model.model_dump_json()))


Publish = Callable[[Envelope[Query]], Awaitable[None]]


async def release(
    pool: Pool,
    tenant_id: str,
    conversation_id: str,
    publish: Publish,
    *,
    history_turns: int,
    stale_after: dt.timedelta,
) -> str | None:
    """Publish the conversation's next waiting turn, with the turns before it as context, when
    no earlier turn is still being answered. Idempotent (any caller, any number of times);
    the turn is marked asked only once its publish was acknowledged. The released question's
    id, or None when there was nothing to release now."""
    async with tenant_transaction(pool, tenant_id) as conn:
        cur = await conn.execute(
            "SELECT 1 FROM conversations WHERE id = %s FOR UPDATE", (conversation_id,)
        )
        if await cur.fetchone() is None:
            return None
        cur = await conn.execute(
            "SELECT 1 FROM conversation_entries WHERE conversation_id = %s AND state = 'asked'"
            " AND released_at > app_now() - %s LIMIT 1",
            (conversation_id, stale_after),
        )
        if await cur.fetchone() is not None:
            return None  # the turn before is being answered; its answer releases this one
        rows = conn.cursor(row_factory=dict_row)
        await rows.execute(
            "SELECT turn, query_id::text AS query_id, pending FROM conversation_entries"
            " WHERE conversation_id = %s AND state = 'waiting' ORDER BY turn LIMIT 1",
            (conversation_id,),
        )
        waiting = await rows.fetchone()
        if waiting is None:
            return None
        envelope = Envelope[Query].model_validate(waiting["pending"])
        envelope.body.conversation = ConversationContext(
            conversation_id=conversation_id,
            turn=waiting["turn"],
            turns=await _earlier(conn, conversation_id, waiting["turn"], history_turns),
        )
        await publish(envelope)
        await conn.execute(
            "UPDATE conversation_entries SET state = 'asked', released_at = app_now(),"
            " pending = NULL WHERE conversation_id = %s AND turn = %s",
            (conversation_id, waiting["turn"]),
        )
        return cast(str, waiting["query_id"])


async def _earlier(conn: Conn, conversation_id: str, turn: int, limit: int) -> list[Turn]:
    """The last `limit` turns before `turn`, oldest first."""
    rows = conn.cursor(row_factory=dict_row)
    await rows.execute(
        "SELECT query_id::text AS query_id, question, answer_excerpt, plan"
        " FROM conversation_entries WHERE conversation_id = %s AND turn < %s"
        " ORDER BY turn DESC LIMIT %s",
        (conversation_id, turn, limit),
    )
    found = await rows.fetchall()
    return [
        Turn(
            query_id=row["query_id"],
            question=row["question"],
            answer=row["answer_excerpt"],
            plan=QueryPlan.model_validate(row["plan"]) if row["plan"] else None,
        )
        for row in reversed(found)
    ]


async def finish(pool: Pool, answer: Answer) -> str | None:
    """Record a turn's outcome from its answer (the first time; later calls change nothing).
    The conversation's id — also when it was recorded before, so its next turn can still be
    released — or None when the question is no turn of one."""
    usage = answer.usage
    tool_calls = (answer.data or {}).get("tool_calls")
    async with tenant_transaction(pool, answer.tenant_id) as conn:
        cur = await conn.execute(
            "UPDATE conversation_entries SET state = %s, plan = %s, answer_excerpt = %s,"
            " tool_calls = %s, input_tokens = %s, output_tokens = %s, finished_at = app_now(),"
            " pending = NULL WHERE query_id = %s AND state IN ('waiting', 'asked')"
            " RETURNING conversation_id::text",
            (
                "answered" if answer.status is AnswerStatus.ANSWERED else "failed",
                Jsonb(answer.plan.model_dump(mode="json")) if answer.plan else None,
                _excerpt(answer.answer),
                Jsonb(tool_calls) if isinstance(tool_calls, list) else None,
                usage.input_tokens if usage else None,
                usage.output_tokens if usage else None,
                answer.query_id,
            ),
        )
        row = await cur.fetchone()
        if row is not None:
            await conn.execute(
                "UPDATE conversations SET last_activity_at = app_now() WHERE id = %s", (row[0],)
            )
            return cast(str, row[0])
        cur = await conn.execute(
            "SELECT conversation_id::text FROM conversation_entries WHERE query_id = %s",
            (answer.query_id,),
        )
        row = await cur.fetchone()
    return cast(str, row[0]) if row else None


def _excerpt(text: str | None) -> str | None:
    if text is None:
        return None
    return text if len(text) <= MAX_TURN_ANSWER_CHARS else text[: MAX_TURN_ANSWER_CHARS - 1] + "…"


async def waiting(pool: Pool, older_than: dt.timedelta) -> list[tuple[str, str]]:
    """(tenant, conversation) of every conversation with a turn waiting for `older_than`."""
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT tenant_id, conversation_id::text FROM conversations_waiting(%s)",
            (older_than,),
        )
        return cast(list[tuple[str, str]], await cur.fetchall())
