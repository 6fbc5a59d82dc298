"""Given names, so "for Rachel" reads as a person and "for Stackly" as a client's business.

The US Census's 5,494 most common first names, from the `names` package (MIT), plus the titles
and roles a message puts before or instead of a name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import names  # type: ignore[import-untyped]

from services.router.lexicon import words

_ROLES = frozenset(
    words(
        """
    dean board ceo cfo cmo coo cto vp svp evp gm team client boss director head i dr mr mrs ms
    prof professor sir madam founder owner owners partner partners
    finance accounting legal hr ops operations leadership management procurement exec execs
    """
    )
)


@cache
def _census() -> frozenset[str]:
    found: set[str] = set()
    for key in ("first:male", "first:female"):
        for line in Path(names.FILES[key]).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    return frozenset(found)


def is_person(word: str) -> bool:
    """Whether `word` (any case) is a given name, a title or a role: someone, not a business."""
    lowered = word.lower()
    if lowered in _ROLES or lowered in _census():
        return True
    if lowered.isascii():
        return False
    # "Siobhán", "José", "Zoë": the census spells names without their accents
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
    )
    return folded in _census()


_TITLED = re.compile(r" (?:dr|mr|mrs|ms|mx|prof|professor) ([a-z]+)(?= )")


def titled_names(text: str) -> list[str]:
    """The surnames after a title in normalized `text` ("Dr. Reyes wants it"): a person."""
    return _TITLED.findall(text)
