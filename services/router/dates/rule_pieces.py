"""The regex pieces the date rules share (`rules.py`): how "last", a unit, a year, a month
with its year, a fiscal year and a count of weeks are written, and what a period's end names
when it is no period."""

from __future__ import annotations

from services.router.dates.words import MONTH_RE

LAST = r"(?:last|past|previous|prior|trailing|preceding|this past)"
UNIT_ALT = r"(?P<unit>day|week|month|quarter|year)"
FULL = r"(?:full |complete |whole |calendar )?"
A_YEAR = (
    r"(?:19|20)\d\d(?! (?:euros?|pounds?|dollars?|quid|bucks|eur|usd|gbp|aud|cad|nzd|rand"
    r"|francs?|kronor|kroner|zloty)\b)"
)
"""A year, not a sum ("if we add 2000 euro on Meta", "for July 3000 euro more budget")."""
MONTH_YEAR = rf"(?P<mon>{MONTH_RE})(?: (?P<year>{A_YEAR}))?"
COUNT_WEEKS = r"(?:(?P<n>two|three|2|3) weeks|week)"
FY = r"(?:fiscal year|financial year|fiscal|fy)"
NOT_AN_END = (
    r"(?! (?:recap|summary|review|report|wrap|party|bonus|close|push|sale|deck|update|numbers"
    r"|figures|reporting|reconciliation|accruals|books|audit|appeal|appeals|campaign|campaigns"
    r"|giving|drive|gala|letter|board|piece|post|email|newsletter|message|note))"
)
"""What a month's or year's end names when it is no period: its report, party or campaign
("the year end recap", "the end-of-year piece")."""
