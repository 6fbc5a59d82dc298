"""The route model: fitted on today's labelled parts and never on a held-out one, scored as
the fitted logistic regression scores, and weighed against the rules by the arbiter only where
it is meant to overrule them: a long message's frame, a short request's unknown names, never a
short request's judgement, grouping or cue."""

from __future__ import annotations

import gzip
import json
import math

import pytest
from router_support import SUNDAY

from libs.common.vocab import Intent, Metric, Route, Tier
from services.router import build_plan
from services.router.route_arbiter import LOOKUP_FROM
from services.router.route_model import (
    INTENT_WEIGHTS,
    TIER_WEIGHTS,
    WEIGHTS,
    feature_blocks,
    from_document,
)
from tools.route_training import (
    intent_questions,
    tier_questions,
    training_files,
    training_fingerprint,
    training_questions,
)


def _document() -> dict[str, object]:
    with gzip.open(WEIGHTS, "rt", encoding="utf-8") as stream:
        document: dict[str, object] = json.load(stream)
    return document


def test_the_shipped_weights_were_fitted_on_todays_labelled_questions() -> None:
    # A label, a question or the tokenizer changed since the weights were fitted: run
    # `make route-model` and commit the new weights.
    assert _document()["fingerprint"] == training_fingerprint(training_questions())


def test_the_shipped_intent_weights_were_fitted_on_todays_analysis_questions() -> None:
    with gzip.open(INTENT_WEIGHTS, "rt", encoding="utf-8") as stream:
        document = json.load(stream)
    assert document["fingerprint"] == training_fingerprint(intent_questions())


def test_the_shipped_tier_weights_were_fitted_on_todays_analysis_questions() -> None:
    with gzip.open(TIER_WEIGHTS, "rt", encoding="utf-8") as stream:
        document = json.load(stream)
    assert document["fingerprint"] == training_fingerprint(tier_questions())
    assert document["classes"] == ["large", "medium", "small"]


def test_a_short_verdict_the_rules_read_as_a_reading_is_small_by_the_tier_model() -> None:
    for question in (
        "honestly, should we kill TikTok or keep it",
        "Google CPC for the brand campaign: too high? we're paying 4 dollars",
        "does our Meta spend last week look normal to you?",
    ):
        plan = build_plan(question, today=SUNDAY)
        assert plan.route is Route.ANALYSIS
        assert plan.tier is Tier.SMALL, question
        assert plan.route_reason.rule.endswith(";model:tier"), question


def test_the_tier_model_never_moves_a_report_nor_an_off_topic_question() -> None:
    report = build_plan("honestly, write me a note on whether to kill TikTok", today=SUNDAY)
    assert report.intent is Intent.REPORT
    assert report.tier is Tier.LARGE
    assert "model:tier" not in report.route_reason.rule


def test_no_held_out_part_is_fitted_on() -> None:
    held_out = {
        "agency_holdout2.jsonl",
        "agency_holdout8.jsonl",
        "agency_holdout10.jsonl",
        "agency_holdout47.jsonl",
        "agency_holdout48.jsonl",
        "agency_holdout50.jsonl",
        "agency_holdout63.jsonl",
        "agency_holdout64.jsonl",
        "agency_holdout75.jsonl",
        "agency_holdout76.jsonl",
    }
    files = training_files()
    assert "questions.jsonl" in files
    assert "agency_holdout78.jsonl" in files
    assert not held_out & set(files)


def test_a_question_is_scored_as_the_logistic_regression_over_its_two_blocks() -> None:
    model = from_document(
        {
            "intercept": -0.5,
            "features": {"w:spend": [2.0, 1.5], "w:why": [3.0, -2.0], "c: sp": [1.0, 0.25]},
        }
    )
    # words: spend (2.0 * 1.5) and why (3.0 * -2.0) over |(2, 3)|; letters: only " sp" known
    words = (2.0 * 1.5 + 3.0 * -2.0) / math.sqrt(2.0**2 + 3.0**2)
    letters = (1.0 * 0.25) / 1.0
    expected = 1 / (1 + math.exp(-(-0.5 + words + letters)))
    assert model.direct_probability(("why", "spend")) == pytest.approx(expected)
    # a word no labelled question had weighs nothing, in the sum and in the length
    assert model.direct_probability(("why", "spend", "zzyzx")) == pytest.approx(expected)


def test_features_are_words_adjacent_pairs_and_padded_letter_grams() -> None:
    words, letters = feature_blocks(("meta", "cpa"))
    assert words == {"w:meta", "w:cpa", "w:meta cpa"}
    assert {"c: me", "c:eta ", "c: meta", "c:meta ", "c: cpa ", "c: cp", "c:pa "} <= letters
    assert "c: meta " not in letters  # grams of 3 to 5 letters only


def test_the_weights_load_as_a_model_that_reads_lookups_and_open_questions_apart() -> None:
    model = from_document(_document())
    lookup = ("hi", "can", "you", "pull", "meta", "spend", "for", "last", "week", "please")
    question = ("why", "did", "our", "meta", "cpa", "go", "up", "so", "much", "last", "week")
    assert model.direct_probability(lookup) > 0.9
    assert model.direct_probability(question) < 0.1


def test_a_long_lookup_in_a_frame_of_chat_is_answered_from_data() -> None:
    question = (
        "ok so the gaffer popped by the desk earlier, can you get me LinkedIn leads for "
        "September, nothing fancy just the figure"
    )
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.DIRECT
    reason = plan.route_reason
    assert reason.rule == "arbiter:lookup;route:open"
    assert "gaffer" in reason.unexplained  # the rules' reading is kept beside the verdict
    assert reason.lookup_probability is not None
    assert reason.lookup_probability >= LOOKUP_FROM
    assert (plan.intent, plan.metrics) == (Intent.LOOKUP, [Metric.CONVERSIONS])


def test_a_request_under_six_words_is_the_rules_alone() -> None:
    plan = build_plan("which campaigns need it most?", today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert not plan.route_reason.rule.startswith("arbiter:")
    assert plan.route_reason.lookup_probability is None


@pytest.mark.parametrize(
    "question",
    [
        "how many junk leads did we get last week",
        "CPA by age groups last month",
        "leads from law firms last month",
    ],
)
def test_a_short_message_keeps_to_analysis_what_a_lookup_would_drop(question: str) -> None:
    # The arbiter reads each as a lookup; the words left judge what is counted, or name a
    # grouping or a source no lookup would honour, so the rules keep them.
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert not plan.route_reason.rule.startswith("arbiter:")
    # the arbiter alone would have made it a lookup: the rule around it keeps it open (a cue's
    # verdict in a short message is kept the same way: test_route_arbiter)
    assert plan.route_reason.lookup_probability is not None
    assert plan.route_reason.lookup_probability >= LOOKUP_FROM


@pytest.mark.parametrize(
    ("question", "left"),
    [
        ("@tom pull meta cpc by ad set for oct", "tom"),
        ("kennel stay bookings from meta last month pls", "stay"),
    ],
)
def test_a_short_request_with_a_name_the_rules_do_not_know_is_a_lookup(
    question: str, left: str
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.DIRECT
    assert plan.route_reason.rule == "arbiter:lookup;route:open"
    assert left in plan.route_reason.unexplained
    assert plan.route_reason.lookup_probability is not None
    assert plan.route_reason.lookup_probability >= LOOKUP_FROM


def test_the_arbiter_is_asked_from_six_words_on() -> None:
    five = build_plan("Meta spend last week please", today=SUNDAY)
    six = build_plan("Meta spend for last week please", today=SUNDAY)
    assert five.route_reason.lookup_probability is None
    assert six.route_reason.lookup_probability is not None
    assert five.route is six.route is Route.DIRECT


def test_an_open_question_the_rules_read_as_open_stays_open_however_long() -> None:
    question = (
        "Loads of people in the office reckon Google has gone downhill since the summer, "
        "is there anything in that or is it just vibes"
    )
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert plan.route_reason.lookup_probability is not None
    assert plan.route_reason.lookup_probability < LOOKUP_FROM


def test_a_lookup_with_what_the_numbers_are_for_stays_a_lookup() -> None:
    # The model reads "for a chart in the yearly recap" as asking for more; the rules read it
    # as what the figure is for, and a lookup whose frame they read stays a lookup.
    question = "Google spend for last month? It is for a chart in the yearly recap, ta very much"
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.DIRECT
    assert plan.route_reason.lookup_probability is not None


@pytest.mark.parametrize(
    ("question", "rules", "model"),
    [
        # the rules read "a waste" as a judgement of worth, the labelled authors a verdict
        ("what did TikTok cost us in October and was it a waste?", "recommendation", "diagnosis"),
        ("meta cpa went from $40 to $55 in a week. new normal?", "anomaly", "diagnosis"),
    ],
)
def test_the_intent_model_reads_a_long_analysis_question_as_the_labelled_authors_do(
    question: str, rules: str, model: str
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.intent.value == model
    assert plan.route_reason.rule.endswith(";model:intent")
    assert plan.route_reason.rule.split(";")[0] != f"intent:{model}"
    assert rules != model


def test_the_intent_model_reads_a_short_analysis_question_only_when_nearly_sure() -> None:
    # Six words: the rules read an anomaly, the model (>= SHORT_INTENT) a diagnosis, as it
    # does the longer "meta cpa went from $40 to $55 in a week. new normal?".
    plan = build_plan("meta cpa up 30%. new normal?", today=SUNDAY)
    assert plan.intent is Intent.DIAGNOSIS
    # (and the tier model, sure it is a short verdict, makes it small)
    assert plan.route_reason.rule.startswith("intent:anomaly_words;model:intent")


def test_the_intent_model_leaves_very_short_questions_and_lookups_to_the_rules() -> None:
    assert build_plan("cpa up 30%. new normal?", today=SUNDAY).intent is Intent.ANOMALY
    lookup = build_plan(
        "hi could you pull Meta spend for last week for me please, thanks", today=SUNDAY
    )
    assert lookup.route is Route.DIRECT
    assert "model:intent" not in lookup.route_reason.rule
