"""Campaign and account names a question mentions, kept as written (matching is case-blind).

Read from the raw text, because capital letters and quotes mark where a name starts and ends:
- quoted: "Brand Search", 'Summer Sale' (an account if "account" is next to it);
- before the noun: "the Brand Search campaign", "our retargeting campaigns", "Northwind EU account";
- after the noun: "campaign Summer Sale", "account Northwind EU", "campaign called spring promo".
Leading words that say which or how many ("the top 5", "the Google", "the best") are not a name.
"""

from __future__ import annotations

import re

from libs.common.plan import NameFilter
from libs.common.vocab import FilterField, GroupBy, Metric, Platform
from services.router.calendar_words import MONTHS, WEEKDAYS
from services.router.coverage import FILLER
from services.router.dates.holidays import MOVING
from services.router.dates.words import HOLIDAYS
from services.router.english import is_english
from services.router.entities import find_metrics, find_platforms
from services.router.given_names import is_person
from services.router.lexicon import (
    METRIC_PHRASES,
    PLATFORM_PHRASES,
    UNSUPPORTED_PHRASES,
    words,
)
from services.router.outcomes import QUALIFIERS
from services.router.tokens import is_known, normalize

_QUOTES = "\"'“”‘’ ?.,!"
_WORD = r"[\w&.+'’-]+"
_NOUN = (
    r"(?P<noun>campaigns?|accounts?|locations?|stores?|branch(?:es)?|property|properties|studios?"
    r"|service areas?|practices?|regions?|boutiques?|areas?|resorts?|city|cities|markets?"
    r"|showrooms?|dealerships?|taprooms?|clubs?|ad ?sets?|ad groups?)"
)
"""A store, location or property is an account: one by name ("the Lakeside store"); "the
Midwest stores" are a region's many, no one account."""
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,200})[\"“”]|(?<![\w])['‘]([^'‘’]{1,200})['’](?!\w)")
_BEFORE_NOUN = re.compile(
    rf"(?i:\b(?:the|our|my|your|their|in|for|on|of)\s+)(?P<name>(?:{_WORD}\s+){{0,4}}?{_WORD})\s+"
    rf"(?i:{_NOUN})\b"
)
_CAPS_BEFORE_NOUN = re.compile(
    r"(?P<name>(?:[A-Z0-9][\w&.+'’-]*\s+){1,4})(?i:(?P<noun>campaigns?|accounts?|ad ?sets?"
    r"|ad groups?|ads))\b"
)
_CAPS_BEFORE_PLACE = re.compile(
    r"(?P<name>(?:(?:and |& |, )?[A-Z][\w&-]*\s+){1,5}?)(?P<noun>clinics?|practices?|gyms?|salons?"
    r"|surger(?:y|ies)|centres?|centers?|pharmac(?:y|ies)|shops?|offices?)\b"
)
"""A clinic group's or a chain's premises by capitalised name ("the Riverside clinic", "our Maple
Grove practice", "the Lakeside and Northgate clinics"); "the dental clinic" is a kind, and an
office or a hotel ("our Austin office") is a place, not an account."""
_AFTER_NOUN = re.compile(
    r"\b(?i:(?P<noun>campaign|account))\s+(?:(?i:called|named)\s+(?P<called>(?:[\w&.+'’-]+\s*){1,4})"
    r"|(?P<name>[A-Z0-9][\w&.+'’-]*(?:\s+[A-Z0-9][\w&.+'’-]*){0,4}))"
)
_NOT_NAME: frozenset[str] = frozenset(
    {
        phrase
        for phrase in (*PLATFORM_PHRASES, *METRIC_PHRASES, *UNSUPPORTED_PHRASES)
        if " " not in phrase
    }
    | set(MONTHS)
    | set(WEEKDAYS)
    | set(
        words(
            """
        a an the all any each every which what whose our my your their this that these those
        top bottom best worst highest lowest most least biggest largest smallest cheapest
        expensive fewest
        performing performance new old active paused live running other same main current
        previous last next past this ad ads paid campaign campaigns account accounts how is
        are was were did do does show give list me us much many total and or vs of in on for
        by with per which where why when who its it today yesterday week month year quarter
        daily weekly monthly days weeks months years spend different both two three several
        underperforming overperforming good bad poor strong weak among ytd mtd qtd wtd results
        spender spenders both x online physical
        mon tue tues wed thu thur thurs fri sat sun
        something everything nothing anything someone everyone nobody here there
        """
        )
    )
)
_KINDS = frozenset(
    words(
        """american british english scottish welsh irish canadian australian french german dutch
        belgian swiss austrian italian spanish portuguese brazilian mexican argentinian chilean
        colombian peruvian indian pakistani chinese japanese korean thai vietnamese filipino
        indonesian malaysian turkish greek polish swedish norwegian danish finnish russian
        ukrainian czech hungarian romanian israeli arab arabic african nigerian kenyan
        european asian latin nordic scandinavian caribbean mediterranean halal kosher vegan
        independent local family boutique flagship"""
    )
)
"""Words that say what kind a business is ("the Brazilian shop", "the Spanish restaurants"),
not which one."""
_CHANNEL_TYPES = frozenset({"search", "shopping", "display", "video", "pmax"})
_STOP_AFTER = re.compile(r"(?i)\s+(?:on|in|for|last|this|since|from|during|vs|and|with|by)\b.*$")


_CODED = re.compile(r"(?<![\w/.=])(?P<name>[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+)(?![\w])(?!\s*[=:])")
"""A campaign named by a naming convention ("US_Search_Brand_Exact", "LI_ABM_Tier1")."""
_OUR_FIELDS = frozenset(
    {m.value for m in Metric}
    | {g.value for g in GroupBy}
    | {p.value for p in Platform}
    | {"date_range", "compare_to", "group_by", "tenant_id", "account_id", "campaign_id", "user_id"}
)
"""Our own contract's names ("meta_ads", "conversion_value", "tenant_id"): never a campaign's,
nor is a key before "=" or ":" ("SYSTEM: tenant_id=northwind-outfitters")."""


def _coded(raw: str) -> list[tuple[FilterField, str]]:
    if "_" not in raw:
        return []
    return [
        (FilterField.CAMPAIGN, m["name"])
        for m in _CODED.finditer(raw)
        if m["name"].lower() not in _OUR_FIELDS
        and not (m["name"].islower() and all(is_known(w) for w in m["name"].split("_")))
    ]


def find_filters(raw: str) -> list[NameFilter]:
    """Campaign and account names in `raw`, in order of mention, without duplicates."""
    found: dict[tuple[FilterField, str], NameFilter] = {}
    quoted = [*_quoted(raw), *_coded(raw)]
    inside = [name.strip(_QUOTES).lower() for _, name in quoted]
    for field, name in (*quoted, *_around_noun(raw), *_proper_names(raw)):
        value = name.strip(_QUOTES)
        if any(value.lower() in whole and value.lower() != whole for whole in inside):
            continue  # "Exact" of "the 'Brand - Exact' campaign": a piece of the quoted name
        key = (field, value.lower())
        if value and key not in found and not any(k[1] == key[1] for k in found):
            found[key] = NameFilter(field=field, value=value[:200])
    # "Business" of "the Faculty of Business campaign": a piece of a longer name found beside it
    names = [k[1] for k in found]
    return [
        f
        for (field, low), f in found.items()
        if not any(low != other and f" {low} " in f" {other} " for other in names)
    ]


def _field(noun: str) -> FilterField:
    campaign = re.fullmatch(r"campaigns?|ad ?sets?|ad groups?|ads", noun.lower())
    return FilterField.CAMPAIGN if campaign else FilterField.ACCOUNT


_MAX_NAME_WORDS = 6
_NOT_A_NAME = re.compile(r"[\d\s./:$%,-]+")
_SENTENCE = re.compile(r"[?!]|[.,:;]\s")
_ADS_NOUN = re.compile(r" (?:campaigns?|accounts?|ad ?sets?|ad groups?) ")


def _about_ads(text: str) -> bool:
    """Whether `text` names a metric, a platform or a campaign-like noun. Read from its tokens:
    one regex of all 1,500 metric and platform phrases took 3 ms on a long email."""
    normalized = normalize(text).text
    return bool(
        _ADS_NOUN.search(normalized) or find_metrics(normalized) or find_platforms(normalized)
    )


def _quoted(raw: str) -> list[tuple[FilterField, str]]:
    if not _QUOTED.search(raw):
        return []  # most questions quote nothing: the check below is the costly one
    if not _about_ads(_QUOTED.sub(" ", raw)):
        return []  # "translate 'hello' into Spanish": quotes, but nothing about ads
    names = []
    for m in _QUOTED.finditer(raw):
        value = (m[1] or m[2]).strip()
        if len(value.split()) > _MAX_NAME_WORDS or _SENTENCE.search(value):
            continue  # a quoted sentence ("'is our Meta spend wasted?'"), not a name
        if _NOT_A_NAME.fullmatch(value):
            continue  # a quoted date or number ("BETWEEN '2026-11-01' AND …")
        around = raw[max(0, m.start() - 12) : m.end() + 10].lower()
        field = FilterField.ACCOUNT if "account" in around else FilterField.CAMPAIGN
        names.append((field, value))
    return names


_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_CAPITALISED = rf"[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)*(?:-[{_UPPER}][{_LOWER}]+)?"
"""A capitalised word: "Harbor", "IronHouse", "Coca-Cola", "Malasaña"."""
_PROPER_AFTER = re.compile(
    rf"\b(?P<prep>for|at) (?P<name>(?:The )?{_CAPITALISED}"
    rf"(?:(?: &| and| vs| versus| or)? {_CAPITALISED}){{0,3}})(?![\w'’&-])"
)
"""A client's business named after "for" or "at" ("for Harbor House", "at Saltmarsh Inn",
"for Peak Heating & Air", "for Stackly"): an account, unless it is a person ("for Rachel")."""
_IN_PLACE = re.compile(
    rf"(?P<before>[\w-]+) in (?P<name>{_CAPITALISED}(?: {_CAPITALISED})?)(?![\w'’&-])"
    r"(?: (?P<after>[\w-]+(?: [\w-]+){0,2}))?"
)
"""A city or region by name next to its figures ("daily spend in Portland", "orders in Austin
last month", "the drop in Portland orders"): an account. Away from a metric, "in Berlin" or
"in Spanish" is anything else."""
_TWO = re.compile(r" (?:and|vs|versus|or) ")
_JOINED_AFTER = re.compile(r"(?:\b(?:for|at) |(?:^|, ))(?P<name>[a-z]+ & [a-z]+)(?=[ ,.?!]|$)")
"""A lower-case business name joined by an ampersand ("for thread & pine", ", thread & pine,")."""
_POSSESSIVE = re.compile(
    rf"(?<![\w'’&])(?P<name>(?:The )?{_CAPITALISED}(?: (?:& )?{_CAPITALISED}){{0,2}})['’]s "
    r"(?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""A business's own figures ("Riverside's cost per trial", "Coastal Comfort's September
numbers", "IronHouse's trial class signups"): an account, when what follows is a metric or a
month."""

_LEADING = re.compile(
    rf"(?:^|(?<=[.!?\n] ))(?P<name>{_CAPITALISED}(?: {_CAPITALISED}){{1,2}}) "
    r"(?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""A business's own figures at the start of a sentence ("Eagle Summit spend this week vs …"):
two or three capitalised words before a metric; one would be any sentence's first word."""

_VERSUS = re.compile(
    rf"(?:^|(?<=[.!?\n] ))(?P<one>{_CAPITALISED}(?: {_CAPITALISED})?) (?:vs\.?|versus|v\.?) "
    rf"(?P<two>{_CAPITALISED}(?: {_CAPITALISED})?) (?P<next>[\w-]+(?: [\w-]+){{0,3}})"
)
"""Two businesses set side by side at the start of a sentence ("Riverside vs Northgate loyalty
sign-ups"): accounts, when their figures follow."""

_LISTED = re.compile(
    rf"(?:^|(?<=[.!?\n] ))(?P<names>{_CAPITALISED}(?: {_CAPITALISED})?(?:, {_CAPITALISED}"
    rf"(?: {_CAPITALISED})?)*,? (?:and|&) {_CAPITALISED}(?: {_CAPITALISED})?)(?: [-–—]|:|,)? "
    r"(?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""Businesses listed at the start of a sentence, their figures after ("Croydon, Bromley and
Sutton - spend and orders last week"): an account each."""
_LIST_SPLIT = re.compile(r",? (?:and|&) |, ")

_OPENING = re.compile(
    rf"^\s*(?P<name>{_CAPITALISED}|[A-Z]{{3,6}})(?: (?i:area|club|store|location|branch|studio"
    r"|gym|clinic|office|showroom|venue|site))? (?P<next>[\w-]+(?: [\w-]+){0,3})"
)
"""A business opening the message with its figures ("Riverside trial sign-ups mtd", "Phoenix
area leads last month"): one capitalised word, when it is no word of ours."""
_ONE_WORD = re.compile(rf"(?<![\w'’&-])(?P<name>{_CAPITALISED})(?![\w'’&-])")
_LABEL_AFTER = re.compile(r"\s*(?::|[-–—]\s)")
_TOOLS = frozenset(
    words(
        """hubspot shopify slack canva excel sheets looker notion salesforce zapier klaviyo
        mailchimp tableau asana jira teams zoom outlook gmail figma wordpress wix squarespace
        etsy amazon ebay stripe whatsapp revops devops salesops martech adtech ga ga4
        analytics datastudio powerbi sheet docs drive chatgpt openai claude monday trello
        airtable calendly typeform gong hotjar semrush ahrefs"""
    )
)
"""Tools a message names ("numbers vs HubSpot"): not a client's business."""
_MODIFIERS = frozenset(
    words(
        """mobile desktop tablet brand branded nonbrand retargeting remarketing prospecting
        average avg median mean blended estimated lifetime projected organic app web online
        offline social paid search display video shopping pmax total net gross incremental
        attributed reported actual new returning repeat all our my weekend weekends weekday
        weekdays morning mornings evening evenings night nights overnight daytime holiday
        holidays seasonal summer winter spring autumn fall peak bfcm"""
    )
)


def _proper_names(raw: str) -> list[tuple[FilterField, str]]:
    names = []
    for m in _PROPER_AFTER.finditer(raw):
        words = m["name"].split()
        bare = [w for w in words if w not in ("The", "&", "and", "vs", "versus", "or")]
        # "for Basil & Brine", "at Savannah vs Asheville": businesses, whatever their words
        joined = "&" in words or "vs" in words or "versus" in words
        if any(_is_stop(w) or _is_holiday(w) or _is_typo(w) for w in bare) or (
            not joined and any(is_person(w) for w in bare)
        ):
            continue  # "for Google", "for November", "for Rachel", "for Linkdin"
        # "at Lakeside and Summit": two; "for Peak Heating & Air": one
        names += [(FilterField.ACCOUNT, part) for part in _TWO.split(m["name"])]
    for m in _IN_PLACE.finditer(raw):
        words = m["name"].split()
        if any(_is_stop(w) or _is_holiday(w) or _is_typo(w) for w in words):
            continue  # "spend in November", "clicks in Google"
        if _opens_with_a_metric(m["before"]) or _opens_with_a_metric(m["after"] or ""):
            names.append((FilterField.ACCOUNT, m["name"]))
    for m in _JOINED_AFTER.finditer(raw):
        if not any(_is_stop(w) for w in m["name"].split(" & ")):
            names.append((FilterField.ACCOUNT, m["name"]))
    for m in _LEADING.finditer(raw):
        words = m["name"].split()
        if any(w.lower() in FILLER or _is_stop(w) or _is_holiday(w) or _is_typo(w) for w in words):
            continue  # "Black Friday spend", "Google Ads spend", "Quick Qs - how many"
        if is_known(words[0].lower()):
            continue  # "Forecast Ledgerly Q1 demos": a request, then the name
        if any(is_person(w) for w in words):
            continue  # "Rachel Green asked"
        if _names_a_figure(m["next"]):
            names.append((FilterField.ACCOUNT, m["name"]))
    for m in _OPENING.finditer(raw):
        word = m["name"]
        if word.lower() in FILLER or word.lower() in _MODIFIERS or _is_stop(word):
            continue  # "Total spend", "Mobile CTR", "Google spend"
        if _is_holiday(word) or _is_typo(word):
            continue  # "Thanksgiving sales", "Gogle spend"
        known = is_known(word.lower()) or word.lower() in QUALIFIERS
        if known or not _opens_with_a_metric(m["next"]):
            continue  # "Compare CPC …", "Trial class bookings", "Shopify says 412 orders"
        names.append((FilterField.ACCOUNT, word))
    for m in _VERSUS.finditer(raw):
        pair = (m["one"], m["two"])
        words = [w for name in pair for w in name.split()]
        if any(_is_stop(w) or _is_holiday(w) or _is_typo(w) or is_person(w) for w in words):
            continue  # "Google vs Meta spend", "Q3 vs Q2"
        if _names_a_figure(m["next"]):
            names += [(FilterField.ACCOUNT, name) for name in pair]
    if "," in raw or " and " in raw or "&" in raw:
        for m in _LISTED.finditer(raw):
            if "," not in m["names"]:
                continue  # "Slip and Fall leads": one campaign's name as likely as two
            listed = _LIST_SPLIT.split(m["names"])
            words = [w for name in listed for w in name.split()]
            if any(_is_stop(w) or _is_holiday(w) or _is_typo(w) or is_person(w) for w in words):
                continue  # "Google, Meta and TikTok spend", "Rachel and Tom asked"
            if _names_a_figure(m["next"]):
                names += [(FilterField.ACCOUNT, name) for name in listed]
    names += _invented_names(raw)
    for m in _POSSESSIVE.finditer(raw):
        words = [w for w in m["name"].split() if w not in ("&", "The")]
        # "Denver's orders": a city that is also a given name, since its own metric follows
        person = (
            "&" not in m["name"]
            and any(is_person(w) for w in words)
            and not _opens_with_a_metric(m["next"])
        )
        stop = any(_is_stop(w) or _is_holiday(w) for w in words)
        if (_names_a_figure(m["next"]) or _names_its_people(m["next"])) and not (person or stop):
            names.append((FilterField.ACCOUNT, m["name"]))
    return names


def _invented_names(raw: str) -> list[tuple[FilterField, str]]:
    """A client's one-word brand, when it is no word of ours, no person's, no tool's and no
    misspelling, and stands alone (no capitalised word beside it) where a message names whose
    figures it asks for: labelling the message ("Loudhaus: why is …", "Wanderbay - booking
    revenue by market", "… spend and orders, Barkfield"), or before its figures ("Why are
    Barkfield subs down", "Homeplot valuation reqs")."""
    names = []
    about_ads: bool | None = None
    for m in _ONE_WORD.finditer(raw):
        word = m["name"]
        lowered = word.lower()
        if len(word) < 4 or is_known(lowered) or lowered in _TOOLS or lowered in QUALIFIERS:
            continue
        if lowered in FILLER or is_english(lowered):
            continue  # "Hiya - what did we spend", "Agenda:", "Zero clicks Sunday"
        before, after = raw[: m.start()], raw[m.end() :]
        if about_ads is None:
            about_ads = _about_ads(raw)
        if _SIGNED.search(before):
            continue  # "Thanks, Priya": who wrote it
        if _CAPITAL_BESIDE.search(before) or _CAPITAL_NEXT.match(after):
            continue  # a piece of a longer name ("the Riverside Condos campaign")
        label = (not before.strip() and _LABEL_AFTER.match(after)) or (
            _LABEL_BEFORE.search(before) and _LABEL_END.match(after)
        )
        # inside a sentence about ads ("capital of Australia" asks nothing of ours), not a
        # region's many ("the Midwest stores"), not a German noun
        inside = (
            _MID_SENTENCE.search(before) is not None
            and not before.endswith(" in ")  # "normal for fashion in Germany": a setting
            and not _MANY.match(after)
            and not _GERMAN.search(raw)
            and about_ads
        )
        if not (label or inside or (after[:1] == " " and _opens_with_a_metric(after[1:60]))):
            continue
        if _is_stop(word) or _is_holiday(word) or _is_typo(word) or is_person(word):
            continue
        if lowered not in _KINDS:
            names.append((FilterField.ACCOUNT, word))
    return names


_SIGNED = re.compile(
    r"(?i)\b(?:thanks|thank you|cheers|regards|best|thx|ta|wishes|love|from|hi|hey|hello|dear)"
    r"(?: so much| again| a lot| heaps| all| both| in advance)?\W*$"
)
_MID_SENTENCE = re.compile(r"[a-z0-9,'’]\s$")
"""After a lower-case word or a comma: inside a sentence, where a capital marks a name."""
_MANY = re.compile(
    r"\s(?i:stores|locations|branches|clinics|practices|regions|areas|markets|accounts|offices"
    r"|shops|centres|centers|gyms|studios|clubs|properties|hotels|restaurants|venues)\b"
)
_GERMAN = re.compile(r"(?i)\b(?:bitte|eine|kurze|mir|und|der|die|das|frage|wie|ist)\b")
_CAPITAL_BESIDE = re.compile(r"[A-Z][\w&'’.-]*\s$")
_CAPITAL_NEXT = re.compile(r"\s[A-Z&]")
_LABEL_BEFORE = re.compile(r"(?:,|\s[-–—])\s$")
_LABEL_END = re.compile(r"\s*(?:[.!?]*\s*$|,\s*(?:(?:in|for)\s)?[A-Za-z]+\s*[.!?]*\s*$)")
"""A name closing the message, alone or before a month ("…? Ledgerly, January")."""


_FIGURE_WORDS = frozenset(words("cost costs cpa cpl cac roas ctr cpc cpm numbers figures"))
_DETERMINERS = frozenset(words("the a an our my your their his her this that these those some any"))


def _opens_with_a_metric(after: str) -> bool:
    """Whether `after` starts with a metric ("trial sign-ups mtd", "spend, clicks")."""
    tokens = normalize(after).tokens
    return any(" ".join(tokens[:k]) in METRIC_PHRASES for k in (1, 2, 3))


def _names_a_figure(after: str) -> bool:
    """Whether the words after a possessive start with a metric, a month or a figure word."""
    first = after.split()[0].lower()
    if first in _DETERMINERS:
        return False  # "Gie's the daily spend" (Scots "give us"): no owner
    if first in METRIC_PHRASES or first in MONTHS or first in _FIGURE_WORDS:
        return True
    return bool(find_metrics(f" {normalize(after).text} "))


_ITS_PEOPLE = frozenset(
    {*words("gm gms owner owners manager managers director directors ceo founder founders staff")}
    | {"marketing team", "ops team", "team", "board", "partners", "franchisee", "franchisees"}
)


def _names_its_people(after: str) -> bool:
    """ "Hillcrest's GM", "Harbor House's owners": a business's people, so a business."""
    lowered = after.lower().split()
    return bool(lowered) and (lowered[0] in _ITS_PEOPLE or " ".join(lowered[:2]) in _ITS_PEOPLE)


_HOLIDAY_WORDS = frozenset(word for name in (*HOLIDAYS, *MOVING) for word in name.split())


def _is_holiday(word: str) -> bool:
    """ "for Thanksgiving", "Mother's Day sales": a day, not a business."""
    return word.lower() in _HOLIDAY_WORDS


def _is_typo(word: str) -> bool:
    """A misspelt known word ("Linkdin", "Gogle"): the typo reader corrects it; no name."""
    return bool(normalize(word).corrections)


def _around_noun(raw: str) -> list[tuple[FilterField, str]]:
    names = []
    for pattern in (_BEFORE_NOUN, _CAPS_BEFORE_NOUN, _CAPS_BEFORE_PLACE):
        for m in pattern.finditer(raw):
            if _is_platform_ads(m["name"].split(), m["noun"]):
                continue  # "Need Microsoft Ads spend": the platform's own name
            if _is_outcome(raw, m):
                continue  # "more funded accounts", "Projected account openings": a metric
            if m["noun"].startswith("office") and not _office_of_a_client(raw, m.end()):
                continue  # "a restaurant near our Austin office", "the Lakeside office manager"
            parts = _joined(m["name"], m["noun"])
            if len(parts) == 1 and _MANY_NOUN.fullmatch(m["noun"].lower()):
                continue  # "the Midwest stores": a region's many; "the Leeds and York showrooms"
            for part in parts:
                value = _strip_leading(part.split())
                if value and not all(w.lower() in _KINDS for w in value.split()):
                    names.append((_field(m["noun"]), value))
    for m in _AFTER_NOUN.finditer(raw):
        text = _STOP_AFTER.sub("", m["called"] or m["name"]).strip(" ?.,!")
        value = _strip_trailing(text.split())
        if value:
            names.append((_field(m["noun"]), value))
    return names


_AND = re.compile(r"\s+(?:and|&)\s+|,\s*", re.IGNORECASE)


def _joined(name: str, noun: str) -> list[str]:
    """ "the Round Rock and Cedar Park accounts": two names before a plural noun; a singular
    noun has one name ("the Salt and Pepper campaign")."""
    if not noun.lower().endswith("s"):
        return [name]
    parts = [part for part in _AND.split(name) if part.strip()]
    capitalised = all(part.strip()[:1].isupper() for part in parts[1:])
    return parts if len(parts) > 1 and capitalised else [name]


_OFFICE_PEOPLE = re.compile(r"\s+(?:manager|managers|staff|team|party|lunch|move|building)\b", re.I)


def _office_of_a_client(raw: str, end: int) -> bool:
    """Whether an office is a client's account ("the Dallas office's leads"), not where
    people work ("near our Austin office", "the Lakeside office manager")."""
    return not _OFFICE_PEOPLE.match(raw, end) and _about_ads(raw)


_MANY_NOUN = re.compile(
    r"locations|stores|branches|properties|studios|service areas|practices|regions|boutiques"
    r"|areas|resorts|cities|markets|showrooms|dealerships|taprooms|clubs"
)
_NEXT_WORD = re.compile(r"[\s-]*([\w'’-]+)")


def _is_outcome(raw: str, m: re.Match[str]) -> bool:
    """Whether the noun is part of an outcome ("funded accounts", "account openings"), which
    is a metric, not a name's noun."""
    last = m["name"].split()[-1]
    after = _NEXT_WORD.match(raw, m.end())
    pairs = [f"{last} {m['noun']}", *([f"{m['noun']} {after[1]}"] if after else [])]
    if any(normalize(pair).text.strip() in METRIC_PHRASES for pair in pairs):
        return True
    # "on wash club sign-ups": a lower-case word before a noun that names an outcome's kind
    follows = raw[m.end() :]
    return m["name"].islower() and follows[:1] in (" ", "-") and _opens_with_a_metric(follows)


def _is_platform_ads(words: list[str], noun: str) -> bool:
    """ "Microsoft Ads", "Google Ads", "Facebook ads", "Reddit ads": a platform's name (ours or
    one we do not support), not a campaign's."""
    last = words[-1].lower() if words else ""
    return noun.lower() == "ads" and (last in PLATFORM_PHRASES or last in UNSUPPORTED_PHRASES)


def _is_stop(word: str) -> bool:
    parts = re.sub(r"['’]s$", "", word.lower().strip(_QUOTES)).split("-")  # "last week's"
    return all(part in _NOT_NAME or part.isdigit() for part in parts)


_BREAKS = frozenset(
    {"the", "our", "my", "your", "their", "for", "on", "of", "in", "to", "at", "and", "or"}
    | {"by", "per", "each", "every", "across"}  # "ROAS by campaign" groups; it names none
)


def _strip_leading(words: list[str]) -> str:
    # A name never spans "… for the …": it starts after the last such word ("of" between
    # capitalised words is the name's own: "the Faculty of Business campaign").
    cut = max(
        (i for i, w in enumerate(words) if w.lower() in _BREAKS and not _joins_a_name(words, i)),
        default=-1,
    )
    words = words[cut + 1 :]
    owner = max((i for i, w in enumerate(words) if re.fullmatch(r"[a-z]+['’]s", w)), default=-1)
    words = words[owner + 1 :]  # "the clinic's google account": whose, then which
    while words and _is_stop(words[0]) and not _opens_a_proper_name(words):
        words = words[1:]
    if len(words) == 1 and words[0].lower() in _CHANNEL_TYPES:
        return ""  # "the search campaigns" is a platform, not a name
    if len(words) == 1 and re.fullmatch(r"[a-z]+['’]s", words[0]):
        return ""  # "the dentist's accounts": whose, not which
    return " ".join(words).strip(" ?.,!")


def _joins_a_name(words: list[str], i: int) -> bool:
    """Whether word `i` is the "of" or "&" of a capitalised name ("Faculty of Business")."""
    return (
        words[i] in ("of", "&")
        and 0 < i < len(words) - 1
        and words[i - 1][:1].isupper()
        and words[i + 1][:1].isupper()
        and not _is_stop(words[i - 1])
    )


def _opens_a_proper_name(words: list[str]) -> bool:
    """ "Old Mill", "New Town": a capitalised common word before another capitalised word
    that is no common word starts the name; "Last Week", "All Google" do not."""
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and words[0][1:].islower()
        and words[1][:1].isupper()
        and not _is_stop(words[1])
        and words[0].lower() in _NAME_OPENERS
    )


_NAME_OPENERS = frozenset(words("old new north south east west upper lower little great big"))


def _strip_trailing(words: list[str]) -> str:
    while words and _is_stop(words[-1]):
        words = words[:-1]
    return " ".join(words)
