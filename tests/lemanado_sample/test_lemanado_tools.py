"""Each tool's contract over real MCP: result shapes, types, and the errors a person reads."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from lmd_support import HEL, NWO, Server, call, error_text, mcp_client

pytestmark = pytest.mark.anyio

_ACCOUNT_KEYS = {"account_id", "platform", "name", "currency", "timezone"}
_CAMPAIGN_KEYS = {"campaign_id", "name", "status", "objective"}
_ALL_METRICS = ["spend", "impressions", "clicks", "conversions", "conversion_value"]


async def test_list_accounts_returns_the_documented_fields(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    async with mcp_client(lemanado_server.mcp_url, tokens[HEL]) as client:
        listed = await call(client, "list_accounts")
    assert set(listed) == {"accounts"}
    for account in listed["accounts"]:
        assert set(account) == _ACCOUNT_KEYS
        assert account["currency"] == "EUR"
        assert account["timezone"] == "Europe/Berlin"


async def test_list_campaigns_returns_5_to_20_named_campaigns(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    async with mcp_client(lemanado_server.mcp_url, tokens[NWO]) as client:
        listed = await call(client, "list_campaigns", account_id="gads-nwo-1")
    campaigns = listed["campaigns"]
    assert 5 <= len(campaigns) <= 20
    for campaign in campaigns:
        assert set(campaign) == _CAMPAIGN_KEYS
        assert campaign["status"] in {"active", "paused"}
        assert campaign["objective"] in {"sales", "leads", "traffic", "awareness"}
    assert any("Brand Search" in c["name"] for c in campaigns)


async def test_totals_row_holds_only_the_requested_metrics_typed(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    async with mcp_client(lemanado_server.mcp_url, tokens[NWO]) as client:
        result = await call(
            client,
            "get_metrics",
            account_id="meta-nwo-1",
            start_date="2026-10-01",
            end_date="2026-10-31",
            metrics=_ALL_METRICS,
        )
    assert result["account_id"] == "meta-nwo-1"
    assert result["currency"] == "USD"
    [row] = result["rows"]
    assert list(row) == _ALL_METRICS
    for counted in ("impressions", "clicks", "conversions"):
        assert isinstance(row[counted], int)
    for money in ("spend", "conversion_value"):
        assert isinstance(row[money], int | float)
        assert round(row[money], 2) == row[money]


async def test_text_content_is_the_same_json_as_structured_content(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    arguments = {
        "account_id": "li-hel-1",
        "start_date": "2026-11-01",
        "end_date": "2026-11-07",
        "metrics": ["spend", "conversions"],
        "group_by": ["date"],
    }
    async with mcp_client(lemanado_server.mcp_url, tokens[HEL]) as client:
        result = await client.call_tool("get_metrics", arguments)
    assert not result.is_error
    assert json.loads(error_text(result)) == result.structured_content
    dates = [row["date"] for row in (result.structured_content or {})["rows"]]
    assert dates == [f"2026-11-0{d}" for d in range(1, 8)]


async def test_today_and_exactly_400_days_are_accepted(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    async with mcp_client(lemanado_server.mcp_url, tokens[NWO]) as client:
        result = await call(
            client,
            "get_metrics",
            account_id="gads-nwo-1",
            start_date="2025-10-19",  # 400 days ending 2026-11-22 (AYA_TODAY)
            end_date="2026-11-22",
            metrics=["clicks"],
            group_by=["date"],
        )
    assert len(result["rows"]) == 400


_BAD: list[tuple[dict[str, Any], str]] = [
    ({"start_date": "2026-13-01"}, r"not a date in YYYY-MM-DD"),
    ({"end_date": "yesterday"}, r"not a date in YYYY-MM-DD"),
    ({"start_date": "2026-11-10", "end_date": "2026-11-01"}, r"before start_date"),
    ({"end_date": "2026-11-23"}, r"after today \(2026-11-22\)"),
    ({"start_date": "2024-12-31"}, r"Data begins on 2025-01-01"),
    ({"start_date": "2025-01-01", "end_date": "2026-11-01"}, r"at most 400"),
    ({"metrics": ["spend", "revenue"]}, r"Unknown metric.*revenue"),
    ({"metrics": []}, r"metrics is empty"),
    ({"group_by": ["week"]}, r"Unknown grouping.*week"),
    ({"account_id": "gads-nwo-99"}, r"Unknown account 'gads-nwo-99'"),
]


@pytest.mark.parametrize(("change", "message"), _BAD)
async def test_bad_get_metrics_request_is_a_readable_tool_error(
    lemanado_server: Server, tokens: dict[str, str], change: dict[str, Any], message: str
) -> None:
    arguments = {
        "account_id": "gads-nwo-1",
        "start_date": "2026-11-01",
        "end_date": "2026-11-07",
        "metrics": ["spend"],
        **change,
    }
    async with mcp_client(lemanado_server.mcp_url, tokens[NWO]) as client:
        result = await client.call_tool("get_metrics", arguments)
    assert result.is_error
    assert re.search(message, error_text(result))
    assert "Traceback" not in error_text(result)


async def test_list_campaigns_of_unknown_account_is_a_tool_error(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    async with mcp_client(lemanado_server.mcp_url, tokens[HEL]) as client:
        result = await client.call_tool("list_campaigns", {"account_id": "nope"})
    assert result.is_error
    assert "Unknown account 'nope'" in error_text(result)
