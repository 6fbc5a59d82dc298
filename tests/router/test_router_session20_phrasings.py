"""Phrasings read on the blind sets of session 20 (parts 89, 91, 93, 95), checked in other words
than those sets: periods written as code or shorthand, French, Spanish and Italian words,
names that label their figures, platforms set side by side, advice whose period lies ahead."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from router_support import SUNDAY, assert_lookup
from router_support import span as _range

from libs.common.plan import DateRange
from libs.common.vocab import Route
from services.router import build_plan


@pytest.mark.parametrize(
    ("question", "client"),
    [
        ("Quillora's CFO wants to know why CPC jumped on Google", "Quillora"),
        ("draft a note for Vantrix's head of marketing on the January dip", "Vantrix"),
        ("is £3 CPC fine for Brevanto's LinkedIn ads?", "Brevanto"),
        ("how many bookings did we get in Lisbon last weekend?", "Lisbon"),
        ("sign-ups went down in Bremen after the 3rd, why?", "Bremen"),
    ],
)
def test_a_coined_brands_people_and_a_place_whose_figures_they_are_name_its_account(
    question: str, client: str
) -> None:
    assert [f.value for f in build_plan(question, today=SUNDAY).filters] == [client]


@pytest.mark.parametrize(
    "question",
    [
        "write the summary in Spanish please, December's spend and leads",  # a language
        "Rachel's asking how many leads we got last week",  # a person's message
    ],
)
def test_a_language_or_a_persons_message_names_no_account(question: str) -> None:
    assert build_plan(question, today=SUNDAY).filters == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Membership renewals on Meta last week", []),  # a common noun: what is counted
        ("Box office says 900 tickets; what does Meta report for last week?", []),
        ("Head office wants Google spend for March", []),
        ("Meadow area leads last month", ["Meadow"]),  # a place's leads
    ],
)
def test_a_common_noun_opening_the_message_is_what_is_counted_not_a_client(
    question: str, expected: list[str]
) -> None:
    assert [f.value for f in build_plan(question, today=SUNDAY).filters] == expected


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("clicks 2026-11-02..2026-11-08", _range("2026-11-02", "2026-11-08")),  # code's range
        ("cpa 2026-W45", _range("2026-11-02", "2026-11-08")),  # an ISO week as code
        ("leads since 4th", _range("2026-11-04", "2026-11-22")),
        ("spend l6w", _range("2026-10-11", "2026-11-21")),
        ("spend w/e 15 Nov", _range("2026-11-09", "2026-11-15")),  # week ending
        ("le CPC le 3 novembre", _range("2026-11-03", "2026-11-03")),
        ("clicks de TikTok, últimos 10 días", _range("2026-11-12", "2026-11-21")),
        ("gasto en todas las plataformas el mes pasado", _range("2026-10-01", "2026-10-31")),
        ("Meta spend for October. Board meets Thursday.", _range("2026-10-01", "2026-10-31")),
    ],
)
def test_periods_written_as_code_shorthand_or_in_french_and_spanish(
    question: str, period: dict[str, str]
) -> None:
    assert_lookup(question, {"date_range": period})


def test_a_month_closing_a_sentence_before_a_count_is_the_whole_month() -> None:
    plan = build_plan("how did TikTok do in October. 5 bullets max.", today=SUNDAY)
    assert plan.date_range == DateRange(start=date(2026, 10, 1), end=date(2026, 10, 31))


@pytest.mark.parametrize(
    "question",
    [
        "Difference between CPC and CPM? never sure",  # what a metric is
        "orders down 20% yoy for october. reasons? split by platform and campaign",
        "ROAS went from 4.1 in September to 2.6 in October. I need an explanation for the board.",
        "¿Cómo ha evolucionado el CTR en TikTok desde septiembre?",  # how it has developed
        "forecast leads for the next 30d, based on l8w",
    ],
)
def test_a_why_asked_alone_an_explanation_or_a_forecast_in_shorthand_goes_to_analysis(
    question: str,
) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


def test_an_explanation_declined_keeps_a_lookup_direct() -> None:
    assert_lookup(
        "Total Meta spend for last week please. No need to explain anything, just the number.",
        {"metrics": ["spend"], "date_range": _range("2026-11-09", "2026-11-15")},
    )


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("el CPA de las reservas en Meta el mes pasado", ["cpa"]),  # which outcome, no count
        ("revenue from memberships on Google last month", ["conversion_value"]),
        ("how many patients booked an appointment through Google last week", ["conversions"]),
        ("spend on Meta last month against the purchase order", ["spend"]),  # a PO, no sale
    ],
)
def test_what_a_ratio_or_revenue_is_taken_over_and_who_converted_read_as_one_metric(
    question: str, metrics: list[str]
) -> None:
    assert build_plan(question, today=SUNDAY).contract_view()["metrics"] == metrics


@pytest.mark.parametrize(
    "question",
    ["C'est quoi le ROAS, exactement?", "recomiéndame un buen libro sobre anuncios"],
)
def test_french_and_spanish_small_words_are_not_corrected_to_ours(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert "spend" not in plan.contract_view()["metrics"]
    assert not [c for c in plan.rationale if c.startswith("typo:")]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Dunmore, cost per lead, last 14 days", ["Dunmore"]),  # a name labelling its figures
        ("Tarbolton and Kilwinning bookings last week, one number", ["Kilwinning", "Tarbolton"]),
        ("anything odd about the Westhaven numbers last week?", ["Westhaven"]),
        ("CPC de la campaña Rebajas de Verano de Meta en julio", ["Rebajas de Verano"]),
        ("Cuántos leads tuvimos en Meta la semana pasada?", []),  # Spanish, no client
        ("Pourquoi le CPC a augmenté sur Google la semaine dernière?", []),
    ],
)
def test_names_labelling_figures_coined_pairs_and_foreign_campaign_words(
    question: str, expected: list[str]
) -> None:
    assert sorted(f.value for f in build_plan(question, today=SUNDAY).filters) == expected


def test_end_of_day_is_when_the_figures_are_wanted_not_a_period() -> None:
    assert_lookup(
        "cost per lead on LinkedIn vs Google for Q3 by end of day",
        {"date_range": _range("2026-07-01", "2026-09-30"), "compare_to": None},
    )


def test_a_grain_beside_another_dimension_is_a_trend() -> None:
    assert_lookup(
        "leads per campaign per week for October",
        {"intent": "trend", "group_by": ["campaign", "week"]},
    )


@pytest.mark.parametrize(
    "question",
    [
        "spend per platform last month please, it's for the weekly tracker",
        "clicks by campaign for October, for the monthly with the client",
    ],
)
def test_the_report_or_meeting_the_figures_go_to_is_no_grain(question: str) -> None:
    assert_lookup(question, {"intent": "breakdown"})


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("campaigns ranked by CPA, October", "campaign"),
        ("stores ranked by bookings last month", "account"),
        ("top 3 campañas por leads el mes pasado", "campaign"),
    ],
)
def test_rows_ranked_by_a_metric_are_a_ranking(question: str, group: str) -> None:
    assert_lookup(question, {"intent": "ranking", "group_by": [group]})


@pytest.mark.parametrize("question", ["TikTok — continue ou stop?", "Microsoft: keep or stop?"])
def test_keep_or_stop_asks_whether_it_is_worth_it(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value, plan.tier) == (Route.ANALYSIS, "recommendation", "small")


@pytest.mark.parametrize(
    "question",
    [
        "How should we split next month's $40k between Google and Meta?",
        "which platform should get more budget next quarter?",
        "we have 5k left for the rest of the month, where should it go?",
    ],
)
def test_advice_naming_only_a_period_ahead_reads_the_recent_days(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert plan.date_range == DateRange(start=date(2026, 11, 15), end=date(2026, 11, 21))


@pytest.mark.parametrize(
    "question",
    [
        "is LinkedIn beating Google on cost per demo this month?",
        "is our CPC on Microsoft in line with Google, or are we overpaying?",
        "should we bother with TikTok for the spring range or stick with Meta?",
        "why are orders up on Meta but down on Google this week?",
    ],
)
def test_platforms_set_side_by_side_in_an_open_question_group_by_platform(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert [g.value for g in plan.group_by] == ["platform"]


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("leads have been dead for two weeks on Google, why?", date(2026, 11, 8)),
        ("how has CPA trended the last couple months?", date(2026, 9, 1)),
    ],
)
def test_how_long_a_state_has_lasted_and_a_couple_of_months(question: str, start: date) -> None:
    assert build_plan(question, today=SUNDAY).date_range.start == start


def test_a_cost_per_account_opening_groups_by_nothing() -> None:
    plan = build_plan("is a £40 cost per account opening on Google ok?", today=SUNDAY)
    assert plan.group_by == []


@pytest.mark.parametrize(
    ("question", "period", "compared"),
    [
        (
            "compare Meta CTR for Q2 2026 with Q2 2025",
            _range("2026-04-01", "2026-06-30"),
            _range("2025-04-01", "2025-06-30"),
        ),
        (
            "orders from Google: 310 in September, 250 in October. Why the drop?",
            _range("2026-10-01", "2026-10-31"),
            _range("2026-09-01", "2026-09-30"),
        ),
        (
            "a note explaining the variance in spend between September and October 2026",
            _range("2026-10-01", "2026-10-31"),
            _range("2026-09-01", "2026-09-30"),
        ),
    ],
)
def test_two_periods_compared_with_each_other_or_by_a_figure_each(
    question: str, period: dict[str, str], compared: dict[str, str]
) -> None:
    view = build_plan(question, today=SUNDAY).contract_view()
    assert (view["date_range"], view["compare_to"]) == (period, compared)


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("leads for the fortnight ending Sunday 15 November", _range("2026-11-02", "2026-11-15")),
        ("leads for the 3 weeks ending 15 Nov", _range("2026-10-26", "2026-11-15")),
        ("weekday vs weekend CPA over the last 4 weeks", _range("2026-10-25", "2026-11-21")),
    ],
)
def test_spans_ending_on_a_date_and_kinds_of_day(question: str, period: dict[str, str]) -> None:
    assert build_plan(question, today=SUNDAY).contract_view()["date_range"] == period


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what factors account for the drop in CTR on Meta last month?", Route.ANALYSIS),
        ("For this reason I need one number: LinkedIn leads in October.", Route.DIRECT),
        ("I should be most grateful for the Meta spend for October.", Route.DIRECT),
        ("impressions on Meta per destination, October", Route.DIRECT),
    ],
)
def test_factors_ask_why_and_formal_courtesies_ask_nothing(question: str, expected: Route) -> None:
    assert build_plan(question, today=SUNDAY).route is expected


def test_where_we_end_a_quarter_is_a_forecast_of_it() -> None:
    plan = build_plan("where do we end Q4 on Google spend?", today=SUNDAY)
    assert (plan.intent.value, plan.date_range.end) == ("forecast", date(2026, 12, 31))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Online Store account: Google spend for October", [("account", "Online Store")]),
        ("how do we get more leads in Gqeberha? it's our weakest city", [("account", "Gqeberha")]),
        ("Meta spend last month, Latin America only", [("account", "Latin America")]),
        ("Spring Scan Promo CPA spiked this week, why?", [("campaign", "Spring Scan Promo")]),
        ("Which platform brought the most demos per the SFDC campaign report?", []),
        ("Meta spend for October please.\nGrazie mille,\nLuca Bianchi\nUfficio Marketing", []),
    ],
)
def test_names_that_open_a_place_regions_promos_and_what_is_no_name(
    question: str, expected: list[tuple[str, str]]
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert [(f.field.value, f.value) for f in plan.filters] == expected


def test_how_many_an_ad_might_bring_in_is_a_forecast() -> None:
    question = "roughly how many orders might the ads bring in during December?"
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value) == (Route.ANALYSIS, "forecast")


def test_an_end_of_year_piece_is_where_the_figures_go_not_a_forecast() -> None:
    question = "Meta spend YTD vs same period last year for the end-of-year piece"
    plan = build_plan(question, today=SUNDAY)
    assert plan.intent.value != "forecast"


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "clicks Google Ads ottobre 2026 vs ottobre 2025",
            {"compare_to": _range("2025-10-01", "2025-10-31")},
        ),
        ("total expenditure on LinkedIn for October", {"metrics": ["spend"]}),
        ("our online order figures for 2025, month by month", {"metrics": ["conversions"]}),
    ],
)
def test_italian_months_expenditure_and_order_figures(question: str, view: dict[str, Any]) -> None:
    assert_lookup(question, view)


def test_the_vp_of_sales_is_a_person_not_a_figure() -> None:
    plan = build_plan(
        "turn October into a note for the VP of Sales: demos and cost per demo", today=SUNDAY
    )
    assert sorted(m.value for m in plan.metrics) == ["conversions", "cpa"]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("is a £40 CPA on Meta for gift cards ok in October?", ["cpa"]),  # which outcome
        ("is a 0.9% CTR on our leads campaigns decent?", ["ctr"]),  # which campaigns
    ],
)
def test_the_outcome_a_ratio_is_taken_over_is_no_count(question: str, metrics: list[str]) -> None:
    assert build_plan(question, today=SUNDAY).contract_view()["metrics"] == metrics


def test_a_why_of_its_own_without_its_question_mark_is_asked() -> None:
    plan = build_plan("Leads down. Why. Google.", today=SUNDAY)
    assert (plan.route, plan.intent.value) == (Route.ANALYSIS, "diagnosis")


def test_expect_what_of_its_own_asks_for_a_forecast() -> None:
    plan = build_plan("Christmas week. Expect what. Orders + revenue.", today=SUNDAY)
    assert (plan.route, plan.intent.value) == (Route.ANALYSIS, "forecast")


@pytest.mark.parametrize(
    "question",
    [
        "CPC on TikTok was £1.90 last week, good or not?",
        "our LinkedIn CTR this month, decent or nah?",
        "CPM on Meta £9.40 yesterday. that high??",
        "is Google actually working for us this quarter?",
    ],
)
def test_a_verdict_closing_the_question_is_a_small_diagnosis(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value, plan.tier) == (Route.ANALYSIS, "diagnosis", "small")


def test_a_verdict_the_model_calls_advice_stays_a_small_question() -> None:
    plan = build_plan("is Microsoft even pulling its weight for us these days?", today=SUNDAY)
    assert (plan.route, plan.tier) == (Route.ANALYSIS, "small")


@pytest.mark.parametrize(
    "question", ["Is Pinterest worth a test for the candle brand?", "should we even bother with X?"]
)
def test_whether_one_platform_is_worth_a_try_is_a_small_recommendation(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value, plan.tier) == (Route.ANALYSIS, "recommendation", "small")


@pytest.mark.parametrize(
    "question",
    [
        "which stores should get more of the budget next month?",
        "should we move budget from the Leeds showroom to Bristol?",
    ],
)
def test_budget_moved_among_accounts_is_advice_on_the_mix(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value, plan.tier) == (Route.ANALYSIS, "recommendation", "large")


@pytest.mark.parametrize(
    "question",
    [
        "Morning, Eilidh here. Could I get Meta spend for October?",  # who writes
        "Assalam o Alaikum, kindly share Meta clicks for last week. JazakAllah.",
    ],
)
def test_who_writes_and_greetings_name_no_account(question: str) -> None:
    assert build_plan(question, today=SUNDAY).filters == []


def test_a_cost_per_funded_account_is_a_cpa_not_an_account() -> None:
    plan = build_plan("why did our cost per funded account on Meta jump last week?", today=SUNDAY)
    assert ([m.value for m in plan.metrics], plan.filters) == (["cpa"], [])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("CPC trend on Microsoft for the home insurance account, last 6 weeks", []),  # a trade
        ("CPC on Microsoft for the Brightwell account, last 6 weeks", ["Brightwell"]),
    ],
)
def test_a_trade_before_account_is_no_name(question: str, expected: list[str]) -> None:
    assert [f.value for f in build_plan(question, today=SUNDAY).filters] == expected


def test_a_tools_figures_are_no_clients() -> None:
    question = "Shopify's showing 212 orders from Meta last week. What does Meta itself report?"
    assert build_plan(question, today=SUNDAY).filters == []
