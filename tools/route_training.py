"""The questions the route model is fitted on, and their fingerprint (no scikit-learn here: the
tests import this to check the shipped weights were fitted on today's labelled parts)."""

from __future__ import annotations

import hashlib
import json
import runpy
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from services.router.filters import rule_filters
from services.router.name_tagger import NONE, candidates, features
from services.router.plan import question_tokens

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "router"
_PARTS = runpy.run_path(str(ROOT / "bench" / "router_parts.py"))
"""The labelled parts and which of them are read (bench/router_parts.py, which the accuracy
bench reads too)."""


def training_files() -> list[str]:
    """Every labelled part the rules are tuned on; never a held-out one."""
    listed: frozenset[str] = _PARTS["LISTED"]
    parts: dict[str, tuple[str, ...]] = _PARTS["PARTS"]
    return [name for part, names in parts.items() if part in listed for name in names]


def _labelled() -> Iterator[dict[str, Any]]:
    """Every labelled question of the training parts."""
    for name in training_files():
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def training_questions() -> list[tuple[tuple[str, ...], bool]]:
    """Each training question's tokens, as the router reads them, and whether it is direct."""
    return [(question_tokens(item["query"]), item["route"] == "direct") for item in _labelled()]


def intent_questions() -> list[tuple[tuple[str, ...], str]]:
    """Each training question labelled analysis, with its intent: what the intent model reads."""
    return [
        (question_tokens(item["query"]), item["intent"])
        for item in _labelled()
        if item["route"] == "analysis"
    ]


def tier_questions() -> list[tuple[tuple[str, ...], str]]:
    """Each training question labelled analysis with a tier, and its tier: what the tier model
    reads (the first parts labelled no tier)."""
    return [
        (question_tokens(item["query"]), item["tier"])
        for item in _labelled()
        if item["route"] == "analysis" and item.get("tier")
    ]


def training_fingerprint(questions: Sequence[tuple[tuple[str, ...], object]]) -> str:
    """A digest of the tokens and labels: changes when a label, a question or the tokenizer
    does."""
    digest = hashlib.sha256()
    for tokens, direct in questions:
        digest.update(json.dumps([tokens, direct]).encode())
    return digest.hexdigest()


def name_examples() -> list[tuple[tuple[str, ...], str]]:
    """Each name candidate of each training question (the rules' names and the runs of
    capitals they left), its features, and what the labels say it is: a campaign, an account
    or no name (`NONE`)."""
    examples = []
    for item in _labelled():
        raw = item["query"]
        labelled = {f["value"].lower(): f["field"] for f in item["filters"]}
        for candidate in candidates(raw, rule_filters(raw)):
            label = labelled.get(candidate.value.lower(), NONE)
            examples.append((tuple(features(raw, candidate)), label))
    return examples
