"""Past days never change: a server with another AYA_TODAY serves the same history."""

from __future__ import annotations

import pytest
from lmd_support import NWO, Server, call, error_text, mcp_client, running_server

pytestmark = pytest.mark.anyio

_EARLIER_TODAY = "2026-06-30"


async def _history(server: Server, token: str) -> list[dict[str, object]]:
    async with mcp_client(server.mcp_url, token) as client:
        result = await call(
            client,
            "get_metrics",
            account_id="ttk-nwo-1",
            start_date="2025-06-01",
            end_date=_EARLIER_TODAY,
            metrics=["spend", "impressions", "clicks", "conversions", "conversion_value"],
            group_by=["date", "campaign"],
        )
    rows: list[dict[str, object]] = result["rows"]
    return rows


async def test_two_servers_with_different_today_agree_on_past_days(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    with running_server(today=_EARLIER_TODAY) as earlier:
        past = await _history(earlier, tokens[NWO])
        async with mcp_client(earlier.mcp_url, tokens[NWO]) as client:
            beyond = await client.call_tool(
                "get_metrics",
                {
                    "account_id": "ttk-nwo-1",
                    "start_date": "2026-07-01",
                    "end_date": "2026-07-01",
                    "metrics": ["spend"],
                },
            )
    assert past == await _history(lemanado_server, tokens[NWO])
    assert len(past) > 300
    assert beyond.is_error
    assert f"after today ({_EARLIER_TODAY})" in error_text(beyond)
