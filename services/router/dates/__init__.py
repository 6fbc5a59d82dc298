"""Dates in a question: which period it asks about, against which, and the history an
analysis needs — all relative to the tenant's today.

`compare.resolve_periods(text, today)` is the entry point: `mentions.find_mentions` finds
every period phrase ("last week", "Q3", "the week of March 3", "Black Friday weekend"),
`resolvers` turns each into a `DateRange` by the calendar arithmetic of `periods`, with the
number and month words of `words`; `compare` then picks the asked period and its comparison.
`analysis.analysis_periods` adds the aligned comparison and baseline history of a why-question.
"""

from services.router.dates.compare import DEFAULT_PERIOD_RULE, Periods, resolve_periods

__all__ = ["DEFAULT_PERIOD_RULE", "Periods", "resolve_periods"]
