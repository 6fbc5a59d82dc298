"""The float pre-screen of the daily checks skips only days no check could flag: the analyst's
findings are the same with and without it, and a spike always passes it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from analyst_support import HEL, NWO, sample_job

from lemanado_sample import anomalies as injected
from libs.common import Metric
from libs.common.arithmetic import zero_sums
from services.inference.analyst import daily
from services.inference.analyst.analyse import examine
from services.inference.analyst.anomaly import TENANT
from services.inference.analyst.screen import worth_judging
from services.inference.analyst.series import Daily


def _weeks() -> list[tuple[str, date]]:
    """Every injected anomaly's week, and quiet weeks of both demo tenants."""
    weeks = {(a.tenant_id, a.start - timedelta(days=a.start.weekday())) for a in injected()}
    weeks |= {(NWO, date(2026, 9, 14)), (HEL, date(2026, 6, 15)), (NWO, date(2025, 12, 22))}
    return sorted(weeks)


@pytest.mark.parametrize(("tenant", "monday"), _weeks())
def test_the_screen_changes_no_finding(
    tenant: str, monday: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = sample_job(tenant, monday, monday + timedelta(days=6), intent="anomaly")
    screened = examine(job)

    def every_pair(scoped, days, refs_of, checks):  # type: ignore[no-untyped-def]
        return {(scope, day) for scope, _, _ in scoped for day in days}

    monkeypatch.setattr(daily, "worth_judging", every_pair)
    assert examine(job) == screened


def _series(values: list[int], metric: Metric = Metric.SPEND) -> tuple[Daily, list[date]]:
    start = date(2026, 3, 2)
    days = [start + timedelta(days=i) for i in range(len(values))]
    sums: Daily = {}
    for day, value in zip(days, values, strict=True):
        sums[day] = zero_sums()
        sums[day][metric] = Decimal(value)
    return sums, days


def test_a_spike_passes_the_screen_and_a_flat_day_does_not() -> None:
    sums, days = _series([100] * 28 + [100, 900])
    flat, spike = days[-2], days[-1]
    refs_of = {day: [day - timedelta(weeks=w) for w in (4, 3, 2, 1)] for day in (flat, spike)}
    worth = worth_judging([(TENANT, sums, Decimal(3))], [flat, spike], refs_of, daily.CHECKS)
    assert worth == {(TENANT, spike)}


def test_a_day_without_a_value_is_left_to_the_exact_judgement() -> None:
    # Nothing spent on the reference days: their ROAS has no value, so the screen cannot bound
    # the day's; the exact judgement (which then has no baseline) decides.
    sums, days = _series([0] * 28 + [500])
    for day in days:
        sums[day][Metric.CONVERSIONS] = Decimal(30)
        sums[day][Metric.CONVERSION_VALUE] = Decimal(100)
    day = days[-1]
    refs_of = {day: [day - timedelta(weeks=w) for w in (4, 3, 2, 1)]}
    assert worth_judging([(TENANT, sums, Decimal(3))], [day], refs_of, daily.CHECKS) == {
        (TENANT, day)
    }
