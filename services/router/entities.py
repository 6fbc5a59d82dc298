"""Metrics named in a normalized question, and what the entity extractors consume (the platforms
are `platforms_named`)."""

from __future__ import annotations

import re

from libs.common.vocab import Metric
from services.router.dates.words import MONTH_RE
from services.router.given_names import is_person
from services.router.lexicon import COUNT_PHRASES, MAKES_MONEY, METRIC_PATTERN, METRIC_PHRASES
from services.router.outcome_frames import (
    PRICE_PER_ONE_PATTERNS,
    open_outcomes,
    prices_asked_per_one,
)
from services.router.outcomes import qualifier_alternation
from services.router.phrase_trie import phrase_pattern
from services.router.platform_phrases import PLATFORM_ALT, PLATFORM_NAME
from services.router.platforms_named import EXCEPT, PLATFORMS, UNSUPPORTED
from services.router.prices import find_prices

_COUNT_BEFORE = re.compile(
    r"(?:" + "|".join(re.escape(p) for p in COUNT_PHRASES) + r")(?: [a-z]+){0,3} $"
)
_COUNT_AFTER = re.compile(r"^ (?:count|volume|number)\b")
_COUNTED = re.compile(r" (?:\d[\d,]*|zero|no|more|fewer|any) $")
"""A number or a how-many word right before "sales" counts them ("14 sales", "zero sales from
Facebook", "to get more sales"); bare "sales" stays their value, as the README settles."""
_OBJECT = re.compile(r" (?:a|an|the|this|that|these|those|my|it|them|to|into|from) ")
_ROLE = re.compile(
    r" (?:vp|team|teams|rep|reps|manager|managers|director|head|says|said|thinks|call|calls"
    r"|person|people|department|org|guy|guys|gen|generation|quality|form|meeting|meetings"
    r"|review|huddle|sync|leadership|ops|kickoff|kick off|conference|offsite|training)\b"
)
_OF_CAMPAIGNS = re.compile(r" (?:campaigns?|ad sets?|ads) ")
_OF_A_ROLE = re.compile(r" (?:vp|head|director|svp|evp) of $")
""""the VP of Sales": a person's title, no figure."""
_LEAD_OF = re.compile(
    r" (?:marketing|growth|team|project|account|creative|design|tech|product|digital|media|ppc"
    r"|agency|partnerships?|ops|content|community|events?) $"
)
""""the client's marketing lead has asked": a person who leads, no lead counted."""
_OF_A_RATIO = re.compile(
    r" (?:roas|cpa|cpc|cac|cpl|cpi|aov|revenue|sales|conversion value|cost per acquisition)"
    r"(?: of [0-9.,]+(?: [a-z]+)?)?"
    r"(?: (?:on|in|from) [a-z]+(?: ads)?| [a-z]+(?: ads)? (?:vs|versus|and|or) [a-z]+(?: ads)?)?"
    r"(?: (?:for|on|from|of|de|del|de las|de los|do|dos|da|das|des|du|pour les)"
    r" (?:the |our |les )?(?:[a-z]+ ){0,2}"
    rf"| (?:{qualifier_alternation()}) )$"
)
"""What a ratio or a value is taken over ("ROAS on online orders", "el CPA de las subs", "o CPA
dos trials", "le CPA des trials", "the CPA of 38 EUR for the marathon registrations", "blended
CAC on valuation requests", "the CPA on Meta for Curely app sign-ups", "ROAS annual subs", "the
cost per acquisition for hamper orders", "the sales of the gift vouchers"): which of the
outcomes, not a count."""
_PRODUCT_LINE = re.compile(
    rf"(?: (?:for|on)(?: the| our)?|^) (?!(?:first|{qualifier_alternation()}) )[a-z]+ $"
)
"""The product a box, subscription or tour business sells ("spend for the grooming boxes", "kayak
tours: cost per booking"): which business, not a count, once another metric is asked."""
_PRODUCTS = frozenset({"boxes", "subscriptions", "tours"})
_LEARNED = re.compile(r" (?:learned|learnt|to learn)\b")
_COUNT_WORDS = phrase_pattern([*COUNT_PHRASES, "count", "volume", "number"])
_INVOICE = re.compile(
    rf"(?<= )(?:{PLATFORM_NAME}(?: and {PLATFORM_NAME})? (?:invoices?|charges?|bills?)"
    rf"|(?:{MONTH_RE}) invoices?|ad bills?"
    rf"|invoices? (?:from|for|by) (?:the )?(?:{PLATFORM_ALT}|{MONTH_RE})"
    rf"|(?:amounts? )?(?:charged|billed|invoiced) (?:to us )?(?:by|from) {PLATFORM_NAME}"
    r")(?= )"
)
"""A platform's or a month's invoice ("the Meta invoice for September", "Meta and LinkedIn
invoices for August", "the February invoice from Meta", "our invoices from TikTok", "the
Google charges", "the total ad bill", "the amount charged by Google Ads"): what was billed, the
spend; "the invoice email", "ad invoices" are paperwork."""
_PAID_TO = re.compile(
    rf"(?<= )(?:(?:we|i|they|you|have|has|had|been|was|were|did|do|does)"
    rf" (?:we |i |have |had |already |actually |really |just )*(?:paid|pay|paying)(?: to)?"
    rf"|paid to) {PLATFORM_NAME}(?= )"
)
"""Money handed to a platform ("we paid Google nearly £9k", "£18,250 paid to Meta", "what did
we actually pay TikTok"): its spend; "our paid Meta campaigns" is paid media, no amount."""
_PAPERWORK = re.compile(
    r" (?:vat|gst|tax|taxes|issued|billing address|receipts?|download|process for)(?= )"
)
"""An invoice as a document ("does VAT get added to Meta invoices?"): no amount asked."""
_BUDGET_WORDS = (
    r"(?:the |our |its |their |this |that |my |a |your |whole |full |entire )*"
    r"(?:[a-z0-9.,]+ ){0,3}?budgets?(?! split| allocation| mix)"
)
_AGAINST_BUDGET = re.compile(
    r"(?<= )(?:(?:over|under|within|blow|blowing|blew|bust|busting|exceed|exceeding|exceeded"
    r"|overshoot|overshooting|spend|spent|spending)(?: through| past)? "
    + _BUDGET_WORDS
    + r"|(?:over|under)(?:spend|spending|spent)|budget pacing|pacing (?:vs|against|to) "
    + _BUDGET_WORDS
    + r")(?= )"
)
"""Spend held against a budget ("will we go over the £20k Google budget", "blow through the
TikTok budget", "on track to spend the full budget", "are we underspending"): what is
measured is the spend. A budget's split or "eating budget" names no figure of its own."""
_RETURN_ON_SPEND = re.compile(
    r" (?:the )?returns?(?: (?:was|is|were|are|has been))? on"
    r" (?:our |the |that |this |their |your )?(?:(?:[a-z]+ ){0,3}?"
    r"(?:spend|spending|ad spend|investment|money(?: we spent)?"
    # "return on every pound we put into TikTok": what each unit of money brought back
    r"|(?:every|each) (?:pound|dollar|euro|quid|buck|rand|cent|penny)(?: we spend| spent)?)"
    r"|(?<=on )(?:it|that|them)"  # "what we spent, and the return on it"
    rf"|{PLATFORM_NAME}(?! (?:[a-z]+ )?spend))(?= )"
)
"""ROAS said in words with others between ("the return on our Microsoft Ads spend", "the return
on LinkedIn", "what the return was on the money we spent", "return on every pound")."""
_HOW_MUCH_ON = re.compile(rf" how much on (?:the )?{PLATFORM_NAME} ")
"""How much was put on a platform ("How much on Meta in August vs July?"), not "how much on
each" of a plan."""
_AGAINST_RETURN = re.compile(r" (?:against|vs|versus) (?:the |its |their )?returns?(?= )")
"""Spend held against what it brought back ("spend against return"): both figures."""
_RETURN_JUDGED = re.compile(
    r"(?<= )(?:(?:a|the|our|its|their) (?:(?:much|far|way) )?(?:better|best|worse|worst|decent"
    r"|poor|bad|bigger|higher|lower|good|great|blended|overall|healthy|solid|strong|weak) return"
    r"(?! rate| visit| policy| customer| on investment)"
    rf"|(?:{PLATFORM_ALT}|this|that) return(?= (?:is|was|good|ok|okay|enough|worth|so|too|like"
    r"|looks?|land|lands|this|last|for) )"
    # "what's the return like", "the blended return", "what return should we expect", "given
    # the returns", "a comment on return"
    r"|the return(?= (?:like|looks?|looking) )|(?:blended|overall) return(?! rate)"
    r"|what return(?= (?:should|will|would|can|could|do|did|are|were|is|was|we) )"
    r"|(?<=given )(?:the |our |its )?returns?|(?<=comment on )(?:the |our )?return"
    r"|(?:revenue|return|returning) per (?:pound|dollar|euro)(?: spent)?"
    r"|(?:best|worst|highest|lowest) returning"
    # "advertising costs and returns", "acquisition cost and return", "wine ad return"
    r"|(?:(?<=cost and )|(?<=costs and )|(?<=spend and ))returns?"
    r"|(?:(?<= ad )|(?<=advertising ))return)(?= )"
)
"""What spend brought back, judged, per unit or beside its cost ("a better return this quarter
than last", "whether this return is acceptable", "LinkedIn's return this quarter", "revenue
per pound spent", "returning per pound", "the best-returning platform", "costs and returns",
"the ad return"): ROAS. Read here, not from the lexicon, so that "better" becomes no
domain word a typo is corrected to ("letter")."""
_TOO_MUCH_INTO = re.compile(
    r"(?<= )(?:too much (?:money |budget |spend |cash )?(?:going|goes|went|gone) (?:into|to|on)"
    r"|(?:eating|taking|using|hogging|swallowing|soaking) (?:up )?too much (?:of )?(?:the |our )?"
    r"(?:budget|money|spend))(?= )"
)
"""Money judged by where it goes ("too much going into LinkedIn?", "Is Bing eating too much of
the budget?"): the spend."""
_SOLD_MORE = re.compile(
    r"(?<!would )(?<!will )(?<!could )(?:we|people|customers|they) (?:sell|sold|buy|bought)"
    r" (?:more|less|fewer)(?= )"
)
"""Sales counted by how many more or fewer were sold ("why did we sell fewer plans", "people buy
less bikes online"): conversions; "would we sell more boats" asks what would happen."""
_RAISED = re.compile(
    r"(?<= )(?:how much (?:\w+ ){1,6}?(?:raise|raised)|(?:would|will|could|did) (?:we|it|they)"
    r" raise (?:more|less)|raised so far)(?= )"
)
"""What a fundraiser brought in ("how much did the Summer Raffle raise on Facebook?", "would we
raise more?"): the value of its donations; "raise the budget" raises nothing."""
_VALUE_BROUGHT = re.compile(
    r"(?<= )(?:how much (?:money |revenue )?(?:(?:did|does|has|have|do) )?(?:\w+ ){1,4}?"
    r"(?:bring in|brought in|made|make|generate|generated|earn|earned)"
    r"|what (?:did|does|has|have) (?:it|they|that|this|those) (?:bring|brought) in"
    r"|what (?:we|they)(?: have| ve)? (?:made|make|brought in))(?= )"
)
"""Money an ad or a platform brought in ("how much money did Facebook bring in", "how much money
the retreats made from Google", "what did it cost and what did it bring in?", "what we made
from online orders"): conversion value; "how many orders did TikTok bring in" counts them, and
"too much for what it brought in" judges the spend."""
_MADE_FROM = re.compile(
    r" (?:made|make|brought in|bring in|earned|earn) (?:from|on|off|through) (?:the |our )?"
    r"(?:[a-z]+ )?$"
)
"""The outcome after "what we made from …" is where the money came from, not a count."""
_MONEY_BACK = re.compile(
    r" (?:(?:get|gets|getting|got) (?:(?:our|my|the|their|its) )?money back"
    rf"|{MAKES_MONEY}|(?:pay|pays|paying) back)(?= )"
)
"""Spend said to come back ("are we getting our money back on LinkedIn?", "is TikTok making us
money?", "did Google pay back last week?"): ROAS, where the revenue is not asked beside it."""
ENTITY_PATTERNS = (
    PLATFORMS, UNSUPPORTED, METRIC_PATTERN, _COUNT_WORDS, EXCEPT, _INVOICE, _RAISED,
    _RETURN_ON_SPEND, _AGAINST_RETURN, _RETURN_JUDGED, *PRICE_PER_ONE_PATTERNS,
)  # fmt: skip
"""What the entity extractors consume (for `coverage`): "the return on Google" is ROAS, so its
"return" needs no explaining."""
_CHEAPEST_FOR = re.compile(
    r"(?<= )(?:the )?(?:cheapest|cheaper) (?:[a-z]+ ){0,2}?(?:for|at getting|to get) (?:[a-z]+ )?$"
)
"""Just before an outcome, a place or platform that gets it cheapest ("cheapest territory for
bookings", "cheapest platform for leads"): what one costs, not how many."""
_PRICED = re.compile(
    r"(?: [a-z]+){0,3}? (?:(?:is|are|look|looks|seem|seems|feel|feels|getting|got|get) )?"
    r"(?:(?:so|way|much|a lot|really|very|super|far|quite|more|less|a bit) )*"
    r"(?:cheaper|cheap|pricey|pricier|expensive|costly|dearer"
    r"|costing (?:us )?(?:a fortune|a bomb|a lot|too much|loads|more|so much))(?= )"
    r"|(?: (?:on|from|via|in) [a-z]+(?: ads)?)?(?: (?:good|bad|poor|fair|decent|great) value)?"
    r" at (?:r|rs )?\d[\d.,]*k?"
    r" (?:each|apiece|a pop|a go|a head|per head)(?= )"
)
"""An outcome priced by a word or a figure ("enquiries on Meta seem way cheaper", "trials are
pricey", "leads are costing a fortune", "memberships at R45 each", "leads good value at £140
each"): its cost, CPA, not its count."""
_COST_OF = re.compile(
    r" (?:of|us|me|them) (?:about |around |roughly |approximately |approx |on average )?(?=\d)"
)
"""Between a "cost" and the price it names ("a cost of £11.80 per class booking", "LinkedIn
cost us approximately £95 per design appointment")."""
_PRICE_INCURRED = re.compile(r" (?:cost per (?:[a-z]+ ){1,3}|(?:cpc|cpa|cpl|cpm|cpi) )$")
"""A price before "incurred" ("the cost per click incurred on Microsoft Ads")."""
_ITS_COST = re.compile(r" (?:cpa|cpl|cost per)(?= )")
"""A cost after one outcome in the singular ("the test drive CPA", "lead CPA"): the outcome says
whose cost; "leads, CPA" (the comma gone) are two."""


def find_metrics(text: str) -> list[Metric]:
    """Metrics named in `text`, in order of first mention; counts of sales are conversions."""
    prices = find_prices(text)
    found = dict.fromkeys(Metric.CPC if m["one"].strip() == "click" else Metric.CPA for m in prices)
    framed = open_outcomes(text)
    found.update(dict.fromkeys(metric for metric, _ in framed))
    billed = " invoice" in text or " charge" in text or " bill" in text
    if billed and _INVOICE.search(text) and not _PAPERWORK.search(text):
        found.setdefault(Metric.SPEND, None)
    priced, text = prices_asked_per_one(text)
    found.update(dict.fromkeys(priced))
    if " pa" in text and _PAID_TO.search(text):
        found.setdefault(Metric.SPEND, None)
    if text.startswith((" too much on ", " are we too much on ", " way too much on ")):
        found.setdefault(Metric.SPEND, None)  # "too much on tiktok?": the money put there
    if " too much " in text and _TOO_MUCH_INTO.search(text):
        found.setdefault(Metric.SPEND, None)
    if " how much on " in text and _HOW_MUCH_ON.search(text):
        found.setdefault(Metric.SPEND, None)  # "how much on Meta in August?": the money
    # "rspen": the over- and underspending that need no "budget" said
    if ("budget" in text or "rspen" in text) and _AGAINST_BUDGET.search(text):
        found.setdefault(Metric.SPEND, None)
    if " return" in text and _AGAINST_RETURN.search(text):
        found.setdefault(Metric.ROAS, None)
    if " return " in text:  # "diminishing returns on google" are no ROAS
        returned = _RETURN_ON_SPEND.search(text)
        if returned is not None:
            found.setdefault(Metric.ROAS, None)
            # the spend of "the return on our Microsoft Ads spend" is what ROAS is taken over
            text = (
                text[: returned.start()]
                + " " * (returned.end() - returned.start())
                + text[returned.end() :]
            )
    if (" return" in text or "revenue per" in text) and _RETURN_JUDGED.search(text):
        found.setdefault(Metric.ROAS, None)
        # the revenue and spend of "revenue per pound spent" are its parts, not two figures
        text = _RETURN_JUDGED.sub(lambda m: " " * len(m.group()), text)
    sold = " sell" in text or " sold" in text or " buy" in text or " bought" in text
    if sold and _SOLD_MORE.search(text):
        found.setdefault(Metric.CONVERSIONS, None)
    if " raise" in text and _RAISED.search(text):
        found.setdefault(Metric.CONVERSION_VALUE, None)
    brought = " how much " in text or " what " in text
    if brought and _VALUE_BROUGHT.search(text):
        found.setdefault(Metric.CONVERSION_VALUE, None)
    product_line = False
    for match in METRIC_PATTERN.finditer(text):
        phrase = match.group()
        if phrase in _PRODUCTS and _PRODUCT_LINE.search(text, 0, match.start()):
            product_line = True  # counted only if nothing else is asked
            continue
        if any(start <= match.start() < end for _, (start, end) in framed):
            continue  # the "cost" of "cost per valet" is the outcome's price, not spend
        metrics = METRIC_PHRASES[phrase]
        if phrase == "sales" and _is_count(text, match.start(), match.end()):
            metrics = (Metric.CONVERSIONS,)
        if phrase in ("sales", "lead", "leads", "revenue") and (
            _ROLE.match(text, match.end())
            or _OF_A_ROLE.search(text, 0, match.start())
            or (phrase == "lead" and _LEAD_OF.search(text, 0, match.start()))
        ):
            continue  # "our sales VP", "the VP of Sales", "lead gen forms": no numbers
        if phrase == "raised by" and is_person(text[match.end() :].split(" ", 2)[1]):
            continue  # "(raised by Sarah)": who brought the item up, not money raised
        if phrase == "lessons" and _LEARNED.match(text, match.end()):
            continue  # "lessons learned" are a review's, not a driving school's
        counted = metrics in ((Metric.CONVERSIONS,), (Metric.CONVERSION_VALUE,))
        if counted and found and _MADE_FROM.search(text[: match.start()]):
            continue  # "how much did we make from online orders": where the money came from
        if counted and found and _OF_A_RATIO.search(text[: match.start()]):
            continue  # "ROAS on online orders", "ROAS for online sales": which sales, no count
        if metrics == (Metric.CONVERSIONS,) and _OF_CAMPAIGNS.match(text, match.end()) and found:
            continue  # "CTR on our subs campaigns": which campaigns, no count
        if _whose_cost(phrase, metrics) and _ITS_COST.match(text, match.end()):
            continue
        if metrics == (Metric.CONVERSIONS,) and (
            _PRICED.match(text, match.end())
            or (" cheap" in text and _CHEAPEST_FOR.search(text, 0, match.start()))
        ):
            metrics = (Metric.CPA,)  # "TikTok orders look cheap": what one costs
        if phrase == "convert" and _OBJECT.match(text, match.end()):
            continue  # "convert a PDF to Word" converts a thing, not a visitor
        if any(p.start() <= match.start() < p.end() for p in prices):
            continue  # the click of "2.50 a click" is its price, CPC, not a count
        if phrase == "incurred" and _PRICE_INCURRED.search(text, 0, match.start()):
            continue  # "the average cost per click incurred": the CPC, no spend beside it
        if phrase in ("cost", "costs") and _names_a_price(text, match.end(), prices):
            continue  # "a cost of £11.80 per class booking": the price, not spend
        for metric in metrics:
            found.setdefault(metric, None)
    back = " money" in text or " back " in text
    if back and Metric.CONVERSION_VALUE not in found and _MONEY_BACK.search(text):
        found.setdefault(Metric.ROAS, None)
    if product_line and not found:
        found[Metric.CONVERSIONS] = None  # "a good year for the coffee subscriptions?"
    return list(found)


def _names_a_price(text: str, end: int, prices: list[re.Match[str]]) -> bool:
    """Whether a "cost" ending at `end` is followed by "of" and one of the `prices`."""
    of = _COST_OF.match(text, end) if prices else None
    return of is not None and any(p.start() <= of.end() < p.end() for p in prices)


def _whose_cost(phrase: str, metrics: tuple[Metric, ...]) -> bool:
    """Whether an outcome can say whose cost follows it: one noun in the singular ("lead",
    "test drive"), not a count's abbreviation or a verb ("conv + cpa", "seats sold, CPA")."""
    return metrics == (Metric.CONVERSIONS,) and not phrase.endswith(("s", "conv", "sold", "ed"))


def first_metric_after(text: str, start: int) -> Metric | None:
    """The first metric named at or after `start` (used to find what a ranking sorts by)."""
    match = METRIC_PATTERN.search(text, start)
    if match is None:
        return None
    if match.group() == "sales" and _is_count(text, match.start(), match.end()):
        return Metric.CONVERSIONS
    return METRIC_PHRASES[match.group()][0]


def _is_count(text: str, start: int, end: int) -> bool:
    before = text[:start]
    return bool(
        _COUNT_BEFORE.search(before) or _COUNTED.search(before) or _COUNT_AFTER.match(text[end:])
    )
