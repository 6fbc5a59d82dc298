"""How sure the intent model must be before it overrules the rules' intent, cross-validated.

Run: .venv/bin/python bench/router_thresholds.py   (needs the `train` extra: make route-model)

Ten folds over the read parts (`tools.route_training.training_files`, never a held-out part),
split by part so that no author is on both sides: in each fold the route and intent models are
fitted without the fold's parts (`tools.route_folds.fold_models`), and the fold's questions are
planned with them. For each threshold it prints how many intents the intent model would set
right and how many it would make wrong against the labels, on 6-11-word analysis questions
(SHORT_INTENT) and longer ones (INTENT_OVER_RULES). The route is the arbiter's, whose own
folds `tools/train_route_arbiter.py` prints.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.router import build_plan, opinions
from services.router.intents import Decision
from services.router.plan import question_tokens
from tools.route_folds import FOLDS, fold_models
from tools.route_training import DATA, training_files


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
    seen: dict[str, Decision] = {}

    def intent(tokens: tuple[str, ...], rules: Decision, **_: Any) -> Decision:
        seen["intent"] = rules
        return rules

    opinions._intent_opinion = intent  # type: ignore[assignment]
    short_intent: list[tuple[float, bool]] = []
    long_intent: list[tuple[float, bool]] = []
    for k in range(FOLDS):
        held = files[k::FOLDS]
        route, model = fold_models([q for name in files if name not in held for q in parts[name]])
        opinions.route_model = lambda fitted=route: fitted  # type: ignore[assignment]
        for item in (q for name in held for q in parts[name]):
            seen.clear()
            build_plan(item["query"], today=date.fromisoformat(item["today"]))
            if "intent" not in seen or item["route"] != "analysis":
                continue
            tokens = question_tokens(item["query"])
            rules = seen["intent"]
            best, p = model.best(tokens)
            if best != rules.intent.value and item["intent"] in (best, rules.intent.value):
                wanted = short_intent if len(tokens) < opinions.FRAMED_WORDS else long_intent
                wanted.append((p, item["intent"] == best))
        print(f"fold {k + 1} of {FOLDS}", flush=True)
    _count("intent model, 6-11-word analysis questions", short_intent, (0.5, 0.6, 0.7, 0.8))
    _count("intent model, 12+-word analysis questions", long_intent, (0.3, 0.4, 0.5, 0.6))


if __name__ == "__main__":
    main()
