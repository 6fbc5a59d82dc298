"""Which words of a question the parser explained: a plan is direct only when all of them are.

Every word must be consumed by an extractor — a platform, metric, period, comparison, grouping,
ranking, filter name or a direct intent's cue ("trend", "vs", "breakdown") — or be a function
or politeness word ("quick q", "pls", "can you tell me", "for the client"). Whatever is left
(the "overspending" of "are we overspending on TikTok?", the "draft … note" of "draft a note to
the client") is something a table of numbers does not answer, so the question goes to analysis,
and the plan's `route_reason` names those words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import pairwise

from services.router.cue_sets import (
    ANALYSIS_CUE_PATTERNS,
    DIRECT_CUE_PATTERNS,
)
from services.router.dates.compare_words import COMPARISON_PATTERNS
from services.router.dates.mentions import Mention, names_period
from services.router.entities import ENTITY_PATTERNS, find_metrics
from services.router.grouping import GROUPING_PATTERNS
from services.router.lexicon import words
from services.router.outcome_frames import open_outcome_spans
from services.router.outcomes import outcome_plurals, qualified_outcomes
from services.router.phrasebook import FOREIGN_FILLER
from services.router.platform_phrases import PLATFORM_PHRASES
from services.router.politeness import POLITE
from services.router.premises import ACCOUNT_NOUN, PREMISE_WORDS
from services.router.tokens import normalize
from services.router.vocabulary import is_known, is_ours, is_outcome_word

FILLER: frozenset[str] = frozenset(
    words(
        """
    a an the of on in at for to from by with about over during across per within into via
    and or but also as than then plus vs versus
    is are was were be been being am do does did done doing have has had having will shall
    can could may might must
    i me my mine we us our ours you your yours it its they them their this that these those
    there here what whats which how who whom when where
    much many some any all each every both either total totals overall combined altogether
    together whole entire full sum grand aggregate cumulative
    just only exactly roughly approximately approx around about precisely currently current
    so far yet still again now already actual actually real really please pls plz kindly
    thanks thank thx ty tia cheers hey hi hello yo team guys folks everyone all u ur
    quick q qq question questions sec second moment minute asap lmk urgent sorry bug bugging
    fyi btw ps hmm um umm uh uhh erm er cool sure yes yeah out
    show give gimme lemme get got tell pull grab send list share need needed want wanted know
    see check
    look lookup find fetch provide confirm remind recall wondering wonder curious furnish require
    supply following
    let like would love help hoping hope trying try able
    number numbers figure figures stat stats statistics metric metrics kpi kpis data result
    results performance performances perform performs performed performing doing did
    ad ads advert adverts advertising campaign campaigns account accounts platform platforms
    board kindly received sell sold selling telling src range window period grain dentist dental
    spa school university college charity nonprofit retailer franchise firm owner owners
    channel channels network networks media paid marketing
    client clients customer boss manager finance accounting organisation organization company
    business person non select rang ring called emailed messaged pinged texted
    totales total stp svp bitte danke gracias merci hola hallo hoi moin por favor
    inclusive chatting sent
    someone anyone somebody anybody everything everyone incl including include includes
    blended one between if asking asked ask put drive drives drove driven drive generate
    generated generating bring brought deliver delivered get gets got
    make made earn earned come came coming look looks looking view bring brings gotten receive
    received receiving driving delivering delivers getting bringing giving gives
    more less fewer higher lower greater bigger smaller up down cheaper pricier costlier
    date dates latest recent recently lately money appreciate appreciated wants needs possible
    for obviously book booked ive invoice invoices id whether took take takes taken produce
    produced producing included grateful sign signed fill oi eh average exact
    bestie ngl rn tbh fr lowkey mate legend obliged oh pal
    assalam alaikum salaam jazakallah shwmae anyway anyways hiya gidday gday hny phew dr mr mrs
    ms prof commercial regional managing creative general ones
    qqname aya copilot portfolio - & #
    """
    )
)
"""Function, politeness and request words, and the generic nouns of a metric lookup."""
FILLER = FILLER | FOREIGN_FILLER | PREMISE_WORDS

_WORD = re.compile(r"[^ ]+")
_RANGE_WORD = re.compile(r" (?:to|through|thru|until|till|and|into|-) ")
_CONNECTIVE = re.compile(r" (?:before|after) (?:that|this|then)(?= )")
"""A request that opens by tying itself to the talk before it ("before that, can someone …")."""
_ADDED = re.compile(
    r" (?:too|as well)(?=(?: (?:pls|please|thanks|thx|ty|cheers|if you have it|if possible"
    r"|if you have got it|if youve got it))* $)"
)
"""A closing "too" adds to the request ("… and the CPC too"); "too much" is a judgement."""
_FROM_ADS = re.compile(
    r" (?:through|via|from|off) (?:(?:our|the) )?(?:paid )?(?:advertising|ads|adverts|media"
    r"|social|search)(?= )"
)
"""The "through paid advertising" of "applications generated through paid advertising"."""
_FROM_PLATFORM = re.compile(
    r" (?:off|through|via)(?= (?:of )?(?:"
    + "|".join(sorted((re.escape(p) for p in PLATFORM_PHRASES), key=len, reverse=True))
    + r") )"
)
"""The "off" of "revenue off Meta", "booked through Google Ads": from."""
_QUALIFIED = qualified_outcomes()
_COHORT_DAY = re.compile(
    r" d(?:0|1|3|7|14|28|30|60|90)(?= (?:roas|revenue|cpa|ltv|value) )"
    r"|(?<= roas) d(?:0|1|3|7|14|28|30|60|90)(?= )"
)
"""An app's cohort window beside its figure ("ROAS D7", "D7 revenue"): which ROAS, not a
question beyond it."""
_OWN_WORDS = re.compile(
    rf"(?<= )((?:[a-z]+ ){{1,2}})(?=(?:{outcome_plurals()}|{ACCOUNT_NOUN}|clients?|brands?|sales) )"
)
"""Words a business puts before its outcomes, its sales or its accounts ("wash club sign-ups",
"course sales", "our car wash locations"): when they are no words of ours, or words of an
outcome's own phrase ("season"), they name which, and ask nothing."""
_OUTCOME_BEFORE_METRIC = re.compile(
    r"(?<= )((?:[a-z]+ ){1,2})(?=(?:conversions|registrations|renewals|sign ups|signups|cpa"
    r"|cpl|cac) )"
)
"""An outcome's words before the metric that counts it ("season ticket conversions",
"matchday ticket cpa"): outcome words, or an unknown word naming a day ("matchday")."""
_KIND_OF_BUSINESS = re.compile(
    r"(?<= )(?:the|our|their|this|that) ((?:[a-z]+ ){1,2})(lines?|parks?|groups?|chains?|firms?"
    r"|compan(?:y|ies)|agenc(?:y|ies)|apps?|operators?|brands?)(?= )"
)
"""A client named by its kind of business ("the cruise line", "the theme park", "the hotel
group"): when the word before the noun is no word of ours, both say who, and ask nothing."""
QUALITY = frozenset(
    words(
        """junk spam fake bogus bad poor low quality cheap garbage fraudulent duplicate wasted
        zero none no nil fewer more less extra missing lost"""
    )
)
"""Words of an outcome's quality or of its absence ("spam leads", "missing conversions")."""
_COMPOUND_PREMISES = re.compile(r"(?!(?:work|sweat|pawn|tuck|ban)shop)[a-z]{3,}(?:shops?|stores?)")
_GREETING = re.compile(
    r"^ (?:(?:hi|hey|hello) )?(?:good )?(?:morning|afternoon|evening)(?= )"
    r"|^ (?:(?:hi|hey|hello) )?good day(?= )"
    r"|^ (?:ok|okay|right|alright|great)(?: (?:so|and|um|umm|then|cool|thanks|ok|okay|right"
    r"|alright))*(?= )"
)
"""A greeting, or an opening "ok so" / "right,": elsewhere "ok", "great" or "right" may judge
the figures ("first orders ok this week?"), so only an opening one explains itself."""


_CLAUSE = re.compile(r"([.!?:;\n—–()\U0001F300-\U0001FAFF\u2600-\u27BF]+|\s-\s|,\s*)")
"""Clauses end at a stop, a dash, a comma, or an emoji ("Hope you had a lovely break 🎉 could
someone pull …")."""
MAX_CONTEXT_WORDS = 6


def context_words(raw: str, today: date) -> frozenset[str]:
    """Words of the short clauses around a question that ask nothing: a greeting, a sign-off,
    a role ("Finance here.", "intern q:", "Bonjour,", "Gracias"). A clause is context when it
    has at most six words, names no platform, metric or period, and holds no cue of any
    intent; its words then need no explaining."""
    found: set[str] = set()
    parts = _CLAUSE.split(raw)
    for clause, end in zip(parts[::2], [*parts[1::2], ""], strict=True):
        text = normalize(clause).text
        tokens = text.split()
        if not tokens or len(tokens) > MAX_CONTEXT_WORDS:
            continue
        # A short question of its own ("- is it stabilising?") asks something.
        if "?" in end and not set(tokens) <= FILLER:
            continue
        if _ANY_CUE.search(text) or names_period(text, today):
            continue
        found.update(tokens)
    return frozenset(found)


_ANY_CUE = re.compile(
    "|".join(
        f"(?:{pattern.pattern})"
        for pattern in (*ENTITY_PATTERNS, *ANALYSIS_CUE_PATTERNS, *DIRECT_CUE_PATTERNS)
    )
)
"""Any entity or cue of an intent, in one pass over a clause (one search, not 32)."""


def unexplained(text: str, mentions: Iterable[Mention], known: Iterable[str] = ()) -> list[str]:
    """The words of normalized `text` that nothing explained, in order (each once); `known`
    are words other readers consumed (an unsupported platform read from the raw text)."""
    extra = frozenset(known)
    covered = bytearray(len(text))
    mentions = list(mentions)
    spans = [(m.start, m.end) for m in mentions]
    # "Black Friday through Cyber Monday": the word joining two periods into one span
    spans += [
        (a.end, b.start)
        for a, b in pairwise(mentions)
        if _RANGE_WORD.fullmatch(text, a.end, b.start)
    ]
    for pattern in (*ENTITY_PATTERNS, *COMPARISON_PATTERNS, *GROUPING_PATTERNS):
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    spans += open_outcome_spans(text)
    for pattern in (
        *DIRECT_CUE_PATTERNS,
        _GREETING,
        _CONNECTIVE,
        POLITE,
        _ADDED,
        _FROM_PLATFORM,
        _FROM_ADS,
        _QUALIFIED,
        _COHORT_DAY,
    ):
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    spans += _named_by_their_dates(text, mentions)
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    left = _left(text, covered, extra)
    # A business's own words can only explain a word of no table of ours: most questions
    # leave none, and skip this scan of every outcome and account noun.
    if any(not is_ours(word) or is_outcome_word(word) for word in left):
        for start, end in _own_words(text):
            covered[start:end] = b"\x01" * (end - start)
        left = _left(text, covered, extra)
    return left


_NAMED_BEFORE = re.compile(
    r" (?:for|over|during|on|vs|versus|against|since|from) (?:the |our |this )?((?:[a-z0-9]+ ){0,3}"
    r"(?:window|day|days|weekend|sale|sales|season|launch|promo|promotion|event|period|fair|show"
    r"|festival|holidays?|term|drop|week) )$"
)
"""A period's own name ending in a word for a stretch of time ("the January transfer window",
"Prime Day", "launch day"): not "competitors" or "the new checkout page"."""


def _named_by_their_dates(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """ "for the January transfer window, 1 Jan - 2 Feb", "for Prime Day (8-11 July)": a
    period's own name, explained by the dates written right after it."""
    spans = []
    for mention in mentions:
        if not any(c.isdigit() for c in text[mention.start : mention.end]):
            continue
        found = _NAMED_BEFORE.search(text, 0, mention.start)
        if found is None:
            continue
        name = " " + found.group(1)
        if find_metrics(name) or any(pattern.search(name) for pattern in ANALYSIS_CUE_PATTERNS):
            continue  # "for kids camp bookings since 1 June": the metric, not a period's name
        spans.append((found.start(1), found.end(1)))
    return spans


def _own_words(text: str) -> list[tuple[int, int]]:
    """Spans of the unknown words a business puts before its outcomes or accounts."""
    spans = []
    for m in _KIND_OF_BUSINESS.finditer(text):
        kind = m.group(1).split()[-1]
        if not is_known(kind) and kind not in QUALITY and kind not in FILLER:
            spans.append((m.start(2) - len(kind) - 1, m.end(2)))
    for m in _OWN_WORDS.finditer(text):
        at = m.start()
        for word in m.group(1).split():
            if (not is_ours(word) or is_outcome_word(word)) and word not in QUALITY:
                spans.append((at, at + len(word)))
            at += len(word) + 1
    for m in _OUTCOME_BEFORE_METRIC.finditer(text):
        at = m.start()
        for word in m.group(1).split():
            unknown = not is_known(word) and word not in QUALITY
            if is_outcome_word(word) or (unknown and word.endswith("day")):
                spans.append((at, at + len(word)))  # "matchday ticket", "hospitality enquiry"
            at += len(word) + 1
    return spans


def _left(text: str, covered: bytearray, extra: frozenset[str]) -> list[str]:
    """The words of `text` not covered, not filler and not in `extra`, in order, each once."""
    left: dict[str, None] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        if all(covered[match.start() : match.end()]) or word in FILLER or word in extra:
            continue
        if _COMPOUND_PREMISES.fullmatch(word):
            continue  # "the bookshops", "our farmshop": premises of a kind
        left.setdefault(word, None)
    return list(left)
