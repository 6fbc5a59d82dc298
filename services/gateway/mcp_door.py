"""Ask Your Ads as an MCP server, at `/mcp` on the gateway (streamable HTTP, stateless JSON),
for agents — Claude, ChatGPT, IDE assistants — with the tenant's key (or JWT) as the bearer.

A thin adapter over the REST path: the same authentication (a missing or bad bearer is a 401
before any MCP message is read), the same rate limit, tokens-per-day and role rules, the same
storage, budget and audit. Tools:
- `ask` (question, optional conversation id) → the answer's text, and its data as structured
  content; asking stores a question and may cost a model call, so it is not read-only;
- `usage` (from, to, group_by) → the tenant's usage report (read-only);
- `list_conversations` (limit, archived) → the tenant's conversations (read-only).
A refusal (a full minute, a budget) is the tool's error result, in the words REST uses.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from mcp.types import ToolAnnotations
from pydantic import BaseModel, Field
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from libs.common.ids import new_query_id
from libs.common.logs import log_context
from libs.common.query import MAX_QUERY_CHARS
from services.gateway import admission, asking
from services.gateway.answers import result_from_answer
from services.gateway.cors import TENANT_KEY
from services.gateway.cursors import is_uuid
from services.gateway.deps import principal_for
from services.gateway.errors import ApiError, error_body
from services.gateway.repo import conversations
from services.gateway.repo.principals import Principal
from services.gateway.state import GatewayState
from services.gateway.usage import tenant_usage, usage_request

MCP_PATH = "/mcp"
_PRINCIPAL = "aya_principal"
_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)
_ASKS = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
)


class AskResult(BaseModel):
    """An answer as the `ask` tool returns it."""

    answer: str = Field(description="The answer's text (a failed one says why).")
    status: Literal["answered", "failed"]
    query_id: str
    conversation_id: str | None = Field(description="Pass it back to follow up.")
    turn: int | None
    route: str | None = Field(description="direct (no model) or analysis.")
    engine: str | None = None
    model: str | None = None
    degraded: bool = False
    data: dict[str, Any] | None = Field(default=None, description="The numbers behind it.")


def build_mcp(state: Callable[[], GatewayState]) -> MCPServer:
    """The MCP server and its three tools; `state` is the running gateway's."""
    server: MCPServer = MCPServer(
        "ask-your-ads",
        instructions="Answers questions about the caller's own ad performance (Google, Meta, "
        "TikTok, LinkedIn, Microsoft Ads) from its connected accounts, with the numbers.",
        log_level="WARNING",
    )

    @server.tool(
        name="ask",
        title="Ask about ad performance",
        description="Ask a question in plain language ('what did we spend on Meta last week?', "
        "'why did ROAS drop?'). Pass conversation_id from an earlier answer to follow up "
        "('and on Google?').",
        annotations=_ASKS,
    )
    async def ask(question: str, ctx: Context, conversation_id: str | None = None) -> AskResult:
        return await _ask(state(), _caller(ctx), question, conversation_id)

    @server.tool(
        name="usage",
        title="Model usage and cost",
        description="The tenant's model calls, tokens and cost for a period of UTC days "
        "(default: this month to date), optionally grouped, and its budget standing.",
        annotations=_READ_ONLY,
    )
    async def usage(
        ctx: Context,
        start: dt.date | None = None,
        end: dt.date | None = None,
        group_by: Literal["model", "engine", "day", "principal", "prompt_version"] | None = None,
    ) -> dict[str, Any]:
        caller = _caller(ctx)
        gateway = state()
        await _admit(gateway, caller)
        with _refusals():
            return await tenant_usage(
                gateway, caller.tenant_id, usage_request(gateway, start, end, group_by)
            )

    @server.tool(
        name="list_conversations",
        title="List conversations",
        description="The tenant's conversations, most recently active first.",
        annotations=_READ_ONLY,
    )
    async def list_conversations(
        ctx: Context, limit: int = 20, archived: bool = False
    ) -> dict[str, Any]:
        caller = _caller(ctx)
        gateway = state()
        await _admit(gateway, caller)
        if not 1 <= limit <= 100:
            raise ToolError("limit: between 1 and 100.")
        rows = await conversations.list_conversations(
            gateway.pool, caller.tenant_id, limit, None, archived
        )
        return {
            "items": [
                {
                    "id": row.id,
                    "title": row.title,
                    "turn_count": row.turns,
                    "archived": row.archived,
                    "last_activity_at": row.last_activity_at.isoformat(),
                }
                for row in rows
            ]
        }

    return server


def _caller(ctx: Context) -> Principal:
    """The principal the bearer check put on the request."""
    request = ctx.request_context.request
    principal = getattr(getattr(request, "state", None), _PRINCIPAL, None)
    if not isinstance(principal, Principal):
        raise ToolError("Not authenticated.")
    return principal


async def _admit(state: GatewayState, caller: Principal) -> None:
    with _refusals():
        admission.refuse_if_over(await admission.count_request(state, caller))


async def _ask(
    state: GatewayState, caller: Principal, question: str, conversation_id: str | None
) -> AskResult:
    if not question.strip() or len(question) > MAX_QUERY_CHARS or "\x00" in question:
        raise ToolError(f"question: 1–{MAX_QUERY_CHARS} characters of text.")
    if conversation_id is not None and not is_uuid(conversation_id):
        raise ToolError("conversation_id: not an id this service gave.")
    with _refusals():
        await admission.admit_question(state, caller)
        query_id = new_query_id()
        stored = await asking.store(
            state, caller, query_id, question, conversation_id=conversation_id
        )
        answered = await asking.answer_sync(state, caller, query_id, stored, mode="mcp")
    thread = stored.thread(state.settings.conversation_max_turns)
    result = result_from_answer(answered.answer, thread=thread)
    error = result.error or {}
    return AskResult(
        answer=result.answer or str(error.get("message", "")),
        status=result.status,
        query_id=result.id,
        conversation_id=result.conversation_id,
        turn=result.turn,
        route=result.route.value if result.route else None,
        engine=result.engine,
        model=result.model,
        degraded=result.degraded,
        data=result.data,
    )


@contextmanager
def _refusals() -> Iterator[None]:
    """REST's refusals (429, 402, 404…) as the tool's error result, in the same words."""
    try:
        yield
    except ApiError as error:
        raise ToolError(f"{error.status_code} {error.code}: {error.detail}") from error


class BearerCheck:
    """ASGI: a request without a valid key or token gets REST's 401 before the MCP transport
    reads it; a valid one carries its principal to the tools."""

    def __init__(self, app: ASGIApp, state: Callable[[], GatewayState]) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        principal = None
        if scheme.lower() == "bearer" and token.strip():
            principal = await principal_for(self.state(), token.strip())
        if principal is None:
            await _deny(send, 401, "unauthorized", "Send 'Authorization: Bearer <your API key>'.")
            return
        if not principal.tenant_active:
            await _deny(send, 403, "forbidden", "This tenant is suspended.")
            return
        scope.setdefault("state", {}).update(
            {_PRINCIPAL: principal, TENANT_KEY: principal.tenant_id}
        )
        # The SDK's own spans (tools/list, tools/call…) are named with the tenant from here.
        with log_context(tenant_id=principal.tenant_id):
            await self.app(scope, receive, send)


async def _deny(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(code, message)).encode()
    headers = [(b"content-type", b"application/json")]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def mcp_route(server: MCPServer, state: Callable[[], GatewayState]) -> Route:
    """`/mcp` for the gateway's router: the SDK's streamable HTTP endpoint behind the bearer
    check. Its session manager must run in the gateway's lifespan (`server.session_manager`).
    DNS-rebinding protection is off: every request must carry a tenant's bearer anyway."""
    app = server.streamable_http_app(
        streamable_http_path=MCP_PATH,
        stateless_http=True,
        json_response=True,
        transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
    )
    endpoint = next(r for r in app.routes if isinstance(r, Route) and r.path == MCP_PATH)
    return Route(MCP_PATH, endpoint=BearerCheck(endpoint.app, state))
