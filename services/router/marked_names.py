"""Names a question marks by their own shape, wherever they stand: in quotes ("Brand Search"),
coded by a naming convention ("US_Search_Brand_Exact"), a market's letters or a region's name
("Meta spend UAE?", "North America only"), a season's campaign ("the Spring Appeal")."""

from __future__ import annotations

import re

from libs.common.vocab import FilterField, GroupBy, Metric, Platform
from services.router.given_names import is_person
from services.router.lexicon import words
from services.router.name_words import about_ads, is_stop, opens_with_a_metric
from services.router.vocabulary import is_known

_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,200})[\"“”]|(?<![\w])['‘]([^'‘’]{1,200})['’](?!\w)")
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


def coded_names(raw: str) -> list[tuple[FilterField, str]]:
    """Campaigns named by a naming convention ("US_Search_Brand_Exact"), and the names an
    analyst sets as a key's value ("account=Tidora", "campaign=Spring_Sale")."""
    keyed = [(FilterField(m["field"].lower()), m["name"]) for m in _KEYED.finditer(raw)]
    if "_" not in raw:
        return keyed
    return keyed + [
        (FilterField.CAMPAIGN, m["name"])
        for m in _CODED.finditer(raw)
        if m["name"].lower() not in _OUR_FIELDS
        and not (m["name"].islower() and all(is_known(w) for w in m["name"].split("_")))
        and not any(m["name"] == name for _, name in keyed)
    ]


_KEYED = re.compile(r"(?<![\w])(?P<field>(?i:account|campaign))\s*=\s*(?P<name>[\w&.+-]+)")


_MARKET = re.compile(
    r"(?<![\w'’&|_–-])(?P<name>UK|UAE|USA|EU|APAC|EMEA|LATAM|DACH|ANZ|KSA|MENA|GCC|(?<=the )US"
    r"|North America|South America|Latin America|Nordics|Benelux|Middle East)"
    r"(?![\w'’&|_–-])"
)
"""A market a client's account covers, by its usual letters ("Meta spend UAE?", "CPC google UK",
"in the US"): an account, unless a capitalised word before it makes it part of a name
("Northwind UK"), "a" makes it describe a noun ("we're a UK uni"), or the whole message is in
capitals ("IS TIKTOK WORTH IT FOR US")."""
_NOT_ALONE_BEFORE = re.compile(r"[A-Z][\w&-]* $|\b(?:a|an|A|An) $")
"""A capitalised word (a name the letters end) or an article (they describe: "a UK uni")."""


def market_names(raw: str) -> list[tuple[FilterField, str]]:
    """Accounts named by a market's letters or a region's name (see `_MARKET`)."""
    found = [m for m in _MARKET.finditer(raw) if not _NOT_ALONE_BEFORE.search(raw, 0, m.start())]
    if not found:  # most messages name no market: the capitals are counted only when one does
        return []
    letters = [c for c in raw if c.isalpha()]
    if sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return []
    return [(FilterField.ACCOUNT, m["name"]) for m in found]


_SEASONAL = re.compile(
    r"(?<![\w'’&-])(?:Spring|Summer|Autumn|Fall|Winter|Christmas|Xmas|Easter|Halloween|Santa"
    r"|Valentines?|Festive)(?: [A-Z][a-z]+){1,2}(?![\w&'’-])"
)
_SEASON_WORDS = frozenset(
    words(
        """sale sales week weekend day days period season break holiday holidays rush peak eve
        term bank party parties trading launch quarter"""
    )
)


def seasonal_names(raw: str) -> list[tuple[FilterField, str]]:
    """A season's or a holiday's campaign by its capitalised name ("the Spring Appeal", "the
    Santa Dash", "Spring Vax"): not the season itself ("Summer Sale", "Christmas Day", "Easter
    Monday"), and only in a message about ads."""
    names = []
    for m in _SEASONAL.finditer(raw):
        rest = m.group().split()[1:]
        if any(is_stop(w) or w.lower() in _SEASON_WORDS or is_person(w) for w in rest):
            continue
        if about_ads(raw):
            names.append((FilterField.CAMPAIGN, m.group()))
    return names


_AD_OBJECT = re.compile(
    r"(?i)campaign|ad ?set|ad ?group|account|\bads?\b|creative|promo|offer|sale"
)
"""What a quoted name in lower case names beside it ("the 'spring sale' campaign")."""
_MAX_NAME_WORDS = 6
_NOT_A_NAME = re.compile(r"[\d\s./:$%,-]+")
_SENTENCE = re.compile(r"[?!]|[.,:;]\s")


_PASTED_FIGURE = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)[£$€]?\d[\d,.]*[kKmM%]?(?![\w.])")
"""A figure, not a year, as a dashboard prints it ("214", "£9.80", "2.61K", "18%")."""


def quoted_names(raw: str) -> list[tuple[FilterField, str]]:
    """Names in quotes ("Brand Search", 'Summer Sale'): a campaign, or an account when "account"
    is next to it; not a quoted sentence, date, number or request."""
    if not _QUOTED.search(raw):
        return []  # most questions quote nothing: the check below is the costly one
    if not about_ads(_QUOTED.sub(" ", raw)):
        return []  # "translate 'hello' into Spanish": quotes, but nothing about ads
    names = []
    for m in _QUOTED.finditer(raw):
        value = (m[1] or m[2]).strip()
        if len(value.split()) > _MAX_NAME_WORDS or _SENTENCE.search(value):
            continue  # a quoted sentence ("'is our Meta spend wasted?'"), not a name
        if _NOT_A_NAME.fullmatch(value):
            continue  # a quoted date or number ("BETWEEN '2026-11-01' AND …")
        if re.match(r"an? [a-z]", value):
            continue  # a quoted request ("asked for 'a paragraph of commentary'"), not a name
        if _PASTED_FIGURE.search(value) and opens_with_a_metric(value, platform_first=False):
            continue  # figures copied off a dashboard ("'Conversions 214 (+18% vs …)'")
        around = raw[max(0, m.start() - 12) : m.end() + 10].lower()
        if value.islower() and not _AD_OBJECT.search(raw, max(0, m.start() - 20), m.end() + 12):
            continue  # words quoted as said ("said it's 'mid'", "'not working'"), not a name
        field = FilterField.ACCOUNT if "account" in around else FilterField.CAMPAIGN
        names.append((field, value))
    return names
