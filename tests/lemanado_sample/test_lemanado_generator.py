"""The generator and catalog on their own: coherent every campaign-day, stable, as specified."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from lmd_support import TODAY

from lemanado_sample.catalog import accounts_by_id, campaigns_by_id, tenants
from lemanado_sample.generator import campaign_day, campaign_series, generate_day, unit
from libs.common.vocab import Platform

_LAST = date.fromisoformat(TODAY)


def test_every_campaign_day_is_coherent_and_priced_within_its_kind() -> None:
    checked = 0
    for campaign in campaigns_by_id().values():
        eco = campaign.economics
        for offset, day in enumerate(
            campaign_series(campaign.campaign_id, date(2025, 1, 1), _LAST)
        ):
            assert day.impressions >= day.clicks >= day.conversions >= 0
            assert min(day) >= 0
            if day.clicks:
                cpc = day.spend_cents / day.clicks
                assert eco.cpc_cents[0] <= cpc <= eco.cpc_cents[1], (campaign.campaign_id, offset)
            else:
                assert day.spend_cents == 0
            if day.conversions == 0:
                assert day.value_cents == 0
            else:
                per_order = day.value_cents / day.conversions
                assert eco.value_cents[0] - 1 <= per_order <= eco.value_cents[1] + 1
            if day.clicks >= 50:
                ctr = day.clicks / day.impressions
                assert eco.ctr[0] * 0.98 <= ctr <= eco.ctr[1] * 1.02
            checked += 1
    assert checked == len(campaigns_by_id()) * ((_LAST - date(2025, 1, 1)).days + 1)


def test_days_outside_a_campaigns_flight_are_zero() -> None:
    summer = campaigns_by_id()["cmp-gads-nwo-1-11"]  # Summer Sale 2025, June to August
    assert summer.status == "paused"
    assert sum(campaign_day(summer.campaign_id, date(2025, 5, 31))) == 0
    assert campaign_day(summer.campaign_id, date(2025, 6, 1)).spend_cents > 0
    assert sum(campaign_day(summer.campaign_id, date(2025, 9, 1))) == 0


def test_cached_series_equals_fresh_generation() -> None:
    campaign = campaigns_by_id()["cmp-meta-nwo-1-02"]
    start = date(2025, 12, 20)
    series = campaign_series(campaign.campaign_id, start, date(2026, 1, 10))
    fresh = [generate_day(campaign, start + timedelta(days=i)) for i in range(len(series))]
    assert series == fresh


def test_random_stream_is_a_stable_hash_not_process_state() -> None:
    # blake2b of the parts: the same number on every machine and in every process.
    assert unit("cmp-gads-nwo-1-01", date(2025, 1, 1), "spend") == pytest.approx(
        unit("cmp-gads-nwo-1-01", "2025-01-01", "spend")
    )
    assert 0 <= unit("x") < 1
    assert unit("x") != unit("y")


def test_black_friday_outsells_the_week_before_for_the_shop() -> None:
    account = accounts_by_id()["gads-nwo-1"]

    def value(day: date) -> int:
        return sum(campaign_day(c.campaign_id, day).value_cents for c in account.campaigns)

    black_friday = date(2025, 11, 28)
    assert value(black_friday) > 1.6 * value(black_friday - timedelta(days=14))


def test_b2b_weekends_are_quieter_than_weekdays() -> None:
    account = accounts_by_id()["li-hel-1"]
    week = [date(2026, 9, 14) + timedelta(days=i) for i in range(7)]  # Monday..Sunday
    spend = [
        sum(campaign_day(c.campaign_id, d).spend_cents for c in account.campaigns) for d in week
    ]
    assert max(spend[5:]) < min(spend[:5])


def test_catalog_matches_the_specification() -> None:
    all_tenants = tenants()
    assert len(all_tenants) >= 2
    platforms = [frozenset(t.platforms) for t in all_tenants]
    assert len(set(platforms)) == len(platforms)
    assert frozenset().union(*platforms) == frozenset(Platform)
    assert len({(t.currency, t.timezone) for t in all_tenants}) == len(all_tenants)
    for tenant in all_tenants:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,62}", tenant.tenant_id)
        per_platform = Counter(a.platform for a in tenant.accounts)
        assert all(1 <= n <= 3 for n in per_platform.values())
        for account in tenant.accounts:
            assert 5 <= len(account.campaigns) <= 20
            assert {account.currency, account.timezone} == {tenant.currency, tenant.timezone}
    campaign_ids = [c.campaign_id for a in accounts_by_id().values() for c in a.campaigns]
    assert len(campaign_ids) == len(set(campaign_ids))
