"""A period said again in other words right after it is what those words say: a season in
months, a month's or a weekend's event in its days (see `restated`)."""

from __future__ import annotations

import re

from services.router.dates import periods as p
from services.router.dates.mentions import Mention
from services.router.lexicon import words

_JOINING = re.compile(r" (?:(?:-|to|through|thru|until|till|and) )?")
_EVENT_WORDS = re.compile(r" (?:[a-z]+ ){0,2}")
"""Up to two words naming the event between a month or a weekend and its days ("the jan sale
2-18 jan", "feb half term 16-20 feb", "the festival weekend, the 4th through the 6th")."""
_NOT_AN_EVENT = frozenset(words("vs versus and or to than against compared with from plus then"))
_WEEKENDS = frozenset({"over_the_weekend", "this_weekend", "last_weekend"})


def restated(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with a period said again in other words right after it read as those words:
    see `_in_months` and `_in_days`."""
    return _in_days(text, _in_months(text, mentions))


def _in_days(text: str, mentions: list[Mention]) -> list[Mention]:
    """A month's event said again in its days ("the jan sale (2 jan - 18 jan)", "feb half term,
    16-20 Feb") is those days; a weekend's in at most four days ("the festival weekend, Fri 4th
    through Sun 6th Sept") likewise."""
    for i, named in enumerate(mentions[:-1]):
        days = mentions[i + 1]
        if days.rule != "span" or not _EVENT_WORDS.fullmatch(text, named.end, days.start):
            continue
        if not _NOT_AN_EVENT.isdisjoint(text[named.end : days.start].split()):
            continue
        inside = named.rule == "named_month" and named.rng.start <= days.rng.start
        inside = inside and days.rng.end <= named.rng.end
        if inside or (named.rule in _WEEKENDS and days.rng.days <= 4):
            return [*mentions[:i], days, *mentions[i + 2 :]]
    return mentions


_SET_AGAINST = frozenset(("vs", "versus", "against", "compared", "than", "or"))


def _in_months(text: str, mentions: list[Mention]) -> list[Mention]:
    """A season said again in months right after it ("this summer (june–august)", "last winter
    (Nov–Jan)", "over the summer holidays, 21st July to 31st August") is those months: one
    period, in the asker's own bounds."""
    for i, season in enumerate(mentions[:-1]):
        between = text[season.end : mentions[i + 1].start].split()
        if season.rule != "season" or len(between) > 2 or mentions[i + 1].rule == "season":
            continue  # "this summer vs last summer": two seasons compared, not one restated
        if not _SET_AGAINST.isdisjoint(between):
            continue
        j = i + 1  # the months may be named apart ("june august"): together, one span
        while j + 1 < len(mentions) and _JOINING.fullmatch(
            text, mentions[j].end, mentions[j + 1].start
        ):
            j += 1
        named = mentions[i + 1 : j + 1]
        rng = p.span(min(m.rng.start for m in named), max(m.rng.end for m in named))
        months = Mention(season.start, named[-1].end, rng, "season_in_months", None)
        return [*mentions[:i], months, *mentions[j + 1 :]]
    return mentions
