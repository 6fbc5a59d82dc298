"""A business named by its own words, not beside a noun of ours: after "for" or "at" ("for
Harbor House"), beside its figures ("Riverside's cost per trial", "daily spend in Portland",
"Croydon, Bromley and Sutton - spend …"); a client's coined brand is `invented_names`'.
"""

from __future__ import annotations

import re

from libs.common.vocab import FilterField
from services.router.coverage import FILLER
from services.router.dates.mentions import names_period
from services.router.english import is_english
from services.router.given_names import is_person
from services.router.invented_names import (
    DRAWN_OUT,
    OPENING_WORDS,
    TOOLS,
    invented_names,
    invented_runs,
    invented_word,
    looks_coined,
)
from services.router.lexicon import words
from services.router.lower_case_names import ANY_DAY, CAMPAIGN_KINDS, lower_case_names
from services.router.name_words import (
    CAPITALISED,
    is_holiday,
    is_stop,
    is_typo,
    names_a_figure,
    names_its_people,
    opens_with_a_metric,
)
from services.router.outcomes import QUALIFIERS
from services.router.phrasebook import folded
from services.router.platform_phrases import PLATFORM_PHRASES
from services.router.premises import ACCOUNT_NOUN
from services.router.tokens import ABBREVIATIONS, normalize
from services.router.vocabulary import is_known, is_ours

_PROPER_AFTER = re.compile(
    rf"\b(?P<prep>for|at|For) (?:(?P<the>the) )?(?P<name>(?:The )?{CAPITALISED}"
    rf"(?:(?: &| and| vs| versus| or)? {CAPITALISED}){{0,3}})(?![\w'’&-])"
)
"""A client's business named after "for" or "at" ("for Harbor House", "at Saltmarsh Inn",
"for Peak Heating & Air", "for Stackly", "for the Valley Courier"): an account, unless it is
a person ("for Rachel")."""
_NOUN_NEXT = re.compile(
    r" (?!(?:on|in|for|from|over|during|last|this|since|vs|and|or|to|at|by|yesterday|today)\b)"
    r"[a-z]"
)
"""A lower-case word after "the <Name>" that is no preposition: a noun the name qualifies."""
_IN_PLACE = re.compile(
    rf"(?P<before>[\w-]+) in (?P<name>{CAPITALISED}(?: {CAPITALISED})?)(?![\w'’&-])"
    r"(?: (?P<after>[\w-]+(?: [\w-]+){0,2}))?"
)
"""A city or region by name next to its figures ("daily spend in Portland", "orders in Austin
last month", "the drop in Portland orders"): an account. Away from a metric, "in Berlin" or
"in Spanish" is anything else."""
_THE_EVENT = re.compile(
    rf"\b(?:the|our|The|Our) (?:[a-z]+['’]s )?(?P<name>(?:{CAPITALISED} ){{1,3}}"
    r"(?P<end>Sale|Appeal|Drive|Push|Promo|Promotion|Offer|Launch|Walk|Run|Ride|Fair|Festival|Gala|Challenge|Auction|Raffle|Giveaway"
    r"|Competition|Dash|Trek|Swim|Bake Off|Marathon|Half|10k|5k|Triathlon))(?![\w'’&-])"
)
"""A campaign by its event's capitalised name after "the" ("the Toy Drive", "the Lantern Walk",
"the Autumn Sofa Sale", "our Winter Appeal"): its first words are its own, not a season's or a
holiday's alone ("the Summer Sale", "the Black Friday Sale" are periods)."""
_SEASONS_ALONE = frozenset(
    words(
        """spring summer autumn fall winter new year years easter christmas xmas holiday holidays
        festive half term bank flash clearance end of season mid annual"""
    )
)
_SET_AGAINST_A_NAME = re.compile(rf"(?:than|vs|versus|compared to|compared with) {CAPITALISED}")
"""A place set against another by name ("higher in Abuja than Lekki"): two places' figures."""
_WHICH_OF = re.compile(
    rf"\b(?:[Bb]etween|[Oo]f|[Ff]rom) (?P<names>{CAPITALISED}(?:, {CAPITALISED})*,? (?:and|or|&)"
    rf" {CAPITALISED}),? (?:which|what) (?:one|(?i:{ACCOUNT_NOUN}))\b"
    rf"|(?:^|(?<=[.!?\n] ))(?P<either>{CAPITALISED} or {CAPITALISED})[,?]*(?: [-–—])?"
    r" (?:which|where)(?:['’]s)?\b"
)
"""Places named before the question that chooses among them ("Between Lekki, Ikeja and Abuja,
which boutique should get more budget?", "Hackney or Brixton, which studio …", "Highlands or
Tayside — where's it going?"): an account each."""
_TWO = re.compile(r" (?:and|vs|versus|or) ")
_JOINED_AFTER = re.compile(r"(?:\b(?:for|at) |(?:^|, ))(?P<name>[a-z]+ & [a-z]+)(?=[ ,.?!]|$)")
"""A lower-case business name joined by an ampersand ("for thread & pine", ", thread & pine,")."""
_POSSESSIVE = re.compile(
    rf"(?<![\w'’&])(?P<name>(?:The )?{CAPITALISED}(?: (?:& )?{CAPITALISED}){{0,2}})"
    r"(?:['’]s|(?<=s)['’]) "
    r"(?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""A business's own figures ("Riverside's cost per trial", "Coastal Comfort's September
numbers", "IronHouse's trial class signups"): an account, when what follows is a metric or a
month."""

_SENTENCE_OPENS = r"(?:^|(?<=[.!?\n] )|(?<= [-–—] ))"
"""Where a sentence starts: the message's start, after a stop, after a dash between words."""
_LEADING = re.compile(
    rf"{_SENTENCE_OPENS}(?P<name>{CAPITALISED}(?: {CAPITALISED}){{1,2}}) "
    r"(?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""A business's own figures at the start of a sentence ("Eagle Summit spend this week vs …"):
two or three capitalised words before a metric; one would be any sentence's first word."""

_VERSUS = re.compile(
    rf"(?:{_SENTENCE_OPENS}|(?<=\b(?:pull|grab) )|(?<=\bcompare )|(?<=[,:;] ))"
    rf"(?P<one>{CAPITALISED}(?: {CAPITALISED})?)"
    rf"(?P<middle>(?: (?:vs\.?|versus|v\.?) {CAPITALISED}(?: {CAPITALISED})?){{0,3}})"
    rf" (?:vs\.?|versus|v\.?) (?P<two>{CAPITALISED}(?: {CAPITALISED})?)"
    r"(?P<end>[,:;.?!]*(?: [-–—])?)"
    r"(?: (?P<next>[\w-]+(?:,? [\w-]+){0,4}))?"
)
"""Two businesses or more set side by side opening a sentence or a clause ("Riverside vs
Northgate loyalty sign-ups", "Ticket revenue, Castlefield vs Riverside, last week", "Riverside
vs Harbourfront: same spend", "Bath vs Bristol vs Leeds — appointments"): accounts, when their
figures follow or open the clause before."""
_VERSUS_WORD = re.compile(r" (?:vs\.?|versus|v\.?) ")
_CLAUSE_BEFORE = re.compile(r"(?:^|[.!?\n])(?P<clause>[^.!?\n]{0,60})$")

_LISTED = re.compile(
    rf"{_SENTENCE_OPENS}(?P<names>{CAPITALISED}(?: {CAPITALISED})?(?:, {CAPITALISED}"
    rf"(?: {CAPITALISED})?)*,? (?:and|&) {CAPITALISED}(?: {CAPITALISED})?)(?: [-–—]|:|,)? "
    r"(?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""Businesses listed at the start of a sentence, their figures after ("Croydon, Bromley and
Sutton - spend and orders last week"): an account each."""
_LIST_SPLIT = re.compile(r",? (?:and|&) |, ")

_OPENING = re.compile(
    rf"^\s*(?P<name>{CAPITALISED}|[A-Z]{{3,6}}|[a-z]{{4,}})(?: (?P<place>(?i:area|club|store"
    r"|location|branch|studio|gym|clinic|office|showroom|venue|site)))?"
    r" (?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""A business opening the message with its figures ("Riverside trial sign-ups mtd", "Phoenix
area leads last month", "wildfern tiktok spend"): one capitalised, upper-case or (when it looks
coined) lower-case word, when it is no word of ours."""
_PLACE_ENDING = re.compile(r"(?:side|view|field|gate|wood|ford|dale|brook|ridge|vale|haven)$")
"""How a place's name ends ("Riverside", "Lakeview", "Northgate"), dictionary word or not."""


def proper_names(raw: str) -> list[tuple[FilterField, str]]:
    names = []
    for m in _PROPER_AFTER.finditer(raw):
        words = m["name"].split()
        bare = [w for w in words if w not in ("The", "&", "and", "vs", "versus", "or")]
        if m["the"] and (len(bare) < 2 or _NOUN_NEXT.match(raw, m.end())):
            continue  # "for the Board", "for the Programme Committee deck": whose, not whom
        # "for Basil & Brine", "at Savannah vs Asheville": businesses, whatever their words
        joined = "&" in words or "vs" in words or "versus" in words
        if any(is_stop(w) or is_holiday(w) or is_typo(w) for w in bare) or (
            not joined and any(is_person(w) for w in bare)
        ):
            continue  # "for Google", "for November", "for Rachel", "for Linkdin"
        # "at Lakeside and Summit": two; "for Peak Heating & Air": one
        # "for the Midnight Fun Run": an event's name is a campaign's
        names += [
            (_field_of(part.split()) if m["the"] else FilterField.ACCOUNT, part)
            for part in _TWO.split(m["name"])
        ]
    for m in _IN_PLACE.finditer(raw):
        words = m["name"].split()
        if any(is_stop(w) or is_holiday(w) or is_typo(w) for w in words):
            continue  # "spend in November", "clicks in Google"
        if opens_with_a_metric(m["before"]) or opens_with_a_metric(m["after"] or ""):
            names.append((FilterField.ACCOUNT, m["name"]))
        elif _SET_AGAINST_A_NAME.match(m["after"] or "") and not _a_word_of_ours(words):
            names.append((FilterField.ACCOUNT, m["name"]))  # "higher in Abuja than Lekki"
        elif _a_metric_just_before(raw, m.start("name")) and not _a_word_of_ours(words):
            names.append((FilterField.ACCOUNT, m["name"]))  # "orders did we get in Denver"
    for m in _THE_EVENT.finditer(raw):
        own = m["name"].split()[: -len(m["end"].split())]
        if all(w.lower() in _SEASONS_ALONE or is_holiday(w) for w in own):
            continue  # "the Summer Sale", "the Black Friday Sale": a period's sale
        if any(is_stop(w) or is_typo(w) or w.lower() in PLATFORM_PHRASES for w in own):
            continue  # "the Google Push", "the November Sale"
        names.append((FilterField.CAMPAIGN, m["name"]))
    for m in _JOINED_AFTER.finditer(raw):
        if not any(is_stop(w) for w in m["name"].split(" & ")):
            names.append((FilterField.ACCOUNT, m["name"]))
    for m in _LEADING.finditer(raw):
        words = m["name"].split()
        if any(w.lower() in FILLER or is_stop(w) or is_holiday(w) or is_typo(w) for w in words):
            continue  # "Black Friday spend", "Google Ads spend", "Quick Qs - how many"
        if words[0].lower() in OPENING_WORDS or all(is_known(w.lower()) for w in words):
            continue  # "Forecast Ledgerly Q1 demos": a request, then the name
        if any(is_person(w) for w in words):
            continue  # "Rachel Green asked"
        if names_a_figure(m["next"]):
            names.append((_field_of(words), m["name"]))
    for m in _OPENING.finditer(raw):
        word = m["name"]
        if is_known(folded(word.lower())):
            continue  # "Cuántas subs", "Nuestro CPA": a word of a phrase we read
        if word.lower() in FILLER or word.lower() in CAMPAIGN_KINDS or is_stop(word):
            continue  # "Total spend", "Mobile CTR", "Google spend"
        if is_holiday(word) or is_typo(word):
            continue  # "Thanksgiving sales", "Gogle spend"
        # "Hospitality bookings", "Treatment bookings", "Box office reckons": a common noun
        # opening the message is what is counted; "Phoenix area leads" is a place's
        common = is_english(word.lower()) and not m["place"] and not _PLACE_ENDING.search(word)
        known = is_known(word.lower()) or word.lower() in QUALIFIERS or common
        if known or not opens_with_a_metric(m["next"]):
            continue  # "Compare CPC …", "Trial class bookings", "Shopify says 412 orders"
        directly = opens_with_a_metric(m["next"], platform_first=False)
        if (word.islower() or not directly) and not looks_coined(word):
            continue  # "whyy meta spend", "Tmrw Meta spend": a slip or a short form, no name
        if word.islower() and (
            is_english(word)
            or is_person(word)
            or word in TOOLS
            or word in ABBREVIATIONS
            or normalize(word).tokens != (word,)
            or names_period(f" {word} ", ANY_DAY)
            or DRAWN_OUT.search(word)
        ):
            continue  # "wildfern tiktok spend" is a brand in lower case; "yday spend", "ummm" not
        names.append((FilterField.ACCOUNT, word))
    for m in _VERSUS.finditer(raw):
        pair = (m["one"], *_VERSUS_WORD.split(m["middle"])[1:], m["two"])
        words = [w for name in pair for w in name.split()]
        # "Old Mill", "New Town": a name's first word may be a word of ours, not its last
        # a capitalised slip of ours set against a name is rare: "Manchester vs Leeds" is two
        # places, not "leads"; both slips ("Leds vs Clciks") are no names
        slips = sum(is_typo(w) for w in words)
        if (
            any(is_stop(name.split()[-1]) for name in pair)
            or any(is_holiday(w) or w.lower() in PLATFORM_PHRASES for w in words)
            or slips > 1
        ):
            continue  # "Google vs Meta spend", "Q3 vs Q2", "Black Friday vs Cyber Monday"
        if all(any(is_person(w) for w in name.split()) for name in pair):
            continue  # "Rachel vs Tom": people; "Nashville vs Austin": one city is a name too
        before = _CLAUSE_BEFORE.search(raw, 0, m.start())
        clause = before["clause"].strip(" ,:;") if before else ""
        # their figures after them, even past a mark ("Riverside vs Harbourfront: same spend"),
        # or opening the clause ("Ticket revenue, Castlefield vs Riverside")
        if (m["next"] and names_a_figure(m["next"])) or (clause and names_a_figure(clause)):
            names += [(FilterField.ACCOUNT, name) for name in pair]
    if "," in raw or " and " in raw or "&" in raw:
        for m in _LISTED.finditer(raw):
            listed = _LIST_SPLIT.split(m["names"])
            coined = [_a_coined_place(name) for name in listed]
            if "," not in m["names"] and not (any(coined) and all(map(_unheard_of, listed))):
                continue  # "Slip and Fall leads": one campaign's name as likely as two
            words = [w for name in listed for w in name.split()]
            if any(is_stop(w) or is_holiday(w) or is_typo(w) for w in words):
                continue  # "Google, Meta and TikTok spend"
            if all(is_person(w) for w in words):
                continue  # "Rachel, Tom and Priya asked"; "Austin, Denver and Nashville": cities
            if names_a_figure(m["next"]):
                names += [(FilterField.ACCOUNT, name) for name in listed]
    for m in _WHICH_OF.finditer(raw):
        listed = _LIST_SPLIT.split((m["names"] or m["either"]).replace(" or ", " and "))
        if not any(is_stop(w) or is_holiday(w) or is_typo(w) or is_person(w) for w in listed):
            names += [(FilterField.ACCOUNT, name) for name in listed]
    names += lower_case_names(raw)
    names += invented_names(raw)
    names += invented_runs(raw)
    for m in _POSSESSIVE.finditer(raw):
        name = m["name"]
        first, _, rest = name.partition(" ")
        if rest and first.lower() in OPENING_WORDS:
            name = rest  # "Predict Alpenglow's revenue", "Are Nashville's numbers …": then the name
        words = [w for w in name.split() if w not in ("&", "The")]
        # "Denver's orders": a city that is also a given name, since its own metric follows
        person = (
            "&" not in name
            and any(is_person(w) for w in words)
            and not opens_with_a_metric(m["next"])
        )
        stop = any(is_stop(w) or is_holiday(w) or w.lower() in TOOLS for w in words)
        if (names_a_figure(m["next"]) or names_its_people(m["next"])) and not (person or stop):
            names.append((FilterField.ACCOUNT, name))
    return names


_WORDS_BEFORE = re.compile(r"(?:[\w-]+ ){1,4}in $")


def _a_metric_just_before(raw: str, start: int) -> bool:
    """Whether a metric is among the four words before "in <Name>" ("how many orders did we
    get in Denver", "reservas dropped so much in Triana"): the place is whose figures they are."""
    m = _WORDS_BEFORE.search(raw, max(0, start - 60), start)
    before = m.group().split()[:-1] if m else []
    return any(opens_with_a_metric(" ".join(before[i:])) for i in range(len(before)))


def _a_word_of_ours(words: list[str]) -> bool:
    """A word our rules read, a platform, or one common English word ("in Spanish"): no
    place's name."""
    if len(words) == 1 and is_english(words[0].lower()):
        return True
    return any(is_ours(w.lower()) or w.lower() in PLATFORM_PHRASES for w in words)


_CAMPAIGN_ENDINGS = frozenset(
    words(
        """promo promotion sale offer launch appeal drive push bundle giveaway competition walk
        run ride fair festival gala challenge auction raffle dash trek swim marathon half 10k 5k
        triathlon sportive"""
    )
)


def _field_of(words: list[str]) -> FilterField:
    """A name ending as campaigns' do ("Free Scan Promo", "Spring Sale") is a campaign's."""
    return FilterField.CAMPAIGN if words[-1].lower() in _CAMPAIGN_ENDINGS else FilterField.ACCOUNT


def _a_coined_place(name: str) -> bool:
    """One word no dictionary or list of ours holds ("Glenrothes", "Kirkcaldy"): a place or a
    brand of its own, so "Glenrothes and Kirkcaldy appointments" are two."""
    return " " not in name and looks_coined(name) and invented_word(name)


def _unheard_of(name: str) -> bool:
    """One word no dictionary or list of ours holds, coined-looking or not ("Ashby" beside
    "Meadowbank")."""
    return " " not in name and invented_word(name)
