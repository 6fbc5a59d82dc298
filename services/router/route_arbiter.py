"""The last word on the route, between the rules and the route model.

The rules say whether a question is a lookup and why (the rule that decided, the words they
could not explain); the route model says how likely a lookup its words are. Where they
disagree, which one is right depends on how the rules decided and how sure the model is, and
that is learned too: a logistic regression over a handful of facts about the decision
(`arbiter_features`), fitted by `tools/train_route_arbiter.py` on the read parts with the route
model's probability as it is on questions it never saw (each part scored by a model fitted
without it, ten folds). Scoring it is one dot product.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from libs.common.vocab import Route
from services.router.intents import Decision
from services.router.reroute import OPEN_RULE
from services.router.route_model import FRAMED_WORDS

WEIGHTS = Path(__file__).with_name("route_arbiter.json")
LOOKUP_FROM = 0.65
"""A question is a lookup from this arbiter probability on (where `may_look_up`): an open
question answered with a table is the costly mistake, so above one half. On the read parts'
folds (`make route-arbiter` prints them), from 0.65 183 route errors with 49 open questions
taken for lookups; from 0.6 189 with 64; from 0.5 182 with 85; from 0.7 185 with 39."""


@dataclass(frozen=True, slots=True)
class ArbiterInputs:
    """What the arbiter reads of one decision."""

    probability: float
    """The route model's probability that the question is a lookup."""
    rules: Decision
    """The rules' decision (its route and the rule that decided)."""
    words: int
    """The message's words, as the route model reads them."""
    left: int
    """The words no rule explained."""
    framed: bool
    """Whether the rules read a frame around the request (what the figures are for)."""
    could: bool
    """Whether the rules' open question could be answered as a lookup (a period not yet begun
    has no rows); false where the rules read a lookup."""
    beyond: bool
    """Whether a word left judges what is counted or names a split a lookup would drop."""


def family(rule: str) -> str:
    """The rule that decided, without what follows its first ";" (the models' opinions, and
    the rules' own qualifiers such as ";cross=True"): "route:open"."""
    return rule.split(";", 1)[0]


def arbiter_features(inputs: ArbiterInputs, families: Sequence[str]) -> list[float]:
    """The arbiter's columns: the model's log-odds, the rules' lookup, the message's length and
    shortness, the words left (count and share), frame, lookup possible, judgement left, one
    column per rule family, and the log-odds crossed with the rules' lookup and shortness."""
    p = min(max(inputs.probability, 1e-6), 1 - 1e-6)
    odds = math.log(p / (1 - p))
    direct = inputs.rules.route is Route.DIRECT
    short = inputs.words < FRAMED_WORDS
    words = max(inputs.words, 1)
    decided = family(inputs.rules.rule)
    columns = [
        odds,
        direct,
        math.log(words),
        short,
        inputs.left,
        inputs.left / words,
        inputs.framed,
        inputs.could,
        inputs.beyond,
    ]
    columns += [decided == name for name in families]
    columns += [odds * direct, odds * short]
    return [float(value) for value in columns]


@dataclass(frozen=True, slots=True)
class RouteArbiter:
    """The fitted arbiter: the rule families it has a column for, a weight per column and the
    intercept."""

    families: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float

    def lookup_probability(self, inputs: ArbiterInputs) -> float:
        """The probability that the question is a lookup."""
        columns = arbiter_features(inputs, self.families)
        score = self.intercept + sum(w * x for w, x in zip(self.weights, columns, strict=True))
        return 1.0 / (1.0 + math.exp(-score))


def may_look_up(inputs: ArbiterInputs) -> bool:
    """Whether the arbiter may make the rules' open question a lookup: where one can be made,
    and in a short message only for words the rules could not explain, never a cue's verdict
    ("Which one?") nor a word left that judges what is counted, names a grouping or a source
    ("junk leads", "CPA by age groups"): a short request is all request."""
    if not inputs.could:
        return False
    return inputs.words >= FRAMED_WORDS or (inputs.rules.rule == OPEN_RULE and not inputs.beyond)


def may_open(inputs: ArbiterInputs) -> bool:
    """Whether the arbiter may make the rules' lookup an open question: in a long message whose
    frame the rules did not read (what the figures are for, figures to check, which the model
    reads as asking for more)."""
    return inputs.rules.route is Route.DIRECT and inputs.words >= FRAMED_WORDS and not inputs.framed


def routed(inputs: ArbiterInputs, chance: float, lookup_from: float = LOOKUP_FROM) -> Route:
    """The route once the arbiter, `chance` sure the question is a lookup, has had its say (a
    lookup from `lookup_from`: the training tool tries others)."""
    if inputs.rules.route is Route.ANALYSIS:
        return Route.DIRECT if chance >= lookup_from and may_look_up(inputs) else Route.ANALYSIS
    return Route.ANALYSIS if chance < lookup_from and may_open(inputs) else Route.DIRECT


def arbiter_from_document(document: dict[str, object]) -> RouteArbiter:
    """An arbiter from the document `tools/train_route_arbiter.py` writes."""
    families, weights, intercept = (
        document["families"],
        document["weights"],
        document["intercept"],
    )
    assert isinstance(families, list)
    assert isinstance(weights, list)
    assert isinstance(intercept, float)
    return RouteArbiter(tuple(families), tuple(float(w) for w in weights), intercept)


@cache
def route_arbiter() -> RouteArbiter:
    """The shipped arbiter, read once per process."""
    return arbiter_from_document(json.loads(WEIGHTS.read_text(encoding="utf-8")))
