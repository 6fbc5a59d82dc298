"""Which windows data_fetch fetches for an analysis plan, and how a comparison is sliced."""

from __future__ import annotations

from datetime import UTC, date, datetime

from libs.common import AccountRef, DateRange, FetchedRows, Metric, MetricRow
from services.data_fetch.windows import DAILY_GRAIN, TOTALS_GRAIN, analysis_windows
from services.router import build_plan

SUNDAY = date(2026, 11, 22)


def test_a_why_plan_fetches_the_week_and_its_history_and_slices_the_comparison() -> None:
    windows = analysis_windows(build_plan("why did ROAS drop last week?", today=SUNDAY))
    assert windows.asked is not None
    assert windows.history is not None
    assert windows.asked.period == DateRange(start=date(2026, 11, 9), end=date(2026, 11, 15))
    assert windows.history.period == DateRange(start=date(2026, 10, 5), end=date(2026, 11, 8))
    assert (windows.compare, windows.compare_in_history) == (None, True)


def test_a_far_comparison_is_fetched_on_its_own() -> None:
    plan = build_plan("why did CPA rise last week vs same period last year", today=SUNDAY)
    windows = analysis_windows(plan)
    assert windows.compare is not None
    assert not windows.compare_in_history
    assert windows.compare.grain == DAILY_GRAIN


def test_a_comparison_longer_than_a_quarter_comes_as_campaign_totals() -> None:
    windows = analysis_windows(build_plan("why did ROAS fall in 2025 vs 2024", today=SUNDAY))
    assert windows.compare is not None
    assert windows.compare.grain == TOTALS_GRAIN


def test_a_forecast_fetches_no_future_days() -> None:
    windows = analysis_windows(build_plan("forecast spend for next week", today=SUNDAY))
    assert windows.asked is None
    assert windows.history is not None
    assert windows.history.period.end == date(2026, 11, 21)


def test_this_month_is_cut_at_today() -> None:
    windows = analysis_windows(build_plan("why did spend jump this month", today=SUNDAY))
    assert windows.asked is not None
    assert windows.asked.period.end == SUNDAY


def test_slice_keeps_only_the_days_of_the_period() -> None:
    account = AccountRef(account_id="a", platform="google_ads", name="A", currency="USD")
    rows = [
        MetricRow(account_id="a", date=date(2026, 11, d), values={Metric.SPEND: d})
        for d in range(1, 11)
    ]
    fetched = FetchedRows(
        date_range=DateRange(start=date(2026, 11, 1), end=date(2026, 11, 10)),
        accounts=[account],
        rows=rows,
        fetched_at=datetime(2026, 11, 22, tzinfo=UTC),
    )
    part = fetched.within(DateRange(start=date(2026, 11, 3), end=date(2026, 11, 5)))
    assert [r.date.day for r in part.rows if r.date] == [3, 4, 5]
    assert part.date_range.days == 3
