"""The answer text: amounts, period labels and tables a marketer reads at a glance."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from df_support import AS_OF, GOOGLE, META, PREVIOUS_WEEK, make_fetched, make_plan, make_row

from libs.common import AccountRef, FetchedRows, Metric, MetricRow, Platform
from libs.common.plan import DateRange
from libs.common.presentation import format_metric, period_label
from services.data_fetch.direct import compute


def _answer(
    rows: list[MetricRow],
    compare: FetchedRows | None = None,
    accounts: tuple[AccountRef, ...] = (META, GOOGLE),
    **plan_fields: Any,
) -> str:
    plan = make_plan(**plan_fields)
    return compute(plan, make_fetched(rows, accounts, plan.date_range), compare).answer


def test_lookup_names_platform_period_and_formatted_amount() -> None:
    text = _answer([make_row(spend="4210.55")], platforms=["meta_ads"], metrics=["spend"])
    assert text == "Meta Ads spend for Nov 9–15: $4,210.55."


def test_comparison_says_direction_percent_and_base_period() -> None:
    base = make_fetched([make_row(spend="3746.12")], period=PREVIOUS_WEEK)
    text = _answer(
        [make_row(spend="4210.55")],
        base,
        platforms=["meta_ads"],
        metrics=["spend"],
        intent="comparison",
        compare_to=PREVIOUS_WEEK,
    )
    assert "$4,210.55, up 12.4 % vs Nov 2–8 ($3,746.12)" in text


def test_fall_says_down() -> None:
    base = make_fetched([make_row(clicks=200)], period=PREVIOUS_WEEK)
    text = _answer([make_row(clicks=150)], base, metrics=["clicks"], compare_to=PREVIOUS_WEEK)
    assert "150, down 25.0 % vs Nov 2–8 (200)" in text


def test_growth_from_zero_has_no_percentage() -> None:
    base = make_fetched([], period=PREVIOUS_WEEK)
    text = _answer([make_row(spend=50)], base, metrics=["spend"], compare_to=PREVIOUS_WEEK)
    assert "$50.00, up from $0.00 in Nov 2–8" in text
    assert "%" not in text


def test_zero_spend_is_stated_as_no_spend() -> None:
    assert "$0.00 (no spend)" in _answer([], metrics=["spend"], platforms=["google_ads"])


def test_ratio_without_denominator_reads_not_available() -> None:
    assert "ROAS for Nov 9–15: n/a." in _answer([], metrics=["roas"])


def test_one_day_reads_on_that_day() -> None:
    day = DateRange(start=date(2026, 11, 21), end=date(2026, 11, 21))
    assert _answer([], metrics=["spend"], date_range=day).startswith("Spend on Nov 21: $0.00")


def test_several_metrics_give_one_line_each() -> None:
    row = make_row(spend=100, impressions=12345, clicks=300, conversions=12, value=342)
    text = _answer([row], metrics=["spend", "impressions", "ctr", "roas"], platforms=["meta_ads"])
    assert text.splitlines() == [
        "Meta Ads for Nov 9–15:",
        "- Spend: $100.00",
        "- Impressions: 12,345",
        "- CTR: 2.43 %",
        "- ROAS: 3.42×",
    ]


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2026, 11, 21), date(2026, 11, 21), "Nov 21"),
        (date(2026, 11, 9), date(2026, 11, 15), "Nov 9–15"),
        (date(2026, 10, 28), date(2026, 11, 3), "Oct 28 – Nov 3"),
        (date(2026, 11, 1), date(2026, 11, 30), "Nov 2026"),
        (date(2026, 1, 1), date(2026, 3, 31), "2026-01-01 – 2026-03-31"),
        (date(2025, 11, 9), date(2025, 11, 15), "Nov 9–15, 2025"),
        (date(2025, 11, 21), date(2025, 11, 21), "Nov 21, 2025"),
        (date(2025, 12, 29), date(2026, 1, 4), "Dec 29, 2025 – Jan 4, 2026"),
    ],
)
def test_period_labels(start: date, end: date, label: str) -> None:
    assert period_label(start, end, AS_OF) == label


@pytest.mark.parametrize(
    ("metric", "value", "currency", "text"),
    [
        (Metric.SPEND, "1234567.891", "USD", "$1,234,567.89"),
        (Metric.SPEND, "12", "EUR", "€12.00"),
        (Metric.CPA, "0.5", "GBP", "£0.50"),
        (Metric.CONVERSION_VALUE, "1234.5", "SEK", "SEK 1,234.50"),
        (Metric.IMPRESSIONS, "1234567", "USD", "1,234,567"),
        (Metric.CONVERSIONS, "12.5", "USD", "12.50"),
        (Metric.ROAS, "3.4167", "USD", "3.42×"),
        (Metric.CTR, "0.02345", "USD", "2.35 %"),
    ],
)
def test_metric_formats(metric: Metric, value: str, currency: str, text: str) -> None:
    assert format_metric(metric, Decimal(value), currency) == text


def test_breakdown_is_a_headline_and_table_with_a_total() -> None:
    rows = [make_row(campaign="Brand", spend=300), make_row(campaign="Promo", spend="1200.5")]
    text = _answer(rows, intent="breakdown", metrics=["spend"], group_by=["campaign"])
    lines = text.splitlines()
    assert lines[0] == "Spend by campaign for Nov 9–15:"
    assert lines[1] == "| Campaign | Spend |"
    assert "| Brand | $300.00 |" in lines
    assert lines[-1] == "| Total | $1,500.50 |"


def test_long_breakdown_shows_fifteen_rows_and_says_how_many_more() -> None:
    rows = [make_row(campaign=f"Campaign {n:03d}", spend=n) for n in range(1, 21)]
    plan = make_plan(intent="breakdown", metrics=["spend"], group_by=["campaign"])
    result = compute(plan, make_fetched(rows))
    assert result.data is not None
    assert len(result.data["rows"]) == 20
    table_rows = [line for line in result.answer.splitlines() if line.startswith("| Campaign 0")]
    assert len(table_rows) == 15
    assert "… and 5 more" in result.answer


def test_ranking_headline_names_metric_order_and_cut() -> None:
    rows = [make_row(campaign=name, spend=10, value=v) for name, v in [("A", 5), ("B", 50)]]
    ranking = {"metric": "roas", "descending": True, "limit": 1}
    text = _answer(
        rows, intent="ranking", ranking=ranking, metrics=["roas"], platforms=["meta_ads"]
    )
    assert text.splitlines()[0] == (
        "Meta Ads campaigns by ROAS (highest first) for Nov 9–15, top 1 of 2:"
    )
    assert "| B | 5.00× |" in text
    assert "Total" not in text


def test_week_rows_are_labelled_by_the_days_the_range_covers() -> None:
    period = DateRange(start=date(2026, 11, 4), end=date(2026, 11, 15))
    rows = [make_row(day=period.start + timedelta(days=n), spend=1) for n in range(12)]
    text = _answer(rows, intent="trend", metrics=["spend"], group_by=["week"], date_range=period)
    assert "| Nov 4–8 | $5.00 |" in text
    assert "| Nov 9–15 | $7.00 |" in text


def test_breakdown_with_comparison_adds_total_change_lines() -> None:
    base = make_fetched([make_row(spend=100)], period=PREVIOUS_WEEK)
    rows = [make_row(campaign="Brand", spend=150)]
    text = _answer(
        rows,
        base,
        intent="breakdown",
        metrics=["spend"],
        group_by=["campaign"],
        compare_to=PREVIOUS_WEEK,
    )
    assert "Totals vs Nov 2–8:" in text
    assert "- Spend: $150.00, up 50.0 % vs Nov 2–8 ($100.00)" in text


def test_campaign_names_cannot_break_the_table() -> None:
    rows = [make_row(campaign="Brand | US\nnew", spend=1)]
    text = _answer(rows, intent="breakdown", metrics=["spend"], group_by=["campaign"])
    assert "| Brand \\| US new | $1.00 |" in text


def test_breakdown_without_activity_says_so() -> None:
    text = _answer([], intent="breakdown", metrics=["spend"], group_by=["campaign"])
    assert "No campaign had any activity for Nov 9–15." in text


def test_account_filter_names_the_account_and_campaign_filter_qualifies() -> None:
    filters = [
        {"field": "account", "value": "social"},
        {"field": "campaign", "value": "brand"},
    ]
    rows = [make_row(campaign="Brand", spend=12)]
    text = _answer(rows, accounts=(META,), metrics=["spend"], filters=filters)
    assert text == "Northwind Social spend for Nov 9–15 (campaigns matching “brand”): $12.00."


def test_notes_follow_the_answer() -> None:
    plan = make_plan(metrics=["spend"])
    result = compute(plan, make_fetched([]), notes=["No LinkedIn Ads account is connected."])
    assert result.answer.endswith("\nNo LinkedIn Ads account is connected.")
    assert result.notes == ("No LinkedIn Ads account is connected.",)


def test_source_names_accounts_range_and_fetch_time_in_utc() -> None:
    fetched = make_fetched([], accounts=[META]).model_copy(
        update={"fetched_at": datetime(2026, 11, 16, 10, 30, tzinfo=timezone(timedelta(hours=2)))}
    )
    result = compute(make_plan(metrics=["spend"]), fetched)
    assert result.data is not None
    assert result.data["source"] == {
        "accounts": [{"account_id": "meta-1", "platform": "meta_ads", "name": "Northwind Social"}],
        "date_range": {"start": "2026-11-09", "end": "2026-11-15"},
        "fetched_at": "2026-11-16T08:30:00Z",
    }


def test_a_tiktok_only_tenant_reads_its_platform_name() -> None:
    tiktok = AccountRef(account_id="t", platform=Platform.TIKTOK_ADS, name="T", currency="EUR")
    row = make_row(tiktok, spend=7)
    text = _answer([row], accounts=(tiktok,), platforms=["tiktok_ads"], metrics=["spend"])
    assert text == "TikTok Ads spend for Nov 9–15: €7.00."
