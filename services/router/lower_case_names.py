"""Clients named in lower case: after "for" at the end of a request ("bookings per week for
castle ford since jan"), two side by side ("riverside vs lakeview last 30 days"), before the
premises' noun ("at the hamilton site"), or, by a writer who uses no capitals at all, a word no
dictionary holds where places stand ("leith day passes yday", "bookings down at perth", "how many
bookings did headingley get", "higher than horsforth") or a town's name anywhere in a message about
ads ("why is swindon so quiet this week")."""

from __future__ import annotations

import re
from datetime import date

from libs.common.vocab import FilterField
from services.router.dates.mentions import names_period
from services.router.english import is_english
from services.router.given_names import is_person
from services.router.invented_names import TOOLS, invented_word
from services.router.lexicon import words
from services.router.name_words import (
    about_ads,
    is_holiday,
    is_stop,
    is_typo,
    opens_with_a_metric,
)
from services.router.places import is_town
from services.router.platform_phrases import PLATFORM_PHRASES
from services.router.tokens import ABBREVIATIONS, normalize
from services.router.vocabulary import is_known

_LOWER_FOR = re.compile(
    r"(?<![\w'’])for (?P<name>[a-z][a-z'’-]+(?: [a-z][a-z'’-]+){0,2})"
    r"(?=[\s?.!]*$|,|\s+(?:since|last|this|from|in|on|over|during|mtd|ytd|qtd)\b)"
)
"""A client named in lower case at the end of a request ("bookings per week for castle ford
since jan", "appointments this month vs last month for cedar falls"): an account, when none
of its words is one of ours, a period, a person, a kind of campaign or what the figures are
for ("for approval", "for reference")."""
_PURPOSES = frozenset(
    words(
        """approval reference records tomorrow tonight later now staff review clarity context
        planning budgeting reporting forecasting pacing analysis audit billing invoicing finance
        accounting compliance everyone anyone someone signoff info information interest
        curiosity comparison benchmarking tracking sharing presentation real good sure instance
        example starters once free sale sales standup standups huddle sync retro catchup
        handover"""
    )
)
_AFTER_A_PERIOD = re.compile(
    r"(?:\b(?:last|this|past|previous|since|per|by|every)(?: [a-z0-9]+){1,2}|\b(?:weekly|daily"
    r"|monthly|yesterday|today|mtd|ytd|qtd|wtd|l\d+d|q[1-4]))\s*$"
)
"""What a request ends with before its client's name: a period or a grain ("bookings per week
for castle ford", "this month vs last month for cedar falls"). A "for" after anything else is
what the figures are judged against ("normal for plumbing", "ok for enterprise buyers")."""
_PLACES = frozenset(
    words("area branch store clinic office location site showroom studio centre center")
)
_LOWER_VERSUS = re.compile(
    r"(?:^|(?<=\s))(?P<one>[a-z][a-z'’-]{2,}) (?:vs\.?|versus) (?P<two>[a-z][a-z'’-]{2,})"
    r"(?=\s+(?:last|this|since|yesterday|today|in|for|mtd|ytd|qtd|l\d+d)\b|[\s?.!]*$)"
)
"""Two clients named in lower case set side by side ("cost per appointment riverside vs
lakeview last 30 days"): accounts, when neither word is one of ours."""
_LOWER_PREMISES = re.compile(
    r"(?<![\w'’])(?:(?:at |in )?(?:the|our)|at|in)"
    r" (?P<name>[a-z][a-z'’-]{2,}(?: [a-z][a-z'’-]{2,})?)"
    r" (?:site|store|branch|studio|clinic|practice|location|showroom|centre|center|gym|salon"
    r"|depot)(?![\w'’-])"
)
"""A client's premises named in lower case before its noun ("the hamilton site", "at the east
kilbride site"): an account, when no word is one of ours and one is no dictionary word ("the
skincare shop" is a kind; a compass word before a name is the name's own)."""
_COMPASS = frozenset(words("east west north south upper lower great little old"))
ANY_DAY = date(2026, 1, 1)
"""Whether a word names a period ("yday") does not depend on the day asked."""


CAMPAIGN_KINDS = frozenset(
    words(
        """mobile desktop tablet brand branded nonbrand retargeting remarketing prospecting
        average avg median mean blended estimated lifetime projected organic app web online
        offline social paid search display video shopping pmax total net gross incremental
        attributed reported actual new returning repeat all our my weekend weekends weekday
        weekdays morning mornings evening evenings night nights overnight daytime holiday
        holidays seasonal summer winter spring autumn fall peak bfcm retargeting prospecting
        evergreen awareness consideration conversion catalog catalogue dynamic lookalike"""
    )
)


def lower_case_names(raw: str) -> list[tuple[FilterField, str]]:
    """Clients named in lower case: after "for" at the end of a request, two side by side, or
    before the premises' noun."""
    names: list[tuple[FilterField, str]] = []
    kept = normalize(raw).places  # "signups for leeds": no typo of leads
    if "for " in raw:
        for m in _LOWER_FOR.finditer(raw):
            if not _AFTER_A_PERIOD.search(raw, 0, m.start()):
                continue
            name = m["name"].split()
            if len(name) > 1 and name[-1] in _PLACES:
                name = name[:-1]  # "for pontefract area": the place is its name
            if _no_word_of_ours(name, kept) and not (set(name) & _PURPOSES):
                names.append((FilterField.ACCOUNT, " ".join(name)))
    for m in _LOWER_PREMISES.finditer(raw):
        name = m["name"].split()
        own = name[1:] if len(name) > 1 and name[0] in _COMPASS else name  # "east kilbride"
        if _no_word_of_ours(own, kept) and not all(is_english(w) for w in own):
            names.append((FilterField.ACCOUNT, m["name"]))
    if " vs" in raw or " versus " in raw:
        for m in _LOWER_VERSUS.finditer(raw):
            if _no_word_of_ours([m["one"], m["two"]], kept):
                names += [(FilterField.ACCOUNT, m["one"]), (FilterField.ACCOUNT, m["two"])]
    if not any(c.isupper() for c in raw):
        names += [(FilterField.ACCOUNT, w) for w in _places_in_lower_case(raw, kept)]
    return names


_OPENING_PLACE = re.compile(
    r"(?:^|[.!?:;\n]\s*|\b(?:why|how) (?:is|are|did|has|have|was|were) )"
    r"(?P<name>[a-z]{5,})(?:['’]s)?(?=\s*(?:[:.!?,]|vs\b|versus\b|$)|\s+(?P<next>[a-z]))"
)
"""A word opening a clause or a why-question, before a mark, "vs" or (checked in code) its
figures: "perth: tiktok or meta", "why is dundee cpa half of perth's"."""
_AT_PLACE = re.compile(
    r"\b(?:(?:at|for) (?P<name>[a-z]{5,})(?![\w'’-])|in (?P<within>[a-z]{5,})"
    r"(?=\s*(?:[.!?,;:]|$)|\s+(?:this|last|since|over|next|yesterday|today|yday|on|for|vs)\b))"
)
"""A word after "at" or "for" ("down at perth. why", "bookings for stockport and for altrincham
separately"), or after "in" before a mark or a period ("orders down in portland last week"; "good
hotels in lisbon lol" is a trip)."""
_JUDGED_FOR = re.compile(
    r"\b(?:normal|typical|usual|ok|okay|good|bad|fine|decent|reasonable|average|standard|high"
    r"|low|expensive|cheap|pricey|steep)\s*$"
)
"""What a figure is judged against ("normal for fintech"): a kind of business, not a place."""
_PLACE_LAST = re.compile(
    r"\b(?:yesterday|yday|today|wk|week|month|mo|mtd|ytd|l\d+d) (?P<name>[a-z]{5,})"
    r"(?=[\s?!]*$|[\s?!]*[.?!])"
)
"""A word after the period, ending the request: "passes by day last wk partick"."""
_PLACE_BEFORE_PERIOD = re.compile(
    r"(?<![\w'’-])(?P<metric>[a-z]+) (?P<name>[a-z]{5,}(?<!ed))"
    r" (?=(?:last|this|yday|yesterday|today|since|mtd|ytd|wtd|sat|sun|mon|tue|tues|wed|thu|thurs"
    r"|fri|saturday|sunday|monday|tuesday|wednesday|thursday|friday)\b)"
)
"""A word between a metric and its period: "how many consults camden last wk", "bookings
falmouth sat + sun"."""
_SUBJECT_PLACE = re.compile(
    r"\b(?:did|does|has|have|is|are|was|were|how['’]?s)"
    r" (?P<name>[a-z]{5,}) (?:get|got|gets|do|doing|make|made|have|had|perform|performing|go|going"
    r"|look|looking|so)\b"
    r"|\bthan (?P<than>[a-z]{5,})(?=\s*(?:[.!?,;:]|$)|\s+(?:why|whys|what|this|last|on|in|for)\b)"
    r"|(?<![\w'’-])(?P<only>[a-z]{5,}) only(?=\s*(?:[.!?,;:]|$))"
)
"""A place as the subject of a question ("how many bookings did headingley get", "hows horsforth
doing", "why is southville so quiet"), what another is set against ("miles higher than horsforth
whys that") or the only one asked about ("cpa last 14 days, southville only")."""
_PLACES_SIDE_BY_SIDE = re.compile(
    r"(?<![\w'’-])(?P<one>[a-z]{4,}) (?:vs\.?|versus) (?=(?P<two>[a-z]{4,})(?![\w'’-]))"
)


def _places_in_lower_case(raw: str, kept: frozenset[str]) -> list[str]:
    """A writer who uses no capitals names places in lower case too: a word no dictionary holds,
    opening a clause before its figures ("leith day passes yday"), after "at", "in" or "for"
    ("bookings down at perth", "for stockport they seem low"), after a period at the end ("passes
    by day last wk partick"), as a question's subject or after "than" (`_SUBJECT_PLACE`), or set
    beside another such word ("dundee vs stirling memberships"). A town's name needs no such
    place in a message about ads: "anything weird with wetherby bookings", "should i move some
    of the ancoats budget over to chorlton"."""
    found = []
    for m in _OPENING_PLACE.finditer(raw):
        # the word first: most clause openings are words, and reading the figures after one
        # normalizes the rest of the message
        if _a_place_word(m["name"], kept) and _figures_after(
            raw[m.start("next") :] if m["next"] else ""
        ):
            found.append(m["name"])
    for m in _AT_PLACE.finditer(raw):
        name = m["name"] or m["within"]
        if name in _PURPOSES or _JUDGED_FOR.search(raw, 0, m.start()):
            continue  # "bullets for standup", "is $4 a click normal for fintech"
        if _a_place_word(name, kept):
            found.append(name)
    found += [m["name"] for m in _PLACE_LAST.finditer(raw) if _a_place_word(m["name"], kept)]
    found += [
        m["name"]
        for m in _PLACE_BEFORE_PERIOD.finditer(raw)
        if opens_with_a_metric(m["metric"], platform_first=False) and _a_place_word(m["name"], kept)
    ]
    for m in _SUBJECT_PLACE.finditer(raw):
        if _a_place_word(name := m["name"] or m["than"] or m["only"], kept):
            found.append(name)
    for m in _PLACES_SIDE_BY_SIDE.finditer(raw):
        one, two = _a_place_word(m["one"], kept), _a_place_word(m["two"], kept)
        # "clifton vs redland": a town that is also a given name, set beside a place
        if (
            (one or _a_named_town(m["one"], kept))
            and (two or _a_named_town(m["two"], kept))
            and (one or two)
        ):
            found += [m["one"], m["two"]]
    towns = [
        word
        for word in _WORD.findall(raw)
        if is_town(word) and word not in found and _no_word_of_ours([word], kept)
    ]
    # "any decent accountants round stockport", "good hotels in bootle": a town in a message
    # that asks nothing of the ads or of how a branch is doing is no client's
    if towns and (_HOW_A_BRANCH_GOES.search(raw) or about_ads(raw)):
        found += towns
    return found


_HOW_A_BRANCH_GOES = re.compile(r"\b(?:ads?|budget|quiet|busy|dead|slow|rammed|performing)\b")
"""Words of how a branch is doing or what is spent on it ("why is stockport so quiet", "move
budget from altrincham to salford"), where no metric or platform is named ("doing" and "going"
are not: "what's the weather doing in london")."""
_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
"""A lower-case word of four letters or more ("york", "hove"; shorter town names are words)."""


_QUALIFIED = re.compile(r"[a-z]+ (?=[a-z])")


def _figures_after(after: str) -> bool:
    """Whether a place opening a clause stands before its figures: nothing, a mark, "numbers",
    or a metric, perhaps after one word that qualifies it ("leith day passes"; "standup notes:"
    is no figure)."""
    if not after or after.startswith(("numbers", "figures")):
        return True
    qualifier = _QUALIFIED.match(after)
    return opens_with_a_metric(after) or (
        qualifier is not None and opens_with_a_metric(after[qualifier.end() :])
    )


def _a_place_word(word: str, kept: frozenset[str]) -> bool:
    """A town's name, or no dictionary word, no word of ours, no person and no word with its
    last "g" dropped: what is left in lower case is mostly places and coined names (and jargon:
    "standup", which the slots above keep out, since it stands before no figure). The town
    first: "bootle" is "bootleg" without its "g"."""
    if is_town(word):
        return _no_word_of_ours([word], kept)
    return (
        invented_word(word)
        and not is_english(word + "g")  # "creepin", "somethin"
        and _no_word_of_ours([word], kept)
    )


def _a_named_town(word: str, kept: frozenset[str]) -> bool:
    """A town's name that is also a person's ("clifton", "barry"): a place only beside one."""
    return is_town(word) and is_person(word) and _no_word_of_ours([word], kept, people=False)


def _no_word_of_ours(
    words: list[str], kept: frozenset[str] = frozenset(), *, people: bool = True
) -> bool:
    """Whether no word of `words` is one the rules read; a town the message's own tokens kept
    as a place (`kept`) is no typo of the domain word it is near."""
    return not any(
        is_known(w)
        or is_stop(w)
        or is_holiday(w)
        or (is_typo(w) and w not in kept)
        or (people and is_person(w))
        or w in CAMPAIGN_KINDS
        or w in ABBREVIATIONS
        or w in TOOLS
        or w in PLATFORM_PHRASES
        or names_period(f" {w} ", ANY_DAY)
        or (normalize(w).tokens != (w,) and w not in kept)
        for w in words
    )
