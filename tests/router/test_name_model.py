"""The name model: fitted on today's labelled parts, scoring a candidate as the fitted logistic
regression does, and judging the names the rules find and the capitalised ones they leave."""

from __future__ import annotations

import gzip
import json

import pytest
from router_support import SUNDAY

from services.router import build_plan
from services.router.filters import rule_filters
from services.router.name_tagger import NAME_WEIGHTS, NONE, name_model
from tools.route_training import name_examples, training_fingerprint


def test_the_shipped_name_weights_were_fitted_on_todays_candidates() -> None:
    # A label, a question, a rule of `filters.py` or a feature changed since the weights were
    # fitted: run `make route-model` and commit the new weights.
    with gzip.open(NAME_WEIGHTS, "rt", encoding="utf-8") as stream:
        document = json.load(stream)
    assert document["fingerprint"] == training_fingerprint(name_examples())
    assert document["classes"] == ["account", "campaign", NONE]


def test_a_feature_counts_once_however_often_it_is_named() -> None:
    model = name_model()
    once = model.probabilities(["rule=none", "w=oak"])
    twice = model.probabilities(["rule=none", "w=oak", "w=oak"])
    assert once == twice
    assert sum(once.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # a place standing alone, after "with" and before the period: the rules see no mark
        ("anything odd with Falkirk this week?", ["Falkirk"]),
        ("Google spend for Penrith vs Keswick last month", ["Keswick", "Penrith"]),
        ("why are bookings down at Kestrel Lodge this month?", ["Kestrel Lodge"]),
    ],
)
def test_a_capitalised_place_is_an_account(question: str, names: list[str]) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert sorted(f.value for f in plan.filters) == names
    assert {f.field.value for f in plan.filters} == {"account"}


def test_the_model_finds_a_name_the_rules_miss() -> None:
    question = "anything odd with Falkirk this week?"
    assert rule_filters(question) == []
    assert [f.value for f in build_plan(question, today=SUNDAY).filters] == ["Falkirk"]


@pytest.mark.parametrize(
    "question",
    [
        "Meta spend last week\n\nCheers,\nGeoff",  # who signs the message
        "spend for Linkdin last month",  # a platform misspelt
        "can you draft a note to the wash club team about March",  # a team, not a client
        "What did we spend on Google in May? Thanks, Priya",
    ],
)
def test_a_capitalised_word_that_names_no_client_is_no_filter(question: str) -> None:
    assert build_plan(question, today=SUNDAY).filters == []
