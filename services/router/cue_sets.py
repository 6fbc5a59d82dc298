"""Which readers read which cues: the question cues, those of direct intents, those that ask
for a model's reading, advice, the cues that ask even before a lookup, and the words they hold.
"""

from __future__ import annotations

import re

from services.router.advice_cues import PLAN, RECOMMEND, STRATEGY
from services.router.cues import (
    ANOMALY,
    AS_EXPECTED,
    BREAKDOWN,
    CHANGE,
    CLAIM,
    COMPARISON,
    CONCEPT,
    DIAGNOSIS,
    DOMAIN,
    EXPECT,
    FORECAST,
    JUDGEMENT,
    ODD,
    OPEN_TREND,
    OPINION,
    OVERSPEND,
    REPORT,
    THOUGHTS,
    TOO,
    TREND,
    UNEASE,
    VERDICT_OR_ACT,
    WASTE,
    WORRY,
    WORTH_IT,
    WRITE,
)

QUESTION_CUES = (
    REPORT, DIAGNOSIS, OPINION, FORECAST, RECOMMEND, STRATEGY, PLAN, ANOMALY, CHANGE, TREND,
)  # fmt: skip
DIRECT_CUE_PATTERNS = (TREND, COMPARISON, BREAKDOWN)
"""Words the direct intents read (for `coverage`)."""
ANALYSIS_CUE_PATTERNS = (
    *QUESTION_CUES,
    CONCEPT,
    AS_EXPECTED,
    JUDGEMENT,
    EXPECT,
    WORTH_IT,
    WRITE,
    WORRY,
    OVERSPEND,
    TOO,
    WASTE,
    UNEASE,
    ODD,
    OPEN_TREND,
    THOUGHTS,
    CLAIM,
    VERDICT_OR_ACT,
)
"""Every cue that asks for a model's reading (for `coverage`'s context clauses)."""
ADVICE_CUE_PATTERNS = (DIAGNOSIS, OPINION, FORECAST, RECOMMEND, WORTH_IT)
"""Cues that ask a question even in function words ("Where would you put it"): a sentence
holding one is never a sign-off (greetings and thanks hold none of them)."""
ASKING_CUE_PATTERNS = (WORRY, EXPECT)
"""Cues that ask even in a sentence before a lookup ("Rank the regions by how worried we should
be. Cost per survey, last 30 days."): that sentence is the question, not its scene."""
CUE_WORDS: frozenset[str] = frozenset(
    word
    for pattern in (*QUESTION_CUES, JUDGEMENT, COMPARISON, BREAKDOWN, DOMAIN)
    for word in re.findall(r"[a-z]{4,}", pattern.pattern)
)
"""Words the intent rules read: real words, so typo correction must leave them alone."""
