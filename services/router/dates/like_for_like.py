"""Like for like: a comparison kept to as many days as the period asked about ("MTD vs last
month, same # of days" compares Dec 1-15 with Nov 1-15, not with all of November)."""

from __future__ import annotations

import re
from datetime import timedelta

from libs.common.plan import DateRange

LIKE_FOR_LIKE = re.compile(
    r"(?<! at)(?<! at the) (?:(?:on )?(?:a )?like for like(?: basis)?|lfl"
    r"|(?:the )?same (?:number|no|num|#|amount|count) of days|(?:the )?same length"
    r"|(?:for |over )?(?:an )?equal (?:number of )?days"
    r"|(?:the )?same (?:days|point|stage|time)(?: (?:of|in) the month)?)(?= )"
)
"""The words that ask for it, in normalized text ("this month vs last month same days", "MTD vs
same point in May", "July so far compared to the same time in June"); "at the same time" is
while, not as far."""


def cut_to_subject(text: str, subject: DateRange, other: DateRange) -> DateRange | None:
    """`other` cut to `subject`'s length from its start when normalized `text` asks for like
    for like and `other` is longer; None when nothing is cut."""
    if other.days <= subject.days or not LIKE_FOR_LIKE.search(text):
        return None
    return DateRange(start=other.start, end=other.start + timedelta(days=subject.days - 1))
