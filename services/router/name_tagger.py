"""Which of the names a question may hold are a campaign's or an account's, judged by a model.

The rules (`filters.rule_filters`) find names by their marks and the nouns around them; they
miss a capitalised name that stands alone ("why did Lensmore's enquiries drop", "anything
weird with Falkirk this week?") and take some words that are no name ("the petition
campaigns", "the wash club team"). The name model weighs each name the rules found and every
run of capitalised words they left, by the words around it and its own shape, and keeps those
it finds more likely a name than not. It was fitted on the labelled parts the rules are tuned
on (`tools/train_route_model.py`; the weights in `name_model.json.gz`).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from libs.common.plan import NameFilter
from libs.common.vocab import FilterField
from services.router.calendar_words import MONTHS, WEEKDAYS
from services.router.english import is_english
from services.router.given_names import is_person
from services.router.places import is_town
from services.router.platform_phrases import PLATFORM_PHRASES, UNSUPPORTED_PHRASES
from services.router.vocabulary import correct, is_known

NAME_WEIGHTS = Path(__file__).with_name("name_model.json.gz")
NONE = "none"
"""The model's class for a candidate that is no name."""
KEEP_A_RULES_NAME = 0.7
"""A name the rules found is dropped only when the model is at least this sure it is none; a
run of capitals they left is kept when the model finds it likelier a name than not. Read parts
cross-validated by part (`bench/name_model_cv.py`, a fifth of the parts out per fold), exact
filters at C 1: 97.05 % at 0.5, 97.07 % at 0.7, 96.80 % at 0.95, the rules alone 96.37 %. On
the held-out parts 0.7 lost fewer of the rules' names than 0.5 (11 filters made wrong, not 29,
for 132 set right, not 153)."""

_CAPITAL = re.compile(r"(?<![\w&'’.-])[A-Z0-9](?:[\w&'’.-]*[\w&])?")
"""A word written with a capital or a digit first ("Hopwerk's", "3G"): a name may hold it."""
_CONTEXT = re.compile(r"[\w']+|[^\w\s]")
_TOLD = re.compile(
    r"(?i:\b(?:ask|asked|tell|told|ping|pinged|cc|cc'd|email|emailed|remind|thank|text|call"
    r"|loop in|forward(?: it| this)? to|send(?: it| this)? to))\s+$"
)
"""Whom the writer asks, tells or copies in ("can you ask Tunde Bakare for …"): a person; whom
a note is written to may be the client ("a note to Lensmore")."""
_FIGURE = re.compile(r"\d+[a-z]{0,3}")
_CONTRACTION = re.compile(r"'(?:ve|re|ll|d|t|m)$")
_JOINERS = frozenset({"of", "&", "the", "de", "la", "du"})
"""Small words inside a name between two capitalised ones ("Faculty of Business")."""
_PLATFORM_WORDS = frozenset(
    word for phrase in (*PLATFORM_PHRASES, *UNSUPPORTED_PHRASES) for word in phrase.split()
) | {"ads", "ad", "instagram", "ig", "fb"}
_NEVER_NAMES = frozenset(
    {"i", "i'm", "i've", "i'd", "i'll", "ok", "hi", "dear", "q1", "q2", "q3", "q4", "christmas"}
    | {"easter"}
)


@dataclass(frozen=True)
class Candidate:
    """A stretch of the question that may be a name; `rule` is the field the rules gave it
    (None: a run of capitals the rules left); `start` is -1 when the rules' name is not
    written as such in the text (it was read across a line break)."""

    value: str
    start: int
    end: int
    rule: FilterField | None


def _capitalised(token: str) -> bool:
    return token[0].isupper() or (token[0].isdigit() and any(c.isalpha() for c in token))


def _breaks_a_name(token: str) -> bool:
    """A month, a day, a platform or a word of our own vocabulary ("Google", "May", "CPA")
    ends a run of capitals: the name is the words before or after it."""
    low = token.lower().rstrip(".").replace("’", "'")
    low = low.removesuffix("'s")
    if _FIGURE.fullmatch(low) or _CONTRACTION.search(low):
        return True  # "15th", "20k", "2pm"; "We've", "Don't"
    if low in MONTHS or low in WEEKDAYS or low in _PLATFORM_WORDS or low in _NEVER_NAMES:
        return True
    if correct(low) in _PLATFORM_WORDS:
        return True  # "Linkdin", "Tiktk": a platform misspelt
    return is_known(low) and not is_person(low)


def _runs(raw: str) -> list[tuple[str, int, int]]:
    """Each run of capitalised words, with where it starts and ends ("Hopwerk's" is Hopwerk)."""
    named = [
        (m.group(), m.start(), m.end())
        for m in _CAPITAL.finditer(raw)
        if not m.group()[0].isdigit() or any(c.isalpha() for c in m.group())
    ]
    named = [(t, start, end) for t, start, end in named if not _breaks_a_name(t)]
    runs = []
    i = 0
    while i < len(named):
        j = i
        while j + 1 < len(named):
            gap = raw[named[j][2] : named[j + 1][1]]
            if gap.strip() not in ("", "-") and gap.strip().lower() not in _JOINERS:
                break
            if gap.strip() and gap != f" {gap.strip()} ":
                break  # a joiner stands between two spaces ("Faculty of Business")
            j += 1
        start, end = named[i][1], named[j][2]
        if raw[end - 2 : end] in ("'s", "’s"):
            end -= 2
        runs.append((raw[start:end], start, end))
        i = j + 1
    return runs


def candidates(
    raw: str, found: Sequence[NameFilter], lowered: str | None = None
) -> list[Candidate]:
    """The rules' names, then each run of capitals that overlaps none of them (`lowered`: `raw`
    in lower case, when the caller has it)."""
    lowered = raw.lower() if lowered is None else lowered
    out: list[Candidate] = []
    for name in found:
        at = lowered.find(name.value.lower())
        end = at + len(name.value) if at >= 0 else -1
        out.append(Candidate(name.value, at, end, name.field))
    taken = [(c.start, c.end) for c in out if c.start >= 0]
    seen = {c.value.lower() for c in out}
    for value, start, end in _runs(raw):
        if value.lower() in seen or _TOLD.search(raw, max(0, start - 20), start):
            continue
        # a run holding a rule's name whole may be the longer name ("Bay" of "Bay of Plenty")
        if any(start < b and a < end and not (start <= a and b <= end) for a, b in taken):
            continue
        seen.add(value.lower())
        out.append(Candidate(value, start, end, None))
    return out


def features(raw: str, candidate: Candidate, lowered: str | None = None) -> list[str]:
    """What the model weighs of `candidate`: who found it, its words and shape, the words
    around it and where in the message it stands (`lowered`: `raw` in lower case, when the
    caller has it)."""
    lowered = raw.lower() if lowered is None else lowered
    value, start, end = candidate.value, max(candidate.start, 0), max(candidate.end, 0)
    rule = candidate.rule.value if candidate.rule else NONE
    low = [w.lower().strip(".'’") for w in value.split()] or [""]
    english = all(is_english(w) for w in low)
    before = _CONTEXT.findall(raw[max(0, start - 40) : start])
    after = _CONTEXT.findall(raw[end : end + 40])
    p1 = before[-1].lower() if before else "<s>"
    p2 = before[-2].lower() if len(before) > 1 else "<s>"
    n1 = after[0].lower() if after else "</s>"
    n2 = after[1].lower() if len(after) > 1 else "</s>"
    head = raw[max(0, start - 80) : start]
    stripped = head.rstrip()
    gap = head[len(stripped) :]
    first = start <= 80 and not stripped
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end < 0 else line_end
    shown = {
        f"rule={rule}": True,
        f"n={min(len(low), 4)}": True,
        "all_english": english,
        "any_english": any(is_english(w) for w in low),
        "last_english": is_english(low[-1]),
        "first_person": is_person(low[0]),
        "all_person": all(is_person(w) for w in low),
        "allcaps": value.isupper() and len(value) > 1,
        "lowercase": value == value.lower(),
        "digit": any(c.isdigit() for c in value),
        "short": len(value) <= 3,
        "mixed_case": any(c.isupper() for c in value[1:]) and not value.isupper(),
        "accented": not value.isascii(),
        "any_person": any(is_person(w) for w in low),
        "any_town": any(is_town(w) for w in low),
        "all_town": all(is_town(w) for w in low),
        f"p1={p1}": True,
        f"p2p1={p2}_{p1}": True,
        f"n1={n1}": True,
        f"n1n2={n1}_{n2}": True,
        "possessive": raw[end : end + 2] in ("'s", "’s"),
        "line_initial": first or "\n" in gap,
        "message_initial": first,
        # at a sentence's start: the message's, a line's, or after a stop and a space
        "sentence_initial": first or "\n" in gap or (bool(gap) and stripped[-1] in ".!?:"),
        "message_final": not raw[end : end + 12].strip(" .!\n") and not raw[end:].strip(" .!\n"),
        "line_final": not raw[end:line_end].strip(" .!,"),
        f"count={min(lowered.count(value.lower()), 3)}": True,
        f"length={min(len(raw) // 100, 5)}": True,
        f"rule_english={rule}_{english}": True,
        "unplaced": candidate.start < 0,
    }
    return [name for name, on in shown.items() if on] + [f"w={w}" for w in low]


class NameModel:
    """A multinomial logistic regression over binary features: per class an intercept, per
    feature a weight for each class."""

    def __init__(
        self,
        classes: tuple[str, ...],
        intercepts: tuple[float, ...],
        weights: dict[str, tuple[float, ...]],
    ) -> None:
        self.classes = classes
        self.intercepts = intercepts
        self.weights = weights

    def probabilities(self, names: Sequence[str]) -> dict[str, float]:
        scores = list(self.intercepts)
        for name in set(names):  # a feature is present or not ("w=the" of "The Old The")
            for k, weight in enumerate(self.weights.get(name, ())):
                scores[k] += weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


def from_document(document: dict[str, object]) -> NameModel:
    """A model from the document `tools/train_route_model.py` writes."""
    classes, intercepts, weights = (document[k] for k in ("classes", "intercepts", "weights"))
    assert isinstance(classes, list)
    assert isinstance(intercepts, list)
    assert isinstance(weights, dict)
    return NameModel(tuple(classes), tuple(intercepts), {n: tuple(w) for n, w in weights.items()})


@cache
def name_model() -> NameModel:
    """The shipped model, read once per process."""
    with gzip.open(NAME_WEIGHTS, "rt", encoding="utf-8") as stream:
        return from_document(json.load(stream))


def judged(raw: str, found: Sequence[NameFilter]) -> list[NameFilter]:
    """The names of `raw` the model keeps, among the rules' `found` and the runs of capitals,
    in order of mention, each with the field the model finds likelier."""
    model = name_model()
    lowered = raw.lower()
    kept: list[tuple[float, Candidate, FilterField]] = []
    for candidate in candidates(raw, found, lowered):
        odds = model.probabilities(features(raw, candidate, lowered))
        if odds[NONE] >= (KEEP_A_RULES_NAME if candidate.rule else 0.5):
            continue
        field = max((c for c in model.classes if c != NONE), key=odds.__getitem__)
        kept.append((odds[NONE], candidate, FilterField(field)))
    # of two names kept over the same words ("Bay", "Bay of Plenty"), the surer one
    chosen: list[tuple[int, NameFilter]] = []
    for order, (doubt, candidate, field) in enumerate(kept):
        if any(
            other_doubt < doubt and _overlap(candidate, other) for other_doubt, other, _ in kept
        ):
            continue
        where = candidate.start if candidate.start >= 0 else order
        chosen.append((where, NameFilter(field=field, value=candidate.value)))
    return [name for _, name in sorted(chosen, key=lambda pair: pair[0])]


def _overlap(one: Candidate, other: Candidate) -> bool:
    return one.start >= 0 and other.start >= 0 and one.start < other.end and other.start < one.end
