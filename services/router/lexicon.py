"""The router's vocabulary of metrics, and the words we never "correct" (platforms:
`platform_phrases.py`).

Phrases are lower-case and written as they appear after tokenizing (hyphens become spaces).
Everything here is an immutable table, and METRIC_PATTERN the one pattern compiled from it
(shared by `entities.py` and `outcome_frames.py`, where the matching code lives). Over 300 lines
because it is one table: every way of naming a metric is found, and added, here.
"""

from __future__ import annotations

from types import MappingProxyType

from libs.common.vocab import Metric
from services.router.outcomes import outcome_phrases
from services.router.phrase_trie import phrase_pattern


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of `text` (keeps long word lists readable)."""
    return tuple(text.split())


_SPEND, _IMPR, _CLK, _CONV, _VAL = (
    Metric.SPEND,
    Metric.IMPRESSIONS,
    Metric.CLICKS,
    Metric.CONVERSIONS,
    Metric.CONVERSION_VALUE,
)

ACCOUNTS_FOR = (
    r"account(?:s|ed)? for the (?:increase|decrease|drop|rise|fall|change|difference|jump|dip)"
)
"""What explains a change ("what factors account for the increase"): a why, and no grouping by
account."""
MAKES_MONEY = r"(?:make|makes|making) (?:us )?(?:any )?money(?! from)"
"""Whether spend comes back as money ("is TikTok making us money?"): ROAS (`entities`), asked as
a verdict (`cues.JUDGEMENT`); "money made from online orders" is revenue."""


def _return_phrases() -> dict[str, tuple[Metric, ...]]:
    """Cost set against what it brought back ("Q4 cost versus return", "the weakest return",
    "for every pound we spent"): ROAS, with the spend when the cost is named too."""
    phrases: dict[str, tuple[Metric, ...]] = {
        f"{cost} {join} return": (_SPEND, Metric.ROAS)
        for cost in ("cost", "costs", "spend")
        for join in ("and", "versus", "vs")
    }
    judged = ("weakest", "worst", "best", "strongest", "poorest", "a good", "that")
    phrases |= {f"{word} return": (Metric.ROAS,) for word in (*judged, "see the", "see any")}
    for money in ("pound", "dollar", "euro"):
        phrases[f"for every {money} we spent"] = (Metric.ROAS,)
        phrases[f"for every {money} spent"] = (Metric.ROAS,)
    return phrases


METRIC_PHRASES: MappingProxyType[str, tuple[Metric, ...]] = MappingProxyType(
    outcome_phrases()  # leads, bookings, signed cases …: conversions, and their cost CPA
    | _return_phrases()
    | {
        # spend
        "spend": (_SPEND,),
        "spends": (_SPEND,),
        "spent": (_SPEND,),
        "spending": (_SPEND,),
        "expenditure": (_SPEND,),
        "ad spend": (_SPEND,),
        "media investment": (_SPEND,),  # "paid media investment across the parks"
        "ad investment": (_SPEND,),
        "blow too much": (_SPEND,),  # "did the parks blow too much on tiktok?"
        "blew too much": (_SPEND,),
        "chucking too much": (_SPEND,),  # "are we chucking too much at TikTok?"
        "throwing too much": (_SPEND,),
        "adspend": (_SPEND,),
        "cost": (_SPEND,),
        "costs": (_SPEND,),
        "amount spent": (_SPEND,),
        # what a platform billed ("what did Microsoft charge us in July?")
        "charge us": (_SPEND,),
        "charged us": (_SPEND,),
        "charge me": (_SPEND,),
        "charged me": (_SPEND,),
        "billed us": (_SPEND,),
        "total invoiced": (_SPEND,),  # "the total invoiced by Meta for July"
        "invoiced us": (_SPEND,),
        "amount invoiced": (_SPEND,),
        "amounts invoiced": (_SPEND,),
        "invoiced amount": (_SPEND,),  # "the Google and Meta invoiced amounts for April"
        "invoiced amounts": (_SPEND,),
        "amount billed": (_SPEND,),  # "the amounts billed by LinkedIn in Q1"
        "amounts billed": (_SPEND,),
        "been invoiced": (_SPEND,),  # "we have been invoiced £12,480 by TikTok"
        "been billed": (_SPEND,),
        "underinvesting": (_SPEND,),
        "overinvesting": (_SPEND,),
        "bill us": (_SPEND,),
        "budget spent": (_SPEND,),
        "overspend": (_SPEND,),
        "overspending": (_SPEND,),
        "overspent": (_SPEND,),
        "underspend": (_SPEND,),
        "underspending": (_SPEND,),
        "spender": (_SPEND,),
        "spenders": (_SPEND,),
        "burned": (_SPEND,),
        "burning": (_SPEND,),
        "burnt": (_SPEND,),
        "burn": (_SPEND,),
        "money spent": (_SPEND,),
        "budget spend": (_SPEND,),
        "media cost": (_SPEND,),
        "gastos": (_SPEND,),
        "kosten": (_SPEND,),
        "depenses": (_SPEND,),
        "uitgaven": (_SPEND,),
        "incurred": (_SPEND,),
        # impressions
        "impressions": (_IMPR,),
        "impression": (_IMPR,),
        "impr": (_IMPR,),
        "imprs": (_IMPR,),
        "imps": (_IMPR,),
        "ad views": (_IMPR,),
        "ads shown": (_IMPR,),
        "times shown": (_IMPR,),
        "times our ads were shown": (_IMPR,),
        "times were our ads shown": (_IMPR,),
        "times our ads showed": (_IMPR,),
        "times our ad was shown": (_IMPR,),
        # plain words of people who never say "impressions" or "clicks"
        "people saw": (_IMPR,),
        "people who saw": (_IMPR,),
        "people have seen": (_IMPR,),
        "people seeing": (_IMPR,),
        "saw my ads": (_IMPR,),
        "saw our ads": (_IMPR,),
        "times my ads were shown": (_IMPR,),
        "times were my ads shown": (_IMPR,),
        "times my ads showed": (_IMPR,),
        "views": (_IMPR,),
        "people clicked": (_CLK,),
        "people who clicked": (_CLK,),
        "people clicking": (_CLK,),
        # clicks
        "clicks": (_CLK,),
        "click": (_CLK,),
        "clicked": (_CLK,),
        "link clicks": (_CLK,),
        # conversions
        "conversions": (_CONV,),
        "conversion": (_CONV,),
        "conv": (_CONV,),
        "convs": (_CONV,),
        "converted": (_CONV,),
        "converting": (_CONV,),
        "converts": (_CONV,),
        "signed up": (_CONV,),
        "policies sold": (_CONV,),
        "plans sold": (_CONV,),  # a funeral or pet plan provider's sales
        "cost per plan": (Metric.CPA,),
        "cost per plan sold": (Metric.CPA,),  # not "policy": "policy quotes" are a kind of quote
        "convert": (_CONV,),
        # conversion value
        "conversion value": (_VAL,),
        "conversions value": (_VAL,),
        "conv value": (_VAL,),
        "purchase value": (_VAL,),
        "revenue": (_VAL,),
        "much did we make": (_VAL,),  # "how much did we make from online orders on Meta"
        "much have we made": (_VAL,),
        "room revenue": (_VAL,),  # a hotel's revenue from the rooms its ads sold
        "rooms revenue": (_VAL,),
        "revenues": (_VAL,),
        "sales": (_VAL,),
        "sales value": (_VAL,),
        "value of sales": (_VAL,),
        "income": (_VAL,),
        "gmv": (_VAL,),
        "umsatz": (_VAL,),
        "bestellungen": (Metric.CONVERSIONS,),
        "werbekosten": (_SPEND,),
        "klickrate": (Metric.CTR,),
        "did we raise": (_VAL,),
        "did it raise": (_VAL,),
        "we raised": (_VAL,),
        "have we raised": (_VAL,),
        "raised in": (_VAL,),
        "raise in": (_VAL,),
        "raise in donations": (_VAL,),
        "raised in donations": (_VAL,),
        "did we raise in donations": (_VAL,),
        "we raised in donations": (_VAL,),
        "have we raised in donations": (_VAL,),
        "money raised": (_VAL,),
        "total raised": (_VAL,),
        "raised by": (_VAL,),
        "amount raised": (_VAL,),
        "funds raised": (_VAL,),
        "dollars raised": (_VAL,),
        "pounds raised": (_VAL,),
        "raised the most": (_VAL,),
        "raised the least": (_VAL,),
        "raised most": (_VAL,),
        "donation value": (_VAL,),
        "donated": (_VAL,),
        "money came in": (_VAL,),
        "money coming in": (_VAL,),
        "money made": (_VAL,),
        "money did we make": (_VAL,),
        "money did i make": (_VAL,),
        "make in sales": (_VAL,),
        "made in sales": (_VAL,),
        "take in sales": (_VAL,),
        "took in sales": (_VAL,),
        "ingresos": (_VAL,),
        "omzet": (_VAL,),
        # ratios
        "ctr": (Metric.CTR,),
        "ctrs": (Metric.CTR,),
        "click through rate": (Metric.CTR,),
        "clickthrough rate": (Metric.CTR,),
        "click rate": (Metric.CTR,),
        "click thru rate": (Metric.CTR,),
        "clickthru rate": (Metric.CTR,),
        "click through rates": (Metric.CTR,),
        "clickthrough rates": (Metric.CTR,),
        "click rates": (Metric.CTR,),
        "cpc": (Metric.CPC,),
        "cpcs": (Metric.CPC,),
        "ecpc": (Metric.CPC,),
        "cheaper clicks": (Metric.CPC,),
        "cheap clicks": (Metric.CPC,),
        "clicks cost": (Metric.CPC,),
        "click cost": (Metric.CPC,),
        "click costs": (Metric.CPC,),
        "cost per click": (Metric.CPC,),
        "costs per click": (Metric.CPC,),
        "price per click": (Metric.CPC,),
        "pay per click": (Metric.CPC,),
        "paid per click": (Metric.CPC,),
        "per click": (Metric.CPC,),
        "cpa": (Metric.CPA,),
        "cpas": (Metric.CPA,),
        "cheaper leads": (Metric.CPA,),
        "cheap leads": (Metric.CPA,),
        "cheaper conversions": (Metric.CPA,),
        "cheaper sales": (Metric.CPA,),
        "cpl": (Metric.CPA,),
        "cpq": (Metric.CPA,),
        "cac": (Metric.CPA,),
        "mer": (Metric.ROAS,),  # marketing efficiency ratio: revenue over all spend, a blended ROAS
        "cost per action": (Metric.CPA,),
        "cost per conversion": (Metric.CPA,),
        "cost per sale": (Metric.CPA,),
        "cost per result": (Metric.CPA,),
        "cpi": (Metric.CPA,),
        "ecpi": (Metric.CPA,),  # effective cost per install, the app marketer's CPA
        "ncac": (Metric.CPA,),
        "per sale": (Metric.CPA,),
        "per conversion": (Metric.CPA,),
        "revenue per order": (_VAL, _CONV),
        "revenue per sale": (_VAL, _CONV),
        "value per order": (_VAL, _CONV),
        "roas": (Metric.ROAS,),
        "return on ad spend": (Metric.ROAS,),
        "return on adspend": (Metric.ROAS,),
        "return on spend": (Metric.ROAS,),
        "roi": (Metric.ROAS,),
        "cpm": (Metric.CPM,),
        "cpms": (Metric.CPM,),
        "cost per mille": (Metric.CPM,),
        "cost per thousand": (Metric.CPM,),
        "cost per thousand views": (Metric.CPM,),
        "cost per thousand impressions": (Metric.CPM,),
        "cost per 1000 impressions": (Metric.CPM,),
        # Not in our vocabulary: read as the components the user would need to see.
        "conversion rate": (_CONV, _CLK),
        "conv rate": (_CONV, _CLK),
        "cvr": (_CONV, _CLK),
        "average order value": (_VAL, _CONV),
        "avg order value": (_VAL, _CONV),
        "order value": (_VAL, _CONV),
        "aov": (_VAL, _CONV),
    }
)
"""Phrase -> metrics; the longest phrase wins ("cost per click" is CPC, never also spend)."""

COUNT_PHRASES: frozenset[str] = frozenset(
    {"how many", "number of", "count of", "total number of", "# of", "no of"}
)
"""Words that turn an amount-or-count word ("sales") into a count (conversions)."""

# Words a typo can be corrected *to*: the single words of our phrases plus the date and intent
# words whose misspelling would change a plan. Short words (< 4 letters) are never targets.
EXTRA_TARGETS: frozenset[str] = frozenset(
    words(
        """
    yesterday today week weeks month months quarter quarters year years days weekend
    january february march april june july august september october november december
    compare compared versus campaign campaigns account accounts platform platforms
    channel channels breakdown forecast predict recommend recommendation anomaly anomalies
    report summary trend performance performing highest lowest biggest cheapest
    previous trailing between since through daily weekly monthly yearly quarterly
    monday tuesday wednesday thursday friday saturday sunday black cyber
    why explain diagnose improve optimize should increase decrease dropped spike across
    property properties location locations
    """
    )
)

COMMON_WORDS: frozenset[str] = frozenset(
    words(
        """
    a about above across after again against all also am an and any are around as ask at
    back bad be been before being below best better between big bit both but by came can cast
    case change changed chart check could data date dates day did do does doing done down drop
    during each else end even ever every fast few find first for from gave get give go going
    good got great had has have having he her here high him his how i if in into is it its
    just keep kind king know last late later least less like line list little long look lost
    lot low made make many may me mean meant mine more most much must my near need new next
    no not now of off ok okay old on once one only or other our out over own part past per
    plan post put rate rates read real really right ring rise said same saw say see seem set
    she show side since sing single slow so some spot spread start stop such take than that
    the their them then there these they thing things think this those time times to too
    top total track trend true try turn two under up us use used very want was way we week
    well went were what when where which while who whole why will wing with within word work
    worse worst would year yes yet you your beta meat mate math metal media mega page pages
    place price prices sale sign sped speed spell spin click clock clocks lock look lookup
    clients client cost coast cots host lead load leaf leak lean read reach react real
    mouth mouths monthly week weak wee seek quarter quartet quite quit roast road toast boast
    being bring thing think king kinds wind bind find sing sting tint tick tock ticket
    view views visit visits value values volume budget budgets brand group groups share
    early mid middle half halves latter front final fortnight weekend weekends starting
    beginning commencing ending ended following preceding prior ahead circa roughly
    approximately approx leading run mondays tuesdays wednesdays thursdays fridays saturdays
    sundays weekdays mornings evenings nights morning evening night changes convert converts
    converting send sending sent sends shopify woocommerce hubspot salesforce klaviyo
    """
    )
)
"""Real English words: a token that is one of these is never typo-corrected."""
METRIC_PATTERN = phrase_pattern(METRIC_PHRASES)
"""Any metric phrase, matched as whole words in a normalized text."""
