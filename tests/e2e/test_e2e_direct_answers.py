"""Direct answers through the whole stack equal totals computed independently from MCP rows."""

from __future__ import annotations

import pytest
from e2e_support import HEL, NWO, ask, connector_rows, expected, number, sums

from aya.stack import Stack

pytestmark = pytest.mark.slow

LOOKUPS = [
    (NWO, "What did we spend on Google Ads last week?", ["google_ads"], "2026-11-09", "2026-11-15"),
    (NWO, "clicks and impressions on Facebook yesterday", ["meta_ads"], "2026-11-21", "2026-11-21"),
    (
        HEL,
        "What was our ROAS on LinkedIn last month?",
        ["linkedin_ads"],
        "2026-10-01",
        "2026-10-31",
    ),
    (
        HEL,
        "cost per lead on bing in the last 30 days",
        ["microsoft_ads"],
        "2026-10-23",
        "2026-11-21",
    ),
    (NWO, "total conversions and revenue last 14 days", [], "2026-11-08", "2026-11-21"),
    (HEL, "CTR and CPM for Google Ads in Q3", ["google_ads"], "2026-07-01", "2026-09-30"),
]


@pytest.mark.parametrize(("tenant_id", "question", "platforms", "start", "end"), LOOKUPS)
def test_lookup_totals_equal_independent_sums_of_connector_rows(
    stack: Stack, tenant_id: str, question: str, platforms: list[str], start: str, end: str
) -> None:
    body = ask(stack, tenant_id, question)
    plan = body["plan"]
    assert plan["route"] == "direct"
    assert sorted(plan["platforms"]) == platforms
    assert plan["date_range"] == {"start": start, "end": end}
    total = sums(connector_rows(stack, tenant_id, platforms, start, end))
    assert body["data"]["totals"].keys() == set(body["data"]["metrics"])
    for metric, value in body["data"]["totals"].items():
        assert number(value) == expected(metric, total), metric
    assert (body["engine"], body["model"], body["usage"]) == (None, None, None)


def test_comparison_matches_both_periods_and_their_change(stack: Stack) -> None:
    body = ask(stack, NWO, "Meta spend last week vs the week before")
    plan = body["plan"]
    assert plan["compare_to"] == {"start": "2026-11-02", "end": "2026-11-08"}
    now = sums(connector_rows(stack, NWO, ["meta_ads"], "2026-11-09", "2026-11-15"))["spend"]
    before = sums(connector_rows(stack, NWO, ["meta_ads"], "2026-11-02", "2026-11-08"))["spend"]
    compare = body["data"]["compare"]
    assert number(body["data"]["totals"]["spend"]) == now
    assert number(compare["totals"]["spend"]) == before
    assert number(compare["change"]["spend"]["absolute"]) == now - before


def test_campaign_breakdown_rows_match_connector_rows_and_sum_to_totals(stack: Stack) -> None:
    body = ask(stack, HEL, "spend by campaign on LinkedIn last week")
    rows = body["data"]["rows"]
    source = connector_rows(
        stack, HEL, ["linkedin_ads"], "2026-11-09", "2026-11-15", group_by=["campaign"]
    )
    by_campaign = {r["campaign_id"]: sums([r])["spend"] for r in source}
    assert {r["campaign_id"]: number(r["spend"]) for r in rows} == by_campaign
    assert sum(number(r["spend"]) or 0 for r in rows) == number(body["data"]["totals"]["spend"])


def test_ranking_returns_the_top_campaigns_in_order(stack: Stack) -> None:
    body = ask(stack, NWO, "top 3 campaigns by conversions last month")
    rows = body["data"]["rows"]
    source = connector_rows(stack, NWO, [], "2026-10-01", "2026-10-31", group_by=["campaign"])
    best = sorted((int(r["conversions"]) for r in source), reverse=True)[:3]
    assert [int(r["conversions"]) for r in rows] == best


def test_daily_breakdown_has_one_row_per_day(stack: Stack) -> None:
    body = ask(stack, NWO, "daily clicks on TikTok last week")
    rows = body["data"]["rows"]
    assert [r["date"] for r in rows] == [f"2026-11-{d:02d}" for d in range(9, 16)]
    source = connector_rows(stack, NWO, ["tiktok_ads"], "2026-11-09", "2026-11-15", ["date"])
    per_day: dict[str, int] = {}
    for row in source:
        per_day[row["date"]] = per_day.get(row["date"], 0) + int(row["clicks"])
    assert {r["date"]: int(r["clicks"]) for r in rows} == per_day


def test_money_follows_the_tenants_currency(stack: Stack) -> None:
    assert ask(stack, HEL, "spend last week")["data"]["currency"] == "EUR"
    assert ask(stack, NWO, "spend last week")["data"]["currency"] == "USD"


def test_platform_the_tenant_has_not_connected_is_said_plainly(stack: Stack) -> None:
    body = ask(stack, HEL, "How much did we spend on Meta last week?")
    assert body["data"] is None
    assert "connected" in body["answer"].lower()


def test_unsupported_platform_is_said_plainly(stack: Stack) -> None:
    body = ask(stack, NWO, "Pinterest spend last week")
    assert body["data"] is None
    assert "pinterest" in body["answer"].lower()


def test_campaign_filter_that_matches_nothing_is_said_plainly(stack: Stack) -> None:
    body = ask(stack, NWO, 'spend for the "Zebra Unicorn Launch" campaign last week')
    assert body["data"] is None
    assert "zebra unicorn launch" in body["answer"].lower()
