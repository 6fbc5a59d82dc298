"""The `/v1/conversations` endpoints: a tenant's conversations, listed, read turn by turn,
renamed or archived, and deleted with their questions. Any key of the tenant reads them;
analyst and admin keys change them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from services.gateway.cursors import decode_cursor, encode_cursor, is_uuid
from services.gateway.deps import Caller, StateDep, Writer
from services.gateway.errors import ApiError
from services.gateway.repo import conversations
from services.gateway.repo.conversations import ConversationRow, TurnRow
from services.gateway.schemas import (
    ConversationDetail,
    ConversationList,
    ConversationPatch,
    ConversationTurn,
    ConversationView,
    error_responses,
)

router = APIRouter(prefix="/v1")
_NOT_FOUND = "No conversation with this id."


@router.get(
    "/conversations",
    response_model=ConversationList,
    responses=error_responses(401, 403, 422, 429),
)
async def list_conversations(
    state: StateDep,
    caller: Caller,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size (1–100).")] = 20,
    cursor: Annotated[str | None, Query(max_length=200, description="From next_cursor.")] = None,
    archived: Annotated[
        Literal["false", "true", "all"],
        Query(description="Open ones (default), archived ones, or all."),
    ] = "false",
) -> ConversationList:
    """The tenant's conversations, most recently active first."""
    before = decode_cursor(cursor) if cursor else None
    which = None if archived == "all" else archived == "true"
    rows = await conversations.list_conversations(
        state.pool, caller.tenant_id, limit, before, which
    )
    following = None
    if len(rows) == limit:
        following = encode_cursor(rows[-1].last_activity_at, rows[-1].id)
    return ConversationList(items=[_view(row) for row in rows], next_cursor=following)


@router.get(
    "/conversations/{conversation_id}",
    response_model=ConversationDetail,
    responses=error_responses(401, 403, 404, 422, 429),
)
async def get_conversation(
    state: StateDep, conversation_id: str, caller: Caller
) -> ConversationDetail:
    """One conversation with its turns: each question, its plan and its answer."""
    found = (
        await conversations.get_conversation(state.pool, caller.tenant_id, conversation_id)
        if is_uuid(conversation_id)
        else None
    )
    if found is None:
        raise ApiError(404, _NOT_FOUND)
    row, turns = found
    return ConversationDetail(**_view(row).model_dump(), turns=[_turn(turn) for turn in turns])


@router.patch(
    "/conversations/{conversation_id}",
    response_model=ConversationView,
    responses=error_responses(400, 401, 403, 404, 413, 422, 429),
)
async def patch_conversation(
    state: StateDep, conversation_id: str, body: ConversationPatch, caller: Writer
) -> ConversationView:
    """Rename a conversation, or archive it (asking in it again reopens it)."""
    changes = body.model_dump(exclude_none=True)
    if not changes:
        raise ApiError(422, "Nothing to change: send title and/or archived.")
    row = (
        await conversations.update_conversation(
            state.pool, caller.tenant_id, conversation_id, changes
        )
        if is_uuid(conversation_id)
        else None
    )
    if row is None:
        raise ApiError(404, _NOT_FOUND)
    return _view(row)


@router.delete(
    "/conversations/{conversation_id}",
    status_code=204,
    responses=error_responses(401, 403, 404, 422, 429),
)
async def delete_conversation(state: StateDep, conversation_id: str, caller: Writer) -> Response:
    """Delete a conversation with its questions and answers (the ledger keeps its model calls:
    they are the tenant's bill)."""
    deleted = (
        await conversations.delete_conversation(state.pool, caller.tenant_id, conversation_id)
        if is_uuid(conversation_id)
        else None
    )
    if deleted is None:
        raise ApiError(404, _NOT_FOUND)
    return Response(status_code=204)


def _view(row: ConversationRow) -> ConversationView:
    return ConversationView(
        id=row.id,
        title=row.title,
        principal=row.principal,
        turn_count=row.turns,
        archived=row.archived,
        created_at=row.created_at,
        last_activity_at=row.last_activity_at,
    )


def _turn(row: TurnRow) -> ConversationTurn:
    status = "waiting" if row.state == "waiting" else row.status
    text = (row.answer or {}).get("answer")
    return ConversationTurn(
        turn=row.turn,
        query_id=row.query_id,
        question=row.question,
        status=status,
        answer=text if isinstance(text, str) else None,
        plan=row.plan,
        tool_calls=row.tool_calls,
        input_tokens=row.input_tokens,
        output_tokens=row.output_tokens,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )
