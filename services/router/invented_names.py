"""A client's own brand where no noun of ours stands beside it: a capitalised word no
dictionary holds ("Loudhaus: why is …", "Why are Barkfield subs down") or a run of two or three
capitalised words one of which is invented ("Oakline Furniture", "Kessler & Doyle"), and the
word tests the name readers share with `proper_names` (coined words, tools, opening words).
"""

from __future__ import annotations

import re

from libs.common.vocab import FilterField
from services.router.coverage import FILLER
from services.router.english import is_english
from services.router.given_names import is_person
from services.router.lexicon import words
from services.router.name_words import (
    CAPITALISED,
    KINDS,
    about_ads,
    is_holiday,
    is_stop,
    is_typo,
    opens_with_a_metric,
)
from services.router.outcomes import QUALIFIERS
from services.router.phrasebook import folded
from services.router.premises import MANY_PREMISES
from services.router.vocabulary import is_known


def looks_coined(word: str) -> bool:
    """Whether `word` looks like a business's coined name: five letters or more, with a vowel,
    and no dictionary or router word one letter away ("whyy" is "why" slipped)."""
    lowered = word.lower()
    if len(lowered) < 5 or not any(c in "aeiouy" for c in lowered):
        return False
    dropped = (lowered[:i] + lowered[i + 1 :] for i in range(len(lowered)))
    return not any(is_english(w) or is_known(w) for w in dropped)


DRAWN_OUT = re.compile(r"(.)\1\1")
"""A letter said three times ("ummm", "sooo"): a sound, not a name."""
_ONE_WORD = re.compile(rf"(?<![\w'’&-])(?P<name>{CAPITALISED})(?![\w'’&-])")
_LABEL_AFTER = re.compile(r"\s*(?::|[-–—]\s)")
TOOLS = frozenset(
    words(
        """hubspot shopify slack canva excel sheets looker notion salesforce zapier klaviyo
        mailchimp tableau asana jira teams zoom outlook gmail figma wordpress wix squarespace
        etsy amazon ebay stripe whatsapp revops devops salesops martech adtech ga ga4
        analytics datastudio powerbi sheet docs drive chatgpt openai claude monday trello
        airtable calendly typeform gong hotjar semrush ahrefs sfdc pipedrive marketo"""
    )
)
"""Tools a message names ("numbers vs HubSpot"): not a client's business."""

OPENING_WORDS = frozenset(
    words(
        """predict forecast project estimate compare show pull give list rank check review explain
        summarise summarize analyse analyze break chart plot send get email message ping cc ask
        tell text call thank remind
        are is was were did do does how what why when where which who can could should would
        will has have had and or but so if for"""
    )
)
"""Words that open a sentence before a name, never a name's first word."""
_PLACE_BEFORE = re.compile(r"(?i)(?<!\w)(?:our|the|daily|weekly|monthly|total|all|in|at)\s$")


_RUN = re.compile(
    rf"(?<![\w'’&-])(?P<name>{CAPITALISED}(?: &)?(?: {CAPITALISED}){{1,3}})(?![\w&-])"
    r"(?P<after>['’]s?)?"
)
_SIGNED_OFF = re.compile(
    r"(?im)^\s*(?:thanks|thank you|many thanks|cheers|regards|best|kind regards|best wishes"
    r"|sincerely|thanks so much|grazie|merci|danke|gracias|obrigad[oa]|diolch|distinti saluti"
    r"|cordiali saluti|saludos|mit freundlichen|cordialement)\b[^\n]{0,20}\n(?:[^\n]*\n){0,2}"
    r"[^\n]*$"
)
"""The lines after a sign-off: who wrote, and where they work."""
_COMPASS = frozenset({"North", "South", "East", "West", "Midlands", "Central"})
"""A region named by the compass ("North West", "East Midlands"): a business's region."""
_ADDRESSED = re.compile(
    r"(?i)\b(?:ask|tell|email|cc|ping|message|text|call|thank|remind|dear|hi|hey)\s+$"
)
_HAILS = frozenset(
    words(
        """hi hey hello dear dr mr mrs ms mx prof sir madam thanks cheers regards guten morgen
        buongiorno bonjour hola hallo hoi ciao namaste"""
    )
)
_CAMPAIGN_NEXT = re.compile(r"\s+(?i:campaign|ad ?set|ad group|ad)\b")


def invented_runs(raw: str) -> list[tuple[FilterField, str]]:
    """A client's name of two or three capitalised words, one of them no word of any
    dictionary ("Oakline Furniture", "Kessler & Doyle", "Tidewave Festival"), anywhere in a
    message about ads: its words say which business, whatever stands around them ("Should
    Greenleaf Solar keep LinkedIn going", "the Kessler & Doyle QBR"). A campaign's own name
    ("the Tidewave Early Bird campaign") is read beside its noun instead."""
    if not _RUN.search(raw):
        return []
    names = []
    for m in _RUN.finditer(raw):
        words = m["name"].split()
        if words[0].lower() in OPENING_WORDS:
            words = words[1:]  # "Should Greenleaf Solar keep …"
        while words and (is_stop(words[-1]) or is_holiday(words[-1])):
            words = words[:-1]  # "Brightpath Tutors September enrolments"
        if words[:1] == ["&"] or words[-1:] == ["&"]:
            continue
        bare = [w for w in words if w != "&"]
        region = len(bare) == 2 and all(w in _COMPASS for w in bare)  # "the North West"
        if len(bare) < 2 or not (region or any(invented_word(w) for w in bare)):
            continue  # "Black Friday", "Google Ads", "Head of Growth", "New York"
        if any(is_stop(w) or is_holiday(w) or is_typo(w) or w.lower() in _HAILS for w in bare):
            continue  # "Hi Priya", "Dr Patel"
        if is_person(bare[0]):
            continue  # "Maria Alvarez": someone's full name
        line_start = raw.rfind("\n", 0, m.start()) + 1
        if raw.startswith((">", "From:"), line_start) or _SIGNED_OFF.search(raw, 0, m.start()):
            continue  # a quoted email's sender, a signature's company
        if _CAMPAIGN_NEXT.match(raw, m.end()):
            continue
        if _ADDRESSED.search(raw, 0, m.start()):
            continue  # "ask Tunde Bakare for …", "email Olusegun Adeyemi": a person
        if about_ads(raw):
            names.append((FilterField.ACCOUNT, " ".join(words)))
    return names


def invented_word(word: str) -> bool:
    """A word of four letters or more no dictionary, list of ours, person or tool holds."""
    lowered = word.lower()
    return (
        len(word) >= 4
        and not is_known(lowered)
        and not is_english(lowered)
        and not is_person(word)
        and lowered not in TOOLS
        and lowered not in FILLER
    )


def invented_names(raw: str) -> list[tuple[FilterField, str]]:
    """A client's one-word brand, when it is no word of ours, no person's, no tool's and no
    misspelling, and stands alone (no capitalised word beside it) where a message names whose
    figures it asks for: labelling the message ("Loudhaus: why is …", "Wanderbay - booking
    revenue by market", "… spend and orders, Barkfield"), or before its figures ("Why are
    Barkfield subs down", "Homeplot valuation reqs")."""
    names = []
    asks_about_ads: bool | None = None
    for m in _ONE_WORD.finditer(raw):
        word = m["name"]
        lowered = folded(word.lower())  # "Cuántas", "Pourquoi": words of a phrase we read
        if len(word) < 4 or is_known(lowered) or lowered in TOOLS or lowered in QUALIFIERS:
            continue
        if lowered in FILLER or is_english(lowered):
            continue  # "Hiya - what did we spend", "Agenda:", "Zero clicks Sunday"
        before, after = raw[: m.start()], raw[m.end() :]
        if asks_about_ads is None:
            asks_about_ads = about_ads(raw)
        if _SIGNED.search(before):
            continue  # "Thanks, Priya": who wrote it
        figures = opens_with_a_metric(after[1:60])
        figures_next = opens_with_a_metric(after[1:60], platform_first=False)
        opener = _OPENER.fullmatch(before)
        # "Daily Austin orders", "Should Homeplot move …", "Viewings Didsbury vs …": a first
        # word of ours, then the name ("The Lakeside office manager" is a piece of one)
        first_word = (
            opener is not None
            and is_known(opener[1].lower())
            and (figures or opener[1].lower() in OPENING_WORDS or opens_with_a_metric(opener[1]))
        )
        if (_CAPITAL_BESIDE.search(before) and not first_word) or (
            _CAPITAL_NEXT.match(after) and not figures
        ):
            continue  # a piece of a longer name ("the Riverside Condos campaign")
        # "Loudhaus: why is …", "Gatineau, cost per quote": a name labelling the message
        first = not before.strip()
        comma = first and after.startswith(", ") and opens_with_a_metric(after[2:60])
        label = (
            (first and _LABEL_AFTER.match(after))
            or comma
            or (_LABEL_BEFORE.search(before) and _LABEL_END.match(after))
        )
        # inside a sentence about ads ("capital of Australia" asks nothing of ours), not a
        # region's many ("the Midwest stores"), not a German noun
        # a sentence's subject ("Brightbox want to push …", "Should Emberly lean …"): a word
        # no dictionary holds needs no lower-case word before it to be a name
        opening = bool(first_word) or (
            _SENTENCE_START.search(before) is not None and _SUBJECT_VERB.match(after) is not None
        )
        inside = (
            (_MID_SENTENCE.search(before) is not None or opening)
            and not before.endswith(" in ")  # "normal for fashion in Germany": a setting
            and not _MANY.match(after)
            and not _GERMAN.search(raw)
            and asks_about_ads
        )
        # "Why are Barkfield subs down", "the Eastgate numbers from last week"
        before_figures = after[:1] == " " and (
            opens_with_a_metric(after[1:60]) or _FIGURES_NEXT.match(after) is not None
        )
        if not (label or inside or before_figures):
            continue
        if not (label or inside) and not figures_next and not looks_coined(word):
            continue  # "Tmrw Meta spend": a short form before a platform's figures, no name
        # "our Denver CPA", "daily Austin orders": a given name set before its figures is a
        # place; people have no CPA
        placed = _PLACE_BEFORE.search(before) and figures
        if is_stop(word) or is_holiday(word) or is_typo(word) or (is_person(word) and not placed):
            continue
        if lowered not in KINDS:
            names.append((FilterField.ACCOUNT, word))
    return names


_FIGURES_NEXT = re.compile(r" (?:numbers|figures|results|stats|performance)\b")
_SIGNED = re.compile(
    r"(?i)\b(?:thanks|thank you|cheers|regards|best|thx|ta|wishes|love|from|hi|hey|hello|dear"
    r"|diolch|merci|gracias|danke|obrigad[oa]|grazie)"
    r"(?: so much| again| a lot| heaps| all| both| in advance)?\W*$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)\s*$")
_SUBJECT_VERB = re.compile(
    r"\s(?:are|is|was|were|has|have|had|keeps|kept|spent|spends|got|gets|did|does|will|would"
    r"|should|could|can|might|launched|ran|seems|looks|looked|want to|are asking|asked what)\b"
)
"""The verb after a sentence's subject ("Voltline has 25k left", "Brightbox want to push …");
not the verbs a person's name takes alone ("Olusegun wants …", "Tunde said …")."""
_MID_SENTENCE = re.compile(r"[a-z0-9,'’]\s$")
"""After a lower-case word or a comma: inside a sentence, where a capital marks a name."""
_MANY = re.compile(rf"\s(?i:{MANY_PREMISES.pattern})\b")
_GERMAN = re.compile(r"(?i)\b(?:bitte|eine|kurze|mir|und|der|die|das|frage|wie|ist)\b")
_CAPITAL_BESIDE = re.compile(r"[A-Z][\w&'’.-]*\s$")
_CAPITAL_NEXT = re.compile(r"\s[A-Z&]")
_OPENER = re.compile(r"\s*([A-Z][a-z]+)\s")
"""A message's first word, capitalised as any first word is ("Daily Austin orders")."""
_LABEL_BEFORE = re.compile(r"(?:,|\s[-–—])\s$")
_LABEL_END = re.compile(r"\s*(?:[.!?]*\s*$|,\s*(?:(?:in|for)\s)?[A-Za-z]+\s*[.!?]*\s*$)")
"""A name closing the message, alone or before a month ("…? Ledgerly, January")."""
