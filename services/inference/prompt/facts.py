"""The analyst's facts as a model reads them: the change decomposition and the findings, in
compact tables inside the data message (key `analysis`).

A model explains from facts the analyst has already computed from the same rows: which
platforms, accounts and campaigns moved each metric (with mix and rate effects for ratios), on
which days, and which anomalies were found — so its figures can be checked against them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MAX_PARTS = 5
"""Movers per level in the prompt (the answer's `data` keeps ten)."""
MAX_FINDINGS = 8
MAX_DECOMPOSITIONS = 3
_PART_COLUMNS = ("level", "name", "base", "current", "effect", "share_of_change", "mix", "rate")
_FINDING_COLUMNS = (
    "id",
    "kind",
    "period",
    "scope",
    "start",
    "end",
    "metric",
    "expected",
    "actual",
    "score",
    "season",
)

FACTS_RULE = (
    "- The data's `analysis` block was computed from the same rows: `decomposition` splits each "
    "metric's change by platform, account and campaign (share_of_change; for ratios, mix = "
    "the part's share of the denominator moved, rate = its own ratio moved), `days` are when "
    "it happened, `findings` are unusual days and breaks (expected vs actual), and "
    "`explained_by` names the findings behind a change. Explain changes from these facts: "
    "name the top movers with their share and the findings that explain them."
)


def prompt_facts(data: Mapping[str, Any]) -> dict[str, Any]:
    """The prompt's `analysis` block from the analyst's answer data (`findings_of`)."""
    findings = list(data.get("findings") or [])[:MAX_FINDINGS]
    found: dict[str, Any] = {}
    decompositions = _chosen(data.get("decomposition") or [])
    if decompositions:
        found["decomposition"] = [_decomposition(d, findings) for d in decompositions]
    if findings:
        rows = [_finding_row(i, f) for i, f in enumerate(findings, start=1)]
        found["findings"] = {"columns": list(_FINDING_COLUMNS), "rows": rows}
    return found


LEAN_FINDINGS = 3


def lighter_facts(facts: Mapping[str, Any] | None) -> list[Mapping[str, Any] | None]:
    """The facts at each size a prompt may take, fullest first: as given, then the first
    decomposition and the top findings only, then none (the rows alone still answer)."""
    if not facts:
        return [None]
    lean: dict[str, Any] = {}
    if facts.get("decomposition"):
        lean["decomposition"] = list(facts["decomposition"])[:1]
    if facts.get("findings"):
        found = facts["findings"]
        lean["findings"] = {**found, "rows": list(found["rows"])[:LEAN_FINDINGS]}
    return [facts, lean, None] if lean != dict(facts) else [facts, None]


def _chosen(decompositions: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    explained = [d for d in decompositions if d.get("explained")]
    rest = [d for d in decompositions if not d.get("explained")]
    return [*explained, *rest][:MAX_DECOMPOSITIONS]


def _decomposition(d: Mapping[str, Any], findings: list[Mapping[str, Any]]) -> dict[str, Any]:
    rows = [
        [
            level,
            part.get("name") or part.get("campaign_name") or part.get("account_name"),
            part.get("base"),
            part.get("current"),
            part.get("effect"),
            part.get("share"),
            part.get("mix"),
            part.get("rate"),
        ]
        for level, parts in d["by"].items()
        for part in parts[:MAX_PARTS]
    ]
    found: dict[str, Any] = {
        "metric": d["metric"],
        "base": d["base"],
        "current": d["current"],
        "change": d["change"],
        "relative_change": d["relative"],
        "movers": {"columns": list(_PART_COLUMNS), "rows": rows},
    }
    if d.get("days"):
        found["days"] = d["days"]
    behind = [i for i, f in enumerate(findings, start=1) if d["metric"] in f.get("explains", [])]
    if behind:
        found["explained_by"] = behind
    return found


def _finding_row(index: int, f: Mapping[str, Any]) -> list[Any]:
    scope = f["scope"]
    name = scope.get("campaign_name") or scope.get("account_name") or "all accounts"
    return [
        index,
        f["kind"],
        f["period"],
        name,
        f["start"],
        f["end"],
        f["metric"],
        f["expected"],
        f["actual"],
        f["score"],
        f.get("season"),
    ]
