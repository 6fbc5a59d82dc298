"""What a message says besides its question: where the numbers go ("for the client deck"), how
little the asker needs ("just the number is fine") and wishes ("hope everyone had a good 4th").
Each is blanked out, same length, so positions found in the text still hold."""

from __future__ import annotations

import re

from services.router.calendar_words import MONTHS, WEEKDAYS
from services.router.politeness import ROLE


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


_PURPOSE = re.compile(
    r" (?:(?:(?:i am |im |we are |were )?(?:prepping|preparing|getting ready|prep) )?for"
    r"|(?:i am |im |we are |were )?prepping|(?:i am |im |we are |were )(?:preparing|putting"
    r" together|building|finishing|working on|doing)"
    r"|(?:it is|its|it s|it|this is|this|they are|theyre|they) going (?:in|into|on)"
    r"|(?:before )?(?:it|this|they) (?:goes|go) (?:in|into|on)"
    r"|(?:(?:i|we) (?:want|need|would like|should like|d like|have|am going|are going|plan) to"
    r" |to )?"
    r"(?:put|add|include|drop|paste|use|slot) (?:it|them|this|these|those|that|the numbers?"
    r"|the figures?) (?:in|into|on)|put (?:in|into)"
    r"|(?:it|this|they|these|the numbers?|the figures?) (?:will be|ll be|is|are|gets?|get)"
    r" (?:included|used|going|put|pasted) (?:in|into|on))"
    r" (?:the |our |my |a |an |this |her |his |their |your |next )?"
    r"(?:(?:tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s? )?"
    r"(?:(?:month|quarter|year) end |[a-z0-9]+ ){0,2}(?:client |team |board |exec |weekly |monthly "
    r"|quarterly |internal |leadership |status |finance |sales |billing |regional |pipeline "
    r"|annual review |annual |year end |month end |quarter end )?(?:post mortem |retro )?"
    r"(?:(?:audit|tax|compliance|reporting|internal|billing|budgeting|planning) purposes"
    r"|deck|report|recap|slide|slides|update|email|call|meeting|sheet|spreadsheet|dashboard"
    r"|pack|board pack|close|accruals"
    r"|(?:month|quarter|year) end accounts"
    r"|model|forecast model|reconciliation|audit|proposal|pitch"
    r"|review|qbr|presentation|doc|standup|stand up|sync|catch up|check in|huddle|wip|recon"
    r"|invoice|invoices|invoicing|billing|team|tracker|records|books|boss|manager|ceo|cfo|cmo|vp|trustees"
    r"|investors|stakeholders|owners|partners|board|file|tab|workbook|close pack|group chat|chat"
    r"|thread|chart|graph|(?:little|lil|quick) (?:chart|graph)|newsletter|bulletin|summary|agm"
    r"|section|page|table|committee"
    r"|(?:linkedin|slack|instagram|insta|blog) post|(?:instagram |insta )?(?:story|reel)"
    r"|(?:media|marketing|annual|budget|clienteling) plan|reforecast|post mortem|retro|debrief"
    r"|wash up)"
    r"(?: (?:deck|slides?|pack|doc|report|presentation|sheet|email))?"
    r"(?:(?: on| this| next)? (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|tomorrow)| eod| cob| today| tonight)?"
    r"(?: (?:in|of|for) (?:the|our|my|a|this|their) (?:client |team |board |monthly |weekly "
    r"|yearly |annual |quarterly )?(?:deck|report|pack|presentation|update|review|qbr|recap"
    r"|summary))?"
    r"(?: with (?:the |our |my )?(?:[a-z]+ )?(?:managers?|team|client|board|owners?|partners?"
    r"|directors?|franchisees))?(?: at \d{1,2}(?: \d{2})?(?: ?(?:am|pm))?)?(?= )"
)


_CADENCE_REPORT = re.compile(
    r" (?:for|in) (?:the|our|my|their|his|her|this|next)(?: [a-z0-9]+){0,2}? (?:monthly|weekly"
    r"|quarterly)(?= $| please| pls| thanks| thank| cheers| ta| tomorrow| today)"
)
"""The report said by its cadence alone ("… for the monthly", "need it for the weekly"): where
the numbers go, no grain ("demos for Ledgerly, Q1, monthly" asks a month each)."""


_PERIOD_WORD = "|".join(
    [*MONTHS, *WEEKDAYS, "week", "month", "quarter", "year", "today", "yesterday", "mtd", "ytd"]
)
_WHO_NEEDS_IT = re.compile(
    rf" (?:the |my |our |their |your )?(?:(?!(?:{_PERIOD_WORD}) )[a-z]+ )?{ROLE}"
    r" (?:needs?|wants?|asked for|is asking for"
    r"|are asking for|has asked for|have asked for|wants to see|would like to see)"
    r" (?:it|them|this|these|those|the numbers?|the figures?)"
    r"(?: (?:for|by|before)(?: on)? (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|tomorrow|tonight|eod|end of day))?(?= )"
)
"""Who the numbers are for ("the regional managers need it"): it asks nothing more. The word
before the role is the role's ("the wine client"), never a period's ("… May vs April? Client
wants it")."""


_DECK_NAMED = re.compile(
    r" (?:client|board|team|exec|investor|investors|leadership|monthly|weekly|quarterly|qbr)"
    r" (?:deck|pack|slides?)(?= $)"
)
"""A deck named alone at the message's end ("Top 5 campaigns by wishlist adds, April. Board
deck."): where the numbers go, as "for the board deck" says."""


def without_purpose(text: str) -> str:
    """`text` with the place the numbers are for blanked out ("for the client deck", "for a
    slide"): where a lookup's numbers go does not make it a report (same length, so positions
    found in `text` still hold)."""
    text = _blank(_DECK_NAMED, _blank(_PURPOSE, text))
    if "ly" in text:
        text = _blank(_CADENCE_REPORT, text)
    return _blank(_WHO_NEEDS_IT, _blank(_COURTESY, text))


_WISH = re.compile(
    r" (?:i )?hope (?:everyone|you|you all|yall|u|all|you guys) (?:had|has|have|is having"
    r"|are having|enjoyed|enjoy) (?:a |the |your )?(?:(?:good|great|lovely|nice|restful|relaxing"
    r"|fun|wonderful) )?(?:\w+ )?(?:weekend|break|holiday|holidays|4th|fourth|time|trip|christmas"
    r"|thanksgiving|easter|day|week|summer|vacation|time off)(?= )"
    r"| (?:i )?hope (?:santa|christmas|xmas|the holidays|the break) (?:was|were|has been) (?:good"
    r"|kind) to (?:you|you all|yall|everyone|u)(?= )"
    r"| (?:i )?hope (?:the|your) (?:(?:long|bank holiday) )?(?:weekend|week|holiday|holidays|break"
    r"|trip) (?:was|has been)"
    r" (?:good|great|lovely|nice|ok|okay|restful|relaxing|fun)(?= )"
    r"| (?:i )?hope (?:the|your) (?:[a-z]+ ){1,2}went (?:well|ok|okay|great|good)(?: on (?:monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend))?(?= )"
    r"| (?:i )?hope (?:your|the) (?:week|day|morning|afternoon|weekend|monday|tuesday|wednesday"
    r"|thursday|friday) (?:is |s )?going (?:ok|okay|well|good|great|alright)(?= )"
)
"""A wish ("hope everyone had a good 4th"): it asks nothing, and its day is no period."""
_APOLOGY = re.compile(
    r" sorry (?:for|about) (?:all |so )?(?:the |my |these |so )?(?:many |million |endless |hundred"
    r" )?(?:(?:monday|tuesday|wednesday|thursday|friday|weekend|early|late|morning|afternoon"
    r"|evening) ){0,2}(?:questions|qs|messages|pings|spam)(?: today| this week)?(?= )"
)
"""An apology for asking ("sorry for the many questions today"): its day is no period."""
_MOVED = re.compile(
    r" (?:the )?(?:[a-z]+ ){0,3}?(?:meeting|call) (?:has |s |is |was |got )?(?:been )?(?:moved"
    r"|pushed|postponed|brought forward|rescheduled)(?: (?:to|back to|until) (?:monday|tuesday"
    r"|wednesday|thursday|friday|next week|tomorrow))?(?= )"
)
"""A meeting moved ("Board meeting's been moved to Thursday", "the monthly call got moved to
tomorrow"): news, not a question, and its day is no period."""


def without_wishes(text: str) -> str:
    """`text` with wishes, apologies and moved meetings blanked out (same length, so positions
    found in `text` still hold)."""
    if " moved" in text or " pushed" in text or " postponed" in text or " brought " in text:
        text = _blank(_MOVED, text)
    return _blank(_APOLOGY, _blank(_WISH, text))


_COURTESY = re.compile(
    r" no (?:analysis|(?:colou?r )?commentary|narrative|fluff|essay)(?: is)?(?: needed| required"
    r"| necessary| please| pls)?(?: (?:at this stage|for now|at the moment|right now))?(?= )"
    r"| nothing fancy(?= )"
    r"| for your (?:perusal|reference|information|records)(?= )"
    r"| (?:just )?(?:the |a )?(?:(?:total |overall )?(?:spend|cost|clicks|impressions) |total )?"
    r"(?:number|numbers|figure|figures|total|ballpark|top \d+|table|list|raw numbers|data|spend)"
    r" (?:is|are"
    r"|would be|will do|will be) (?:fine|ok|okay|enough|great|perfect)(?= )"
    r"| nothing else (?:is )?(?:needed|required)(?: for now| at the moment| right now)?(?= )"
    r"| (?:well|we will|we can|happy to|lets|let us) (?:go through|discuss|cover|talk through"
    r"|pick up) (?:the rest|everything else|the rest of it|the details|it|that)"
    r"(?: (?:on|in|at|during) (?:the|our) (?:\w+ )?(?:call|meeting|sync|catch up|check in))?(?= )"
    r"| no need to (?:split|break|separate|divide) (?:it|them|that|this)(?: (?:down|out|up))?"
    r"(?: by (?:platform|channel|account|campaign))?(?= )"
    r"| (?:no need to|(?:you )?(?:dont|do not) (?:need to|have to)) explain(?: anything| it"
    r"| them| why)?(?= )"
    r"| no explanation (?:needed|required|necessary)(?= )"
    r"| (?:the |our )?(?:board|committee|client|team|partners|trustees|i|we) (?:will|can|shall|ll)"
    r" (?:draw (?:its|their|our|my) own conclusions|(?:do|handle) the analysis"
    r"|analy[sz]e (?:it|them|the rest) (?:myself|ourselves|themselves|itself))(?= )"
    r"| (?:the )?rest (?:i|we) (?:will|ll|can) analy[sz]e (?:myself|ourselves)(?= )"
)
"""How little the asker needs ("Just the number is fine.", "Nothing else needed for now, we'll
go through the rest on the monthly call.", "no need to split it", "No commentary is required
at this stage", "the board will draw its own conclusions", "Rest I will analyse myself"): no
verdict asked."""
