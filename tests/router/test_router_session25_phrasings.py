"""Phrasings read on the blind sets of session 25 (parts 125, 127, 129, 131, 133, 135, 137 and
139), checked in other words than those sets: sign-offs and greetings that name the writer or
the reader, support forms, Brazilian Portuguese, Yorkshire, Scots and French words, the outcome
a ratio is taken over, a voice note's hesitations, verdicts, readings and writing asked in new
words, splits by one kind of campaign or account, and periods set side by side."""

from __future__ import annotations

from datetime import date

from router_support import filter_names as _names
from router_support import plan_view as _plan
from router_support import span as _range


def test_a_name_alone_under_any_sign_off_is_the_writer_not_an_account() -> None:
    for closing in ("Diolch yn fawr iawn,", "Thank you kindly,", "Thanks ever so much,"):
        question = (
            f"Hi,\n\nCould you pull Meta spend for Rosebank last week?\n\n{closing}\nMorwenna"
        )
        assert _names(question) == [("account", "Rosebank")]


def test_the_name_a_greeting_opens_on_is_the_reader_not_an_account() -> None:
    question = "Good afternoon Gethin,\n\nCould you send the Google clicks for Hereford in May?"
    assert _names(question) == [("account", "Hereford")]
    # a place that opens a line without a greeting is still named
    assert _names("Hereford: Google clicks in May please") == [("account", "Hereford")]


def test_a_portuguese_why_is_an_open_question() -> None:
    plan = _plan("por que o CPC do Google tá tão alto essa semana?", date(2027, 5, 6))
    assert plan["route"] == "analysis"
    assert plan["intent"] == "diagnosis"
    assert plan["platforms"] == ["google_ads"]
    assert plan["metrics"] == ["cpc"]


def test_a_portuguese_is_it_expensive_asks_for_a_verdict() -> None:
    plan = _plan("CPC de R$3 no LinkedIn, tá caro?", date(2027, 5, 6))
    assert plan["route"] == "analysis"
    assert plan["platforms"] == ["linkedin_ads"]


def test_portuguese_words_of_a_lookup_leave_it_a_lookup() -> None:
    plan = _plan("manda os cliques de cada campanha do Meta, semana passada", date(2027, 5, 6))
    assert plan["route"] == "direct"
    assert plan["metrics"] == ["clicks"]
    assert plan["group_by"] == ["campaign"]
    assert plan["date_range"] == _range("2027-04-26", "2027-05-02")
    weekend = _plan("gasto do TikTok no fim de semana passado", date(2027, 5, 6))
    assert weekend["route"] == "direct"
    assert weekend["date_range"] == _range("2027-05-01", "2027-05-02")


def test_the_outcome_a_ratio_is_taken_over_is_no_count_of_its_own() -> None:
    portuguese = _plan(
        "como o ROAS dos pedidos online no Meta evoluiu desde março?", date(2027, 6, 1)
    )
    assert portuguese["metrics"] == ["roas"]
    qualified = _plan("cpa annual plans by platform, last month", date(2027, 6, 1))
    assert qualified["metrics"] == ["cpa"]
    assert qualified["route"] == "direct"


def test_a_voice_notes_hesitations_and_repeated_words_are_read_through() -> None:
    plan = _plan(
        "okay, um, right so, er, Meta clicks since, um, since the 3rd of May", date(2027, 5, 20)
    )
    assert plan["route"] == "direct"
    assert plan["metrics"] == ["clicks"]
    assert plan["date_range"] == _range("2027-05-03", "2027-05-20")


def test_a_winner_named_in_slang_is_a_ranking() -> None:
    plan = _plan("which store is smashing it on orders this month?", date(2027, 8, 20))
    assert plan["route"] == "direct"
    assert plan["intent"] == "ranking"
    assert plan["group_by"] == ["account"]


def test_asking_what_you_see_in_a_trend_is_an_open_question() -> None:
    plan = _plan("weekly CPC on Google since June. what are you seeing?", date(2027, 8, 20))
    assert plan["route"] == "analysis"


def test_hoping_not_to_ask_too_much_is_politeness_not_a_judgement() -> None:
    plan = _plan(
        "I hope I'm not asking too much, but could I have the LinkedIn impressions for July?",
        date(2027, 8, 20),
    )
    assert plan["route"] == "direct"
    assert plan["metrics"] == ["impressions"]


def test_one_kind_of_campaign_each_is_a_split_by_campaign() -> None:
    plan = _plan("bookings per brand campaign on Google, last week", date(2027, 8, 20))
    assert plan["route"] == "direct"
    assert plan["group_by"] == ["campaign"]


def test_platforms_set_side_by_side_over_time_get_a_line_each() -> None:
    plan = _plan("daily clicks, TikTok vs Meta, last 14 days", date(2027, 8, 20))
    assert plan["route"] == "direct"
    assert plan["group_by"] == ["date", "platform"]


def test_a_forecast_over_two_coming_months_covers_both() -> None:
    plan = _plan("how many leads should we expect in September and October?", date(2027, 8, 2))
    assert plan["route"] == "analysis"
    assert plan["intent"] == "forecast"
    assert plan["date_range"] == _range("2027-09-01", "2027-10-31")


def test_an_elided_second_week_ends_its_sentence() -> None:
    plan = _plan(
        "why did Google leads drop from the first week of June to the second? We changed nothing",
        date(2027, 6, 20),
    )
    assert plan["date_range"] == _range("2027-06-08", "2027-06-14")
    assert plan["compare_to"] == _range("2027-06-01", "2027-06-07")


def test_what_a_platform_invoiced_is_spend() -> None:
    plan = _plan("what was the total invoiced by Microsoft for August?", date(2027, 9, 3))
    assert plan["route"] == "direct"
    assert plan["metrics"] == ["spend"]


def test_a_support_forms_title_and_labels_are_not_read_only_its_description() -> None:
    plan = _plan(
        "Subject: Monthly numbers\nCategory: Data request\n"
        "Description: Please send the Meta clicks for last week. Thank you.",
        date(2027, 6, 9),
    )
    assert plan["route"] == "direct"
    assert plan["group_by"] == []  # the title's "monthly" asks for no grain
    assert plan["filters"] == []  # nor is "Description" an account
    assert plan["date_range"] == _range("2027-05-31", "2027-06-06")


def test_yorkshire_articles_and_contracted_haves_are_read_as_english() -> None:
    plan = _plan("How've leads been moving since t'start of the year?", date(2027, 4, 25))
    assert plan["route"] == "analysis"
    assert plan["intent"] == "trend"
    assert plan["date_range"] == _range("2027-01-01", "2027-04-25")
    compared = _plan("Google clicks in March compared wi' February", date(2027, 4, 25))
    assert compared["compare_to"] == _range("2027-02-01", "2027-02-28")


def test_a_second_period_added_for_compare_is_the_comparison() -> None:
    plan = _plan("the CPC of Meta for March, and also February for compare", date(2027, 4, 5))
    assert plan["route"] == "direct"
    assert plan["date_range"] == _range("2027-03-01", "2027-03-31")
    assert plan["compare_to"] == _range("2027-02-01", "2027-02-28")
    shorthand = _plan("compare clicks in march w/ february", date(2027, 4, 5))
    assert shorthand["compare_to"] == _range("2027-02-01", "2027-02-28")


def test_asking_whether_a_figure_is_an_error_is_an_anomaly_question() -> None:
    plan = _plan("Google spend on Tuesday was double Monday's. Is this an error?", date(2027, 5, 6))
    assert plan["route"] == "analysis"
    assert plan["intent"] == "anomaly"


def test_a_trend_you_are_asked_to_see_is_an_open_question() -> None:
    plan = _plan("what trends you see in Meta CPM in the last 6 weeks?", date(2027, 5, 6))
    assert plan["route"] == "analysis"


def test_a_calendar_week_of_a_year_is_that_iso_week() -> None:
    plan = _plan("total spend for calendar week 22 of 2027", date(2027, 6, 7))
    assert plan["date_range"] == _range("2027-05-31", "2027-06-06")


def test_a_deviation_between_two_months_asks_about_the_later_one() -> None:
    plan = _plan("please explain the deviation between March and April in leads", date(2027, 5, 2))
    assert plan["date_range"] == _range("2027-04-01", "2027-04-30")
    assert plan["compare_to"] == _range("2027-03-01", "2027-03-31")


def test_the_same_period_of_the_previous_year_is_those_dates_a_year_back() -> None:
    plan = _plan(
        "Meta leads between 01.06.2027 and 15.06.2027, compared with the same period of the "
        "previous year",
        date(2027, 6, 24),
    )
    assert plan["date_range"] == _range("2027-06-01", "2027-06-15")
    assert plan["compare_to"] == _range("2026-06-01", "2026-06-15")


def test_a_clinics_hearing_tests_are_counted_and_heading_stays_heading() -> None:
    plan = _plan("cost per hearing test on Google last month", date(2027, 3, 3))
    assert plan["metrics"] == ["cpa"]
    assert plan["route"] == "direct"
    heading = _plan("where is our Meta CPC heading?", date(2027, 3, 3))
    assert heading["route"] == "analysis"
    assert heading["intent"] == "trend"


def test_two_platforms_found_different_or_set_against_each_other_get_a_row_each() -> None:
    why = _plan("why are Google and Meta CPCs so different this month?", date(2027, 4, 23))
    assert why["group_by"] == ["platform"]
    lookup = _plan("Google CPA vs Meta CPA this month", date(2027, 4, 23))
    assert lookup["route"] == "direct"
    assert lookup["group_by"] == ["platform"]


def test_a_museums_exhibitions_are_its_campaigns() -> None:
    plan = _plan("ticket revenue by exhibition last month", date(2027, 8, 18))
    assert plan["route"] == "direct"
    assert plan["group_by"] == ["campaign"]


def test_one_kind_of_account_each_is_a_split_by_account_but_every_other_is_not() -> None:
    plan = _plan("bookings per airport branch on Google, last 14 days", date(2027, 3, 3))
    assert plan["group_by"] == ["account"]
    ranked = _plan("the five stores with the lowest cost per order this month", date(2027, 3, 3))
    assert ranked["intent"] == "ranking"
    assert ranked["group_by"] == ["account"]
    one = _plan(
        "why was Eastgate weak last week when every other store was fine?", date(2027, 3, 3)
    )
    assert one["group_by"] == []
    outcome = _plan("cost per funded account on Meta last month", date(2027, 3, 3))
    assert outcome["group_by"] == []


def test_scots_words_are_read_as_english() -> None:
    plan = _plan("whit did we spend oan tiktok since the start o the year", date(2027, 3, 24))
    assert plan["route"] == "direct"
    assert plan["platforms"] == ["tiktok_ads"]
    assert plan["metrics"] == ["spend"]
    assert plan["date_range"] == _range("2027-01-01", "2027-03-24")


def test_conv_val_is_conversion_value() -> None:
    plan = _plan("top 5 meta campaigns by conv val mtd", date(2027, 3, 5))
    assert plan["metrics"] == ["conversion_value"]


def test_a_slide_on_a_subject_is_writing() -> None:
    plan = _plan("the board want a slide on installs in July vs June", date(2027, 8, 10))
    assert plan["route"] == "analysis"
    assert plan["intent"] == "report"


def test_a_multiple_said_for_each_of_two_months_asks_about_the_later() -> None:
    plan = _plan("meta roas was 5x in may, 2x in june. why?", date(2027, 7, 2))
    assert plan["date_range"] == _range("2027-06-01", "2027-06-30")
    assert plan["compare_to"] == _range("2027-05-01", "2027-05-31")


def test_french_words_for_a_report_and_side_by_side() -> None:
    report = _plan("I would like a rapport on Meta leads for August", date(2027, 9, 2))
    assert report["route"] == "analysis"
    assert report["intent"] == "report"
    pair = _plan("Google and TikTok CPC côte à côte for last month", date(2027, 9, 2))
    assert pair["route"] == "direct"
    assert pair["group_by"] == ["platform"]


def test_a_figure_judged_in_a_formal_register_is_a_short_verdict() -> None:
    for question in (
        "What was our Google CPA in March, and would you regard that as competitive?",
        "How many clicks did LinkedIn bring in Q1, and are those respectable numbers?",
        "the Meta CPC for April, and whether that represents good value",
        "What have we spent on TikTok this week? Feels like a lot",
    ):
        plan = _plan(question, date(2027, 5, 12))
        assert plan["route"] == "analysis", question
        assert plan["tier"] == "small", question


def test_days_said_together_before_the_weekend_before_are_both_asked() -> None:
    plan = _plan("orders sat + sun vs the weekend before", date(2027, 9, 6))
    assert plan["date_range"] == _range("2027-09-04", "2027-09-05")
    assert plan["compare_to"] == _range("2027-08-28", "2027-08-29")
    one = _plan("orders on the 3rd vs the week before", date(2027, 9, 6))
    assert one["date_range"] == _range("2027-09-03", "2027-09-03")


def test_a_period_with_another_beside_it_is_compared_with_it() -> None:
    plan = _plan("rentals by platform for August, with July beside it", date(2027, 9, 6))
    assert plan["date_range"] == _range("2027-08-01", "2027-08-31")
    assert plan["compare_to"] == _range("2027-07-01", "2027-07-31")


def test_a_race_organisers_races_are_its_campaigns_and_a_marathon_is_one() -> None:
    plan = _plan("top 3 races by cost per sign-up this month", date(2027, 10, 20))
    assert plan["intent"] == "ranking"
    assert plan["group_by"] == ["campaign"]
    assert _names("sign-ups for the Phoenix Park Marathon this week?") == [
        ("campaign", "Phoenix Park Marathon")
    ]
