"""A second opinion on the route, learned from the labelled questions.

The rules read what a question names; whether it asks for a table or for a model is judged
more reliably by a statistical reading of all its words, learned from every labelled question
the rules were tuned on (new authors' sets, measured before anything was tuned on them: the
rules alone 84-94 %, this model 97.5-98.8 %). It is a logistic regression over the question's
words, word pairs and each word's letter 3- to 5-grams (which carry it over typos and words it
never saw), each present feature weighted by its inverse document frequency and each block
scaled to unit length. `tools/train_route_model.py` fits it with scikit-learn and writes its
weights to `route_model.json.gz`; scoring them here is two sums over the question's columns
(numpy), each word's columns looked up once per process.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).with_name("route_model.json.gz")
INTENT_WEIGHTS = Path(__file__).with_name("intent_model.json.gz")
TIER_WEIGHTS = Path(__file__).with_name("tier_model.json.gz")

_CHAR_SIZES = (3, 4, 5)


def feature_blocks(tokens: Sequence[str]) -> tuple[set[str], set[str]]:
    """The question's word features (words and adjacent pairs) and letter features (each
    word's 3- to 5-grams, padded by a space each side), as sets: presence, not counts."""
    words = {f"w:{token}" for token in tokens}
    words.update(f"w:{a} {b}" for a, b in itertools.pairwise(tokens))
    return words, set().union(*(_letter_grams(token) for token in set(tokens)))


@lru_cache(maxsize=65536)
def _letter_grams(token: str) -> frozenset[str]:
    # Words repeat from question to question: their grams are cut once.
    padded = f" {token} "
    grams: set[str] = set()
    for size in _CHAR_SIZES:
        if len(padded) < size:
            break
        grams.update(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return frozenset(grams)


FRAMED_WORDS = 12
"""From this many words a message is long: the words the rules leave in it are mostly its
frame. The intent model's intent stands from `INTENT_OVER_RULES` in a long message and from
`SHORT_INTENT` in a shorter one; the arbiter reads shortness as a column and keeps its rules
for short messages by it (`route_arbiter`), so changing it means `make route-arbiter` again."""
SHORT_WORDS = 6
"""A request under this many words is all request (the rules read every word of it): neither
the arbiter nor the intent and tier models are asked. The thresholds on the route model's
probability that the arbiter replaced (0.6 for a long message's words left, 0.9 against a cue
or in a 6-11-word message, 0.1 to open an explained lookup) are in this file's history."""
SHORT_INTENT = 0.7
"""The intent model's intent stands over the rules' in a short analysis message from this
probability on. Cross-validated over the read parts (10 folds by part, the model fitted
without its fold), 1,897 analysis questions of 6 to 11 words: 79 intents set right, 15 made
wrong (at 0.5: 90 and 30)."""


class _Columns:
    """A fitted model's feature names as columns, and each question's present columns per
    block. A word's own columns (itself, its letter grams) are looked up once and kept, since
    words repeat from question to question; a question's pairs are looked up each time."""

    def __init__(self, names: Iterable[str]) -> None:
        self.index = {name: column for column, name in enumerate(names)}
        self._own: dict[str, tuple[int | None, frozenset[int]]] = {}

    def _of_word(self, token: str) -> tuple[int | None, frozenset[int]]:
        own = self._own.get(token)
        if own is None:
            index = self.index
            grams = frozenset(
                column for gram in _letter_grams(token) if (column := index.get(gram)) is not None
            )
            own = (index.get(f"w:{token}"), grams)
            if len(self._own) >= _WORDS_KEPT:
                self._own.clear()
            self._own[token] = own
        return own

    def present(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The columns of the word block (words, adjacent pairs) and of the letter block, each
        once: presence, as `feature_blocks` gives it."""
        index = self.index
        words: set[int] = set()
        letters: set[int] = set()
        for token in set(tokens):
            word, grams = self._of_word(token)
            if word is not None:
                words.add(word)
            letters |= grams
        for a, b in itertools.pairwise(tokens):
            column = index.get(f"w:{a} {b}")
            if column is not None:
                words.add(column)
        return _array(words), _array(letters)


_WORDS_KEPT = 65536
"""Words whose columns a model keeps (the vocabulary of every labelled question is ~20,000)."""


def _array(columns: set[int]) -> np.ndarray:
    return np.fromiter(columns, dtype=np.intp, count=len(columns))


class RouteModel:
    """The fitted model: per feature its weight (idf × coefficient) and its square length
    (idf²), and the intercept."""

    def __init__(self, terms: dict[str, tuple[float, float]], intercept: float) -> None:
        self.columns = _Columns(terms)
        self.weights = np.array([weight for weight, _ in terms.values()], dtype=np.float64)
        self.lengths = np.array([length for _, length in terms.values()], dtype=np.float64)
        self.intercept = intercept

    def direct_probability(self, tokens: Sequence[str]) -> float:
        """The probability that a question of these normalized tokens is a plain lookup."""
        score = self.intercept
        for present in self.columns.present(tokens):
            if len(present):  # features no labelled question had carry no weight
                score += float(self.weights[present].sum()) / math.sqrt(
                    float(self.lengths[present].sum())
                )
        return 1.0 / (1.0 + math.exp(-score))


def from_document(document: dict[str, object]) -> RouteModel:
    """A model from the document `tools/train_route_model.py` writes."""
    features = document["features"]
    assert isinstance(features, dict)
    terms = {name: (idf * coef, idf * idf) for name, (idf, coef) in features.items()}
    intercept = document["intercept"]
    assert isinstance(intercept, float)
    return RouteModel(terms, intercept)


@cache
def route_model() -> RouteModel:
    """The shipped model, read once per process."""
    with gzip.open(WEIGHTS, "rt", encoding="utf-8") as stream:
        return from_document(json.load(stream))


INTENT_OVER_RULES = 0.5
"""An analysis question's intent is the intent model's where it is at least this sure and the
rules read another (chosen on sets 85-88 before they were fitted on: the rules' intent 77.2 %,
with the model's from 0.5 on 88.3 %, of the analysis questions routed right)."""


class IntentModel:
    """What an analysis question asks for (a diagnosis, advice, a forecast, a report …), fitted
    the same way as the route model on the labelled analysis questions: per feature its idf²
    and its weight (idf × coefficient) for each intent, and each intent's intercept."""

    def __init__(
        self,
        classes: tuple[str, ...],
        terms: dict[str, tuple[float, tuple[float, ...]]],
        intercepts: tuple[float, ...],
    ) -> None:
        self.classes = classes
        self.columns = _Columns(terms)
        self.lengths = np.array([length for length, _ in terms.values()], dtype=np.float64)
        self.weights = np.array(
            [weights for _, weights in terms.values()], dtype=np.float64
        ).reshape(len(terms), len(classes))
        self.intercepts = np.array(intercepts, dtype=np.float64)

    def probabilities(self, tokens: Sequence[str]) -> list[float]:
        """The probability of each of `classes`, in that order."""
        scores = self.intercepts.copy()
        for present in self.columns.present(tokens):
            if len(present):  # features no labelled question had carry no weight
                scores += self.weights[present].sum(axis=0) / math.sqrt(
                    float(self.lengths[present].sum())
                )
        exps = np.exp(scores - scores.max())
        return [float(e) for e in exps / exps.sum()]

    def best(self, tokens: Sequence[str]) -> tuple[str, float]:
        """The likeliest intent and its probability."""
        probabilities = self.probabilities(tokens)
        k = max(range(len(probabilities)), key=probabilities.__getitem__)
        return self.classes[k], probabilities[k]


def intent_from_document(document: dict[str, object]) -> IntentModel:
    """An intent model from the document `tools/train_route_model.py` writes."""
    features, classes, intercepts = (
        document["features"],
        document["classes"],
        document["intercepts"],
    )
    assert isinstance(features, dict)
    assert isinstance(classes, list)
    assert isinstance(intercepts, list)
    terms = {
        name: (idf * idf, tuple(idf * coef for coef in coefs))
        for name, (idf, coefs) in features.items()
    }
    return IntentModel(tuple(classes), terms, tuple(float(b) for b in intercepts))


@cache
def intent_model() -> IntentModel:
    """The shipped intent model, read once per process."""
    with gzip.open(INTENT_WEIGHTS, "rt", encoding="utf-8") as stream:
        return intent_from_document(json.load(stream))


TIER_OVER_RULES = 0.8
"""An analysis question takes the tier model's tier where it is at least this sure of a
cheaper one than the rules (or the intent model) chose; never a report's nor an off-topic
question's, whose tiers the README fixes. The rules' tiers are mostly too dear: of the
analysis questions routed right on read parts, the labelled small ones they call medium are
most of their misses. Chosen on six pairs of read parts (121/123 … 141/143), each scored by a
tier model fitted without the pair, the rules as they stood, 1,190 analysis questions: only
cheaper, at 0.7 52 tiers set right and 10 made wrong, at 0.8 43 and 3, at 0.9 37 and 2; either
way, at 0.8 51 and 7."""


@cache
def tier_model() -> IntentModel:
    """The shipped tier model (small, medium or large; fitted as the intent model is, on the
    labelled analysis questions' tiers), read once per process."""
    with gzip.open(TIER_WEIGHTS, "rt", encoding="utf-8") as stream:
        return intent_from_document(json.load(stream))
