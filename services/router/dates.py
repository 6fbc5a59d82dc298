"""Date phrases: find every period a normalized question names, resolved against today.

Each rule is a regex over `Normalized.text` and a resolver; overlapping matches are settled by
earliest start, then longest match. Conventions are in `periods.py`; the phrase-level choices:
- "past", "previous", "prior", "trailing" and "preceding" mean the same as "last"
  ("past week" = the previous Monday-Sunday, "past 14 days" = the 14 days before today);
- "L7D"/"L30D"/"7d" = last N days; "fortnight" = 14 days; "N days ago" = that single day;
- slash dates are US month/day ("11/03" = 3 November) unless the first number cannot be a
  month ("25/10" = 25 October);
- "since <period>" and "starting <period>" run from the period's first day to today;
- a span whose endpoints have no year ("Oct 5 to Oct 12") starts on the most recent occurrence
  of its first day not in the future and ends after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router import dateresolvers as r
from services.router import periods as p
from services.router.datewords import MONTH_RE, NUM_RE, day_re, number

_LAST = r"(?:last|past|previous|prior|trailing|preceding|this past)"


@dataclass(frozen=True, slots=True)
class Mention:
    """One period named in the question."""

    start: int
    end: int
    rng: DateRange
    rule: str
    unit: str | None  # calendar unit of a "last <unit>" phrase: its counterpart is "this <unit>"


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: r.Resolver
    unit: str | None = None


def _rule(name: str, regex: str, resolve: r.Resolver, unit: str | None = None) -> _Rule:
    return _Rule(name, re.compile(r"(?<= )(?:" + regex + r")(?= )"), resolve, unit)


_UNIT_ALT = r"(?P<unit>day|week|month|quarter|year)"
_FULL = r"(?:full |complete |whole |calendar )?"
_MONTH_YEAR = rf"(?P<mon>{MONTH_RE})(?: (?P<year>\d{{4}}))?"
_COUNT_WEEKS = r"(?:(?P<n>two|three|2|3) weeks|week)"
_RULES: tuple[_Rule, ...] = (
    _rule(
        "week_of",
        r"(?:the )?week (?:(?P<rel>of|starting|beginning|commencing|ending|ended|from|to)"
        rf"(?: on)? ){day_re('a')}",
        r.week_of,
    ),
    _rule(
        "week_of_month",
        r"(?:the )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final) "
        rf"{_COUNT_WEEKS} (?:of|in) {_MONTH_YEAR}",
        r.week_of_month,
    ),
    _rule(
        "half_of_month",
        rf"(?:the )?(?P<half>first|second|1st|2nd|front|back|latter) half of {_MONTH_YEAR}",
        r.half_of_month,
    ),
    _rule(
        "half_of_year",
        r"(?:the )?(?P<half>first|second|1st|2nd|latter) half of (?:(?P<y>(?:19|20)\d\d)"
        r"|(?:the |(?P<which>this|last) )year)|(?P<h>h1|h2)(?: (?P<y2>(?:19|20)\d\d))?",
        r.half_of_year,
    ),
    _rule(
        "part_of_month",
        r"(?:the )?(?P<part>early|mid|late|beginning of|start of|middle of|end of) "
        rf"(?:the month of )?{_MONTH_YEAR}",
        r.part_of_month,
    ),
    _rule(
        "the_current_unit",
        r"(?:for|in|over|during|across|throughout) the (?P<unit>week|month|quarter|year)"
        r"(?! (?:before|after|of|ago|prior|to date|so far))",
        lambda m, t: p.to_date(t, r.UNITS[m["unit"]]),
    ),
    _rule(
        "over_the_weekend",
        r"(?:over|during|at|on|across) the weekend|over the weekend",
        r.fixed(lambda t: p.clamp(p.latest_weekend(t), t)),
    ),
    _rule(
        "span",
        rf"(?:between |from )?{day_re('a')} (?:and|to|through|thru|until|till|-) "
        rf"{day_re('b')}",
        r.span,
    ),
    _rule(
        "span",
        rf"(?:between |from )?(?P<mon>{MONTH_RE}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)? "
        r"(?:and|to|through|thru|until|till|-) (?P<d2>\d{1,2})(?:st|nd|rd|th)?"
        r"(?: (?P<year>\d{4}))?",
        r.short_span,
    ),
    _rule(
        "month_span",
        rf"from (?P<m1>{MONTH_RE}) (?:to|through|thru|until|till|-) "
        rf"(?P<m2>{MONTH_RE})",
        r.month_span,
    ),
    _rule("day", day_re("a"), r.single_day),
    _rule("today", r"today|so far today", r.fixed(lambda t: DateRange(start=t, end=t))),
    _rule(
        "yesterday",
        r"yesterday|yday|yest|last day|past day|past 24 hours|last 24 hours",
        r.fixed(lambda t: p.last_days(t, 1)),
    ),
    _rule(
        "day_before_yesterday",
        r"(?:the )?day before yesterday",
        r.fixed(lambda t: r.one_day(t - timedelta(days=2)) or p.last_days(t, 1)),
    ),
    _rule(
        "last_n_days",
        rf"l(?P<n>\d+)d|{_LAST} (?P<n2>{NUM_RE}) ?(?:days|d)|(?P<n3>\d+)d",
        r.last_n("day"),
    ),
    _rule("fortnight", rf"(?:{_LAST} )?fortnight", r.fixed(lambda t: p.last_days(t, 14))),
    _rule(
        "last_week",
        rf"{_LAST} {_FULL}(?:(?P<n>{NUM_RE}) )?{_FULL}weeks?",
        r.last_n("week"),
        "week",
    ),
    _rule(
        "week_before_last",
        r"(?:the )?week before last",
        r.fixed(lambda t: p.shifted(p.last_weeks(t, 1), "week")),
        "week",
    ),
    _rule(
        "last_month",
        rf"{_LAST} {_FULL}(?:(?P<n>{NUM_RE}) )?{_FULL}months?",
        r.last_n("month"),
        "month",
    ),
    _rule(
        "last_quarter", rf"{_LAST} (?:(?P<n>{NUM_RE}) )?quarters?", r.last_n("quarter"), "quarter"
    ),
    _rule("last_year", rf"{_LAST} (?:(?P<n>{NUM_RE}) )?years?", r.last_n("year"), "year"),
    _rule("last_weekend", rf"(?:{_LAST} |the )weekend", r.fixed(p.last_weekend)),
    _rule(
        "next_n_days",
        rf"next (?P<n>{NUM_RE}) days|coming (?P<n2>{NUM_RE}) days",
        lambda m, t: DateRange(start=t + timedelta(1), end=t + timedelta(number(r.count_text(m)))),
    ),
    _rule(
        "next_unit",
        rf"(?:next|coming|following|upcoming) (?:(?P<n>{NUM_RE}) )?{_UNIT_ALT}s?",
        r.next_units,
    ),
    _rule(
        "rest_of",
        rf"(?:rest|remainder) of (?:the |this )?{_UNIT_ALT}",
        lambda m, t: p.rest_of(t, r.UNITS[m["unit"]]),
    ),
    _rule(
        "end_of",
        rf"(?:by |until |through )?(?:the )?(?:end of (?:the |this )?{_UNIT_ALT}"
        rf"|(?P<unit2>month|quarter|year) end|(?:the )?(?P<unit3>month|quarter|year) ends)",
        lambda m, t: p.unit_range(t, r.UNITS[m["unit"] or m["unit2"] or m["unit3"]]),
    ),
    _rule(
        "periodic_report",
        r"(?P<unit>week|month|quarter|year)ly(?= (?:report|summary|recap"
        r"|review|update|digest))",
        lambda m, t: r.last_n(m["unit"])(m, t),
        "report",
    ),
    _rule("days_ago", rf"(?P<n>{NUM_RE}) days? ago", r.days_ago),
    _rule(
        "day_of_month",
        r"(?:on )?the (?P<dom>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)",
        r.day_of_month,
    ),
    _rule(
        "this_week", r"(?:this|current) week|week to date|wtd|so far this week", r.to_date("week")
    ),
    _rule(
        "this_month",
        r"(?:this|current) month|month to date|mtd|so far this month|(?:the )?month so far",
        r.to_date("month"),
    ),
    _rule("this_quarter", r"(?:this|current) quarter|quarter to date|qtd", r.to_date("quarter")),
    _rule(
        "this_year", r"(?:this|current) year|year to date|ytd|so far this year", r.to_date("year")
    ),
    _rule(
        "start_of",
        rf"(?:the )?(?:start|beginning) of (?:the |this )?{_UNIT_ALT}",
        lambda m, t: p.to_date(t, r.UNITS[m["unit"]]),
    ),
    _rule(
        "named_month",
        rf"(?P<last>last )?(?P<mon>{MONTH_RE})(?: (?P<year>\d{{4}})| (?P<ly>(?:of )?last year))?",
        r.named_month,
    ),
    _rule(
        "quarter",
        r"q(?P<q>[1-4])(?: (?P<year>\d{4}))?|(?P<qw>first|second|third|fourth|1st"
        r"|2nd|3rd|4th) quarter(?: of (?P<year2>\d{4}))?",
        r.named_quarter,
    ),
    _rule("year", r"(?P<y>(?:19|20)\d\d)", r.whole_year),
    _rule(
        "black_friday",
        r"(?P<bfcm>bfcm|black friday cyber monday)|black friday(?P<cyber>"
        r" weekend)?(?: (?P<year>\d{4}))?|(?P<cm>cyber monday)",
        r.black_friday,
    ),
    _rule(
        "weekday",
        r"(?:last |on |this past )?(?P<wd>monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday)",
        r.weekday,
    ),
)


def find_mentions(text: str, today: date) -> list[Mention]:
    """Every period named in `text`, in order, without overlaps."""
    candidates: list[Mention] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(text):
            rng = rule.resolve(m, today)
            if rng is not None:
                candidates.append(Mention(m.start(), m.end(), rng, rule.name, rule.unit))
    candidates.sort(key=lambda c: (c.start, c.start - c.end))
    chosen: list[Mention] = []
    for cand in candidates:
        if not chosen or cand.start >= chosen[-1].end:
            chosen.append(_since(text, _relative(text, _around(text, cand, today), today), today))
    return sorted([*chosen, *_bare_halves(text, chosen, today)], key=lambda m: m.start)


_BARE_HALF = re.compile(r"(?<= )(?:the )?(?P<half>first|second|1st|2nd|other) half(?! of)(?= )")


def _bare_halves(text: str, chosen: list[Mention], today: date) -> list[Mention]:
    """ "the first half of October vs the second half": the second is October's too."""
    month = next((m for m in chosen if m.rule == "half_of_month"), None)
    if month is None:
        return []
    found = []
    for m in _BARE_HALF.finditer(text):
        if any(c.start <= m.start() < c.end for c in chosen):
            continue
        whole = p.month_range(month.rng.start.year, month.rng.start.month)
        half = 1 if m["half"] in ("first", "1st") else 2
        if m["half"] == "other":
            half = 2 if month.rng.start.day == 1 else 1
        rng = p.clamp(p.half_of_month(whole, half), today)
        found.append(Mention(m.start(), m.end(), rng, "half_of_month", None))
    return found


_AROUND = re.compile(r" (?:around|circa|approximately|approx|roughly|on or around|near|close to) $")
_AROUND_DAYS = 3


def _around(text: str, mention: Mention, today: date) -> Mention:
    """'around Nov 10' is the day and three days either side (cut at today)."""
    found = _AROUND.search(text[: mention.start])
    if found is None or mention.rng.days != 1:
        return mention
    rng = p.clamp(p.around(mention.rng.start, _AROUND_DAYS), today)
    return Mention(found.start() + 1, mention.end, rng, "around_" + mention.rule, None)


_RELATIVE = re.compile(
    rf" (?:in )?(?:the )?(?:(?P<n>{NUM_RE}) (?P<units>days|weeks)|(?P<unit>day|week|fortnight))"
    r" (?P<dir>before|after|prior to|ahead of|leading up to|following|preceding)"
    r" $| (?:in )?the (?:run|lead) up to $"
)
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14}
_AFTER = frozenset({"after", "following"})


def _relative(text: str, mention: Mention, today: date) -> Mention:
    """'the week before Black Friday' is the 7 days just before it; 'after' likewise."""
    found = _RELATIVE.search(text[: mention.start])
    if found is None:
        return mention
    unit = found["unit"] or found["units"] or "week"  # "the run-up to" is the week before
    days = _UNIT_DAYS[unit] * (number(found["n"]) if found["n"] else 1)
    if not 1 <= days <= 366:
        return mention
    if found["dir"] in _AFTER:
        rng = p.clamp(p.days_after(mention.rng, days), today)
    else:
        rng = p.days_before(mention.rng, days)
    return Mention(found.start() + 1, mention.end, rng, "relative_" + mention.rule, None)


_SINCE = re.compile(
    r" (?:since|starting(?: from| on)?|beginning)(?: the (?:start|beginning) of(?: the)?)? $"
    r"| since (?:[a-z]+ ){1,6}(?:on|in) $"  # "since the new creatives went live on Nov 2"
)


def _since(text: str, mention: Mention, today: date) -> Mention:
    """'since Oct 3' runs from the period's first day to today."""
    found = _SINCE.search(text[: mention.start])
    if found is None or mention.rng.start > today:
        return mention
    rng = DateRange(start=mention.rng.start, end=today)
    return Mention(found.start() + 1, mention.end, rng, "since_" + mention.rule, None)
