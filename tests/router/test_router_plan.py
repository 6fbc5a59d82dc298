"""Plan details beyond the labelled set: rankings, filters, grains, rationale and timing."""

from __future__ import annotations

from datetime import date

import pytest

from libs.common.plan import NameFilter, Ranking
from libs.common.vocab import FilterField, GroupBy, Intent, Metric, Platform, Route, Tier
from services.router import build_plan

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        ("top 5 campaigns by ROAS", Ranking(metric=Metric.ROAS, descending=True, limit=5)),
        ("worst campaign by CPA", Ranking(metric=Metric.CPA, descending=True, limit=1)),
        ("best CPA campaign", Ranking(metric=Metric.CPA, descending=False, limit=1)),
        ("campaigns with the lowest CPA", Ranking(metric=Metric.CPA, descending=False)),
        ("cheapest campaigns", Ranking(metric=Metric.CPA, descending=False)),
        ("which ad set spent most", Ranking(metric=Metric.SPEND, descending=True, limit=1)),
        ("bottom three accounts by clicks",
         Ranking(metric=Metric.CLICKS, descending=False, limit=3)),
        ("worst campaigns by ROAS", Ranking(metric=Metric.ROAS, descending=False)),
    ],
)  # fmt: skip
def test_ranking_question_fills_ranking(text: str, ranking: Ranking) -> None:
    plan = build_plan(text, today=TODAY)
    assert (plan.intent, plan.route, plan.ranking) == (Intent.RANKING, Route.DIRECT, ranking)


def test_non_ranking_question_has_no_ranking() -> None:
    assert build_plan("spend by campaign", today=TODAY).ranking is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('ROAS of "Holiday Promo"', ("campaign", "Holiday Promo")),
        ("CTR of the Brand Search campaign", ("campaign", "Brand Search")),
        ("spend for campaign Summer Sale", ("campaign", "Summer Sale")),
        ("spend on the retargeting campaigns", ("campaign", "retargeting")),
        ("spend for account Northwind EU", ("account", "Northwind EU")),
        ("clicks in the 'Acme Retail' account", ("account", "Acme Retail")),
    ],
)  # fmt: skip
def test_campaign_or_account_name_becomes_a_filter(text: str, found: tuple[str, str]) -> None:
    expected = NameFilter(field=FilterField(found[0]), value=found[1])
    assert build_plan(text, today=TODAY).filters == [expected]


@pytest.mark.parametrize(
    "text", ["top campaigns by spend", "the Google campaigns", "the best performing campaign"]
)
def test_words_that_say_which_campaigns_are_not_names(text: str) -> None:
    assert build_plan(text, today=TODAY).filters == []


@pytest.mark.parametrize(
    "text",
    [
        "Ops here. Want Google Ads clicks for October.",
        "Please send Facebook Ads spend mtd",
        "worst cpa on meta judging by l14d cost per lead by campaign",
        "spend across every campaign on bing last week",
    ],
)
def test_a_platform_name_or_a_grouping_is_not_a_campaign_name(text: str) -> None:
    plan = build_plan(text, today=TODAY)
    assert plan.filters == []
    assert plan.platforms  # the words a name would have swallowed are read
    assert plan.metrics


def test_a_name_beside_a_platform_name_is_still_found() -> None:
    plan = build_plan("Need Google Ads clicks for the Spring Promo campaign", today=TODAY)
    assert plan.filters == [NameFilter(field=FilterField.CAMPAIGN, value="Spring Promo")]
    assert plan.platforms == [Platform.GOOGLE_ADS]


def test_words_inside_a_campaign_name_are_not_vocabulary() -> None:
    plan = build_plan("spend of the Brand Search campaign", today=TODAY)
    assert (plan.platforms, plan.metrics) == ([], [Metric.SPEND])


@pytest.mark.parametrize(
    ("text", "grain"),
    [
        ("spend trend last 14 days", GroupBy.DATE),
        ("spend trend last 3 months", GroupBy.WEEK),
        ("spend trend this year", GroupBy.MONTH),
        ("weekly spend trend last 14 days", GroupBy.WEEK),
    ],
)
def test_trend_gets_a_time_grain_from_its_length_unless_named(text: str, grain: GroupBy) -> None:
    plan = build_plan(text, today=TODAY)
    assert (plan.intent, plan.group_by) == (Intent.TREND, [grain])


def test_why_turns_a_ranking_into_a_diagnosis() -> None:
    plan = build_plan("which campaign has the worst CPA and why", today=TODAY)
    assert (plan.route, plan.tier, plan.intent) == (Route.ANALYSIS, Tier.MEDIUM, Intent.DIAGNOSIS)


def test_cross_platform_strategy_is_large() -> None:
    plan = build_plan("how should we split budget between Google and Meta", today=TODAY)
    assert (plan.intent, plan.tier) == (Intent.RECOMMENDATION, Tier.LARGE)


def test_rationale_names_the_rules_that_fired() -> None:
    plan = build_plan("top 5 campaigns by ROAS last month", today=TODAY)
    assert plan.rationale == ["date:last_month", "intent:ranking"]


def test_empty_question_is_other() -> None:
    plan = build_plan("   ", today=TODAY)
    assert (plan.intent, plan.route, plan.tier) == (Intent.OTHER, Route.ANALYSIS, Tier.SMALL)
