"""Which words are ours, and what an unknown word is a typo of.

Typo correction is deliberately timid: only unknown alphabetic tokens of 4+ letters are
corrected, only to a domain word (never to a common word), within an optimal-string-alignment
distance of 1 for words up to 6 letters and 2 beyond; a token that is a real English word is
left alone ("cast" never becomes "cost", "tracking" never "trailing", "stopped" never
"dropped"): our own word lists, and every dictionary word near a domain word (`real_words`,
generated from SCOWL by `tools/router_real_words.py`).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from types import MappingProxyType

from rapidfuzz import process
from rapidfuzz.distance import OSA

from services.router.calendar_words import MONTHS, NUMBER_WORDS, WEEKDAYS
from services.router.cue_sets import CUE_WORDS
from services.router.lexicon import COMMON_WORDS, EXTRA_TARGETS, METRIC_PHRASES, words
from services.router.outcomes import OUTCOMES
from services.router.phrasebook import PHRASE_WORDS
from services.router.platform_phrases import PLATFORM_PHRASES, UNSUPPORTED_PHRASES
from services.router.real_words import REAL_WORDS


def _phrase_words(*tables: MappingProxyType[str, object]) -> frozenset[str]:
    return frozenset(word for table in tables for phrase in table for word in phrase.split())


_DOMAIN_WORDS = _phrase_words(PLATFORM_PHRASES, UNSUPPORTED_PHRASES, METRIC_PHRASES)
_PLAIN_WORDS = frozenset(
    [
        "tick",
        "tock",
        "face",
        "book",
        "times",
        "shown",
        "showed",
        "views",
        "were",
        "burning",
        "converts",
        "goggle",
        "open",
        "metal",
        "ticktock",
        "gastos",
        "kosten",
        "depenses",
        "uitgaven",
        "incurred",
        "umsatz",
        "ingresos",
        "omzet",
        "booked",
        "booking",
        "demo",
        "demos",
        "mqls",
        "requests",
        "reservations",
        "sqls",
        "trial",
        "trials",
        "donated",
        "donation",
        "donations",
        "donor",
        "donors",
        "gifts",
        "raise",
        "raised",
        "have",
        "appointment",
        "appointments",
        "consult",
        "consultations",
        "consults",
        "patient",
        "patients",
        "subscriber",
        "subscribers",
        # outcome nouns (outcomes.py) and the words of their phrases: "rest" is not "test"
        *words(
            """application applications call calls case cases consultation count drive drives
            fill fills form gift inquiries inquiry number numbers phone
            registration request reservation signed start starts submission submissions test
            volume applovin lovin buyer class classes funded jobs membership memberships petition
            signature signatures sold supplier ticket tickets viewing viewings boutique
            enrollment enrollments enrolment enrolments first free quote quotes site survey
            surveys tour tours webinar download downloads lift lodging loyalty meeting meetings
            mortgage opening openings pass passes season total listing listings seat seats
            brochure reforecast night nights room rooms callout callouts scan scans bundle bundles
            rental rentals entry entries race show round rounds policy pack packs been installation
            wishlist wishlists kits data results uptake wins time
            installations figures best poorest strongest weakest worst plan plans upgrade upgrades
            amounts dollar euro every good pound that"""
        ),
    ]
)
"""Words of a spoken, plain, misspelt or foreign phrase ("face book", "times our ads were shown",
"metal ads", "Umsatz"): known, but nothing is corrected to them ("sick" never becomes "tick")."""
_TARGETS: tuple[str, ...] = tuple(
    sorted(
        w for w in (_DOMAIN_WORDS | EXTRA_TARGETS | frozenset(MONTHS)) - _PLAIN_WORDS if len(w) >= 4
    )
)
_OURS: frozenset[str] = (
    _DOMAIN_WORDS
    | EXTRA_TARGETS
    | COMMON_WORDS
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(NUMBER_WORDS)
    | CUE_WORDS
)
_KNOWN: frozenset[str] = _OURS | REAL_WORDS
_MIN_TYPO_LEN = 4


def _max_distance(word: str) -> int:
    return 1 if len(word) <= 6 else 2


_OUTCOME_WORDS = frozenset(
    word for pair in OUTCOMES for phrase in pair for word in phrase.split()
) - frozenset(
    words(
        """lift test raise raised drive drives driving total count number numbers first free
        job jobs booked signed sold call calls doing"""
    )
)


def is_outcome_word(word: str) -> bool:
    """Whether lower-case `word` is a word of a business outcome's phrase ("season" of
    "season pass", "ticket", "trial", "membership"); words that also judge or test ("lift",
    "test drive") are left out."""
    return word in _OUTCOME_WORDS


def is_ours(word: str) -> bool:
    """Whether lower-case `word` is a word our rules read (a domain, common, cue or calendar
    word): a dictionary word kept only from typo correction ("match", "camp") is not."""
    return word in _OURS


def is_spelt_right(word: str) -> bool:
    """Whether lower-case `word` is a word of ours or a dictionary word near a domain word:
    never corrected, nor undrawn ("cooool" is not)."""
    return word in _KNOWN


def is_known(word: str) -> bool:
    """Whether lower-case `word` is a word of ours: a domain, common, cue or calendar word, a
    dictionary word near a domain word, a word of a plain or foreign phrase."""
    return word in _KNOWN or word in _PLAIN_WORDS or word in PHRASE_WORDS


@lru_cache(maxsize=16384)
def correct(word: str) -> str | None:
    """The domain word `word` is a typo of, or None when it is known or too far from any."""
    if len(word) < _MIN_TYPO_LEN or word in _KNOWN or word in _PLAIN_WORDS or not word.isalpha():
        return None
    return nearest_target(word)


def targets_fingerprint() -> str:
    """A digest of the words typos are corrected to (`real_words` was made for these)."""
    return hashlib.sha256("\n".join(_TARGETS).encode()).hexdigest()[:16]


def nearest_target(word: str) -> str | None:
    """The domain word within typo distance of `word`, whether or not `word` is a real word."""
    limit = _max_distance(word)
    found = process.extractOne(word, _TARGETS, scorer=OSA.distance, score_cutoff=limit)
    if found is None:
        return None
    target = found[0]
    # A long correction target for a short token is a different word, not a typo of it.
    if abs(len(target) - len(word)) > limit or _max_distance(target) < found[1]:
        return None
    return target
