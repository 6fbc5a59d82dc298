"""Figures a message quotes to have them checked against the platforms' ("I count 212 … can you
pull the official figure?", "the invoice says 9,870 and I want to tie it out"): the asker's own
count, not a verdict asked for, so its numbers and the words of checking need no explaining."""

from __future__ import annotations

import re

from services.router.lexicon import words

_RECONCILE = re.compile(
    r" (?:(?:so|that) (?:i|we) can reconcile|to reconcile|reconcile (?:it|them|these|those)"
    r"|(?:square|tally|match) (?:your|the|our|these|those) (?:figures|numbers|data)"
    r"|tie (?:it|them|this|that|these|those) (?:out|up|back)|tie out"
    r"|per (?:my|our|the) (?:export|sheet|spreadsheet|count|records|invoice|books|crm)"
    r"|(?:pull|confirm|verify|check|double check)(?: me)?(?: (?:the|both|these|those|all))?"
    r"(?: official| platform| actual| real)? (?:figure|figures|number|numbers|totals?)"
    r"|(?:pull|confirm|verify|check|double check)(?: me)?(?: the)? (?:official|actual|real|true)"
    r" [a-z]+"
    r"|(?:confirm|verify|check|pull)(?: [a-z0-9]+){0,3} (?:from|against|in|with)"
    r" the (?:ad|ads|platform|platforms)(?: data| numbers| figures| side)?"
    r"|(?:matching|checking|reconciling|comparing) (?:it|them|this|these|that) (?:against|with|to)"
    r" (?:the|our|my) (?:invoice|invoices|books|sheet|spreadsheet|crm|export|records))(?= )"
)
"""A request to check the asker's own figures against the platforms' ("I count 212 … can you
pull the official figure?", "… per my export. Can you pull both figures so I can reconcile?")."""
_QUOTED_FIGURE = re.compile(r"(?<= )[$€£]?\d[\d,.]*(?:[km]|bn)?%?(?= )")


_RECONCILE_WORDS = words(
    """reconcile official export count same both two three square tally match never system systems
    booking crm counted side off says shows showing sheet dashboard reports reporting
    matching checking invoice books tie screenshot screenshots screengrab"""
)


def reconciled_figures(text: str) -> list[str]:
    """The figures a message quotes to have them checked: its own count, not a judgement
    of them ("CPA is $80, is that good?" asks for one and quotes no reconciling request)."""
    if not _RECONCILE.search(text):
        return []
    quoted = _QUOTED_FIGURE.findall(text)
    return [*quoted, *_RECONCILE_WORDS]
