"""Whether a word is an everyday English word: "Agenda", "Invite" or "Zero" opening a line is a
word, "Homeplot" or "Barkfield" a client's own name.

The list is every lower-case word of SCOWL's American English list (Debian's `wamerican`),
made by `tools/router_real_words.py` into `english_words.txt.gz` (its notice heads the file).
Names that are also places or people ("Denver", "Austin") are capitalised there, so they are
not in it.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files


@cache
def _words() -> frozenset[str]:
    data = files("services.router").joinpath("english_words.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("ascii").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_english(word: str) -> bool:
    """Whether lower-case `word` is a dictionary word."""
    return word in _words()
