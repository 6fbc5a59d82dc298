"""Shorthand and a few words of other languages, rewritten into the English the rules read.

Agency staff mix languages in one line ("me pasas los installs de TikTok de ayer?", "le CPC
LinkedIn de la semaine dernière svp") and write calendar shorthand ("w/c 6 April", "sat + sun",
"BF weekend"). Accents are folded first ("dernière" is "derniere"), then each phrase below is
replaced by its English; function words of those languages ("los", "de", "la") are known
filler (`FOREIGN_FILLER`). Only what a lookup needs is here: periods, spend, counts, grouping.
"""

from __future__ import annotations

import re
import unicodedata

from services.router.calendar_words import WEEKDAYS
from services.router.lexicon import words
from services.router.outcomes import OUTCOMES, QUALIFIERS
from services.router.phrases import PHRASES
from services.router.platform_phrases import PLATFORM_PHRASES

_PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(k.split()): tuple(v.split()) for k, v in PHRASES.items()
}
_LONGEST = max(len(k) for k in _PHRASES)
_FIRST = frozenset(k[0] for k in _PHRASES)
_DAY_SHORT = {
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
_DAYS = frozenset(_DAY_SHORT) | frozenset(WEEKDAYS)
_DAYS_OR_EASTER = _DAYS | {"easter"}
_ORDINAL_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)")
_DAY_BEFORE = frozenset({"since", "on", "last", "this", "from", "until", "till", "til", "thru"})
_DAY_JOINS = frozenset({"and", "to", "through", "thru", "until", "till", "-", "&", "plus"})
_VERSUS = frozenset({"vs", "versus"})


FOREIGN_FILLER: frozenset[str] = frozenset(
    words(
        """
    el la los las le les un una de del du des da do dos das na em en por para pour te
    nos mi mis mes tu su sus et ou que qui con com avec sur al au aux lo
    puedes podes pasas pasa sacar dame manda mandas mandar envia enviar tivemos tuvimos tenemos
    temos fue foi era fueron vieram vinieron vino veio gente nosotros nous
    porfa porfavor favor svp stp merci gracias valeu obrigado obrigada oi ola hola oye salut
    bonjour buenas buenos dias tardes bom dia total totales totais
    necesito preciso besoin numero reporte relatorio rapport quoi sortir donner donne dame
    e y und oder bitte danke hallo moin vom von der die das im
    snelle snel vraag vraagje graag bedankt hoi dank kurze frage rapida pregunta rapide
    guten morgen tag abend buongiorno sil vous plait grazie mille cordiali saluti
    bhai yaar ka ki ke tha thi hai batao bata dikha dikhao jaldi aaye aaya chahiye
    ja eish howzit lekker sharp tudo bem os passa pela ajuda hoje ah lah leh lor walao alamak
    o nas pra pros tem isso esse essa teve algum alguma achei
    """
    )
)
"""Function and politeness words of Spanish, Portuguese, French, German and Hindi written in
Latin letters (accents folded)."""


def folded(text: str) -> str:
    """`text` without accents ("dernière" -> "derniere", "campaña" -> "campana")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_KEYS_OF_DIMENSION = frozenset({"group", "split", "grain", "groupby"})
_DIMS = frozenset(
    {"campaign", "platform", "account", "day", "week", "month", "date"}
    # what a business calls its accounts ("group=branch")
    | {"branch", "location", "store", "region", "clinic", "country", "market", "franchisee"}
    | {"studio", "park", "gym", "venue", "hotel", "site", "practice", "resort", "city"}
)
_PRIOR_DAYS = re.compile(r"p(\d{1,3})d")
"""Dashboard shorthand: "l7d vs p7d" is the last 7 days against the prior 7."""


_WINDOW_WORDS = frozenset({"last", "past", "prior", "previous", "trailing"})
_SET_AGAINST = frozenset({"vs", "versus", "v", "against"})
_AFTER_BARE_WINDOW = frozenset({"and", "for", "on", "in", "by", "pls", "please", "thanks", "thx"})


JUDGING = frozenset(
    words(
        """bad poor junk fake spam wasted low high cheap expensive marginal incremental true real
        effective blended average avg qualified unqualified good"""
    )
)
"""Words that judge what is counted ("junk leads", "true CPA"): no figure a lookup fetches."""
_OUTCOME_NOUNS = frozenset(word for pair in OUTCOMES for word in pair if " " not in word)
_OUTCOME_PHRASES = frozenset(word for pair in OUTCOMES for word in pair) | frozenset(QUALIFIERS)


def _qualified_cost(tokens: list[str]) -> list[str]:
    """ "cost per season ticket", "cost per hospitality enquiry": the words that say which
    outcome the cost is of are left out ("cost per ticket"), since conversions are not split by
    kind; a word that judges ("cost per bad lead") stays, to be explained or not."""
    if "per" not in tokens:
        return tokens
    for i in range(len(tokens) - 3):
        if tokens[i] != "cost" or tokens[i + 1] != "per":
            continue
        for size in (1, 2):
            end = i + 2 + size
            if end < len(tokens) and tokens[end] in _OUTCOME_NOUNS:
                named = tokens[i + 2 : end + 1]
                if tokens[i + 2] in _OUTCOME_NOUNS or any(
                    " ".join(named[k:]) in _OUTCOME_PHRASES or named[k] in _OUTCOME_PHRASES
                    for k in range(len(named) - 1)
                ):
                    break  # "cost per lead", "cost per vaccination booking", "cost per new patient"
                if not JUDGING.isdisjoint(tokens[i + 2 : end]):
                    break
                return [*tokens[: i + 2], *tokens[end:]]
    return tokens


def _bare_days(tokens: list[str]) -> list[str]:
    """ "last 30 vs prior 30": a dashboard's windows of days, the unit left out on both sides."""
    if _SET_AGAINST.isdisjoint(tokens):
        return tokens
    out = list(tokens)
    for i in range(len(tokens) - 3, 0, -1):
        if not (tokens[i] in _SET_AGAINST and tokens[i - 1].isdigit()):
            continue
        j = i + 2 if tokens[i + 1] == "the" else i + 1
        if not (tokens[i - 2 : i - 1] and tokens[i - 2] in _WINDOW_WORDS):
            continue
        other = j + 1 < len(tokens) and tokens[j] in _WINDOW_WORDS and tokens[j + 1].isdigit()
        if other and (j + 2 == len(tokens) or tokens[j + 2] in _AFTER_BARE_WINDOW):
            out[j + 1 : j + 2] = [tokens[j + 1], "days"]
            out[i - 1 : i] = [tokens[i - 1], "days"]
    return out


_TRIGGERS = (
    _FIRST | frozenset(_DAY_SHORT) | frozenset(WEEKDAYS) | _KEYS_OF_DIMENSION | frozenset({"no"})
)
"""Tokens that may start a rewrite; a question with none of them is left as it is."""
PHRASE_WORDS: frozenset[str] = frozenset(word for key in _PHRASES for word in key)
"""Words of the phrasebook's phrases: read by it, never typo-corrected first ("par ville" is
by city, not "par mille")."""


def in_english(tokens: list[str]) -> list[str]:
    """`tokens` with the phrases above in English, key=value dimensions as "by" ("group=campaign"),
    "p7d" as the prior 7 days, and weekday short forms read as weekdays where they are days
    ("sat + sun", "good fri to easter mon"; "fri 13th" is the 13th)."""
    tokens = _qualified_cost(_bare_days(tokens))
    if _TRIGGERS.isdisjoint(tokens) and not any(_PRIOR_DAYS.fullmatch(t) for t in tokens):
        return tokens  # most questions: nothing to rewrite
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(_LONGEST, len(tokens) - i) if tokens[i] in _FIRST else 0, 0, -1):
            english = _PHRASES.get(tuple(tokens[i : i + size]))
            if english is not None:
                out.extend(english)
                i += size
                break
        else:
            if tokens[i] in _KEYS_OF_DIMENSION and tokens[i + 1 : i + 2] and tokens[i + 1] in _DIMS:
                out.append("by")  # "group=campaign", "split=platform", "grain=day"
                i += 1
                continue
            prior = _PRIOR_DAYS.fullmatch(tokens[i])
            out.extend(["prior", prior[1], "days"] if prior else [_one_word(tokens, i)])
            i += 1
    return out


def _one_word(tokens: list[str], i: int) -> str:
    """Token `i` as English where its neighbours say what it is (a weekday, "on")."""
    word = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if word == "no" and after in PLATFORM_PHRASES:
        return "on"  # Portuguese "no LinkedIn"; English "no leads" stays
    if (word in _DAY_SHORT or word in WEEKDAYS) and _ORDINAL_DAY.fullmatch(after):
        return "the"  # "Fri 13th through Mon 16th": the days of the month; weekdays decorate
    full = _DAY_SHORT.get(word)
    if full is None:
        return word
    before = tokens[i - 1] if i else ""
    beside = {before, after} & _DAYS  # "sat sun", "sat + sun"
    joined = (before in _DAY_JOINS and tokens[i - 2 : i - 1] and tokens[i - 2] in _DAYS) or (
        after in _DAY_JOINS and tokens[i + 2 : i + 3] and tokens[i + 2] in _DAYS_OR_EASTER
    )
    # "since sat", "on fri", "last thu": a day, never a verb ("on Sat the 14th" is the 14th)
    dated = before in _DAY_BEFORE and not (
        after == "the" and _ORDINAL_DAY.fullmatch(tokens[i + 2] if i + 2 < len(tokens) else "")
    )
    # "bookings sat vs last sat", "leads mon vs tue": a day set against a day
    versus = (after in _VERSUS and not _DAYS.isdisjoint(tokens[i + 2 : i + 4])) or (
        before in _VERSUS and not _DAYS.isdisjoint(tokens[max(0, i - 3) : i - 1])
    )
    return full if beside or joined or dated or versus or before in ("good", "easter") else word
