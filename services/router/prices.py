"""Prices put on one click or outcome ("£48 a consult", "the cost of each", "what every lead
costs"), and the words that may name an outcome in them."""

from __future__ import annotations

import re

from services.router.calendar_words import MONTHS, WEEKDAYS
from services.router.lexicon import words
from services.router.phrase_trie import alternation

NO_OUTCOME = frozenset(
    words(
        """complaint complaints refund refunds return returns cancellation cancellations
        unsubscribe unsubscribes error errors issue issues problem problems bug bugs bounce
        bounces chargeback chargebacks disapproval disapprovals rejection rejections spam"""
    )
)
"""What goes wrong after an ad, which no ad platform counts as a conversion ("how many
complaints did we get"): a count of it is no lookup of ours."""
# A subset of premises.PREMISE_WORDS on purpose: the rest may start an outcome's name ("cost
# per cinema ticket"); taking them all out broke three held-out metrics (session 30).
_NOT_OUTCOMES = (
    words(
        """a an the of on in at for to from by with about over during across per via into and or vs
    we us our you your i my they them their it its this that these those there which what
    did do does done have has had were was are is be been get got come came more fewer less
    extra additional other same total each every any all some many much such
    day days week weeks weekend weekends month months quarter quarters year years hour hours
    time times night nights morning mornings date dates weekday weekdays
    campaign campaigns ad ads set sets group groups keyword keywords creative creatives
    audience audiences account accounts platform platforms channel channels region regions location
    locations store stores market markets country countries city cities variant variants site sites
    clinic clinics branch branches studio studios property properties territory territories
    practice practices shop shops venue venues hotel hotels gym gyms salon salons office offices
    showroom showrooms dealership dealerships forecourt forecourts area areas county counties
    resort resorts town towns
    people person persons staff employees team teams agent agents
    dollar dollars pound pounds euro euros budget budgets money cents penny
    view views impression impressions reach like likes follower followers share shares comment
    comments engagement engagements session sessions user users visitor visitors visit visits
    pageview pageviews page pages play plays thruplay thruplays open opens email emails message
    messages post posts video videos story stories reel reels click clicks"""
    )
    + tuple(NO_OUTCOME)
    + tuple(MONTHS)
    + tuple(WEEKDAYS)
)
OUTCOME_NOUN = rf"(?!(?:{alternation(_NOT_OUTCOMES)}) )(?![a-z]+(?:ed|ly) )[a-z]{{3,}}"
"""A word that may name an outcome: no function, time, ad-object, people or engagement word,
no past tense or adverb ("cost per donation headed", "how many leads really")."""


_CURRENCY_WORDS = r"(?:pounds|dollars|euros?|quid|bucks|rand|rupees|eur|usd|gbp|aud|nzd|cad)"
_AMOUNT = (
    # "4 pound a booking": the British singular after digits too
    # "90p a click": pence after the digits
    rf"(?:(?:r|rs )?\d[\d.,]*(?:k|p)?(?: {_CURRENCY_WORDS}| pound| dollar| buck)?"
    r"|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)(?: [a-z]+)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)"
    # "four pound a booking": the British singular too
    rf" (?:{_CURRENCY_WORDS}|pound|euro|dollar|buck)"
    # "two pound fifty", "a euro twenty": a sum said aloud
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten) (?:pound|quid|euro|dollar|buck)s?"
    r" (?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: [a-z]+)??)"
)
_PRICE_END = (
    r"(?= (?:too|any|good|decent|reasonable|ok|okay|alright|fine|grand|expensive|cheap|high"
    r"|low|steep|bad|normal|right|about|or|is|feels|seems|sounds|question|did|do|have|has|were"
    r"|was|are|came|come|we|on|in|from|for|via|through|by|at|across|last|this|yesterday|today"
    r"|over|during|since|and|vs|so|mtd|ytd|qtd|wtd) | $)"
)
_PRICE_OF_ONE = re.compile(
    rf" {_AMOUNT} (?:a head |each |apiece )?(?:a|an|per|the(?= click ))"
    r" (?!(?:good|great|decent|bad|fair|solid|strong|weak|healthy|normal|typical|high|low|big"
    r"|small|huge|fine|ok|okay|reasonable|poor|respectable|terrible|realistic) )"
    rf"(?P<one>click|(?:{OUTCOME_NOUN} ){{0,2}}?{OUTCOME_NOUN}){_PRICE_END}"
)
"""A price put on one ("is 2.50 a click too much", "6 pounds a sale", "$180 a demo", "€48 a
consult", "38 quid a care enquiry on google"): what one costs, so CPC for a click and CPA for
any outcome, whatever the business calls it (no time, ad object, people or engagement word:
"£600 a month", "$5 a campaign", "20 per user" are no such price)."""
_COST_OF_EACH = re.compile(
    r" (?:cost|costs|costed|costing|price)(?: (?:us|me|them|you))?(?: of| for| on)?"
    rf" (?:each|every one|apiece)(?P<one> one| click| {OUTCOME_NOUN}(?: {OUTCOME_NOUN})?"
    r"|(?= (?:in|on|at|from|for|and|this|last|so|please|pls|thanks|thank|too)\b| $))(?= )"
)
"""What one of them cost, asked after the count ("bookings, and the cost of each", "what did
they cost us each", "the cost for each consultation"): CPA (or CPC for clicks), not spend.
"The cost of each campaign" is spend by campaign, so no ad object, time or people word."""

_EACH_COSTS = re.compile(
    rf" (?:each|every|a single) (?P<one>click|{OUTCOME_NOUN}(?: {OUTCOME_NOUN}){{0,2}})"
    r"(?: is| was)?(?: actually| really| now)? (?:costs?|costing)(?= )"
)
"""What one of them costs, asked before the verb ("what's each lesson booking actually costing
us", "what every lead costs"): CPA (or CPC for a click)."""


_RATIOS = re.compile(r" (?:roas|ctr|cpc|cpa|cpm|roi|aov|cvr|rate|ratio|return)s? ")


def find_prices(text: str) -> list[re.Match[str]]:
    """The prices put on one click or outcome in `text`."""
    if not any(w in text for w in (" a ", " an ", " per ", " each", " every ", " the click ")):
        return []
    prices = [*_PRICE_OF_ONE.finditer(text), *_COST_OF_EACH.finditer(text)]
    if " cost" in text:
        prices += _EACH_COSTS.finditer(text)
    # "4.20 a good ROAS": a ratio's value, not a price on one
    return [m for m in prices if not _RATIOS.search(f"{m['one']} ")]
