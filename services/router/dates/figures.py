"""Figures written beside the periods they belong to: two periods each with its figure are set
against each other ("212 in July, 164 in August", "ROAS was 3.1 last week and 2.4 this week"),
one period's figures written out ask only "the same" for another, and a figure that moved
between two periods asks about the later one (`compare.py`)."""

from __future__ import annotations

import re
from datetime import date

from services.router.dates.compare_words import AND_BESIDE, CHANGE, SAID_TOGETHER
from services.router.dates.mentions import Mention

_A_FIGURE = r"(?:£|\$|€)?\d[\d.,]*(?:k|x)?%?"
_FIGURE_THEN = re.compile(rf" (?:and |then |but |vs |now )?{_A_FIGURE} (?:in|for|during|over) ")
_FIGURE_IN = re.compile(rf" {_A_FIGURE} (?:in|for|during|over) $")
"""A figure said for each of two periods ("212 in July, 164 in August", "6x in June, 3x in
July")."""
_FIGURE_NEAR = re.compile(rf"(?<= )(?:{_A_FIGURE}|half|double|twice|halved|doubled)(?= )")
_NEAR = 40
"""How far from a period its figure is written ("ROAS was 3.1 last week", "£35 in feb")."""
_SAME_FOR = re.compile(r" (?:same|equivalent) (?:[a-z]+ )?for ")
_WRITTEN_FIGURE = re.compile(r"(?<= )\d+(?: \d{3})*(?:\.\d+)?(?= )")
"""A figure written out in normalized text ("3 912", "95.41")."""


def figure_for_each(text: str, before: Mention, after: Mention) -> bool:
    """Whether a figure is said for each of two adjacent periods ("212 in July, 164 in
    August"): the later one is asked about."""
    between = text[before.end : after.start]
    return bool(_FIGURE_THEN.fullmatch(between) and _FIGURE_IN.search(text, 0, before.start))


def figures_given(marker: str, text: str, end: int) -> bool:
    """ "last wk's report had: spend £3,912 / clicks 2,480 … the same numbers for this week":
    the first period's figures are written out, so only "the same for" the second is asked."""
    given = len(_WRITTEN_FIGURE.findall(text, 0, end + 1)) > 2
    return ("same" in marker or "equivalent" in marker) and given


def figured_pair(text: str, mentions: list[Mention], today: date) -> tuple[Mention, Mention] | None:
    """(later, earlier) when two past periods apart from each other each have a figure written
    beside them ("ROAS was 4.2 in December and it's nowhere near that now … January", "£48 a
    booking last month, it was £35 in feb", "85 euro last week, 140 this week"): the figures
    are set against each other, the later period is asked about. Days said together ("0 on
    saturday and sunday") stay one span."""
    if len(mentions) != 2:
        return None
    first, second = mentions
    if not (first.rng.end < second.rng.start or second.rng.end < first.rng.start):
        return None
    if first.rng.start >= today or second.rng.start >= today:
        return None
    if SAID_TOGETHER.fullmatch(text, first.end, second.start) or _SAME_FOR.search(text):
        return None  # "last wk's report had: spend £3,912 … the same numbers for this week"
    if not (_figured(text, first, mentions) and _figured(text, second, mentions)):
        return None
    return (first, second) if first.rng.start > second.rng.start else (second, first)


def _figured(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether a figure, no period's own digits, is written within `_NEAR` of `mention`."""
    lo, hi = max(0, mention.start - _NEAR), min(len(text), mention.end + _NEAR)
    return any(
        not any(n.start <= f.start() < n.end for n in mentions)
        for f in _FIGURE_NEAR.finditer(text, lo, hi)
    )


def moved_between(text: str, past: list[Mention]) -> tuple[Mention, Mention] | None:
    """ "bookings this month are down a good bit on last month", "spend on 3 May was three
    times that of 26 April": a figure that moved between two periods of a like length, neither
    inside the other nor said together ("January and February"), asks about the later one
    against the earlier."""
    if len(past) != 2 or not (CHANGE.search(text) or _MOVED.search(text)):
        return None
    earlier, later = sorted(past, key=lambda m: m.rng.start)
    if later.rng.start <= earlier.rng.end:
        return None
    longer, shorter = max(earlier.rng.days, later.rng.days), min(earlier.rng.days, later.rng.days)
    if longer > 1.5 * shorter + 3:
        return None
    first, second = sorted(past, key=lambda m: m.start)
    between = text[first.end : second.start]
    together = SAID_TOGETHER.fullmatch(between) or AND_BESIDE.fullmatch(between)
    if together or _SPAN.fullmatch(between):
        return None  # "June and July", "June through August": one stretch
    return later, earlier


_SPAN = re.compile(r" (?:-|–|to|through|thru|till|until|up to|into) (?:the )?")
_MOVED = re.compile(
    r" (?:down|up|times|lower|higher|fewer|cheaper|worse|better|quieter|busier|slower|tanked"
    r"|crashed|collapsed|soared|dropped off|fallen off"
    r"|flying|dead|flat|quiet|slow|strong|weak|great|awful|terrible|brilliant|rubbish|poor) "
)
