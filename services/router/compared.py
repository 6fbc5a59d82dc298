"""Which named things a question sets against each other: platforms ("Google vs Meta on CPA",
"TikTok twice the enquiries of Facebook", "the difference in CTR between TikTok and Meta") and
campaigns or accounts by name ("Harrogate vs Ripon"). Set against each other, they are a row
each (`plan.py`)."""

from __future__ import annotations

import re

from services.router.platform_phrases import PLATFORM_NAME, PLATFORM_PHRASES

_TIMES = r"double|twice|triple|half|2x|3x|(?:\d+|two|three|four) times"
"""How many times another's figure one is: "double Meta's", "2x google's", "2 times the one
of Meta"."""
_TIMES_AS = "double|twice|triple|half|three times"
"""The same before "as many as" or "the bookings of"."""
_PLATFORMS_VERSUS = re.compile(
    rf" {PLATFORM_NAME} (?:vs|versus|v|against|compared (?:to|with)"
    rf"|(?:(?:so |much |a lot |way |far )*(?:higher|lower|better|worse|more|less|cheaper"
    rf"|pricier) )?than(?: on| from| in)?|or(?: on| from| in)?) {PLATFORM_NAME} "
    rf"| {PLATFORM_NAME}(?: [a-z]+){{0,6}}? compared (?:to|with) {PLATFORM_NAME} "
    # "Google is performing better than Meta", "LinkedIn not be a better bet than Meta"
    rf"| {PLATFORM_NAME}(?: [a-z0-9.]+){{0,4}}? (?:higher|lower|better|worse|more|less|cheaper"
    rf"|pricier|stronger|weaker)(?: [a-z]+){{0,3}}? than(?: on| from| in| for)?(?: the)?"
    rf" {PLATFORM_NAME} "
    # "the cost per enquiry on TikTok is more than double of the cost per enquiry on Meta"
    rf"| {PLATFORM_NAME}(?: [a-z0-9.]+){{0,3}}? (?:double|twice|triple|half)(?: [a-z]+){{0,6}}?"
    rf" (?:on|from|in|for|of) {PLATFORM_NAME} "
    # "compare Google and Meta", "a comparison note between Google and LinkedIn" (a split
    # "between Google and Meta" is not one)
    rf"| (?:compare|comparing|comparison)(?: [a-z]+){{0,3}}? {PLATFORM_NAME}"
    rf" (?:and|&|with|to|vs) (?:the )?{PLATFORM_NAME} "
    # "I compared the cost per quote request of Meta and Google" ("compared with December
    # across Meta and Google" sets periods side by side)
    rf"| compared (?!with |to |against )(?:[a-z]+ ){{0,6}}?{PLATFORM_NAME} (?:and|&) (?:the )?"
    rf"{PLATFORM_NAME} "
    # "more into the Facebook thing or the Google adverts", "google or keep it on facebook"
    rf"| (?:more|budget|money|spend)(?: [a-z]+){{0,2}}? (?:into|in|on|to|at) (?:the )?"
    rf"{PLATFORM_NAME}(?: [a-z]+){{0,2}}? or(?: [a-z]+){{0,4}}? (?:into|in|on|to|the)"
    rf" {PLATFORM_NAME} "
    # "is TikTok beating Meta", "CPI on TikTok in line with Meta", "cpc on msft is double
    # google's", "TikTok for the short courses or stick with Meta", "up on google but down on
    # facebook"
    rf"| {PLATFORM_NAME} (?:keep |keeps |kept |still |always )?(?:beating|beats|beat"
    rf"|outperforming|outperforms|outperformed|crushing|crushes|smashing|smashes|thrashing"
    rf"|killing|destroying|trouncing)(?: [a-z]+)?? (?:on [a-z]+ )?"
    rf"{PLATFORM_NAME} "
    rf"| {PLATFORM_NAME} (?:get |got |gets |was |were |is |being )?(?:outscored|outperformed"
    rf"|beaten|outsold|outdone) by {PLATFORM_NAME} "
    rf"| {PLATFORM_NAME}(?: [a-z]+){{0,3}}? (?:in line with|on par with|level with|{_TIMES})"
    rf" (?:that of |that on |the one (?:of|on|for) |the |of )?{PLATFORM_NAME} "
    rf"| {PLATFORM_NAME} (?:cpa|cpc|cpm|ctr|roas|cpl)(?: [a-z]+){{0,8}}? (?:at |is |was )?"
    rf"(?:{_TIMES}) {PLATFORM_NAME} "
    # "is it google or is it meta", "is it TikTok or Meta"
    rf"| is it {PLATFORM_NAME}(?: [a-z]+)? or (?:is it )?{PLATFORM_NAME} "
    rf"| {PLATFORM_NAME}(?: [a-z]+){{0,4}}? or (?:just )?(?:stick|stay|keep going|carry on)"
    rf" (?:with|on) {PLATFORM_NAME} "
    rf"| (?:up|down|held up|held) (?:on|in) {PLATFORM_NAME} but (?:[a-z]+ )?(?:up|down|flat"
    rf"|collapsed|crashed|tanked|dropped|fell|dipped|rose|jumped) (?:on|in) {PLATFORM_NAME} "
    # "Meta consults were up in January while Google was flat", "TikTok and Meta side by side"
    rf"| {PLATFORM_NAME}(?: [a-z0-9]+){{1,8}}? while {PLATFORM_NAME} "
    rf"| {PLATFORM_NAME} (?:and|&|vs) {PLATFORM_NAME} side by side "
    # "the difference between the CPA on Google and on Facebook", "the difference in CTR
    # between TikTok and Meta"
    rf"| (?:difference|differences|gap)(?: (?:in|of|on) [a-z]+(?: [a-z]+)?)? between"
    rf"(?: [a-z]+){{0,4}}? {PLATFORM_NAME} and"
    rf" (?:on |in |for |the )?{PLATFORM_NAME} "
    # "the ROAS of Google and Meta are so different", "Google CPA vs Meta CPA"
    rf"| {PLATFORM_NAME} (?:and|&) {PLATFORM_NAME}(?: [a-z0-9]+){{0,2}}? (?:they )?"
    r"(?:are |look |looks |seem )?(?:so |very |that )?(?:different|far apart) "
    rf"| {PLATFORM_NAME} [a-z]+ (?:vs|versus|v|against) {PLATFORM_NAME} "
    # "Google had 41 bookings and Meta only 18. Why is the difference so big?", "LinkedIn
    # leads are 5 and Google leads are 80. Why such a huge gap?": the two, then their gap
    # ("what did Google do during the gap" is a stretch of time)
    rf"| {PLATFORM_NAME}(?: [a-z0-9%]+){{1,12}}? {PLATFORM_NAME}(?: [a-z0-9%]+){{0,10}}?"
    r"(?<! during the)(?<! in the)(?<! over the)(?<! through the) (?:difference|gap) "
)


def platforms_compared(text: str) -> bool:
    """ "Meta vs TikTok … which one is doing better?", "more from Google than Meta", "Google or
    Meta, which is the better bet?": platforms set side by side."""
    for m in _PLATFORMS_VERSUS.finditer(text):
        # "google, meta or tiktok": a list to choose from, not a pair
        listed = _PLATFORM_BEFORE.search(text, 0, m.start() + 1)
        # "IG leads cheaper than FB leads": two names of one platform
        named = {PLATFORM_PHRASES[n.group()] for n in _A_PLATFORM.finditer(m.group())}
        if not (listed and " or " in m.group()) and len(named) >= 2:
            return True
    return False


_A_PLATFORM = re.compile(rf"(?<= ){PLATFORM_NAME}(?= )")

NAME_MASK = "qqname"
"""What stands in for a campaign or account name in a reading's body (its words are no
vocabulary)."""
_NAMES_VERSUS = re.compile(
    rf" {NAME_MASK}(?: [a-z0-9]+){{0,8}}? (?:than|vs|versus|v|against|compared (?:to|with)"
    rf"|next to|behind|ahead of)(?: (?:at|in|for|on|the|what|that of))*(?: [a-z0-9]+)??"
    rf" {NAME_MASK} "
    rf"| between (?:the )?{NAME_MASK} and (?:the )?{NAME_MASK} "
    rf"| {NAME_MASK} and (?:the )?{NAME_MASK}(?: [a-z0-9]+){{0,6}}? (?:compared to|against|vs)"
    r" each other "
    # "Gold Coast is smashing orders while Cairns is dead", "Rosebank and Claremont so far
    # apart on CPA", "Naas's CPA is twice Clontarf's"
    rf"| {NAME_MASK}(?: [a-z0-9]+){{1,8}}? (?:while|whereas) (?:the )?{NAME_MASK} "
    # "up in Preston but down in Blackburn", "up at Bath but down at Leeds"
    rf"| (?:in|at|for) (?:the )?{NAME_MASK} but (?:[a-z]+ ){{1,3}}?(?:in|at|for) (?:the )?"
    rf"{NAME_MASK} "
    rf"| {NAME_MASK} and (?:the )?{NAME_MASK}(?: [a-z]+){{0,3}}? (?:are |look |seem )?"
    r"(?:so |very )?(?:far apart|different|neck and neck) "
    rf"| {NAME_MASK}(?: [a-z0-9]+){{0,8}}? (?:crushing|smashing|beating|thrashing|outperforming"
    rf"|{_TIMES})(?: that of| the| of)? {NAME_MASK} "
    # "the Gannet getting twice the bookings of Ashgrove House"
    rf"| {NAME_MASK}(?: [a-z0-9]+){{0,4}}? (?:{_TIMES_AS})"
    rf" as (?:many|much)(?: [a-z]+){{0,3}} as (?:the )?{NAME_MASK} "
    rf"| {NAME_MASK}(?: [a-z0-9]+){{0,4}}? (?:{_TIMES_AS}) the [a-z]+"
    rf"(?: [a-z]+)? (?:of |that )?(?:the )?{NAME_MASK} "
)


def names_compared(body: str) -> bool:
    """ "why is Croydon doing worse than Bristol", "Dublin vs Cork cost per survey - why the
    gap?", "the variance between the UK and DE markets": names set side by side, one row each
    (names only listed, "Leeds and York both feel quiet", are not)."""
    return NAME_MASK in body and _NAMES_VERSUS.search(body) is not None


_PLATFORM_BEFORE = re.compile(rf" {PLATFORM_NAME} (?:and )?$")
