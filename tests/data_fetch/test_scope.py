"""Which accounts a plan covers, and the plain answers when it covers none."""

from __future__ import annotations

import string
from datetime import date

import pytest
from df_support import GOOGLE, META, make_fetched, make_plan, make_row
from hypothesis import given
from hypothesis import strategies as st

from libs.common import AccountRef, MetricRow, NameFilter, Platform
from services.data_fetch.direct import compute
from services.data_fetch.scope import (
    Filtered,
    NoData,
    Scope,
    apply_campaign_filters,
    connector_grain,
    name_matches,
    resolve_scope,
)

TIKTOK = AccountRef(
    account_id="tt-1", platform=Platform.TIKTOK_ADS, name="Northwind Clips", currency="USD"
)
ACCOUNTS = [META, GOOGLE, TIKTOK]


def _campaign_filter(*names: str) -> list[NameFilter]:
    return [NameFilter(field="campaign", value=name) for name in names]


def _account_filter(*names: str) -> list[NameFilter]:
    return [NameFilter(field="account", value=name) for name in names]


def test_no_platform_named_means_every_connected_account() -> None:
    scope = resolve_scope(make_plan(), ACCOUNTS)
    assert scope == Scope(accounts=tuple(ACCOUNTS))


def test_named_platform_keeps_only_its_accounts() -> None:
    scope = resolve_scope(make_plan(platforms=["meta_ads"]), ACCOUNTS)
    assert isinstance(scope, Scope)
    assert scope.accounts == (META,)


def test_unconnected_platform_says_so_and_lists_connected_ones() -> None:
    scope = resolve_scope(make_plan(platforms=["linkedin_ads"]), [META, GOOGLE])
    assert isinstance(scope, NoData)
    assert scope.reason == "not_connected"
    assert "LinkedIn Ads" in scope.message
    assert "Google Ads and Meta Ads" in scope.message


def test_partly_connected_platforms_answer_for_the_connected_with_a_note() -> None:
    scope = resolve_scope(make_plan(platforms=["meta_ads", "linkedin_ads"]), [META, GOOGLE])
    assert isinstance(scope, Scope)
    assert scope.accounts == (META,)
    assert scope.notes == ("No LinkedIn Ads account is connected, so this covers Meta Ads only.",)


def test_unsupported_platform_alone_lists_supported_platforms() -> None:
    scope = resolve_scope(make_plan(unsupported=["snapchat"]), ACCOUNTS)
    assert isinstance(scope, NoData)
    assert scope.reason == "unsupported"
    assert "Snapchat" in scope.message
    assert "Google Ads" in scope.message
    assert "Microsoft Ads" in scope.message


def test_unsupported_platform_beside_a_supported_one_is_a_note() -> None:
    scope = resolve_scope(make_plan(platforms=["tiktok_ads"], unsupported=["snapchat"]), ACCOUNTS)
    assert isinstance(scope, Scope)
    assert scope.accounts == (TIKTOK,)
    assert any("Snapchat" in note for note in scope.notes)


def test_tenant_without_accounts_gets_a_plain_answer() -> None:
    scope = resolve_scope(make_plan(), [])
    assert isinstance(scope, NoData)
    assert scope.reason == "no_accounts"


def test_account_filter_ignores_case_spacing_and_punctuation() -> None:
    scope = resolve_scope(make_plan(filters=_account_filter("NORTHWIND-search")), ACCOUNTS)
    assert isinstance(scope, Scope)
    assert scope.accounts == (GOOGLE,)


def test_account_filter_matching_nothing_names_the_accounts() -> None:
    scope = resolve_scope(make_plan(filters=_account_filter("Contoso")), ACCOUNTS)
    assert isinstance(scope, NoData)
    assert scope.reason == "no_account_match"
    assert "“Contoso”" in scope.message
    assert "Northwind Search" in scope.message


def test_account_filter_partly_matching_keeps_matches_with_a_note() -> None:
    scope = resolve_scope(make_plan(filters=_account_filter("social", "Contoso")), ACCOUNTS)
    assert isinstance(scope, Scope)
    assert scope.accounts == (META,)
    assert any("Contoso" in note for note in scope.notes)


def test_money_across_currencies_is_a_plain_answer() -> None:
    euro = AccountRef(account_id="eu", platform=Platform.META_ADS, name="EU", currency="EUR")
    scope = resolve_scope(make_plan(metrics=["spend"]), [META, euro])
    assert isinstance(scope, NoData)
    assert scope.reason == "mixed_currency"
    assert "EUR, USD" in scope.message
    assert isinstance(resolve_scope(make_plan(metrics=["clicks"]), [META, euro]), Scope)


@pytest.mark.parametrize(
    ("fields", "grain"),
    [
        ({"intent": "lookup"}, []),
        ({"intent": "breakdown", "group_by": ["week"]}, ["date"]),
        ({"intent": "breakdown", "group_by": ["month", "campaign"]}, ["date", "campaign"]),
        ({"intent": "breakdown", "group_by": ["platform"]}, []),
        ({"intent": "lookup", "filters": _campaign_filter("brand")}, ["campaign"]),
        ({"intent": "trend"}, ["date"]),
        ({"intent": "ranking"}, ["campaign"]),
    ],
)
def test_connector_grain_is_the_finest_the_plan_needs(
    fields: dict[str, object], grain: list[str]
) -> None:
    assert connector_grain(make_plan(**fields)) == grain


def _campaign_rows() -> list[MetricRow]:
    return [
        make_row(campaign="Brand Search", spend=10),
        make_row(campaign="Holiday Promo", spend=20),
        make_row(GOOGLE, campaign="brand-display", spend=40),
    ]


def test_campaign_filter_keeps_matching_campaigns_of_every_account() -> None:
    fetched = make_fetched(_campaign_rows())
    kept = apply_campaign_filters(make_plan(filters=_campaign_filter("BRAND")), fetched)
    assert isinstance(kept, Filtered)
    assert [row.campaign_name for row in kept.fetched.rows] == ["Brand Search", "brand-display"]


def test_campaign_filter_matching_nothing_names_campaigns_that_exist() -> None:
    plan = make_plan(metrics=["spend"], filters=_campaign_filter("Black Friday"))
    result = compute(plan, make_fetched(_campaign_rows()))
    assert result.data is None
    assert result.reason == "no_campaign_match"
    assert "“Black Friday”" in result.answer
    assert "Nov 9–15" in result.answer
    assert "Brand Search" in result.answer


def test_campaign_filter_partly_matching_notes_the_miss() -> None:
    plan = make_plan(metrics=["spend"], filters=_campaign_filter("promo", "Black Friday"))
    result = compute(plan, make_fetched(_campaign_rows()))
    assert result.data is not None
    assert result.data["totals"] == {"spend": 20}
    assert any("Black Friday" in note for note in result.notes)
    assert "Black Friday" in result.answer


def test_campaign_filter_on_rows_without_campaigns_is_rejected() -> None:
    plan = make_plan(filters=_campaign_filter("brand"))
    with pytest.raises(ValueError, match="campaign"):
        apply_campaign_filters(plan, make_fetched([make_row(day=date(2026, 11, 9), spend=1)]))


@given(
    before=st.text(max_size=10),
    # ASCII needle: case mapping of a few scripts (Turkish dotless i) is not reversible.
    needle=st.text(alphabet=string.printable, min_size=1, max_size=10).filter(
        lambda s: any(c.isalnum() for c in s)
    ),
    after=st.text(max_size=10),
)
def test_a_name_always_matches_text_that_contains_it(before: str, needle: str, after: str) -> None:
    assert name_matches(needle.upper(), before + needle + after)
