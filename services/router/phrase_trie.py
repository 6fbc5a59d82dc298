"""Many phrases as one regex: a prefix tree of their characters, so `re` shares each prefix
instead of trying hundreds of branches one by one at every position."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching whole space-delimited phrases, the longest at each place.

    Built as a prefix tree ("cost per (?:click|lead|…)"), not a flat alternation of hundreds
    of phrases: `re` tries a flat alternation branch by branch at every position; the tree
    shares each prefix, and its greedy optional tails still prefer the longest phrase."""
    return re.compile(r"(?<= )(?:" + alternation(phrases) + r")(?= )")


def alternation(phrases: Iterable[str]) -> str:
    """A regex body matching any of `phrases` (no anchors), its branches a prefix tree."""
    trie: dict[str, Any] = {}
    for phrase in sorted(set(phrases)):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict[str, Any]) -> str:
    ends = "" in node
    alternatives = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if ends else body
