"""Periods named only to place or time another: "this year" just after the Black Friday it
places, a weekday the figures are wanted by. The comparison reads neither as a period asked
about (`compare.py`)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from libs.common.plan import DateRange
from services.router.dates.mentions import Mention

_DEADLINE = re.compile(
    r" (?:for|by|before|until|till|of)(?: eod| cob| end of day)?(?: the)? $"
    r"| (?:send|share|present|circulate|forward)(?: it| them| this)?(?: over| out| round)?"
    r"(?: on)? $"
)
"""What comes before a weekday that is when the figures are wanted, not a day to read ("by
Friday", "that I can send over on Monday")."""


_MEETING = (
    r"(?:meeting|call|qbr|review|board|committee|comite|quarterly|catch up|catchup|sync"
    r"|presentation|pitch|huddle|stand up|standup|workshop|offsite)"
)
_MEETING_ON = re.compile(rf" {_MEETING}s?(?: [a-z]+){{0,3}}?(?: on)? $")
_MEETING_AFTER = re.compile(rf" (?:[a-z]+ )?{_MEETING}s?(?= )")
"""A weekday a meeting is held on ("the quarterly with the founders on Thursday", "for
Thursday's client QBR"): when the figures are wanted, not a day to read."""
_BEFORE_MEETING = re.compile(
    rf" (?:before|ahead of|for) (?:the |our |my |a |their )?(?:[a-z]+ ){{0,2}}?{_MEETING}s?"
    r"(?: with (?:the )?(?:client|clients|board|founders?|owners?|team))? $"
)
"""A meeting the question comes before ("any red flags before the client QBR next week?"):
"next week" or "tomorrow" is when it is held, not a period to read."""
_TOLD_ON = re.compile(
    r" (?:asked|told|rang|called|emailed|messaged|pinged|texted) (?:me|us)(?: on)? $"
)
"""A weekday someone asked on ("the client asked me on Friday what they spent in
September"): the scene, not a day to read."""


def deadline(text: str, mention: Mention) -> bool:
    """Whether `mention` is a weekday the figures are wanted by ("wants it for Thursday", "the
    board meeting on Thursday") or the one the question was put on ("asked me on Friday")."""
    if mention.rule != "weekday":
        return False
    return bool(
        _DEADLINE.search(text, 0, mention.start)
        or _MEETING_ON.search(text, 0, mention.start)
        or _TOLD_ON.search(text, 0, mention.start)
        or _MEETING_AFTER.match(text, mention.end)
    )


def meeting_time(text: str, mention: Mention) -> bool:
    """Whether `mention` is the coming week or day of a meeting the question comes before
    ("any red flags before the client QBR next week?"): the scene, not a period to read."""
    return mention.rule in ("next_unit", "tomorrow") and bool(
        _BEFORE_MEETING.search(text, 0, mention.start)
    )


def places_another(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether `mention` is "this year" after a shorter period inside it, which it places
    (not "YTD" or "the year so far", which ask about the year; not "spend this year,
    including Black Friday", where the year is asked about)."""
    if text[mention.start : mention.end].strip() != "this year":
        return False
    return any(
        other.end <= mention.start
        and other.rule != "this_year"
        and mention.rng.start <= other.rng.start
        and other.rng.end <= mention.rng.end
        for other in mentions
    )


_UP_TO_TODAY = re.compile(
    r" (?:to|until|till|through|thru|-|and|vs|yesterday|end|ends|ending|close|closes|closing"
    r"|so far|including) $"
)
"""Before a "today" that belongs to the period asked ("since 1 May to today", "yesterday and
today", "August is closing today")."""


def up_to_today(text: str, mention: Mention) -> bool:
    """Whether `mention` is a "today" the period asked runs up to ("2025 until today", "the
    quarter ends today"), not the moment of writing ("my last question today", "I looked at the
    dashboard this morning")."""
    return mention.rule == "today" and bool(_UP_TO_TODAY.search(text, 0, mention.start))


_DAY_RUN = re.compile(r" (?:to|through|thru|until|till|and|&|-|,)? ?")
"""What joins weekdays named together ("Thursday through Saturday", "Mon, Tue and Wed")."""
_OF_WEEK = re.compile(r" (?:of )?")


def placed_in_week(text: str, mentions: list[Mention], today: date) -> list[Mention]:
    """Weekdays named just before the week they fall in ("Thursday through Saturday last week",
    "Monday to Thursday this week", "Wednesday last week"): each becomes that day of that week,
    and the week itself, which only places them, is dropped. A day of this week still to come
    ("Friday this week", asked on a Wednesday) is left as it was: a deadline, not data."""
    placed: list[Mention | None] = list(mentions)
    for i, week in enumerate(mentions):
        if week.rule not in ("this_week", "last_week") or week.rng.start.weekday() != 0:
            continue
        run = i
        while run > 0 and mentions[run - 1].rule == "weekday":
            gap = _OF_WEEK if run == i else _DAY_RUN
            if not gap.fullmatch(text, mentions[run - 1].end, mentions[run].start):
                break
            run -= 1
        if run == i:
            continue
        days = []
        for day in mentions[run:i]:
            when = week.rng.start + timedelta(days=day.rng.start.weekday())
            days.append(replace(day, rng=DateRange(start=when, end=when)))
        if any(day.rng.start > today for day in days):
            continue
        placed[run:i] = days
        placed[i] = None
    return [m for m in placed if m is not None]


_COMING = re.compile(
    r"(?: weekend| week| holidays?| hols?)?(?: s| is| are)? (?:coming(?: up)?|approaching"
    r"|around the corner|nearly here|almost here|on the way|looming|creeping up)(?= )"
)
_ITS_DATE = re.compile(r" (?:(?:at|on|in|by|over|for) )?(?:the )?")
"""Between an event still to come and its date ("coming up on the 19th", "at the end of the
month")."""
_EXPECTED = re.compile(
    r" (?:expect|expected|expecting|forecast|forecasts|predict|prediction|projection|projections"
    r"|likely|might see|might get|will we get|will we see|we will get|we will see|how busy"
    r"|reckon (?:we|well|it)|think (?:we|well|it) (?:will|would|might|could)"
    r"|on (?:pace|track|course)|pacing|run rate)(?= )"
)
"""A forecast or a pacing of the coming event ("End of Q1's coming up, are we on pace to spend
the budget?"): it is the period asked about."""


def coming_events(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` without those of an event still to come ("the bank holiday weekend's coming
    up, should I boost Meta … that weekend", "Father's Day coming up on the 19th"): the scene of
    advice, not a period to read. A forecast of it ("Easter's coming, how many bookings should
    we expect?") keeps them."""
    if not mentions or _EXPECTED.search(text):
        return mentions
    kept: list[Mention] = []
    coming_end = -1
    for m in mentions:
        if coming_end >= 0 and (
            _ITS_DATE.fullmatch(text, coming_end, m.start) or text.endswith(" that ", 0, m.start)
        ):
            continue  # the event's own date, or "that weekend" pointing back at it
        coming = _COMING.match(text, m.end)
        if coming is None:
            kept.append(m)
        else:
            coming_end = coming.end()
    return kept
