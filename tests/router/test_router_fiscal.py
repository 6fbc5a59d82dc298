"""Fiscal periods follow the tenant's fiscal year: FY2026 is the one ending in 2026, Q1 its
first three months; with a January start every fiscal phrase is its calendar one."""

from __future__ import annotations

from datetime import date

import pytest

from services.router import build_plan
from services.router.dates.fiscal import fiscal_year_starting

MONDAY = date(2026, 11, 30)
CASES = [
    # (fiscal start month, question, first day, last day) — by hand, from the conventions
    (4, "spend this fiscal year", "2026-04-01", "2026-11-30"),
    (4, "spend FYTD", "2026-04-01", "2026-11-30"),
    (4, "spend last fiscal year", "2025-04-01", "2026-03-31"),
    (4, "spend in FY2026", "2025-04-01", "2026-03-31"),
    (4, "spend in FY27", "2026-04-01", "2026-11-30"),
    (4, "spend fiscal 2025", "2024-04-01", "2025-03-31"),
    (4, "spend in fiscal Q1", "2026-04-01", "2026-06-30"),
    (4, "spend Q3 of the fiscal year", "2026-10-01", "2026-11-30"),
    (4, "spend in fiscal Q4", "2026-01-01", "2026-03-31"),
    (7, "spend this fiscal quarter", "2026-10-01", "2026-11-30"),
    (7, "spend last fiscal quarter", "2026-07-01", "2026-09-30"),
    (7, "spend in fiscal Q3", "2026-01-01", "2026-03-31"),
    (1, "spend this fiscal year", "2026-01-01", "2026-11-30"),
    (1, "spend FY2025", "2025-01-01", "2025-12-31"),
    (1, "spend in fiscal Q2", "2026-04-01", "2026-06-30"),
]


@pytest.mark.parametrize(("start", "question", "first", "last"), CASES)
def test_fiscal_phrases_resolve_against_the_tenants_year(
    start: int, question: str, first: str, last: str
) -> None:
    plan = build_plan(question, today=MONDAY, fiscal_start=start)
    assert (plan.date_range.start.isoformat(), plan.date_range.end.isoformat()) == (first, last)
    assert plan.route.value == "direct"  # every word explained
    assert plan.route_reason.unexplained == []


def test_the_fiscal_year_before_compares_whole_fiscal_years() -> None:
    plan = build_plan("ROAS last FY vs the year before", today=MONDAY, fiscal_start=7)
    assert plan.date_range.start == date(2025, 7, 1)
    assert plan.compare_to is not None
    assert (plan.compare_to.start, plan.compare_to.end) == (date(2024, 7, 1), date(2025, 6, 30))


def test_calendar_phrases_do_not_move_with_the_fiscal_year() -> None:
    plan = build_plan("spend this year", today=MONDAY, fiscal_start=4)
    assert plan.date_range.start == date(2026, 1, 1)


def test_the_start_month_lasts_for_one_plan_only() -> None:
    build_plan("spend this fiscal year", today=MONDAY, fiscal_start=4)
    assert build_plan("spend this fiscal year", today=MONDAY).date_range.start == date(2026, 1, 1)
    with pytest.raises(ValueError, match="1-12"), fiscal_year_starting(13):
        pass


def test_this_fiscal_year_vs_last_compares_with_the_last_fiscal_year() -> None:
    plan = build_plan("spend this fiscal year vs last", today=MONDAY, fiscal_start=4)
    assert plan.compare_to is not None
    assert (plan.compare_to.start, plan.compare_to.end) == (date(2025, 4, 1), date(2026, 3, 31))
