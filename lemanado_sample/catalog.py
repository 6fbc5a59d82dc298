"""The demo tenants, their ad accounts and campaigns: fixed data, stable ids."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from lemanado_sample.economics import Economics, Kind, economics_for
from libs.common.vocab import Platform

DATA_START = date(2025, 1, 1)
"""The first day any account has data."""


@dataclass(frozen=True, slots=True)
class Campaign:
    """One campaign; it delivers from `start` to `end` (inclusive, None = still running)."""

    campaign_id: str
    account_id: str
    name: str
    kind: Kind
    economics: Economics
    b2b: bool
    start: date = DATA_START
    end: date | None = None

    @property
    def status(self) -> str:
        """`paused` once the campaign was switched off for good, else `active`."""
        return "paused" if self.end is not None else "active"


@dataclass(frozen=True, slots=True)
class Account:
    """One ad account on one platform, owned by one tenant."""

    account_id: str
    tenant_id: str
    platform: Platform
    name: str
    currency: str
    timezone: str
    campaigns: tuple[Campaign, ...]


@dataclass(frozen=True, slots=True)
class Tenant:
    """A Lemanado customer (here: an agency's client) with its accounts."""

    tenant_id: str
    name: str
    b2b: bool
    currency: str
    timezone: str
    accounts: tuple[Account, ...]

    @property
    def platforms(self) -> list[Platform]:
        """The platforms this tenant advertises on, in a stable order."""
        return sorted({a.platform for a in self.accounts})


# (name, kind, start, end): a template campaign; start/end None = the whole data range.
_Template = tuple[str, Kind, date | None, date | None]

_K = Kind
_SHOP: dict[Platform, list[_Template]] = {
    Platform.GOOGLE_ADS: [
        ("Brand Search - Exact", _K.BRAND_SEARCH, None, None),
        ("Non-Brand Search - Rain Jackets", _K.SEARCH, None, None),
        ("Shopping - All Products", _K.SHOPPING, None, None),
        ("Performance Max - Bestsellers", _K.PMAX, None, None),
        ("Display Retargeting - Cart Abandoners", _K.DISPLAY_RETARGETING, None, None),
        ("Non-Brand Search - Hiking Boots", _K.SEARCH, None, None),
        ("YouTube Awareness - Trail Stories", _K.VIDEO, None, None),
        ("Shopping - Sale Items", _K.SHOPPING, None, None),
        ("Brand Search - Broad", _K.BRAND_SEARCH, None, None),
        ("Non-Brand Search - Backpacks", _K.SEARCH, None, None),
        ("Summer Sale 2025 - Search", _K.SEARCH, date(2025, 6, 1), date(2025, 8, 31)),
        ("Performance Max - New Arrivals", _K.PMAX, date(2025, 3, 1), None),
        ("Competitor Search", _K.SEARCH, None, date(2026, 2, 28)),
        ("Demand Gen - Lookalikes", _K.SOCIAL_PROSPECTING, date(2025, 9, 1), None),
    ],
    Platform.META_ADS: [
        ("Prospecting - Broad Interests", _K.SOCIAL_PROSPECTING, None, None),
        ("Retargeting - Website Visitors 30d", _K.SOCIAL_RETARGETING, None, None),
        ("Advantage+ Shopping", _K.SOCIAL_PROSPECTING, None, None),
        ("Prospecting - Lookalike 1% Purchasers", _K.SOCIAL_PROSPECTING, None, None),
        ("Retargeting - Dynamic Product Ads", _K.SOCIAL_RETARGETING, None, None),
        ("Reels Awareness - Brand Video", _K.VIDEO, None, None),
        ("Prospecting - Outdoor Enthusiasts", _K.SOCIAL_PROSPECTING, None, None),
        (
            "Summer Sale 2025 - Prospecting",
            _K.SOCIAL_PROSPECTING,
            date(2025, 6, 1),
            date(2025, 8, 31),
        ),
        ("Retargeting - Engaged Instagram Users", _K.SOCIAL_RETARGETING, None, None),
        ("Catalog Sales - Winter Collection", _K.SOCIAL_PROSPECTING, date(2025, 10, 1), None),
    ],
    Platform.MICROSOFT_ADS: [
        ("Brand Search - Exact", _K.BRAND_SEARCH, None, None),
        ("Non-Brand Search - Rain Jackets", _K.SEARCH, None, None),
        ("Shopping - All Products", _K.SHOPPING, None, None),
        ("Audience Ads - Retargeting", _K.DISPLAY_RETARGETING, None, None),
        ("Non-Brand Search - Hiking Boots", _K.SEARCH, None, None),
        ("Performance Max - Bestsellers", _K.PMAX, None, None),
    ],
    Platform.TIKTOK_ADS: [
        ("Spark Ads - Creator Hauls", _K.TIKTOK_PROSPECTING, None, None),
        ("In-Feed Prospecting - Gen Z", _K.TIKTOK_PROSPECTING, None, None),
        ("Retargeting - Video Viewers", _K.SOCIAL_RETARGETING, None, None),
        ("TopView Awareness - Brand Launch", _K.VIDEO, None, None),
        ("Smart+ Catalog Ads", _K.TIKTOK_PROSPECTING, date(2025, 4, 1), None),
        ("In-Feed Prospecting - Hiking", _K.TIKTOK_PROSPECTING, None, None),
        ("Holiday Gifting 2025", _K.TIKTOK_PROSPECTING, date(2025, 11, 1), date(2025, 12, 31)),
    ],
}

_B2B: dict[Platform, list[_Template]] = {
    Platform.GOOGLE_ADS: [
        ("Brand Search - Helio", _K.BRAND_SEARCH, None, None),
        ("Non-Brand Search - Product Analytics", _K.SEARCH, None, None),
        ("Non-Brand Search - Customer Journey Analytics", _K.SEARCH, None, None),
        ("Competitor Search - Alternatives", _K.SEARCH, None, None),
        ("Display Retargeting - Pricing Page Visitors", _K.DISPLAY_RETARGETING, None, None),
        ("Performance Max - Free Trial", _K.PMAX, None, None),
        ("Non-Brand Search - Dashboard Software", _K.SEARCH, None, None),
        ("YouTube - Product Demo", _K.VIDEO, None, None),
        ("Non-Brand Search - Data Warehouse Analytics", _K.SEARCH, date(2025, 5, 1), None),
        ("Webinar Promotion Q1 2025", _K.SEARCH, None, date(2025, 3, 31)),
        ("Display Prospecting - Tech Audiences", _K.DISPLAY_RETARGETING, None, None),
        ("Brand Search - Product Names", _K.BRAND_SEARCH, None, None),
    ],
    Platform.LINKEDIN_ADS: [
        ("Lead Gen - Demo Request (Heads of Data)", _K.LEAD_GEN, None, None),
        ("Lead Gen - Analytics Maturity Report", _K.LEAD_GEN, None, None),
        ("Thought Leadership - CEO Posts", _K.THOUGHT_LEADERSHIP, None, None),
        ("Retargeting - Website Visitors", _K.LEAD_GEN, None, None),
        ("ABM - Target Accounts Tier 1", _K.LEAD_GEN, None, None),
        ("Conversation Ads - Free Trial", _K.LEAD_GEN, None, None),
        ("Thought Leadership - Customer Stories", _K.THOUGHT_LEADERSHIP, None, None),
        ("Event Promotion - Data Summit 2025", _K.LEAD_GEN, date(2025, 8, 1), date(2025, 10, 15)),
        ("Lead Gen - Pricing Guide", _K.LEAD_GEN, date(2025, 6, 1), None),
    ],
    Platform.MICROSOFT_ADS: [
        ("Brand Search - Helio", _K.BRAND_SEARCH, None, None),
        ("Non-Brand Search - Product Analytics", _K.SEARCH, None, None),
        ("LinkedIn Profile Targeting - IT Decision Makers", _K.SEARCH, None, None),
        ("Competitor Search - Alternatives", _K.SEARCH, None, None),
        ("Audience Ads - Retargeting", _K.DISPLAY_RETARGETING, None, None),
    ],
}

# (tenant_id, account_id, platform, market, number of template campaigns)
_ACCOUNTS: list[tuple[str, str, Platform, str, int]] = [
    ("northwind-outfitters", "gads-nwo-1", Platform.GOOGLE_ADS, "US", 14),
    ("northwind-outfitters", "gads-nwo-2", Platform.GOOGLE_ADS, "CA", 8),
    ("northwind-outfitters", "meta-nwo-1", Platform.META_ADS, "US", 10),
    ("northwind-outfitters", "meta-nwo-2", Platform.META_ADS, "CA", 6),
    ("northwind-outfitters", "msads-nwo-1", Platform.MICROSOFT_ADS, "US", 6),
    ("northwind-outfitters", "ttk-nwo-1", Platform.TIKTOK_ADS, "US", 7),
    ("helio-analytics", "gads-hel-1", Platform.GOOGLE_ADS, "DACH", 12),
    ("helio-analytics", "gads-hel-2", Platform.GOOGLE_ADS, "UKI", 6),
    ("helio-analytics", "li-hel-1", Platform.LINKEDIN_ADS, "DACH", 9),
    ("helio-analytics", "li-hel-2", Platform.LINKEDIN_ADS, "Nordics", 5),
    ("helio-analytics", "msads-hel-1", Platform.MICROSOFT_ADS, "DACH", 5),
]

# tenant_id -> (display name, b2b, currency, time zone)
_TENANTS: dict[str, tuple[str, bool, str, str]] = {
    "northwind-outfitters": ("Northwind Outfitters", False, "USD", "America/New_York"),
    "helio-analytics": ("Helio Analytics", True, "EUR", "Europe/Berlin"),
}

_PLATFORM_LABEL = {
    Platform.GOOGLE_ADS: "Google Ads",
    Platform.META_ADS: "Meta Ads",
    Platform.TIKTOK_ADS: "TikTok Ads",
    Platform.LINKEDIN_ADS: "LinkedIn Ads",
    Platform.MICROSOFT_ADS: "Microsoft Ads",
}


def _account(tenant_id: str, account_id: str, platform: Platform, market: str, n: int) -> Account:
    display, b2b, currency, timezone = _TENANTS[tenant_id]
    templates = (_B2B if b2b else _SHOP)[platform][:n]
    campaigns = tuple(
        Campaign(
            campaign_id=f"cmp-{account_id}-{i:02d}",
            account_id=account_id,
            name=f"{market} | {name}",
            kind=kind,
            economics=economics_for(kind, b2b=b2b),
            b2b=b2b,
            start=start or DATA_START,
            end=end,
        )
        for i, (name, kind, start, end) in enumerate(templates, start=1)
    )
    name = f"{display} {market} - {_PLATFORM_LABEL[platform]}"
    return Account(account_id, tenant_id, platform, name, currency, timezone, campaigns)


@cache
def tenants() -> tuple[Tenant, ...]:
    """Every demo tenant, built once (the catalog is immutable)."""
    built: list[Tenant] = []
    for tenant_id, (display, b2b, currency, timezone) in _TENANTS.items():
        accounts = tuple(_account(*row) for row in _ACCOUNTS if row[0] == tenant_id)
        built.append(Tenant(tenant_id, display, b2b, currency, timezone, accounts))
    return tuple(built)


@cache
def accounts_by_id() -> dict[str, Account]:
    """Every account of every tenant, by account id."""
    return {a.account_id: a for t in tenants() for a in t.accounts}


@cache
def campaigns_by_id() -> dict[str, Campaign]:
    """Every campaign of every account, by campaign id."""
    return {c.campaign_id: c for a in accounts_by_id().values() for c in a.campaigns}


def tenant(tenant_id: str) -> Tenant:
    """The tenant with this id (KeyError if none)."""
    return {t.tenant_id: t for t in tenants()}[tenant_id]
