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
from libs.common.tenant_context import TenantContext
from services.gateway.repo import Conn, Pool, context, queries

TITLE_CHARS = 80
"""A new conversation's title: the start of its first question."""

Started = Literal["new", "turn_limit"]


class UnknownConversationError(LookupError):
    """No conversation with this id for this tenant (unknown and another's look the same)."""


@dataclass(frozen=True)
class Slot:
    """Where a new question landed: its conversation and turn, and why a conversation was
    started for it (None when it continued the one asked for). `first` is the question as it
    is to be published when it is the first turn of a new conversation: nothing can be ahead
    of it, so `publish_first` sends it without `release`'s checks."""

    conversation_id: str
    turn: int
    started: Started | None
    first: Envelope[Query] | None = None


PendingFor = Callable[[TenantContext], Envelope[Query]]
"""The question as it is to be published, given the tenant's context (read in the same
transaction that stores the question)."""


async def ask(
    pool: Pool,
    *,
    tenant_id: str,
    principal: str,
    query_id: str,
    text: str,
    conversation_id: str | None,
    pending: PendingFor,
    max_turns: int,
) -> Slot | None:
    """Store a new question and its turn in one transaction; None when the question id was
    taken (asked before under the same idempotency key)."""
    async with tenant_transaction(pool, tenant_id) as conn:
        envelope = pending((await context.profile_in(conn, tenant_id)).context)
        question = _Question(tenant_id, principal, query_id, text, envelope)
        if conversation_id is None:
            return await _first_turn(conn, question, "new")
        if not await queries.insert_query(conn, tenant_id, query_id, principal, text):
            return None
        return await open_turn(conn, question, conversation_id, max_turns)


@dataclass(frozen=True)
class _Question:
    tenant_id: str
    principal: str
    query_id: str
    text: str
    pending: Envelope[Query]


async def _first_turn(conn: Conn, question: _Question, started: Started) -> Slot | None:
    """The question as turn 1 of a new conversation, in one statement; None when its id was
    taken. (A question already stored — a full conversation's overflow — gets no row.)"""
    conversation_id = str(uuid.uuid4())
    cur = await conn.execute(
        "WITH q AS (INSERT INTO queries (tenant_id, id, principal, text, conversation_id, turn)"
        " VALUES (%(tenant)s, %(query)s, %(principal)s, %(text)s, %(conversation)s, 1)"
        " ON CONFLICT (tenant_id, id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id,"
        " turn = 1 WHERE %(overflow)s RETURNING id),"
        " c AS (INSERT INTO conversations (tenant_id, id, principal, title, turns)"
        " SELECT %(tenant)s, %(conversation)s, %(principal)s, %(title)s, 1 FROM q RETURNING id)"
        " INSERT INTO conversation_entries (tenant_id, conversation_id, turn, query_id,"
        " question, pending) SELECT %(tenant)s, c.id, 1, %(query)s, %(text)s, %(pending)s"
        " FROM c RETURNING turn",
        {
            "tenant": question.tenant_id,
            "query": question.query_id,
            "principal": question.principal,
            "text": question.text,
            "conversation": conversation_id,
            "title": _title(question.text),
            "pending": _jsonb(question.pending),
            "overflow": started == "turn_limit",
        },
    )
    if await cur.fetchone() is None:
        return None
    first = _released(question.pending, conversation_id, 1, [])
    return Slot(conversation_id=conversation_id, turn=1, started=started, first=first)


async def open_turn(conn: Conn, question: _Question, conversation_id: str, max_turns: int) -> Slot:
    """The question's turn, in the caller's transaction (with the question's own row): the
    conversation asked for, locked so turns are numbered in order — or a new one when the
    named one is full. `UnknownConversationError` when it is not the tenant's."""
    cur = await conn.execute(
        "SELECT turns FROM conversations WHERE id = %s FOR UPDATE", (conversation_id,)
    )
    row = await cur.fetchone()
    if row is None:
        raise UnknownConversationError(conversation_id)
    if cast(int, row[0]) >= max_turns:
        slot = await _first_turn(conn, question, "turn_limit")
        assert slot is not None  # its row is ours: inserted in this transaction
        return slot
    cur = await conn.execute(
        "UPDATE conversations SET turns = turns + 1, last_activity_at = app_now(),"
        " archived = false WHERE id = %s RETURNING turns",
        (conversation_id,),
    )
    turn = cast(int, (await cur.fetchone() or (0,))[0])
    await conn.execute(
        "UPDATE queries SET conversation_id = %s, turn = %s WHERE id = %s",
        (conversation_id, turn, question.query_id),
    )
    await conn.execute(
        "INSERT INTO conversation_entries (tenant_id, conversation_id, turn, query_id, question,"
        " pending) VALUES (%s, %s, %s, %s, %s, %s)",
        (
            question.tenant_id,
            conversation_id,
            turn,
            question.query_id,
            question.text,
            _jsonb(question.pending),
        ),
    )
    return Slot(conversation_id=conversation_id, turn=turn, started=None)


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
        turn = waiting["turn"]
        earlier = await _earlier(conn, conversation_id, turn, history_turns)
        envelope = Envelope[Query].model_validate(waiting["pending"])
        await publish(_released(envelope, conversation_id, turn, earlier))
        await _mark_asked(conn, conversation_id, turn)
        return cast(str, waiting["query_id"])


async def publish_first(pool: Pool, tenant_id: str, slot: Slot, publish: Publish) -> None:
    """Publish the first turn of a new conversation: with no turn before it there is nothing
    to wait for, so it goes out at once (what `release` would do, without its reads). Marked
    asked once its publish was acknowledged; if that mark is lost, `release` (or the stale
    sweep) publishes it again under the same message id, which JetStream drops."""
    assert slot.first is not None
    await publish(slot.first)
    async with tenant_transaction(pool, tenant_id) as conn:
        await _mark_asked(conn, slot.conversation_id, slot.turn)


async def _mark_asked(conn: Conn, conversation_id: str, turn: int) -> None:
    await conn.execute(
        "UPDATE conversation_entries SET state = 'asked', released_at = app_now(),"
        " pending = NULL WHERE conversation_id = %s AND turn = %s AND state = 'waiting'",
        (conversation_id, turn),
    )


def _released(
    envelope: Envelope[Query], conversation_id: str, turn: int, earlier: list[Turn]
) -> Envelope[Query]:
    """The stored question as it is published: with its place in its conversation and the
    turns before it."""
    envelope.body.conversation = ConversationContext(
        conversation_id=conversation_id, turn=turn, turns=earlier
    )
    return envelope


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


@dataclass(frozen=True)
class Finished:
    """What recording an answer did: whether it was new (to count it once), its question's
    conversation, and whether a later turn of it is waiting to be released."""

    recorded: bool
    conversation_id: str | None
    waiting: bool


async def finish(pool: Pool, answer: Answer) -> Finished:
    """Store a question's answer and its turn's outcome, in one transaction (the first time;
    later calls change nothing but still say what waits behind it)."""
    usage = answer.usage
    tool_calls = (answer.data or {}).get("tool_calls")
    async with tenant_transaction(pool, answer.tenant_id) as conn:
        recorded = await queries.record_answer(conn, answer)
        # The conversation is locked before its turn's row, in the order asking and releasing
        # take them: taking the turn first deadlocked with a `release` of that same turn whose
        # answer came back before the release had marked it asked. Locked, a turn asked
        # meanwhile is either seen waiting below, or asked after this commits (and released
        # by its asker, who then finds this turn finished).
        cur = await conn.execute(
            "UPDATE conversations SET last_activity_at = app_now() WHERE id ="
            " (SELECT conversation_id FROM conversation_entries WHERE query_id = %s)"
            " RETURNING id::text",
            (answer.query_id,),
        )
        row = await cur.fetchone()
        if row is None:
            return Finished(recorded, None, waiting=False)
        conversation_id = cast(str, row[0])
        await conn.execute(
            "UPDATE conversation_entries SET state = %s, plan = %s, answer_excerpt = %s,"
            " tool_calls = %s, input_tokens = %s, output_tokens = %s, finished_at = app_now(),"
            " pending = NULL WHERE query_id = %s AND state IN ('waiting', 'asked')",
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
        cur = await conn.execute(
            "SELECT EXISTS (SELECT 1 FROM conversation_entries WHERE conversation_id = %s"
            " AND state = 'waiting')",
            (conversation_id,),
        )
        waiting = bool((await cur.fetchone() or (False,))[0])
    return Finished(recorded, conversation_id, waiting)


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
