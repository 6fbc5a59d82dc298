"""Regex pieces and parsers for single calendar days ("Nov 3", "3rd of November", "11/03")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from services.router.calendar_words import MONTHS, NUMBER_WORDS
from services.router.dates import periods as p

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
NUM_RE = r"\d+|a couple of|couple of|a few|few|" + "|".join(
    sorted(
        (w for w in NUMBER_WORDS if w not in {"a", "an", "couple", "few"}), key=len, reverse=True
    )
)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "xmas": (12, 25),
    "xmas day": (12, 25),
    "xmas eve": (12, 24),
    "boxing day": (12, 26),
    "new years eve": (12, 31),
    "new year eve": (12, 31),
    "nye": (12, 31),
    "hogmanay": (12, 31),
    "new years day": (1, 1),
    "new year day": (1, 1),
    "halloween": (10, 31),
    "valentines day": (2, 14),
    "valentine day": (2, 14),
    "valentines": (2, 14),
    "singles day": (11, 11),
}
"""Holidays on a fixed day (as normalized: "New Year's Eve" is "new year eve")."""
_HOLIDAY_RE = "|".join(sorted(HOLIDAYS, key=len, reverse=True))
NOT_A_GREETING = r"(?<!happy )(?<!merry )(?<!happy happy )"
"""Before a holiday's name: "happy Mother's Day" wishes, it names no period."""


def day_re(tag: str) -> str:
    """A regex for one calendar day whose groups are prefixed with `tag`."""
    t = tag
    return (
        rf"(?:{NOT_A_GREETING}(?P<{t}hol>{_HOLIDAY_RE})(?! (?:party|parties|dinner|lunch|gifts?"
        rf"|cards?|tree|decorations|bonus|jumper|sweater|edition|menu)(?= ))"
        # "Christmas hampers" are a product; "Boxing Day hamper orders" were made that day
        rf"(?:(?<=boxing day)|(?! (?:box|boxes|hampers?|bundles?)(?= )))"
        rf"|(?P<{t}mon>{MONTH_RE}) (?:the )?(?P<{t}d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?: (?P<{t}y>\d{{4}}))?"
        rf"|(?:the )?(?P<{t}d2>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<{t}mon2>{MONTH_RE})"
        rf"(?: (?P<{t}y2>\d{{4}}))?"
        rf"|(?P<{t}iso>\d{{4}}-\d{{1,2}}-\d{{1,2}})"
        rf"|(?P<{t}slash>\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?))"
    )


def month_of(name: str) -> int:
    """Month number of a month name or abbreviation."""
    return MONTHS[name]


def number(word: str) -> int:
    """An integer written in digits or words ("7", "seven", "a couple of")."""
    if word.isdigit():
        return int(word)
    word = word.removeprefix("a ").removesuffix(" of")
    return _ORDINALS.get(word) or NUMBER_WORDS[word]


@dataclass(frozen=True, slots=True)
class ParsedDay:
    """A day read from the text, and whether the text gave its year."""

    day: date
    explicit_year: bool


def day_first(m: re.Match[str]) -> bool:
    """Whether a span's two slash dates are day/month: when one cannot be month/day
    ("25/10-3/11"), or they share their second number but not their first ("3/11 to 9/11":
    a span within one month, November). Both ends are read the same way."""
    ends = [m["aslash"], m["bslash"]]
    if None in ends:
        return False
    (a1, a2), (b1, b2) = ([int(x) for x in end.split("/")[:2]] for end in ends)
    if max(a1, b1) > 12 >= max(a2, b2):
        return True
    return a2 == b2 and a1 != b1 and max(a1, b1) <= 12


def _fields(m: re.Match[str], t: str, dm: bool = False) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of the day matched under tag `t` (`dm`: a slash date is
    day/month)."""
    if m[t + "hol"]:
        return (*HOLIDAYS[m[t + "hol"]], None)
    if m[t + "iso"]:
        year, month, day = (int(x) for x in m[t + "iso"].split("-"))
        return month, day, year
    if m[t + "slash"]:
        parts = [int(x) for x in m[t + "slash"].split("/")]
        first, second = parts[0], parts[1]
        given = parts[2] if len(parts) == 3 else None
        if given is not None and given < 100:
            given += 2000
        # US month/day unless the first number cannot be a month.
        month, day = (second, first) if dm or first > 12 >= second else (first, second)
        return month, day, given
    name = m[t + "mon"] or m[t + "mon2"]
    if name is None:
        return None
    year_text = m[t + "y"] or m[t + "y2"]
    return month_of(name), int(m[t + "d"] or m[t + "d2"]), int(year_text) if year_text else None


def parse_day(
    m: re.Match[str], t: str, today: date, after: ParsedDay | None, dm: bool = False
) -> ParsedDay | None:
    """The day under tag `t`; without a year, the most recent one not after today, or, as the
    end of a span, the first one on or after the span's start."""
    fields = _fields(m, t, dm)
    if fields is None:
        return None
    month, day, year = fields
    if year is not None:
        found = p.safe_date(year, month, day)
        return ParsedDay(found, True) if found else None
    if after is None:
        found = p.recent_day(today, month, day)
        return ParsedDay(found, False) if found else None
    found = p.safe_date(after.day.year, month, day)
    if found is not None and found < after.day:
        found = p.safe_date(after.day.year + 1, month, day)
    return ParsedDay(found, False) if found else None


def named_again(m: re.Match[str], name: str) -> bool:
    """Whether the holiday `name` also stands elsewhere in the text `m` matched in: "last
    Black Friday" set against "Black Friday" is the one before it; alone, it is the latest."""
    return f" {name}" in m.string[: m.start()] + m.string[m.end() :]
