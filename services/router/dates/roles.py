"""What a named period is to the question besides a period asked about: the data a plan is
made from ("budget in March, going off February's bookings"), the day a change happened
("bookings dropped on 2 and 3 September"). `compare.py` reads the periods with them."""

from __future__ import annotations

import re

from services.router.dates.mentions import Mention

_MADE_FROM = re.compile(
    r" (?:based on|going off|going by|judging by|on the basis of|off the back of)"
    r"(?: (?:the|our|last|this))? $"
)
"""The period a plan is made from ("in March, going off February's bookings", "for Q3 based on
last Q2"): the data to read, where the other period named is the plan's."""
_HAPPENED_ON = re.compile(
    r" (?:dropped|fell|rose|grew|increased|decreased|changed|moved|spiked|jumped|crashed|tanked"
    r"|dipped) on $"
)
"""A change said to happen on a day ("bookings dropped on 2 and 3 September", "fell on Monday"):
the day it happened, not one compared against ("down 20% on last week")."""


def made_from(text: str, mentions: list[Mention]) -> list[Mention]:
    """The periods a plan is made from (`_MADE_FROM`): the one after "based on" and any joined to
    it ("based on 2024 and 2025"); none unless exactly one is introduced so."""
    based = [m for m in mentions if _MADE_FROM.search(text, max(0, m.start - 24), m.start)]
    if len(based) != 1:
        return []
    found = based[:1]
    for m in mentions[mentions.index(based[0]) + 1 :]:
        if text[found[-1].end : m.start].strip() not in ("and", "&", "to", "-", "through"):
            break
        found.append(m)
    return found


def happened_on(mention: Mention, before: str, reach: int) -> bool:
    """Whether a change verb with "on" stands right before a day (`before` is the text up to
    `mention`, searched from `reach`): the day it happened, not a period compared against."""
    return mention.unit in (None, "day", "weekday") and bool(_HAPPENED_ON.search(before, reach))
