"""Periods named only to place or time another: "this year" just after the Black Friday it
places, a weekday the figures are wanted by. The comparison reads neither as a period asked
about (`compare.py`)."""

from __future__ import annotations

import re

from services.router.dates.mentions import Mention

_DEADLINE = re.compile(r" (?:for|by|before|until|till|of)(?: eod| cob| end of day)?(?: the)? $")
"""What comes before a weekday that is when the figures are wanted, not a day to read."""


_MEETING = (
    r"(?:meeting|call|qbr|review|board|committee|comite|quarterly|catch up|catchup|sync"
    r"|presentation|pitch|huddle|stand up|standup|workshop|offsite)"
)
_MEETING_ON = re.compile(rf" {_MEETING}s?(?: [a-z]+){{0,3}}?(?: on)? $")
_MEETING_AFTER = re.compile(rf" (?:[a-z]+ )?{_MEETING}s?(?= )")
"""A weekday a meeting is held on ("the quarterly with the founders on Thursday", "for
Thursday's client QBR"): when the figures are wanted, not a day to read."""
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
