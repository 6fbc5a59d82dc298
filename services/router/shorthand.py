"""Single letters that stand for a word only beside certain others: "this Q" is a quarter
("quick q" is a question), "g vs fb" is Google ("5 g bags" is not). `tokens.normalize` writes
them out after the other spellings."""

from __future__ import annotations

from services.router.platform_phrases import PLATFORM_PHRASES

_Q_BEFORE = frozenset({"this", "last", "next", "previous", "current", "per", "each", "every"})


def _quarter_q(tokens: list[str]) -> list[str]:
    """ "this Q", "last q", "per Q": a quarter; "quick q" and "q: …" are a question."""
    return [
        "quarter" if t == "q" and i and tokens[i - 1] in _Q_BEFORE else t
        for i, t in enumerate(tokens)
    ]


_JOINS = frozenset({"vs", "versus", "v", "and", "or", "&", "+", "plus"})
_PLATFORM_WORDS = frozenset(phrase for phrase in PLATFORM_PHRASES if " " not in phrase)


def _google_g(tokens: list[str]) -> list[str]:
    """ "g vs fb", "meta and g", "li + g", "g/fb": Google, set beside another platform."""
    out = list(tokens)
    for i, t in enumerate(tokens):
        if t != "g":
            continue
        after = tokens[i + 1 : i + 3]
        before = tokens[max(0, i - 2) : i]
        beside = (len(after) == 2 and after[0] in _JOINS and after[1] in _PLATFORM_WORDS) or (
            len(before) == 2 and before[1] in _JOINS and before[0] in _PLATFORM_WORDS
        )
        # "li + g", "g/fb/msft": the "+" and "/" between them are no tokens
        next_to = {*after[:1], *before[-1:]} & _PLATFORM_WORDS
        beside = beside or bool(next_to)
        if beside:
            out[i] = "google"
    return out


def in_full(tokens: list[str]) -> list[str]:
    """`tokens` with each letter that stands for a word, by the words beside it, written out."""
    if "q" in tokens:
        tokens = _quarter_q(tokens)
    if "g" in tokens:
        tokens = _google_g(tokens)
    return tokens
