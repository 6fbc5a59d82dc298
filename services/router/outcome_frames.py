"""Outcomes a business names in its own words, read by the frames around them: "cost per valet",
"how many kayak rentals", "how much are we paying Google per lodge booking", "what did LinkedIn
cost us per policy". Whatever the noun, the frame says the figure: its CPA (CPC for a click) or
its count."""

from __future__ import annotations

import re

from libs.common.vocab import Metric
from services.router.lexicon import METRIC_PATTERN, METRIC_PHRASES
from services.router.platform_phrases import PLATFORM_ALT
from services.router.prices import OUTCOME_NOUN
from services.router.vocabulary import is_known, is_outcome_word

_FRAME_END = (
    r"(?= (?:did|do|have|has|were|was|are|came|come|we|on|in|from|for|via|through|by|at|across"
    r"|last|this|yesterday|today|over|during|since|and|vs|so|mtd|ytd|qtd|wtd|thanks|thank|cheers"
    r"|regards|best|there|q[1-4]|h[12]|of|&"
    rf"|-|against|versus|please|pls|{PLATFORM_ALT}) | $)"
)
_KIND_OF_OUTCOME = r"(?:session|visit|video|email)"
"""Engagement words that name no outcome of their own but may say which one ("cost per info
session sign-up", "cost per video call booking"); so may a past participle ("cost per fitted
job")."""
_OPEN_COST = re.compile(
    r"(?<= )(?:(?:cost|costs)(?: of (?:about |around |roughly )?\d[\d.,]*k?)?"
    r"|\d[\d.,]*k?(?: pounds| dollars| euros| quid| bucks)?) per"
    rf" (?:(?:{OUTCOME_NOUN}|up|{_KIND_OF_OUTCOME}|[a-z]{{3,}}ed) ){{0,3}}?(?:{OUTCOME_NOUN}|up)"
    rf"{_FRAME_END}"
)
_OPEN_COUNT = re.compile(
    rf"(?<= )(?:how many|number of|no of|count of) (?:{OUTCOME_NOUN} ){{0,2}}?(?=[a-z]*[a-rt-z]s )"
    rf"{OUTCOME_NOUN}{_FRAME_END}"
)
"""A business's own outcome in the frames that count or price one ("how many kayak rentals did
we get", "cost per valet", "£14 per vacc booking", "number of tastings"): whatever the noun,
these frames ask for conversions and their cost (the README: any outcome a business counts),
unless it names time, an ad object, people, engagement or a complaint. Counted nouns are
plural."""
_PAYING_PER = re.compile(
    r"(?<= )(?:how much|what) (?:are|were|do|did|have) (?:we|i|you) (?:been )?(?:paying|pay|paid)"
    rf"(?: (?:{PLATFORM_ALT}))? per (?:[a-z]+ ){{0,2}}?(?P<one>[a-z]+){_FRAME_END}"
)
"""A price asked as what is paid for one ("How much are we paying Google per lodge booking?",
"what are we paying per click on bing"): CPA, or CPC for a click."""
_COST_US_PER = re.compile(
    r"(?<= )(?:how much|what) (?:did|does|do|has|have|is|was) (?:[a-z]+ ){1,3}?(?:been )?"
    r"(?:cost|costing) (?:us|me|them) per (?:[a-z]+ ){0,2}?(?P<priced>[a-z]+)"
    rf"{_FRAME_END}"
)
"""The same asked as what one cost ("How much did LinkedIn cost us per policy in Q4?"): its
"cost" is the price, not the spend beside it."""
_ONE_COSTING = re.compile(
    r"(?<= )(?:how much|what)(?: is| was| does| did| has)? (?:a|an|each|one|every|1)"
    rf" (?:[a-z]+ ){{0,2}}?(?P<each>click|{OUTCOME_NOUN}) (?:been )?(?:cost|costing|costs)"
    rf"(?: (?:us|me|them))?{_FRAME_END}"
)
"""The same asked of one outcome ("what's an eye test booking costing us on TikTok?", "what does
a lead cost us on Meta"): its CPA, or CPC for a click."""
_COSTS_ONE = re.compile(
    r"(?<= )how much (?:cost|costs) (?:a|an|each|one|1)"
    rf" (?:[a-z]+ ){{0,2}}?(?P<costs_one>click|{OUTCOME_NOUN}){_FRAME_END}"
)
"""A learner's order of the same ("how much costs one booking for the cookery course", "how much
cost one lead on google"): the verb before its subject, as German and Spanish put it."""
_PEOPLE_WHO = re.compile(
    r"(?<= )how many (?:people|customers|patients|users|clients|families|students|members"
    r"|guests|folks) (?:have |has |had |actually )?(?:booked|bought|ordered|signed up|registered"
    r"|subscribed|enquired|purchased|converted|applied|installed|downloaded|joined)"
    r"(?: in)?(?: (?:a|an|their|for a|for an) (?:[a-z]+ ){0,2}?(?:appointment|test|consultation"
    r"|visit|session|class|tour|trial|demo|call|table|room|lesson|viewing|assessment)s?)?(?= )"
)
"""Conversions counted by who did them ("how many people booked a hearing test", "how many
customers ordered"): the people are the count, not a grouping."""
PRICE_PER_ONE_PATTERNS = (_PAYING_PER, _COST_US_PER, _ONE_COSTING, _COSTS_ONE)
"""The frames that ask what one outcome costs (for `coverage`: their words need no explaining)."""
_PRICED_ONE = (
    (_PAYING_PER, " pa", "one"),
    (_COST_US_PER, " cost", "priced"),
    (_ONE_COSTING, " cost", "each"),
    (_COSTS_ONE, " cost", "costs_one"),
)
"""Each price frame, a word it cannot match without (a cheap test first) and its group."""


def prices_asked_per_one(text: str) -> tuple[list[Metric], str]:
    """The CPA (CPC for a click) of each price asked per one in normalized `text`, and `text`
    with those frames blanked out (same length): their "cost" or "paying" is no spend."""
    found: list[Metric] = []
    for frame, word, one in _PRICED_ONE:
        if word in text and (paying := frame.search(text)) is not None:
            found.append(Metric.CPC if paying[one] == "click" else Metric.CPA)
            blank = " " * (paying.end() - paying.start())
            text = text[: paying.start()] + blank + text[paying.end() :]
    return found, text


def open_outcomes(text: str) -> list[tuple[Metric, tuple[int, int]]]:
    """CPA and conversions of outcomes named only by their frame ("cost per valet"), each
    with where its frame stands; frames around a metric of ours ("cost per lead") are that
    metric's."""
    if " per " not in text and " many " not in text and " of " not in text:
        return []
    found = []
    for pattern, metric in ((_OPEN_COST, Metric.CPA), (_OPEN_COUNT, Metric.CONVERSIONS)):
        for match in pattern.finditer(text):
            if text[match.start() : match.end()].strip() in METRIC_PHRASES:
                continue  # "cost per mille" is CPM, a metric of ours, not a priced outcome
            start = text.index(" ", text.index(" ", match.start()) + 1)  # past the frame's words
            noun = text[start : match.end() + 1]
            # The frame is for a business's own word ("valets", "kayak rentals"): one of ours,
            # or only known words ("enquiry calculated", "donation headed"), say what they say.
            named = METRIC_PATTERN.search(noun)
            # "cost per presale signup": an outcome of ours, qualified by the business's word
            qualified = (
                named is not None
                and named.start() > 1
                and metric is Metric.CPA
                and METRIC_PHRASES[named.group()] == (Metric.CONVERSIONS,)
            )
            # A word of one of our outcome phrases is the business's outcome too ("cost per
            # class" of "trial class", "cost per opening" of "account opening").
            # A single noun priced in the frame is what one costs ("cost per activation").
            words_of = noun.split()
            own = (metric is Metric.CPA and len(words_of) == 1) or not all(
                is_known(w) and not is_outcome_word(w) for w in words_of
            )
            if qualified or (named is None and own):
                found.append((metric, match.span()))
    found += [(Metric.CONVERSIONS, match.span()) for match in _PEOPLE_WHO.finditer(text)]
    return found


def open_outcome_spans(text: str) -> list[tuple[int, int]]:
    """Where outcomes named only by their frame stand ("cost per valet"), for `coverage`."""
    return [span for _, span in open_outcomes(text)]
