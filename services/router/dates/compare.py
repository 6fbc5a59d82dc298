"""The period asked about and the period it is compared with.

- No period named: the last 7 days (for "month over month" alone: last month).
- Two periods on either side of a comparison word ("vs", "compared to", "than", "against",
  "above", "below", "up or down from"): the one before it is the subject (`date_range`), the
  one after `compare_to` ("Q3 summary, Q3 vs Q2": the second Q3 and Q2). A comparison word
  before both ("compare Q3 and Q2"): the first two. A change from one period to another
  ("CPA doubled from the second week of October to the third week"; a change word is needed):
  the later one is the subject, the earlier `compare_to`; so too two past periods apart, each
  with a figure written beside it ("£48 a booking last month, it was £35 in Feb"). Other
  periods are joined into one
  span, leaving out any that has not begun when another has (a plan's horizon: "for the rest of
  the month, based on MTD" asks about MTD).
- A comparison word before "last", "previous" or "prior" with no unit ("this week vs last",
  "last 7 days vs prior 7", "compared to the previous 30"): the unit and length of the period
  before it, as if written out ("last week", "prior 7 days").
- "the week/month before", "the previous period", "week over week"/"WoW", "MoM", "QoQ",
  "DoD": the period before the subject (the one named nearest before the phrase). For a week,
  a subject of up to 7 days is compared with the same weekdays a week earlier; for a
  month/quarter/year, a subject starting on the unit's first day with the whole previous unit
  ("this month vs the month before" = all of last month); otherwise, and for "previous period",
  with the equal-length period just before. "The one before" steps back by the period named:
  as many whole months as it spans ("last 3 months vs the 3 before", "Q1 vs the one before"),
  a weekend by a week (`previous.py`).
- "like for like": `like_for_like.py`.
- "vs same period last year", "YoY", "vs last year" (when the subject is not a year): the
  subject shifted one year back, date for date; "the same week last year": shifted 52 weeks
  back, so a Monday-Sunday week meets the Monday-Sunday week a year earlier.
- Only a past period after a comparison word ("spend vs last week"): the subject is its
  current counterpart to date (this week), or the last 7 days when it has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.dates import periods as p
from services.router.dates.compare_words import (
    A_PLAN_AFTER,
    BETWEEN,
    CHANGE,
    MARKER,
    POINTING,
    SAID_TOGETHER,
    SAME_DAYS_IN,
    SAME_LAST,
    SHIFT_YEAR,
)
from services.router.dates.counterparts import counterpart_of, said_as_a_change
from services.router.dates.figures import (
    figured_pair,
    moved_between,
)
from services.router.dates.like_for_like import cut_to_subject
from services.router.dates.mentions import Mention, find_mentions
from services.router.dates.pairs import NEAR, compared_pair
from services.router.dates.placing import (
    coming_events,
    deadline,
    meeting_time,
    placed_in_week,
    places_another,
    up_to_today,
)
from services.router.dates.previous import PREVIOUS, relative_unit
from services.router.dates.restated import restated
from services.router.dates.roles import happened_on, made_from
from services.router.dates.year_away import holiday_years_away, year_before

_CHANGE_REACH = 40
"""How far before a lone period its change words are looked for ("down by about 20 percent on"
is 28 characters): only words right before it compare it, and a short search is cheap."""

DEFAULT_PERIOD_RULE = "date:default_last_7_days"
"""The rationale of a question that names no period."""
CARRIED_PERIOD_RULE = "date:carried"
"""The rationale of a follow-up that names no period of its own: the previous turn's."""


@dataclass(frozen=True, slots=True)
class Periods:
    """The resolved periods and the rules that decided them."""

    date_range: DateRange
    compare_to: DateRange | None
    rationale: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()
    """Every period phrase found (where it stands in the text)."""
    subject_carried: bool = False
    """The subject is the carried period: the text named only a comparison, or nothing."""

    @property
    def defaulted(self) -> bool:
        """True when the question named no period (the last 7 days stand in)."""
        return self.rationale[:1] in ((DEFAULT_PERIOD_RULE,), (CARRIED_PERIOD_RULE,))


def resolve_periods(text: str, today: date, carried: DateRange | None = None) -> Periods:
    """Subject and comparison periods named in normalized `text`. `carried` is the subject
    when the text names none (a follow-up's: "compare with the week before" is the week
    before the period the conversation was about); without it, the last 7 days."""
    mentions = coming_events(text, restated(text, find_mentions(text, today)))
    found = replace(_resolve(text, today, mentions, carried), mentions=tuple(mentions))
    cut = found.compare_to and cut_to_subject(text, found.date_range, found.compare_to)
    if cut is None:
        return found
    return replace(found, compare_to=cut, rationale=(*found.rationale, "compare:like_for_like"))


def _resolve(text: str, today: date, mentions: list[Mention], carried: DateRange | None) -> Periods:
    mentions = placed_in_week(text, mentions, today)
    if len(mentions) > 1:  # "monthly report for September": the month named, not last month
        mentions = [m for m in mentions if m.rule != "periodic_report"] or mentions
        # "Black Friday this year vs last": "this year" says which Black Friday
        mentions = [m for m in mentions if not places_another(text, m, mentions)]
    changed = CHANGE.search(text) is not None
    if (
        changed
        and len(mentions) == 1
        and mentions[0].rule == "month_span"
        and text.startswith("from ", mentions[0].start)
    ):
        # "conversions fell from February to March": a change, asked about the later month
        rng = mentions[0].rng
        first = p.month_range(rng.start.year, rng.start.month)
        last = p.clamp(p.month_range(rng.end.year, rng.end.month), today)
        return Periods(last, first, ("date:month_span_change", "compare:month_span_change"))
    if not changed:  # "Black Friday thru Cyber Monday", "June 1 through yesterday": one span
        mentions = _spans(text, mentions)
    # "the week before Black Friday" is a period of its own, not "compared with the week before".
    previous = next(
        (
            m
            for m in PREVIOUS.finditer(text)
            if not any(n.start <= m.start() + 1 < n.end and n.end > m.end() - 1 for n in mentions)
        ),
        None,
    )
    rel_unit = relative_unit(previous, mentions) if previous else None
    # A "previous week" that is not after a comparison word is simply last week, already found.
    if previous and previous["p"] and not MARKER.search(text[: previous.start() + 1]):
        rel_unit = None
    days_in = SAME_DAYS_IN.search(text)
    later = [m for m in mentions if days_in is not None and m.start >= days_in.end() - 1]
    earlier = [m for m in mentions if days_in is not None and m.end <= days_in.start() + 1]
    if days_in is not None and later and earlier:
        # "May so far vs the same days in April": as many days from the start of April (of the
        # periods before, the longest: "sorry for the Sunday message … June vs the same weeks
        # in May", "asked on Friday why orders this month are down vs the same days in May")
        longest = max(reversed(earlier), key=lambda m: m.rng.days)
        subject, month = longest.rng, later[0].rng
        end = min(month.end, month.start + timedelta(days=subject.days - 1))
        other = DateRange(start=month.start, end=end)
        return Periods(subject, other, (f"date:{longest.rule}", "compare:same_days_in"))
    same = SAME_LAST.search(text)
    if same is not None:
        # "30% lower than same period last month": its "last month" is the shift, and alone it
        # sets this month so far against as many days of the last
        mentions = [m for m in mentions if not same.start() <= m.start < same.end()]
        alone = p.to_date(today, same["unit"])
        subject = mentions[0].rng if mentions else carried or alone
        asked = [m for m in mentions if m.end <= same.start() + 1]
        if len(asked) > 1:  # "Mon and Tue vs the same days last week": both days
            subject = p.span(min(m.rng.start for m in asked), max(m.rng.end for m in asked))
        other = p.shifted(subject, same["unit"])
        rule = f"date:same_period_last_{same['unit']}"
        return Periods(subject, other, (rule,), subject_carried=_carries(mentions, carried))
    shift_year = SHIFT_YEAR.search(text)
    if shift_year is not None:
        # "the same week last year": its "last year" is the shift, not a period asked about
        mentions = [m for m in mentions if not shift_year.start() <= m.start < shift_year.end()]
        subject = mentions[0].rng if mentions else carried or p.last_days(today, 7)
        if len(mentions) > 1 and SAID_TOGETHER.fullmatch(text, mentions[0].end, mentions[1].start):
            subject = p.span(mentions[0].rng.start, mentions[1].rng.end)  # "NYE + NYD vs …"
        if shift_year["week"]:  # "the same week last year": the same weekdays, 52 weeks back
            other, rule = p.weeks_back(subject, 52), "date:same_week_last_year"
        else:
            named = mentions[0] if mentions else None
            other, rule = year_before(text, named, subject), "date:same_period_last_year"
        return Periods(
            subject,
            other,
            (rule,),
            subject_carried=_carries(mentions, carried),
        )
    if rel_unit is not None:
        limit = previous.start() if previous else len(text)
        subject = _subject_before(text, mentions, limit, today, rel_unit, carried)
        # "yesterday and the day before": both days, one span, nothing compared (a follow-up's
        # "and the day before?" names no day of its own: it asks for the day before the last)
        joined = (
            rel_unit in ("day", "week", "month", "quarter", "year")
            and previous is not None
            and previous["b"]
            and any(m.start < limit for m in mentions)
            and _JOINED_BEFORE.search(text, 0, limit + 1)
            and not MARKER.search(text, 0, limit + 1)
            and not _TO_COMPARE.search(text, previous.end() - 1)
        )
        if joined:
            span = DateRange(start=p.period_before(subject, rel_unit).start, end=subject.end)
            return Periods(span, None, (f"date:with_previous_{rel_unit}",))
        return Periods(
            subject,
            p.period_before(subject, rel_unit),
            (f"date:previous_{rel_unit}",),
            subject_carried=carried is not None and not any(m.start < limit for m in mentions),
        )
    return _from_mentions(text, mentions, today, carried)


_JOINED_BEFORE = re.compile(r" (?:and|&|plus) $")
_TO_COMPARE = re.compile(r" (?:compare|compared|comparison|side by side) ")
""""last week, and the week before that as well so she can compare": set side by side."""


_SPAN_WORD = re.compile(r" (?:to|through|thru|until|till|-) ")


def _spans(text: str, mentions: list[Mention]) -> list[Mention]:
    """Periods joined by a range word ("Black Friday thru Cyber Monday"), in order and not
    compared ("compare this week to last week"), as one span."""
    joined: list[Mention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and _SPAN_WORD.fullmatch(text, last.end, mention.start)
            and last.rng.start <= mention.rng.start
            and not MARKER.search(text, max(0, last.start - NEAR), last.start + 1)
        ):
            # "Q3 until yesterday": the stretch ends on the day said, not on the period's to date
            end = (
                mention.rng.end
                if mention.rule == "yesterday"
                else max(last.rng.end, mention.rng.end)
            )
            rng = p.span(last.rng.start, end)
            joined[-1] = Mention(last.start, mention.end, rng, "span_" + last.rule, None)
        else:
            joined.append(mention)
    return joined


def _pair_periods(text: str, first: Mention, second: Mention) -> Periods:
    other = second.rng
    if second.rule == "last_year" and first.unit != "year" and first.rule != "year":
        other = year_before(text, first, first.rng)
    elif other == first.rng and second.rule == "named_month":
        # "this November than last November": the month a year before
        other = p.same_period_last_year(first.rng)
    elif other == first.rng and (second.rule == "weekday" or "weekend" in second.rule):
        # "yesterday vs last Thursday", asked on a Friday: the Thursday a week before; "sat +
        # sun vs the previous weekend": the weekend before
        other = p.weeks_back(first.rng, 1)
    elif other == first.rng and text.endswith(" last year", second.start, second.end):
        # "boxing day vs boxing day last year" asked in January: "last year" read from the
        # day itself, a year before it
        other = year_before(text, first, first.rng)
    elif other == first.rng:  # "last 30 days vs previous 30 days"
        other = p.previous_period(first.rng)
    elif second.rule == first.rule == "holiday" and other.days < first.rng.days:
        # "Easter weekend vs last year's Easter": that year's Easter weekend, not its Sunday
        years = other.start.year - first.rng.start.year
        whole = holiday_years_away(text, first, years) if years < 0 else None
        if whole is not None and whole.start <= other.start and other.end <= whole.end:
            other = whole
    return Periods(first.rng, other, (f"date:{first.rule}", f"compare:{second.rule}"))


def _with_days_joined(text: str, mentions: list[Mention], asked: Mention) -> Mention:
    """`asked` with the days named just before it and joined to it ("sat + sun vs the previous
    weekend", "Monday and Tuesday vs …"): one span of all of them."""
    at = mentions.index(asked)
    first = asked
    while at > 0:
        before = mentions[at - 1]
        if before.rule != "weekday" or not SAID_TOGETHER.fullmatch(text, before.end, first.start):
            break
        first, at = before, at - 1
    if first is asked:
        return asked
    rng = p.span(first.rng.start, max(first.rng.end, asked.rng.end))
    return Mention(first.start, asked.end, rng, asked.rule, asked.unit)


def _carries(mentions: list[Mention], carried: DateRange | None) -> bool:
    return carried is not None and not mentions


def _subject_before(
    text: str,
    mentions: list[Mention],
    limit: int,
    today: date,
    unit: str,
    carried: DateRange | None,
) -> DateRange:
    named = [m for m in mentions if m.start < limit]
    if named:  # "launched on the 9th … week of Nov 9 vs the week before": the nearest one
        # … with the days said together just before it ("sat + sun vs the weekend before")
        first = len(named) - 1
        while (
            first > 0
            and SAID_TOGETHER.fullmatch(text, named[first - 1].end, named[first].start)
            and named[first - 1].rng.end + timedelta(days=1) == named[first].rng.start
        ):
            first -= 1
        return p.span(named[first].rng.start, named[-1].rng.end)
    if carried is not None:  # a follow-up's "compare with the previous week": the carried one's
        return carried
    if mentions:
        return mentions[0].rng
    if unit in ("month", "quarter"):  # "MoM" alone: the last whole month against the one before
        return p.last_months(today, 1) if unit == "month" else p.last_quarters(today, 1)
    return p.last_days(today, 7)


def _from_mentions(
    text: str, mentions: list[Mention], today: date, carried: DateRange | None
) -> Periods:
    # "any red flags before the client QBR next week?": the meeting's week is the scene
    mentions = [m for m in mentions if not meeting_time(text, m)]
    if not mentions:
        if carried is not None:
            return Periods(carried, None, (CARRIED_PERIOD_RULE,), subject_carried=True)
        return Periods(p.last_days(today, 7), None, (DEFAULT_PERIOD_RULE,))
    if len(mentions) >= 2:  # "July … Google vs Meta … to send over on Monday": a deadline
        mentions = [m for m in mentions if not deadline(text, m)] or mentions
    first = mentions[0]
    if len(mentions) >= 2:
        pair = compared_pair(text, mentions)
        if pair is not None:
            return _pair_periods(text, _with_days_joined(text, mentions, pair[0]), pair[1])
        each = figured_pair(text, mentions, today)
        if each is not None:
            later, earlier = each
            return Periods(later.rng, earlier.rng, (f"date:{later.rule}", "compare:figure_each"))
        # A plan's horizon ("for the rest of the month … based on mtd") is not data to read.
        # A day or period that begins today beside past ones is the scene's or a deadline's
        # ("how July went … send it Friday", "Q1 wrap-up … what we'd do in Q2", "sorry to
        # bother you on New Year's Day … last year"), unless the question asks up to today
        # ("2025 until today", "the quarter ends today"): "my last question today", "looking at
        # the dashboard this morning" are the scene.
        past = [m for m in mentions if m.rng.start < today or up_to_today(text, m)]
        past = past or [m for m in mentions if m.rng.start <= today] or mentions
        # "for August … wants it for Thursday", "for the board of Thursday": a deadline
        past = [m for m in past if not deadline(text, m)] or past
        # "more of the budget in March, going off February's bookings": the data is February
        basis = made_from(text, past)
        if basis and len(basis) < len(past):
            rng = p.span(min(m.rng.start for m in basis), max(m.rng.end for m in basis))
            return Periods(rng, None, (f"date:{basis[0].rule}", "date:basis"))
        moved = moved_between(text, past)
        if moved is not None:
            later, earlier = moved
            return Periods(later.rng, earlier.rng, (f"date:{later.rule}", "compare:moved_between"))
        joined = p.span(min(m.rng.start for m in past), max(m.rng.end for m in past))
        return Periods(joined, None, ("date:joined_mentions",))
    before = text[: first.start]
    # "passes down 20% on last wk": a change against the period is a comparison with it too
    reach = max(0, len(before) - _CHANGE_REACH)
    marker = MARKER.search(before) or BETWEEN.search(before, reach)
    if marker and happened_on(first, before, reach):
        marker = None
    planned = A_PLAN_AFTER.match(text, first.end)
    if marker and not planned and not POINTING.sub(" ", before[marker.end() - 1 :]).strip():
        if carried is not None:  # "how does that compare to last year?" after a question
            other = first.rng
            if first.rule == "last_year" and carried.days < 365:
                other = p.same_period_last_year(carried)
            rules = (CARRIED_PERIOD_RULE, f"compare:{first.rule}")
            return Periods(carried, other, rules, subject_carried=True)
        changed = said_as_a_change(before)  # "up 30% on April", not "vs April"
        subject = counterpart_of(first.unit, first.rng, today, changed=changed)
        return Periods(
            subject, first.rng, ("date:counterpart_of_compared", f"compare:{first.rule}")
        )
    return Periods(first.rng, None, (f"date:{first.rule}",))
