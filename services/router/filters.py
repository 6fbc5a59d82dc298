"""Campaign and account names a question mentions, kept as written (matching is case-blind).

Read from the raw text, because capital letters and quotes mark where a name starts and ends:
- by its own marks (`marked_names`): quoted, coded by a naming convention, a market's letters,
  a season's campaign;
- by its own words (`proper_names`, `invented_names`): "for Harbor House", "Loudhaus: why …";
- before the noun: "the Brand Search campaign", "our retargeting campaigns", "Northwind EU account";
- after the noun: "campaign Summer Sale", "account Northwind EU", "campaign called spring promo".
Leading words that say which or how many ("the top 5", "the Google", "the best") are not a name.
"""

from __future__ import annotations

import re

from libs.common.plan import NameFilter
from libs.common.vocab import FilterField
from services.router.dates.mentions import names_period
from services.router.english import is_english
from services.router.given_names import is_person
from services.router.invented_names import TOOLS
from services.router.lexicon import METRIC_PHRASES, words
from services.router.lower_case_names import ANY_DAY, CAMPAIGN_KINDS
from services.router.marked_names import coded_names, market_names, quoted_names, seasonal_names
from services.router.name_edges import strip_leading, strip_trailing
from services.router.name_tagger import judged
from services.router.name_words import (
    KINDS,
    QUOTES,
    about_ads,
    is_holiday,
    is_stop,
    opens_with_a_metric,
)
from services.router.platform_phrases import PLATFORM_PHRASES, UNSUPPORTED_PHRASES
from services.router.premises import MANY_PREMISES
from services.router.proper_names import proper_names
from services.router.tokens import normalize
from services.router.vocabulary import is_known

_WORD = r"[\w&.+'’-]+"
_NOUN = (
    r"(?P<noun>campaigns?|accounts?|locations?|stores?|branch(?:es)?|property|properties|studios?"
    r"|service areas?|practices?|regions?|boutiques?|areas?|resorts?|city|cities|markets?"
    r"|territory|territories|showrooms?|dealerships?|forecourts?|taprooms?|clubs?|ad ?sets?"
    r"|ad groups?)"
)
"""A store, location or property is an account: one by name ("the Lakeside store"); "the
Midwest stores" are a region's many, no one account."""
_BEFORE_NOUN = re.compile(
    rf"(?i:\b(?:the|our|my|your|their|in|for|on|of)\s+)(?P<name>(?:{_WORD}\s+){{0,4}}?{_WORD})\s+"
    rf"(?i:{_NOUN})\b(?![\s-]+(?i:wise)\b)"  # "class packs studio wise" splits by studio
)
_CAPS_BEFORE_NOUN = re.compile(
    r"(?P<name>[A-Z0-9][\w&.+'’-]*\s+(?:(?:(?:to|of|for|and|in|on|at|the)\s+)?"
    r"[A-Z0-9][\w&.+'’-]*\s+){0,3})(?i:(?P<noun>campaigns?|accounts?|ad ?sets?"
    r"|ad groups?|ads|routes?))\b(?![\s-]+(?i:wise)\b)"
)
_CAPS_BEFORE_PLACE = re.compile(
    r"(?P<name>(?:(?:and |& |, |vs |versus )?[A-Z][\w&-]*\s+){1,5}?)(?P<noun>clinics?|practices?"
    r"|gyms?|salons?|surger(?:y|ies)|centres?|centers?|pharmac(?:y|ies)|shops?|offices?"
    r"|showrooms?|boutiques?|dealerships?|forecourts?|taprooms?|cinemas?|venues?)\b"
)
"""A clinic group's or a chain's premises by capitalised name ("the Riverside clinic", "our Maple
Grove practice", "the Lakeside and Northgate clinics"); "the dental clinic" is a kind, and an
office or a hotel ("our Austin office") is a place, not an account."""
_AFTER_NOUN = re.compile(
    r"\b(?i:(?P<noun>campaign|account))\s+(?:(?i:called|named)\s+(?P<called>(?:[\w&.+'’-]+\s*){1,4})"
    r"|(?P<name>[A-Z0-9][\w&.+'’-]*(?:\s+[A-Z0-9][\w&.+'’-]*){0,4}))"
)
_FOREIGN_CAMPAIGN = re.compile(
    r"\b(?i:campaña|campana|campagne|campanha)\s+(?P<name>[A-Z0-9][\w&.+'’-]*"
    r"(?:\s+(?:(?:de|del|la|las|los|le|du|des|da|do)\s+)?[A-Z0-9][\w&.+'’-]*){0,4})"
)
"""A campaign named after the word in Spanish, French or Portuguese ("la campaña Clase de
Prueba Gratis", "la campagne Soldes Été")."""
_QUOTE_MARK = re.compile(r"(?m)^[ \t]*>+(?![ \t]*[A-Z][\w'’]*(?: [A-Z][\w'’]*)?\s*[:,–—-])[ \t]?")
"""A quoted line's mark, unless a speaker or an addressee opens the line ("> Priya: …", "> Geoff
- what did …"): their names are people's, and the mark keeps them from reading as a name
opening a request."""
_STOP_AFTER = re.compile(r"(?i)\s+(?:on|in|for|last|this|since|from|during|vs|and|with|by)\b.*$")


def find_filters(raw: str) -> list[NameFilter]:
    """Campaign and account names in `raw`, in order of mention, without duplicates: the
    rules' names and the runs of capitals they left, as the name model judges them."""
    rules, set_aside = _rule_names(raw)
    # the model must not take back as a run of capitals a name the rules set aside (a town's
    # name in "the Lakeside office manager", "the Galway routes")
    return [
        f
        for f in judged(raw, rules)
        if not _writer_or_reader(raw, f.value)
        and (f in rules or (f.value.lower() not in set_aside and not _a_day(f.value)))
    ]


def _a_day(value: str) -> bool:
    """Whether a run of capitals names a day of the calendar ("for Thanksgiving vs last year"):
    the model may weigh one like a name, but it is a period."""
    return all(is_holiday(word) for word in value.split())


def rule_filters(raw: str) -> list[NameFilter]:
    """The names the rules find in `raw`, in order of mention, without duplicates."""
    return _rule_names(raw)[0]


def _rule_names(raw: str) -> tuple[list[NameFilter], frozenset[str]]:
    """The rules' names in `raw` (`rule_filters`), and the names before a noun they read and
    set aside as no client's, in lower case."""
    found: dict[tuple[FilterField, str], NameFilter] = {}
    # a quoted line ("> Can you send me Casa Palmera vs Puerto Azul") names as its text does
    raw = _QUOTE_MARK.sub("", raw) if ">" in raw else raw
    quoted = [*quoted_names(raw), *coded_names(raw)]
    inside = [name.strip(QUOTES).lower() for _, name in quoted]
    around, set_aside = _around_noun(raw)
    named = (*around, *proper_names(raw), *seasonal_names(raw), *market_names(raw))
    for field, name in (*quoted, *named):
        value = name.strip(QUOTES)
        if _SQL_WORDS.issuperset(value.split()):
            continue  # "SELECT campaign … FROM ads": an analyst's query, not a campaign's name
        if any(value.lower() in whole and value.lower() != whole for whole in inside):
            continue  # "Exact" of "the 'Brand - Exact' campaign": a piece of the quoted name
        key = (field, value.lower())
        if value and key not in found and not any(k[1] == key[1] for k in found):
            found[key] = NameFilter(field=field, value=value[:200])
    # "Business" of "the Faculty of Business campaign": a piece of a longer name found beside it
    names = [k[1] for k in found]
    kept = [
        f
        for (field, low), f in found.items()
        if not any(low != other and f" {low} " in f" {other} " for other in names)
        and not _writer_or_reader(raw, f.value)
    ]
    return kept, set_aside


def _writer_or_reader(raw: str, name: str) -> bool:
    """ "Shwmae, Carys here.", "Hiya, Declan here", "hi it's Siobhán,", "Eleri again",
    "Eleri from Hafan Care", "Pozdrawiam, Marek", "Diolch yn fawr,\nCarys": who is writing;
    "Good morning Tomos,": who the message is to. Neither is a client."""
    if name not in raw:
        return False
    opening = _ADDRESSED.match(raw)
    if opening is not None and opening["name"] == name:
        return True
    lowered, low = raw.lower(), name.lower()
    # plain string checks first: most names found are no writer's, and the patterns made for
    # a name are compiled anew for every question that names it
    beside = (f"{low} here", f"{low} again", f"{low} from ")
    before = ("it's ", "its ", "it’s ", "this is ", "i'm ", "im ", "i’m ", "i am ")
    signed = raw.rstrip(" \t\n.!").endswith(name)
    introduced = any(b in lowered for b in beside) or any(f"{b}{low}" in lowered for b in before)
    if not (signed or introduced):
        return False
    who = re.escape(name)
    return any(
        re.search(pattern.replace("NAME", who), raw) is not None for pattern in _WRITER_PATTERNS
    )


_WRITER_PATTERNS = (
    r"(?:^|[,.!?:]\s*|\n)(?:(?:it'?s|it’s|this is) )?NAME (?:here|again)\b",
    r"\b(?i:it'?s|it’s|this is|i'?m|i’m|i am) NAME(?=\s*[,.!?\n]|\s+(?:here|again|from)\b)",
    r"(?:^|[,.!?:]\s*|\n)NAME from [A-Z]",
    r"\b(?i:thanks|thank you|thx|cheers|regards|best|br|pozdrawiam|diolch(?: o galon)?"
    r"|sincerely|faithfully|respectfully|warmly|kindly"
    r"|grazie(?: mille)?|saludos|merci|danke|dankie|ta|love)[!,.]?\s+NAME[.!]?\s*$",
    # any sign-off's shape: a short line ending in a comma, the name alone on the last line
    r"\n[ \t]*[A-Za-z][^\n,]{0,40},[ \t]*\n[ \t]*NAME[.!]?\s*$",
)
"""Where a message names its own writer (NAME stands for the name found)."""
_ADDRESSED = re.compile(
    r"\s*(?i:(?:good )?(?:morning|afternoon|evening)|hi|hey|hello|hiya|dear|bore da|shwmae"
    r"|howzit|bonjour|hola|ola|olá)[ \t]+(?P<name>[A-Z][\w'’-]+)[ \t]*[,!\n]"
)
"""A message opening on a greeting and a first name: whom it is to ("Good morning Tomos,")."""


_SQL_WORDS = frozenset(
    {"SELECT", "FROM", "WHERE", "GROUP", "ORDER", "BY", "LIMIT", "DESC", "SUM", "COUNT", "AVG"}
    | {"HAVING", "JOIN"}
)
"""SQL's keywords in capitals: how an analyst writes a query, never a name."""


def _field(noun: str) -> FilterField:
    # an airline's route ("the Cork-Rennes route") is how it splits its campaigns
    campaign = re.fullmatch(r"campaigns?|ad ?sets?|ad groups?|ads|routes?", noun.lower())
    return FilterField.CAMPAIGN if campaign else FilterField.ACCOUNT


def _around_noun(raw: str) -> tuple[list[tuple[FilterField, str]], frozenset[str]]:
    """The names said around a noun ("the Harbourside account", "accounts like Kitchora"), and
    those before a noun set aside as no client's: an office where people work ("the Lakeside
    office manager") and the routes from a place ("the Galway routes"), in lower case. (A name
    before "accounts" or "clinics", set aside too as a region's many, is often the client's:
    "the Kitchora accounts".)"""
    names = []
    set_aside = set()
    for pattern in (_BEFORE_NOUN, _CAPS_BEFORE_NOUN, _CAPS_BEFORE_PLACE):
        for m in pattern.finditer(raw):
            if _is_platform_ads(m["name"].split(), m["noun"]):
                continue  # "Need Microsoft Ads spend": the platform's own name
            if _is_outcome(raw, m):
                continue  # "more funded accounts", "Projected account openings": a metric
            if _a_workplace(raw, m):
                set_aside.add(strip_leading(m["name"].split()).lower())
                continue  # "a restaurant near our Austin office", "Box office reckons"
            if _A_KIND.search(m["name"]):
                continue  # "for a webinar campaign": a kind of campaign, no name
            parts = _joined(m["name"], m["noun"])
            if len(parts) == 1 and _many(m):
                if m["noun"].lower() == "routes":
                    set_aside.add(strip_leading(m["name"].split()).lower())
                continue  # "the Midwest stores", "the Kerry routes": a region's many
            for part in parts:
                value = strip_leading(part.split())
                if _field(m["noun"]) is FilterField.ACCOUNT:
                    value = _without_platform(value)  # "the Carrigaline Google account"
                owner = _brand_owner(value)
                if owner:  # "Staylo's Summer Escapes campaign", "in Staylo's account"
                    names.append((FilterField.ACCOUNT, owner))
                    value = value.partition(" ")[2]
                if _SUPERLATIVE.fullmatch(value) or value.lower() in TOOLS:
                    continue  # "our weakest city", "the SFDC campaign report": not a name
                if _AN_INDUSTRY.fullmatch(m["noun"]) and _describes(value):
                    continue  # "the pet insurance account", "the cyber account": whose trade
                if value and not all(w.lower() in KINDS for w in value.split()):
                    field = _field(m["noun"])
                    if m["noun"].lower() == "campaigns" and _is_brand(value):
                        field = FilterField.ACCOUNT  # "Which Staylo campaigns": whose campaigns
                    names.append((field, value))
    if "campa" in raw.lower():
        for m in _FOREIGN_CAMPAIGN.finditer(raw):
            words = m["name"].split()
            while len(words) > 2 and words[-1].lower() in PLATFORM_PHRASES:
                words = words[:-2]  # "Inglés Negocios de LinkedIn": the platform it runs on
            names.append((FilterField.CAMPAIGN, " ".join(words)))
    for m in _AFTER_NOUN.finditer(raw):
        text = _STOP_AFTER.sub("", m["called"] or m["name"]).strip(" ?.,!")
        value = strip_trailing(text.split())
        if value and not names_period(f" {normalize(value).text} ", ANY_DAY):
            names.append((_field(m["noun"]), value))  # "by account L30D" names a period
    return names, frozenset(set_aside)


def _without_platform(value: str) -> str:
    """An account's name without the platform said after it: which of its ads, not its name."""
    words = value.split()
    for k in (2, 1):
        if len(words) > k and " ".join(words[-k:]).lower() in PLATFORM_PHRASES:
            return " ".join(words[:-k])
    return value


_SUPERLATIVE = re.compile(r"[a-z]+est")
_AN_INDUSTRY = re.compile(r"(?i)accounts?")


def _describes(value: str) -> bool:
    """Lower-case dictionary words before "account": the client's trade ("the meal kit
    account", "the personal injury account"), not a name it goes by."""
    return value.islower() and all(is_english(w) for w in value.split())


_A_KIND = re.compile(r"(?i)(?:^|\s)an?\s+[\w'’-]+$")
_AND = re.compile(r"\s+(?:and|&|vs|versus)\s+|,\s*", re.IGNORECASE)


_OWNER = re.compile(r"([A-Z][\w&-]*)['’]s(?: |$)")


def _brand_owner(value: str) -> str:
    """A client's one-word brand owning the name that follows ("Staylo's Summer Escapes"),
    not a name's own possessive ("Rosie's Bakery", "Mother's Day Gifts")."""
    m = _OWNER.match(value)
    return m[1] if m is not None and _is_brand(m[1]) else ""


def _is_brand(value: str) -> bool:
    """Whether `value` is one capitalised word of no dictionary and no person: a client's
    invented brand ("Staylo", "Hireline")."""
    word = value.strip()
    if " " in word or "-" in word or not word[:1].isupper() or word.isupper():
        return False  # "the ASC campaigns", "ABM", "Always-On": a kind of campaign
    if word.lower() in CAMPAIGN_KINDS:
        return False  # "Which Retargeting campaigns"
    lowered = word.lower()
    return not (is_english(lowered) or is_person(word) or is_known(lowered) or is_stop(word))


def _joined(name: str, noun: str) -> list[str]:
    """ "the Round Rock and Cedar Park accounts": two names before a plural noun; a singular
    noun has one name ("the Salt and Pepper campaign")."""
    if not noun.lower().endswith("s"):
        return [name]
    parts = [part for part in _AND.split(name) if part.strip()]
    capitalised = all(part.strip()[:1].isupper() for part in parts[1:])
    return parts if len(parts) > 1 and capitalised else [name]


_OFFICE_KINDS = frozenset(words("box head post back front ticket home sales"))
"""What an office is for ("the box office", "head office"): a kind, not a client's name."""
_OFFICE_PEOPLE = re.compile(r"\s+(?:manager|managers|staff|team|party|lunch|move|building)\b", re.I)


def _a_workplace(raw: str, m: re.Match[str]) -> bool:
    """Whether a name's noun is an office that is no client's account: a kind of office ("Box
    office") or where people work ("near our Austin office")."""
    return m["noun"].lower().startswith("office") and (
        m["name"].split()[-1].lower() in _OFFICE_KINDS or not _office_of_a_client(raw, m.end())
    )


def _many(m: re.Match[str]) -> bool:
    """Whether a name's noun is a region's many premises or routes ("the Midwest stores")."""
    return bool(MANY_PREMISES.fullmatch(m["noun"].lower())) or m["noun"].lower() == "routes"


def _office_of_a_client(raw: str, end: int) -> bool:
    """Whether an office is a client's account ("the Dallas office's leads"), not where
    people work ("near our Austin office", "the Lakeside office manager")."""
    return not _OFFICE_PEOPLE.match(raw, end) and about_ads(raw)


_NEXT_WORD = re.compile(r"[\s-]*([\w'’-]+)")


def _is_outcome(raw: str, m: re.Match[str]) -> bool:
    """Whether the noun is part of an outcome ("funded accounts", "account openings"), which
    is a metric, not a name's noun."""
    last = m["name"].split()[-1]
    after = _NEXT_WORD.match(raw, m.end())
    pairs = [f"{last} {m['noun']}", *([f"{m['noun']} {after[1]}"] if after else [])]
    if any(normalize(pair).text.strip() in METRIC_PHRASES for pair in pairs):
        return True
    # "on wash club sign-ups", "on Google to get more showroom appointments": lower-case words
    # before a noun that names an outcome's kind
    follows = raw[m.end() :]
    own = strip_leading(m["name"].split())
    return own.islower() and follows[:1] in (" ", "-") and opens_with_a_metric(follows)


def _is_platform_ads(words: list[str], noun: str) -> bool:
    """ "Microsoft Ads", "Google Ads", "Facebook ads", "Reddit ads": a platform's name (ours or
    one we do not support), not a campaign's."""
    last = words[-1].lower() if words else ""
    return noun.lower() == "ads" and (last in PLATFORM_PHRASES or last in UNSUPPORTED_PHRASES)
