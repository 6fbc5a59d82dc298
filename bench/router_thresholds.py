"""How sure the router's models must be before they overrule the rules, cross-validated.

Run: .venv/bin/python bench/router_thresholds.py   (needs the `train` extra: make route-model)

Ten folds over the read parts (`tools.route_training.training_files`, never a held-out part),
split by part so that no author is on both sides: in each fold the route and intent models are
fitted without the fold's parts, exactly as `tools/train_route_model.py` fits them, and the
fold's questions are planned with them. For each threshold it prints how many verdicts the
models would set right and how many they would make wrong against the labels:
- the route model on 6-11-word messages the rules sent to analysis for words left (SHORT_LOOKUP);
- the route model on longer messages the rules sent to analysis for words left
  (LOOKUP_WITH_WORDS_LEFT) and against a cue's analysis verdict (LOOKUP_OVER_A_CUE);
- the intent model on 6-11-word analysis questions (SHORT_INTENT) and longer ones
  (INTENT_OVER_RULES).
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.router import build_plan, opinions
from services.router.intents import Decision
from services.router.plan import question_tokens
from services.router.reroute import OPEN_RULE
from services.router.route_model import from_document, intent_from_document
from tools.route_training import DATA, training_files
from tools.train_route_model import C, _features

FOLDS = 10


def _fit(questions: list[tuple[tuple[str, ...], Any]], c: float) -> tuple[list[str], Any, Any]:
    names, idf, matrix = _features([tokens for tokens, _ in questions])
    fitted = LogisticRegression(C=c, max_iter=5000).fit(matrix, [label for _, label in questions])
    return names, idf, fitted


def fold_models(train: list[dict[str, Any]], c: float = C) -> tuple[Any, Any]:
    """The route and intent models fitted on `train` alone, as `tools/train_route_model.py`
    fits them (with regularisation `c`)."""
    routes = [(question_tokens(q["query"]), q["route"] == "direct") for q in train]
    names, idf, fitted = _fit(routes, c)
    route = from_document(
        {
            "intercept": float(fitted.intercept_[0]),
            "features": {
                n: [float(idf[i]), float(fitted.coef_[0][i])] for i, n in enumerate(names)
            },
        }
    )
    intents = [
        (question_tokens(q["query"]), q["intent"]) for q in train if q["route"] == "analysis"
    ]
    names, idf, fitted = _fit(intents, c)
    intent = intent_from_document(
        {
            "classes": [str(c) for c in fitted.classes_],
            "intercepts": [float(b) for b in fitted.intercept_],
            "features": {
                n: [float(idf[i]), [float(c) for c in fitted.coef_[:, i]]]
                for i, n in enumerate(names)
            },
        }
    )
    return route, intent


def _rows(fold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each question of the fold with what the rules decided and what the models said."""
    seen: dict[str, Any] = {}

    def short(
        tokens: tuple[str, ...], rules: Decision, as_lookup: Callable[[], Any], *, left: Any
    ) -> Decision:
        vetoed = opinions._asks_beyond_a_lookup(tokens, left)
        seen["route"] = (rules, as_lookup() is not None and not vetoed)
        return rules

    def long(
        tokens: tuple[str, ...], rules: Decision, as_lookup: Callable[[], Any], *, framed: bool
    ) -> Decision:
        seen["route"] = (rules, rules.route.value == "analysis" and as_lookup() is not None)
        return rules

    def intent(tokens: tuple[str, ...], rules: Decision, **_: Any) -> Decision:
        seen["intent"] = rules
        return rules

    opinions._short_opinion, opinions._route_opinion = short, long  # type: ignore[assignment]
    opinions._intent_opinion = intent  # type: ignore[assignment]
    rows = []
    for item in fold:
        seen.clear()
        build_plan(item["query"], today=date.fromisoformat(item["today"]))
        tokens = question_tokens(item["query"])
        rows.append({"item": item, "tokens": tokens, **seen})
    return rows


def _count(name: str, flips: list[tuple[float, bool]], thresholds: tuple[float, ...]) -> None:
    print(f"\n{name}")
    for t in thresholds:
        taken = [right for p, right in flips if p >= t]
        print(f"  from {t:.2f}: {sum(taken)} set right, {len(taken) - sum(taken)} made wrong")


def main() -> None:
    files = training_files()
    random.Random(7).shuffle(files)
    parts = {
        name: [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
        for name in files
    }
    short_lookup: list[tuple[float, bool]] = []
    long_lookup: list[tuple[float, bool]] = []
    cue: list[tuple[float, bool]] = []
    short_intent: list[tuple[float, bool]] = []
    long_intent: list[tuple[float, bool]] = []
    for k in range(FOLDS):
        held = files[k::FOLDS]
        route, intent = fold_models([q for name in files if name not in held for q in parts[name]])
        opinions.route_model = lambda fitted=route: fitted  # type: ignore[assignment]
        opinions.intent_model = lambda fitted=intent: fitted  # type: ignore[assignment]
        for row in _rows([q for name in held for q in parts[name]]):
            item, tokens = row["item"], row["tokens"]
            if "route" in row:
                rules, could = row["route"]
                p = route.direct_probability(tokens)
                if rules.route.value == "analysis" and could:
                    flip = (p, item["route"] == "direct")
                    if len(tokens) < opinions.FRAMED_WORDS and rules.rule == OPEN_RULE:
                        short_lookup.append(flip)
                    elif len(tokens) >= opinions.FRAMED_WORDS and rules.rule == OPEN_RULE:
                        long_lookup.append(flip)
                    elif len(tokens) >= opinions.FRAMED_WORDS:
                        cue.append(flip)
            if "intent" in row and item["route"] == "analysis":
                rules = row["intent"]
                best, p = intent.best(tokens)
                if best != rules.intent.value and item["intent"] in (best, rules.intent.value):
                    wanted = short_intent if len(tokens) < opinions.FRAMED_WORDS else long_intent
                    wanted.append((p, item["intent"] == best))
        print(f"fold {k + 1} of {FOLDS}", flush=True)
    _count(
        "route model, 6-11 words, over the rules' words-left verdict",
        short_lookup,
        (0.85, 0.9, 0.95, 0.98),
    )
    _count(
        "route model, 12+ words, over the rules' words-left verdict",
        long_lookup,
        (0.5, 0.6, 0.7, 0.8, 0.9),
    )
    _count("route model, 12+ words, over a cue's verdict", cue, (0.8, 0.9))
    _count("intent model, 6-11-word analysis questions", short_intent, (0.5, 0.6, 0.7, 0.8))
    _count("intent model, 12+-word analysis questions", long_intent, (0.3, 0.4, 0.5, 0.6))


if __name__ == "__main__":
    main()
