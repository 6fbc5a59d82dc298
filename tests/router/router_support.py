"""Shared helpers of the router tests: the labelled question files and how to compare plans."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from libs.common.vocab import Route
from services.router import build_plan
from services.router.filters import find_filters

HERE = Path(__file__).parent
FIELDS = (
    "route",
    "tier",
    "intent",
    "platforms",
    "metrics",
    "date_range",
    "compare_to",
    "group_by",
    "filters",
    "unsupported",
)


def load_questions(name: str) -> list[dict[str, Any]]:
    """The labelled questions of `name` (a JSON-lines file beside this module)."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def actual_view(item: dict[str, Any]) -> dict[str, Any]:
    """The router's contract view of one labelled question, at the file's `today`."""
    plan = build_plan(item["query"], today=date.fromisoformat(item["today"]))
    return plan.contract_view()


def mismatches(item: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Field -> (expected, actual) for every field where the router disagrees with the label."""
    actual = actual_view(item)
    return {f: (item[f], actual[f]) for f in FIELDS if item[f] != actual[f]}


SUNDAY = date(2026, 11, 22)
"""The day the phrasing tests ask on, unless they name another."""


def assert_lookup(question: str, view: dict[str, object], today: date = SUNDAY) -> dict[str, Any]:
    """`question` is a direct plan whose contract view holds `view`; that whole view."""
    plan = build_plan(question, today=today)
    assert plan.route is Route.DIRECT, plan.route_reason
    found = plan.contract_view()
    assert {key: found[key] for key in view} == view
    return found


def span(start: str, end: str) -> dict[str, str]:
    """A period as a plan's contract view writes it."""
    return {"start": start, "end": end}


def plan_view(question: str, today: date) -> dict[str, Any]:
    """The router's contract view of `question` asked on `today`."""
    return build_plan(question, today=today).contract_view()


def filter_names(question: str) -> list[tuple[str, str]]:
    """The (field, name) filters the router reads in `question`, in order."""
    return [(f.field.value, f.value) for f in find_filters(question)]
