"""Phrasings of session 26, checked in other words than the parts they were read on: a week of a
month by its number, a month's first outcomes, and a sign-off with a title."""

from __future__ import annotations

from datetime import date

from router_support import plan_view as _plan
from router_support import span as _range


def test_a_week_of_a_month_by_its_number_is_that_week_not_a_day() -> None:
    plan = _plan("TikTok installs for week 3 of August", date(2027, 9, 14))
    assert plan["route"] == "direct"
    assert plan["date_range"] == _range("2027-08-15", "2027-08-21")
    both = _plan("Google CPC wk 1 of March vs wk 2 of March", date(2027, 4, 2))
    assert both["date_range"] == _range("2027-03-01", "2027-03-07")
    assert both["compare_to"] == _range("2027-03-08", "2027-03-14")
    # a week of the year by its number is still the calendar week
    assert _plan("clicks in week 14", date(2027, 4, 20))["date_range"] == _range(
        "2027-04-05", "2027-04-11"
    )


def test_a_months_first_outcomes_are_the_month_not_its_first_day() -> None:
    plan = _plan("how many March first orders came from Meta?", date(2027, 4, 9))
    assert plan["date_range"] == _range("2027-03-01", "2027-03-31")
    assert plan["metrics"] == ["conversions"]
    # the first of a month said as a day is still that day
    day = _plan("Meta spend on March first", date(2027, 4, 9))
    assert day["date_range"] == _range("2027-03-01", "2027-03-01")


def _planned_names(question: str) -> list[tuple[str, str]]:
    plan = _plan(question, date(2027, 6, 10))
    return [(f["field"], f["value"]) for f in plan["filters"]]


def test_a_sign_off_with_a_name_and_a_title_is_the_writer_not_an_account() -> None:
    own_line = (
        "Could we have Google clicks for Harrogate in May?\n"
        "Kind regards, Aled Price, Head of Digital"
    )
    assert _planned_names(own_line) == [("account", "Harrogate")]
    same_line = "LinkedIn CPC for May please. Best regards, Ines Duarte, Directora de Marketing"
    assert _planned_names(same_line) == []
    # a signed closing inside a quoted ask, with more after it, leaves the rest to be read
    forwarded = _plan(
        "> could you send May's Meta spend? Thanks, Rob\n\nAnd the Google clicks please",
        date(2027, 6, 10),
    )
    assert "google_ads" in forwarded["platforms"]
    assert "clicks" in forwarded["metrics"]


def test_a_place_written_with_a_capital_is_a_name_not_a_typo_of_a_metric() -> None:
    plan = _plan("Meta clicks for Acton last week please", date(2027, 6, 10))
    assert plan["metrics"] == ["clicks"]
    assert [(f["field"], f["value"]) for f in plan["filters"]] == [("account", "Acton")]
    # in lower case the same letters are still a slip for a word of ours
    assert _plan("how many leeds on google last week", date(2027, 6, 10))["metrics"] == [
        "conversions"
    ]


def test_three_places_set_side_by_side_are_each_an_account() -> None:
    plan = _plan("Truro vs Bodmin vs Falmouth — bookings last month. Cheers!", date(2027, 6, 10))
    assert plan["route"] == "direct"
    assert plan["intent"] == "comparison"
    assert plan["group_by"] == ["account"]
    assert sorted(f["value"] for f in plan["filters"]) == ["Bodmin", "Falmouth", "Truro"]


def test_a_period_with_those_of_another_or_together_with_its_figure_is_compared() -> None:
    plan = _plan(
        "Could you compare the TikTok bookings of October with those of September?",
        date(2027, 11, 3),
    )
    assert plan["date_range"] == _range("2027-10-01", "2027-10-31")
    assert plan["compare_to"] == _range("2027-09-01", "2027-09-30")
    together = _plan(
        "Kindly send our Meta spend for May, together with the figure for May last year.",
        date(2027, 6, 8),
    )
    assert together["date_range"] == _range("2027-05-01", "2027-05-31")
    assert together["compare_to"] == _range("2026-05-01", "2026-05-31")


def test_a_period_and_the_one_before_set_side_by_side_are_compared_not_joined() -> None:
    plan = _plan("Google leads for last month and the month before, side by side", date(2027, 6, 8))
    assert plan["date_range"] == _range("2027-05-01", "2027-05-31")
    assert plan["compare_to"] == _range("2027-04-01", "2027-04-30")
    # joined without a word that sets them side by side, they are one span
    joined = _plan("Google leads for last month and the month before", date(2027, 6, 8))
    assert joined["date_range"] == _range("2027-04-01", "2027-05-31")
    assert joined["compare_to"] is None
