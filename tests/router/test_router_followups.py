"""Follow-ups read against the turn before: each labelled conversation turn by turn, and the
rules that decide when a question carries nothing over."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from libs.common.conversation import ConversationContext, Turn
from libs.common.vocab import Platform, Route
from services.router import build_plan
from tests.router.conversation_support import TURN_FIELDS, load_conversations, replay

CONVERSATIONS = load_conversations()
MONDAY = date(2026, 11, 30)


def test_the_labelled_set_has_at_least_40_conversations_of_2_to_4_turns() -> None:
    assert len(CONVERSATIONS) >= 40
    assert all(2 <= len(c["turns"]) <= 4 for c in CONVERSATIONS)
    fresh = [t for c in CONVERSATIONS for t in c["turns"][1:] if t["carried"] is None]
    assert len(fresh) >= 5  # later turns that must carry nothing over


@pytest.mark.parametrize(
    "conversation", CONVERSATIONS, ids=[c["turns"][0]["query"][:40] for c in CONVERSATIONS]
)
def test_each_turn_is_planned_in_the_context_of_the_one_before(
    conversation: dict[str, Any],
) -> None:
    for turn, actual in replay(conversation):
        wrong = {f: (turn[f], actual[f]) for f in TURN_FIELDS if turn[f] != actual[f]}
        assert not wrong, f"{turn['query']!r}: {wrong}"


def _after(first: str, then: str) -> Any:
    previous = Turn(query_id="q1", question=first, plan=build_plan(first, today=MONDAY))
    return build_plan(then, today=MONDAY, previous=previous)


def test_a_follow_up_names_the_turn_it_took_from() -> None:
    plan = _after("what did we spend on Google last week?", "and on Meta?")
    assert plan.platforms == [Platform.META_ADS]
    assert plan.carried_from is not None
    assert plan.carried_from.query_id == "q1"
    assert sorted(plan.carried_from.fields) == ["date_range", "metrics"]


def test_why_after_a_lookup_is_an_analysis_of_that_lookup() -> None:
    plan = _after("ROAS on Google yesterday", "why?")
    assert plan.route is Route.ANALYSIS
    assert plan.platforms == [Platform.GOOGLE_ADS]
    assert plan.date_range.start == plan.date_range.end == date(2026, 11, 29)


@pytest.mark.parametrize("text", ["thanks!", "ok", "hello there"])
def test_a_turn_that_asks_nothing_of_the_one_before_carries_nothing(text: str) -> None:
    assert _after("what did we spend on Google last week?", text).carried_from is None


def test_a_question_with_its_own_metric_and_period_starts_fresh() -> None:
    plan = _after("what did we spend on Google last week?", "how many clicks in October?")
    assert plan.carried_from is None
    assert plan.platforms == []


def test_the_same_words_without_a_previous_turn_are_no_follow_up() -> None:
    assert build_plan("and on Meta?", today=MONDAY).carried_from is None


def test_the_conversation_context_offers_the_latest_turn_with_a_plan() -> None:
    planned = Turn(query_id="a", question="spend last week", plan=build_plan("spend", today=MONDAY))
    failed = Turn(query_id="b", question="???")
    context = ConversationContext(conversation_id="c", turn=3, turns=[planned, failed])
    assert context.previous is planned
