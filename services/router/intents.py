"""Intent, route and tier rules, tried in priority order on the normalized question.

Analysis (a model reads the rows) beats direct (arithmetic on rows): a question that is both a
ranking and a "why" is a diagnosis. Tiers: `small` for a judgement of one thing ("is a 2.1 ROAS
good?", "is TikTok worth it?") and off-topic text; `medium` for diagnosis, anomalies,
recommendations and forecasts; `large` for reports, narratives and cross-platform strategy.
Judgement questions have no intent of their own: a verdict on a value is a diagnosis, "worth
it" is a recommendation. Change words ("drop", "jump") without a compared period are anomalies.
"""

from __future__ import annotations

from dataclasses import dataclass

from libs.common.vocab import Intent, Route, Tier
from services.router import advice_cues, cues


@dataclass(frozen=True, slots=True)
class Signals:
    """What the other extractors found, as the intent rules need it."""

    has_entities: bool
    has_date: bool
    has_compare: bool
    platform_count: int
    has_dimension: bool
    has_time_grain: bool
    """A grain of time is asked for ("by week"), alone or beside another dimension."""
    is_ranking: bool
    is_future: bool = False
    """The period asked about has not begun yet."""


@dataclass(frozen=True, slots=True)
class Decision:
    """Intent, route and tier, and the rule that decided them."""

    intent: Intent
    route: Route
    tier: Tier | None
    rule: str
    probability: float | None = None
    """The probability that the question is a lookup, once the arbiter was asked
    (`route_arbiter`)."""


def _analysis(intent: Intent, tier: Tier, rule: str) -> Decision:
    return Decision(intent, Route.ANALYSIS, tier, rule)


def _direct(intent: Intent, rule: str) -> Decision:
    return Decision(intent, Route.DIRECT, None, rule)


def decide(text: str, signals: Signals) -> Decision:
    """The intent, route and tier of normalized `text`."""
    analysis = _decide_analysis(text, signals)
    if analysis is not None:
        return analysis
    # two periods set against each other ("March vs February", "better or worse than last
    # year") are how the business went: never off-topic
    if not (signals.has_entities or signals.has_compare or cues.DOMAIN.search(text)):
        return _analysis(Intent.OTHER, Tier.SMALL, "intent:off_topic")
    return _decide_direct(text, signals)


def analysis_decision(text: str, signals: Signals) -> Decision | None:
    """The analysis `text` asks for, or None when it asks for none (a lookup or off-topic)."""
    return _decide_analysis(text, signals)


_TIERS = {
    Intent.REPORT: Tier.LARGE,
    Intent.OTHER: Tier.SMALL,
}


def tier_of(intent: Intent, *, cross_platform: bool) -> Tier:
    """The tier an analysis intent takes when no finer rule decided it: reports are large,
    advice across platforms too, off-topic small, the rest medium."""
    if intent is Intent.RECOMMENDATION and cross_platform:
        return Tier.LARGE
    return _TIERS.get(intent, Tier.MEDIUM)


def lookup_decision(text: str, signals: Signals) -> Decision:
    """The lookup `text` would be, whatever else it asks: a ranking, trend, comparison,
    breakdown or plain lookup."""
    return _decide_direct(text, signals)


def _decide_analysis(text: str, signals: Signals) -> Decision | None:
    on_topic = (
        signals.has_entities
        or signals.has_date
        or signals.has_dimension  # "which store should we bet on next?": our accounts
        or bool(cues.DOMAIN.search(text) or cues.REPORT.search(text))
    )
    if not on_topic:
        return None
    cross_platform = advice_cues.across_platforms(text, signals.platform_count)
    if cues.LEARNING.search(text):
        return _analysis(Intent.OTHER, Tier.SMALL, "intent:off_topic_advice")
    if cues.CONCEPT.search(text) and not (signals.has_date or signals.platform_count):
        return _analysis(Intent.OTHER, Tier.SMALL, "intent:concept")
    if cues.WORRY.search(text):
        return _analysis(Intent.ANOMALY, Tier.MEDIUM, "intent:worry_words")
    if cues.REPORT.search(text) or cues.WRITE.search(text):
        return _analysis(Intent.REPORT, Tier.LARGE, "intent:report_words")
    if cues.ODD.search(text) and not cues.OVERSPEND.search(text):
        return _analysis(Intent.ANOMALY, Tier.MEDIUM, "intent:odd_words")
    if cues.DIAGNOSIS.search(text):
        return _analysis(Intent.DIAGNOSIS, Tier.MEDIUM, "intent:why_words")
    # "is our spend too high? may I ask for your opinion": the view asked is the verdict's
    verdict = cues.TOO.search(text) or cues.OVERSPEND.search(text) or cues.JUDGEMENT.search(text)
    if (
        cues.OPINION.search(text)
        and not (signals.is_future or cues.FORECAST.search(text))
        and not verdict
    ):
        return _analysis(Intent.DIAGNOSIS, Tier.MEDIUM, "intent:why_words")
    if cues.AS_EXPECTED.search(text) and not signals.is_future:
        return _analysis(Intent.DIAGNOSIS, Tier.SMALL, "intent:against_expectation")
    if cues.EXPECT.search(text):
        return _analysis(Intent.FORECAST, Tier.MEDIUM, "intent:should_expect")
    if cues.WORTH_IT.search(text) and not cross_platform:
        return _analysis(Intent.RECOMMENDATION, Tier.SMALL, "intent:worth_it_judgement")
    if cues.VERDICT_OR_ACT.search(text) and not cross_platform:
        return _analysis(Intent.DIAGNOSIS, Tier.SMALL, "intent:judgement")
    if advice_cues.RECOMMEND.search(text):
        tier = Tier.LARGE if cross_platform else Tier.MEDIUM
        return _analysis(Intent.RECOMMENDATION, tier, f"intent:advice_words;cross={cross_platform}")
    if cues.CLAIM.search(text) and not cross_platform:
        return _analysis(Intent.DIAGNOSIS, Tier.SMALL, "intent:claim_checked")
    if cues.WASTE_VERDICT.search(text):
        return _analysis(Intent.DIAGNOSIS, Tier.SMALL, "intent:judgement")
    if cues.WASTE.search(text):
        return _analysis(Intent.DIAGNOSIS, Tier.MEDIUM, "intent:waste_words")
    if cues.FORECAST.search(text):
        return _analysis(Intent.FORECAST, Tier.MEDIUM, "intent:future_words")
    if signals.is_future:
        return _analysis(Intent.FORECAST, Tier.MEDIUM, "intent:future_period")
    if cues.OVERSPEND.search(text):
        return _analysis(Intent.DIAGNOSIS, Tier.SMALL, "intent:spend_judgement")
    if cues.UNEASE.search(text):
        return _analysis(Intent.ANOMALY, Tier.MEDIUM, "intent:unease_words")
    if cues.ANOMALY.search(text) or (cues.CHANGE.search(text) and not signals.has_compare):
        return _analysis(Intent.ANOMALY, Tier.MEDIUM, "intent:anomaly_words")
    if (
        cues.OPEN_TREND.search(text)
        or (cues.SINCE_CHANGE.search(text) and cues.TREND.search(text))
        or (cues.UP_OR_DOWN.search(text) and not signals.has_compare)
    ):
        return _analysis(Intent.TREND, Tier.MEDIUM, "intent:open_trend")
    if cues.TOO.search(text):
        return _analysis(Intent.DIAGNOSIS, Tier.SMALL, "intent:too_much")
    if cues.JUDGEMENT.search(text):
        return _analysis(Intent.DIAGNOSIS, Tier.SMALL, "intent:judgement")
    return None


def _decide_direct(text: str, signals: Signals) -> Decision:
    if signals.is_ranking and signals.has_dimension:
        return _direct(Intent.RANKING, "intent:ranking")
    if cues.TREND.search(text) or signals.has_time_grain:
        return _direct(Intent.TREND, "intent:trend")
    platform_compare = signals.platform_count >= 2 and bool(
        cues.COMPARISON.search(text) or cues.MORE.search(text)
    )
    if signals.has_compare or platform_compare or cues.COMPARISON.search(text):
        return _direct(Intent.COMPARISON, "intent:comparison")
    if signals.has_dimension or cues.BREAKDOWN.search(text):
        return _direct(Intent.BREAKDOWN, "intent:breakdown")
    return _direct(Intent.LOOKUP, "intent:lookup")
