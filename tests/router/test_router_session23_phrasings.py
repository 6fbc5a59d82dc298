"""Phrasings read on the blind sets of session 23 (parts 105 and 107), checked in other words
than those sets: European dates with their years, weeks numbered with a slash, forecasts to a
day or for the month, names set side by side, budget moved among accounts, verdicts on a
claim or a spend's justification."""

from __future__ import annotations

from datetime import date

from router_support import plan_view as _plan
from router_support import span as _range

from libs.common.vocab import Route


def test_dotted_dates_with_their_years_are_a_range_and_its_comparison() -> None:
    plan = _plan(
        "Google CPC 03.02.2026 – 16.02.2026 against 20.01.2026 – 02.02.2026 please",
        date(2026, 2, 20),
    )
    assert plan["route"] == "direct"
    assert plan["date_range"] == _range("2026-02-03", "2026-02-16")
    assert plan["compare_to"] == _range("2026-01-20", "2026-02-02")


def test_a_why_question_is_not_cut_into_sentences_at_the_dots_of_its_dates() -> None:
    plan = _plan(
        "Explain why TikTok CPA in 02.03.2026–08.03.2026 exceeded 23.02.2026–01.03.2026.",
        date(2026, 3, 12),
    )
    assert plan["route"] == "analysis"
    assert plan["intent"] == "diagnosis"
    assert plan["date_range"] == _range("2026-03-02", "2026-03-08")
    assert plan["compare_to"] == _range("2026-02-23", "2026-03-01")


def test_a_week_numbered_with_a_slash_and_its_year_is_that_iso_week() -> None:
    plan = _plan("LinkedIn clicks week 7/2026", date(2026, 3, 2))
    assert plan["date_range"] == _range("2026-02-09", "2026-02-15")  # not the 20th of July


def test_a_forecast_for_the_month_or_up_to_a_dated_day_covers_the_month() -> None:
    month = _plan("will Bing spend stay under 2k for the month?", date(2026, 5, 12))
    assert month["date_range"] == _range("2026-05-01", "2026-05-31")
    to_day = _plan("at this pace what will Meta spend be at 31.05.2026?", date(2026, 5, 12))
    assert to_day["date_range"] == _range("2026-05-01", "2026-05-31")
    past = _plan("at this pace what will Meta spend be at 31.05.2025?", date(2026, 5, 12))
    assert past["date_range"] == _range("2025-05-31", "2025-05-31")  # a year written stands


def test_a_forecast_for_a_holiday_just_ahead_is_the_coming_one() -> None:
    plan = _plan("how many bouquets will we sell on meta for valentines?", date(2027, 2, 1))
    assert plan["intent"] == "forecast"
    assert plan["date_range"] == _range("2027-02-14", "2027-02-14")
    box = _plan("valentines box sales on meta since monday", date(2027, 2, 3))
    assert box["date_range"] == _range("2027-02-01", "2027-02-03")  # a product, no holiday


def test_the_platform_as_heard_before_campaigns_is_the_platform_not_a_name() -> None:
    plan = _plan("can we pause the tick tock campaigns for a week?", date(2026, 8, 4))
    assert plan["platforms"] == ["tiktok_ads"]
    assert plan["filters"] == []


def test_budget_moved_among_accounts_of_one_platform_is_large_advice() -> None:
    plan = _plan(
        "which of our clinics should get more of the Meta budget next month?", date(2026, 8, 4)
    )
    assert plan["route"] == Route.ANALYSIS.value
    assert plan["tier"] == "large"
    moved = _plan(
        "which salons waste money on google and where should we move it", date(2026, 8, 4)
    )
    assert moved["tier"] == "large"
    asked = _plan("what can we do to get more bookings from Bing?", date(2026, 8, 4))
    assert asked["tier"] == "medium"  # advice about one platform, no budget moved


def test_names_set_side_by_side_in_an_open_question_group_by_them() -> None:
    plan = _plan("why is Harlow so far behind Stevenage on Meta leads?", date(2026, 8, 4))
    assert plan["route"] == "analysis"
    assert plan["group_by"] == ["account"]
    listed = _plan(
        "Harlow and Stevenage both look quiet on Meta, anything wrong?", date(2026, 8, 4)
    )
    assert listed["group_by"] == []


def test_a_ratio_for_an_accounts_outcome_names_no_count() -> None:
    plan = _plan("ROAS on TikTok for Pennyworth starter kits last month", date(2026, 8, 4))
    assert plan["metrics"] == ["roas"]


def test_a_claim_to_check_or_a_spend_s_justification_is_a_short_verdict() -> None:
    claim = _plan(
        "The owner says Google brings nobody in. Check Google leads this month and tell me if "
        "she is right.",
        date(2026, 8, 4),
    )
    assert claim["tier"] == "small"
    justified = _plan("was the TikTok spend in July justified by the sales?", date(2026, 8, 4))
    assert justified["tier"] == "small"


def test_a_chain_s_cinemas_are_its_accounts() -> None:
    plan = _plan("TikTok tickets per cinema last week", date(2026, 9, 9))
    assert plan["route"] == "direct"
    assert plan["group_by"] == ["account"]
    named = _plan("is the Meta spend ok for the Westgate cinema this month?", date(2026, 9, 9))
    assert named["filters"] == [{"field": "account", "value": "Westgate"}]


def test_names_set_side_by_side_inside_a_clause_are_accounts() -> None:
    plan = _plan("Orders, Millbrook vs Lakeside, yesterday. Google.", date(2026, 9, 9))
    assert plan["filters"] == [
        {"field": "account", "value": "Lakeside"},
        {"field": "account", "value": "Millbrook"},
    ]
    assert plan["group_by"] == ["account"]
    marked = _plan("Lakeside vs Millbrook: same budget, half the orders. Why?", date(2026, 9, 9))
    assert len(marked["filters"]) == 2


def test_a_first_sentence_asking_for_writing_is_no_background_of_the_lookup_after_it() -> None:
    for question in (
        "Put last month's numbers into something I can send the owner. Spend and orders, Meta.",
        "Weekly report for the gym client. Google and Meta, spend, sign-ups, CPA.",
    ):
        plan = _plan(question, date(2026, 9, 9))
        assert (plan["route"], plan["intent"]) == ("analysis", "report"), question


def test_a_one_word_verdict_or_bug_after_the_figures_is_a_short_reading() -> None:
    bad = _plan("Meta CPC 1.20 last week, 0.90 the week before. Bad?", date(2026, 9, 9))
    assert (bad["route"], bad["tier"]) == ("analysis", "small")
    bug = _plan("Leads LinkedIn yesterday 0. Bug?", date(2026, 9, 9))
    assert (bug["route"], bug["intent"]) == ("analysis", "anomaly")


def test_lead_forms_are_counted_and_a_marketing_lead_is_a_person() -> None:
    assert _plan("LinkedIn lead forms last week", date(2026, 9, 9))["metrics"] == ["conversions"]
    person = _plan(
        "Our growth lead wants TikTok spend for last week, can you pull it?", date(2026, 9, 9)
    )
    assert person["metrics"] == ["spend"]


def test_a_forecast_of_where_the_month_ends_covers_the_month() -> None:
    plan = _plan("Meta leads, where do we land end of September at this rate?", date(2026, 9, 9))
    assert plan["date_range"] == _range("2026-09-01", "2026-09-30")


def test_which_accounts_to_prioritise_is_large_advice() -> None:
    plan = _plan("Which regions should we prioritise on TikTok in October?", date(2026, 9, 9))
    assert (plan["intent"], plan["tier"]) == ("recommendation", "large")


def test_a_platform_s_or_a_month_s_invoice_is_its_spend() -> None:
    plan = _plan("What's the TikTok invoice for August?", date(2026, 9, 9))
    assert (plan["route"], plan["metrics"]) == ("direct", ["spend"])
    paperwork = _plan("who sends us the invoice email for the agency fees?", date(2026, 9, 9))
    assert paperwork["metrics"] == []


def test_how_weeks_are_counted_asks_no_days() -> None:
    plan = _plan("weekly Meta leads for March, weeks running Monday to Sunday", date(2026, 4, 14))
    assert plan["date_range"] == _range("2026-03-01", "2026-03-31")
    assert plan["group_by"] == ["week"]


def test_a_day_and_the_day_before_is_one_span_and_set_against_it_a_comparison() -> None:
    joined = _plan("LinkedIn clicks yesterday and the day before", date(2026, 9, 9))
    assert joined["date_range"] == _range("2026-09-07", "2026-09-08")
    assert joined["compare_to"] is None
    compared = _plan("LinkedIn clicks yesterday vs the day before", date(2026, 9, 9))
    assert compared["date_range"] == _range("2026-09-08", "2026-09-08")
    assert compared["compare_to"] == _range("2026-09-07", "2026-09-07")


def test_requests_for_a_catalogue_or_a_callback_are_counted() -> None:
    plan = _plan("catalogue requests by week for May, Google", date(2026, 6, 9))
    assert (plan["route"], plan["metrics"]) == ("direct", ["conversions"])
    assert _plan("callback requests on Meta yesterday", date(2026, 6, 9))["metrics"] == [
        "conversions"
    ]


def test_which_production_or_show_sold_most_ranks_campaigns() -> None:
    plan = _plan("which show sold the most tickets on Meta in May?", date(2026, 6, 9))
    assert (plan["intent"], plan["group_by"]) == ("ranking", ["campaign"])


def test_budget_among_accounts_asked_in_other_words_is_large_advice() -> None:
    for question in (
        "which salons should receive more of the budget next month?",
        "which sites would you suggest we prioritise with extra budget in July?",
        "if you had an extra ten grand for the salons where would you put it?",
    ):
        plan = _plan(question, date(2026, 6, 9))
        assert (plan["intent"], plan["tier"]) == ("recommendation", "large"), question


def test_short_verdicts_asked_in_other_words_are_small() -> None:
    for question in (
        "is our Bing spend still worthwhile this quarter?",
        "Honestly, is TikTok a waste for a dentist?",
        "CAC looking ok on Google?",
        "They say CPC on Meta is high for gyms. Is ours high?",
        "Google: are we spending more than we should be?",
    ):
        plan = _plan(question, date(2026, 6, 9))
        assert (plan["route"], plan["tier"]) == ("analysis", "small"), question


def test_a_readout_or_a_few_lines_is_writing() -> None:
    readout = _plan(
        "May readout for the exec team: orders, CAC, spend by channel vs April.", date(2026, 6, 9)
    )
    assert (readout["route"], readout["intent"]) == ("analysis", "report")
    lines = _plan(
        "How did the spring sale do on Meta? A few lines for the newsletter", date(2026, 6, 9)
    )
    assert (lines["route"], lines["intent"]) == ("analysis", "report")


def test_mer_is_a_blended_roas_and_what_a_platform_charged_is_spend() -> None:
    assert _plan("MER last month vs the month before", date(2026, 6, 9))["metrics"] == ["roas"]
    charged = _plan(
        "What did Google charge us in May? Just the total spend is fine.", date(2026, 6, 9)
    )
    assert (charged["route"], charged["metrics"]) == ("direct", ["spend"])
    concept = _plan("mer vs roas, what's the diff conceptually", date(2026, 6, 9))
    assert concept["route"] == "analysis"


def test_an_appeal_s_takings_are_its_conversion_value() -> None:
    plan = _plan("how much did the Spring Appeal raise on Meta last month?", date(2026, 6, 9))
    assert plan["metrics"] == ["conversion_value"]
    assert _plan("should we raise the Meta budget?", date(2026, 6, 9))["metrics"] == []


def test_dates_between_dotted_days_and_up_to_now_are_spans() -> None:
    between = _plan("Meta orders per day between 02.03. and 08.03.", date(2026, 3, 20))
    assert between["date_range"] == _range("2026-03-02", "2026-03-08")
    to_now = _plan("Google leads, May to now", date(2026, 6, 9))
    assert to_now["date_range"] == _range("2026-05-01", "2026-06-09")


def test_two_weekdays_against_the_same_days_last_week_are_both_compared() -> None:
    plan = _plan("orders Thu+Fri vs the same days last week on Meta", date(2026, 6, 9))
    assert plan["date_range"] == _range("2026-06-04", "2026-06-05")
    assert plan["compare_to"] == _range("2026-05-28", "2026-05-29")


def test_a_weekday_compared_with_the_same_weekday_means_the_one_a_week_before() -> None:
    plan = _plan("Meta leads yesterday vs last Wednesday", date(2026, 6, 11))  # a Thursday
    assert plan["date_range"] == _range("2026-06-10", "2026-06-10")
    assert plan["compare_to"] == _range("2026-06-03", "2026-06-03")


def test_two_days_joined_before_a_comparison_are_both_asked() -> None:
    plan = _plan("orders sat+sun vs the previous weekend on TikTok", date(2026, 6, 9))
    assert plan["date_range"] == _range("2026-06-06", "2026-06-07")
    assert plan["compare_to"] == _range("2026-05-30", "2026-05-31")


def test_french_periods_with_depuis_entre_and_the_last_n_days() -> None:
    since = _plan("le CPC Meta depuis début mars", date(2026, 5, 14))
    assert since["date_range"] == _range("2026-03-01", "2026-05-14")
    days = _plan(
        "les clics LinkedIn sur les 7 derniers jours vs les 7 jours d'avant", date(2026, 6, 9)
    )
    assert days["date_range"] == _range("2026-06-02", "2026-06-08")
    assert days["compare_to"] == _range("2026-05-26", "2026-06-01")


def test_two_capitalised_places_set_side_by_side_are_accounts_even_near_a_slip() -> None:
    plan = _plan("Leeds vs Bradford orders last month - why the gap?", date(2026, 6, 9))
    assert plan["filters"] == [
        {"field": "account", "value": "Bradford"},
        {"field": "account", "value": "Leeds"},
    ]


def test_how_a_platform_is_doing_is_an_open_question() -> None:
    for question in ("How's TikTok doing?", "how's our google ads doing"):
        assert _plan(question, date(2026, 7, 11))["route"] == "analysis", question


def test_interpretation_or_which_campaigns_are_responsible_asks_for_a_reading() -> None:
    plan = _plan(
        "LinkedIn CTR trend last 12 weeks vs same period last year. Interpretation needed.",
        date(2026, 9, 20),
    )
    assert plan["route"] == "analysis"


def test_worries_before_an_event_and_a_verdict_for_a_kind_of_business_are_readings() -> None:
    worry = _plan("Anything we should be worried about before the launch?", date(2026, 5, 18))
    assert (worry["route"], worry["intent"]) == ("analysis", "anomaly")
    verdict = _plan("CPC on Google looks high - normal for dentists?", date(2026, 5, 18))
    assert (verdict["route"], verdict["tier"]) == ("analysis", "small")


def test_which_of_listed_accounts_deserves_more_budget_is_large_advice() -> None:
    plan = _plan("Leeds, York and Hull: which deserves more of the budget?", date(2026, 5, 18))
    assert (plan["intent"], plan["tier"]) == ("recommendation", "large")


def test_a_holiday_just_ahead_is_advice_s_horizon_not_its_data() -> None:
    plan = _plan("meta or google for the shop at xmas?", date(2026, 10, 7))
    assert plan["date_range"] == _range("2026-09-30", "2026-10-06")


def test_the_same_days_or_weeks_of_another_month_are_as_many_from_its_start() -> None:
    plan = _plan("Meta leads oct so far vs same days sept", date(2026, 10, 14))
    assert plan["compare_to"] == _range("2026-09-01", "2026-09-14")
    weeks = _plan(
        "orders in the first 2 weeks of October vs the same 2 weeks of September, why down?",
        date(2026, 10, 20),
    )
    assert weeks["date_range"] == _range("2026-10-01", "2026-10-14")
    assert weeks["compare_to"] == _range("2026-09-01", "2026-09-14")


def test_a_period_and_the_one_before_it_to_compare_are_compared() -> None:
    plan = _plan(
        "Google CPC for last week, and the week before that too so I can compare", date(2026, 8, 19)
    )
    assert plan["date_range"] == _range("2026-08-10", "2026-08-16")
    assert plan["compare_to"] == _range("2026-08-03", "2026-08-09")
