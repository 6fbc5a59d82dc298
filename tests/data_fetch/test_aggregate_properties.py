"""Properties of the arithmetic over random rows: breakdowns add up, ratios are ratios of sums."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from df_support import GOOGLE, META, make_row
from hypothesis import given, settings
from hypothesis import strategies as st

from libs.common import (
    BASE_METRICS,
    RATIO_COMPONENTS,
    GroupBy,
    Metric,
    MetricRow,
    Ranking,
)
from libs.common.arithmetic import base_sums, metric_value
from libs.common.plan import DateRange
from libs.common.presentation import round_metric
from services.data_fetch.aggregate import group_rows, rank

START = date(2025, 12, 20)
PERIOD = DateRange(start=START, end=START + timedelta(days=40))
ALL_METRICS = list(Metric)

money = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
counts = st.integers(min_value=0, max_value=1_000_000)


@st.composite
def metric_rows(draw: st.DrawFn) -> MetricRow:
    return make_row(
        draw(st.sampled_from([META, GOOGLE])),
        day=START + timedelta(days=draw(st.integers(0, PERIOD.days - 1))),
        campaign=draw(st.sampled_from(["Brand", "Promo", "Retarget", "brand search"])),
        spend=str(draw(money)),
        impressions=draw(counts),
        clicks=draw(counts),
        conversions=draw(st.integers(0, 1000)),
        value=str(draw(money)),
    )


row_lists = st.lists(metric_rows(), max_size=40)
dimension_sets = st.lists(st.sampled_from(list(GroupBy)), min_size=1, max_size=3, unique=True)


@settings(max_examples=150, deadline=None)
@given(rows=row_lists, group_by=dimension_sets)
def test_breakdown_base_sums_add_up_to_the_totals(
    rows: list[MetricRow], group_by: list[GroupBy]
) -> None:
    groups = group_rows(rows, [META, GOOGLE], group_by, ALL_METRICS, fill=PERIOD)
    totals = base_sums(rows)
    for metric in BASE_METRICS:
        assert sum((g.sums[metric] for g in groups), Decimal(0)) == totals[metric]


@settings(max_examples=150, deadline=None)
@given(rows=row_lists)
def test_rounded_breakdown_money_is_within_half_a_cent_per_row_of_the_total(
    rows: list[MetricRow],
) -> None:
    groups = group_rows(rows, [META, GOOGLE], [GroupBy.DATE], [Metric.SPEND], fill=PERIOD)
    rounded = [round_metric(Metric.SPEND, g.values[Metric.SPEND]) or Decimal(0) for g in groups]
    total = round_metric(Metric.SPEND, base_sums(rows)[Metric.SPEND]) or Decimal(0)
    assert abs(sum(rounded, Decimal(0)) - total) <= Decimal("0.005") * len(groups)


@settings(max_examples=150, deadline=None)
@given(rows=row_lists, group_by=dimension_sets)
def test_every_ratio_equals_the_ratio_of_its_sums(
    rows: list[MetricRow], group_by: list[GroupBy]
) -> None:
    groups = group_rows(rows, [META, GOOGLE], group_by, ALL_METRICS)
    for sums, values in [(base_sums(rows), None), *((g.sums, g.values) for g in groups)]:
        for ratio, (numerator, denominator, scale) in RATIO_COMPONENTS.items():
            expected = (
                None if sums[denominator] == 0 else sums[numerator] * scale / sums[denominator]
            )
            assert metric_value(ratio, sums) == expected
            if values is not None:
                assert values[ratio] == expected


@settings(max_examples=100, deadline=None)
@given(
    rows=row_lists,
    metric=st.sampled_from(ALL_METRICS),
    descending=st.booleans(),
    limit=st.none() | st.integers(1, 10),
)
def test_ranking_is_ordered_with_nulls_last_and_limited(
    rows: list[MetricRow], metric: Metric, descending: bool, limit: int | None
) -> None:
    groups = group_rows(rows, [META, GOOGLE], [GroupBy.CAMPAIGN], [metric])
    ranked = rank(groups, Ranking(metric=metric, descending=descending, limit=limit))
    assert len(ranked) == min(len(groups), limit or len(groups))
    values = [g.values[metric] for g in ranked]
    known = [v for v in values if v is not None]
    assert values[: len(known)] == known  # nulls only after every known value
    assert known == sorted(known, reverse=descending)
