"""Whether a word is an everyday English word: "Agenda", "Invite" or "Zero" opening a line is a
word, "Homeplot" or "Barkfield" a client's own name.

The list is every lower-case word of SCOWL's American English list (Debian's `wamerican`),
made by `tools/router_real_words.py` into `english_words.txt.gz` (its notice heads the file).
Names that are also places or people ("Denver", "Austin") are capitalised there, so they are
not in it.
"""

from __future__ import annotations

from functools import cache

from services.router.word_files import shipped_words


@cache
def _words() -> frozenset[str]:
    return shipped_words("english_words.txt.gz")


def is_english(word: str) -> bool:
    """Whether lower-case `word` is a dictionary word."""
    return word in _words()
