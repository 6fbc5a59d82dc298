"""Fit the route arbiter (`services/router/route_arbiter.py`) and write its weights.

Run: make route-arbiter   (scikit-learn, from the `train` extra; about ten minutes on 2 cores)

The arbiter weighs the rules' decision against the route model's probability, so it must see
the probability the model gives a question it was not fitted on. Ten folds over the read parts
(`training_files`, never a held-out part), split by part so that no author is on both sides: in
each fold the route and intent models are fitted without the fold's parts, exactly as
`tools/train_route_model.py` fits them, and every question of the fold is planned with them,
recording what the arbiter would read (`ArbiterInputs`). A logistic regression (standardised
columns, C = 1) is fitted on those rows, its coefficients written in the raw columns' units.
It prints, over the same rows, the route errors of the rules alone and of the arbiter at a few
thresholds, each fold scored by an arbiter fitted without it (nested by part).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from libs.common.vocab import Route
from services.router import build_plan, opinions
from services.router.route_arbiter import (
    LOOKUP_FROM,
    WEIGHTS,
    ArbiterInputs,
    arbiter_features,
    family,
    routed,
)
from tools.route_folds import FOLDS, fold_models
from tools.route_training import (
    DATA,
    training_files,
    training_fingerprint,
    training_questions,
)

MIN_FAMILY = 40
"""A rule family gets a column of its own from this many read questions on."""
C = 1.0


class _Recorder:
    """Stands in for the arbiter while the folds are planned: keeps what it was asked and
    leaves the rules' route as it is."""

    def __init__(self) -> None:
        self.seen: ArbiterInputs | None = None

    def lookup_probability(self, inputs: ArbiterInputs) -> float:
        self.seen = inputs
        return 1.0 if inputs.rules.route is Route.DIRECT else 0.0


def _rows() -> list[tuple[str, ArbiterInputs, bool]]:
    """(part, what the arbiter reads, labelled a lookup) for every read question that reaches
    the second opinions, with the fold's models."""
    files = training_files()
    random.Random(7).shuffle(files)
    parts = {
        name: [
            json.loads(line)
            for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        for name in files
    }
    recorder = _Recorder()
    rows: list[tuple[str, ArbiterInputs, bool]] = []
    for k in range(FOLDS):
        held = files[k::FOLDS]
        route, intent = fold_models([q for name in files if name not in held for q in parts[name]])
        opinions.route_model = lambda fitted=route: fitted  # type: ignore[attr-defined,assignment]
        opinions.intent_model = lambda fitted=intent: fitted  # type: ignore[attr-defined,assignment]
        opinions.route_arbiter = lambda: recorder  # type: ignore[attr-defined,assignment]
        for name in held:
            for item in parts[name]:
                recorder.seen = None
                build_plan(item["query"], today=date.fromisoformat(item["today"]))
                if recorder.seen is not None:
                    rows.append((name, recorder.seen, item["route"] == "direct"))
        print(f"fold {k + 1} of {FOLDS}", flush=True)
    return rows


def _errors(name: str, said: np.ndarray, truth: np.ndarray) -> None:
    costly, cheap = int((said & ~truth).sum()), int((~said & truth).sum())
    print(f"  {name}: {costly + cheap} route errors ({costly} open questions taken for lookups,"
          f" {cheap} lookups sent to analysis)")  # fmt: skip


def _fit(columns: np.ndarray, truth: np.ndarray) -> Any:
    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000)).fit(
        columns, truth
    )


def main() -> None:
    """Record the folds, fit the arbiter and write it."""
    rows = _rows()
    counts = Counter(family(inputs.rules.rule) for _, inputs, _ in rows)
    families = sorted(name for name, n in counts.items() if n >= MIN_FAMILY)
    columns = np.array([arbiter_features(inputs, families) for _, inputs, _ in rows])
    truth = np.array([direct for _, _, direct in rows])
    groups = np.array([name for name, _, _ in rows])
    print(f"{len(rows)} read questions, {len(families)} rule families with a column")
    _errors("the rules alone", np.array([i.rules.route is Route.DIRECT for _, i, _ in rows]), truth)
    nested = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=FOLDS).split(columns, truth, groups):
        nested[test] = _fit(columns[train], truth[train]).predict_proba(columns[test])[:, 1]
    for threshold in (0.5, 0.55, 0.6, 0.65, 0.7):
        said = [
            routed(i, p, threshold) is Route.DIRECT
            for (_, i, _), p in zip(rows, nested, strict=True)
        ]
        _errors(f"the arbiter from {threshold}", np.array(said), truth)
    fitted = _fit(columns, truth)
    scaler, regression = fitted.named_steps.values()
    weights = regression.coef_[0] / scaler.scale_
    intercept = float(regression.intercept_[0] - (weights * scaler.mean_).sum())
    document = {
        "families": families,
        "weights": [float(w) for w in weights],
        "intercept": intercept,
        "lookup_from": LOOKUP_FROM,
        "fitted_on": len(rows),
        # the route model's fingerprint: the arbiter reads its probabilities, so both are
        # fitted again when the labelled questions or the tokenizer change
        "fingerprint": training_fingerprint(training_questions()),
    }
    WEIGHTS.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    check: Callable[[np.ndarray], np.ndarray] = fitted.predict_proba
    ours = 1 / (1 + np.exp(-(columns @ weights + intercept)))
    gap = float(np.abs(ours - check(columns)[:, 1]).max())
    print(f"{WEIGHTS.name}: largest difference from scikit-learn {gap:.1e}")


if __name__ == "__main__":
    main()
