"""`build_plan`: one question in, one `QueryPlan` out; pure, no I/O, no model."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from libs.common.conversation import Turn
from libs.common.plan import CarriedFrom, DateRange, QueryPlan, Ranking, RouteReason
from libs.common.vocab import FilterField, GroupBy, Intent, Route
from services.router.asides import without_purpose
from services.router.compared import names_compared, platforms_compared
from services.router.coverage import context_words, unexplained
from services.router.date_spellings import iso_ranges_spelled
from services.router.dates.analysis import analysis_periods
from services.router.dates.compare_words import BROUGHT_BESIDE
from services.router.dates.fiscal import declared_start, fiscal_year_starting
from services.router.dates.seasons import seasons_of
from services.router.followups import follow_up
from services.router.forecasts import ahead, without_horizon
from services.router.given_names import titled_names
from services.router.grouping import (
    ALL_PLATFORMS,
    TIME_GRAINS,
    all_premises,
    among_premises,
    asks_total,
    default_grain,
    one_row_per_account,
    platforms_only_listed,
    split_only_apart,
)
from services.router.intents import Decision, decide, lookup_decision
from services.router.letters import without_signature
from services.router.opinions import second_opinions
from services.router.reading import Reading, read, signals_of
from services.router.reconcile import reconciled_figures, without_platform_claims
from services.router.reroute import asks_how_things_go, nothing_to_look_up, open_question
from services.router.scene import background
from services.router.tokens import name_tokens, named_people, normalize


def build_plan(
    text: str,
    *,
    today: date,
    timezone: str = "UTC",
    previous: Turn | None = None,
    fiscal_start: int = 1,
) -> QueryPlan:
    """Read one question as a `QueryPlan`, dates resolved against `today` in `timezone` (and
    fiscal phrases against a year starting in `fiscal_start`, or the one the question
    declares: "our FY runs April to March"); in a conversation, as a
    follow-up of the `previous` turn when it is one."""
    text, declared = declared_start(text)
    text = iso_ranges_spelled(text)
    with fiscal_year_starting(declared or fiscal_start), seasons_of(timezone):
        return _plan(without_signature(text), today, timezone, previous)


def question_tokens(text: str) -> tuple[str, ...]:
    """The words of `text` as `build_plan` reads them (a declared fiscal year and a signature
    taken off, typos corrected): what the route model is fitted on and scores."""
    return normalize(without_signature(declared_start(text)[0])).tokens


def _plan(text: str, today: date, timezone: str, previous: Turn | None) -> QueryPlan:
    found = read(text, today)
    follow = None
    if previous is not None and previous.plan is not None:
        follow = follow_up(text, found, previous.plan, today)
    if follow is not None:
        found, decision, left = follow.reading, follow.decision, follow.left
    else:
        decision, left, found = _decide(text, today, found)
    periods = found.periods
    if decision.intent is Intent.FORECAST:
        periods = ahead(periods, today, found.body)
    elif decision.route is Route.ANALYSIS and decision.intent is not Intent.OTHER:
        advice = decision.intent is Intent.RECOMMENDATION
        periods = without_horizon(periods, today, found.body, advice)
    rationale = [f"typo:{wrong}->{right}" for wrong, right in found.norm.corrections]
    rationale += [*periods.rationale, decision.rule]
    compare_to, history = periods.compare_to, None
    if decision.route is Route.ANALYSIS:
        extra = analysis_periods(decision.intent, periods.date_range, compare_to, today)
        compare_to, history = extra.compare_to, extra.history
        rationale += extra.rationale
    group_by = _final_group_by(decision, found, periods.date_range)
    intent = decision.intent
    if decision.route is Route.DIRECT and intent is Intent.LOOKUP and group_by:
        intent = Intent.BREAKDOWN  # "Harrogate, Ripon and Otley … one row each": rows of it
    plan = QueryPlan(
        route=decision.route,
        tier=decision.tier,
        intent=intent,
        platforms=found.platforms,
        metrics=found.metrics,
        date_range=periods.date_range,
        compare_to=compare_to,
        history=history,
        group_by=group_by,
        filters=found.filters,
        unsupported=found.unsupported,
        ranking=_ranking_for(intent, found.ranking),
        as_of=today,
        timezone=timezone,
        rationale=rationale,
        route_reason=RouteReason(
            rule=decision.rule, unexplained=left, lookup_probability=decision.probability
        ),
    )
    if follow is not None and previous is not None:
        kept = [name for name in follow.fields if name == "intent" or getattr(plan, name)]
        plan.carried_from = CarriedFrom(query_id=previous.query_id, fields=kept)
    return plan


def _decide(text: str, today: date, found: Reading) -> tuple[Decision, list[str], Reading]:
    """The route, intent and tier, and the words left unexplained: a direct plan with any left
    becomes an open question (a table of numbers would not answer it)."""
    whole = found.norm.tokens  # the model reads the whole message, as it was fitted on
    named = found.platforms or found.metrics or found.unsupported or found.filters
    signals = signals_of(found, today, has_entities=bool(named))
    asked = without_purpose(found.body)
    decision = decide(without_platform_claims(asked), signals)
    checked = reconciled_figures(asked)
    context = context_words(text, today)
    # context stands around a request: a message all of whose words are context ("hows the
    # bristol gym doin") asks in them, and they must be explained
    context = context if not context.issuperset(whole) else frozenset()
    known = [
        *found.unsupported,
        *(["x"] if "twitter" in found.unsupported else []),
        *context,
        *titled_names(asked),
        *named_people(text),  # "the Meta spend for Rachel": who it is for asks nothing more
        *checked,
    ]
    # What the numbers are for, figures to check against the platform's: the rules read that
    # frame around the lookup, and the model (which reads "for the recap", "can you confirm" as
    # asking for more) does not overrule them.
    framed = asked != found.body or bool(checked) or without_platform_claims(asked) != asked
    left = unexplained(asked, found.periods.mentions, known)
    scene = None
    if left:  # the scene may explain what the question alone leaves unexplained
        places = found.norm.places
        names = [word for f in found.filters for word in name_tokens(f.value, places)]
        scene = background(text, today, [*found.unsupported, *names])
    # The last request alone decides when the scene before it asks nothing ("My boss wants a
    # deck. Pull LinkedIn leads for last year."); but "bullets: tiktok, l7d" asks for bullets.
    if scene is not None and (decision.route is Route.DIRECT or not scene.introduced):
        own = _request_reading(scene.request, today, found)
        own_named = own.platforms or own.metrics or own.unsupported or own.filters
        own_signals = signals_of(own, today, has_entities=bool(own_named))
        own_decision = decide(without_purpose(own.body), own_signals)
        # "Sept outlook. Seats, revenue, by platform.": a period not begun has no rows to
        # look up, so the scene's forecast is the question.
        if own_decision.route is Route.DIRECT and not own_signals.is_future:
            found, decision, left = own, own_decision, []
            named, signals = own_named, own_signals
    lookup = decision if decision.route is Route.DIRECT else None
    if decision.route is Route.DIRECT and left:
        # "can you remind me when the client QBR is?", "could you also look after our Amazon
        # ads?": no metric, platform, name, grouping or period of ours, nor how things go
        named_nothing = not (found.platforms or found.metrics or found.filters or found.group_by)
        if named_nothing and found.periods.defaulted and not asks_how_things_go(asked):
            decision = nothing_to_look_up()
        else:
            decision = open_question(decision)
    elif (
        decision.route is Route.DIRECT and not (named or found.group_by) and found.periods.defaulted
    ):
        decision = nothing_to_look_up()

    def as_lookup() -> Decision | None:
        if signals.is_future:  # a period not yet begun has no rows to look up
            return None
        return lookup or lookup_decision(without_platform_claims(asked), signals)

    if not _WHY_ALONE.search(text):
        decision = second_opinions(
            whole, decision, as_lookup, signals, asked, framed=framed, left=left
        )
    return decision, left, found


_WHY_ALONE = re.compile(
    r"(?i)(?:^|[.!?,:;–—-]\s*)(?:why|drivers|reasons?|causes?|root cause|explanation)\s*\?"
)
"""A why asked as its own question ("revenue down 18% for feb. drivers?"): the rules' reading
stands; the model reads the figures around it as a lookup's."""


def _request_reading(request: str, today: date, whole: Reading) -> Reading:
    """The reading of a message's last request, the scene before it filling in what the
    request leaves out ("My boss wants LinkedIn. Pull leads for last year."): platforms
    unless it asks for all of them, metrics, names and a period."""
    own = read(request, today)
    # "August close - orders by platform, with July alongside": the request's July is the
    # comparison the whole message reads, not the period asked
    compared = own.periods.compare_to is None and own.periods.date_range == whole.periods.compare_to
    compared = compared and BROUGHT_BESIDE.search(own.body) is not None
    # "We had a heat wave last week. Did it lift orders compared to the week before?": the
    # request names no period, only the one before the scene's
    unnamed = not own.periods.mentions and bool(whole.periods.mentions)
    platforms = own.platforms
    if not platforms and not ALL_PLATFORMS.search(own.body):
        platforms = whole.platforms
    return replace(
        own,
        platforms=platforms,
        metrics=own.metrics or whole.metrics,
        unsupported=own.unsupported or whole.unsupported,
        filters=own.filters or whole.filters,
        periods=whole.periods if own.periods.defaulted or compared or unnamed else own.periods,
    )


_NAMED_ROWS = ((FilterField.ACCOUNT, GroupBy.ACCOUNT), (FilterField.CAMPAIGN, GroupBy.CAMPAIGN))


def _final_group_by(decision: Decision, reading: Reading, rng: DateRange) -> list[GroupBy]:
    found = list(reading.group_by)
    platform_count = len(reading.platforms)
    if " separate" in reading.body and platform_count < 2 and split_only_apart(reading.body):
        # "Bolton and Wigan, each one separately": a row per name, not per platform
        for field, dim in _NAMED_ROWS:
            if sum(f.field is field for f in reading.filters) >= 2:
                found = [dim if g is GroupBy.PLATFORM else g for g in found]
                # "by day … for morningside and stockbridge, each one separate": and by day
                found = found if dim in found else [dim, *found]
        if all_premises(reading.body):  # "for all the studios … each one separate"
            found = [GroupBy.ACCOUNT, *found]
        if len(found) > 1:  # "for each studio separately", "each month separately"
            found = [g for g in found if g is not GroupBy.PLATFORM]
        found = list(dict.fromkeys(found))  # "Hamburg, Munich and Berlin, each city separately"
    accounts = sum(f.field is FilterField.ACCOUNT for f in reading.filters)
    if GroupBy.ACCOUNT not in found and one_row_per_account(reading.body, accounts):
        found.append(GroupBy.ACCOUNT)  # "Chorley and Wigan, March, one row each"
    if decision.route is Route.ANALYSIS:  # the analyst reads days itself; dimensions stay
        found = [g for g in found if g not in TIME_GRAINS]
        if platforms_only_listed(reading.body):
            found = [g for g in found if g is not GroupBy.PLATFORM]
        if platforms_compared(reading.body) and GroupBy.PLATFORM not in found:
            found.append(GroupBy.PLATFORM)  # "Meta vs TikTok … which one is doing better?"
        if among_premises(reading.body) and GroupBy.ACCOUNT not in found:
            found.append(GroupBy.ACCOUNT)  # "how should we split budget across the clinics?"
        if names_compared(reading.body):  # "why is Croydon doing worse than Bristol?"
            for field, dim in _NAMED_ROWS:
                named = [f for f in reading.filters if f.field is field]
                if len(named) >= 2 and dim not in found:
                    found.append(dim)
        return found
    intent = decision.intent
    per_platform = intent in (Intent.COMPARISON, Intent.BREAKDOWN) and platform_count >= 2
    per_platform = per_platform and not asks_total(reading.body)
    # "weekly CPM on Meta vs TikTok": a line each, over time
    per_platform = per_platform or (
        intent is Intent.TREND and platform_count >= 2 and platforms_compared(reading.body)
    )
    if decision.route is Route.DIRECT and per_platform and GroupBy.PLATFORM not in found:
        found.append(GroupBy.PLATFORM)  # "Google vs Meta" needs one row per platform
    # "Riverside vs Northgate sign-ups", "'Puppy Cover' vs 'Cat Cover'": a row each
    # With periods compared too, the names are a row each only where set against each other
    # ("Sunderland vs Durham, last week vs the week before"), not only listed.
    if decision.route is Route.DIRECT and intent is Intent.COMPARISON:
        side_by_side = not reading.periods.compare_to or names_compared(reading.body)
        for field, dim in _NAMED_ROWS:
            named = [f for f in reading.filters if f.field is field]
            if len(named) >= 2 and side_by_side and dim not in found:
                found.append(dim)
    # A direct trend needs a grain to chart; an open trend question is the model's to read.
    direct_trend = decision.route is Route.DIRECT and intent is Intent.TREND
    if direct_trend and not any(g in TIME_GRAINS for g in found):
        found.append(default_grain(rng))
    return found


def _ranking_for(intent: Intent, ranking: Ranking | None) -> Ranking | None:
    return ranking if intent is Intent.RANKING else None
