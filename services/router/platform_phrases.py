"""Every way people name an ad platform: the five we connect to, and those we do not.

Phrases are lower-case and written as they appear after tokenizing (hyphens become spaces);
matching code lives in `entities.py`. PLATFORM_ALT is the phrases as one regex alternation and
PLATFORM_NAME the same as one group, for the modules that build patterns around a platform's
name.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from libs.common.vocab import Platform

_G, _M, _T, _L, _MS = (
    Platform.GOOGLE_ADS,
    Platform.META_ADS,
    Platform.TIKTOK_ADS,
    Platform.LINKEDIN_ADS,
    Platform.MICROSOFT_ADS,
)

PLATFORM_PHRASES: MappingProxyType[str, Platform] = MappingProxyType(
    {
        "google": _G,
        "google ads": _G,
        "googleads": _G,
        "gads": _G,
        "adwords": _G,
        "google adwords": _G,
        "search campaigns": _G,
        "search campaign": _G,
        "search ads": _G,
        "youtube": _G,
        "you tube": _G,
        "pmax": _G,
        "uac": _G,
        "performance max": _G,
        "google shopping": _G,
        "meta": _M,
        "meta ads": _M,
        "facebook": _M,
        "facebook ads": _M,
        "face book": _M,
        "fb": _M,
        "instagram": _M,
        "insta": _M,
        "ig": _M,
        "tiktok": _T,
        "tik tok": _T,
        "tick tock": _T,
        "ticktock": _T,
        "goggle ads": _G,
        # "ads" heard or typed as "adds" (dictation, phones)
        "google adds": _G,
        "google add": _G,
        "meta adds": _M,
        "facebook adds": _M,
        "tiktok adds": _T,
        "metal ads": _M,
        "tick tok": _T,
        "tic tok": _T,
        "tic toc": _T,
        "tiktok ads": _T,
        "tt": _T,
        "linkedin": _L,
        "linked in": _L,
        "linkedin ads": _L,
        "li": _L,
        "bing": _MS,
        "bing ads": _MS,
        "microsoft": _MS,
        "microsoft ads": _MS,
        "microsoft advertising": _MS,
        "msft": _MS,
        "goog": _G,
        "g ads": _G,
        "ggl": _G,
        "ms advertising": _MS,
        "ms ads": _MS,
    }
)
"""Phrase -> platform; the longest phrase wins where several overlap."""

UNSUPPORTED_PHRASES: MappingProxyType[str, str] = MappingProxyType(
    {
        "pinterest": "pinterest",
        "snapchat": "snapchat",
        "snap": "snapchat",
        "snap ads": "snapchat",
        "reddit": "reddit",
        "twitter": "twitter",
        "amazon": "amazon",
        "amazon ads": "amazon",
        "quora": "quora",
        "taboola": "taboola",
        "outbrain": "outbrain",
        "criteo": "criteo",
        "apple search ads": "apple",
        "spotify": "spotify",
        "yahoo": "yahoo",
        "applovin": "applovin",
        "app lovin": "applovin",
        "yelp": "yelp",
        "yelp ads": "yelp",
        "nextdoor": "nextdoor",
        "nextdoor ads": "nextdoor",
    }
)
"""Phrase -> the lower-case name we report in `unsupported`. 'X' is handled in context."""
PLATFORM_ALT = "|".join(sorted((re.escape(p) for p in PLATFORM_PHRASES), key=len, reverse=True))
"""A regex alternation of the supported platforms' phrases, longest first."""
PLATFORM_NAME = f"(?:{PLATFORM_ALT})"
"""The same as one group, ready to stand in a larger pattern."""
