"""What a business counts as the result of its ads: every such outcome is a conversion, what
one costs is CPA, and what outcomes bring in is conversion value.

A clinic counts appointments, a law firm signed cases, a dealership test drives, a university
applications: one table of these nouns, and the phrases each of them forms ("cost per
enquiry", "enquiry numbers", "call volume", "booking revenue", "test drives booked"), so a
new business's word is one line here, not a dozen scattered phrases.
"""

from __future__ import annotations

import re

from libs.common.vocab import Metric

OUTCOMES: tuple[tuple[str, str], ...] = (
    ("lead", "leads"),
    ("purchase", "purchases"),
    ("signup", "signups"),
    ("sign up", "sign ups"),
    ("registration", "registrations"),
    ("install", "installs"),
    ("order", "orders"),
    ("acquisition", "acquisitions"),
    ("demo", "demos"),
    ("demo request", "demo requests"),
    ("trial ride", "trial rides"),
    ("test ride", "test rides"),
    ("demo booking", "demo bookings"),
    ("donation", "donations"),
    ("donor", "donors"),
    ("regular giver", "regular givers"),
    ("intro offer", "intro offers"),
    ("qualified lead", "qualified leads"),
    ("ride", "rides"),
    ("room booking", "room bookings"),
    ("room night", "room nights"),
    ("gift", "gifts"),
    ("appointment", "appointments"),
    ("appointment request", "appointment requests"),
    ("new patient", "new patients"),
    ("new patient appointment", "new patient appointments"),
    ("patient", "patients"),
    ("consult", "consults"),
    ("consultation", "consultations"),
    ("subscriber", "subscribers"),
    ("subscription", "subscriptions"),
    ("new subscriber", "new subscribers"),
    ("mql", "mqls"),
    ("sql", "sqls"),
    ("booking", "bookings"),
    ("reservation", "reservations"),
    ("trial", "trials"),
    ("hearing test", "hearing tests"),
    ("eye test", "eye tests"),
    ("sight test", "sight tests"),
    ("trial signup", "trial signups"),
    ("trial sign up", "trial sign ups"),
    ("enquiry", "enquiries"),
    ("inquiry", "inquiries"),
    ("application", "applications"),
    ("applicant", "applicants"),
    ("deposit", "deposits"),
    ("renewal", "renewals"),
    ("port in", "port ins"),
    ("pre order", "pre orders"),
    ("preorder", "preorders"),
    ("first deposit", "first deposits"),
    ("hire", "hires"),
    ("application start", "application starts"),
    ("trial start", "trial starts"),
    ("free trial start", "free trial starts"),
    ("test drive", "test drives"),
    ("test drive booking", "test drive bookings"),
    ("test ride", "test rides"),
    ("test ride booking", "test ride bookings"),
    ("call", "calls"),
    ("phone call", "phone calls"),
    ("signed case", "signed cases"),
    ("form fill", "form fills"),
    ("form submission", "form submissions"),
    ("viewing", "viewings"),
    ("signature", "signatures"),
    ("petition signature", "petition signatures"),
    ("booked job", "booked jobs"),
    ("ticket", "tickets"),
    ("ticket sale", "ticket sales"),
    ("membership", "memberships"),
    ("new member", "new members"),
    ("funded account", "funded accounts"),
    ("trial class", "trial classes"),
    ("trial booking", "trial bookings"),
    ("trial class booking", "trial class bookings"),
    ("trial class signup", "trial class signups"),
    ("membership signup", "membership signups"),
    ("membership sign up", "membership sign ups"),
    ("supplier signup", "supplier signups"),
    ("supplier sign up", "supplier sign ups"),
    ("petition signup", "petition signups"),
    ("petition sign up", "petition sign ups"),
    ("buyer lead", "buyer leads"),
    ("enrolment", "enrolments"),
    ("enrollment", "enrollments"),
    ("webinar registration", "webinar registrations"),
    ("open day registration", "open day registrations"),
    ("open day signup", "open day signups"),
    ("open day sign up", "open day sign ups"),
    ("early bird pass", "early bird passes"),
    ("free trial", "free trials"),
    ("quote request", "quote requests"),
    ("quote", "quotes"),
    ("quote start", "quote starts"),
    ("site survey", "site surveys"),
    ("survey", "surveys"),
    ("tour", "tours"),
    ("tour booking", "tour bookings"),
    ("boutique appointment", "boutique appointments"),
    ("new patient booking", "new patient bookings"),
    ("consult booking", "consult bookings"),
    ("first order", "first orders"),
    ("account opening", "account openings"),
    ("mortgage application", "mortgage applications"),
    ("lift ticket", "lift tickets"),
    ("lift ticket sale", "lift ticket sales"),
    ("lift pass", "lift passes"),
    ("cnc order", "cnc"),  # "click and collect last 48 hrs": the orders collected
    ("lift pass sale", "lift pass sales"),
    ("download", "downloads"),
    ("app download", "app downloads"),
    ("app install", "app installs"),
    ("instal", "instals"),
    ("app instal", "app instals"),
    ("loyalty signup", "loyalty signups"),
    ("loyalty sign up", "loyalty sign ups"),
    ("season pass", "season passes"),
    ("season pass sale", "season pass sales"),
    ("pass sale", "pass sales"),
    ("consult request", "consult requests"),
    ("consultation request", "consultation requests"),
    ("meeting", "meetings booked"),
    ("booked meeting", "booked meetings"),
    ("lodging booking", "lodging bookings"),
    ("job", "jobs"),
    ("lesson", "lessons"),
    ("driving lesson", "driving lessons"),
    ("trial lesson", "trial lessons"),
    ("class booking", "class bookings"),
    ("free trial class", "free trial classes"),
    ("customer", "customers"),
    ("new customer", "new customers"),
    ("new student", "new students"),
    ("store visit", "store visits"),
    ("lesson booking", "lesson bookings"),
    ("trial lesson booking", "trial lesson bookings"),
    ("vaccination booking", "vaccination bookings"),
    ("vaccine booking", "vaccine bookings"),
    ("booster booking", "booster bookings"),
    ("covid booster booking", "covid booster bookings"),
    ("flu jab booking", "flu jab bookings"),
    ("pass", "passes"),
    ("valuation", "valuations"),
    ("valuation request", "valuation requests"),
    ("valuation booking", "valuation bookings"),
    ("retainer", "retainers"),
    ("signed retainer", "signed retainers"),
    ("case", "cases"),
    ("booked appointment", "booked appointments"),
    ("reg", "regs"),
    ("sub", "subs"),
    ("clean", "cleans"),
    ("booked clean", "booked cleans"),
    ("box", "boxes"),
    ("tee time", "tee times"),
    ("tee time booking", "tee time bookings"),
    ("first box", "first boxes"),
    ("intro offer", "intro offers"),
    ("sample request", "sample requests"),
    ("showroom visit", "showroom visits"),
    ("showroom request", "showroom requests"),  # a hot-tub retailer's visit requests
    ("visit request", "visit requests"),
    ("visit booked", "visits booked"),  # a care home's family visits
    ("visit booking", "visit bookings"),
    ("booked visit", "booked visits"),
    ("regular giver", "regular givers"),
    ("site visit", "site visits"),
    ("seller listing", "seller listings"),
    ("first delivery", "first deliveries"),
    ("referral", "referrals"),
    ("consultation call", "consultation calls"),
    ("eye test", "eye tests"),
    ("eye test booking", "eye test bookings"),
    ("contract", "contracts"),
    ("signed contract", "signed contracts"),
    ("survey request", "survey requests"),
    ("gift voucher", "gift vouchers"),
    ("voucher", "vouchers"),
    ("payer", "payers"),
    ("wash", "washes"),
    ("single wash", "single washes"),
    ("subscription start", "subscription starts"),
    ("brochure request", "brochure requests"),
    ("catalogue request", "catalogue requests"),
    ("catalog request", "catalog requests"),
    ("callback request", "callback requests"),
    ("info request", "info requests"),
    ("information request", "information requests"),
    ("viewing request", "viewing requests"),
    ("tour request", "tour requests"),
    ("booking request", "booking requests"),
    ("swatch request", "swatch requests"),
    ("seat", "seats"),
    ("paid seat", "paid seats"),
    ("night booked", "nights booked"),
    ("room night", "room nights"),
    ("callout", "callouts"),
    ("call out", "call outs"),
    ("scan", "scans"),
    ("free scan", "free scans"),
    ("reactivation", "reactivations"),
    ("aligner start", "aligner starts"),
    ("bundle sold", "bundles sold"),
    ("first lesson", "first lessons"),
    ("survey booking", "survey bookings"),
    ("job enquiry", "job enquiries"),
    ("job inquiry", "job inquiries"),
    ("reorder", "reorders"),
    ("first listing", "first listings"),
    ("listing", "listings"),
    ("iap", "iaps"),
    ("rental", "rentals"),
    ("entry", "entries"),
    ("race entry", "race entries"),
    ("policy", "policies"),
    ("policy sold", "policies sold"),
    ("show round", "show rounds"),
    ("class pack", "class packs"),
    ("installation", "installations"),
    ("upgrade", "upgrades"),
    ("plan upgrade", "plan upgrades"),
    ("pack", "packs"),
    ("in app purchase", "in app purchases"),
    ("wishlist add", "wishlist adds"),
    ("wishlist", "wishlists"),
    ("trial day", "trial days"),
    ("trial kit", "trial kits"),
)
"""(singular, plural) of every outcome noun; the plural alone is always a count of them."""

ALONE: frozenset[str] = frozenset(
    {
        "funded account",
        "account opening",
        "lead",
        "purchase",
        "signup",
        "mql",
        "sql",
        "enquiry",
        "inquiry",
        "application",
        "test drive",
        "signed case",
        "enrolment",
        "enrollment",
        "trial class",
        "free trial class",
        "trial lesson",
        "vaccination booking",
    }
)
"""Singulars that name the outcome on their own ("enquiry numbers", "our lead"); the others
are everyday words alone ("a call", "in order to", "a trial run", "the booking page")."""

QUALIFIERS: tuple[str, ...] = (
    "online", "offline", "in store", "instore", "web", "website", "app", "mobile", "seller",
    "buyer", "new", "repeat", "returning", "first time", "ad free", "paid", "premium", "dealer",
    "free", "presale", "pre sale", "cnc", "group", "annual",
    "contact lens", "course", "direct", "same day", "next day",
)  # fmt: skip
"""Words that say which of a business's outcomes are meant ("online orders", "seller sign-ups",
"ad-free subs", "course sales"): still the same metric, so they explain themselves."""

_CONV, _VAL, _CPA = Metric.CONVERSIONS, Metric.CONVERSION_VALUE, Metric.CPA


def outcome_phrases() -> dict[str, tuple[Metric, ...]]:
    """Every phrase the outcomes form, and the metrics it names."""
    phrases: dict[str, tuple[Metric, ...]] = {}
    for one, many in OUTCOMES:
        phrases[many] = (_CONV,)
        phrases[f"{many} booked"] = (_CONV,)
        phrases[f"booked {many}"] = (_CONV,)
        phrases[f"{many} sold"] = (_CONV,)
        phrases[f"{many} started"] = (_CONV,)
        if one in ALONE:
            phrases[one] = (_CONV,)
        for count in ("volume", "volumes", "numbers", "number", "count", "figures"):
            phrases[f"{one} {count}"] = (_CONV,)
        for how in ("performance", "results", "trend", "forecast", "data", "wins", "uptake"):
            phrases[f"{one} {how}"] = (_CONV,)  # "demo request performance", "booking data"
        phrases[f"{one} revenue"] = phrases[f"{one} value"] = (_VAL,)  # "booking value"
        phrases[f"{one} conv value"] = phrases[f"{one} conversion value"] = (_VAL,)
        for cost in (
            f"cost per {one}",
            f"costs per {one}",
            f"per {one}",
            f"{one} cost",
            f"{one} costs",
        ):
            phrases[cost] = (_CPA,)
        phrases[f"cost {one}"] = (_CPA,)  # "cost/SQL" (the slash is not a token)
        # "the cost for sign-up", "cost for order is 9 pounds": "for" with no article is "per"
        phrases[f"cost for {one}"] = phrases[f"costs for {one}"] = (_CPA,)
        phrases[f"cheaper {many}"] = phrases[f"cheap {many}"] = (_CPA,)
        phrases[f"cheapest {many}"] = (_CPA,)
        for who in ("me", "us", "you"):  # "what's it costing me per customer"
            phrases[f"costing {who} per {one}"] = (_CPA,)
    return phrases


def outcome_plurals() -> str:
    """A regex alternation of every outcome's plural, longest first."""
    return "|".join(sorted((re.escape(many) for _, many in OUTCOMES), key=len, reverse=True))


def qualifier_alternation() -> str:
    """A regex alternation of the qualifiers, longest first."""
    return "|".join(sorted(QUALIFIERS, key=len, reverse=True))


def qualified_outcomes() -> re.Pattern[str]:
    """The qualifier of a qualified outcome or of sales ("online" of "online orders", "course"
    of "course sales"), matched in a normalized text."""
    plurals = outcome_plurals()
    return re.compile(rf" (?:{qualifier_alternation()})(?= (?:{plurals}|sales|revenue) )")
