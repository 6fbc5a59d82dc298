"""Date phrases: find every period a normalized question names, resolved against today.

Each rule of `rules.py` is a regex over `Normalized.text` and a resolver; overlapping matches
are settled by earliest start, then longest match. Conventions are in `periods.py`; the
phrase-level choices:
- "past", "previous", "prior", "trailing" and "preceding" mean the same as "last"
  ("past week" = the previous Monday-Sunday, "past 14 days" = the 14 days before today);
- "L7D"/"L30D"/"7d" = last N days; "fortnight" = 14 days; "N days ago" = that single day;
- slash dates are US month/day ("11/03" = 3 November) unless the first number cannot be a
  month ("25/10" = 25 October); a span's two ends are read alike, as day/month when one must be
  or when they share their second number ("3/11 to 9/11" = 3-9 November);
- "since <period>" and "starting <period>" run from the period's first day to today;
- a span whose endpoints have no year ("Oct 5 to Oct 12") starts on the most recent occurrence
  of its first day not in the future and ends after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.dates import periods as p
from services.router.dates.holidays import NAMES as HOLIDAY_NAMES
from services.router.dates.needs import present_needs
from services.router.dates.rules import RULES
from services.router.dates.words import NUM_RE, number


@dataclass(frozen=True, slots=True)
class Mention:
    """One period named in the question."""

    start: int
    end: int
    rng: DateRange
    rule: str
    unit: str | None  # calendar unit of a "last <unit>" phrase: its counterpart is "this <unit>"


_DIGIT = re.compile(r"\d")
_ANY_RULE = re.compile(
    "|".join(re.sub(r"\(\?P<\w+>", "(?:", rule.pattern.pattern) for rule in RULES)
)


_RULE_NEEDS = tuple((rule, frozenset(rule.needs)) for rule in RULES)


def names_period(text: str, today: date) -> bool:
    """Whether `text` names a period: one scan rules out most short clauses, which name none."""
    return bool(_ANY_RULE.search(text)) and bool(find_mentions(text, today))


def find_mentions(text: str, today: date) -> list[Mention]:
    """Every period named in `text`, in order, without overlaps."""
    candidates: list[Mention] = []
    present = present_needs(text, _DIGIT.search(text) is not None)
    for rule, needs in _RULE_NEEDS:
        if needs and needs.isdisjoint(present):
            continue
        for m in rule.pattern.finditer(text):
            rng = rule.resolve(m, today)
            if rng is not None:
                candidates.append(Mention(m.start(), m.end(), rng, rule.name, rule.unit))
    candidates.sort(key=lambda c: (c.start, c.start - c.end))
    chosen: list[Mention] = []
    for cand in candidates:
        if not chosen or cand.start >= chosen[-1].end:
            chosen.append(_since(text, _relative(text, _around(text, cand, today), today), today))
    chosen = [m for m in chosen if not _coming_event(text, m, today)]
    chosen = _without_stated_holidays(text, chosen, today)
    chosen = [_up_to_now(text, m, chosen, today) for m in chosen]
    # the bare weeks first: one may take the place of a mention it reads better ("to the 2nd")
    weeks = _bare_weeks(text, chosen, today)
    found = [*_same_weeks(text, chosen, today), *_bare_halves(text, chosen, today), *weeks]
    found.sort(key=lambda m: m.start)
    return sorted([*found, *_elided(text, found, today)], key=lambda m: m.start)


_EVENT = re.compile(
    r"(?:christmas|xmas|boxing day|new years?|nye|halloween|valentines?|thanksgiving"
    r"|black friday|cyber monday|bfcm)"
)
_AHEAD = re.compile(
    r" (?:before|until|till|ahead of|in time for|pre|pre -|heading into|going into|leading into"
    r"|(?:log|logs|sign|signs|clock|clocks|knock|head|break) off for|break up for|shut down for"
    r"|close for|(?:fine|ok|okay|enough|ready|set) for) $"
)
_PUSH = re.compile(r" (?:push|prep|planning|rush|countdown|run up|build up)(?= )")
"""The coming event's push ("xmas push — fb or tt?" in December): not last year's day."""
_COMING = re.compile(r" (?:coming|approaching|around the corner|on the way|looming|ahead)(?= )")
"""… or "with Christmas coming": the coming one too."""
_COMING_DAYS = 62


def _coming_event(text: str, mention: Mention, today: date) -> bool:
    """ "push budget before Christmas" in November: the coming Christmas, a deadline and not
    last year's day to read."""
    if not _EVENT.match(text, mention.start):
        return False
    ahead = (
        _AHEAD.search(text[: mention.start])
        or (text.endswith(" with ", 0, mention.start) and _COMING.match(text, mention.end))
        or _PUSH.match(text, mention.end)
    )
    if not ahead:
        return False
    coming = p.shift_year(mention.rng.start, 1)
    return today < coming and (coming - today).days <= _COMING_DAYS


_SAME_WEEK = re.compile(r" (?:the )?same week (?:(?:in|of) )?$")


def _same_weeks(text: str, chosen: list[Mention], today: date) -> list[Mention]:
    """ "the first week of June vs the same week in May": May's first week, not all of May."""
    week = next((m for m in chosen if m.rule == "week_of_month"), None)
    if week is None:
        return chosen
    start = week.rng.start
    whole = p.month_range(start.year, start.month)
    ordinal = (start.day - 1) // 7 + 1 if (start.day - 1) % 7 == 0 else 0  # 0: the last week
    return [
        Mention(
            m.start, m.end, p.clamp(p.weeks_of_month(m.rng, ordinal, 1), today), week.rule, None
        )
        if m.start > week.end
        and m.rule in ("named_month", "last_month")
        and _SAME_WEEK.search(text, 0, m.start)
        and whole != m.rng
        else m
        for m in chosen
    ]


_HOLIDAY_IS = re.compile(
    rf"(?P<holiday>(?:{HOLIDAY_NAMES})) (?:(?P<is>is|s|s on|is on|on|falls on) )?"
    r"(?:this |next )?$"
)
_WHEN_ALONE = frozenset({"this_weekend", "next_unit", "weekday", "tomorrow"})


def _without_stated_holidays(text: str, chosen: list[Mention], today: date) -> list[Mention]:
    """ "Mother's Day is Sunday!! Is Meta pacing ok this week?", "Mothering Sunday's on the
    19th": when a coming holiday falls is the scene, not a period asked about; both go."""
    stated: set[int] = set()
    for i, m in enumerate(chosen):
        said = _HOLIDAY_IS.search(text, max(0, m.start - 40), m.start)
        if said is None or (said["is"] is None and m.rule not in _WHEN_ALONE):
            continue
        if m.rng.end < today and m.rule not in ("weekday", "day_of_month"):
            continue  # "Easter was last week": a holiday gone by is data
        stated.add(i)
        stated.update(j for j, h in enumerate(chosen) if said.start() <= h.start < said.end())
    return [m for i, m in enumerate(chosen) if i not in stated]


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


_BARE_WEEK = re.compile(
    r"(?<= )(?:the )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th) week(?! of| in)(?= )"
    r"|(?<= )the (?P<last>last|final) week(?! of| in| before)(?= )"
    r"|(?<= between )the (?P<ahead>first|second|third|1st|2nd|3rd)"
    r"(?= and (?:the )?(?:second|third|fourth|last|2nd|3rd|4th) week of )"
    r"|(?:(?<= to )|(?<= vs )|(?<= versus )|(?<= against )|(?<= and ))"
    r"the (?P<elided>second|third|fourth|2nd|3rd|4th|last)"
    r"(?= (?:-|what|why|how|whats|and|but|so|any|anything|is|was|did|pls|please|thanks|on|for"
    r"|across|explain|the|we|i|our|this|can|could|would|it|they) | ?$)"
)
"""A week of the month by its ordinal, its "week" left out after the first ("from the first
week of June to the second") or before the last ("between the first and the second week of
September")."""


def _bare_weeks(text: str, chosen: list[Mention], today: date) -> list[Mention]:
    """ "the second week of October to the third week": the third is October's too."""
    month = next((m for m in chosen if m.rule == "week_of_month"), None)
    if month is None:
        return []
    whole = p.month_range(month.rng.start.year, month.rng.start.month)
    found = []
    for m in _BARE_WEEK.finditer(text):
        # "the last week" beside "the first week of April" is April's last week, not the
        # calendar's: it replaces the `last_week` reading of its words.
        inside = [c for c in chosen if c.start <= m.start() < c.end]
        # "… to the second" after a week of the month is its second week, not the 2nd; so is
        # "vs the 1st week".
        numeral = (m["ord"] or "")[:1].isdigit()
        elided = m["elided"] or m["ahead"] or numeral
        replaces = "last_week" if m["last"] else "day_of_month" if elided else None
        if inside and not all(c.rule == replaces for c in inside):
            continue
        for c in inside:
            chosen.remove(c)
        which = m["ord"] or m["elided"] or m["ahead"]
        ordinal = 0 if m["last"] or which == "last" else number(which)
        rng = p.clamp(p.weeks_of_month(whole, ordinal, 1), today)
        found.append(Mention(m.start(), m.end(), rng, "week_of_month", None))
    return found


_ELIDED = re.compile(
    r" (?:vs|versus|against|than|compared? (?:to|with|against)|comparing (?:to|with|against)|from"
    r"|on) (?:the )?"
    r"(?P<span>(?P<which>last|previous|prior|preceding)(?: (?P<n>\d+))?)(?= )"
)
_UNIT_OF_RULE = (
    ("weekend", "weekend"),  # "this weekend vs last": the last weekend, not the last week
    ("week", "week"),
    ("month", "month"),
    ("quarter", "quarter"),
    ("year", "year"),
)


def _elided(text: str, found: list[Mention], today: date) -> list[Mention]:
    """ "this week vs last", "the last 7 days vs prior 7": the unit left out after a comparison
    word is the compared period's ("last week", "prior 7 days"), read as if it were written."""
    extra = []
    for m in _ELIDED.finditer(text):
        start, end = m.start("span"), m.end("span")
        if any(c.start < end and start < c.end for c in found):
            continue  # "vs last week" names its unit
        subject = next((c for c in reversed(found) if c.end <= start), None)
        phrase = _elided_phrase(subject, m["which"], m["n"]) if subject else None
        if phrase is None:
            continue
        written = find_mentions(f" {phrase} ", today)
        if len(written) == 1:  # the written-out phrase's own rule, so it compares the same way
            rng, rule, unit = written[0].rng, written[0].rule, written[0].unit
            extra.append(Mention(start, end, rng, rule, unit))
    return extra


def _elided_phrase(subject: Mention, which: str, n: str | None) -> str | None:
    """The period phrase an elided comparison stands for, by the unit of its subject."""
    if subject.rule in ("last_n_days", "yesterday", "today"):
        return f"{which} {n or subject.rng.days} days"
    if not subject.rule.startswith(("this_", "last_")):
        return None
    unit = next((u for key, u in _UNIT_OF_RULE if key in subject.rule), None)
    if unit is None:
        return None
    if "fiscal" in subject.rule:  # "this fiscal year vs last": the last fiscal year
        unit = f"fiscal {unit}"
    return f"{which} {n} {unit}s" if n else f"{which} {unit}"


_AROUND = re.compile(
    r"(?<! since)(?<! from) (?:around|circa|approximately|approx|roughly|on or around|near"
    r"|close to) $"
)
"""Before a day said roughly; "since around the 10th" starts on the 10th (`_SINCE`)."""
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


_EVENT_WORD = r"(?:[a-z][a-z0-9.]*|\d+\.\d+) "
"""A word of an event's name, a version number among them ("iOS 14.5")."""
_SINCE = re.compile(
    r" (?:since|starting(?: from| on)?|beginning)(?: (?:about|around|roughly|approximately"
    r"|approx|circa))?(?: the (?:start|beginning) of(?: the)?)? $"
    rf"| since (?:{_EVENT_WORD}){{1,6}}(?:on|in) $"  # "since the new creatives went live on Nov 2"
    rf"| since (?P<event>(?:{_EVENT_WORD}){{1,6}})$"  # "since we launched" + "on the 3rd"
)


_FROM_THEN = re.compile(
    r" (?:since then|until now|till now|up to now|up until now|so far)(?= )(?! this| today| in )"
    r"(?! behind| ahead| off| below| above| away| out| down| up| from| better| worse)"
)
"""After a day or a month, what has come since ("Season kicked off on 10 Aug. Weekly spend
since then?", "sold since Sept 1 … so far", "from July until now")."""
_START_OF = re.compile(r"the (?:start|beginning) of (?:the )?[a-z]+ $")
"""An event the mention dates ("since the start of the season (1 Aug)")."""
_BEGAN = re.compile(r" (?:kicked off|launched|started|began|went live|went out|opened) $")
"""An event's start with its day right after it ("since the spring promo kicked off apr 1")."""
_AFTER_DAY = re.compile(r" after $")
_EVER_SINCE = re.compile(r" and (?:[a-z]+ ){1,4}(?:ever )?since(?= $| -| why| what| how| is| any)")
"""A day and what has held ever since ("jumped on Jan 5 and has stayed high since")."""


def _up_to_now(text: str, mention: Mention, chosen: list[Mention], today: date) -> Mention:
    """A day or a month, then what has come since, before any other period is named ("Season
    kicked off on 10 Aug. Weekly spend since then?"; not "May … June so far"): to today."""
    if mention.rule not in ("day", "named_month") or mention.rng.end >= today:
        return mention
    then = _FROM_THEN.search(text, mention.end)
    if then is None or any(mention.end <= m.start < then.start() for m in chosen):
        return mention
    rng = DateRange(start=mention.rng.start, end=today)
    return Mention(mention.start, mention.end, rng, "since_" + mention.rule, None)


def _since(text: str, mention: Mention, today: date) -> Mention:
    """'since Oct 3' runs from the period's first day to today; 'after the 4th' from the day
    after it."""
    after = _AFTER_DAY.search(text, 0, mention.start)
    if after and mention.rng.days == 1 and mention.rng.end < today:
        rng = DateRange(start=mention.rng.end + timedelta(days=1), end=today)
        return Mention(after.start() + 1, mention.end, rng, "after_" + mention.rule, None)
    found = _SINCE.search(text[: mention.start])
    event = found["event"] if found else None
    # "since the Nov 24 update" runs from that day; "since we launched" needs its "on the 3rd"
    if event and event != "the " and not text.startswith(("on ", "in "), mention.start):
        dated = _START_OF.fullmatch(event) or _BEGAN.search(event)
        found = found if dated else None
    if found is None and mention.rng.days == 1 and mention.rng.end < today:
        ever = _EVER_SINCE.match(text, mention.end)
        if ever is not None:
            rng = DateRange(start=mention.rng.start, end=today)
            return Mention(mention.start, ever.end(), rng, "since_" + mention.rule, None)
    if found is None or mention.rng.start > today:
        return mention
    rng = DateRange(start=mention.rng.start, end=today)
    return Mention(found.start() + 1, mention.end, rng, "since_" + mention.rule, None)
