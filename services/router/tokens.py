"""Tokenizing and typo correction: the question becomes one normalized, lower-case string.

Every later rule matches on `Normalized.text`, a single-space-joined token string, so a rule
written for "cost per click" also fires for "Cost-per-click" or "cost  per clikc".

Which words are ours and what a typo is corrected to: `vocabulary.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from services.router.calendar_words import MONTHS, WEEKDAYS
from services.router.date_spellings import spelled_dates, week_pairs
from services.router.given_names import is_person
from services.router.lexicon import COMMON_WORDS, words
from services.router.phrasebook import PHRASE_WORDS, folded, in_english
from services.router.places import is_town
from services.router.premises import PREMISE_WORDS
from services.router.real_words import NAMES_NEAR
from services.router.shorthand import in_full
from services.router.spoken import in_digits
from services.router.vocabulary import correct, is_spelt_right

_TOKEN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"  # ISO date
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"  # 11/03, 11/03/2026
    r"|[a-z]*\d+(?:\.\d+)?[a-z]*"  # 30d, l30d, q4, 5th, 2.1x, 2026
    r"|[a-z]+"
    r"|[#&]"
    r"|(?<![a-z])-(?![a-z])"  # a range dash ("Oct 5-12"), not a hyphen inside a word
)
_APOSTROPHE_S = re.compile(r"['’]s\b")
_NOT = re.compile(r"n['’]t\b")
_WOULD = re.compile(r"\b(i|you|he|she|we|they|it|that|who|there)['’]d\b")
_WILL = re.compile(r"\b(we|they|it|what|where)['’]ll\b")
"""A contracted "will" ("we'll finish the quarter on"): without its apostrophe "we'll" reads as
"well", "she'll" as "shell"."""
"""A contraction of "would" ("she'd like to know", "we'd split"): without its apostrophe it
reads as another word ("shed", "wed" for Wednesday)."""
_DIALECT_ARTICLE = re.compile(
    r"(?<![a-z])(?:(t)|(wi)|(o))['’](?=(?(1)(?:[a-z]| [a-z0-9])|[ ,.?!]))"
)
"""Yorkshire's "t'start of the year", "since t' 10th", "compared wi' last year", "out o'
Google": the, with, of (the apostrophe would otherwise glue "t" to its noun, or leave a "t")."""
_DIALECT_WORDS = {"t": "the ", "wi": "with", "o": "of"}
_WITH_SLASH = re.compile(r"(?<![\w/])[wW]/(?=\s)")
_HAVE = re.compile(
    r"\b(how|what|where|why|who|we|you|they|i|could|should|would|might|must)['’]ve\b"
)
"""A contracted "have" ("how've", "we've"): two words, as the rules read them."""
_DASHES = re.compile(r"[–—]")  # en/em dash as a range separator: "Oct 5–12"
_COMPARATORS = re.compile(r">=|=>|<=|=<")
_TABLE_HEADER = re.compile(r"(?m)^[^\n|]*\|[^\n]*\|[^\n]*$")
"""A table's header pasted to be filled in ("Week | Spend | Installs | CPI")."""
_DIMENSION_CELLS = frozenset({"day", "date", "week", "month", "platform", "channel", "campaign"})


def _header_words(match: re.Match[str]) -> str:
    """A pasted header's cells as words: a dimension's column groups by it ("by week")."""
    cells = [cell.strip() for cell in match.group().split("|") if cell.strip()]
    return " ".join(f"by {cell}" if cell in _DIMENSION_CELLS else cell for cell in cells)


_BARE_VERDICT = re.compile(
    r"(?<=[.!\n,—–])\s*(?:[-*•]\s*)?(ok|okay|good|fine|alright|healthy|normal|reasonable|decent"
    r"|good enough|too high|too low|high|low|bad|worrying|concerning|acceptable)\s*\?+"
)
"""A verdict asked in one word after the figures ("YTD spend all platforms. ok?"): "is that
ok", which the judgement rules read."""
_COMPARATOR_WORDS = {">=": " since ", "=>": " since ", "<=": " until ", "=<": " until "}
"""An analyst's "date >= 2026-11-01" is "since 2026-11-01"."""


@dataclass(frozen=True, slots=True)
class Normalized:
    """A question after tokenizing and typo correction."""

    raw: str
    tokens: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    places: frozenset[str] = frozenset()
    """Towns kept as places where their typo correction would name a metric or platform."""

    @property
    def text(self) -> str:
        """The tokens joined by single spaces, padded so every word has a space on each side."""
        return " " + " ".join(self.tokens) + " "


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")


def named_people(text: str) -> frozenset[str]:
    """Given names and the dictionary's proper names written with a capital ("Hi Marco,", "ask
    Ross", "for Leeds"): a person or a place, not a typo of "march", "roas" or "leads"."""
    return frozenset(
        lowered
        for w in _CAPITALISED.findall(text)
        if (lowered := w.lower()) in NAMES_NEAR or is_person(w)
    )


ABBREVIATIONS: MappingProxyType[str, str] = MappingProxyType(
    {
        "wk": "week",
        "n": "and",
        "wks": "weeks",
        "abt": "about",
        "totl": "total",
        "ly": "last year",
        "lw": "last week",  # "cpa lw vs wk before", "same day lw"
        "lq": "last quarter",
        "lm": "last month",  # "quote reqs mtd v lm same days"
        "appt": "appointment",
        "appts": "appointments",
        "nyd": "new years day",
        "bkg": "booking",
        "bkgs": "bookings",  # "county bkgs, jul mtd"
        "bookin": "booking",  # "cheaper per bookin": the g dropped
        "bookins": "bookings",
        "seperate": "separate",
        "seperately": "separately",
        "plats": "platforms",
        "plat": "platform",  # "ctr by plat aug mtd"
        "hrs": "hours",
        "rev": "revenue",
        "ords": "orders",  # "ords + rev by day"
        "prev": "previous",
        "mo": "month",
        "mos": "months",
        "yr": "year",
        "yrs": "years",
        "v": "vs",
        "tix": "tickets",
        "whatd": "what did",
        "abeg": "please",
        "yaar": "mate",  # Hinglish; never a typo of "year"
        "frm": "from",
        "whys": "why is",
        "wheres": "where",
        "fcst": "forecast",
        "fcast": "forecast",
        "wkly": "weekly",
        "mthly": "monthly",  # "wheres the cpc at": "where's" without its apostrophe
        "whyd": "why did",
        "avg": "average",
        "thru": "through",
        "ya": "you",
        "wud": "would",
        "shld": "should",
        "shud": "should",  # a texter's spellings: "wat shud i change", "wich centre got most"
        "wich": "which",
        "wot": "what",
        "wht": "what",
        "nxt": "next",
        "partys": "parties",
        "advertisements": "ads",
        "advertisement": "ad",
        "pts": "points",
        "pt": "point",  # "mtd vs same pt last mo"
        "yer": "you",
        "rec": "recommendation",
        "recs": "recommendations",
        "mth": "month",
        "mths": "months",
    }
)
"""Short forms read as the word they stand for ("last wk" is last week)."""
_NOT_WORD = re.compile(r"^[^a-z0-9#&]+$")


_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")
"""A letter drawn out for tone ("hiii", "thanksss"): no word of ours holds one thrice."""


def _undrawn(token: str) -> str:
    """ "weeek" is week, "hiii" hi, "pleaseee" please: the drawn-out letter twice, else once,
    when that makes a word of ours; else the token as written (a typo reader may know it)."""
    for kept in (r"\1\1", r"\1"):
        word = _DRAWN_OUT.sub(kept, token)
        if is_spelt_right(word) or word in _DRAWN_WORDS:
            return word
    return token


_DRAWN_WORDS = frozenset(
    words("hi hey hello please pls plz so thanks thank thx ty yes no ok okay pretty lol omg cool")
)
"""Words of tone, drawn out most ("heyyy", "pleaseee"), that are no words of our tables."""


_CHANNEL = re.compile(r"(?<![\w&])#[a-z][\w-]*")
"""A chat channel ("in #ua-tiktok"): where the message was posted, not what it asks about."""
_HOURS = re.compile(r"(?<![\w.])(\d{1,3}) ?(?:h|hr|hrs)(?![\w.])")
"""Hours written short ("last 48h", "past 72 hrs"): hours, as a period's rules read them."""
_PRICE_SLASH = re.compile(r"(?<=[$£€]\d)([\d.,]*k?) ?/ ?(?=[a-z])")
"""A price written over what it buys ("$42/booking", "£3.10/click"): one of it, as "$42 a
booking" says (the slash is no token; "$10,000/month" reads "a month", no grain)."""


_LIST_NUMBER = re.compile(
    r"(?:(?m:^)|(?<=[.!?:;] ))[ \t]*\(?\d{1,2}[.)](?=[ \t])|(?<![\w(])\(\d{1,2}\)(?=[ \t])"
)
_INLINE_ITEM, _LIST_OPENED = re.compile(r"(?<= )[2-9]\)(?= )"), re.compile(r"\s*1\) ")
"""A numbered list's item number, opening a line or following a stop, in brackets ("fell in
June.\n2. Please explain", "spend in June (2) leads") or anywhere once "1)" opened the message: it
counts the requests, and is no day of the month before it ("June 2", "platform 2) December")."""


_ENUMERATED = re.compile(r"([.!?;]\s+)(first|second|third|fourth|fifth)(?=\s*,)")
"""An ordinal opening a sentence before a comma counts the asks ("…in March compared with
February. Second, your view …"): read as "secondly", it is no day of the month before it."""


_DISFLUENT = frozenset({"um", "umm", "uh", "uhh", "erm", "er", "ehm", "uhm"})
"""A speaker's hesitations, written out in a dictated message."""


_BEFORE_A_PLACE = frozenset(words("for in at"))
_JOINING = frozenset(words("vs versus and or"))
_AFTER_A_PLACE = PREMISE_WORDS | frozenset(words("north south east west central"))


def _stands_as_place(raw: list[str], at: int) -> bool:
    """Whether the town `raw[at]` stands where a place does: before a premise or a compass
    word ("the leeds venue", "leeds north"), after "for", "in" or "at" ("signups for leeds"),
    or joined to another town ("bootle vs speke"). Elsewhere the word is more likely a typo of
    the domain word it is near ("mena cpm" is Meta's)."""
    after = raw[at + 1] if at + 1 < len(raw) else ""
    before = raw[at - 1] if at else ""
    before = raw[at - 2] if before == "the" and at > 1 else before
    if after in _AFTER_A_PLACE or before in _BEFORE_A_PLACE:
        return True
    if before in _JOINING and at > 1 and is_town(raw[at - 2]):
        return True
    return after in _JOINING and at + 2 < len(raw) and is_town(raw[at + 2])


def _towns_as_places(raw: list[str]) -> frozenset[str]:
    """The towns of `raw` that stand as a place somewhere: such a town is that town wherever the
    message names it again ("the Pinecrest office reopened … Pinecrest's calls")."""
    return frozenset(
        word for at, word in enumerate(raw) if is_town(word) and _stands_as_place(raw, at)
    )


def _names_a_thing(target: str) -> bool:
    """Whether a typo corrected to `target` would name a metric, platform or outcome: a town
    standing as a place is kept rather than read as one. A correction to an everyday or
    calendar word stays ("cafe" is "came", "marco" is the Portuguese March)."""
    return target not in COMMON_WORDS and target not in MONTHS and target not in WEEKDAYS


def name_tokens(value: str, places: frozenset[str]) -> tuple[str, ...]:
    """A filter name's tokens as a message whose towns `places` were kept read them ("leeds",
    not the "leads" the name alone would be corrected to)."""
    norm = normalize(value)
    if not places or not norm.corrections:
        return norm.tokens
    undo = {fixed: wrong for wrong, fixed in norm.corrections if wrong in places}
    return tuple(undo.get(token, token) for token in norm.tokens)


@lru_cache(maxsize=4096)
def normalize(text: str) -> Normalized:
    """Lower-case, split into tokens and correct typos of domain words (cached: a message's
    clauses and sentences are read by several rules)."""
    read = _LIST_NUMBER.sub(" ", text) if "." in text or ")" in text else text
    read = _INLINE_ITEM.sub(" ", read) if _LIST_OPENED.match(text) else read
    if "w/" in read or "W/" in read:
        read = _WITH_SLASH.sub("with", read)  # "may w/ april"; "w/c 3 May" is a week
    lowered = _COMPARATORS.sub(lambda m: _COMPARATOR_WORDS[m.group()], folded(read.lower()))
    if "?" in lowered:
        lowered = _BARE_VERDICT.sub(r" is that \1 ", lowered)
    if "|" in lowered:
        lowered = _TABLE_HEADER.sub(_header_words, lowered)
    if "," in lowered:
        lowered = _ENUMERATED.sub(r"\1\2ly", lowered)
    lowered = spelled_dates(_DASHES.sub(" - ", _CHANNEL.sub(" channel ", lowered)))
    if "h" in lowered:
        lowered = _HOURS.sub(r"\1 hours", lowered)
    if "/" in lowered:
        lowered = _PRICE_SLASH.sub(r"\1 a ", lowered)
    if "t'" in lowered or "i'" in lowered or "o'" in lowered or "’" in lowered:
        lowered = _DIALECT_ARTICLE.sub(lambda m: _DIALECT_WORDS[m.group()[:-1]], lowered)
    if "'ve" in lowered or "’ve" in lowered:
        lowered = _HAVE.sub(r"\1 have", lowered)  # "how've enquiries been moving"
    if "'d" in lowered or "’d" in lowered:
        lowered = _WOULD.sub(r"\1 would", lowered)
    if "'ll" in lowered or "’ll" in lowered:
        lowered = _WILL.sub(r"\1 will", lowered)
    lowered = _NOT.sub(" not", _APOSTROPHE_S.sub("", lowered)).replace("'", "")
    tokens: list[str] = []
    corrections: list[tuple[str, str]] = []
    places: set[str] = set()
    named = named_people(text)
    raw = _TOKEN.findall(lowered)
    towns: frozenset[str] | None = None  # looked for only once a town's correction is at stake
    for token in raw:
        if _DRAWN_OUT.search(token) and not is_spelt_right(token):
            token = _undrawn(token)
        token = ABBREVIATIONS.get(token, token)
        fixed = None if token in named or token in PHRASE_WORDS else correct(token)
        if fixed is not None and _names_a_thing(fixed) and is_town(token):
            towns = _towns_as_places(raw) if towns is None else towns
            if token in towns:
                places.add(token)
                fixed = None
        if fixed is not None:
            corrections.append((token, fixed))
            token = fixed
        tokens.append(token)
    if not _DISFLUENT.isdisjoint(tokens):
        # a voice note's "since, um, since the first of April": the hesitations and the word
        # said again are one word, as a reader hears them
        kept = [t for t in tokens if t not in _DISFLUENT]
        tokens = [t for i, t in enumerate(kept) if not (i and t == kept[i - 1] and t.isalpha())]
    if tokens[-1:] == ["y"]:
        tokens[-1] = "why"  # "… down 30% on last month y": texting's why (a Spanish "y" joins)
    tokens = week_pairs(in_digits(in_english(tokens)))
    tokens = in_full(tokens)
    return Normalized(
        raw=text, tokens=tuple(tokens), corrections=tuple(corrections), places=frozenset(places)
    )
