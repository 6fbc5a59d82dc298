"""Phrasings of session 39, checked in other words than the parts they were read on:
- a capitalised town standing alone where the rules find no name ("put more money into
  Knutsford", "Niamh in Carrigtwohill wants to know…", "Loughborough territory cost per lead"),
  judged by the name model, which now knows a town's name from the gazetteer; an office where
  people work and the routes from a place stay no account even when they are towns.
"""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan

TODAY = date(2046, 5, 13)  # a Sunday


def _accounts(question: str) -> list[str]:
    return [f["value"] for f in _plan(question, TODAY)["filters"] if f["field"] == "account"]


@pytest.mark.parametrize(
    ("question", "accounts"),
    [
        ("should I put more money into Knutsford next month, it seems busy", ["Knutsford"]),
        ("Niamh in Carrigtwohill wants to know why cost per booking jumped", ["Carrigtwohill"]),
        ("What would happen to enquiries if we doubled Google in Oakville?", ["Oakville"]),
        ("If I gave Ormskirk another £300 a month what would I get back", ["Ormskirk"]),
        ("Loughborough territory cost per lead on Meta went mad, why?", ["Loughborough"]),
        ("Hinckley class bookings - how have they trended since New Year?", ["Hinckley"]),
    ],
)
def test_a_capitalised_town_alone_is_the_account_asked_about(
    question: str, accounts: list[str]
) -> None:
    assert _accounts(question) == accounts


@pytest.mark.parametrize(
    "question",
    [
        "Can you recommend a good restaurant near our Wigan office?",
        "The Lakeside office manager wants to know whether Google or Meta is the better bet.",
        "should we push harder on the Galway routes?",
    ],
)
def test_a_town_s_office_or_routes_are_no_account(question: str) -> None:
    assert _accounts(question) == []
