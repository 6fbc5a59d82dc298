"""Breakdown dimensions (`group_by`) and the ordering of ranking questions.

A plain trend with no grain named gets one from the length of its range: by date up to 31
days, by week up to 180 days, by month beyond.
"""

from __future__ import annotations

import re

from libs.common.plan import DateRange, Ranking
from libs.common.vocab import GroupBy, Metric
from services.router.dates.words import NUM_RE, number
from services.router.entities import first_metric_after
from services.router.platform_phrases import PLATFORM_NAME
from services.router.premises import ACCOUNT_NOUN, MANY_PREMISES

_CAMPAIGN = r"(?:campaigns?|ad ?sets?|ad groups?|routes?|subjects?(?! lines?)|rooms?)"
"""What a business runs as campaigns: a coach firm's routes, a tutor's subjects ("enquiries by
subject"); a "subject line" is an email's."""
_SPLIT = r"(?:by|per|each|for each|split by|broken down by)"
"""The words that split by a dimension named after them and no other ("by course")."""
_OFFERING = (
    r"(?:courses?|programmes?|programs?|shows?(?! rounds?)|productions?|tour dates?"
    r"|exhibitions?|races?|events?|concerts?|gigs?|festivals?|trips?|classes|rivers?"
    r"|(?:retreats?|workshops?|experiences?)(?! (?:bookings?|booked|sign ?ups?|signups?"
    r"|places?|spaces?|tickets?|days?)\b)"
    r"|class(?! (?:packs?|bookings?|booked|sign ?ups?|signups?|passes?|sales?|tickets?"
    r"|places?|spaces?|enrolments?)\b))"
)
"""What a school, a theatre or a promoter advertises one campaign each for ("enrolments by
course", "tickets per show", "top 5 classes by bookings", a tour operator's "bookings by
river", a retreat centre's "bookings by retreat", "bookings by experience"; a nursery's
"cost per show round" is a visit's cost, "cost per class pack" an outcome's): split by it, the
rows are campaigns."""
"""How a business splits its spend in an account (an airline's routes are its campaigns)."""
_WHICH = r"(?:which|what|whose)"
_HIGH = (
    r"highest|most|top|biggest|largest|greatest|max|maximum|strongest|leading|best|most expensive"
)
_LOW = r"lowest|least|bottom|smallest|fewest|min|minimum|weakest|cheapest|worst"
_EACH = (
    r"(?:by|per|each|every|across|for each|for every|split by|cut by|broken down by|break down by"
    r"|broken out by|break out by|split out by|grouped by|group by|separated by|separate by)"
    r"(?: \w+ (?:and|&|x))?"  # "by platform and campaign", "by state x platform"
)
_EACH_ONE = (
    r"(?:by|per|each|every|for each|for every|split by|cut by|broken down by|break down by"
    r"|broken out by|break out by|split out by|grouped by|group by|separated by|separate by)"
    r"(?: \w+ (?:and|&|x))?"  # "by account and platform"
)
_NOT_GRAIN = (
    r"(?! (?:budget|target|cap|goal|limit|report|summary|recap|review|update|digest|tracker"
    r"|overview(?! of)|for (?:the|our) (?!(?:last|past|previous|prior|first|next|year|quarter"
    r"|period|whole|full|rest)\b)"
    r"|log|meeting|call(?! leads?| volumes?)|catch up|catchup|check in|sync|deck|pack|email"
    r"|newsletter|standup"
    r"|sheet|spreadsheet|dashboard|slides|presentation|compliance|with|roundup|wrap|agenda"
    r"|huddle|stand up|team call|status call|checklist|checks|check|numbers post|post|pull|-"
    r"|(?:i|we|she|he|they)(?= )))"
)
"""What a "weekly" or "monthly" names when it is not a grain: the report, meeting or log the
figures go to ("the weekly tracker", "the monthly with the client", "for the monthly I need",
"Weekly pull:", "for the weekly - CTR by platform", "our monthly overview", "monthly for the party
place - april bookings")."""
_DIMENSIONS: tuple[tuple[GroupBy, re.Pattern[str]], ...] = tuple(
    (dim, re.compile(rf" (?:{regex}) "))
    for dim, regex in (
        (
            GroupBy.CAMPAIGN,
            rf"{_EACH} (?:the )?(?:{PLATFORM_NAME} )?{_CAMPAIGN}"
            rf"|{_EACH_ONE} [a-z]+ {_CAMPAIGN}"  # "sign-ups per event campaign"
            rf"|the (?:{NUM_RE}) (?:[a-z]+ )?{_CAMPAIGN} with (?:the )?(?:{_HIGH}|{_LOW})"
            rf"|{_SPLIT} (?:the )?{_OFFERING}"
            rf"|{_WHICH} {_OFFERING}|(?:top|bottom|best|worst)(?: \d+)? {_OFFERING}"
            rf"|{_WHICH} (?:(?:{NUM_RE}) )?(?:of (?:our|my|the) )?(?:[a-z]+ )?{_CAMPAIGN}"
            rf"|{_WHICH} (?:[\w.]+ ){{1,2}}{_CAMPAIGN}"
            rf"|{_EACH} of (?:our|my|the) (?:[\w.]+ ){{0,2}}{_CAMPAIGN}"
            rf"|{_CAMPAIGN} (?:breakdown|level|split|by|with|that|having|where)"
            rf"|{_CAMPAIGN} (?:ranked|sorted|ordered|listed) (?:by|from)|{_CAMPAIGN} in order of"
            r"|campaign by campaign"
            rf"|(?:rank|sort|order|list) (?:the |our |my |all )?{_CAMPAIGN}"
            rf"|(?:ranking|rankings|league table) of (?:the |our |my |all )?{_CAMPAIGN}"
            rf"|all (?:of )?(?:our |my |the )?{_CAMPAIGN}"
            rf"|(?:top|bottom|best|worst|highest|lowest|most|least|cheapest)(?: [\w.]+){{0,2}}"
            rf" {_CAMPAIGN}"
            rf"|(?:{NUM_RE}) (?:best|worst|top|highest|lowest) \w* ?{_CAMPAIGN}",
        ),
        (
            GroupBy.ACCOUNT,
            rf"{_EACH_ONE} (?:the |of (?:our|the|my|their) (?:(?:{NUM_RE}) )?(?:[a-z]+ )?)?"
            # "cost per showroom visit" is a visit's cost, no row per showroom
            rf"(?<!funded ){ACCOUNT_NOUN}(?! visits?\b)"
            # "bookings per airport branch" (not "every other store", "per funded account")
            rf"|(?:by|per|each|for each) (?!other |funded |trade |client )[a-z]+"
            rf" (?!accounts?\b){ACCOUNT_NOUN}"
            rf"|the (?:{NUM_RE}) (?:[a-z]+ )?{ACCOUNT_NOUN} with (?:the )?(?:{_HIGH}|{_LOW})"
            rf"|{_SPLIT} (?:the )?(?:states?|provinces?)"
            rf"|{_WHICH} (?:(?:{NUM_RE}) )?(?:of (?:our|my|the) )?(?:[a-z]+ ){{0,2}}?(?:ad )?"
            rf"{ACCOUNT_NOUN}"
            r"|(?<!funded )accounts? (?:breakdown|level|split|by)"
            r"|(?:by|per|each|for each|split by|broken out by|broken down by|cut by)"
            r" (?:clients?|brands?)(?! (?:search|campaigns?|terms?|keywords?|vs|and non))"
            r"|which (?:\d+ )?(?:clients?|brands)(?! (?:call|meeting|email|asked|wants))"
            r"|(?:top|bottom|best|worst|biggest) (?:\d+ )?(?:clients|brands)"
            rf"|(?:rank|sort|order|list) (?:the |our |my |all )?(?:[a-z]+ )?{ACCOUNT_NOUN}"
            r" (?:by|in order of)"
            # "a list of our studios with spend and bookings": a row each
            rf"|list of (?:the |our |my |all )?(?:[a-z]+ )?{ACCOUNT_NOUN} (?:with|and their)"
            rf"|{ACCOUNT_NOUN} (?:ranked|sorted|ordered) by|{ACCOUNT_NOUN} in order of"
            rf"|(?:ranking|rankings|league table) of (?:the |our |my |all )?{ACCOUNT_NOUN}"
            r"|(?:top|bottom|best|worst|highest|lowest|most|least|cheapest)(?: [\w.]+){0,2}"
            rf" {ACCOUNT_NOUN}",
        ),
        (
            GroupBy.PLATFORM,
            # "across (all) platforms" is where to look, not a split: "by/per platform" is one.
            rf"(?<!across ){_EACH_ONE} (?:each of )?(?:the )?(?:platforms?|channels?|networks?"
            r"|sources?)"
            r"|split (?:\w+ ){0,3}?across (?:all )?(?:the )?(?:platforms|channels|networks)"
            rf"|(?:best|worst|top|highest|lowest|cheapest) (?:(?:{NUM_RE}) )?(?:performing )?"
            r"(?:platforms?|channels?)"
            r"|(?:rank|sort|order|list) (?:the |our |all )?"
            r"(?:platforms|channels)"
            rf"|{_WHICH} (?:platforms?|channels?|networks?)|(?:platform|channel) (?:breakdown|split"
            r"|mix)|platform by platform|channel by channel|(?:each )?separately"
            # "what did Meta and TikTok each charge us": a figure for each
            rf"|{PLATFORM_NAME} (?:and|&) {PLATFORM_NAME} each"
            # "how many enquiries on Meta and TikTok last week, each?"
            rf"|{PLATFORM_NAME} (?:and|&) {PLATFORM_NAME}(?: [a-z0-9]+){{0,4}} each(?= $)"
            # "orders in Meta and in Google yesterday? Separate please", "and how many from google"
            rf"|(?:{PLATFORM_NAME}(?: lines| figures| numbers| rows)?|each) separate"
            r"(?: please| pls)?(?= $| thank| thanks| cheers)"
            r"|(?<!campaign )(?<!campaigns )(?<!account )(?<!accounts )separate (?:please|pls)"
            r"(?= $)"
            rf"|(?:on|in|from) {PLATFORM_NAME}(?: [a-z0-9]+){{0,4}}? and how many (?:on|in|from)"
            rf" {PLATFORM_NAME}",
        ),
        (
            GroupBy.DATE,
            rf"{_WHICH} days? of (?:the )?week|days? of (?:the )?week|"
            rf"daily{_NOT_GRAIN}|per day|by day|day by day|each day|every day|by date|{_WHICH} day|"
            r"(?:best|worst) day|on a daily basis|day to day|daily basis"
            r"|(?:each|every one|all) of the (?:last|past|previous|first|next) (?:\w+ )?days",
        ),
        (
            GroupBy.WEEK,
            rf"weekly{_NOT_GRAIN}|per week|by week|week by week|each week|every week|{_WHICH} week"
            r"|(?:best|worst) week|weekly basis"
            r"|(?:each|every one|all) of the (?:last|past|previous|first|next) (?:\w+ )?weeks",
        ),
        (
            GroupBy.MONTH,
            rf"monthly{_NOT_GRAIN}|per month|by month(?! end)|month by month|each month|every month"
            rf"|{_WHICH} month|(?:best|worst) month|monthly basis"
            r"|(?:each|every one|all) of the (?:last|past|previous|first|next) (?:\w+ )?months",
        ),
    )
)
TIME_GRAINS = frozenset({GroupBy.DATE, GroupBy.WEEK, GroupBy.MONTH})
_PLATFORM_SPLIT = dict(_DIMENSIONS)[GroupBy.PLATFORM]
"""The words that ask for a row per platform ("by platform", "each separately")."""
ALL_PLATFORMS = re.compile(
    r" (?:all|every|each of) (?:the |our |my )?(?:ad )?(?:platforms|channels|networks) "
)
"""Every platform asked for ("total spend across all platforms"): none in particular."""
_ACROSS_PLATFORMS = re.compile(
    rf" across (?:the )?{PLATFORM_NAME}(?: (?:and |& |plus |or )?(?:the )?{PLATFORM_NAME})+ "
)
"""Platforms listed after "across" ("across Google, Meta and TikTok"); "across Meta" alone is
where to look, and splits by nothing."""
_TOTAL = re.compile(
    r" (?:total|totals|combined|overall|altogether|together(?<!put together)|sum|summed|in sum"
    r"|(?:as )?(?:a |one )?single (?:figure|number|total)|as one (?:figure|number)"
    r") "
)
"""A total "across Google and Meta" is one figure over both, not a row per platform."""


_NOT_BY = re.compile(
    r" (?:not|rather than|instead of) (?:(?:split|split out|broken down|broken out|separated|cut)"
    r" (?:by|per)|by|per|split) (?:platform|channel|area|region|campaign|account|location"
    r"|branch|store|shop|clinic|site|city|territory|market|country|day|week|month)s?(?= )"
    r"| (?:as )?(?:a |one )?single (?:figure|number|total)(?= )"
    r"| rolled up(?: into (?:one|a single) (?:figure|number|total))?(?= )"
    r"| (?:(?:does|do|did) ?not|doesnt|dont|no) need (?:it|them|this) (?:split|broken down)(?= )"
    r"| no need (?:to )?split(?: it| them)?(?= )"
    # "on every platform together": one figure over all of them
    r"| (?:every|each|all) (?:the )?(?:platforms?|channels?|networks?) (?:together|combined)(?= )"
    # "on google and facebook put together": one figure over both
    rf"| {PLATFORM_NAME} put together(?= )"
)


def find_group_by(text: str) -> list[GroupBy]:
    """Dimensions the question asks to break down by ("total, not by platform" asks none)."""
    text = _NOT_BY.sub(" ", text)
    across = bool(_ACROSS_PLATFORMS.search(text)) and not _TOTAL.search(text)
    return [
        dim
        for dim, pattern in _DIMENSIONS
        if pattern.search(text) or (across and dim is GroupBy.PLATFORM)
    ]


_AMONG_PREMISES = re.compile(
    r" (?:split|splitting|divide|divided|dividing|reallocate|reallocated|reallocating|allocate"
    r"|allocated|allocating|distribute|distributed|distributing|spread|spreading|moved?|moving"
    r"|shift|shifted|shifting)(?: [a-z0-9]+){0,6}? (?:across|between|among|amongst)"
    rf" (?:the |our |their |all )?(?:(?:{NUM_RE}|[a-z]+) )?(?:{MANY_PREMISES.pattern}) "
)


def among_premises(text: str) -> bool:
    """ "how should we split budget across the clinics?", "should the budget be reallocated
    between showrooms?": money shared out among a business's premises, one at a time."""
    return _AMONG_PREMISES.search(text) is not None


_ONE_EACH = re.compile(
    r" (?:(?:one|a|1) (?:line|row) (?:each|apiece|per (?:client|account))|side by side) "
)
_IN_EACH = re.compile(r" (?:in|for|at|from) each(?: one| of them)? $")
_CLIENTS = re.compile(
    r" (?:all|the|our|my) (?:(?:\d+|two|three|four|five|six) )?(?:clients|accounts) "
)


def one_row_per_account(text: str, accounts: int) -> bool:
    """ "Chorley and Wigan, March, one row each", "all four clients, one line each", "Durham
    and Sunderland … side by side": a row for each of `accounts` named accounts (two or more)
    or of all the clients. Alone, "one line each" or "side by side" names platforms as often as
    accounts, so it splits by nothing. A request ending "in each" after two named accounts ("in
    Kent and Essex …, and cost per request in each") too."""
    if accounts >= 2 and _IN_EACH.search(text):
        return True
    return _ONE_EACH.search(text) is not None and (
        accounts >= 2 or _CLIENTS.search(text) is not None
    )


_SEPARATELY = re.compile(r" (?:each (?:one )?)?separate(?:ly)?(?= )")
_ALL_PREMISES = re.compile(rf" (?:all|each of) (?:the |our |my )?(?:{MANY_PREMISES.pattern}) ")


def split_only_apart(text: str) -> bool:
    """Whether the platform split is read only from "separately": "for each studio separately",
    "each month separately" ask a row per studio or month, "Meta and Google separately" (two
    platforms named, checked by the caller) a row per platform."""
    return _PLATFORM_SPLIT.search(_SEPARATELY.sub(" ", text)) is None


def all_premises(text: str) -> bool:
    """ "for all the studios … each one separate": every premises, a row each."""
    return _ALL_PREMISES.search(text) is not None


def platforms_only_listed(text: str) -> bool:
    """Whether the platform split is read only from "across Google, Meta and LinkedIn": an
    open question names where to look, it asks for no row per platform."""
    return bool(_ACROSS_PLATFORMS.search(text)) and not _PLATFORM_SPLIT.search(text)


def asks_total(text: str) -> bool:
    """ "combined", "total, not by platform": one figure over the platforms named."""
    return bool(_TOTAL.search(text) or _NOT_BY.search(text))


def default_grain(rng: DateRange) -> GroupBy:
    """The time grain for a trend over `rng` when none is named."""
    if rng.days <= 31:
        return GroupBy.DATE
    return GroupBy.WEEK if rng.days <= 180 else GroupBy.MONTH


RANKING_CUE = re.compile(
    rf" (?:{_HIGH}|{_LOW}|rank|ranked|ranking|in order of|leaderboard|outperform\w*"
    r"|underperform\w*"
    r"|best performing|worst performing|top performers?|spent the most|spend the most) "
)
_LIMIT = re.compile(
    rf" (?:top|bottom|best|worst|highest|lowest) (?P<n>{NUM_RE}) "
    rf"| (?P<n2>{NUM_RE}) (?:best|worst|top|highest|lowest|most|least|cheapest|biggest) "
    rf"| (?:which|what) (?P<n3>{NUM_RE}) (?:of (?:my|our|the) )?(?:\w+ )?(?:campaigns|platforms"
    rf"|ad sets|{ACCOUNT_NOUN}) "
    rf"| the (?P<n4>{NUM_RE}) (?:\w+ )?(?:campaigns|platforms|ad sets|routes|{ACCOUNT_NOUN})"
    r"(?= (?:with|by|that|which|where) )"
)
_SINGULAR = re.compile(
    rf" (?:{_WHICH}|(?:the )?(?:{_HIGH}|{_LOW})(?: performing)?|the single) (?:\w+ )?"
    r"(?:campaign|ad ?set|ad group|account|platform|channel|day|week|month) "
    rf"| {_WHICH} (?:one|was|is) "
)
_COST = frozenset({Metric.CPC, Metric.CPA, Metric.CPM})
GROUPING_PATTERNS = (
    *(pattern for _, pattern in _DIMENSIONS),
    _ACROSS_PLATFORMS,
    RANKING_CUE,
    _LIMIT,
    _SINGULAR,
    _NOT_BY,
)
"""What the grouping and ranking readers consume (for `coverage`)."""


def find_ranking(text: str, metrics: list[Metric]) -> Ranking | None:
    """How to order the rows of a ranking question, or None if it is not one."""
    cue = RANKING_CUE.search(text)
    if cue is None:
        return None
    word = cue.group().strip()
    metric = first_metric_after(text, cue.start() + 1) or (metrics[0] if metrics else None)
    if metric is None:
        metric = Metric.CPA if word == "cheapest" else Metric.ROAS
    return Ranking(metric=metric, descending=_descending(word, metric), limit=_limit(text))


def _descending(word: str, metric: Metric) -> bool:
    if word.startswith(("best", "top perform", "outperform", "strongest", "leading")):
        return metric not in _COST  # the best CPA is the lowest one
    if word.startswith(("worst", "underperform", "weakest")):
        return metric in _COST
    return re.fullmatch(_LOW, word) is None


def _limit(text: str) -> int | None:
    m = _LIMIT.search(text)
    if m is not None:
        n = number(m["n"] or m["n2"] or m["n3"] or m["n4"])
        return n if 1 <= n <= 100 else None
    return 1 if _SINGULAR.search(text) else None
