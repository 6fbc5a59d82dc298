"""The words each date rule needs: one of them must be in a text for the rule's pattern to match
it at all (a test checks every rule's words against each phrase it matches). Scanning the 62
patterns over a long email cost more than the rest of the router; one literal search per set
of words rules most of them out.
"""

from __future__ import annotations

_DIGIT = ("0",)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_A_DAY = (
    *_DIGIT, *_MONTHS, "valentine", "christmas", "new year", "singles", "boxing", "halloween",
    "xmas", "hogmanay", "nye",
)  # fmt: skip
"""What `day_re` needs: a number, a month, or a holiday."""
_UNITS = ("day", "week", "month", "quarter", "year")
_FISCAL_RULES = (
    "this_fiscal_year", "last_fiscal_year", "named_fiscal_year", "fiscal_quarter",
    "this_fiscal_quarter", "last_fiscal_quarter",
)  # fmt: skip
_HOLIDAYS = (
    "day", "july", "thanksgiving", "valentine", "christmas", "halloween", "xmas", "hogmanay",
    "nye", "easter", "new year", "mothering",
)  # fmt: skip
NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_FISCAL_RULES, ("fiscal", "fy", "fq", "financial")),
    **dict.fromkeys(("week_of", "week_of_day", "week_ending_weekday", "week_of_month"), ("week",)),
    "numbered_week_of_month": ("week", "wk"),
    "days_around": ("days", "fortnight"),
    "months_ended": ("ended", "ending"),
    "half_of_month": ("half",),
    "first_days_of_month": ("days",),
    "half_of_this_month": ("half",),
    "half_of_year": ("half", "h1", "h2"),
    "part_of_month": _MONTHS,
    "the_current_unit": ("week", "month", "quarter", "year"),
    "over_the_weekend": ("weekend",),
    "this_weekend": ("weekend",),
    "span": _A_DAY,
    "month_span": _MONTHS,
    "to_today": _A_DAY,
    "since_new_year": ("new year",),
    "month_to_date": ("mtd", "month to date"),
    "iso_week": _DIGIT,
    "day": _A_DAY,
    "today": ("today", "morning", "afternoon", "evening"),
    "today_and_yesterday": ("today",),
    "yesterday": ("yesterday", "yday", "yest", "day", "24 hours"),
    "last_hours": ("hours", "night"),
    "day_before_yesterday": ("yesterday",),
    "last_n_days": (*_DIGIT, "day"),
    "fortnight": ("fortnight",),
    "last_week": ("week",),
    "week_before_last": ("week",),
    "month_before_last": ("month",),
    "last_month": ("month",),
    "last_quarter": ("quarter",),
    "last_year": ("year",),
    "last_weekend": ("weekend",),
    "last_n_weekends": ("weekends",),
    "next_n_days": ("days",),
    "next_unit": _UNITS,
    "rest_of": ("rest of", "remainder of", "between now"),
    "end_of": ("end",),
    "periodic_report": ("weekly", "monthly", "quarterly", "yearly"),
    "days_ago": ("ago",),
    "units_ago": ("ago",),
    "days_of_month": _DIGIT,
    "day_of_month": _DIGIT,
    "this_week": ("week", "wtd"),
    "this_month": ("month", "mtd"),
    "this_quarter": ("quarter", "qtd"),
    "this_year": ("year", "ytd"),
    "start_of": ("start", "beginning"),
    "named_month": _MONTHS,
    "quarter": (*_DIGIT, "quarter"),
    "year": _DIGIT,
    "holiday": _HOLIDAYS,
    "bank_holiday": ("bank holiday",),
    "holiday_season": ("holiday", "christmas", "xmas", "festive"),
    "season": ("summer", "winter", "spring", "autumn", "fall"),
    "thanksgiving": ("thanksgiving",),
    "black_friday": ("black friday", "bfcm", "cyber monday"),
    "weekday": ("day",),
}
"""Each rule's `needs` (checked against its pattern by a test)."""
_NEED_WORDS: tuple[str, ...] = tuple(
    sorted({word for needs in NEEDS.values() for word in needs if word != "0"})
)


def present_needs(text: str, has_digit: bool) -> frozenset[str]:
    """The needed words `text` holds ("0" when it holds a digit): found once per text, so each
    rule asks only whether its needs meet them."""
    found = {word for word in _NEED_WORDS if word in text}
    if has_digit:
        found.add("0")
    return frozenset(found)
