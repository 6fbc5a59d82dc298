"""Whether a word typed in lower case names a town: "swindon", "wetherby", "bootle" are where
a client's premises are; "telehealth" or "airsoft", which no dictionary holds either, are not.

The list is GeoNames' one-word names of places of at least 2,000 people that are no English
dictionary word, made by `tools/router_place_names.py` into `place_names.txt.gz` (its notice,
with the licence, heads the file).
"""

from __future__ import annotations

from functools import cache

from services.router.word_files import shipped_words


@cache
def _names() -> frozenset[str]:
    return shipped_words("place_names.txt.gz")


def is_town(word: str) -> bool:
    """Whether lower-case `word` is the name of a town (a dictionary word never is)."""
    return word in _names()
