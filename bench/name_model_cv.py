"""The name model, cross-validated on the read parts: exact filters per C and per threshold.

Run: .venv/bin/python bench/name_model_cv.py [C ...] [--keep K ...]   (needs the `train` extra)

Five folds over the read parts (`tools.route_training.training_files`, never a held-out part),
a fold being every fifth part in name order: in each, the name model is fitted without the
fold's parts (`tools.train_route_model.fit_name_document`) and the fold's questions are read by
the router's own `filters.find_filters` with it. Prints, per C and per `KEEP_A_RULES_NAME`, the
share of questions whose filters (field and value, case-blind) are exactly the labelled ones,
beside the rules' own names (`filters.rule_filters`), and what the shipped model's judging
costs a question (wall time, the rules' names given).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.router import filters, name_tagger
from tools.route_training import DATA, training_files
from tools.train_route_model import NAMES_C, fit_name_document

FOLDS = 5


def _names(found: list[Any]) -> set[tuple[str, str]]:
    return {(f.field.value, f.value.lower()) for f in found}


def main() -> None:
    """Print exact-filter accuracy over five folds of the read parts, per C and threshold."""
    args = sys.argv[1:]
    at = args.index("--keep") if "--keep" in args else len(args)
    values = [float(a) for a in args[:at]] or [NAMES_C / 3, NAMES_C, NAMES_C * 3]
    keeps = [float(a) for a in args[at + 1 :]] or [name_tagger.KEEP_A_RULES_NAME]
    files = sorted(training_files())
    parts = {
        name: [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
        for name in files
    }
    examples = {
        name: [
            (tuple(name_tagger.features(item["query"], c)), _label(item, c.value))
            for item in items
            for c in name_tagger.candidates(item["query"], filters.rule_filters(item["query"]))
        ]
        for name, items in parts.items()
    }
    questions = [item for items in parts.values() for item in items]
    wanted = [{(f["field"], f["value"].lower()) for f in item["filters"]} for item in questions]
    pairs = zip(questions, wanted, strict=True)
    rules = sum(_names(filters.rule_filters(i["query"])) == w for i, w in pairs)
    print(f"{len(questions)} questions of {len(files)} read parts, {FOLDS} folds by part")
    print(f"  the rules alone: exact filters {rules / len(questions):.2%}")
    # what the shipped model costs a question: the judging alone, the rules' names given
    found = [filters.rule_filters(item["query"]) for item in questions]
    name_tagger.judged(questions[0]["query"], found[0])  # the weights are read once
    spent = []
    for item, names in zip(questions, found, strict=True):
        started = time.perf_counter()
        name_tagger.judged(item["query"], names)
        spent.append((time.perf_counter() - started) * 1e6)
    spent.sort()
    print(
        f"  the shipped model's judging: mean {sum(spent) / len(spent):.0f} µs,"
        f" p50 {spent[len(spent) // 2]:.0f} µs, p99 {spent[int(len(spent) * 0.99)]:.0f} µs"
    )
    shipped = name_tagger.name_model
    try:
        for c in values:
            for keep in keeps:
                name_tagger.KEEP_A_RULES_NAME = keep
                right = 0
                for fold in range(FOLDS):
                    out = files[fold::FOLDS]
                    train = [e for name in files if name not in out for e in examples[name]]
                    model = name_tagger.from_document(fit_name_document(train, c))
                    name_tagger.name_model = lambda model=model: model  # type: ignore[misc]
                    for name in out:
                        for item in parts[name]:
                            want = {(f["field"], f["value"].lower()) for f in item["filters"]}
                            right += _names(filters.find_filters(item["query"])) == want
                print(f"  C {c:g}, keep {keep:g}: exact filters {right / len(questions):.2%}")
    finally:
        name_tagger.name_model = shipped  # type: ignore[misc]


def _label(item: dict[str, Any], value: str) -> str:
    labelled = {f["value"].lower(): f["field"] for f in item["filters"]}
    return str(labelled.get(value.lower(), name_tagger.NONE))


if __name__ == "__main__":
    main()
