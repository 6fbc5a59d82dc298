"""A plan is direct only when it explains the whole question: open questions reach analysis,
and filler never pushes a plain lookup there. Checked on agency staff's own phrasings."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from router_support import load_questions, mismatches

from libs.common.vocab import Route
from services.router import build_plan

SUNDAY = date(2026, 11, 22)
TUNING = load_questions("agency_tune.jsonl")
ENTITIES = (
    "platforms",
    "metrics",
    "date_range",
    "compare_to",
    "group_by",
    "filters",
    "unsupported",
)


@pytest.mark.parametrize(
    "question",
    [
        "draft a note to the client about yesterday",
        "three bullets for Monday's stand-up",
        "are we overspending on TikTok?",
        "your take on LinkedIn this month",
        "what's working and what isn't on Meta?",
        "is Google getting better or worse?",
        "anything strange with our campaigns?",
        "do weekends convert differently?",
        "if we moved budget from Google to Meta what would change?",
        "are we past the point where more Meta spend helps?",
        "is the TikTok audience tired of our ads?",
    ],
)
def test_open_questions_go_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


def test_an_open_question_says_which_words_made_it_one() -> None:
    reason = build_plan("do weekends convert differently on Meta?", today=SUNDAY).route_reason
    assert reason.rule == "route:open"
    assert {"weekends", "differently"} <= set(reason.unexplained)


@pytest.mark.parametrize(
    ("question", "platforms", "metrics", "start", "end"),
    [
        (
            "quick q - what did we spend on g ads last wk? thx",
            ["google_ads"],
            ["spend"],
            "2026-11-09",
            "2026-11-15",
        ),
        ("goog clicks yday pls", ["google_ads"], ["clicks"], "2026-11-21", "2026-11-21"),
        ("hey team, fb spend mtd?", ["meta_ads"], ["spend"], "2026-11-01", "2026-11-22"),
        (
            "l7d conversions on linkedin, for the client deck",
            ["linkedin_ads"],
            ["conversions"],
            "2026-11-15",
            "2026-11-21",
        ),
        (
            "can you tell me the ctr on bing this mo",
            ["microsoft_ads"],
            ["ctr"],
            "2026-11-01",
            "2026-11-22",
        ),
        (
            "Finance here. Total ad spend for Q3, one number please.",
            [],
            ["spend"],
            "2026-07-01",
            "2026-09-30",
        ),
        (
            "Bonjour, the number of leads from LinkedIn in October please",
            ["linkedin_ads"],
            ["conversions"],
            "2026-10-01",
            "2026-10-31",
        ),
    ],
)
def test_filler_and_abbreviations_keep_a_lookup_direct(
    question: str, platforms: list[str], metrics: list[str], start: str, end: str
) -> None:
    plan = build_plan(question, today=SUNDAY)
    view = plan.contract_view()
    assert plan.route is Route.DIRECT, plan.route_reason
    assert (view["platforms"], view["metrics"]) == (platforms, metrics)
    assert view["date_range"] == {"start": start, "end": end}
    assert plan.route_reason.unexplained == []


def test_monthly_report_for_a_named_month_means_that_month() -> None:
    plan = build_plan("monthly report for November", today=SUNDAY)
    assert (plan.date_range.start, plan.date_range.end) == (date(2026, 11, 1), SUNDAY)


def _accuracy(items: list[dict[str, Any]]) -> tuple[Counter[str], int]:
    wrong: Counter[str] = Counter()
    costly = 0
    for item in items:
        found = mismatches(item)
        wrong.update(found.keys())
        if "route" in found and item["route"] == "analysis":
            costly += 1  # an open question answered with a table
    return wrong, costly


def test_agency_phrasings_route_right_and_read_every_entity() -> None:
    wrong, costly = _accuracy(TUNING)
    n = len(TUNING)
    assert n >= 600
    assert 1 - wrong["route"] / n >= 0.99, wrong
    assert costly <= 1
    for field in ENTITIES:
        assert 1 - wrong[field] / n >= 0.97, (field, wrong[field])


HELD_OUT = load_questions("agency_holdout.jsonl")


def test_held_out_phrasings_keep_their_measured_floor() -> None:
    # Never tuned on: a floor under what was measured (route 93.5 %, 3 open questions taken
    # for lookups), so a change that makes unseen phrasings worse fails here.
    wrong, costly = _accuracy(HELD_OUT)
    n = len(HELD_OUT)
    assert n == 200
    assert 1 - wrong["route"] / n >= 0.93, wrong
    assert costly <= 3
    for field in ("platforms", "metrics", "date_range", "filters", "unsupported"):
        assert 1 - wrong[field] / n >= 0.96, (field, wrong[field])
