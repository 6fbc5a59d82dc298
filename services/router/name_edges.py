"""Where a name found around a noun begins and ends: after the last word that breaks a name
("… for the …", "by", whose), without the function words before or after it ("the Faculty of
Business campaign" keeps its "of"; "the search campaigns" names a platform, not a name)."""

from __future__ import annotations

import re

from services.router.lexicon import words
from services.router.name_words import is_stop
from services.router.platform_phrases import PLATFORM_PHRASES

_CHANNEL_TYPES = frozenset({"search", "shopping", "display", "video", "pmax"})


_BREAKS = frozenset(
    {"the", "our", "my", "your", "their", "for", "on", "of", "in", "to", "at", "and", "or"}
    | {"by", "per", "each", "every", "across"}  # "ROAS by campaign" groups; it names none
    | {"par", "por"}  # the same in French and Spanish ("les rendez-vous par boutique")
)


def strip_leading(words: list[str]) -> str:
    """The name of `words` from its start: a name never spans "… for the …", so it starts
    after the last such word ("of" between capitalised words is the name's own: "the Faculty
    of Business campaign"); "" when what is left is a platform or whose, not which."""
    cut = max(
        (i for i, w in enumerate(words) if w.lower() in _BREAKS and not _joins_a_name(words, i)),
        default=-1,
    )
    words = words[cut + 1 :]
    owner = max((i for i, w in enumerate(words) if re.fullmatch(r"[a-z]+['’]s", w)), default=-1)
    words = words[owner + 1 :]  # "the clinic's google account": whose, then which
    while (
        words
        and (is_stop(words[0]) or words[0] in _KIND_OF_CAMPAIGN)
        and not _opens_a_proper_name(words)
    ):
        words = words[1:]
    if words[:1] and words[0].islower() and any(w[:1].isupper() for w in words[1:]):
        # "the pest control Wasp Season campaign": whose, then the name in capitals
        words = words[next(i for i, w in enumerate(words) if w[:1].isupper()) :]
    if len(words) == 1 and words[0].lower() in _CHANNEL_TYPES:
        return ""  # "the search campaigns" is a platform, not a name
    if " ".join(words).lower() in PLATFORM_PHRASES:
        return ""  # "the tick tock campaigns": the platform, written as heard
    if len(words) == 1 and re.fullmatch(r"[a-z]+['’]s", words[0]):
        return ""  # "the dentist's accounts": whose, not which
    return " ".join(words).strip(" ?.,!")


_KIND_OF_CAMPAIGN = frozenset(words("advertising marketing"))
"""In lower case, what kind of campaigns ("our advertising campaigns"), not which."""


def _joins_a_name(words: list[str], i: int) -> bool:
    """Whether word `i` joins the words of a capitalised name ("Faculty of Business", "Back to
    School", "Stay and Save")."""
    return (
        words[i] in ("of", "&", "to", "for", "in", "on", "at", "and")
        and 0 < i < len(words) - 1
        and words[i - 1][:1].isupper()
        and words[i + 1][:1].isupper()
        and not is_stop(words[i - 1])
    )


def _opens_a_proper_name(words: list[str]) -> bool:
    """ "Old Mill", "New Town": a capitalised common word before another capitalised word
    that is no common word starts the name; "Last Week", "All Google" do not."""
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and words[0][1:].islower()
        and words[1][:1].isupper()
        and not is_stop(words[1])
        and words[0].lower() in _NAME_OPENERS
    )


_NAME_OPENERS = frozenset(
    words("old new north south east west upper lower little great big online central main high")
)


def strip_trailing(words: list[str]) -> str:
    """The name of `words` without the function words that end it."""
    while words and is_stop(words[-1]):
        words = words[:-1]
    return " ".join(words)
