"""The decomposition of a change by platform, account and campaign: effects add up exactly,
ratios come from sums, one-sided campaigns are mix only, a zero denominator is null."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from libs.common import AccountRef, DateRange, FetchedRows, Metric, MetricRow
from services.inference.analyst.decompose import LEVELS, decompose

WHEN = datetime(2026, 11, 22, tzinfo=UTC)
ACCOUNTS = [
    AccountRef(account_id="g", platform="google_ads", name="Google", currency="USD"),
    AccountRef(account_id="m", platform="meta_ads", name="Meta", currency="USD"),
]
RATIOS = (Metric.ROAS, Metric.CPA, Metric.CTR, Metric.CPC, Metric.CPM)
EXACT = Decimal("1e-18")


def _row(
    account: str, campaign: str | None, spend: int, clicks: int, conv: int, value: int
) -> MetricRow:
    return MetricRow(
        account_id=account,
        campaign_id=campaign,
        values={
            Metric.SPEND: Decimal(spend),
            Metric.IMPRESSIONS: Decimal(clicks * 20),
            Metric.CLICKS: Decimal(clicks),
            Metric.CONVERSIONS: Decimal(conv),
            Metric.CONVERSION_VALUE: Decimal(value),
        },
    )


def _fetched(rows: list[MetricRow]) -> FetchedRows:
    # Campaign totals, no dates: a long comparison arrives at this grain.
    return FetchedRows(
        date_range=DateRange(start=date(2026, 11, 1), end=date(2026, 11, 7)),
        accounts=ACCOUNTS,
        rows=rows,
        fetched_at=WHEN,
    )


def test_roas_fall_is_split_into_rate_and_mix_that_add_up() -> None:
    before = _fetched([_row("g", "a", 100, 50, 10, 500), _row("m", "b", 100, 50, 10, 200)])
    after = _fetched([_row("g", "a", 100, 50, 10, 200), _row("m", "b", 300, 150, 30, 600)])
    d = decompose(after, before, Metric.ROAS)
    assert d is not None
    assert (d.base, d.current) == (Decimal("3.5"), Decimal("2"))  # 700/200 and 800/400
    campaigns = {p.key[1]: p for p in d.levels["campaign"]}
    # a's ROAS fell 5 -> 2 at a shrinking weight: rate; b kept 2 but took more of the spend.
    assert campaigns["a"].rate is not None
    assert campaigns["a"].rate < 0
    assert campaigns["b"].rate == 0
    assert campaigns["b"].mix is not None
    assert campaigns["b"].mix < 0
    for level in LEVELS:
        parts = d.levels[level]
        assert abs(sum(p.effect for p in parts) - d.change) < EXACT
        assert abs(sum((p.mix or 0) + (p.rate or 0) for p in parts) - d.change) < EXACT


def test_ratio_totals_are_recomputed_from_sums_not_averaged() -> None:
    before = _fetched([_row("g", "a", 10, 5, 1, 100), _row("g", "b", 990, 500, 99, 990)])
    after = _fetched([_row("g", "a", 10, 5, 1, 100), _row("g", "b", 990, 500, 99, 1980)])
    d = decompose(after, before, Metric.ROAS)
    assert d is not None
    assert d.base == Decimal(1090) / Decimal(1000)  # not the mean of 10 and 1
    assert d.current == Decimal(2080) / Decimal(1000)


def test_a_campaign_in_one_period_only_is_all_mix() -> None:
    before = _fetched([_row("g", "a", 100, 50, 10, 400)])
    after = _fetched([_row("g", "a", 100, 50, 10, 400), _row("m", "new", 100, 50, 10, 100)])
    d = decompose(after, before, Metric.ROAS)
    assert d is not None
    new = next(p for p in d.levels["campaign"] if p.key == ("m", "new"))
    assert (new.base, new.rate) == (None, Decimal(0))
    assert new.mix == new.effect
    assert new.effect < 0
    gone = decompose(before, after, Metric.ROAS)
    assert gone is not None
    stopped = next(p for p in gone.levels["campaign"] if p.key == ("m", "new"))
    assert (stopped.current, stopped.rate) == (None, Decimal(0))
    assert stopped.effect > 0  # dropping a weak campaign lifts ROAS


def test_a_zero_denominator_gives_null() -> None:
    before = _fetched([_row("g", "a", 100, 50, 0, 0)])
    after = _fetched([_row("g", "a", 100, 50, 10, 500)])
    assert decompose(after, before, Metric.CPA) is None  # no conversions before: no CPA
    d = decompose(after, before, Metric.CONVERSIONS)
    assert d is not None
    assert d.relative is None


def test_platform_and_account_levels_group_the_campaigns() -> None:
    before = _fetched([_row("g", "a", 100, 50, 10, 400), _row("m", "b", 100, 50, 10, 400)])
    after = _fetched([_row("g", "a", 50, 25, 5, 200), _row("m", "b", 100, 50, 10, 400)])
    d = decompose(after, before, Metric.SPEND)
    assert d is not None
    top = d.levels["platform"][0]
    assert (top.key, top.effect, top.share) == (("google_ads", ""), Decimal(-50), Decimal(1))
    assert d.top("account", 3)[0].key == ("g", "")


part = st.tuples(
    st.sampled_from(["g", "m"]),
    st.sampled_from(["a", "b", "c", None]),
    st.integers(0, 5000),
    st.integers(0, 3000),
    st.integers(0, 300),
    st.integers(0, 30000),
)


@given(
    before=st.lists(part, min_size=1, max_size=8),
    after=st.lists(part, min_size=1, max_size=8),
    metric=st.sampled_from([*RATIOS, Metric.SPEND, Metric.CONVERSIONS]),
)
@settings(max_examples=200, deadline=None)
def test_mix_and_rate_effects_always_sum_to_the_total_change(
    before: list[tuple[str, str | None, int, int, int, int]],
    after: list[tuple[str, str | None, int, int, int, int]],
    metric: Metric,
) -> None:
    with localcontext() as ctx:
        ctx.prec = 40
        d = decompose(
            _fetched([_row(*p) for p in after]), _fetched([_row(*p) for p in before]), metric
        )
    if d is None:
        return
    for level in LEVELS:
        parts = d.levels[level]
        assert abs(sum(p.effect for p in parts) - d.change) < EXACT
        if metric in RATIOS:
            assert abs(sum((p.mix or 0) + (p.rate or 0) for p in parts) - d.change) < EXACT
