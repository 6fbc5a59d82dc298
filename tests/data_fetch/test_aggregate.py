"""Totals, ratios, buckets, rankings and changes: hand-computed expectations."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from df_support import GOOGLE, META, PREVIOUS_WEEK, make_fetched, make_plan, make_row

from libs.common import AccountRef, GroupBy, Metric, Platform, Ranking
from libs.common.arithmetic import base_sums, metric_value
from libs.common.plan import DateRange
from services.data_fetch.aggregate import change, group_rows, rank
from services.data_fetch.defaults import DEFAULT_METRICS
from services.data_fetch.direct import compute
from services.data_fetch.scope import MixedCurrencyError


def _data(**plan_fields: Any) -> dict[str, Any]:
    rows = plan_fields.pop("rows")
    compare = plan_fields.pop("compare", None)
    result = compute(make_plan(**plan_fields), make_fetched(rows), compare)
    assert result.data is not None
    return result.data


def test_roas_is_ratio_of_sums_not_average_of_ratios() -> None:
    rows = [make_row(spend=100, value=400), make_row(spend=300, value=300)]
    # Averaging ROAS 4.0 and 1.0 would say 2.5; the money says 700 / 400.
    data = _data(metrics=["roas"], rows=rows)
    assert data["totals"] == {"roas": 1.75}


def test_every_ratio_is_recomputed_from_sums() -> None:
    rows = [
        make_row(spend=150, impressions=12000, clicks=100, conversions=5, value=500),
        make_row(GOOGLE, spend=100, impressions=8000, clicks=300, conversions=3, value=400),
    ]
    data = _data(metrics=["ctr", "cpc", "cpa", "cpm", "roas"], rows=rows)
    # Σ: spend 250, impressions 20000, clicks 400, conversions 8, value 900.
    assert data["totals"] == {"ctr": 0.02, "cpc": 0.63, "cpa": 31.25, "cpm": 12.5, "roas": 3.6}


def test_zero_denominators_are_null() -> None:
    data = _data(metrics=["roas", "cpc", "ctr", "spend"], rows=[make_row(value=50)])
    assert data["totals"] == {"roas": None, "cpc": None, "ctr": None, "spend": 0}
    assert metric_value(Metric.CPA, base_sums([])) is None


def test_money_rounds_half_up_to_cents() -> None:
    # 2.675 is 2.67499… as a float; in Decimal it is exact and rounds half up to 2.68.
    assert _data(metrics=["spend"], rows=[make_row(spend="2.675")])["totals"]["spend"] == 2.68
    # CPC 0.625 -> 0.63 (banker's rounding would give 0.62).
    assert _data(metrics=["cpc"], rows=[make_row(spend=5, clicks=8)])["totals"]["cpc"] == 0.63


def test_ratios_round_to_four_places() -> None:
    data = _data(
        metrics=["ctr", "roas"], rows=[make_row(spend=3, value=2, clicks=1, impressions=3)]
    )
    assert data["totals"] == {"ctr": 0.3333, "roas": 0.6667}


def test_ratio_values_sent_by_a_connector_are_ignored() -> None:
    row = make_row(spend=10, value=20)
    with_ratio = row.model_copy(update={"values": {**row.values, Metric.ROAS: Decimal(99)}})
    assert base_sums([with_ratio])[Metric.SPEND] == 10
    assert metric_value(Metric.ROAS, base_sums([with_ratio])) == 2


def test_no_rows_for_connected_accounts_is_all_zeros() -> None:
    data = _data(metrics=["spend", "clicks", "roas"], rows=[])
    assert data["totals"] == {"spend": 0, "clicks": 0, "roas": None}


def test_default_metrics_when_plan_names_none() -> None:
    data = _data(rows=[make_row(spend=1)])
    assert data["metrics"] == [m.value for m in DEFAULT_METRICS]
    assert list(data["totals"]) == data["metrics"]


def test_ranking_metric_joins_the_metrics() -> None:
    ranking = Ranking(metric=Metric.CPA, descending=False)
    data = _data(intent="ranking", metrics=["spend"], ranking=ranking, rows=[])
    assert data["metrics"] == ["spend", "cpa"]


def test_weeks_start_on_monday_across_the_year_boundary() -> None:
    days = [date(2025, 12, 28), date(2025, 12, 29), date(2026, 1, 1), date(2026, 1, 4)]
    rows = [make_row(day=day, spend=1) for day in [*days, date(2026, 1, 5)]]
    period = DateRange(start=date(2025, 12, 28), end=date(2026, 1, 5))
    groups = group_rows(rows, [META], [GroupBy.WEEK], [Metric.SPEND], fill=period)
    assert [(g.fields["week"], g.values[Metric.SPEND]) for g in groups] == [
        ("2025-12-22", Decimal(1)),
        ("2025-12-29", Decimal(3)),
        ("2026-01-05", Decimal(1)),
    ]


def test_months_split_at_the_year_boundary() -> None:
    rows = [make_row(day=date(2025, 12, 31), spend=2), make_row(day=date(2026, 1, 1), spend=3)]
    groups = group_rows(rows, [META], [GroupBy.MONTH], [Metric.SPEND])
    assert [(g.fields["month"], g.values[Metric.SPEND]) for g in groups] == [
        ("2025-12", Decimal(2)),
        ("2026-01", Decimal(3)),
    ]


def test_daily_trend_shows_days_without_rows_as_zero() -> None:
    rows = [make_row(day=date(2026, 11, 10), spend=5)]
    data = _data(intent="trend", metrics=["spend"], group_by=["date"], rows=rows)
    assert len(data["rows"]) == 7
    assert data["rows"][0] == {"date": "2026-11-09", "spend": 0}
    assert data["rows"][1] == {"date": "2026-11-10", "spend": 5}


def test_several_dimensions_give_one_row_per_combination() -> None:
    day1, day2 = date(2026, 11, 9), date(2026, 11, 10)
    rows = [
        make_row(day=day1, campaign="Brand", spend=1),
        make_row(day=day1, campaign="Brand", spend=2),
        make_row(day=day2, campaign="Brand", spend=4),
        make_row(day=day1, campaign="Promo", spend=8),
    ]
    data = _data(intent="breakdown", metrics=["spend"], group_by=["campaign", "date"], rows=rows)
    assert [(r["campaign"], r["date"], r["spend"]) for r in data["rows"]] == [
        ("Brand", "2026-11-09", 3),
        ("Brand", "2026-11-10", 4),
        ("Promo", "2026-11-09", 8),
    ]


def test_breakdown_rows_sort_by_name_case_insensitively() -> None:
    rows = [make_row(campaign=name, spend=1) for name in ["beta", "Alpha", "Gamma"]]
    data = _data(intent="breakdown", metrics=["spend"], group_by=["campaign"], rows=rows)
    assert [r["campaign"] for r in data["rows"]] == ["Alpha", "beta", "Gamma"]


def test_platform_and_account_rows() -> None:
    rows = [make_row(META, spend=1), make_row(GOOGLE, spend=2), make_row(META, spend=4)]
    by_platform = _data(intent="breakdown", metrics=["spend"], group_by=["platform"], rows=rows)
    assert [(r["platform"], r["spend"]) for r in by_platform["rows"]] == [
        ("google_ads", 2),
        ("meta_ads", 5),
    ]
    by_account = _data(intent="breakdown", metrics=["spend"], group_by=["account"], rows=rows)
    assert by_account["rows"][0] == {
        "account_id": "gads-1",
        "account": "Northwind Search",
        "platform": "google_ads",
        "spend": 2,
    }


def _campaign_rows() -> list[Any]:
    return [
        make_row(campaign="Alpha", spend=100, value=300),  # ROAS 3
        make_row(campaign="Beta", spend=100, value=500),  # ROAS 5
        make_row(campaign="Gamma", spend=0, value=0),  # ROAS null
        make_row(campaign="Delta", spend=100, value=100),  # ROAS 1
        make_row(campaign="Epsilon", spend=50, value=150),  # ROAS 3, ties with Alpha
    ]


def _ranked(descending: bool, limit: int | None = None) -> list[str]:
    ranking = {"metric": "roas", "descending": descending, "limit": limit}
    data = _data(
        intent="ranking", group_by=["campaign"], ranking=ranking, metrics=[], rows=_campaign_rows()
    )
    return [row["campaign"] for row in data["rows"]]


def test_ranking_highest_first_ties_by_name_nulls_last() -> None:
    assert _ranked(descending=True) == ["Beta", "Alpha", "Epsilon", "Delta", "Gamma"]


def test_ranking_lowest_first_still_puts_nulls_last() -> None:
    assert _ranked(descending=False) == ["Delta", "Alpha", "Epsilon", "Beta", "Gamma"]


def test_ranking_limit_keeps_the_first_rows() -> None:
    assert _ranked(descending=True, limit=2) == ["Beta", "Alpha"]


def test_ranking_intent_without_ranking_ranks_first_metric_highest_first() -> None:
    data = _data(intent="ranking", metrics=["spend"], rows=_campaign_rows())
    assert data["group_by"] == ["campaign"]
    assert [r["spend"] for r in data["rows"]] == [100, 100, 100, 50, 0]


def test_rank_treats_a_missing_metric_as_null() -> None:
    groups = group_rows(_campaign_rows(), [META], [GroupBy.CAMPAIGN], [Metric.SPEND])
    ranked = rank(groups, Ranking(metric=Metric.ROAS, descending=True))
    assert [g.fields["campaign"] for g in ranked] == ["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]


def test_comparison_gives_absolute_and_relative_change() -> None:
    current = [make_row(spend="4210.55")]
    base = make_fetched([make_row(day=None, spend="3746.12")], period=PREVIOUS_WEEK)
    data = _data(metrics=["spend"], compare_to=PREVIOUS_WEEK, rows=current, compare=base)
    assert data["compare"]["totals"] == {"spend": 3746.12}
    assert data["compare"]["change"] == {"spend": {"absolute": 464.43, "relative": 0.124}}
    assert data["compare"]["date_range"] == {"start": "2026-11-02", "end": "2026-11-08"}


def test_relative_change_is_null_for_a_zero_or_null_base() -> None:
    base = make_fetched([], period=PREVIOUS_WEEK)
    data = _data(
        metrics=["spend", "roas"],
        compare_to=PREVIOUS_WEEK,
        rows=[make_row(spend=10, value=30)],
        compare=base,
    )
    assert data["compare"]["change"] == {
        "spend": {"absolute": 10, "relative": None},
        "roas": {"absolute": None, "relative": None},
    }
    assert change(Decimal(0), Decimal(0)).relative is None


def test_compare_rows_must_match_compare_to() -> None:
    with pytest.raises(ValueError, match="compare"):
        compute(make_plan(compare_to=PREVIOUS_WEEK), make_fetched([]), None)
    with pytest.raises(ValueError, match="compare"):
        compute(make_plan(), make_fetched([]), make_fetched([], period=PREVIOUS_WEEK))


def test_time_breakdown_of_rows_without_dates_is_rejected() -> None:
    with pytest.raises(ValueError, match="date"):
        _data(intent="trend", group_by=["week"], rows=[make_row(spend=1)])


def test_campaign_breakdown_of_rows_without_campaigns_is_rejected() -> None:
    with pytest.raises(ValueError, match="campaign"):
        _data(intent="breakdown", group_by=["campaign"], rows=[make_row(spend=1)])


def test_rows_of_an_unknown_account_are_rejected() -> None:
    stranger = make_row(spend=1).model_copy(update={"account_id": "someone-else"})
    with pytest.raises(ValueError, match="someone-else"):
        _data(rows=[stranger])


def test_totals_work_at_any_grain() -> None:
    rows = [
        make_row(spend=1),
        make_row(day=date(2026, 11, 9), spend=2),
        make_row(day=date(2026, 11, 9), campaign="Brand", spend=4),
    ]
    assert _data(metrics=["spend"], rows=rows)["totals"] == {"spend": 7}


def test_money_across_currencies_is_refused_but_counts_are_not() -> None:
    euro = AccountRef(account_id="eu", platform=Platform.META_ADS, name="EU", currency="EUR")
    fetched = make_fetched([make_row(spend=1, clicks=2)], accounts=[META, euro])
    with pytest.raises(MixedCurrencyError):
        compute(make_plan(metrics=["spend"]), fetched)
    result = compute(make_plan(metrics=["clicks"]), fetched)
    assert result.data is not None
    assert result.data["currency"] is None
    assert result.data["totals"] == {"clicks": 2}


def _assert_plain_json(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _assert_plain_json(item)
    elif isinstance(value, list):
        for item in value:
            _assert_plain_json(item)
    else:
        assert value is None or isinstance(value, str | int | float | bool), repr(value)


def test_data_is_plain_json_without_decimals() -> None:
    base = make_fetched([make_row(spend="1.5")], period=PREVIOUS_WEEK)
    rows = [make_row(day=date(2026, 11, 9), campaign="Brand", spend="2.25", value=5)]
    data = _data(
        intent="breakdown",
        group_by=["campaign", "week"],
        compare_to=PREVIOUS_WEEK,
        rows=rows,
        compare=base,
    )
    _assert_plain_json(data)
    assert json.loads(json.dumps(data)) == data
