"""Analysis questions through the whole stack: answered (by the analyst when no model server is
configured — the embedded default, not degraded) and every engine call in the ledger once."""

from __future__ import annotations

import re
import time

import psycopg
import pytest
from e2e_support import NWO, ask, poll_row

from aya.stack import Stack
from services.router.route_arbiter import LOOKUP_FROM

pytestmark = pytest.mark.slow


def _ledger(stack: Stack, query_id: str) -> list[tuple[str, bool, bool, int]]:
    admin = stack.settings.database_admin_url
    assert admin is not None
    with psycopg.connect(admin) as conn:
        rows = conn.execute(
            "SELECT engine, answered, degraded, cost_usd_micros FROM model_calls"
            " WHERE query_id = %s",
            (query_id,),
        ).fetchall()
    return [(str(r[0]), bool(r[1]), bool(r[2]), int(r[3])) for r in rows]


def test_why_question_is_answered_by_the_analyst_in_three_parts(stack: Stack) -> None:
    body = ask(stack, NWO, "Why did our ROAS drop last week?")
    assert body["route"] == "analysis"
    assert (body["engine"], body["degraded"]) == ("analyst", False)
    text = body["answer"]
    assert text.index("Key observations") < text.index("Anomalies") < text.index("Recommendations")


def test_each_analysis_answer_has_exactly_one_ledger_row(stack: Stack) -> None:
    body = ask(stack, NWO, "Any anomalies in Meta performance last month?")
    deadline = time.monotonic() + 20
    while not (rows := _ledger(stack, body["id"])):
        assert time.monotonic() < deadline, "the analyst's call never reached the ledger"
        time.sleep(0.2)
    time.sleep(0.5)
    assert _ledger(stack, body["id"]) == [("analyst", True, False, 0)]
    assert rows


def _rationale(stack: Stack, query_id: str) -> dict[str, object]:
    admin = stack.settings.database_admin_url
    assert admin is not None
    query = "SELECT rationale FROM model_calls WHERE query_id = %s"
    row = poll_row(admin, query, (query_id,), lambda row: row is not None, timeout=20)
    assert row is not None, "the call never reached the ledger"
    rationale: dict[str, object] = row[0]
    return rationale


def test_an_open_question_goes_to_analysis_and_the_ledger_keeps_why(stack: Stack) -> None:
    body = ask(stack, NWO, "do our conversions lag spend on Meta?")
    assert body["route"] == "analysis"
    reason = body["plan"]["route_reason"]
    # A short question: the rules decided; the arbiter, asked, did not find it likely enough a
    # lookup (LOOKUP_FROM) to make it one.
    assert (reason["rule"], reason["unexplained"]) == ("route:open", ["lag"])
    assert 0 <= reason["lookup_probability"] < LOOKUP_FROM
    assert _rationale(stack, body["id"])["route"] == reason


def test_the_ledger_keeps_the_arbiters_verdict_beside_the_rules(stack: Stack) -> None:
    question = (
        "Loads of people in the office reckon Meta has gone downhill since the summer, "
        "is there anything in that or is it just vibes"
    )
    body = ask(stack, NWO, question)
    assert body["route"] == "analysis"
    reason = body["plan"]["route_reason"]
    assert reason["rule"].startswith("route:open")  # the intent model may name its intent
    assert "downhill" in reason["unexplained"]
    assert 0 <= reason["lookup_probability"] < LOOKUP_FROM
    assert _rationale(stack, body["id"])["route"] == reason


def test_a_lookup_with_filler_words_stays_direct(stack: Stack) -> None:
    body = ask(stack, NWO, "hey quick q - what did we spend on g ads last wk? thx")
    assert body["route"] == "direct"
    reason = body["plan"]["route_reason"]
    assert (reason["rule"], reason["unexplained"]) == ("intent:lookup", [])
    assert reason["lookup_probability"] >= LOOKUP_FROM  # asked, and it agrees


def _figure(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.IGNORECASE)
    assert found is not None, (pattern, text)
    return found.group(1)


def test_a_direct_and_an_analyst_answer_print_the_same_figures(stack: Stack) -> None:
    direct = ask(stack, NWO, "What were our spend and ROAS last week?")
    analyst = ask(stack, NWO, "Why did our ROAS drop last week?")
    assert (direct["route"], analyst["engine"]) == ("direct", "analyst")
    for pattern in (r"\bROAS\D{0,12}?(\d+\.\d\d×)", r"\bspend\D{0,12}?(\$[\d,]+\.\d\d)"):
        assert _figure(pattern, direct["answer"]) == _figure(pattern, analyst["answer"])
