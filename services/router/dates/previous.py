"""What "the period before" steps back by: the unit a comparison phrase names ("the month
before", "WoW", "the Sunday before", "the 2 weeks before"), or the period named before it
("the one before", "the 3 before")."""

from __future__ import annotations

import re

from services.router.dates import periods as p
from services.router.dates.mentions import Mention

PREVIOUS = re.compile(
    r" (?:(?:the )?(?:previous|prior|preceding) (?P<p>period|day|week|month|quarter|year)"
    r"|(?:the )?(?P<b>period|day|weekend|week|month|quarter|year) before(?! last| yesterday)"
    r"|(?P<over>day|week|month|quarter|period) (?:over|on) (?P=over)"
    r"|(?P<abbr>dod|wow|mom|qoq|pop)"
    r"|(?:the )?(?P<wdb>monday|tuesday|wednesday|thursday|friday|saturday|sunday) before"
    r"(?! last| yesterday)"
    # "compared to 30 days before": the article may go after a comparison word
    r"|(?P<span>(?:the |(?<=to )|(?<=vs )|(?<=with )|(?<=than )|(?<=against ))"
    r"(?:(?P<n>\d+) (?P<nu>days|weeks)|fortnight) (?:before|prior)"
    r"(?: that| then| it)?)"
    r"|(?P<one>the (?:one|period) (?:before|prior)|the (?:previous|prior) one"
    r"|the (?:\d+|same number of) (?:days |weeks |months )?(?:before|prior)(?: that| then| it)?)) "
)
"""A phrase naming the period before the subject."""
_ABBR = {"dod": "day", "wow": "week", "mom": "month", "qoq": "quarter", "pop": "period"}


def relative_unit(match: re.Match[str], mentions: list[Mention]) -> str:
    """The unit `period_before` steps back by, for a `PREVIOUS` match after `mentions`."""
    if match["one"]:  # "the last quarter vs the one before": the unit of the period named
        return _unit_of_the_one(mentions)
    if match["wdb"]:  # "Easter Sunday vs the Sunday before": the same weekday a week earlier
        return "weekday"
    if match["span"]:  # "since Aug 24 vs the 2 weeks before": that many days just before
        if not match["n"]:
            return "14_days"  # "since the 14th vs the fortnight before"
        return f"{int(match['n']) * (7 if match['nu'] == 'weeks' else 1)}_days"
    abbr = match["abbr"]
    return _ABBR[abbr] if abbr else match["p"] or match["b"] or match["over"]


def _unit_of_the_one(mentions: list[Mention]) -> str:
    """What "the one before" steps back by: the unit of the period named, as many of them as it
    spans ("last 3 months vs the 3 before" = the 3 months before), a weekend by a week ("this
    past weekend vs the one before" = the weekend before); otherwise its own length."""
    named = next((m for m in mentions if m.unit), None)
    if named is None:  # "Q1 vs the one before", "March vs the one before": whole months
        first = mentions[0].rng if mentions else None
        span = p.whole_months(first) if first else None
        if first and span:
            return f"{span}_months"
        return "weekend" if first and first.start.weekday() == 5 and first.days == 2 else "period"
    size = {"month": 1, "quarter": 3, "year": 12}.get(named.unit or "")
    span = p.whole_months(named.rng)
    if size and span and span > size and span % size == 0:
        return f"{span}_months"
    return named.unit or "period"
