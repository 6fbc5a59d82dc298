"""The words that set two periods against each other: comparison words, change words, the
same period a week or a year away, comparison abbreviations (what `compare` reads, and what
`coverage` counts as explained)."""

from __future__ import annotations

import re

from services.router.dates.like_for_like import LIKE_FOR_LIKE
from services.router.dates.previous import PREVIOUS
from services.router.dates.words import MONTH_RE

MARKER = re.compile(
    r" (?:vs|versus|compare[ds]? (?:to|with|against)|comparing (?:to|with|against)|compare|against"
    r"|than(?: in)?|relative to|between|(?:a |in )?comparison (?:to|with)|(?:the )?same as"
    r"|benchmarked against|in line with|next to|beside|alongside"
    r"|(?:and |plus )?(?:the )?(?:same|equivalent)(?: (?:figure|figures|number|numbers|totals?"
    r"|two|three|thing|data|metrics?))? for"
    r"|side by side with|together with(?: the (?:figures?|numbers?|totals?) for)?"
    r"|with (?:those|that|the ones?|the figures?|the numbers?) (?:of|for|in|from)) "
)
BETWEEN = re.compile(
    r" (?:above|below|exceed(?:ed|s)?|surpass(?:ed|es)?|behind(?! us| me| them)"
    r"|lagging(?: behind)?|trailing|(?:are|is|was|were|we|they|it|be|been|running|still) ahead of"
    # "a short write-up on Feb vs Jan", "catch up on last week": no change
    r"|(?:(?<!write )(?<!catch )(?<!sum )(?<!follow )(?<!round )up|down|changed?|different"
    r"|differs?|increased?|decreased?|dropped|rose"
    r"|fell|grew|moved)(?: or (?:up|down))?(?: (?:by )?(?:like |about |around |roughly |nearly"
    r" |almost )?[\d.,]+k?(?: percent| pct| points)?"
    r"| (?:so |that |this |quite |way )?(?:much|a lot|massively|loads|hugely|sharply))?"
    r" (?:from|on|vs|versus|against|compared to)"
    r"|(?:double|twice|triple|treble|half) what (?:it|they) (?:was|were)) "
)
"""Comparison words that compare only between two periods ("Q3 was above Q2", "March exceeded
February by 35%", "up or down from the previous 30 days", "down 30% on February", "up so much on
last month", "in February double what it was in January", "this month running behind April",
"ahead of last year", not "January is behind us" nor "ahead of Black Friday"); alone, "above" or
"from" compare nothing."""
_CHANGED_BY = (
    r"(?:(?:about |around |roughly |approximately |approx |nearly |almost |like )?[\d.,]+ "
    r"(?:percent |pct |euros? |dollars? |pounds? |bucks |usd |eur |gbp |k )?"
    r"(?:in |on |during |for |over )?)?"
)
FROM = re.compile(rf" from {_CHANGED_BY}(?:the )?$")
TO = re.compile(rf" (?:to|into) {_CHANGED_BY}(?:the )?")
"""A change "from 1.4 % in the first week of April to 0.8 % in the last week": the figures
between the words and the periods are the change's, not another period's."""
CHANGE = re.compile(
    r" (?:increase|increased|increases|decrease|decreased|decreases|rise|rose|risen|grew|grown"
    r"|growth|fell|fall|fallen|drop|dropped|dip|dipped|jump|jumped|spike|spiked|climb|climbed"
    r"|double|triple|doubled|tripled|halved|halve|went|go|gone|change|changed|shift|shifted|move"
    r"|moved|improved|variance|difference|gap|swing|deviation|discrepancy"
    r"|worsened"
    r"|plunged|surged|declined|decline) "
)
"""A change word: with one, "from A to B" is a change between two periods (B asked, A its
comparison); without, the two are one span ("spend from the week of Nov 2 to the week of Nov 9")."""
SHIFT_YEAR = re.compile(
    r" (?:same (?:period|time|stretch|days?|dates?|(?P<week>weeks?|weekends?)|months?|quarters?)"
    r" (?:a year ago|(?:of )?last year|(?:in |of )?\d{4}|(?:of |in )?the (?:previous|prior) year"
    r"|(?:of |in )?the year before)"
    r"|(?:last|previous|prior) year(?: s)? same (?:period|time|days?|dates?)"
    r"|(?:this|that) (?:time|point) (?:last year|a year ago)"
    r"|yoy|year over year|year on year|y o y) "
)
SAME_LAST = re.compile(
    r" (?:the )?same (?:(?:\d+|two|three|four|five|six) )?(?:period|time|days?|dates?|weekday)"
    r" (?:of |in )?(?:last|previous|prior|a|the previous|the prior|the)"
    r" (?P<unit>week|month|quarter)(?: ago| before)? "
)
SAME_DAYS_IN = re.compile(
    r" (?:the )?same (?:days|dates|weeks|period|(?:\d+|two|three|four) (?:days|weeks))"
    rf" (?:(?:in|of) (?!(?:19|20)\d\d |last year |the (?:previous|prior) year |the year before )"
    rf"|(?=(?:{MONTH_RE}) ))"
)
"""Beside a period to date, the same days of another ("May so far vs the same days in April",
"sept so far vs same days aug", "the same 3 weeks of September", "the first 3 weeks of June vs
the same weeks in May")."""
AND_BESIDE = re.compile(
    r" (?:and|&|plus|with)(?: also)?(?: the one| that| those)?(?: for| in| of)? "
)
"""Between two periods one is set beside ("November and October, side by side", "May with the
one for April", "for July and also for June so I can compare")."""
SAID_TOGETHER = re.compile(r" (?:(?:and|&|plus|\+) )?")
"""Between two periods said as one stretch ("saturday sunday", "sat and sun", "sat + sun")."""
POINTING = re.compile(r" (?:the|that|it|this|them|those|these|with|to|against)(?= )")
"""Words between a comparison word and its period ("compare that with September")."""
COMPARE_MARKER = re.compile(
    rf"{MARKER.pattern}| (?:compare|comparison|compared|vs|dod|wow|mom|qoq|yoy|pop"
    r"|(?:day|week|month|quarter|year|period) (?:over|on) (?:day|week|month|quarter|year|period)"
    r"|change|changed|difference|differ) "
)
"""A comparison word, on its own or before a period ("compare with the week before")."""
DELTA = re.compile(
    r" (?:dod|wow|mom|qoq|yoy|pop|(?:day|week|month|quarter|year) (?:over|on) (?:day|week|month"
    r"|quarter|year)) (?:percent |percentage |pct )?(?:change|delta|difference|diff|growth) "
)
"""The change a comparison abbreviation names ("MoM change in CPA"): the comparison itself."""
FOR_COMPARISON = re.compile(
    r" (?:for compare|for comparison|as (?:a )?comparison|to compare(?! with| against| to)"
    r"|so (?:that )?(?:i|we) (?:can|could|may|might) compare)(?= )"
)
"""After the second of two periods joined by "and" ("January … and also December for
compare"): it is brought beside the first."""
SAID_FOR_COMPARISON = re.compile(
    r" (?:for comparison|for compare|as (?:a |the )?(?:comparison|benchmark|baseline))(?= )"
)
"""After the second of two periods, with any words between them ("… in April, and the cost per
enquiry? March for comparison"): it is set beside the first."""
COMPARE_VERB = re.compile(r" (?:compare|comparing|contrast|benchmark) ")
"""A comparison verb anywhere before two periods ("compare the CPI of the first half of March
with the second half of February")."""
BROUGHT_BESIDE = re.compile(
    r" (?:alongside|beside|next to it|for comparison|for reference|(?:to|for) compare"
    r"|so (?:that )?(?:i|we) (?:can|could|may|might) compare"
    r"|as (?:a |the )?(?:comparison|benchmark|baseline))(?= )"
)
"""After a period brought in "with" or "plus" ("November spend, with October alongside", "June
bookings, plus last June for reference")."""
BESIDE_BETWEEN = re.compile(
    r" (?:and |with |plus )?(?:for comparison|as a comparison|to compare|for reference"
    r"|as (?:a )?(?:benchmark|baseline))(?: with| against| to)?(?: the)? "
)
"""Between two periods ("July 2026 and, for comparison, July 2025", "the first quarter of 2043
and, for comparison, the first quarter of 2042")."""
SET_SIDE_BY_SIDE = re.compile(
    r"(?: [a-z]+){0,7}? (?:side by side|one beside the other|next to each other|for comparison"
    r"|beside each other|next to one another|one next to the other"
    r"|beside it|alongside it|next to it|for compare"
    r"|to compare|can compare|could compare|compared|more or less|higher or lower|up or down"
    r"|better or worse|the difference) "
)
"""After two periods joined by "and": they are set side by side, not joined."""
A_PLAN_AFTER = re.compile(r" (?:budget|budgets|target|targets|goal|goals|plan|forecast|cap)(?= )")
"""After a period set "against": its budget or target ("overspend against the December budget"),
so the period is the one asked about, not one compared."""
COMPARISON_PATTERNS: tuple[re.Pattern[str], ...] = (MARKER, BETWEEN, SHIFT_YEAR, PREVIOUS)
COMPARISON_PATTERNS += (SAME_LAST, SAME_DAYS_IN, DELTA, LIKE_FOR_LIKE)
"""What the comparison reader consumes (for `coverage`)."""
SET_AGAINST = re.compile(
    r" (?:compared (?:to|with|against)|vs|versus|relative to|against"
    r"|(?:in )?comparison (?:to|with)) "
)
"""A comparison word whose period, said just after it, is the one compared with ("compared to
last quarter, …", "vs last month, how's …")."""
