"""The route and intent models fitted on part of the read questions, as
`tools/train_route_model.py` fits them on all: what cross-validation over the parts needs
(`tools/train_route_arbiter.py`, `bench/router_thresholds.py`, `bench/router_model_c.py`)."""

from __future__ import annotations

from typing import Any

from sklearn.linear_model import LogisticRegression

from services.router.plan import question_tokens
from services.router.route_model import from_document, intent_from_document
from tools.train_route_model import TOL, C, _features

FOLDS = 10
"""Folds over the read parts, split by part so that no author is on both sides."""


def _fit(questions: list[tuple[tuple[str, ...], Any]], c: float) -> tuple[list[str], Any, Any]:
    names, idf, matrix = _features([tokens for tokens, _ in questions])
    fitted = LogisticRegression(C=c, max_iter=5000, tol=TOL).fit(
        matrix, [label for _, label in questions]
    )
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
