"""Numbers as a dictated message spells them, written as digits the date rules read.

- years: "twenty twenty six" -> 2026, "two thousand twenty five" -> 2025 ("twenty twenty"
  alone stays words);
- quarters: "q one" -> q1;
- days: an ordinal after a month name, before "of <month>", or at either end of a span
  ("december twenty second", "the first of july", "from the third until yesterday", "the
  seventeenth and eighteenth") -> 22nd, 1st, 3rd, 17th and 18th;
- counts before a unit: "the seven days before that", "twenty one days" -> 7 days, 21 days.
Anywhere else a number word stays a word ("the first campaign", "one of them").
"""

from __future__ import annotations

from services.router.calendar_words import MONTHS
from services.router.outcomes import OUTCOMES

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
_ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_ORDINAL_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_COUNTED = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years"}
)
_SPAN_WORDS = frozenset({"and", "to", "through", "thru", "until", "till", "-", "&"})
_SINCE = frozenset({"since", "from"})
_THIS_MONTH = (["the", "month"], ["this", "month"])
_QUARTERS = {"one": "q1", "two": "q2", "three": "q3", "four": "q4"}
_NUMBER_WORDS = frozenset([*_UNITS, *_TEENS, *_TENS, *_ORDINAL_UNITS, *_ORDINAL_TEENS, "thousand"])


def _ordinal_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(day, tokens used) of an ordinal day written in words at `i`."""
    word = tokens[i]
    if word in _ORDINAL_TEENS:
        return _ORDINAL_TEENS[word], 1
    if word in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[word], 1
    if word in ("twenty", "thirty") and i + 1 < len(tokens) and tokens[i + 1] in _ORDINAL_UNITS:
        day = _TENS[word] + _ORDINAL_UNITS[tokens[i + 1]]
        return (day, 2) if day <= 31 else None
    return None


def _cardinal_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(number, tokens used) of a count up to 99 written in words at `i`."""
    word = tokens[i]
    if word in _TENS:
        if i + 1 < len(tokens) and tokens[i + 1] in _UNITS:
            return _TENS[word] + _UNITS[tokens[i + 1]], 2
        return _TENS[word], 1
    found = _UNITS.get(word) or _TEENS.get(word)
    return (found, 1) if found else None


def _year_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(year, tokens used) of "twenty twenty six" or "two thousand (and) twenty five"."""
    rest = tokens[i : i + 3]
    if rest[:2] == ["twenty", "twenty"] and len(rest) == 3 and rest[2] in _UNITS:
        return 2020 + _UNITS[rest[2]], 3
    if rest[:2] == ["two", "thousand"]:
        at = 3 if rest[2:3] == ["and"] else 2
        tail = _cardinal_at(tokens, i + at) if i + at < len(tokens) else None
        if tail is not None:
            return 2000 + tail[0], at + tail[1]
    return None


def _suffix(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _ends_a_span(out: list[str], after: list[str], seen_day: bool) -> bool:
    """An ordinal after "the" that is a day by where it stands: "since the first (of the
    month)", "from the twenty first of June until the thirtieth" (a day was named before,
    whatever follows the span's end)."""
    if len(out) < 2:
        return False
    if seen_day and out[-2] in _SPAN_WORDS and after[:1] != [] and after[0] not in _NOT_A_DAY:
        return True  # "from the first of April to the fifteenth compared to March"
    if not (after == [] or (after[:1] == ["of"] and after[1:] in _THIS_MONTH)):
        return False
    return out[-2] in _SINCE or out[-2] in MONTHS or (seen_day and out[-2] in _SPAN_WORDS)


_NOT_A_DAY = frozenset({"week", "weeks", "half", "quarter", "time", "one", "two", "of"})
"""What an ordinal ending a span counts when it is no day ("to the second week", "the
second half", "to the second one")."""


_FIRSTS = frozenset(
    phrase.split()[1]
    for outcome in OUTCOMES
    for phrase in outcome
    if phrase.startswith("first ") and len(phrase.split()) == 2
)
"""What a first outcome counts ("first boxes", "first orders"): after a month, "Jan first boxes"
are January's first boxes, not 1 January's boxes."""


def in_digits(tokens: list[str]) -> list[str]:
    """`tokens` with the spoken years, quarters, days and counts above written as digits."""
    if _NUMBER_WORDS.isdisjoint(tokens):
        return tokens  # most questions: no number in words
    out: list[str] = []
    converted_day = seen_day = False
    i = 0
    while i < len(tokens):
        word = tokens[i]
        before = out[-1] if out else ""
        year = _year_at(tokens, i)
        if year is not None:
            out.append(str(year[0]))
            i += year[1]
            converted_day = False
            continue
        if word == "q" and i + 1 < len(tokens) and tokens[i + 1] in _QUARTERS:
            out.append(_QUARTERS[tokens[i + 1]])
            i += 2
            continue
        ordinal = _ordinal_at(tokens, i)
        if ordinal is not None:
            day, used = ordinal
            after = tokens[i + used : i + used + 2]
            after_three = tokens[i + used : i + used + 3]
            is_day = (
                (before in MONTHS and not (word == "first" and after[:1] and after[0] in _FIRSTS))
                or (len(after) == 2 and after[0] == "of" and after[1] in MONTHS)
                or (before == "the" and after[:1] and after[0] in _SPAN_WORDS)
                or (converted_day and before in _SPAN_WORDS)
                or (before == "the" and _ends_a_span(out, after_three, seen_day))
            )
            if is_day:
                out.append(f"{day}{_suffix(day)}")
                i += used
                converted_day = seen_day = True
                continue
        count = _cardinal_at(tokens, i)
        if count is not None and i + count[1] < len(tokens) and tokens[i + count[1]] in _COUNTED:
            out.append(str(count[0]))
            i += count[1]
            continue
        out.append(word)
        converted_day = converted_day and word in _SPAN_WORDS
        i += 1
    return out
