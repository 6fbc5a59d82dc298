"""Word tests the name readers share: which words can be no name (ours, stops, holidays,
typos, kinds of business), whether a question is about ads, and what follows a name (a metric,
a figure, a business's people).
"""

from __future__ import annotations

import re

from services.router.calendar_words import MONTHS, NUMBER_WORDS, WEEKDAYS
from services.router.dates.holidays import MOVING
from services.router.dates.words import HOLIDAYS
from services.router.entities import find_metrics
from services.router.lexicon import METRIC_PHRASES, words
from services.router.platform_phrases import PLATFORM_PHRASES, UNSUPPORTED_PHRASES
from services.router.platforms_named import find_platforms
from services.router.tokens import normalize

QUOTES = "\"'“”‘’ ?.,!"

_NOT_NAME: frozenset[str] = frozenset(
    {
        phrase
        for phrase in (*PLATFORM_PHRASES, *METRIC_PHRASES, *UNSUPPORTED_PHRASES)
        if " " not in phrase
    }
    | set(MONTHS)
    | set(WEEKDAYS)
    | set(NUMBER_WORDS)  # "the five campaigns with the highest spend": how many, not which
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
KINDS = frozenset(
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
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
CAPITALISED = rf"[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)*(?:-[{_UPPER}][{_LOWER}]+)?"
"""A capitalised word: "Harbor", "IronHouse", "Coca-Cola", "Malasaña"."""
_ADS_NOUN = re.compile(r" (?:campaigns?|accounts?|ad ?sets?|ad groups?) ")


def about_ads(text: str) -> bool:
    """Whether `text` names a metric, a platform or a campaign-like noun. Read from its tokens:
    one regex of all 1,500 metric and platform phrases took 3 ms on a long email."""
    normalized = normalize(text).text
    return bool(
        _ADS_NOUN.search(normalized) or find_metrics(normalized) or find_platforms(normalized)
    )


_FIGURE_WORDS = frozenset(words("cost costs cpa cpl cac roas ctr cpc cpm numbers figures"))
_ITS_THINGS = frozenset(words("account accounts campaign campaigns ads data results stats budget"))
_DETERMINERS = frozenset(words("the a an our my your their his her this that these those some any"))


def opens_with_a_metric(after: str, *, platform_first: bool = True) -> bool:
    """Whether `after` starts with a metric ("trial sign-ups mtd", "spend, clicks"), perhaps
    after its platform or a word of how it is summed ("LinkedIn spend", "total spend") unless
    `platform_first` is False."""
    tokens = normalize(after).tokens
    if not platform_first:
        return any(" ".join(tokens[:k]) in METRIC_PHRASES for k in (1, 2, 3))
    at = 0
    while at < len(tokens) and tokens[at] in _BEFORE_A_METRIC:
        at += 1
    for k in (3, 2, 1):
        if " ".join(tokens[at : at + k]) in PLATFORM_PHRASES:
            at += k
            break
    while at < len(tokens) and tokens[at] in _BEFORE_A_METRIC:
        at += 1
    return any(" ".join(tokens[at : at + k]) in METRIC_PHRASES for k in (1, 2, 3))


_BEFORE_A_METRIC = frozenset(words("total overall daily weekly monthly combined blended"))


def names_a_figure(after: str) -> bool:
    """Whether the words after a possessive start with a metric, a month or a figure word,
    perhaps after a platform ("Staylo's TikTok ads", "Hearthguard's Microsoft numbers")."""
    first = after.split()[0].lower()
    if first in _DETERMINERS:
        return False  # "Gie's the daily spend" (Scots "give us"): no owner
    if first in METRIC_PHRASES or first in MONTHS or first in _FIGURE_WORDS:
        return True
    tokens = normalize(after).tokens
    for k in (3, 2, 1):
        if " ".join(tokens[:k]) in PLATFORM_PHRASES:
            rest = tokens[k : k + 1]
            if rest and (rest[0] in _FIGURE_WORDS or rest[0] in _ITS_THINGS):
                return True
            if not rest and tokens[:k][-1] == "ads":
                return True  # "Staylo's TikTok ads": the platform's name ends in its ads
            break
    if tokens[:1] and tokens[0] in _ITS_THINGS:
        return True  # "Staylo's account this month"
    return bool(find_metrics(f" {normalize(after).text} "))


_ITS_PEOPLE = frozenset(
    {*words("gm gms owner owners manager managers director directors ceo founder founders staff")}
    | {*words("md cmo cfo coo cto vp svp evp cofounder co-founder cofounders co-founders")}
    | {*words("fd fds accountant accountants bookkeeper boss chair chairman trustees")}
    | {"marketing team", "ops team", "team", "board", "partners", "franchisee", "franchisees"}
    | {"marketing director", "marketing manager", "marketing lead", "head of", "growth lead"}
)


def names_its_people(after: str) -> bool:
    """ "Hillcrest's GM", "Harbor House's owners": a business's people, so a business."""
    lowered = after.lower().split()
    return bool(lowered) and (lowered[0] in _ITS_PEOPLE or " ".join(lowered[:2]) in _ITS_PEOPLE)


_HOLIDAY_WORDS = frozenset(word for name in (*HOLIDAYS, *MOVING) for word in name.split())


def is_holiday(word: str) -> bool:
    """ "for Thanksgiving", "Mother's Day sales": a day, not a business."""
    return word.lower() in _HOLIDAY_WORDS


def is_typo(word: str) -> bool:
    """A misspelt known word ("Linkdin", "Gogle"): the typo reader corrects it; no name."""
    return bool(normalize(word).corrections)


def is_stop(word: str) -> bool:
    parts = re.sub(r"['’]s$", "", word.lower().strip(QUOTES)).split("-")  # "last week's"
    return all(part in _NOT_NAME or part.isdigit() for part in parts)
