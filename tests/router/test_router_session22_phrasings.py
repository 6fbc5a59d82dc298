"""Phrasings read on the blind sets of session 22 (parts 101 and 103), checked in other words
than those sets: numbered memos, a report of a number, how little the asker needs, a closing
with a name, hours written short, seasons compared and since, a recurring weekday, month spans
written with a dash."""

from __future__ import annotations

from datetime import date

import pytest
from router_support import SUNDAY, assert_lookup
from router_support import span as _range

from libs.common.vocab import Route
from services.router import build_plan


def test_a_numbered_memo_s_item_numbers_are_no_days_of_the_month() -> None:
    memo = "Memorandum for the agency\n1. Leads on Meta dropped in March.\n2. Please explain why."
    plan = build_plan(memo, today=date(2026, 4, 8)).contract_view()
    assert plan["route"] == "analysis"
    assert plan["date_range"] == _range("2026-03-01", "2026-03-31")  # not "March 2"
    inline = build_plan("google spend in may (2) clicks", today=date(2026, 6, 9)).contract_view()
    assert inline["date_range"] == _range("2026-05-01", "2026-05-31")


@pytest.mark.parametrize(
    "question",
    [
        "Please report the number of leads from Meta last month.",
        "Total Google spend for 2024. No commentary is required at this stage.",
        "Meta leads last month please; the committee will draw its own conclusions.",
        "Could you supply the following: LinkedIn spend for October?",
    ],
)
def test_a_number_reported_with_no_commentary_wanted_is_a_lookup(question: str) -> None:
    assert_lookup(question, {})


def test_a_closing_with_the_sender_s_name_is_no_account() -> None:
    found = assert_lookup("Meta spend last week please\nBR, Anneke", {"filters": []})
    assert found["platforms"] == ["meta_ads"]


def test_hours_written_short_are_whole_days() -> None:
    assert_lookup("leads past 72h", {"date_range": _range("2026-11-19", "2026-11-21")})


@pytest.mark.parametrize(
    "question",
    [
        "what trends do u see in our leads this month",
        "how did the long weekend go for leads on Google?",
    ],
)
def test_asking_what_the_trends_are_or_how_it_went_stays_open(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


def test_two_seasons_compared_are_two_periods_and_since_a_season_runs_to_today() -> None:
    compared = assert_lookup("leads this winter vs last winter", {}, today=date(2026, 2, 10))
    assert compared["date_range"] == _range("2025-12-01", "2026-02-10")
    assert compared["compare_to"] == _range("2024-12-01", "2025-02-28")
    since = build_plan("why is CPC up since the spring?", today=date(2026, 7, 15)).contract_view()
    assert since["date_range"] == _range("2026-03-01", "2026-07-15")


def test_xmas_eve_is_the_24th_and_every_monday_is_no_day_asked() -> None:
    assert_lookup("roas on xmas eve", {"date_range": _range("2025-12-24", "2025-12-24")})
    plan = build_plan(
        "could you draft the digest we send every monday, for last week?", today=SUNDAY
    ).contract_view()
    assert plan["date_range"] == _range("2026-11-09", "2026-11-15")


def test_a_month_span_with_a_dash_is_whole_months_and_one_mostly_to_come_is_last_year_s() -> None:
    assert_lookup(
        "spend by platform Jan–Dec",
        {"date_range": _range("2025-01-01", "2025-12-31")},
        today=date(2026, 1, 6),
    )
    assert_lookup(
        "leads mar - may",
        {"date_range": _range("2026-03-01", "2026-05-31")},
        today=date(2026, 7, 1),
    )
    advice = build_plan(
        "We have an extra £10k for June-July. Where should it go?", today=date(2026, 5, 20)
    ).contract_view()
    assert advice["date_range"] == _range("2026-05-13", "2026-05-19")  # the recent days


@pytest.mark.parametrize(
    "question",
    [
        "our cpc on meta last week, the boss says it's 'bonkers' - is it?",
        "Hi it's Mairéad, quick one: any idea why Google leads fell last week?",
        "Orla again - why did Meta leads fall last week?",
        "Why did Meta leads fall last week? Pozdrawiam, Krzysztof",
    ],
)
def test_words_quoted_as_said_and_the_writer_s_own_name_are_no_filters(question: str) -> None:
    assert build_plan(question, today=SUNDAY).contract_view()["filters"] == []


def test_an_airline_s_route_is_a_campaign_and_its_routes_from_a_place_are_many() -> None:
    one = build_plan("why are bookings down on the Dublin-Faro route?", today=SUNDAY)
    assert one.contract_view()["filters"] == [{"field": "campaign", "value": "Dublin-Faro"}]
    many = build_plan("should we push harder on the Galway routes?", today=SUNDAY)
    assert many.contract_view()["filters"] == []


def test_showrooms_set_side_by_side_are_two_accounts() -> None:
    found = assert_lookup("Leighton vs Braxby showrooms: leads, October", {})
    assert found["filters"] == [
        {"field": "account", "value": "Braxby"},
        {"field": "account", "value": "Leighton"},
    ]


def test_routes_split_and_rank_as_campaigns_and_each_of_the_n_practices_as_accounts() -> None:
    assert_lookup("seat sales per route for March", {"group_by": ["campaign"]})
    assert_lookup("rank the routes by bookings for Q3, top five", {"group_by": ["campaign"]})
    assert_lookup(
        "the number of appointments for each of the four practices in October",
        {"group_by": ["account"], "intent": "breakdown"},
    )


def test_the_same_or_the_equivalent_figure_for_another_period_compares_it() -> None:
    found = assert_lookup(
        "Google clicks in October 2025, and the equivalent figure for September 2025",
        {"compare_to": _range("2025-09-01", "2025-09-30")},
    )
    assert found["date_range"] == _range("2025-10-01", "2025-10-31")
    # the first period's figures already written out: the same for the new one is asked, and
    # nothing is compared
    assert_lookup(
        "last month we had spend 4,120 and clicks 2,210 and leads 75. same numbers for this month?",
        {"compare_to": None},
    )


def test_a_month_that_dates_a_meeting_is_no_period_asked() -> None:
    assert_lookup(
        "Ahead of the trustees' March sitting, could you supply total spend for 2025?",
        {"date_range": _range("2025-01-01", "2025-12-31")},
        today=date(2026, 7, 20),
    )
    # after "in", the month is asked about, whatever follows it
    odd = build_plan("Anything odd in April? Board meets Friday.", today=date(2026, 5, 20))
    assert odd.contract_view()["date_range"] == _range("2026-04-01", "2026-04-30")


def test_a_split_by_course_or_show_is_by_campaign_and_by_state_by_account() -> None:
    assert_lookup("sign-ups per course in October, Meta only", {"group_by": ["campaign"]})
    assert_lookup("ticket sales by show last week", {"group_by": ["campaign"]})
    assert_lookup(
        "clicks and spend by province x platform, last month", {"group_by": ["account", "platform"]}
    )


def test_a_memo_s_first_line_is_dropped_only_when_it_is_a_heading() -> None:
    plan = build_plan("Memo: need Q3 Meta spend by platform\nthanks", today=date(2026, 10, 5))
    found = plan.contract_view()  # the line is the request itself, read whole
    assert (found["platforms"], found["metrics"]) == (["meta_ads"], ["spend"])
    assert found["date_range"] == _range("2026-07-01", "2026-09-30")
