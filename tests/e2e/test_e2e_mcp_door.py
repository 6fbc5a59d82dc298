"""Ask Your Ads as an MCP server, driven by the `mcp` SDK's client over HTTP as an agent would:
list the tools (with what is read-only), call each, follow up, a bad key, an over-limit call —
and the questions stored as REST ones are."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import httpx2
import pytest
from e2e_support import NWO, away_from_minute_end
from mcp import Client, MCPError
from mcp.client.streamable_http import streamable_http_client
from test_e2e_admin import Tree, api, make_tree, with_data_of

from aya.stack import Stack

pytestmark = pytest.mark.slow
T = TypeVar("T")


@pytest.fixture(scope="module")
def tree(stack: Stack) -> Tree:
    return with_data_of(stack, make_tree(stack, "mcp"), NWO, requests_per_minute=1000)


def _url(stack: Stack) -> str:
    assert stack.info is not None
    return f"{stack.info.gateway_url}/mcp"


def _with_client(stack: Stack, key: str, use: Callable[[Client], Awaitable[T]]) -> T:
    async def run() -> T:
        http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=60)
        async with http, Client(streamable_http_client(_url(stack), http_client=http)) as client:
            return await use(client)

    return asyncio.run(run())


def test_the_tools_are_listed_with_what_is_read_only(stack: Stack, tree: Tree) -> None:
    async def tools(client: Client) -> dict[str, Any]:
        listed = await client.list_tools()
        return {tool.name: tool for tool in listed.tools}

    found = _with_client(stack, tree.keys["client_analyst"], tools)
    assert set(found) == {"ask", "usage", "list_conversations"}
    assert found["usage"].annotations.read_only_hint is True
    assert found["list_conversations"].annotations.read_only_hint is True
    assert found["ask"].annotations.read_only_hint is False
    assert "question" in found["ask"].input_schema["properties"]


def test_an_agent_asks_follows_up_and_reads_usage_and_conversations(
    stack: Stack, tree: Tree
) -> None:
    async def session(client: Client) -> list[Any]:
        first = await client.call_tool(
            "ask", {"question": "What did we spend on Google last week?"}
        )
        thread = first.structured_content["conversation_id"]  # type: ignore[index]
        follow = await client.call_tool(
            "ask", {"question": "and on Meta?", "conversation_id": thread}
        )
        usage = await client.call_tool("usage", {"group_by": "engine"})
        listed = await client.call_tool("list_conversations", {"limit": 5})
        return [first, follow, usage, listed]

    first, follow, usage, listed = _with_client(stack, tree.keys["client_analyst"], session)
    assert not any(r.is_error for r in (first, follow, usage, listed))
    one, two = first.structured_content, follow.structured_content
    assert one["route"] == "direct"
    assert one["data"]["totals"]["spend"] > 0
    assert "$" in first.content[0].text  # the answer's text, for agents that read text
    assert (two["conversation_id"], two["turn"]) == (one["conversation_id"], 2)
    with api(stack, tree.keys["client_viewer"]) as rest:
        stored = rest.get(f"/v1/queries/{two['query_id']}").json()
    assert stored["answer"] == two["answer"]
    assert stored["plan"]["platforms"] == ["meta_ads"]
    assert "totals" in usage.structured_content
    ids = [item["id"] for item in listed.structured_content["items"]]
    assert one["conversation_id"] in ids


def test_a_bad_key_is_refused_before_any_tool(stack: Stack) -> None:
    raw = httpx.post(
        _url(stack),
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        headers={"Authorization": "Bearer aya_live_nope_nope", "Accept": "application/json"},
    )
    assert raw.status_code == 401
    assert raw.json()["error"]["code"] == "unauthorized"

    async def tools(client: Client) -> Any:
        return await client.list_tools()

    with pytest.raises(ExceptionGroup) as refused:  # the SDK's task group carries the 401
        _with_client(stack, "aya_live_nope_nope", tools)
    assert refused.group_contains(MCPError, depth=None)  # "Server returned an error response"


def test_a_viewer_may_read_but_not_ask(stack: Stack, tree: Tree) -> None:
    async def both(client: Client) -> list[Any]:
        return [
            await client.call_tool("ask", {"question": "spend last week"}),
            await client.call_tool("list_conversations", {}),
        ]

    asked, listed = _with_client(stack, tree.keys["client_viewer"], both)
    assert asked.is_error
    assert "403" in asked.content[0].text
    assert not listed.is_error


def test_a_call_over_the_tenants_minute_is_an_error_result(stack: Stack) -> None:
    slow = with_data_of(stack, make_tree(stack, "mcp429"), NWO, requests_per_minute=2)

    async def three(client: Client) -> list[Any]:
        return [await client.call_tool("usage", {}) for _ in range(3)]

    away_from_minute_end()
    results = _with_client(stack, slow.keys["client_analyst"], three)
    assert [r.is_error for r in results] == [False, False, True]
    assert "429 rate_limited" in results[-1].content[0].text
