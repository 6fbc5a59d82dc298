"""The labelled conversations: each turn's expected plan, as people really follow up."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from libs.common.conversation import Turn
from libs.common.plan import QueryPlan
from services.router import build_plan

HERE = Path(__file__).parent
TURN_FIELDS = (
    "route",
    "intent",
    "platforms",
    "metrics",
    "date_range",
    "compare_to",
    "group_by",
    "filters",
    "ranking",
    "carried",
)


def turn_view(plan: QueryPlan) -> dict[str, Any]:
    """The fields a turn is labelled with: the contract view, the ranking, what it carried."""
    view = plan.contract_view()
    return {
        "route": view["route"],
        "intent": view["intent"],
        "platforms": view["platforms"],
        "metrics": view["metrics"],
        "date_range": view["date_range"],
        # an analysis plan's comparison is the router's own choice when none was named
        "compare_to": view["compare_to"] if plan.route.value == "direct" else None,
        "group_by": view["group_by"],
        "filters": view["filters"],
        "ranking": plan.ranking.model_dump(mode="json") if plan.ranking else None,
        "carried": sorted(plan.carried_from.fields) if plan.carried_from else None,
    }


def load_conversations(name: str = "conversations.jsonl") -> list[dict[str, Any]]:
    """The labelled conversations of `name` (JSON lines beside this module)."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def replay(conversation: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(labelled turn, the router's view of it), each turn read against the one before."""
    today = date.fromisoformat(conversation["today"])
    previous: Turn | None = None
    for n, turn in enumerate(conversation["turns"], start=1):
        plan = build_plan(turn["query"], today=today, previous=previous)
        yield turn, turn_view(plan)
        previous = Turn(query_id=f"t{n}", question=turn["query"], plan=plan)
