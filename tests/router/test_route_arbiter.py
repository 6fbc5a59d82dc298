"""The route arbiter: its shipped weights read as one weight per column, and the rules around it
that keep a short request's words and a lookup's frame from being overruled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import services.router
from libs.common.vocab import Intent, Route, Tier
from services.router.intents import Decision
from services.router.reroute import OPEN_RULE
from services.router.route_arbiter import (
    LOOKUP_FROM,
    WEIGHTS,
    ArbiterInputs,
    arbiter_features,
    route_arbiter,
    routed,
)
from tools.route_training import training_fingerprint, training_questions

OPEN = Decision(Intent.DIAGNOSIS, Route.ANALYSIS, Tier.MEDIUM, OPEN_RULE)
CUE = Decision(Intent.COMPARISON, Route.ANALYSIS, Tier.MEDIUM, "intent:advice_words")
LOOKUP = Decision(Intent.LOOKUP, Route.DIRECT, None, "intent:lookup")


def _inputs(rules: Decision, words: int, **kwargs: object) -> ArbiterInputs:
    given: dict[str, object] = {
        "probability": 0.5,
        "rules": rules,
        "words": words,
        "left": 1,
        "framed": False,
        "could": rules.route is Route.ANALYSIS,
        "beyond": False,
        **kwargs,
    }
    return ArbiterInputs(**given)  # type: ignore[arg-type]


def test_the_shipped_weights_were_fitted_beside_todays_route_model() -> None:
    # A label, a question or the tokenizer changed since the arbiter was fitted: run
    # `make route-model`, then `make route-arbiter`, and commit the new weights.
    document = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert document["fingerprint"] == training_fingerprint(training_questions())


def test_every_rule_family_the_arbiter_weighs_is_still_a_rule_of_the_router() -> None:
    # A renamed rule would leave its column at zero: fit the arbiter again (make route-arbiter).
    router = Path(services.router.__file__).parent
    source = "".join(path.read_text(encoding="utf-8") for path in router.rglob("*.py"))
    named = [f for f in route_arbiter().families if f'"{f}"' in source or f'"{f};' in source]
    assert named == list(route_arbiter().families)


def test_the_shipped_weights_are_one_per_column() -> None:
    document = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    arbiter = route_arbiter()
    columns = arbiter_features(_inputs(OPEN, 14), arbiter.families)
    assert len(arbiter.weights) == len(columns) == len(document["weights"])
    assert document["lookup_from"] == LOOKUP_FROM
    assert OPEN_RULE in arbiter.families


def test_a_surer_model_makes_the_arbiter_surer_of_a_lookup() -> None:
    arbiter = route_arbiter()
    doubtful = arbiter.lookup_probability(_inputs(OPEN, 20, probability=0.2))
    sure = arbiter.lookup_probability(_inputs(OPEN, 20, probability=0.99))
    assert doubtful < LOOKUP_FROM <= sure


def test_a_long_open_question_it_is_sure_of_is_a_lookup() -> None:
    assert routed(_inputs(OPEN, 14), LOOKUP_FROM) is Route.DIRECT
    assert routed(_inputs(OPEN, 14), LOOKUP_FROM - 0.01) is Route.ANALYSIS


@pytest.mark.parametrize(
    "inputs",
    [
        _inputs(CUE, 9),  # a cue's verdict in a short message ("Which one?")
        _inputs(OPEN, 9, beyond=True),  # "junk leads", "CPA by age groups"
        _inputs(OPEN, 20, could=False),  # a period not yet begun has no rows
    ],
)
def test_what_a_short_request_asks_or_no_lookup_can_answer_stays_open(
    inputs: ArbiterInputs,
) -> None:
    assert routed(inputs, 1.0) is Route.ANALYSIS


@pytest.mark.parametrize(
    "inputs", [_inputs(LOOKUP, 9, left=0), _inputs(LOOKUP, 20, left=0, framed=True)]
)
def test_a_short_lookup_or_one_whose_frame_the_rules_read_stays_a_lookup(
    inputs: ArbiterInputs,
) -> None:
    assert routed(inputs, 0.0) is Route.DIRECT


def test_a_long_lookup_it_doubts_is_opened() -> None:
    assert routed(_inputs(LOOKUP, 20, left=0), LOOKUP_FROM - 0.01) is Route.ANALYSIS
