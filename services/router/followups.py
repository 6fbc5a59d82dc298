"""Follow-up questions: a turn of a conversation read against the plan of the turn before it.

A follow-up keeps what it does not change. "and on Meta?" is the same question about another
platform; "what about last month?" another period; "by campaign" another grouping; "top 3
instead" another ranking; "compare with the week before" adds a comparison (to the week before
the period the conversation is about); "only the brand campaigns" a filter; "why?" or "is that
good?" asks a model about the previous plan.

A question stands on its own, and starts fresh, when it opens with no follow-up word, names
no earlier thing ("that", "it", "instead"), and names its own metric (or asks for a report)
and its own period. A question that names nothing at all to change ("thanks!") is no
follow-up either. Deterministic: the same two turns always give the same plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from libs.common.plan import COMPARE_ALIGNED, NameFilter, QueryPlan
from libs.common.vocab import FilterField, GroupBy, Intent, Route
from services.router.asides import without_purpose
from services.router.coverage import context_words, unexplained
from services.router.dates.compare_words import COMPARE_MARKER
from services.router.grouping import TIME_GRAINS, find_ranking
from services.router.intents import (
    Decision,
    Signals,
    analysis_decision,
    decide,
)
from services.router.lexicon import words
from services.router.reading import Reading, read, signals_of
from services.router.reroute import open_question

_LEAD = re.compile(
    r"^ (?:(?:ok|okay|cool|great|thanks|thx|perfect|nice|got it) )*(?:and|but|also|plus|so"
    r"|now|then|what about|how about|same|instead|only|just|except|excluding|again|ok|okay"
    r"|what if|can you|could you|pls|please)(?= )"
)
_ANAPHOR = re.compile(r" (?:instead|that|those|these|it|them|the same|same|again|there)(?= )")
_ALL_PLATFORMS = re.compile(
    r" (?:all (?:the )?(?:platforms|channels|networks)|overall|in total|everywhere|combined"
    r"|across (?:all )?(?:the )?(?:platforms|channels|networks|board)|all together"
    r"|altogether|every platform|every channel)(?= )"
)
_ONLY_NAME = re.compile(
    r"^ (?:only|just) (?:the |our )?(?P<name>[a-z0-9][\w-]*(?: [a-z0-9][\w-]*)??)"
    r"(?: ones| campaigns?)? $"
)
"""A follow-up narrowing a breakdown to a name: "only brand", "just the retargeting ones"."""
FOLLOW_UP_WORDS: frozenset[str] = frozenset(
    words(
        """
    instead same again that those these it them only just except excluding what about how
    and so now then ok okay cool great thanks thx perfect nice got please pls
    break down out split do for the same one ones else alone solely
    """
    )
)
"""Words a follow-up uses to point at the turn before; they need no other explaining."""


T = TypeVar("T")


@dataclass(frozen=True)
class FollowUp:
    """A follow-up's reading with what it took from the previous plan, and its decision."""

    reading: Reading
    decision: Decision
    left: list[str]
    fields: list[str]


def follow_up(text: str, own: Reading, previous: QueryPlan, today: date) -> FollowUp | None:
    """`text` read as a follow-up of `previous`, or None when it stands on its own."""
    body = own.body
    asked = without_purpose(body)
    pointing = bool(_LEAD.search(body) or _ANAPHOR.search(body))
    own_analysis = analysis_decision(asked, _signals(own, today))
    standalone = own.metrics or (own_analysis and own_analysis.intent is Intent.REPORT)
    if not pointing and standalone and not own.periods.defaulted:
        return None
    merged = read(text, today, carried=previous.date_range)
    merged = _named_only(merged, previous)
    all_platforms = bool(_ALL_PLATFORMS.search(body))
    changes = [
        merged.platforms,
        merged.metrics,
        merged.filters,
        merged.group_by,
        merged.ranking,
        merged.unsupported,
        merged.periods.compare_to,
        not own.periods.defaulted,
        own_analysis,
        all_platforms,
    ]
    if not any(changes):
        return None  # "thanks!": nothing asked of the earlier turn
    fields: list[str] = []

    def keep(name: str, value: list[T], carried: list[T]) -> list[T]:
        if value:
            return list(value)
        if carried:
            fields.append(name)
        return list(carried)

    platforms = [] if all_platforms else keep("platforms", merged.platforms, previous.platforms)
    metrics = keep("metrics", merged.metrics, previous.metrics)
    filters = keep("filters", merged.filters, previous.filters)
    periods = merged.periods
    plain = not COMPARE_MARKER.search(body) and own_analysis is None
    if periods.subject_carried and periods.compare_to and plain:
        # "and the month before?" asks about that month; "is that in line with the month
        # before?" judges against it.
        periods = replace(periods, date_range=periods.compare_to, compare_to=None)
    elif periods.subject_carried:
        fields.append("date_range")
        if periods.compare_to is None and _named_compare(previous):
            periods = replace(periods, compare_to=previous.compare_to)
            fields.append("compare_to")
    ranking = merged.ranking
    if ranking is None and previous.ranking is not None and not merged.group_by:
        ranking = previous.ranking
        if merged.metrics and merged.metrics[0] is not ranking.metric:  # "and by spend instead"
            ranking = ranking.model_copy(update={"metric": merged.metrics[0]})
        fields.append("ranking")
    elif ranking is not None and not merged.metrics and previous.ranking is not None:
        # "top 3 instead": the same order, another length; "bottom 5": the other end.
        again = find_ranking(body, [previous.ranking.metric])
        ranking = again if again is not None else ranking
    elif ranking is not None and not merged.metrics and previous.metrics:
        ranking = find_ranking(body, list(previous.metrics)) or ranking
    group_by = list(merged.group_by)
    if not group_by and previous.group_by:
        one_platform = len(platforms) == 1
        group_by = [g for g in previous.group_by if g is not GroupBy.PLATFORM or not one_platform]
        group_by = group_by if ranking is None else [g for g in group_by if g not in TIME_GRAINS]
        if group_by:
            fields.append("group_by")
    if ranking is not None and not group_by:
        group_by = [GroupBy.CAMPAIGN]  # "top 3" ranks campaigns unless told otherwise
    reading = replace(
        merged,
        platforms=platforms,
        metrics=metrics,
        filters=filters,
        periods=periods,
        group_by=group_by,
        ranking=ranking,
    )
    decision = _decision(asked, reading, previous, own_analysis, today, fields)
    names = [word for name in reading.filters for word in name.value.lower().split()]
    known = [*FOLLOW_UP_WORDS, *names, *reading.unsupported, *context_words(text, today)]
    left = unexplained(asked, reading.periods.mentions, known)
    if decision.route is Route.DIRECT and left:
        decision = open_question(decision)
    return FollowUp(reading, decision, left, fields)


def _named_only(found: Reading, previous: QueryPlan) -> Reading:
    """ "only brand" after a breakdown by campaign: a name filter the general reader, which
    needs the word "campaign" or a capital letter, does not see."""
    match = _ONLY_NAME.search(found.body)
    if match is None or found.filters or found.platforms or found.metrics:
        return found
    if not found.periods.defaulted and not found.periods.subject_carried:
        return found
    name = match["name"]
    if set(name.split()) & FOLLOW_UP_WORDS:
        return found
    field = FilterField.ACCOUNT if GroupBy.ACCOUNT in previous.group_by else FilterField.CAMPAIGN
    return replace(found, filters=[NameFilter(field=field, value=name)])


def _named_compare(plan: QueryPlan) -> bool:
    """Whether the plan compares with a period the question named (not one the router chose)."""
    return plan.compare_to is not None and COMPARE_ALIGNED not in plan.rationale


def _signals(found: Reading, today: date) -> Signals:
    """The intent rules' view of a follow-up: always on topic (the conversation is about ads)."""
    return signals_of(found, today, has_entities=True)


def _decision(
    asked: str,
    reading: Reading,
    previous: QueryPlan,
    own_analysis: Decision | None,
    today: date,
    fields: list[str],
) -> Decision:
    """Its own question when it asks one ("why?", "is that good?"); else the previous
    analysis again on the new scope; else the lookup its merged reading makes."""
    if own_analysis is not None:
        return own_analysis
    reshaped = reading.ranking is not None or bool(reading.group_by != previous.group_by)
    reshaped = reshaped or (reading.periods.compare_to is not None and "compare_to" not in fields)
    if previous.route is Route.ANALYSIS and previous.tier is not None and not reshaped:
        fields.append("intent")
        return Decision(previous.intent, Route.ANALYSIS, previous.tier, "followup:same_analysis")
    decision = decide(asked, _signals(reading, today))
    if decision.intent is Intent.OTHER:  # nothing of its own to decide: a lookup of the scope
        decision = Decision(Intent.LOOKUP, Route.DIRECT, None, "intent:lookup")
    return replace(decision, rule=f"followup:{decision.rule}")
