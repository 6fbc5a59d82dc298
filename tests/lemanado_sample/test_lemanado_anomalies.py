"""Every injected anomaly in anomalies.json shows in the served data against its neighbours."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from lmd_support import TODAY, Server, call, mcp_client

from lemanado_sample import anomalies, anomalies_as_json
from lemanado_sample.anomalies import Anomaly, AnomalyKind

pytestmark = pytest.mark.anyio

_JSON = Path(__file__).resolve().parents[2] / "lemanado_sample" / "anomalies.json"
_LIST = anomalies()


def test_anomaly_list_is_the_json_file_and_fits_the_calendar() -> None:
    assert anomalies_as_json() == json.loads(_JSON.read_text(encoding="utf-8"))
    assert {a.kind for a in _LIST} == set(AnomalyKind)
    assert all(a.end <= date(2026, 11, 15) for a in _LIST)
    for tenant_id in {a.tenant_id for a in _LIST}:
        recent = [a for a in _LIST if a.tenant_id == tenant_id and a.start >= date(2026, 10, 1)]
        assert len(recent) >= 2, tenant_id


def _daily(rows: list[dict[str, Any]], anomaly: Anomaly) -> dict[str, dict[str, float]]:
    """date -> summed metrics for the anomaly's campaign (or its whole account)."""
    days: dict[str, dict[str, float]] = {}
    for row in rows:
        if anomaly.campaign_id not in (None, row["campaign_id"]):
            continue
        day = days.setdefault(row["date"], {"spend": 0.0, "conversions": 0.0})
        day["spend"] += row["spend"]
        day["conversions"] += row["conversions"]
    return days


def _neighbours(anomaly: Anomaly) -> list[date]:
    """The same weekdays one week before and one week after the anomaly."""
    span = (anomaly.end - anomaly.start).days + 1
    inside = [anomaly.start + timedelta(days=i) for i in range(span)]
    return [d + timedelta(days=shift) for d in inside for shift in (-7, 7)]


@pytest.mark.parametrize("anomaly", _LIST, ids=lambda a: f"{a.kind}-{a.start}")
async def test_anomaly_effect_is_measurable_against_neighbouring_days(
    lemanado_server: Server, tokens: dict[str, str], anomaly: Anomaly
) -> None:
    first, last = anomaly.start - timedelta(days=7), anomaly.end + timedelta(days=7)
    assert last <= date.fromisoformat(TODAY)
    async with mcp_client(lemanado_server.mcp_url, tokens[anomaly.tenant_id]) as client:
        result = await call(
            client,
            "get_metrics",
            account_id=anomaly.account_id,
            start_date=first.isoformat(),
            end_date=last.isoformat(),
            metrics=["spend", "conversions"],
            group_by=["date", "campaign"],
        )
    days = _daily(result["rows"], anomaly)
    span = (anomaly.end - anomaly.start).days + 1
    inside = [days[(anomaly.start + timedelta(days=i)).isoformat()] for i in range(span)]
    around = [days[d.isoformat()] for d in _neighbours(anomaly)]
    metric = "spend" if anomaly.kind is AnomalyKind.SPEND_SPIKE else "conversions"
    during = sum(d[metric] for d in inside) / len(inside)
    normal = sum(d[metric] for d in around) / len(around)
    assert normal > 0
    if anomaly.kind is AnomalyKind.SPEND_SPIKE:
        assert during > 2 * normal
    elif anomaly.kind is AnomalyKind.CONVERSION_DROP:
        assert during < 0.6 * normal
    elif anomaly.kind is AnomalyKind.TRACKING_OUTAGE:
        assert during == 0
        assert all(d["spend"] > 0 for d in inside)  # delivery went on; only tracking broke
    else:
        assert all(d["spend"] == 0 and d["conversions"] == 0 for d in inside)
        assert all(d["spend"] > 0 for d in around)


def test_readme_lists_every_anomaly() -> None:
    readme = (_JSON.parent / "README.md").read_text(encoding="utf-8")
    for anomaly in _LIST:
        target = anomaly.campaign_id or f"{anomaly.account_id} (all campaigns)"
        row = (
            f"| {anomaly.tenant_id} | {target} | {anomaly.kind} | {anomaly.start} | {anomaly.end} |"
        )
        assert row in readme, row
