"""Phrasings of session 40, checked in other words than the parts they were read on:
- a town typed in lower case that is also a typo of a domain word ("leeds" of leads, "speke"
  of spike, "pinecrest" of Pinterest) is the town where it stands as a place: before a premise
  or compass word, after "for", "in" or "at", or set beside another town; elsewhere it is still
  the typo it looks like ("mena cpm", "how many leeds did we get").
"""

from __future__ import annotations

from datetime import date

import pytest
from router_support import plan_view as _plan

TODAY = date(2046, 5, 13)  # a Sunday


def _accounts(question: str) -> list[str]:
    return [f["value"] for f in _plan(question, TODAY)["filters"] if f["field"] == "account"]


@pytest.mark.parametrize(
    ("question", "accounts", "metrics"),
    [
        ("cost per booking for leeds in april", ["leeds"], ["cpa"]),
        ("what did the pinecrest store spend on meta last week", ["pinecrest"], ["spend"]),
        ("speke vs bootle cpa in march", ["bootle", "speke"], ["cpa"]),
        ("spend in porto last week", ["porto"], ["spend"]),
    ],
)
def test_a_lower_case_town_standing_as_a_place_is_no_typo(
    question: str, accounts: list[str], metrics: list[str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["route"], _accounts(question), view["metrics"], view["unsupported"]) == (
        "direct",
        accounts,
        metrics,
        [],
    )


def test_a_town_named_as_a_place_once_is_the_town_when_named_again() -> None:
    question = "The Pinecrest office has reopened. Pinecrest's calls from Google last week?"
    view = _plan(question, TODAY)
    assert (_accounts(question), view["unsupported"]) == (["Pinecrest"], [])


@pytest.mark.parametrize(
    ("question", "platforms", "metrics"),
    [
        ("mena cpm last week", ["meta_ads"], ["cpm"]),
        ("goole spend yesterday", ["google_ads"], ["spend"]),
        ("how many leeds did we get yesterday", [], ["conversions"]),
        ("rosas on tiktok in april", ["tiktok_ads"], ["roas"]),
    ],
)
def test_a_town_standing_where_a_domain_word_would_is_still_its_typo(
    question: str, platforms: list[str], metrics: list[str]
) -> None:
    view = _plan(question, TODAY)
    assert (view["platforms"], view["metrics"], view["filters"]) == (platforms, metrics, [])
