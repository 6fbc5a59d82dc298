"""The models' second opinions on what the rules decided: the route model's on the route (weighed
against the rules' by the arbiter), the intent model's on an analysis question's intent (and so
its tier), the tier model's on the tier. Pure: the fitted weights are read once per process
(`route_model`, `route_arbiter`), no I/O per question."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from dataclasses import replace

from libs.common.vocab import Intent, Route, Tier
from services.router import advice_cues
from services.router.coverage import QUALITY
from services.router.intents import Decision, Signals, tier_of
from services.router.lexicon import words
from services.router.phrasebook import JUDGING
from services.router.prices import NO_OUTCOME
from services.router.reroute import open_question
from services.router.route_arbiter import ArbiterInputs, route_arbiter, routed
from services.router.route_model import (
    FRAMED_WORDS,
    INTENT_OVER_RULES,
    SHORT_INTENT,
    SHORT_WORDS,
    TIER_OVER_RULES,
    intent_model,
    route_model,
    tier_model,
)
from services.router.vocabulary import is_outcome_word

_VERDICT = frozenset(
    words(
        """horrendous horrible terrible awful dreadful shocking atrocious abysmal appalling dismal
        pathetic lousy rubbish crap crappy woeful disappointing worrying concerning alarming
        amazing incredible insane crazy ridiculous outrageous excellent fantastic brilliant
        superb stellar impressive weak strong healthy solid decent meh"""
    )
)
"""Words that pass a verdict on a figure ("horrendous cost per lead"): the question asks
whether it is as bad or good as it sounds."""
_OUTSIDE_THE_ACCOUNTS = frozenset(
    words("competitor competitors competition rivals rival industry benchmark benchmarks peers")
)
"""Others' figures, which no tenant's ad account holds ("CPA vs competitors")."""
_HOW_IT_WENT = frozenset(words("go goes going went gone fare fared faring doing working worked"))
"""How things went ("how did the bank holiday weekend go for enquiries?"): an account of the
period, as "how's the shop doing?" asks, not its count."""
_BEYOND_A_COUNT = (
    JUDGING
    | QUALITY
    | _VERDICT
    | _HOW_IT_WENT
    | _OUTSIDE_THE_ACCOUNTS
    | NO_OUTCOME
    | frozenset(words("lift uplift incrementality"))
)
"""Words that ask what a lookup cannot fetch when the rules leave them ("lift conversions",
"junk leads", "horrendous CPL", "CPA vs competitors", "how many complaints", "how did it
go"): in a short message the arbiter never overrules them (`may_look_up`)."""
_SPLIT_OR_SOURCE = frozenset(words("by per from among across"))
"""Words before a grouping or a source ("by age groups", "leads from law firms")."""


def second_opinions(
    whole: tuple[str, ...],
    rules: Decision,
    as_lookup: Callable[[], Decision | None],
    signals: Signals,
    asked: str,
    *,
    framed: bool,
    left: Collection[str],
) -> Decision:
    """The decision once the models have read the `whole` message (its normalized tokens, as
    they were fitted on): the route is the arbiter's (`route_arbiter`), which weighs the rules'
    decision against the route model's probability; an analysis question's intent and tier are
    the intent and tier models' where they are sure enough and the message is long enough to
    read (a request under six words is all request: the rules read every word of it).
    `as_lookup` is the lookup the question would be (None where none can be: a period not yet
    begun has no rows); `asked` is the request's text without its purpose, `framed` whether
    the rules read a frame around it (what the figures are for, figures to check); `left` the
    words no rule explained."""
    if rules.intent is Intent.OTHER or len(whole) < SHORT_WORDS:
        return rules
    lookup = as_lookup() if rules.route is Route.ANALYSIS else None
    inputs = ArbiterInputs(
        probability=route_model().direct_probability(whole),
        rules=rules,
        words=len(whole),
        left=len(left),
        framed=framed,
        could=lookup is not None,
        beyond=_asks_beyond_a_lookup(whole, left),
    )
    chance = route_arbiter().lookup_probability(inputs)
    route = routed(inputs, chance)
    if route is rules.route:
        decision = replace(rules, probability=chance)
    elif lookup is not None:
        decision = replace(lookup, rule=f"arbiter:lookup;{rules.rule}", probability=chance)
    else:
        opened = open_question(rules)
        decision = replace(opened, rule=f"arbiter:open;{rules.rule}", probability=chance)
    short = len(whole) < FRAMED_WORDS
    if decision.route is Route.ANALYSIS and decision.intent is not Intent.OTHER:
        cross = advice_cues.across_platforms(asked, signals.platform_count)
        needed = SHORT_INTENT if short else INTENT_OVER_RULES
        decision = _intent_opinion(whole, decision, cross_platform=cross, needed=needed)
        decision = _tier_opinion(whole, decision)
    return decision


def _tier_opinion(tokens: tuple[str, ...], decision: Decision) -> Decision:
    """The tier model's tier where it is `TIER_OVER_RULES` sure of a cheaper one than the
    intent gave ("is the Meta campaign any cop?" is a short verdict, small, where the rules
    read a diagnosis); a report stays large and an off-topic question small, as the README
    fixes them ("…;model:tier" on the rule)."""
    if decision.intent in (Intent.REPORT, Intent.OTHER) or decision.tier is None:
        return decision
    tier, probability = tier_model().best(tokens)
    if probability < TIER_OVER_RULES or _COST[Tier(tier)] >= _COST[decision.tier]:
        return decision
    return replace(decision, tier=Tier(tier), rule=f"{decision.rule};model:tier")


_COST = {Tier.SMALL: 0, Tier.MEDIUM: 1, Tier.LARGE: 2}


def _asks_beyond_a_lookup(tokens: tuple[str, ...], left: Collection[str]) -> bool:
    """Whether a word the rules `left` judges what is counted, or the words left right after
    "by", "per" or "from" name a grouping or a source (where one of them is an outcome's word,
    they name a metric to rank or split by: "by quote requests")."""
    if not _BEYOND_A_COUNT.isdisjoint(left):
        return True
    for at, before in enumerate(tokens[:-1]):
        if before not in _SPLIT_OR_SOURCE or tokens[at + 1] not in left:
            continue
        run = list(itertools.takewhile(lambda word: word in left, tokens[at + 1 :]))
        if not any(is_outcome_word(word) for word in run):
            return True
    return False


def _intent_opinion(
    tokens: tuple[str, ...], rules: Decision, *, cross_platform: bool, needed: float
) -> Decision:
    """The intent model's reading of what an analysis question asks for, where it is at least
    `needed` sure and the rules read another; the tier follows the intent ("…;model:intent"
    on the rule)."""
    intent, probability = intent_model().best(tokens)
    if intent == rules.intent.value or probability < needed:
        return rules
    chosen = Intent(intent)
    tier = tier_of(chosen, cross_platform=cross_platform)
    # A verdict the rules read ("was the push a waste?", "is Google pulling its weight?") stays
    # a small question whether the model calls it a diagnosis or advice on one platform.
    if (
        rules.tier is Tier.SMALL
        and {rules.intent, chosen} <= _VERDICT_INTENTS
        and not cross_platform
    ):
        tier = Tier.SMALL
    return replace(rules, intent=chosen, tier=tier, rule=f"{rules.rule};model:intent")


_VERDICT_INTENTS = frozenset({Intent.DIAGNOSIS, Intent.RECOMMENDATION})
