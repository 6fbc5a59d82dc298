"""Turns of conversations in the real `conversation_entries` (PostgreSQL, as the application
role): a new conversation's first turn is stored in one statement and goes out at once, an
answer that overtakes its turn's "asked" mark stays recorded, and recording says what waits."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator

import psycopg
import pytest
from psycopg_pool import AsyncConnectionPool

from libs.common.answer import Answer, AnswerStatus
from libs.common.db import apply_migrations, pinned_clock, tenant_transaction
from libs.common.envelope import Envelope
from libs.common.query import Query
from libs.common.tenant_context import TenantContext
from services.gateway.app import MIGRATIONS
from services.gateway.repo import Pool, turns
from tests.builders import TEST_CLOCK
from tests.conftest import Servers

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def database(servers: Servers) -> str:
    apply_migrations(servers.database_admin_url, MIGRATIONS, "gateway", "aya_app")
    return servers.database_url


@pytest.fixture
async def pool(database: str) -> AsyncIterator[Pool]:
    async with AsyncConnectionPool(
        database, min_size=1, max_size=4, open=False, configure=pinned_clock(TEST_CLOCK)
    ) as opened:
        yield opened


@pytest.fixture
def tenant(servers: Servers) -> str:
    tenant_id = f"turns-{uuid.uuid4().hex[:12]}"
    with psycopg.connect(servers.database_admin_url) as conn:
        conn.execute("INSERT INTO tenants (id, name) VALUES (%s, %s)", (tenant_id, tenant_id))
    return tenant_id


async def _ask(pool: Pool, tenant: str, text: str, conversation: str | None = None) -> turns.Slot:
    query_id = str(uuid.uuid4())

    def pending(context: TenantContext) -> Envelope[Query]:
        return Envelope[Query](
            query_id=query_id,
            tenant_id=tenant,
            principal="key_test",
            submitted_at=TEST_CLOCK.now(),
            body=Query(text=text, context=context),
        )

    slot = await turns.ask(
        pool,
        tenant_id=tenant,
        principal="key_test",
        query_id=query_id,
        text=text,
        conversation_id=conversation,
        pending=pending,
        max_turns=2,
    )
    assert slot is not None
    return slot


def _answer(tenant: str, query_id: str) -> Answer:
    return Answer(
        query_id=query_id,
        tenant_id=tenant,
        status=AnswerStatus.ANSWERED,
        answer="Spend was $10.",
        answered_at=TEST_CLOCK.now(),
    )


async def _states(pool: Pool, tenant: str, conversation: str) -> list[tuple[int, str]]:
    async with tenant_transaction(pool, tenant) as conn:
        cur = await conn.execute(
            "SELECT turn, state FROM conversation_entries WHERE conversation_id = %s ORDER BY turn",
            (conversation,),
        )
        return [(int(str(t)), str(s)) for t, s in await cur.fetchall()]


async def test_a_first_turn_goes_out_at_once_with_its_place_and_the_tenants_context(
    pool: Pool, tenant: str
) -> None:
    slot = await _ask(pool, tenant, "spend last week")
    assert (slot.turn, slot.started) == (1, "new")
    assert slot.first is not None
    conversation = slot.first.body.conversation
    assert conversation is not None
    assert (conversation.conversation_id, conversation.turn, conversation.turns) == (
        slot.conversation_id,
        1,
        [],
    )
    assert slot.first.body.context is not None  # read in the same transaction
    published: list[Envelope[Query]] = []

    async def publish(envelope: Envelope[Query]) -> None:
        published.append(envelope)

    await turns.publish_first(pool, tenant, slot, publish)
    assert published == [slot.first]
    assert await _states(pool, tenant, slot.conversation_id) == [(1, "asked")]


async def test_an_answer_that_overtakes_its_asked_mark_stays_recorded(
    pool: Pool, tenant: str
) -> None:
    slot = await _ask(pool, tenant, "spend last week")
    assert slot.first is not None
    answer = _answer(tenant, slot.first.query_id)

    async def publish(envelope: Envelope[Query]) -> None:
        # The answer comes back before the publish's acknowledgement is marked.
        finished = await turns.finish(pool, answer)
        assert (finished.recorded, finished.waiting) == (True, False)

    await turns.publish_first(pool, tenant, slot, publish)
    assert await _states(pool, tenant, slot.conversation_id) == [(1, "answered")]
    again = await turns.finish(pool, answer)
    assert (again.recorded, again.conversation_id) == (False, slot.conversation_id)


async def test_recording_an_answer_says_whether_a_later_turn_waits(pool: Pool, tenant: str) -> None:
    first = await _ask(pool, tenant, "spend last week")
    assert first.first is not None
    second = await _ask(pool, tenant, "and the week before?", first.conversation_id)
    assert (second.turn, second.first) == (2, None)  # waits for the first turn's answer
    finished = await turns.finish(pool, _answer(tenant, first.first.query_id))
    assert (finished.conversation_id, finished.waiting) == (first.conversation_id, True)
    # A third question overflows the 2-turn conversation: a new one, sent at once.
    third = await _ask(pool, tenant, "clicks yesterday", first.conversation_id)
    assert (third.turn, third.started) == (1, "turn_limit")
    assert third.first is not None
    assert third.conversation_id != first.conversation_id


async def _blocked_on_a_lock(admin_url: str, task: asyncio.Task[turns.Finished]) -> None:
    """Until `task` waits on a row lock in PostgreSQL (or is done): polled, not slept."""
    async with await psycopg.AsyncConnection.connect(admin_url, autocommit=True) as admin:
        for _ in range(600):
            if task.done():
                return
            cur = await admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND query LIKE '%%conversation%%'"
            )
            if ((await cur.fetchone()) or (0,))[0]:
                return
            await asyncio.sleep(0.05)
    raise AssertionError("the answer never met the release's lock")


async def test_an_answer_arriving_while_its_turn_is_released_waits_and_both_land(
    pool: Pool, tenant: str, servers: Servers
) -> None:
    first = await _ask(pool, tenant, "spend last week")
    assert first.first is not None
    await turns.finish(pool, _answer(tenant, first.first.query_id))
    second = await _ask(pool, tenant, "and the week before?", first.conversation_id)
    answering: list[asyncio.Task[turns.Finished]] = []

    async def publish(envelope: Envelope[Query]) -> None:
        # The second turn is answered before its release has marked it asked (a fast direct
        # answer): the answer's transaction meets the release's, holding the conversation.
        task = asyncio.create_task(turns.finish(pool, _answer(tenant, envelope.query_id)))
        answering.append(task)
        await _blocked_on_a_lock(servers.database_admin_url, task)

    released = await turns.release(
        pool,
        tenant,
        first.conversation_id,
        publish,
        history_turns=4,
        stale_after=dt.timedelta(minutes=5),
    )
    finished = await answering[0]
    assert released is not None
    assert (finished.recorded, finished.conversation_id) == (True, first.conversation_id)
    assert await _states(pool, tenant, first.conversation_id) == [(1, "answered"), (2, "answered")]
    assert second.turn == 2
