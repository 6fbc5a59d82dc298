"""The dashboards and alert rules in `deploy/` hold up: every PromQL expression parses (with
the promql-parser library), every metric an expression names is one the running services
really export — scraped from every process of the stack after a few questions — and every
alert carries a severity, a summary and a runbook line. A dashboard cannot show a metric
nobody writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import promql_parser
import pytest
import yaml
from e2e_support import NWO, ask
from prometheus_client.parser import text_string_to_metric_families

from aya.stack import Stack
from tools import dashboards

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "deploy" / "prometheus" / "aya-alerts.yaml"
SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_count", "_sum", "_created"),
    "summary": ("_count", "_sum", "_created", ""),
    "gauge": ("",),
}


def _rules() -> list[dict[str, Any]]:
    loaded = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return [rule for group in loaded["groups"] for rule in group["rules"]]


def _expressions() -> list[str]:
    return dashboards.expressions() + [rule["expr"] for rule in _rules()]


def _selected(node: Any) -> Iterator[str]:
    """The metric names an expression selects."""
    if isinstance(node, promql_parser.VectorSelector):
        if node.name:
            yield node.name
        return
    for attribute in ("args", "expr", "lhs", "rhs", "vector_selector", "param"):
        child = getattr(node, attribute, None)
        for item in child if isinstance(child, list) else [child]:
            if item is not None and type(item).__module__ == "promql_parser":
                yield from _selected(item)


def test_every_expression_parses_and_selects_a_metric() -> None:
    for expr in _expressions():
        parsed = promql_parser.parse(expr)
        assert list(_selected(parsed)), expr


def test_a_broken_expression_is_caught() -> None:
    with pytest.raises(ValueError, match="parenthesis"):
        promql_parser.parse("sum(rate(aya_questions_total[5m])")


def test_every_alert_has_a_severity_a_summary_and_a_runbook_line() -> None:
    rules = _rules()
    assert {rule["alert"] for rule in rules} >= {
        "AyaErrorRateHigh",
        "AyaAnswerLatencyHigh",
        "AyaVllmFallingOver",
        "AyaEngineBreakerOpen",
        "AyaConsumerLagGrowing",
        "AyaDeadLetters",
        "AyaBudgetBurnFast",
        "AyaLedgerLag",
    }
    for rule in rules:
        assert rule["labels"]["severity"] in {"page", "warn", "info"}, rule["alert"]
        assert rule["annotations"]["summary"], rule["alert"]
        assert len(rule["annotations"]["runbook"]) > 40, rule["alert"]


def test_the_committed_dashboards_are_the_generated_ones() -> None:
    assert dashboards.main([]) == 0, "run python tools/dashboards.py --write"


def test_every_dashboard_panel_queries_and_is_placed() -> None:
    for path in dashboards.rendered():
        board = yaml.safe_load(path.read_text(encoding="utf-8"))  # JSON is YAML
        ids = [panel["id"] for panel in board["panels"]]
        assert len(ids) == len(set(ids)), path.name
        for panel in board["panels"]:
            assert panel["targets"], panel["title"]
            assert {"h", "w", "x", "y"} <= set(panel["gridPos"]), panel["title"]


@pytest.mark.slow
def test_every_metric_the_dashboards_and_rules_name_is_exported(stack: Stack) -> None:
    ask(stack, NWO, "What did we spend on Google last week?")
    ask(stack, NWO, "Why did our conversions drop last week?")
    assert stack.info is not None
    exported: set[str] = set()
    for urls in stack.info.services.values():
        text = httpx.get(urls["metrics_url"], timeout=10).text
        for family in text_string_to_metric_families(text):
            exported.update(f"{family.name}{s}" for s in SUFFIXES.get(family.type, ("",)))
    named = {name for expr in _expressions() for name in _selected(promql_parser.parse(expr))}
    missing = sorted(named - exported)
    assert not missing, f"named by dashboards or rules, exported by no service: {missing}"
