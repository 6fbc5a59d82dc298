"""Grouped rows add up to the ungrouped totals, exactly, over real MCP."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lmd_support import HEL, NWO, TODAY, Server, call, mcp_client

from lemanado_sample.catalog import DATA_START, accounts_by_id

pytestmark = pytest.mark.anyio

_METRICS = ["spend", "impressions", "clicks", "conversions", "conversion_value"]
_MONEY = {"spend", "conversion_value"}
_LAST = date.fromisoformat(TODAY)


def _cents(rows: list[dict[str, Any]], metric: str) -> int:
    """Sum a metric over rows in integer units (cents for money) so the check is exact."""
    scale = 100 if metric in _MONEY else 1
    return sum(round(row[metric] * scale) for row in rows)


async def _rows(client: Any, account_id: str, start: date, end: date, group_by: list[str]) -> Any:
    result = await call(
        client,
        "get_metrics",
        account_id=account_id,
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        metrics=_METRICS,
        group_by=group_by,
    )
    return result["rows"]


@pytest.mark.parametrize("group_by", [["date"], ["campaign"], ["date", "campaign"]])
async def test_grouped_rows_sum_to_the_totals(
    lemanado_server: Server, tokens: dict[str, str], group_by: list[str]
) -> None:
    start, end = date(2025, 11, 20), date(2025, 12, 31)
    async with mcp_client(lemanado_server.mcp_url, tokens[NWO]) as client:
        [total] = await _rows(client, "gads-nwo-1", start, end, [])
        grouped = await _rows(client, "gads-nwo-1", start, end, group_by)
    for metric in _METRICS:
        assert _cents(grouped, metric) == _cents([total], metric), metric


async def test_grouped_rows_are_sorted_by_date_then_campaign(
    lemanado_server: Server, tokens: dict[str, str]
) -> None:
    async with mcp_client(lemanado_server.mcp_url, tokens[HEL]) as client:
        rows = await _rows(
            client, "li-hel-1", date(2026, 9, 1), date(2026, 9, 3), ["campaign", "date"]
        )
    keys = [(row["date"], row["campaign_id"]) for row in rows]
    assert keys == sorted(keys)
    assert len(keys) == 3 * len(accounts_by_id()["li-hel-1"].campaigns)
    assert all(row["campaign_name"] for row in rows)


_ACCOUNTS = st.sampled_from(sorted(accounts_by_id()))
_STARTS = st.integers(min_value=0, max_value=(_LAST - DATA_START).days)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(account_id=_ACCOUNTS, offset=_STARTS, length=st.integers(min_value=1, max_value=60))
async def test_any_range_is_coherent_and_adds_up(
    lemanado_server: Server, tokens: dict[str, str], account_id: str, offset: int, length: int
) -> None:
    start = DATA_START + timedelta(days=offset)
    end = min(_LAST, start + timedelta(days=length - 1))
    tenant_id = accounts_by_id()[account_id].tenant_id
    async with mcp_client(lemanado_server.mcp_url, tokens[tenant_id]) as client:
        [total] = await _rows(client, account_id, start, end, [])
        daily = await _rows(client, account_id, start, end, ["date", "campaign"])
    for row in daily:
        assert row["impressions"] >= row["clicks"] >= row["conversions"] >= 0
        assert row["spend"] >= 0
        assert row["conversion_value"] >= 0
        if row["clicks"] == 0:
            assert row["spend"] == 0
    for metric in _METRICS:
        assert _cents(daily, metric) == _cents([total], metric)
