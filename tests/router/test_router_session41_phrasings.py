"""Phrasings of session 41, checked in other words than the parts they were read on:
- the return said without "on spend" ("what's the return like on Meta", "the blended return",
  "what return should we expect", "given the returns", "a comment on return", "what we spent
  and the return on it") as ROAS, while a VAT return, a return rate and diminishing returns
  stay none;
- "how are the ads doing", "how are our sign-ups doing" as a check-up asked, as "how is the
  campaign doing" already was;
- "tell me what you make of them", "what u make of it" as asking for a reading of the figures,
  as "what do you make of" already was;
- spend said to come back ("getting our money back", "making us money", "paying back") as
  ROAS, unless revenue is asked beside it; whether it makes money asks for a verdict;
- a retreat centre's retreats, a course provider's workshops, a venue's experiences as the
  campaigns they advertise ("bookings by retreat", "which workshop", "split by experience"),
  while "workshop bookings" stay the outcome.
"""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan

TODAY = date(2046, 5, 13)  # a Sunday


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("what's the return like on the tiktok ads this month", ["roas"]),
        ("why has the blended return fallen since march?", ["roas"]),
        ("what return would we get from microsoft if we doubled it?", ["roas"]),
        ("should we spend more on meta given the returns?", ["roas", "spend"]),
        ("a summary of April's spend by platform with a comment on return", ["roas", "spend"]),
        ("what did we spend on google in april and what was the return on it?", ["roas", "spend"]),
    ],
)
def test_the_return_said_without_on_spend_is_roas(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


@pytest.mark.parametrize(
    "question",
    [
        "google spend for april, the accountant needs it for the vat return",
        "has our return rate gone up since the tiktok push?",
        "are we hitting diminishing returns on meta?",
    ],
)
def test_a_return_that_is_no_return_on_spend_names_no_roas(question: str) -> None:
    assert "roas" not in _plan(question, TODAY)["metrics"]


@pytest.mark.parametrize(
    "question",
    [
        "how are the ads doing this month compared with last month",
        "how are our sign-ups doing on linkedin vs the same days last year?",
        "how were the adverts doing in april against march",
    ],
)
def test_how_the_ads_are_doing_asks_for_a_check_up(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


def test_the_ads_set_against_last_month_alone_are_a_lookup() -> None:
    assert _plan("the ads' spend this month compared with last month", TODAY)["route"] == "direct"


@pytest.mark.parametrize(
    "question",
    [
        "pull the meta numbers for last week and tell me what you make of them",
        "google cpc for april, what u make of it?",
    ],
)
def test_what_you_make_of_the_figures_asks_for_a_reading(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("are we getting our money back on microsoft this quarter?", ["roas"]),
        ("is meta making us any money at the moment", ["roas"]),
        ("has the extra tiktok spend paid back yet? is it paying back?", ["roas", "spend"]),
        (
            "revenue and spend on google in april - are we making money?",
            ["conversion_value", "spend"],
        ),
    ],
)
def test_spend_said_to_come_back_is_roas(question: str, metrics: list[str]) -> None:
    assert _plan(question, TODAY)["metrics"] == metrics


def test_how_much_money_we_made_is_conversion_value() -> None:
    assert _plan("how much money did we make from meta in april", TODAY)["metrics"] == [
        "conversion_value"
    ]


@pytest.mark.parametrize(
    "question",
    ["Does TikTok still make money for the Leeds shop?", "is google making us any money?"],
)
def test_whether_a_platform_makes_money_asks_for_a_verdict(question: str) -> None:
    assert _plan(question, TODAY)["route"] == "analysis"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("bookings by retreat on meta since the 1st", "breakdown"),
        ("top 3 workshops by bookings in april", "ranking"),
        ("can you split april's google bookings by experience please", "breakdown"),
    ],
)
def test_retreats_workshops_and_experiences_split_by_campaign(question: str, intent: str) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], view["intent"], view["group_by"]) == ("direct", intent, ["campaign"])


def test_workshop_bookings_are_the_outcome_not_a_split() -> None:
    view = _plan("cost per workshop booking on meta in april", TODAY)
    assert (view["metrics"], view["group_by"]) == (["cpa"], [])
