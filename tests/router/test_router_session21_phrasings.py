"""Phrasings read on the blind sets of session 21 (parts 97 and 99), checked in other words than
those sets: an outcome's value, prices over a slash, formal British requests, verdicts and
advice told apart, plans about one platform, French spans and groupings, the Christmas holidays,
platforms set side by side in more words."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import SUNDAY, assert_lookup
from router_support import span as _range

from libs.common.vocab import Intent, Route, Tier
from services.router import build_plan


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # an outcome's value ("season pass revenue", "lift pass conv value") is its value
        (
            "season ticket conv value by campaign last month",
            {"metrics": ["conversion_value"], "group_by": ["campaign"]},
        ),
        # "I should like to" asks as politely as "I would like to"; where they go is no ask
        (
            "Dear all, I should like to have the monthly figures for our Meta advertising spend"
            " from June to September, to put them in a table for the trustees. Kind regards",
            {
                "metrics": ["spend"],
                "group_by": ["month"],
                "date_range": _range("2026-06-01", "2026-09-30"),
            },
        ),
        ("Test rides on TikTok last week", {"metrics": ["conversions"]}),
        ("consult request volumes on Google in October", {"metrics": ["conversions"]}),
        # how often the ads were shown, said in full
        (
            "how many times were our advertisements shown on Meta yesterday",
            {"metrics": ["impressions"]},
        ),
        # "par" and "-wise" group as "by" does, and name nothing
        (
            "the appointments par boutique for octobre please",
            {"group_by": ["account"], "filters": []},
        ),
        ("Kindly share city wise leads from Google for Q3", {"group_by": ["account"]}),
        (
            "which two of our advertising campaigns got the most sign-ups in October?",
            {"group_by": ["campaign"], "filters": []},
        ),
        (
            "last month's Google spend broken down by each of the platforms",
            {"group_by": ["platform"]},
        ),
    ],
)
def test_lookups_in_these_words_are_read_whole(question: str, view: dict[str, object]) -> None:
    assert_lookup(question, view)


def test_a_price_over_a_slash_is_what_one_costs_and_a_monthly_amount_no_grain() -> None:
    priced = build_plan("is £55/consult fine for the clinics on Google?", today=SUNDAY)
    assert [m.value for m in priced.metrics] == ["cpa"]
    assert priced.tier is Tier.SMALL
    grant = build_plan(
        "We get a $10,000/month grant. How much of it is used this month?", today=SUNDAY
    )
    assert grant.group_by == []


@pytest.mark.parametrize(
    ("question", "intent", "tier"),
    [
        # an action to take, closed by "or not", is advice; a verdict alone is small
        ("Meta CPA keeps rising. Lower the bids or not?", Intent.RECOMMENDATION, Tier.MEDIUM),
        (
            "Our CTR on Meta is at 0.5%. Is that a bad patch or should I be ok with it?",
            Intent.DIAGNOSIS,
            Tier.SMALL,
        ),
        ("is $3 a click on LinkedIn a lot for a bakery?", Intent.DIAGNOSIS, Tier.SMALL),
        ("Is the Google budget being under-utilised this month?", Intent.DIAGNOSIS, Tier.SMALL),
        ("should we even be on tiktok? spend vs sales l90d", Intent.RECOMMENDATION, Tier.SMALL),
        # a plan about one platform is advice about it; a plan for all is the mix
        (
            "what's the game plan for Meta next month to get more leads?",
            Intent.RECOMMENDATION,
            Tier.MEDIUM,
        ),
        # (a plan naming no platform at all reads as one plan, medium, as labelled parts have it)
        (
            "what's our game plan for all the platforms next quarter?",
            Intent.RECOMMENDATION,
            Tier.LARGE,
        ),
        # budget among the stores, in texting's short forms, and talking points to write
        ("which stores shld get more budget next mo?", Intent.RECOMMENDATION, Tier.LARGE),
        ("talking pts for the client call, mtd, what's working", Intent.REPORT, Tier.LARGE),
    ],
)
def test_verdicts_advice_and_writing_take_their_tiers(
    question: str, intent: Intent, tier: Tier
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent, plan.tier) == (Route.ANALYSIS, intent, tier), plan.route_reason


@pytest.mark.parametrize(
    ("question", "today", "period"),
    [
        (
            "Google spend over the Christmas holidays?",
            date(2026, 1, 14),
            ("2025-12-22", "2026-01-02"),
        ),
        ("leads over the festive period on Meta", date(2026, 1, 14), ("2025-12-22", "2026-01-02")),
        # an event's day right after its start: since that day
        (
            "sign-ups on Meta since the summer sale launched jun 3",
            date(2026, 7, 1),
            ("2026-06-03", "2026-07-01"),
        ),
        # French spans of days
        (
            "les clics du 1er au 10 juin vs last year",
            date(2026, 7, 2),
            ("2026-06-01", "2026-06-10"),
        ),
        # a forecast of days of a named month: the coming ones once last year's are over
        (
            "what can we expect du 20 au 31 décembre?",
            date(2026, 11, 20),
            ("2026-12-20", "2026-12-31"),
        ),
        (
            "what are we looking at for bookings 4th to 19th of october?",
            date(2026, 9, 22),
            ("2026-10-04", "2026-10-19"),
        ),
    ],
)
def test_these_periods_are_the_days_meant(
    question: str, today: date, period: tuple[str, str]
) -> None:
    assert build_plan(question, today=today).contract_view()["date_range"] == _range(*period)


@pytest.mark.parametrize(
    "question",
    [
        "cpc on meta 3x higher than google last month?? why",
        "Why is LinkedIn so much more expensive per lead than Google?",
        "Why did Google get outscored by Meta on bookings in May?",
    ],
)
def test_a_why_setting_two_platforms_side_by_side_reads_them_per_platform(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.intent is Intent.DIAGNOSIS
    assert [g.value for g in plan.group_by] == ["platform"]


def test_a_capitalised_kind_of_campaign_still_opens_a_campaigns_name() -> None:
    # in lower case ("our advertising campaigns") it names none: the lookups above
    assert build_plan("How did the Advertising Week campaign do?", today=SUNDAY).filters != []
