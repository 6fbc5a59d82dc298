"""Figures a message quotes to have them checked against the platforms' ("I count 212 … can you
pull the official figure?", "the invoice says 9,870 and I want to tie it out"): the asker's own
count, not a verdict asked for, so its numbers and the words of checking need no explaining."""

from __future__ import annotations

import re

from services.router.lexicon import words

_IT_SAYS = (
    r"(?<= )(?:what|whats|what is|what are) (?:[a-z0-9]+ ){1,3}?(?:itself |themselves )?"
    r"(?:is |are )?(?:claiming|reporting|saying|showing)"
    r"|(?<= )what (?:does|do|did) (?:[a-z0-9]+ ){1,3}?(?:itself |themselves )?(?:say|report|show)"
)
"""What a platform itself reports ("what's LinkedIn itself reporting?"): a figure asked for
against another system's, not a report to write."""
_RECONCILE = re.compile(
    r" (?:(?:so|that) (?:i|we) can reconcile|to reconcile|reconcile (?:it|them|these|those)"
    r"|(?:square|tally|match) (?:your|the|our|these|those) (?:figures|numbers|data)"
    r"|tie (?:it|them|this|that|these|those) (?:out|up|back)|tie out|(?:i am|im) reconciling"
    r"|to the (?:penny|cent)"
    r"|per (?:my|our|the) (?:export|sheet|spreadsheet|count|records|invoice|books|crm)"
    r"|(?:pull|confirm|verify|check|double check)(?: me)?(?: (?:the|both|these|those|all))?"
    r"(?: official| platform| actual| real)? (?:figure|figures|number|numbers|totals?)"
    r"|(?:pull|confirm|verify|check|double check)(?: me)?(?: the)? (?:official|actual|real|true)"
    r" [a-z]+"
    r"|(?:confirm|verify|check|pull)(?: [a-z0-9]+){0,3} (?:from|against|in|with)"
    r" the (?:ad|ads|platform|platforms)(?: data| numbers| figures| side)?"
    r"|(?:matching|checking|reconciling|comparing) (?:it|them|this|these|that) (?:against|with|to)"
    r" (?:the|our|my) (?:invoice|invoices|books|sheet|spreadsheet|crm|export|records)"
    r"|confirm (?:that|it|this|those|these)(?: (?:from|on|at) (?:your|their) (?:end|side))?"
    r"|(?:pull|get|take) (?:it|them|that|this) (?:straight|directly) from"
    r"|(?:accountant|finance|bookkeeper|treasurer|crm|dashboard|dash|shopify|export|sheet"
    r"|spreadsheet) (?:has|says|shows|is showing|is saying|has got)"
    r"|(?:i|we) make it (?:a )?(?:wee |little |tad |bit )*(?:different|higher|lower|more|less)"
    r"|(?:quoting|using|citing|reporting) the platforms? (?:own )?(?:number|figure)s?"
    r"|same (?:(?:cut|table|breakdown|split|numbers|figures|report|thing)(?: as [a-z ]{1,40}?)?"
    r"|as [a-z ]{1,40}?)(?: but)? for"
    r"|(?:need|want) this (?:table|cut|breakdown) for"
    r"|(?:want to |to |so we can |need to )?make sure (?:we|it|they|the numbers|the figures)"
    r" (?:match|matches|tally|line up)"
    r")(?= )"
)
"""A request to check the asker's own figures against the platforms' ("I count 212 … can you
pull the official figure?", "… per my export. Can you pull both figures so I can reconcile?"),
or to cut a table they pasted again for another period ("can you run the same cut for
September"): their figures are context, not a verdict asked for."""
_QUOTED_FIGURE = re.compile(r"(?<= )(?:[$€£]|r(?=\d))?\d[\d,.]*(?:[km]|bn)?%?(?= )")


_RECONCILE_WORDS = words(
    """reconcile official export count same both two three square tally match never system systems
    booking crm counted side off says shows showing sheet dashboard reports reporting
    matching checking invoice books tie screenshot screenshots screengrab claiming claims saying
    itself end straight directly ui shopify hubspot looker salesforce ga4 exact supplier
    suppliers penny pence cent cents inclusive reconciling say report shows paid has have got
    missus wife husband partner treasurer accountant bookkeeper spreadsheet finance make
    different higher lower wee bit tad little dash inr usd gbp eur aud cad nzd zar rs own
    mmp not one quoting same cut table breakdown run below above earlier last time pasted sent
    pasting here this"""
)


_WHAT_IT_SAYS = re.compile(rf"{_IT_SAYS}(?= )")


def _platform_claim(text: str) -> re.Match[str] | None:
    """ "what X is reporting" after a figure quoted from elsewhere ("HubSpot's saying 61 MQLs
    … What's LinkedIn itself reporting?")."""
    found = _WHAT_IT_SAYS.search(text)
    if found is None or not _QUOTED_FIGURE.search(text, 0, found.start()):
        return None
    return found


def without_platform_claims(text: str) -> str:
    """`text` with "what X is reporting" after a quoted figure, and the "sanity check" of a
    figure to reconcile, blanked out (same length, so positions hold): the intent rules would
    read a report asked, or an anomaly hunt."""
    found = _platform_claim(text)
    if found is not None:
        text = text[: found.start()] + " " * len(found.group()) + text[found.end() :]
    if (found is not None or _RECONCILE.search(text)) and " sanity check " in text:
        text = _SANITY.sub(lambda m: " " * len(m.group()), text)
    return text


_SANITY = re.compile(r"(?<= )(?:a )?(?:quick )?sanity check(?= )")


def reconciled_figures(text: str) -> list[str]:
    """The figures a message quotes to have them checked: its own count, not a judgement
    of them ("CPA is $80, is that good?" asks for one and quotes no reconciling request)."""
    if not (_RECONCILE.search(text) or _platform_claim(text)):
        return []
    quoted = _QUOTED_FIGURE.findall(text)
    # "is that right? Pull the official figure": the asker's doubt about their own count
    checked = ["right"] if _RIGHT_THEN_PULL.search(text) else []
    return [*quoted, *_RECONCILE_WORDS, *checked]


_RIGHT_THEN_PULL = re.compile(
    r" is (?:that|this|it) right (?:(?:can|could) you |pls |please )?(?:pull|confirm|check|get"
    r"|grab|send)(?= )"
)
