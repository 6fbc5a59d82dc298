"""Fit the router's route model on the labelled questions and write its weights.

Run: make route-model   (installs the `train` extra, scikit-learn, and runs this)

It reads every labelled part the rules are tuned on (`bench/router_parts.py`: LISTED), never a
held-out one, so the held-out parts stay a measure of questions no rule and no weight was made
from. Each question is tokenized exactly as the router tokenizes it (`question_tokens`); a
logistic regression (scikit-learn, L2, C below) is fitted on `feature_blocks` weighted by
inverse document frequency, each block scaled to unit length; features seen in fewer than two
questions are dropped. The document records a fingerprint of the questions, labels and
tokenization it was fitted on: `tests/router/test_route_model.py` fails when they change and
the model was not fitted again. Before writing, the tool checks that `RouteModel` scores every
training question as scikit-learn does.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from services.router.name_tagger import NAME_WEIGHTS, NONE
from services.router.name_tagger import from_document as names_from_document
from services.router.route_model import (
    INTENT_WEIGHTS,
    TIER_WEIGHTS,
    WEIGHTS,
    feature_blocks,
    from_document,
    intent_from_document,
)
from tools.route_training import (
    intent_questions,
    name_examples,
    tier_questions,
    training_fingerprint,
    training_questions,
)

C = 16.0
"""Inverse L2 strength, chosen by cross-validation over the parts (one part held out per fold):
98.5 % at 4, 98.7 % at 16."""
MIN_QUESTIONS = 2
TOL = 1e-6
"""The solver's stopping tolerance. scikit-learn's default (1e-4) stopped the tier fit after 42
steps short of its optimum, so a refit after a few questions' tokens changed moved a dozen of
the training questions' own tiers; at 1e-6 it runs 128 steps and lands where a tighter one
does (1e-8: 218 steps, the same training fit)."""


def _features(
    token_lists: list[tuple[str, ...]],
) -> tuple[list[str], np.ndarray, csr_matrix]:
    """The feature names kept (seen in two questions or more), their idf, and the matrix of the
    questions: idf-weighted presence, each block scaled to unit length."""
    blocks = [feature_blocks(tokens) for tokens in token_lists]
    seen = Counter(feature for pair in blocks for block in pair for feature in block)
    names = sorted(f for f, n in seen.items() if n >= MIN_QUESTIONS)
    index = {name: i for i, name in enumerate(names)}
    total = len(token_lists)
    idf = np.array([math.log((1 + total) / (1 + seen[name])) + 1 for name in names])
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, pair in enumerate(blocks):
        for block in pair:
            present = sorted(index[f] for f in block if f in index)
            if present:
                weights = idf[present] / math.sqrt(float((idf[present] ** 2).sum()))
                rows += [row] * len(present)
                cols += present
                values += weights.tolist()
    return names, idf, csr_matrix((values, (rows, cols)), shape=(total, len(names)))


def _write(path: Path, document: dict[str, object]) -> None:
    text = json.dumps(document, separators=(",", ":"), sort_keys=True).encode()
    # mtime=0: the same fit writes the same bytes, so a refit with nothing changed is no diff
    path.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))


def fit_route() -> None:
    questions = training_questions()
    names, idf, matrix = _features([tokens for tokens, _ in questions])
    total = len(questions)
    labels = np.array([direct for _, direct in questions])
    fitted = LogisticRegression(C=C, max_iter=5000, tol=TOL).fit(matrix, labels)
    document = {
        "about": "services/router/route_model.py; fitted by tools/train_route_model.py",
        "scikit_learn": sklearn.__version__,
        "C": C,
        "questions": total,
        "direct": int(labels.sum()),
        "fingerprint": training_fingerprint(questions),
        "intercept": float(fitted.intercept_[0]),
        "features": {
            name: [round(float(idf[i]), 6), round(float(fitted.coef_[0][i]), 6)]
            for i, name in enumerate(names)
        },
    }
    model = from_document(document)
    theirs = fitted.predict_proba(matrix)[:, 1]
    ours = np.array([model.direct_probability(tokens) for tokens, _ in questions])
    worst = float(np.abs(theirs - ours).max())
    if worst > 1e-4:  # the rounding of the weights moves a probability by far less
        sys.exit(f"RouteModel disagrees with scikit-learn by {worst:.2e} on a training question")
    _write(WEIGHTS, document)
    right = float(((ours >= 0.5) == labels).mean())
    print(
        f"{WEIGHTS.name}: {len(names)} features from {total} questions "
        f"({int(labels.sum())} direct); on them {right:.2%} right; "
        f"largest difference from scikit-learn {worst:.1e}; {WEIGHTS.stat().st_size:,} bytes"
    )


def fit_intent() -> None:
    _fit_classes(intent_questions(), INTENT_WEIGHTS, "IntentModel", "intents")


def fit_tier() -> None:
    _fit_classes(tier_questions(), TIER_WEIGHTS, "IntentModel (tiers)", "tiers")


def _fit_classes(
    questions: list[tuple[tuple[str, ...], str]], path: Path, about: str, kind: str
) -> None:
    """Fit a one-weight-per-class model (intents, tiers) on the labelled analysis `questions`
    and write it to `path`, after checking the router scores them as scikit-learn does."""
    names, idf, matrix = _features([tokens for tokens, _ in questions])
    labels = np.array([label for _, label in questions])
    fitted = LogisticRegression(C=C, max_iter=5000, tol=TOL).fit(matrix, labels)
    classes = [str(c) for c in fitted.classes_]
    document = {
        "about": f"services/router/route_model.py ({about}); tools/train_route_model.py",
        "scikit_learn": sklearn.__version__,
        "C": C,
        "questions": len(questions),
        "fingerprint": training_fingerprint(questions),
        "classes": classes,
        "intercepts": [round(float(b), 6) for b in fitted.intercept_],
        "features": {
            name: [round(float(idf[i]), 6), [round(float(c), 5) for c in fitted.coef_[:, i]]]
            for i, name in enumerate(names)
        },
    }
    model = intent_from_document(document)
    theirs = fitted.predict_proba(matrix)
    ours = np.array([model.probabilities(tokens) for tokens, _ in questions])
    worst = float(np.abs(theirs - ours).max())
    if worst > 1e-3:
        sys.exit(f"{about} disagrees with scikit-learn by {worst:.2e} on a training question")
    _write(path, document)
    right = float((np.array(classes)[ours.argmax(axis=1)] == labels).mean())
    print(
        f"{path.name}: {len(names)} features from {len(questions)} analysis questions,"
        f" {len(classes)} {kind}; on them {right:.2%} right; largest difference from"
        f" scikit-learn {worst:.1e}; {path.stat().st_size:,} bytes"
    )


NAMES_C = 1.0
"""Inverse L2 strength of the name model, chosen by cross-validation over the read parts (a
fifth of the parts held out per fold; `bench/name_model_cv.py`): exact filters at a threshold of
0.7, 96.97 % at 1/3, 97.07 % at 1, 97.10 % at 3 (at 0.5: 97.00, 97.05, 96.98 %)."""


def fit_name_document(examples: list[tuple[tuple[str, ...], str]], c: float) -> dict[str, Any]:
    """The name model's document, fitted on `examples` (features, label) with inverse L2
    strength `c`; features seen in fewer than two candidates are dropped."""
    seen = Counter(name for names, _ in examples for name in set(names))
    kept = sorted(name for name, n in seen.items() if n >= MIN_QUESTIONS)
    index = {name: i for i, name in enumerate(kept)}
    rows: list[int] = []
    cols: list[int] = []
    for row, (names, _) in enumerate(examples):
        present = sorted({index[n] for n in names if n in index})
        rows += [row] * len(present)
        cols += present
    matrix = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(examples), len(kept)))
    labels = np.array([label for _, label in examples])
    fitted = LogisticRegression(C=c, max_iter=5000, tol=TOL).fit(matrix, labels)
    document: dict[str, Any] = {
        "about": "services/router/name_tagger.py; fitted by tools/train_route_model.py",
        "scikit_learn": sklearn.__version__,
        "C": c,
        "candidates": len(examples),
        "fingerprint": training_fingerprint(examples),
        "classes": [str(k) for k in fitted.classes_],
        "intercepts": [round(float(b), 6) for b in fitted.intercept_],
        "weights": {
            name: [round(float(w), 6) for w in fitted.coef_[:, i]] for i, name in enumerate(kept)
        },
    }
    theirs = fitted.predict_proba(matrix)
    model = names_from_document(document)
    ours = np.array([[model.probabilities(n)[k] for k in model.classes] for n, _ in examples])
    worst = float(np.abs(theirs - ours).max())
    if worst > 1e-4:
        sys.exit(f"NameModel disagrees with scikit-learn by {worst:.2e} on a training candidate")
    document["largest_difference"] = worst
    return document


def fit_names() -> None:
    """Fit the name model on each candidate of the training questions and write it, after
    checking the router scores them as scikit-learn does."""
    examples = name_examples()
    document = fit_name_document(examples, NAMES_C)
    worst = document.pop("largest_difference")
    _write(NAME_WEIGHTS, document)
    model = names_from_document(document)
    labels = [label for _, label in examples]
    right = sum(
        max(model.classes, key=model.probabilities(n).__getitem__) == label for n, label in examples
    ) / len(examples)
    print(
        f"{NAME_WEIGHTS.name}: {len(document['weights'])} features from {len(examples)}"
        f" candidates ({sum(label != NONE for label in labels)} names); on them {right:.2%}"
        f" right; largest difference from scikit-learn {worst:.1e};"
        f" {NAME_WEIGHTS.stat().st_size:,} bytes"
    )


def main() -> None:
    fit_names()
    fit_route()
    fit_intent()
    fit_tier()


if __name__ == "__main__":
    main()
