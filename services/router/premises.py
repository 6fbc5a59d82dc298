"""What a business calls its accounts: one list, read by grouping, names, filters and coverage.

A franchise's locations, stores or branches, a hotel group's properties, a fitness chain's
studios, a tradesman's service areas, a clinic group's practices, a retailer's boutiques, a
region, a travel site's markets, a dealer group's showrooms, a brewery's taprooms, a chain's
cinemas, a car-rental firm's airports, a driving school's towns, a nursery group's nurseries, a
boat-hire firm's harbours: each has its own ad account.
"""

from __future__ import annotations

import re

from services.router.lexicon import ACCOUNTS_FOR

PREMISES: tuple[tuple[str, str], ...] = (
    ("location", "locations"), ("store", "stores"), ("branch", "branches"),
    ("property", "properties"), ("studio", "studios"), ("service area", "service areas"),
    ("practice", "practices"), ("region", "regions"), ("boutique", "boutiques"),
    ("area", "areas"), ("resort", "resorts"), ("city", "cities"), ("market", "markets"),
    ("showroom", "showrooms"), ("dealership", "dealerships"), ("clinic", "clinics"),
    ("office", "offices"), ("hotel", "hotels"), ("restaurant", "restaurants"),
    ("venue", "venues"), ("campus", "campuses"), ("gym", "gyms"), ("territory", "territories"),
    ("country", "countries"), ("destination", "destinations"), ("taproom", "taprooms"),
    ("salon", "salons"), ("shop", "shops"), ("brewery", "breweries"),
    ("centre", "centres"), ("center", "centers"), ("pharmacy", "pharmacies"),
    ("hospital", "hospitals"), ("building", "buildings"), ("county", "counties"),
    ("franchisee", "franchisees"), ("cinema", "cinemas"), ("multiplex", "multiplexes"),
    ("airport", "airports"), ("town", "towns"), ("depot", "depots"), ("forecourt", "forecourts"),
    ("nursery", "nurseries"), ("marina", "marinas"), ("cafe", "cafes"),
    ("garage", "garages"), ("outlet", "outlets"), ("harbour", "harbours"), ("harbor", "harbors"),
)  # fmt: skip
"""Each premise noun, singular and plural."""
_SITE_PARK_OR_CLUB = ("site", "sites", "park", "parks", "club", "clubs", "home", "homes")
"""Premises whose word also starts another phrase ("site visits", "park and ride", "club
sign-ups", "home surveys")."""

PREMISE_WORDS = frozenset(
    form for pair in PREMISES for form in pair if " " not in form
) | frozenset(_SITE_PARK_OR_CLUB)
"""Every one-word premise noun: a lookup may name them without leaving words unexplained."""


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(form) for form in sorted(forms, key=lambda f: (-len(f), f)))


ACCOUNT_NOUN = (
    rf"(?:(?!{ACCOUNTS_FOR})accounts?(?! openings?)"
    rf"|{_alternation([form for pair in PREMISES for form in pair])}"
    r"|sites?(?! (?:surveys?|visits?))|parks?(?! (?:and|&) ride)"
    r"|clubs?(?! (?:sign ?ups?|signups?|memberships?|members?|joins?|joiners?)\b)"
    r"|homes?(?! (?:surveys?|pages?|screens?|visits?|insurance|improvements?|services?|owners?"
    r"|buyers?|movers?|deliver(?:y|ies)|energy|heating|cleaning|care)\b))"
)
"""Any premise noun, as a regex: "by store", "which branches", "the 3 clinics with the most"."""
MANY_PREMISES = re.compile(
    rf"{_alternation([plural for _, plural in PREMISES] + ['accounts', 'sites', 'parks', 'clubs'])}"
)
"""Premises in the plural: after one name a region's many ("the Midwest stores"), no one
account."""
