"""Which two named periods a question compares, and which of them it asks about.

"Q3 vs Q2" asks about Q3; a change "from A to B" asks about B; "compared to last quarter, …
this quarter" about this quarter; "compare Q3 and Q2" about the first. `compare.py` resolves
the rest of the question's periods.
"""

from __future__ import annotations

import re
from itertools import pairwise

from services.router.dates.compare_words import (
    AND_BESIDE,
    BESIDE_BETWEEN,
    BETWEEN,
    BROUGHT_BESIDE,
    CHANGE,
    COMPARE_VERB,
    FOR_COMPARISON,
    FROM,
    MARKER,
    POINTING,
    SAID_FOR_COMPARISON,
    SET_AGAINST,
    SET_SIDE_BY_SIDE,
    TO,
)
from services.router.dates.figures import figure_for_each, figures_given
from services.router.dates.mentions import Mention

NEAR = 24
"""How far before the first period a comparison word still compares it (characters)."""
_COMPARISON_OF = re.compile(r" (?:a |the )?comparison (?:of|between) ")
"""A comparison named before both periods ("make a comparison of August and July"): only here,
as `MARKER` also sets one period alone against the question's ("a comparison of last month"
would otherwise be compared with the week)."""

_CHANGED_IN = re.compile(
    r" (?:up|down|rose|fell|grew|dropped|higher|lower)(?: (?:by )?[a-z0-9.,]+)?"
    r"(?: (?:in|for|during|over))? $"
)
"""A change said just before the period it is of ("up loads in July", "down 20% for Q2", "up
this month on last")."""


def compared_pair(text: str, mentions: list[Mention]) -> tuple[Mention, Mention] | None:
    """(asked, compared) when two named periods are compared: those on either side of a
    comparison word ("Q3 … Q3 vs Q2": the second Q3 and Q2), the asked one first; a change
    "from A to B" asks about B; a comparison word before both ("compare Q3 and Q2"): the first
    two. None when the periods are not compared (they are joined)."""
    for before, after in pairwise(mentions):
        between = text[before.end : after.start]
        if BETWEEN.search(between) or any(
            (m.group() != " between " or not between[m.end() - 1 :].strip())
            and not figures_given(m.group(), text, after.start)
            for m in MARKER.finditer(between)
        ):  # "March — split between LinkedIn and Google … Jan": a split, not a comparison
            return before, after
        # "November and October, side by side", "March and February, to see if it is more"
        # (two periods only: in "Sept and Oct compared to last year" the third is compared)
        side_by_side = len(mentions) == 2 and SET_SIDE_BY_SIDE.match(text, after.end)
        if side_by_side and AND_BESIDE.fullmatch(between):
            return before, after
        # "spend in week 20, and in week 19?", "Q2 and Q2 last year": a period and then an
        # earlier one are set side by side; in time's order ("July and August") they are a span
        earlier = after.rng.end < before.rng.start
        if len(mentions) == 2 and earlier and AND_BESIDE.fullmatch(between):
            return before, after
        # "bookings are up loads in July on last year", "up this month on last": the change said
        # before a period is against the earlier one after "on"
        if between == " on " and earlier and _CHANGED_IN.search(text, 0, before.start):
            return before, after
        # "November spend and CPA, with October alongside": the one brought in "with" is set
        # beside the other
        joined = between.endswith((" with ", " plus ")) or (
            between.endswith((" and ", " and also ", " and for "))
            and FOR_COMPARISON.match(text, after.end)
        )
        if joined and BROUGHT_BESIDE.match(text, after.end):
            return before, after
        # "enquiries per campaign in April, and the cost per enquiry? March for comparison":
        # of two periods, the one said "for comparison" is set beside the other
        if len(mentions) == 2 and SAID_FOR_COMPARISON.match(text, after.end):
            return before, after
        if BESIDE_BETWEEN.fullmatch(between):  # "July 2026 and, for comparison, July 2025"
            return before, after
        # "compare the CPI of the first half of March with the second half of February", "…
        # bookings from 1 to 15 August with those from 16 to 31 August"
        set_against = between in (" with ", " against ", " to ", " with those ", " with the ones ")
        if set_against and COMPARE_VERB.search(text, 0, before.start):
            return before, after
        # "from" may open the first period's own phrase ("from Oct 5-11 to Oct 12-18").
        starts = FROM.search(text[: before.start]) or text.startswith("from ", before.start)
        if TO.fullmatch(between) and starts and CHANGE.search(text):
            return after, before
        # "212 in July, 164 in August": a figure for each, the later one asked about
        if figure_for_each(text, before, after):
            return after, before
    # A comparison word before both ("compare Q3 and Q2"), close to them: in "split the budget
    # between Google and Meta next month, based on October" it joins platforms, not periods.
    window = text[max(0, mentions[0].start - NEAR) : mentions[0].start]
    marker = MARKER.search(window) or _COMPARISON_OF.search(window)
    if marker and marker.group() == " between " and CHANGE.search(text):
        return mentions[1], mentions[0]  # "demos halved between the week of Aug 31 and Sep 7"
    # "compared to last quarter, are we doing better this quarter?": the period just after the
    # comparison word is the one compared with
    if marker is None:
        return None
    opened = SET_AGAINST.fullmatch(marker.group())
    if opened and not POINTING.sub(" ", window[marker.end() - 1 :]).strip():
        return mentions[1], mentions[0]
    return mentions[0], mentions[1]
