"""The ad platforms a question names: the ones we support, those it leaves out ("all except
TikTok"), the ones we do not support, and a sum of money put on one."""

from __future__ import annotations

import re

from libs.common.vocab import Platform
from services.router.phrase_trie import phrase_pattern
from services.router.platform_phrases import (
    PLATFORM_NAME,
    PLATFORM_PHRASES,
    UNSUPPORTED_PHRASES,
)

PLATFORMS = phrase_pattern(PLATFORM_PHRASES)
UNSUPPORTED = phrase_pattern(UNSUPPORTED_PHRASES)
EXCEPT = re.compile(
    r"(?<= )(?:(?:everything|everywhere|all(?: (?:the )?(?:platforms|channels))?) )?"
    r"(?:except(?: for)?|excluding|but not|other than|apart from|minus|not including"
    r"|not counting|leaving out|without)"
    rf" (?P<names>{PLATFORM_NAME}(?:(?:,| and| or|, and| nor) {PLATFORM_NAME})*)(?= )"
)
"""Platforms left out ("everything except TikTok"): the question is about all the others."""
# "X" is a platform only where the question is clearly about platforms: "on X", "X ads",
# "X (Twitter)", "Google vs X". Matched on the raw text because "x" is also "2.1x" or "times".
_X_PLATFORM = re.compile(
    r"(?:\b(?i:on|from|in|via|and|or|vs\.?|versus|to|with|like|than)\s+X(?![\w.'’]))"
    r"|(?:(?<![\w.])X\s*(?:(?i:ads?|campaigns?|spend)\b|\(|/\s*(?i:twitter)))"
)


_NOT_ADS = re.compile(
    r" (?:google (?:slides|sheets|docs|drive|analytics|search console|maps|calendar|meet)"
    r"|linkedin (?:post|posts|profile|page|article))(?= )"
)
"""Products of an ad platform's owner that are not its ads."""


def find_platforms(text: str) -> list[Platform]:
    """Supported platforms named in `text`, in order of first mention; with some left out
    ("all except TikTok"), every other one."""
    found: dict[Platform, None] = {}
    text = _NOT_ADS.sub(lambda m: " " * len(m.group()), text)
    left_out = {
        PLATFORM_PHRASES[match.group()]
        for ex in EXCEPT.finditer(text)
        for match in PLATFORMS.finditer(f" {ex['names']} ")
    }
    if left_out:
        return [platform for platform in Platform if platform not in left_out]
    for match in PLATFORMS.finditer(text):
        found.setdefault(PLATFORM_PHRASES[match.group()], None)
    return list(found)


_MONEY_ON_A_PLATFORM = re.compile(
    r"(?:[£$€] ?\d[\d,.]*(?: ?k)?(?: (?:a|per) (?:day|week|month|quarter|year))?"
    # "is 4k a month on google too much": a sum by the month is money, symbol or none
    r"|\b\d[\d,.]*(?: ?k)?(?: (?:pounds|dollars|euros|quid|bucks))?"
    r" (?:a|per) (?:day|week|month|quarter|year))"
    r"(?: we (?:put|spend|spent|pour|poured|sink|sank))? (?:on|for|from|into|in|to) (?:the )?"
    rf"{PLATFORM_NAME}\b",
    re.IGNORECASE,
)


_MONEY_MOVED = re.compile(
    r"\b(?:pull|pulled|pulling|move|moved|moving|take|took|taking|shift|shifted|shifting|put"
    r"|putting|extra|another|additional|more|reallocate|reallocating|add|adding|boost|boosting"
    r"|invest|investing|try|trying|throw|throwing)\b[\w\s]{0,12}$",
    re.IGNORECASE,
)
"""A sum about to be moved or added ("pull $2k from TikTok", "an extra £2k into TikTok"): a
plan, no figure of what was spent."""


def money_on_a_platform(raw: str) -> bool:
    """Whether raw text puts a sum of money on a platform ("is £2.1k on TikTok in April
    reasonable?", "the £4,000 a month we put into Microsoft Ads"): what was spent there."""
    return any(
        not _MONEY_MOVED.search(raw, max(0, m.start() - 30), m.start())
        for m in _MONEY_ON_A_PLATFORM.finditer(raw)
    )


def find_unsupported(text: str, raw: str) -> list[str]:
    """Lower-case names of platforms we do not support, in order of first mention."""
    found: dict[str, None] = {}  # "X (Twitter)" is one platform: reported as "twitter"
    for match in UNSUPPORTED.finditer(text):
        found.setdefault(UNSUPPORTED_PHRASES[match.group()], None)
    if _X_PLATFORM.search(raw) and "twitter" not in found:
        found.setdefault("x", None)
    return list(found)
