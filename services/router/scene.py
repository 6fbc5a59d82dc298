"""A message's last request and the scene around it: "We're redoing the planning deck and my
boss wants LinkedIn. Can you pull LinkedIn leads by month for last year?" is a lookup whose
scene only sets the stage; a scene that asks for writing, reports a question ("the GM keeps
asking whether …"), or holds a worry or an expectation is the question itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.router.asides import without_purpose
from services.router.coverage import FILLER, context_words, unexplained
from services.router.cue_sets import ADVICE_CUE_PATTERNS, ANALYSIS_CUE_PATTERNS, ASKING_CUE_PATTERNS
from services.router.dates.mentions import find_mentions
from services.router.entities import ENTITY_PATTERNS
from services.router.politeness import POLITE
from services.router.tokens import normalize

_ASKS_TO_WRITE = re.compile(
    r" (?:(?:pls|please|plz|can you|could you|would you|can u|could u|kindly|hey|hi) )*"
    r"(?:draft|write|compose|put together|prepare|summari[sz]e|turn (?:this|it|these|that) into"
    r"|(?:[a-z0-9]+ )?(?:wrap up|wrapup|recap|round up|roundup|update) (?:email|note|message|post)"
    r"|(?:need|want|send|do|get|make)(?: me| us)? (?:the|a|an|our)(?: [a-z0-9]+){0,2}"
    r" (?:review|report"
    r"|recap|summary|write up|writeup|deck|memo|one pager|slides?|doc|document|overview)"
    r"|(?:[a-z0-9]+ ){0,2}(?:recap|summary|post mortem|postmortem|debrief|write up|one pager"
    r"|wrap up|wrapup"
    r"|readout|read out)"
    r"(?= for | of |$)|\d+ (?:bullets?|bullet points?|lines|sentences)"
    r"|(?:half a|one|a) page(?: max)?"
    r"|(?:monthly|weekly|quarterly|annual|yearly) (?:report|recap|review|summary|update)"
    r"|(?:stick|put|pop|turn|make) (?:[a-z0-9]+ ){1,8}?into (?:something|a|an)(?: [a-z]+)? (?:i|we)"
    r" can (?:send|paste|share|forward|give|post))(?= |$)"
)
"""A sentence that asks for writing ("Pls draft …", "Need the annual review for Stackly:", "Stick
the numbers into something I can send the CMO")."""
_BULLET = re.compile(r"(?m)^[ \t]*[-•*–][ \t]+\S")
"""A line that is a list's item ("- orders, repeat orders, revenue")."""
_QUOTED_NAME = re.compile(r"[\"“”]([^\"“”.!?\n]{1,60})[\"“”]")
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>.*$")
_SENTENCE_END = re.compile(
    r"((?:[^.!?:;\n\"“”\s]|(?<=\d)\.(?=\d)|[^\S\n](?!(?<=[a-z][^\S\n])[-–—][^\S\n][a-z]))+)"
    r"((?:[.!?:;\n\"“”]|[^\S\n][-–—][^\S\n])*)",
    re.IGNORECASE,
)
"""Sentences end at a stop or at a dash between words ("for the QBR - would you …"), not at a
range dash ("Oct 27 - Nov 2") nor at a dot between digits ("01.03.2026", "a 2.5 ROAS")."""


@dataclass(frozen=True, slots=True)
class Background:
    """A message's last request, a lookup that explains itself, and the words of the
    sentences around it, which only set the scene."""

    request: str
    words: frozenset[str]
    introduced: bool
    """Whether a sentence before the request ends in a colon or a dash ("stand-up bullets:
    tiktok, l7d", "summarise yesterday - spend, roas"): it may be the request itself, the rest
    its details."""


_ASKED_ALONE = re.compile(
    r"(?i)(?:why|how come|reasons?|drivers?|what happened|expect what|what to expect|thoughts)[.!]*"
)
"""A sentence that asks on its own, without a question mark ("Why.", "Expect what.")."""


def background(raw: str, today: date, known: Iterable[str] = ()) -> Background | None:
    """The last request and its background when that request is a lookup that explains itself
    ("We're redoing the planning deck and my boss wants LinkedIn. Can you pull LinkedIn leads
    by month for last year?"). A trailing greeting or sign-off does not count as the request;
    a message whose last request is anything else has none."""
    # A quoted line ("> Tom: which numbers tho?") is what others said: it asks nothing of us.
    # A quoted name ('from the "Penthouse Collection" campaign') ends no sentence.
    raw = _QUOTED_NAME.sub(r"\1", raw)
    # "- 20k extra for Sept\n- google / meta / tiktok?\n- where": a list's items are one
    # request's parts, none of them the scene of the last
    if len(_BULLET.findall(raw)) >= 2:
        return None
    split = _sentences(_QUOTED_LINE.sub(lambda m: m.group().replace("?", "."), raw))
    if len(split) < 2:
        return None
    sentences = [text for text, _ in split]
    last = len(sentences) - 1
    # A closing question of its own ("- which deserves more of the budget?") is no sign-off.
    while last > 0 and not _asks(split[last]) and _is_context(sentences[last], today):
        last -= 1
    # An earlier sentence that asks something ("Is he right? Look at CPL this quarter.") is a
    # question of its own, not the background of the lookup after it.
    if any("?" in end for _, end in split[:last]) or any(
        _ASKED_ALONE.fullmatch(text.strip()) for text in sentences[:last]
    ):  # "Consults down. Why. LinkedIn.", "BF weekend. Expect what.": asked, no question mark
        return None
    # "Pls draft the December email for the client. Bookings and revenue, vs November.": the
    # scene asks for writing; the lookup after it says what goes in.
    if any(_ASKS_TO_WRITE.match(normalize(text).text) for text in sentences[:last]):
        return None
    # "Rank the regions by how worried we should be. Cost per survey, last 30 days.": the
    # scene asks for a reading, the lookup says what to read
    for text in sentences[:last]:
        plain = normalize(text).text
        if any(p.search(plain) for p in ASKING_CUE_PATTERNS):
            return None
    # "The GM keeps asking whether the rate change hurt bookings - can you look at …": the
    # scene carries the question, the lookup is only where to start.
    for text in sentences[:last]:
        asked = _ASKED_WHETHER.search(normalize(text).text)
        if asked and any(p.search(asked.string, asked.end() - 1) for p in ANALYSIS_CUE_PATTERNS):
            return None
    request = normalize(sentences[last]).text
    if _POINTS_BACK.search(request):  # "… a one-pager on Q2. Can you put that together?"
        return None
    mentions = find_mentions(request, today)
    if not (mentions or any(p.search(request) for p in ENTITY_PATTERNS)):
        return None
    if unexplained(request, mentions, [*known, *context_words(sentences[last], today)]):
        return None
    around = frozenset(
        word
        for i, sentence in enumerate(sentences)
        if i != last
        for word in normalize(sentence).tokens
    )
    # "stand-up bullets: tiktok, l7d" may be the request itself; "The VC asked me for one
    # figure: how many …?" is only its scene.
    introduced = any(
        re.search(r":|\s[-–—]\s", end) and not _ONE_FIGURE.search(normalize(text).text)
        for text, end in split[:last]
    )
    return Background(sentences[last], around, introduced)


_POINTS_BACK = re.compile(
    r" (?:put|pull|get|knock|throw|pop) (?:that|this|it|one|something) (?:together|up)"
    r"| (?:do|draft|write|prepare) (?:that|this|it)(?= (?:for|by|before|please|pls|$))"
)
"""A last request that points back at the one before ("Can you put that together for
Monday?"): the earlier sentence is the request."""
_ASKED_WHETHER = re.compile(
    r" (?:asking|asked|asks|ask|wants to know|want to know|wondering|wonders|wondered"
    r"|curious) (?:me |us |you |them )?(?:whether|if) "
)
"""A question the scene reports ("the GM keeps asking whether …")."""
_ONE_FIGURE = re.compile(r" (?:one|a|the|a single) (?:figure|number|total|stat)(?= )")
"""A scene that says only that a figure is wanted ("asked me for one figure:")."""


def _asks(sentence: tuple[str, str]) -> bool:
    """Whether a sentence ends in a question mark and holds a word beyond function words."""
    text, end = sentence
    if "?" not in end:
        return False
    plain = normalize(text).text
    words = POLITE.sub(" ", plain).split()  # "can someone grab that before 2?"
    # "Where would you put it?" is all function words, and asks for advice.
    return not set(words) <= FILLER or any(p.search(plain) for p in ANALYSIS_CUE_PATTERNS)


def _sentences(raw: str) -> list[tuple[str, str]]:
    """The sentences of `raw` that hold a word (an emoji alone is no request), each with the
    marks that end it."""
    found = []
    for match in _SENTENCE_END.finditer(raw):
        text, end = match.group(1), match.group(2)
        if normalize(text).tokens:
            found.append((text, end))
    return found


def _is_context(sentence: str, today: date) -> bool:
    """A greeting, a sign-off, or where the numbers go ("Need it for the Monday call."); never
    one that asks for a reading ("Where would you put it", all function words, no mark)."""
    text = without_purpose(normalize(sentence).text)
    tokens = text.split()
    known = context_words(sentence, today) | FILLER
    if not normalize(sentence).tokens or not set(tokens) <= known:
        return False
    return not any(p.search(text) for p in ADVICE_CUE_PATTERNS)
