"""Ways of writing a date that the period rules read once rewritten: month ranges ("Jan-Mar"),
ordinal day ranges ("3rd-9th nov"), European dotted dates ("on 24.12."), calendar and ISO weeks
("KW 45", "2026-W05"), dashboard shorthand ("l8w", "next 30d"), spans ending on a day ("the
fortnight ending Sunday 12 October"), two periods compared "with" each other, and two weeks of
one month ("the first and second week of March").

`iso_ranges_spelled` rewrites the raw text before it is split into sentences; `spelled_dates`
the lower-cased text before it is split into tokens; `week_pairs` the tokens after.
"""

from __future__ import annotations

import re

from services.router.calendar_words import MONTHS
from services.router.lexicon import words

_MONTHS_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DASH = re.compile(rf"\b({_MONTHS_ALT})-(?=(?:{_MONTHS_ALT})\b)")
"""A hyphen between months is a range ("Jan-Mar"), not a word's hyphen ("year-end")."""
_ORDINAL_RANGE = re.compile(
    rf"\b(?P<before>(?:{_MONTHS_ALT}) )?(?P<one>\d{{1,2}})(?:st|nd|rd|th)?\s*-\s*"
    rf"(?P<two>\d{{1,2}})(?:st|nd|rd|th)\b(?P<after> (?:of )?(?:{_MONTHS_ALT})\b)?"
)
"""Ordinal days of a month's range ("3rd-9th nov", "nov 3-9th"), read as "3 - 9"."""
_ORDINALS_JOINED = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))-(\d{1,2}(?:st|nd|rd|th))\b")
"""Two ordinal days without a month ("the 22nd-23rd"): the first to the second."""
_DOTTED = re.compile(
    r"(?:(?<=\bon )|(?<=\bam )|(?<=\bfrom )|(?<=\bvom )|(?<=\bsince )|(?<=\buntil )"
    r"|(?<=\btill )|(?<=\bbis )|(?<=\bto )|(?<=\band )|(?<=\bbetween )|(?<=- )|(?<=-))"
    r"(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d.])"
    r"|(?<![\d.])(\d{1,2})\.(\d{1,2})\.?(?=\s*-\s*\d{1,2}\.\d{1,2}\.)"
    r"|(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.]\d|\d)"
)
"""A European date, day first with a closing dot, where a date is meant ("on 24.12.", "03.11.
- 09.11."), or anywhere with its year ("01.03.2026"): "a ROAS of 2.10." is a figure."""
_SHORT_YEAR = re.compile(rf"\b({_MONTHS_ALT}|q[1-4]|h[12])\.? ?['’‘](\d\d)\b")
"""A month, quarter or half with an abbreviated year ("Dec '24", "Jan ’27", "Q4 '24"): that
month or quarter of 2024, 2027."""
_DIGIT_DOT = re.compile(r"\d\.\d")
_TO_NEW_YEAR = re.compile(
    r"\b((?:christmas|xmas|boxing day) (?:and|&|to|till|until) (?:the )?)new year\b"
    r"(?!['’]?s\b| eve| day)"
)
""""Between Christmas and New Year": up to New Year's Day, not the new year's first week."""
_MONTH_THEN_A_SHARE = re.compile(rf"\b({_MONTHS_ALT})(\s*:?\s*)([+\-−]?)(\d+(?:\.\d+)?\s?%)")
"""A change given right after a month ("May vs Apr +22%", "cpa apr mtd vs mar +30%"): how much
it moved, not the 22nd of April (the sign is said as a word, as the rules read it)."""
_DAY_DOT_MONTH = re.compile(
    r"(?<![\d.$£€])(?P<before>(?:from|since|until|till|to|between|than|and|vs|on) )?"
    r"(?P<day>[0-3]\d)\.(?P<month>[01]\d)(?![\d.%]|x\b)"
)
"""A day and month written with a dot and no closing one ("from 28.05 to 30.05", "clicks 22.06
are three times more than 15.06"): dates when one of them follows a word that opens a date
("a ROAS of 2.10", "CPC 0.48" are figures: no two-digit day, or no such word)."""
_MONTH_NAMES = tuple(max((n for n in MONTHS if MONTHS[n] == i), key=len) for i in range(1, 13))
_CALENDAR_WEEK = re.compile(r"\b(?:kw|cw)\s?(\d{1,2})\b")
"""A German or ISO calendar week ("KW 45", "CW45"): week 45 ("kw" alone is a keyword)."""
_MONTH_THEN_A_COUNT = re.compile(
    rf"\b(?:({'|'.join(_MONTH_NAMES)})[.,;:!?]|({_MONTHS_ALT})[,;:!?])\s+(?=\d{{1,2}}(?![\d:.,/]))"
)
"""A month closing a clause before a count ("how did we do in June. 3 lines max", "spend in
June, 3 campaigns only"): not the 3rd of June ("Dec. 3" with an abbreviation's dot is)."""
_ISO_WEEK = re.compile(r"\b(\d{4}) ?- ?w(\d{1,2})\b")
"""An ISO week written as code ("2026-W05"): week 5 of 2026."""
_WEEK_SLASH_YEAR = re.compile(r"\b(?:the )?week (\d{1,2})(?:/| of )((?:19|20)\d\d)\b")
"""A week numbered with its year after a slash or "of" ("week 1/2026", "KW 52/2025", "the week 36
of 2037"): week 1 of 2026, not the 20th of January."""
_WEEK_DEFINED = re.compile(
    r"\bweeks? (?:running |going |starting |from )?(?:mon(?:day)?|sun(?:day)?)"
    r"(?: (?:to|through|thru|until) | ?- ?)(?:sun(?:day)?|sat(?:urday)?)\b"
    r"|\b(?:mon(?:day)?|sun(?:day)?)(?: (?:to|through|thru) | ?- ?)(?:sun(?:day)?|sat(?:urday)?)"
    r" weeks?\b"
)
"""How weeks are counted ("weeks Monday to Sunday", "Mon-Sun weeks"): a grain's definition, no
days asked."""
_LAST_WEEKS = re.compile(r"\bl(\d{1,2})w\b")
"""Dashboard shorthand for weeks ("l8w"), as "l7d" is for days: the last 8 weeks."""
_COUNTED_WEEKS = re.compile(r"\b(last|prior|previous|past|the) (\d{1,2}) ?w\b")
"""Weeks counted in shorthand after their word ("vs prior 2w", "last 4w"): that many weeks."""
_LAST_MONTHS = re.compile(r"\bl(\d{1,2})m\b")
"""The same shorthand for months ("rev l3m"): the last 3 months."""
_NEXT_DAYS = re.compile(r"\bnext (\d{1,3}) ?d\b")
"""The days ahead in shorthand ("next 30d"): the next 30 days."""
_SPAN_ENDING = re.compile(
    r"\b(fortnight|(?:\d{1,2}|two|three|four|five|six) weeks) (ending|ended)(?: on)?"
    r" (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)?"
    r",? ?(?=\d)"
)
"""A span ending on a dated day ("the fortnight ending Sunday 12 October", "the 2 weeks ending
12 Oct"): its days up to that date (the weekday only names it again)."""
_WEEK_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _span_ending(match: re.Match[str]) -> str:
    span = match[1]
    if span != "fortnight":
        count, _ = span.split()
        weeks = int(count) if count.isdigit() else _WEEK_WORDS[count]
        span = f"{weeks * 7} days"
    return f"{span} {match[2]} "


_COMPARE_WITH = re.compile(
    rf"\b(compar(?:e|ing)\b[^.?!]{{1,60}}?) with (?=(?:the )?(?:same |last |previous |prior )?"
    rf"(?:q[1-4]|h[12]|(?:19|20)\d\d|{_MONTHS_ALT}|week|month|quarter|year)\b)"
)
"""Two periods compared "with" each other ("compare CTR for Q3 2025 with Q3 2024"): the second
is the comparison, as after "vs"."""
_DAY_KINDS = re.compile(
    r"\b(?:weekdays? (?:vs\.?|versus|v|and|or|against) weekends?"
    r"|weekends? (?:vs\.?|versus|v|and|or|against) weekdays?)\b"
)
"""Weekdays set against weekends ("weekday versus weekend installs"): two kinds of day, not
last weekend."""
_COUPLE = re.compile(r"\bcouple (days|weeks|months)\b")
""""the last couple months": a couple of them."""
_BEEN_FOR = re.compile(
    r"\b(been(?: [a-z]+){0,2}|(?<!to )(?:flat|dead|stuck|stalled|zero|no)(?: [a-z][a-z-]*){0,4}?)"
    r" for (\d{1,2}|two|three|four|five|six|a few|a couple of) (days|weeks|months|wks|mths)\b"
)
"""How long a state has lasted up to now ("demos have been dead for two weeks", "wishlist adds
flat for 3 weeks", "zero bookings on Google for 3 days"): the last two weeks, three weeks,
three days; "if we paused it for two weeks" is a length, not a period."""
_FRENCH_ON = re.compile(r"\ble (1er|\d{1,2}) (?=[a-z])")
"""French "le 2 juin", "le 1er mars": on that day."""
_FRENCH_SPAN = re.compile(r"\bdu (1er|\d{1,2}) au (\d{1,2}) (?=[a-z])")
"""French "du 1er au 15 mars": from the one day to the other."""
_SINCE_ORDINAL = re.compile(r"\bsince (\d{1,2}(?:st|nd|rd|th))\b(?! (?:of )?[a-z]{3})")
"""A day of this month after "since" without its article ("since 3rd"), as "since the 3rd";
"since 3rd March" is read as written."""
_WEEK_ORDINALS = frozenset(words("first second third fourth fifth last 1st 2nd 3rd 4th 5th"))


_BANK_HOL = re.compile(r"\bbank hols?\b")
_THE_OTHER_BANK_HOLIDAY = re.compile(
    r"(?P<asked>\bbank holiday (?:long )?weekend\b.{0,40}?\b(?:vs|versus|against|than|compared"
    r" (?:to|with)|and) )the (?:one in (?P<which>early may|late may|august|easter)"
    r"|(?P<which2>early may|late may|spring|summer|august|easter) one)\b"
)
"""A bank holiday weekend set against "the one in early May" or "the early May one": that bank
holiday's weekend ("bank hol" and "bank hols" are bank holidays)."""


def _the_other_bank_holiday(m: re.Match[str]) -> str:
    return f"{m['asked']}the {m['which'] or m['which2']} bank holiday weekend"


_SINCE_A_SPAN = re.compile(
    r"\bsince (\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r" (days|weeks|months)\b(?! ago| back| before| earlier| now)"
)
"""A span counted back with "since", as French, German, Italian and Spanish say it ("going down
since two weeks"): the last that many days, weeks or months."""


_SEMESTER = re.compile(r"\b(?:the )?(first|second|1st|2nd) semester(?: of(?= (?:19|20)\d\d\b))?\b")
"""A half-year as Italian, Spanish, French and German name it ("il primo semestre"): H1 or
H2."""


def spelled_dates(lowered: str) -> str:
    """`lowered` (lower-case, dashes spaced) with its dates written the way the rules read."""
    # Each rewrite is tried only when its one necessary mark is there: this runs on every
    # clause of every question, and most have no range, no dotted date and no week number.
    if "-" in lowered:
        lowered = _MONTH_DASH.sub(r"\1 - ", lowered)
        lowered = _ORDINAL_RANGE.sub(_plain_range, lowered)
        lowered = _ORDINALS_JOINED.sub(r"\1 to the \2", lowered)
    if "'" in lowered or "’" in lowered or "‘" in lowered:
        lowered = _SHORT_YEAR.sub(r"\1 20\2", lowered)
    if "new year" in lowered:
        lowered = _TO_NEW_YEAR.sub(r"\1new years day", lowered)
    if "%" in lowered:
        lowered = _MONTH_THEN_A_SHARE.sub(_a_share, lowered)
    if _DIGIT_DOT.search(lowered):
        lowered = _DOTTED.sub(_dotted_day, " ".join(lowered.split()))
        # "to 08.08." alone is the end of a span cut off from its start ("from 01.08."), read
        # with it already
        opened = (m["before"] for m in _DAY_DOT_MONTH.finditer(lowered))
        if any(before and before not in ("to ", "and ") for before in opened):
            lowered = _DAY_DOT_MONTH.sub(_day_dot_month, lowered)
    if "." in lowered or "," in lowered or ";" in lowered or ":" in lowered or "!" in lowered:
        lowered = _MONTH_THEN_A_COUNT.sub(lambda m: f"{m[1] or m[2]} and ", lowered)
    if "w" in lowered:
        if "week" in lowered:
            lowered = _WEEK_DEFINED.sub(" weeks ", lowered)
        lowered = _ISO_WEEK.sub(lambda m: f"week {int(m[2])} {m[1]}", lowered)
        lowered = _LAST_WEEKS.sub(r"last \1 weeks", lowered)
        lowered = _COUNTED_WEEKS.sub(r"\1 \2 weeks", lowered)
    if "m" in lowered:
        lowered = _LAST_MONTHS.sub(r"last \1 months", lowered)
    if "next " in lowered:
        lowered = _NEXT_DAYS.sub(r"next \1 days", lowered)
    if "semester" in lowered:
        lowered = _SEMESTER.sub(lambda m: "h1" if m[1] in ("first", "1st") else "h2", lowered)
    if "since " in lowered:
        lowered = _SINCE_A_SPAN.sub(r"for the last \1 \2", lowered)
    if "ending " in lowered or "ended " in lowered:
        lowered = _SPAN_ENDING.sub(_span_ending, lowered)
    if "compar" in lowered and " with " in lowered:
        lowered = _COMPARE_WITH.sub(r"\1 vs ", lowered)
    if "weekday" in lowered:
        lowered = _DAY_KINDS.sub("weekdays vs weekends", lowered)
    if "couple " in lowered:
        lowered = _COUPLE.sub(r"couple of \1", lowered)
    if " for " in lowered:
        lowered = _BEEN_FOR.sub(r"\1 for the last \2 \3", lowered)
    if "le " in lowered:
        lowered = _FRENCH_ON.sub(r"on \1 ", lowered)
    if "du " in lowered:
        lowered = _FRENCH_SPAN.sub(lambda m: f"from {m[1].removesuffix('er')} to {m[2]} ", lowered)
    if "since " in lowered:
        lowered = _SINCE_ORDINAL.sub(r"since the \1", lowered)
    if "kw" in lowered or "cw" in lowered:
        lowered = _CALENDAR_WEEK.sub(r"week \1", lowered)
    if "bank hol" in lowered:
        lowered = _BANK_HOL.sub("bank holiday", lowered)
        if " one" in lowered:
            lowered = _THE_OTHER_BANK_HOLIDAY.sub(_the_other_bank_holiday, lowered)
    if "week" in lowered and ("/" in lowered or " of " in lowered):
        lowered = _WEEK_SLASH_YEAR.sub(r"week \1 \2", lowered)
    return lowered


_ISO_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*\.{2,3}\s*(\d{4}-\d{2}-\d{2})")


def iso_ranges_spelled(text: str) -> str:
    """`text` (raw, before it is split into sentences) with two ISO days joined as code writes
    a range ("2026-02-01..2026-02-28") spelled "… to …": one period, not two sentences."""
    return _ISO_RANGE.sub(r"\1 to \2", text) if ".." in text else text


def week_pairs(tokens: list[str]) -> list[str]:
    """ "the first and second week of March": two weeks, each of March."""
    for i in range(len(tokens) - 5):
        one, conj, two, week, of, month = tokens[i : i + 6]
        if (
            conj == "and"
            and of == "of"
            and week in ("week", "weeks")
            and month in MONTHS
            and one in _WEEK_ORDINALS
            and two in _WEEK_ORDINALS
        ):
            pair = [one, "week", "of", month, "and", two, "week", "of", month]
            return [*tokens[:i], *pair, *tokens[i + 6 :]]
    return tokens


def _plain_range(match: re.Match[str]) -> str:
    if not (match["before"] or match["after"]):
        return match.group()
    return f"{match['before'] or ''}{match['one']} - {match['two']}{match['after'] or ''}"


def _dotted_day(match: re.Match[str]) -> str:
    day, month, year_written = (
        (match[1], match[2], match[3])
        if match[1]
        else ((match[4], match[5], None) if match[4] else (match[6], match[7], match[8]))
    )
    day, month = int(day), int(month)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group()
    year = f" {year_written}" if year_written else ""
    return f" {day} {_MONTH_NAMES[month - 1]}{year} "


def _day_dot_month(match: re.Match[str]) -> str:
    day, month = int(match["day"]), int(match["month"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group()
    return f"{match['before'] or ''}{day} {_MONTH_NAMES[month - 1]}"


def _a_share(match: re.Match[str]) -> str:
    sign = {"+": "up ", "-": "down ", "−": "down "}.get(match[3], "at ")
    return f"{match[1]}{match[2]} {sign}{match[4]}"
