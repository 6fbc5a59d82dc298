"""The route and intent models' regularisation (C), cross-validated on the read parts.

Run: .venv/bin/python bench/router_model_c.py [C ...]   (needs the `train` extra)

Ten folds over the read parts (`tools.route_training.training_files`, never a held-out part),
split by part as `router_thresholds.py` splits them: in each fold both models are fitted
without the fold's parts with each C (`tools.route_folds.fold_models`), and the fold's
questions are planned by the whole router with them. Prints, per C, the route and intent
accuracy over all folds and how many routes went the costly way (open questions taken for
lookups). The route goes through the shipped arbiter, fitted on these same folds with the
shipped C, so the route figures favour that C; the intent figures do not depend on it.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.router import build_plan, opinions
from tools.route_folds import FOLDS, fold_models
from tools.route_training import DATA, training_files
from tools.train_route_model import C


def main() -> None:
    """Print route and intent accuracy per C over ten folds of the read parts."""
    values = [float(a) for a in sys.argv[1:]] or [C / 4, C / 2, C, C * 2]
    files = training_files()
    random.Random(7).shuffle(files)
    parts = {
        name: [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
        for name in files
    }
    tally = {c: {"n": 0, "route": 0, "intent": 0, "costly": 0} for c in values}
    for k in range(FOLDS):
        held = files[k::FOLDS]
        train = [q for name in files if name not in held for q in parts[name]]
        fold = [q for name in held for q in parts[name]]
        for c in values:
            route, intent = fold_models(train, c)
            opinions.route_model = lambda fitted=route: fitted  # type: ignore[assignment, attr-defined]
            opinions.intent_model = lambda fitted=intent: fitted  # type: ignore[assignment, attr-defined]
            for item in fold:
                view = build_plan(item["query"], today=date.fromisoformat(item["today"]))
                plan = view.contract_view()
                t = tally[c]
                t["n"] += 1
                t["route"] += plan["route"] == item["route"]
                t["intent"] += plan["intent"] == item["intent"]
                t["costly"] += item["route"] == "analysis" and plan["route"] == "direct"
        print(f"fold {k + 1} of {FOLDS}", flush=True)
    for c, t in tally.items():
        print(
            f"C {c:g}: route {100 * t['route'] / t['n']:.2f} %, intent "
            f"{100 * t['intent'] / t['n']:.2f} %, open questions taken for lookups "
            f"{t['costly']} ({t['n']} questions)"
        )


if __name__ == "__main__":
    main()
