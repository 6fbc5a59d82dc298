"""The analyst finds the sample data's injected anomalies and stays quiet on normal weeks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from analyst_support import HEL, NWO, hand_fetched, hand_row, make_plan, sample_job

from lemanado_sample import Anomaly as Injected
from lemanado_sample import AnomalyKind as InjectedKind
from lemanado_sample import anomalies as injected
from libs.common.query import AnalysisJob, Query
from services.inference.analyst import analyse

_EXPECTED_KIND = {
    InjectedKind.SPEND_SPIKE: "spike",
    InjectedKind.CONVERSION_DROP: "conversion_rate",
    InjectedKind.TRACKING_OUTAGE: "tracking_outage",
    InjectedKind.PAUSED_RESUMED: "paused",
}


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _matches(found: dict[str, Any], anomaly: Injected) -> bool:
    scope = found["scope"]
    where = (
        scope["campaign_id"] == anomaly.campaign_id
        if anomaly.campaign_id
        else scope["account_id"] == anomaly.account_id and scope["campaign_id"] is None
    )
    overlaps = (
        found["start"] <= anomaly.end.isoformat() and found["end"] >= anomaly.start.isoformat()
    )
    return where and overlaps and found["kind"] == _EXPECTED_KIND[anomaly.kind]


@pytest.mark.parametrize(
    "anomaly", injected(), ids=lambda a: f"{a.kind.value}-{a.campaign_id or a.account_id}"
)
def test_each_injected_anomaly_is_found_in_the_week_that_covers_it(anomaly: Injected) -> None:
    start, end = _week_of(anomaly.start)
    report = analyse(sample_job(anomaly.tenant_id, start, end))
    found = report.data["findings"]
    assert any(_matches(f, anomaly) for f in found), found


@pytest.mark.parametrize(("tenant", "start"), [(NWO, date(2026, 9, 14)), (HEL, date(2026, 6, 15))])
def test_a_quiet_week_raises_at_most_two_alarms(tenant: str, start: date) -> None:
    report = analyse(sample_job(tenant, start, start + timedelta(days=6)))
    assert len(report.data["findings"]) <= 2, report.data["findings"]


def _small_campaign_job(last_day_conversions: int) -> AnalysisJob:
    """28 days of ~2 conversions a day at $50 CPA, then a week whose last day differs."""
    history_start, start = date(2026, 10, 12), date(2026, 11, 9)
    history = [
        hand_row(history_start + timedelta(days=i), "Tiny", "100", 5000, 100, 2, "300")
        for i in range(28)
    ]
    week = [
        hand_row(start + timedelta(days=i), "Tiny", "100", 5000, 100, 2, "300") for i in range(6)
    ]
    week.append(
        hand_row(start + timedelta(days=6), "Tiny", "100", 5000, 100, last_day_conversions, "150")
    )
    return AnalysisJob(
        query=Query(text="Anything odd last week?"),
        plan=make_plan(start, start + timedelta(days=6)),
        rows=hand_fetched(start, start + timedelta(days=6), week),
        history=hand_fetched(history_start, start - timedelta(days=1), history),
    )


def test_cpa_doubling_on_one_conversion_is_no_alarm() -> None:
    report = analyse(_small_campaign_job(last_day_conversions=1))
    assert not [f for f in report.data["findings"] if f["metric"] in ("cpa", "roas")]


def test_a_large_campaign_cpa_jump_is_an_alarm() -> None:
    history_start, start = date(2026, 10, 12), date(2026, 11, 9)
    history = [
        hand_row(history_start + timedelta(days=i), "Big", "2000", 90000, 2000, 50, "6000")
        for i in range(28)
    ]
    week = [
        hand_row(start + timedelta(days=i), "Big", "2000", 90000, 2000, 50, "6000")
        for i in range(6)
    ]
    week.append(hand_row(start + timedelta(days=6), "Big", "2000", 90000, 2000, 20, "2400"))
    job = AnalysisJob(
        query=Query(text="Anything odd last week?"),
        plan=make_plan(start, start + timedelta(days=6)),
        rows=hand_fetched(start, start + timedelta(days=6), week),
        history=hand_fetched(history_start, start - timedelta(days=1), history),
    )
    found = analyse(job).data["findings"]
    assert any(f["start"] == "2026-11-15" and f["metric"] == "cpa" for f in found), found
