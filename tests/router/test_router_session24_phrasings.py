"""Phrasings read on the blind sets of session 24 (parts 117 and 119), checked in other words
than those sets: contractions of "would", relayed asks, felt verdicts, writing asked with
"make me", a direction asked with no period to compare, verdicts with what would follow them,
budget moved to another account, Spanish words of periods and purposes, and campaigns named
after their event."""

from __future__ import annotations

from datetime import date

from router_support import filter_names as _names
from router_support import plan_view as _plan
from router_support import span as _range


def test_a_contracted_would_is_read_as_would_not_as_another_word() -> None:
    relayed = _plan(
        "Morning, Priti again. He'd like to know what Microsoft billed us in October.",
        date(2026, 11, 3),
    )
    assert relayed["route"] == "direct"
    assert relayed["metrics"] == ["spend"]
    assert relayed["date_range"] == _range("2026-10-01", "2026-10-31")
    # "we'd" is no Wednesday
    plan = _plan("we'd love the tiktok clicks for last week", date(2026, 11, 3))
    assert plan["date_range"] == _range("2026-10-26", "2026-11-01")


def test_a_relayed_ask_to_know_a_figure_is_a_lookup_and_a_relayed_why_is_not() -> None:
    lookup = _plan("she wants to see the google clicks from yesterday", date(2026, 6, 9))
    assert lookup["route"] == "direct"
    why = _plan("she wants to know why google clicks fell yesterday", date(2026, 6, 9))
    assert why["route"] == "analysis"
    assert why["intent"] == "diagnosis"


def test_where_a_figure_is_at_is_a_lookup() -> None:
    plan = _plan("wheres the ctr on linkedin at for the month so far", date(2026, 6, 9))
    assert plan["route"] == "direct"
    assert plan["metrics"] == ["ctr"]
    assert plan["date_range"] == _range("2026-06-01", "2026-06-09")


def test_a_figure_felt_to_be_high_or_low_asks_for_a_verdict() -> None:
    plan = _plan("the bing cpc seems kinda steep this week", date(2026, 6, 10))
    assert plan["route"] == "analysis"
    assert plan["tier"] == "small"


def test_a_one_pager_asked_with_make_me_is_writing_with_its_lookup_after_it() -> None:
    plan = _plan(
        "Make me a one-pager on gym memberships in May for the board. By gym, vs April.",
        date(2026, 6, 2),
    )
    assert plan["route"] == "analysis"
    assert plan["tier"] == "large"
    assert plan["intent"] == "report"


def test_no_story_or_just_the_numbers_in_spanish_keeps_a_lookup() -> None:
    plain = _plan("Spend per platform for May. No story please.", date(2026, 6, 2))
    assert plain["route"] == "direct"
    assert plain["intent"] == "breakdown"
    spanish = _plan("clicks on meta last week, solo los números", date(2026, 6, 2))
    assert spanish["route"] == "direct"


def test_a_picture_or_the_big_themes_asked_are_writing() -> None:
    plan = _plan("paint me a picture of how the gyms did in spring", date(2026, 6, 2))
    assert plan["intent"] == "report"
    assert plan["tier"] == "large"


def test_up_or_down_with_no_period_to_compare_is_an_open_trend() -> None:
    trend = _plan("cpl on meta since march? up or down??", date(2026, 6, 2))
    assert trend["route"] == "analysis"
    assert trend["intent"] == "trend"
    compared = _plan("cpl on meta this month up or down on last month?", date(2026, 6, 20))
    assert compared["route"] == "direct"
    assert compared["intent"] == "comparison"
    assert compared["compare_to"] is not None


def test_a_verdict_with_what_the_asker_would_do_about_it_is_a_short_verdict() -> None:
    flag = _plan(
        "meta cpm up 30% this week vs last, is that normal or should I flag it to the client?",
        date(2026, 6, 10),
    )
    assert flag["tier"] == "small"
    # doing something about the ads is advice, not the verdict's consequence
    act = _plan(
        "meta cpm up 30% this week vs last, is that normal or should we change something?",
        date(2026, 6, 10),
    )
    assert act["tier"] == "medium"


def test_whether_a_figure_makes_sense_or_a_claim_is_fair_is_a_short_verdict() -> None:
    sense = _plan(
        "We spend 4k a month on TikTok for a bakery. Does that make sense?", date(2026, 6, 10)
    )
    assert sense["tier"] == "small"
    claim = _plan(
        "the owner says Google is wasting money on brand terms. is that fair?", date(2026, 6, 10)
    )
    assert claim["tier"] == "small"
    assert claim["intent"] == "diagnosis"


def test_whether_a_campaign_was_a_waste_of_money_or_worth_us_running_is_small() -> None:
    waste = _plan("was the Spring Push campaign on meta a waste of money?", date(2026, 6, 10))
    assert waste["tier"] == "small"
    worth = _plan("is it worth us running tiktok at all for the clinic?", date(2026, 6, 10))
    assert worth["tier"] == "small"


def test_budget_moved_to_another_of_our_accounts_is_large_advice() -> None:
    for question in (
        "should we move some of Leith's budget to the other shops?",
        "thinking of moving the Bristol budget to Bath for July, good idea?",
        "should the group's budget shift toward Camden given how May went?",
        "which store should we bet on next for the autumn?",
    ):
        plan = _plan(question, date(2026, 6, 10))
        assert plan["tier"] == "large", question
        assert plan["intent"] == "recommendation", question


def test_questions_about_the_brand_or_what_is_working_are_about_the_ads() -> None:
    working = _plan("What's working and what isn't for the bakery right now?", date(2026, 6, 10))
    assert working["intent"] == "diagnosis"
    assert working["tier"] == "medium"
    heading = _plan("How do you feel about where the bakery brand is heading?", date(2026, 6, 10))
    assert heading["intent"] == "trend"
    night = _plan("anything in the data that should keep me up at night?", date(2026, 6, 10))
    assert night["intent"] == "anomaly"


def test_ads_that_feel_tired_or_growth_that_may_not_last_are_a_trend() -> None:
    tired = _plan("do our meta ads look a bit stale to you?", date(2026, 6, 10))
    assert tired["intent"] == "trend"
    growth = _plan("is the growth in sign-ups this year sustainable?", date(2026, 6, 10))
    assert growth["intent"] == "trend"


def test_on_course_for_a_record_is_a_forecast() -> None:
    plan = _plan("are we on course for a record June in bookings?", date(2026, 6, 10))
    assert plan["intent"] == "forecast"


def test_rides_and_regular_givers_are_counted_and_room_revenue_is_value() -> None:
    rides = _plan("rides by city this month", date(2026, 6, 10))
    assert rides["route"] == "direct"
    assert rides["metrics"] == ["conversions"]
    givers = _plan("regular givers from meta last week", date(2026, 6, 10))
    assert givers["metrics"] == ["conversions"]
    rooms = _plan("room revenue on google for may", date(2026, 6, 10))
    assert rooms["route"] == "direct"
    assert rooms["metrics"] == ["conversion_value"]
    # escape rooms are a business, not its outcome
    escape = _plan("what did we spend on meta for the escape rooms last week", date(2026, 6, 10))
    assert escape["metrics"] == ["spend"]


def test_spanish_weekly_grains_weekdays_and_a_deck_s_day() -> None:
    weekly = _plan("trend of revenue semanal desde abril for the shops", date(2026, 6, 10))
    assert weekly["route"] == "direct"
    assert weekly["group_by"] == ["week"]
    deck = _plan("Spend per platform last 7 days, para el deck del viernes", date(2026, 6, 10))
    assert deck["route"] == "direct"
    verdict = _plan("está bien un CPC de 2€ en Google?", date(2026, 6, 10))
    assert verdict["route"] == "analysis"
    assert verdict["tier"] == "small"


def test_names_in_a_quoted_line_are_read_but_a_speaker_is_no_name() -> None:
    assert _names("> can we get Bayview vs Kingsgate bookings for May?\nfrom the client") == [
        ("account", "Bayview"),
        ("account", "Kingsgate"),
    ]
    assert _names("> Priya: can we get Meta spend for May?\nanyone?") == []


def test_a_campaign_named_after_its_event_is_a_campaign_but_a_season_s_sale_is_a_period() -> None:
    assert _names("sign-ups for the Midnight Fun Run yesterday") == [
        ("campaign", "Midnight Fun Run")
    ]
    assert _names("why is the shelter's Blanket Appeal so flat?") == [
        ("campaign", "Blanket Appeal")
    ]
    assert _names("revenue from the Summer Sale last week") == []


def test_a_named_uk_bank_holiday_weekend_is_that_one_not_the_latest() -> None:
    named = _plan("bookings over the early May bank holiday weekend", date(2026, 6, 12))
    assert named["date_range"] == _range("2026-05-02", "2026-05-04")
    latest = _plan("bookings over the bank holiday weekend", date(2026, 6, 12))
    assert latest["date_range"] == _range("2026-05-23", "2026-05-25")
    summer = _plan("bookings on the august bank holiday", date(2026, 9, 10))
    assert summer["date_range"] == _range("2026-08-31", "2026-08-31")


def test_the_christmas_holidays_without_over_are_the_year_end_holidays() -> None:
    plan = _plan("Festive period: orders by day on meta please", date(2026, 1, 9))
    assert plan["date_range"] == _range("2025-12-22", "2026-01-02")


def test_a_greeting_s_weekday_or_long_weekend_is_no_period() -> None:
    plan = _plan(
        "hope your Thursday is going well! tiktok installs last week vs the week before?",
        date(2026, 6, 11),
    )
    assert plan["date_range"] == _range("2026-06-01", "2026-06-07")
    weekend = _plan(
        "Hope you all enjoyed the long weekend. Leads on Memorial Day weekend vs last year's?",
        date(2026, 5, 27),
    )
    assert weekend["date_range"] == _range("2026-05-23", "2026-05-25")


def test_platforms_contrasted_in_an_open_question_group_by_platform() -> None:
    contrast = _plan(
        "Google leads rose in May while Meta stayed flat, should we rebalance for June?",
        date(2026, 6, 3),
    )
    assert contrast["group_by"] == ["platform"]
    beating = _plan("why does LinkedIn keep beating Microsoft on CPL?", date(2026, 6, 3))
    assert beating["group_by"] == ["platform"]


def test_the_summer_just_gone_or_a_season_so_far_is_that_season() -> None:
    went = _plan("given how the summer went, should we shift budget to TikTok?", date(2026, 9, 8))
    assert went["date_range"] == _range("2026-06-01", "2026-08-31")
    so_far = _plan("orders for the shop's autumn so far vs last year", date(2026, 10, 20))
    assert so_far["date_range"] == _range("2026-09-01", "2026-10-20")
    assert so_far["compare_to"] == _range("2025-09-01", "2025-10-20")
    sale = _plan("spend on the summer sale", date(2026, 9, 8))
    assert sale["date_range"] != _range("2026-06-01", "2026-08-31")  # a sale, not the season


def test_the_run_up_to_a_holiday_ahead_is_advice_s_horizon_and_a_forecast_s_period() -> None:
    advice = _plan("should we push harder on meta in the run-up to christmas?", date(2026, 11, 10))
    assert advice["date_range"] == _range("2026-11-03", "2026-11-09")
    forecast = _plan("forecast meta spend in the run-up to christmas", date(2026, 11, 10))
    assert forecast["date_range"] == _range("2026-12-18", "2026-12-24")


def test_a_forecast_for_a_holiday_weekend_under_way_covers_the_whole_weekend() -> None:
    plan = _plan("what should we expect for leads over labor day weekend?", date(2026, 9, 5))
    assert plan["intent"] == "forecast"
    assert plan["date_range"] == _range("2026-09-05", "2026-09-07")


def test_spanish_since_el_lunes_runs_to_today() -> None:
    plan = _plan("the sign-ups look weird since el lunes, anything broken?", date(2026, 11, 12))
    assert plan["date_range"] == _range("2026-11-09", "2026-11-12")


def test_forecast_and_weekly_written_short_are_read_in_full() -> None:
    plan = _plan("sign-ups fcst for july, based on the last 8 weeks", date(2026, 6, 10))
    assert plan["intent"] == "forecast"
    assert plan["date_range"] == _range("2026-07-01", "2026-07-31")


def test_a_bullet_list_is_one_request_not_a_scene_and_its_last_line() -> None:
    plan = _plan("- 10k extra for July\n- meta / google?\n- where", date(2026, 6, 10))
    assert plan["route"] == "analysis"
    assert plan["tier"] == "large"
    forecast = _plan("- july 4th weekend\n- booking expectations\n- meta", date(2026, 6, 20))
    assert forecast["intent"] == "forecast"


def test_an_opinion_asked_on_a_verdict_is_the_short_verdict() -> None:
    plan = _plan(
        "The owner asked me if our Meta spend this month is too high. May I ask your opinion?",
        date(2026, 6, 10),
    )
    assert plan["tier"] == "small"


def test_verdicts_in_other_words_are_short() -> None:
    for question in (
        "$4 a click on bing for the gyms, is that a rip off or what",
        "are we over budget on linkedin this month?",
        "what do we get back for every pound on tiktok, and is it enough?",
        "is a cpa of 300 on google defensible at our scale?",
    ):
        assert _plan(question, date(2026, 6, 10))["tier"] == "small", question


def test_money_left_or_extra_and_where_to_put_it_among_accounts_is_large_advice() -> None:
    for question in (
        "got 3 grand spare for the gyms next month, where would ya stick it",
        "8k left in pot, which regions get it?",
        "should we be reallocating budget toward the busier studios?",
    ):
        assert _plan(question, date(2026, 6, 10))["tier"] == "large", question


def test_advice_on_what_to_read_or_study_is_off_topic() -> None:
    plan = _plan("which books on paid social would you recommend?", date(2026, 6, 10))
    assert plan["intent"] == "other"
    assert plan["tier"] == "small"


def test_a_relayed_ask_with_its_apologies_is_a_lookup() -> None:
    plan = _plan(
        "Sorry! I think my boss wants CPC on Google for May vs April, if that's ok? Apologies if"
        " I've got the terminology wrong",
        date(2026, 6, 10),
    )
    assert plan["route"] == "direct"


def test_an_amount_reconciled_against_invoices_is_no_comparison() -> None:
    plan = _plan(
        "Could you confirm total Meta spend for May? I need to reconcile it against the invoices.",
        date(2026, 6, 10),
    )
    assert plan["intent"] == "lookup"


def test_parks_and_studios_are_accounts_and_intro_offers_are_counted() -> None:
    parks = _plan("day tickets by park for may", date(2026, 6, 10))
    assert parks["group_by"] == ["account"]
    offers = _plan("cost per qualified lead on meta last week", date(2026, 6, 10))
    assert offers["metrics"] == ["cpa"]
    invested = _plan("paid media investment on google ytd", date(2026, 6, 10))
    assert invested["metrics"] == ["spend"]
