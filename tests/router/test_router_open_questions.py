"""A plan is direct only when it explains the whole question: open questions reach analysis,
and filler never pushes a plain lookup there. Checked on agency staff's own phrasings."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from router_support import SUNDAY, assert_lookup, load_questions, mismatches

from libs.common.vocab import GroupBy, Intent, Route, Tier
from services.router import build_plan

# The first and third held-out sets joined the tuning part once measured blind.
TUNING = [
    *load_questions("agency_tune.jsonl"),
    *load_questions("agency_holdout.jsonl"),
    *load_questions("agency_holdout3.jsonl"),  # measured blind once, tuned on since
    *load_questions("agency_holdout4.jsonl"),  # likewise (its tiers are not labelled)
    *load_questions("agency_holdout5.jsonl"),  # likewise
    *load_questions("agency_holdout6.jsonl"),  # likewise
    *load_questions("agency_holdout7.jsonl"),  # likewise
    *load_questions("agency_holdout9.jsonl"),  # likewise (set 8 stays held out)
]
ENTITIES = (
    "platforms",
    "metrics",
    "date_range",
    "compare_to",
    "group_by",
    "filters",
    "unsupported",
)


@pytest.mark.parametrize(
    "question",
    [
        "draft a note to the client about yesterday",
        "three bullets for Monday's stand-up",
        "are we overspending on TikTok?",
        "your take on LinkedIn this month",
        "what's working and what isn't on Meta?",
        "is Google getting better or worse?",
        "anything strange with our campaigns?",
        "do weekends convert differently?",
        "if we moved budget from Google to Meta what would change?",
        "are we past the point where more Meta spend helps?",
        "is the TikTok audience tired of our ads?",
        "trend in meta cpa daily for the last 7 days - is it stabilising?",
        "are we spending too much on meta?",
        "Is our bing CPC creeping up over the past fortnight?",
        "where is the money going to waste on meta?",
        "i have a bad feeling about bing this month, am i right to be nervous?",
        # lookups in form, readings in what they ask
        "Meta vs TikTok installs last week - which one's actually performing better?",
        "november enquiries by week - is the trend up or down?",
        "How are we trending on cost per enquiry since the new creative went live on Nov 4?",
        'Why are we getting so few viewings from the "Penthouse Collection" campaign this month?',
        "Tell me something funny about marketing",
        "How did booked jobs trend across 2026, and what does that tell us?",
        "How has cost per ticket on Meta been moving since the new year?",
        "how has google cpc evolved over the last quarter",
    ],
)
def test_open_questions_go_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


def test_an_open_question_says_which_words_made_it_one() -> None:
    reason = build_plan("do our conversions lag spend on Meta?", today=SUNDAY).route_reason
    assert reason.rule == "route:open"
    assert reason.unexplained == ["lag"]


def test_plural_days_ask_for_a_pattern_not_a_period() -> None:
    plan = build_plan("do weekends convert differently on Meta?", today=SUNDAY)
    assert (plan.route, plan.intent) == (Route.ANALYSIS, Intent.TREND)
    assert {"weekends", "differently"} <= set(plan.route_reason.unexplained)


def test_a_question_before_a_lookup_is_not_its_background() -> None:
    text = "Our VP says LinkedIn is a waste of money. Is he right? Look at CPL this quarter."
    assert build_plan(text, today=SUNDAY).route is Route.ANALYSIS


def test_where_the_numbers_go_after_a_lookup_keeps_it_direct() -> None:
    text = "Could you pull our Google Ads spend for last week? Need it for the Monday team call."
    plan = build_plan(text, today=SUNDAY)
    assert plan.route is Route.DIRECT, plan.route_reason
    assert (plan.date_range.start, plan.date_range.end) == (date(2026, 11, 9), date(2026, 11, 15))


@pytest.mark.parametrize(
    ("question", "platforms", "metrics", "start", "end"),
    [
        (
            "quick q - what did we spend on g ads last wk? thx",
            ["google_ads"],
            ["spend"],
            "2026-11-09",
            "2026-11-15",
        ),
        ("goog clicks yday pls", ["google_ads"], ["clicks"], "2026-11-21", "2026-11-21"),
        ("TT impressions l14d thx", ["tiktok_ads"], ["impressions"], "2026-11-08", "2026-11-21"),
        ("gimme LI leads mtd", ["linkedin_ads"], ["conversions"], "2026-11-01", "2026-11-22"),
        ("ig cpm yday", ["meta_ads"], ["cpm"], "2026-11-21", "2026-11-21"),
        ("hey team, fb spend mtd?", ["meta_ads"], ["spend"], "2026-11-01", "2026-11-22"),
        (
            "l7d conversions on linkedin, for the client deck",
            ["linkedin_ads"],
            ["conversions"],
            "2026-11-15",
            "2026-11-21",
        ),
        # what the asker is busy with: the numbers' place, asked without "for"
        ("LI CPL l7d? prepping QBR slides", ["linkedin_ads"], ["cpa"], "2026-11-15", "2026-11-21"),
        (
            "meta spend l7d, im putting together the client deck",
            ["meta_ads"],
            ["spend"],
            "2026-11-15",
            "2026-11-21",
        ),
        (
            "can you tell me the ctr on bing this mo",
            ["microsoft_ads"],
            ["ctr"],
            "2026-11-01",
            "2026-11-22",
        ),
        (
            "Finance here. Total ad spend for Q3, one number please.",
            [],
            ["spend"],
            "2026-07-01",
            "2026-09-30",
        ),
        (
            "Bonjour, the number of leads from LinkedIn in October please",
            ["linkedin_ads"],
            ["conversions"],
            "2026-10-01",
            "2026-10-31",
        ),
    ],
)
def test_filler_and_abbreviations_keep_a_lookup_direct(
    question: str, platforms: list[str], metrics: list[str], start: str, end: str
) -> None:
    plan = build_plan(question, today=SUNDAY)
    view = plan.contract_view()
    assert plan.route is Route.DIRECT, plan.route_reason
    assert (view["platforms"], view["metrics"]) == (platforms, metrics)
    assert view["date_range"] == {"start": start, "end": end}
    assert plan.route_reason.unexplained == []


@pytest.mark.parametrize(
    "question",
    [
        "how do LI leads this month stack up against last?",
        "fb cpc last 14 days vs prior 14",
        "is google ctr l30d up or down from the previous 30 days",
        "tiktok installs mtd compared to the previous month",
        "mom change in tiktok cpa for last month",
        "g ads conv last wk v. previous wk",
        "spend on microsoft in Nov 3-9 comparing with Oct 27 - Nov 2",
        "weekend spend on meta vs the weekend before",
        "conversions, past 7 days against the 7 before that",
        "are meta conversions this month up or down on last month?",
    ],
)
def test_a_comparison_in_other_words_is_a_direct_comparison(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent) == (Route.DIRECT, Intent.COMPARISON), plan.route_reason
    assert plan.compare_to is not None
    assert plan.compare_to.end < plan.date_range.start


@pytest.mark.parametrize(
    ("question", "platforms", "metrics"),
    [
        ("um what did we spend on face book yesterday", ["meta_ads"], ["spend"]),
        ("conversions on tick tock yesterday", ["tiktok_ads"], ["conversions"]),
        (
            "how many times were our ads shown on linkedin in july",
            ["linkedin_ads"],
            ["impressions"],
        ),
        (
            "I was wondering, if it's not too much trouble, what the spend on meta was yesterday?",
            ["meta_ads"],
            ["spend"],
        ),
        (
            "I'm pulling numbers together for the QBR - would you be able to find out how many"
            " conversions LinkedIn drove in Q3? Would be a massive help",
            ["linkedin_ads"],
            ["conversions"],
        ),
    ],
)
def test_spoken_and_plain_words_keep_a_lookup_direct(
    question: str, platforms: list[str], metrics: list[str]
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.DIRECT, plan.route_reason
    assert (plan.platforms, plan.metrics) == (platforms, metrics)


@pytest.mark.parametrize(
    ("question", "tier", "intent"),
    [
        ("is Meta pulling its weight this quarter?", "small", "diagnosis"),
        # The labelled parts' authors read "wasting money" as asking what to do (read parts: 6
        # recommendation, 3 diagnosis); the tier is small either way.
        ("are we wasting money on meta?", "small", "recommendation"),
        ("are we over-investing in microsoft ads this month?", "small", "diagnosis"),
        ("should we try snapchat instead of tiktok?", "large", "recommendation"),
        ("how worried should I be about tiktok cpm this week", "medium", "anomaly"),
        ("so what do you think our roas on google will be next week", "medium", "forecast"),
        ("we've got an extra $10k to play with - where should it go?", "large", "recommendation"),
        ("February so far - anything in there that ought to concern us?", "medium", "anomaly"),
        ("is $38 per order from google ads normal for a shop like mine?", "small", "diagnosis"),
        ("pull $2k from tiktok and put it into meta?", "large", "recommendation"),
        ("CPM of €14 on meta in december — too high?", "small", "diagnosis"),
        ("anything in the accounts that should worry us?", "medium", "anomaly"),
        ("is meta CTR on a downward slide since january?", "medium", "trend"),
        ("TikTok. Kill it or keep it?", "small", "recommendation"),
    ],
)
def test_verdicts_worries_and_advice_take_their_tier(question: str, tier: str, intent: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.tier, plan.intent) == (tier, intent), plan.route_reason


def test_a_comparison_word_far_before_the_periods_compares_none_of_them() -> None:
    plan = build_plan(
        "how should we split the budget between google and meta next month, based on october?",
        today=SUNDAY,
    )
    view = plan.contract_view()
    assert view["date_range"] == {"start": "2026-10-01", "end": "2026-10-31"}


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "SELECT clicks, impressions, ctr FROM linkedin WHERE date BETWEEN '2026-11-01' AND"
            " '2026-11-15'",
            {"date_range": {"start": "2026-11-01", "end": "2026-11-15"}, "filters": []},
        ),
        (
            "roas where platform in (google, meta) and date >= 2026-11-01 group by platform",
            {"date_range": {"start": "2026-11-01", "end": "2026-11-22"}, "group_by": ["platform"]},
        ),
        (
            "total spend last month, everything except TikTok",
            {"platforms": ["google_ads", "linkedin_ads", "meta_ads", "microsoft_ads"]},
        ),
        (
            "spend split by platform, Black Friday through Cyber Monday",
            {"date_range": {"start": "2025-11-28", "end": "2025-12-01"}},
        ),
        (
            "meta spend since we launched on the 3rd?",
            {"date_range": {"start": "2026-11-03", "end": "2026-11-22"}},
        ),
        (
            "> Priya: client is asking about Meta again\n> Tom: which numbers tho?\n"
            "> Priya: spend + purchases I think\ncan someone pull Meta spend and conversions for"
            " last week",
            {"metrics": ["conversions", "spend"]},
        ),
        (
            "Quick one: what's the ROAS on my Google ads for June? Just the number is fine.",
            {"metrics": ["roas"]},
        ),
    ],
)
def test_analysts_syntax_quotes_and_exclusions_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "Hi all,\n\nCould you send over the Meta Ads impressions and CTR for February?\n\n"
            "Best regards,\nJonas Weber\nPerformance Lead | Brightline Media\n\nThis e-mail may"
            " contain confidential information about conversions.",
            {"metrics": ["ctr", "impressions"], "platforms": ["meta_ads"]},
        ),
        ("goggle ads spend last wk??", {"platforms": ["google_ads"]}),
        ("cost per click on metal ads last 14 days", {"platforms": ["meta_ads"]}),
        (
            "Guten Morgen! daily Umsatz on Google for the last 14 days please",
            {"metrics": ["conversion_value"]},
        ),
        ("gastos totales 2025 for google + meta? gracias", {"metrics": ["spend"]}),
        ("may vs april google roas", {"date_range": {"start": "2026-05-01", "end": "2026-05-31"}}),
        (
            "Spend incurred on LinkedIn over the period 1-15 September, please.",
            {"date_range": {"start": "2026-09-01", "end": "2026-09-15"}},
        ),
        ("top 3 platforms by roas last quarter", {"intent": "ranking", "group_by": ["platform"]}),
        (
            "How much did we raise in donations from Facebook ads in December?",
            {"metrics": ["conversion_value"]},
        ),
        ("What was our CPI on TikTok last week vs the week before?", {"metrics": ["cpa"]}),
        (
            "Can you show me last month's leads for each location?",
            {"group_by": ["account"], "metrics": ["conversions"]},
        ),
        ("happy monday! leads per store for december? thx", {"group_by": ["account"]}),
        (
            "if it's no trouble could you pull total spend for August? much appreciated",
            {"metrics": ["spend"]},
        ),
        ("CPI by platform l30d, excluding LinkedIn obviously", {"group_by": ["platform"]}),
        ("cyber monday spend total? (snapchat too if you have it)", {"unsupported": ["snapchat"]}),
        ("I need the clicks of Google Ads separated by campaign of last week", {}),
        ("how many test drives did we book off tiktok on the 17th and 18th?", {}),
        ("TikTok and AppLovin CPI for June?", {"unsupported": ["applovin"]}),
        (
            "meta roas l7d vs p7d",
            {"compare_to": {"start": "2026-11-08", "end": "2026-11-14"}},
        ),
        ("boutique appointments booked through Google Ads last week", {}),
        ("TikTok spend in July compared with June, how big is the difference?", {}),
        (
            "memorial day wknd revenue on meta vs same weekend last yr?",
            {"compare_to": {"start": "2025-05-24", "end": "2025-05-26"}},
        ),
        (
            "leads from google for the Lakeside store last week",
            {"filters": [{"field": "account", "value": "Lakeside"}], "group_by": []},
        ),
        ("which 3 stores had the cheapest cost per lead in March?", {"group_by": ["account"]}),
        ("bookings by property last weekend please", {"group_by": ["account"]}),
        (
            "hi, it's Dana from the Northeast stores team: Google spend last week?",
            {"filters": []},  # a region's stores, not one account
        ),
        (
            "What did the Round Rock and Cedar Park accounts spend on Google yesterday, combined?",
            {
                "filters": [
                    {"field": "account", "value": "Cedar Park"},
                    {"field": "account", "value": "Round Rock"},
                ]
            },
        ),
        (
            "Meta ROAS for the 7 days ending Oct 18 versus the 7 days before that",
            {
                "date_range": {"start": "2026-10-12", "end": "2026-10-18"},
                "compare_to": {"start": "2026-10-05", "end": "2026-10-11"},
            },
        ),
        (
            "conv value + roas ytd vs last yr same period",
            {"compare_to": {"start": "2025-01-01", "end": "2025-11-22"}},
        ),
    ],
)
def test_letters_foreign_words_and_slips_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        "recommend a good restaurant for the team xmas party in Berlin?",
        "whats the wifi password for the 3rd floor",
    ],
)
def test_a_holiday_party_or_a_floor_is_no_period(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.intent, plan.route_reason.rule) == (Intent.OTHER, "intent:off_topic")


def test_a_closing_too_adds_to_a_lookup() -> None:
    plan = build_plan("ctr on goog ads for H1, and the cpc too", today=SUNDAY)
    assert plan.route is Route.DIRECT, plan.route_reason
    assert sorted(plan.metrics) == ["cpc", "ctr"]


def test_the_request_after_a_scene_decides_alone() -> None:
    # The scene's "moved" is no trend and its "Google side" no platform of the request.
    slack = (
        "[slack, condensed] maria: client call moved to 3pm. jon: ok noted. maria: before that"
        " can someone pull meta roas for last week?"
    )
    plan = build_plan(slack, today=SUNDAY)
    assert (plan.route, plan.intent, plan.compare_to) == (Route.DIRECT, Intent.LOOKUP, None)
    thread = (
        "Summing up the thread: finance is reconciling invoices and Sam already covered the"
        " Google side. Last ask - what was total spend across all platforms in Q3?"
    )
    assert build_plan(thread, today=SUNDAY).platforms == []
    deck = (
        "We're redoing the planning deck and my boss wants LinkedIn. Can you pull leads by"
        " month for last year?"
    )
    plan = build_plan(deck, today=SUNDAY)
    assert (plan.route, plan.platforms) == (Route.DIRECT, ["linkedin_ads"])
    # A colon may end the request itself: these are bullets to write, not a lookup.
    assert build_plan("stand-up bullets: tiktok, l7d", today=SUNDAY).route is Route.ANALYSIS
    # A scene that asks for writing is the request; the lookup after it says what goes in.
    email = "Pls draft the October email for the Acme account. Bookings and revenue, vs September."
    assert build_plan(email, today=SUNDAY).intent is Intent.REPORT


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        ("LinkedIn + Google demos booked, Q2 vs Q1 — combined please", []),
        ("Q4 2026 vs Q4 2025 spend and revenue — total, not by platform", []),
        ("how would you split next month's $80k across Google, Meta and Microsoft?", []),
        (
            "CPI on Meta vs TikTok last wk was night and day. should we move budget to Meta?",
            ["platform"],
        ),
        ("where should the extra $5k go this month - google, meta or tiktok?", []),
        ("Q3 vs Q2 funded accounts by platform", ["platform"]),
        # one set against the other in more words
        ("Is Google performing better than Meta for care enquiries this month?", ["platform"]),
        ("kindly prepare a comparison note between Google and LinkedIn for last quarter",
         ["platform"]),
        ("should we put more into the Facebook thing or the Google adverts?", ["platform"]),
        # a split between platforms is not a comparison of them; two names of Meta are one
        ("how should we split the June budget between LinkedIn and Microsoft?", []),
        ("why are IG leads so much cheaper than FB leads this month", []),
    ],
)  # fmt: skip
def test_platforms_are_split_when_set_side_by_side_not_when_listed_or_totalled(
    question: str, group_by: list[str]
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert [g.value for g in plan.group_by] == group_by


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("bookings and booking revenue for Harbor House for the last 30 days", ["Harbor House"]),
        ("Meta spend and bookings for The Juniper for March", ["The Juniper"]),
        ("a summary of January for Peak Heating & Air, all channels", ["Peak Heating & Air"]),
        ("Riverside vs Northgate loyalty sign-ups, last 30 days", ["Riverside", "Northgate"]),
        ("Riverside trial sign-ups mtd pls", ["Riverside"]),
        ("Phoenix area leads last month vs same period last year", ["Phoenix"]),
        # a word of ours opening the message is no account
        ("Total spend last week", []),
        ("Weekend spend on Meta", []),
        ("Compare CPC on Google between this month and last month", []),
        ("Dealer enquiries from Microsoft Ads last week", []),
        ("Shopify says 412 orders last week but Meta is claiming 530 purchases", []),
        ("leads dropped to almost nothing at Lakeside and Summit", ["Lakeside", "Summit"]),
        ("Riverside's cost per trial went from ~$18 to $31", ["Riverside"]),
        ("daily CPA for Stackly on linkedin, last 30 days", ["Stackly"]),
        ("IronHouse's trial class signups from google ads since Jan 1st", ["IronHouse"]),
        ("Mother's Day reservations on meta for Basil & Brine", ["Basil & Brine"]),
        ("ROAS by campaign for thread & pine last week, meta only", ["thread & pine"]),
        ("Brightside Dental's new patient bookings this month", ["Brightside Dental"]),
        # a business's people name the business; a city that is a given name, before its figures
        ("draft a note to Harbor House's GM", ["Harbor House"]),
        ("Draft talking points for my call with Hillcrest's GM", ["Hillcrest"]),
        ("Why did Denver's orders fall on Sunday?", ["Denver"]),
        ("Austin orders this week vs last week", ["Austin"]),
        ("Rachel's thoughts on Meta last week?", []),
        # a city by name beside its figures; away from them, a place like any other
        ("daily spend in Portland for the last 14 days pls", ["Portland"]),
        ("top 3 campaigns by orders in Austin last month", ["Austin"]),
        ("the drop in Portland orders over the weekend", ["Portland"]),
        ("recommend a good restaurant for the team party in Berlin", []),
        ("write the September summary in Spanish", []),
        # a clinic, practice or gym by its capitalised name; a lower-case one is a kind
        ("Appointments at the Maple Grove clinic, January vs December?", ["Maple Grove"]),
        ("Google spend for our Lakeside and Northgate clinics", ["Lakeside", "Northgate"]),
        ("is $180 a consult too high for a dental clinic?", []),
        # a person, a title, a platform, a month, a holiday or a typo after "for" is no account
        ("can you pull that for Rachel?", []),
        ("write it up for Sarah pls, google spend last week", []),
        ("spend for Google and Meta in March, for the Dean's newsletter", []),
        ("meta sales for Thanksgiving vs last year", []),
        ("spend for Linkdin last month", []),
        ("Gie's the daily spend on Meta fer the last fortnight, ta", []),
        ("Something's fishy with FB conversions this week", []),
        ("any anomalies in the dentist's accounts last 7 days", []),
        # an outcome named with "account" is a metric ("funded accounts", "account openings")
        ("CPA for funded accounts on Meta is £61 this month. Good or bad?", []),
        ("What should we change on LinkedIn to get more funded accounts?", []),
        ("Projected account openings for next quarter?", []),
        ("Google vs Meta spend last week", []),
    ],
)
def test_a_business_named_by_its_own_name_is_an_account(question: str, names: list[str]) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert sorted(f.value for f in plan.filters) == sorted(names)


def test_a_total_across_two_platforms_is_one_figure() -> None:
    total = build_plan("total conversion value across google and meta in October", today=SUNDAY)
    assert (total.intent, total.group_by) == (Intent.LOOKUP, [])
    split = build_plan("spend across google and meta last week", today=SUNDAY)
    assert (split.intent, split.group_by) == (Intent.BREAKDOWN, ["platform"])


def test_a_quoted_name_is_one_filter_however_many_dashes() -> None:
    plan = build_plan(
        "any weird drops in spend on the 'Always On - Prospecting' campaign l14d?", today=SUNDAY
    )
    assert [f.value for f in plan.filters] == ["Always On - Prospecting"]


def test_monthly_report_for_a_named_month_means_that_month() -> None:
    plan = build_plan("monthly report for November", today=SUNDAY)
    assert (plan.date_range.start, plan.date_range.end) == (date(2026, 11, 1), SUNDAY)


def _accuracy(items: list[dict[str, Any]]) -> tuple[Counter[str], int]:
    wrong: Counter[str] = Counter()
    costly = 0
    for item in items:
        found = mismatches(item)
        wrong.update(found.keys())
        if "route" in found and item["route"] == "analysis":
            costly += 1  # an open question answered with a table
    return wrong, costly


def test_agency_phrasings_route_right_and_read_every_entity() -> None:
    wrong, costly = _accuracy(TUNING)
    n = len(TUNING)
    assert n >= 800
    assert 1 - wrong["route"] / n >= 0.99, wrong
    assert costly <= 1
    for field in ENTITIES:
        assert 1 - wrong[field] / n >= 0.97, (field, wrong[field])


HELD_OUT = load_questions("agency_holdout2.jsonl")


def test_held_out_phrasings_keep_their_measured_floor() -> None:
    # Never tuned on, and its misses never listed (bench/router_accuracy.py prints only its
    # totals): a floor under its first measured figures (route 99.2 %, dates 97.0 %,
    # comparisons 96.2 %), so a change that makes unseen phrasings worse fails here.
    wrong, costly = _accuracy(HELD_OUT)
    n = len(HELD_OUT)
    assert n == 133
    assert 1 - wrong["route"] / n >= 0.99, wrong["route"]
    assert costly == 0
    for field in ENTITIES:
        assert 1 - wrong[field] / n >= 0.96, (field, wrong[field])


ROUNDS = {
    # Sets 11-18: each measured blind once, then tuned on (route 90.0-98.8 % after its round).
    **{n: (0.89, ("platforms", "metrics", "unsupported"), 0.93) for n in range(11, 19)},
    # Sets 19-24, 27-29: measured blind once (91.9-97.5 % route), then tuned on to 99.4-100 %.
    **{
        n: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.96)
        for n in (*range(19, 25), *range(27, 30))
    },
    # Set 30 (polite, indirect senior voices): blind 83.8 % route, then tuned on to 100 %; its
    # periods stay lower (advice about a coming quarter, meetings named by weekday).
    30: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95),
    # Sets 25/26 (held out until session 13: blind 96.2 / 95.0 %) and 33/34 (blind 91.2 /
    # 87.5 %), then tuned on to 98.8-99.4 %; set 34's metrics stay lower (its author reads bare
    # "sales" as a count, where the README reads their value).
    **{
        n: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95) for n in (25, 26, 33)
    },
    34: (0.98, ("platforms", "date_range", "unsupported"), 0.95),
    # Sets 35/36 (an analyst's shorthand; phones in a hurry): blind 91.9 / 96.9 %, then 100 /
    # 98.8 %.
    # Sets 37/38 (held out one round, blind 94.4 / 95.0 %), then 98.8 / 98.8 %.
    **{
        n: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95)
        for n in (35, 36, 37, 38)
    },
    # Session 14: sets 39/40 (held out one round, blind 88.1 / 96.9 %), 41/42 (blind 98.1 /
    # 90.6 %) and 43/44 (blind 95.6 / 94.4 %), then 97.5-100 %; set 41's periods and metrics
    # stay lower (advice about a coming sale, "BFCM" spans), set 43 keeps one costly miss
    # ("how did sign-ups develop over H1", which the original set holds as a direct trend).
    **{
        n: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95)
        for n in (39, 40, 42, 44)
    },
    41: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.94),
    43: (0.97, ("platforms", "metrics", "date_range", "unsupported"), 0.95),
    # Sets 45/46 (blind 90.0 / 90.6 %), then 97.5 / 93.1 %, and 96.9 / 92.5 % once the review
    # narrowed a period's own name to one ending in a word for a stretch of time; set 46's
    # markets named by country ("UAE", "Italy vs UK") stay unexplained (analysis).
    45: (0.96, ("platforms", "metrics", "date_range", "unsupported"), 0.93),
    46: (0.92, ("platforms", "metrics", "date_range", "unsupported"), 0.91),
    # Set 49 (blind 93.1 %), then 96.9 %.
    49: (0.96, ("platforms", "metrics", "date_range", "unsupported"), 0.95),
    # Session 15: sets 51/52 (blind 90.6 / 92.5 %), then 99.4 / 100 %; sets 53/54 (blind 90.6
    # / 87.5 %), then 96.2 / 98.8 % (set 53's shops named in lower case, "studio Plateau", stay
    # unexplained; its periods stay lower: Hogmanay, the Canadian Thanksgiving).
    **{n: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.97) for n in (51, 52)},
    53: (0.96, ("platforms", "metrics", "date_range", "unsupported"), 0.93),
    54: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95),
    # Sets 55/56 (blind 88.1 / 91.2 %, two open questions taken for lookups in each), then
    # 97.5 / 97.5 %; set 51's Irish "what's the story with the clicks" is analysis again, as
    # seven other authors read "the story with".
    **{n: (0.97, ("platforms", "metrics", "date_range", "unsupported"), 0.94) for n in (55, 56)},
    # Sets 57/58 (blind 89.4 / 95.0 %), then 97.5 / 98.1 % (Jamaican patois and run-on
    # sentences with their scene inside stay unexplained).
    **{n: (0.97, ("platforms", "metrics", "date_range", "unsupported"), 0.92) for n in (57, 58)},
    # Sets 59/60 (blind 86.2 / 95.0 %), then 98.8 / 98.8 %; sets 61/62 (blind 86.2 / 95.0 %),
    # then 95.6 / 99.4 % (a pasted report's figures with "the same for this week" stay open).
    **{n: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95) for n in (59, 60)},
    61: (0.95, ("platforms", "metrics", "date_range", "unsupported"), 0.93),
    62: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95),
    # Session 16: sets 65-68 (blind 91.9 / 93.1 / 95.0 / 93.8 %), then 98.1 / 100 / 100 /
    # 96.2 %; set 68's regions named in lower case ("the lake district") and forwarded email
    # chains stay unexplained, its periods lower (pacing questions read as the whole month).
    **{
        n: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95) for n in (65, 66, 67)
    },
    68: (0.96, ("platforms", "metrics", "date_range", "unsupported"), 0.93),
    # Sets 69/70 (blind, after the round on 65-68: 84.4 / 92.5 %), then 96.2 / 100 %; set 69's
    # towns read as typos ("Leeds") and lower-case ones stay unexplained.
    69: (0.96, ("platforms", "metrics", "date_range", "unsupported"), 0.94),
    70: (0.98, ("platforms", "metrics", "date_range", "unsupported"), 0.95),
    # Sets 71/72 (blind, after the round on 69/70: 91.9 / 88.8 %), then 97.5 / 97.5 %; their
    # follow-ups standing alone ("and for last month?") stay off-topic.
    **{n: (0.97, ("platforms", "metrics", "date_range", "unsupported"), 0.93) for n in (71, 72)},
    # Sets 73/74 (blind, after the round on 71/72: 86.9 / 85.0 %, set 73 with five open
    # questions taken for lookups), then 98.1 / 93.8 %; set 74's sports metaphors ("who's in
    # the starting lineup?") and scenes inside the request stay unexplained.
    73: (0.97, ("platforms", "metrics", "date_range", "unsupported"), 0.94),
    74: (0.93, ("platforms", "metrics", "date_range", "unsupported"), 0.93),
}
"""Each tuned set's floors: route, the entities held, and their floor."""


@pytest.mark.parametrize("number", sorted(ROUNDS))
def test_the_sets_tuned_on_keep_their_floor(number: int) -> None:
    # A floor under what each round reached, at most one open question taken for a lookup, so
    # a later rule that undoes one of its classes fails here, not only in the benchmark.
    route_floor, fields, entity_floor = ROUNDS[number]
    items = load_questions(f"agency_holdout{number}.jsonl")
    wrong, costly = _accuracy(items)
    assert 1 - wrong["route"] / len(items) >= route_floor, (number, wrong["route"])
    assert costly <= 1, number
    for field in fields:
        assert 1 - wrong[field] / len(items) >= entity_floor, (number, field, wrong[field])


@pytest.mark.parametrize(
    "question",
    [
        "what's the difference between ROAS and POAS? client keeps asking",
        "how is CPA calculated?",
        "what does CPM stand for",
        "how is MER different from ROAS?",
        "can you recommend a good book on marketing attribution?",
        "best shopify app for post-purchase surveys?",
    ],
)
def test_a_question_about_what_a_metric_is_is_off_topic_not_a_lookup(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent, plan.tier) == (Route.ANALYSIS, Intent.OTHER, Tier.SMALL)


def test_a_metric_difference_over_a_period_is_still_a_lookup() -> None:
    plan = build_plan("difference between google and meta spend last week", today=SUNDAY)
    assert plan.route is Route.DIRECT


def test_a_request_for_a_review_before_its_details_is_a_report() -> None:
    question = (
        "Need the annual review for Stackly: 2026 vs 2025, LinkedIn and Google, pipeline focus."
        " Can be a doc, 1-2 pages"
    )
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent) == (Route.ANALYSIS, Intent.REPORT)


@pytest.mark.parametrize(
    "question",
    [
        "can you remind me when the client QBR is?",
        "any chance you guys could also look after our amazon ads?",
        "Can we hook up our Amazon Ads account to this tool?",
        "can we run ads on snapchat through you guys too? client wants to try it",
    ],
)
def test_a_question_naming_nothing_to_look_up_is_off_topic(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.intent, plan.tier, plan.compare_to) == (Intent.OTHER, Tier.SMALL, None)


def test_how_things_go_is_an_open_question_even_naming_nothing() -> None:
    assert build_plan("honestly, how are things going?", today=SUNDAY).intent is Intent.DIAGNOSIS


def test_measuring_against_expectations_is_a_verdict_not_a_forecast() -> None:
    plan = build_plan("meta cpc this week, is that in line with what we'd expect?", today=SUNDAY)
    assert (plan.intent, plan.tier) == (Intent.DIAGNOSIS, Tier.SMALL)


def test_a_trend_since_a_change_we_made_is_read_by_a_model() -> None:
    question = "What's the trend in ROAS on TikTok since we launched the new creatives on the 4th?"
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS
    lookup = "spend since we launched the new creatives on the 4th"
    assert build_plan(lookup, today=SUNDAY).route is Route.DIRECT


@pytest.mark.parametrize(
    "question",
    [
        "How many jobs got booked through Facebook last week?",
        "how many ad-free subs did TikTok drive last week?",
        "which 3 stores had the most online orders from Meta last week?",
        "Meta vs TikTok, seller sign-ups and cost per sign-up, last week",
        "@aya conversions last week",
        "Hello, hope this is the right place to ask. Conversions last week?",
    ],
)
def test_a_business_own_outcomes_and_a_mention_of_us_keep_a_lookup_direct(
    question: str,
) -> None:
    view = assert_lookup(question, {"date_range": {"start": "2026-11-09", "end": "2026-11-15"}})
    assert "conversions" in view["metrics"]


def test_two_businesses_set_side_by_side_get_a_row_each() -> None:
    plan = build_plan("Riverside vs Northgate loyalty sign-ups, last 30 days", today=SUNDAY)
    assert (plan.route, plan.intent) == (Route.DIRECT, Intent.COMPARISON)
    assert [g.value for g in plan.group_by] == ["account"]
    # set against each other with periods compared too, still a row each (the labelled parts'
    # authors, session 35); only listed, one total
    over_time = build_plan("Lakeside vs Summit spend this month vs last month", today=SUNDAY)
    assert [g.value for g in over_time.group_by] == ["account"]
    listed = build_plan("Lakeside and Summit spend this month vs last month", today=SUNDAY)
    assert "account" not in [g.value for g in listed.group_by]


@pytest.mark.parametrize(
    "question",
    ["meta conversions 3rd-9th nov", "meta conversions nov 3rd-9th", "meta conversions 3-9 nov"],
)
def test_a_range_of_ordinal_days_is_one_period(question: str) -> None:
    assert_lookup(question, {"date_range": {"start": "2026-11-03", "end": "2026-11-09"}})


@pytest.mark.parametrize(
    "question",
    [
        "Why did TikTok spend double between the first and second week of March?",
        # the second "week" left out, and "the second" not the 2nd of the month
        "TikTok spend doubled from the first week of March to the second - what changed?",
        "Why did TikTok CPI go up from the first week of March to the second?",
    ],
)
def test_a_change_between_two_weeks_of_a_month_asks_about_the_later(question: str) -> None:
    view = build_plan(question, today=SUNDAY).contract_view()
    assert view["date_range"] == {"start": "2026-03-08", "end": "2026-03-14"}
    assert view["compare_to"] == {"start": "2026-03-01", "end": "2026-03-07"}


@pytest.mark.parametrize(
    ("question", "start", "end", "compare"),
    [
        ("what was our cpl 2 weeks ago on li", "2026-11-02", "2026-11-08", None),
        ("Conversions for the week of the 20th on Google", "2026-11-16", "2026-11-22", None),
        ("Meta revenue on last Black Friday", "2025-11-28", "2025-11-28", None),
        (
            "Black Friday vs last Black Friday on Google: revenue and ROAS",
            "2025-11-28",
            "2025-11-28",
            {"start": "2024-11-29", "end": "2024-11-29"},
        ),
        ("spend last Christmas", "2025-12-25", "2025-12-25", None),
        ("google calls since sat", "2026-11-21", "2026-11-22", None),
        ("meta leads since fri pls", "2026-11-20", "2026-11-22", None),
        (
            "Did Google CPC go up or down from July to August?",
            "2026-08-01",
            "2026-08-31",
            {"start": "2026-07-01", "end": "2026-07-31"},
        ),
        (
            "Finance q: FY to date spend on Microsoft Ads? Our FY runs April to March.",
            "2026-04-01",
            "2026-11-22",
            None,
        ),
    ],
)
def test_more_ways_of_naming_a_period_keep_a_lookup_direct(
    question: str, start: str, end: str, compare: dict[str, str] | None
) -> None:
    assert_lookup(question, {"date_range": {"start": start, "end": end}, "compare_to": compare})


def test_the_week_ending_a_weekday_is_the_seven_days_up_to_its_latest() -> None:
    plan = build_plan("spend for the week ending Sunday", today=date(2026, 9, 30))
    assert plan.route is Route.DIRECT
    assert (plan.date_range.start, plan.date_range.end) == (date(2026, 9, 21), date(2026, 9, 27))


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        ("march leads per club", ["account"]),
        ("which 3 clubs got the most trial signups in october", ["account"]),
        ("may vs april instals on tiktok", []),
        (
            "Black Friday through Cyber Monday revenue on Google and Meta combined, as a single "
            "figure rather than split by platform.",
            [],
        ),
    ],
)
def test_clubs_instals_and_one_figure_read_as_lookups(question: str, group_by: list[str]) -> None:
    assert_lookup(question, {"group_by": group_by})


@pytest.mark.parametrize(
    "question",
    [
        # a scene ending in a colon that asks for one figure, not for writing
        "Hi both,\n\nThanks again for the call on Friday, really useful. The Vice-Chancellor has"
        " asked me for one figure ahead of Thursday's committee: how many enquiries did the Open"
        " Day campaign generate on Google Ads in March?\n\nThanks so much,\nOlivia",
        # a closing that puts the rest off
        "Hi Sam,\n\nWe're finalising the January board pack and our CFO has asked for one thing:"
        " total spend on TikTok and Meta for January, combined. Nothing else needed for now,"
        " we'll go through the rest on the monthly call.\n\nBest,\nNadia",
        # the asker's own count to be squared with the platforms'
        "forwarding from Marcus: \"We're trying to square your figures with our booking system."
        ' Could you send total bookings from Google Ads for April? Our ops team counted 412."'
        " Can one of you pull the official number?",
    ],
)
def test_an_email_around_one_lookup_stays_a_lookup(question: str) -> None:
    assert_lookup(question, {})


@pytest.mark.parametrize(
    "question",
    [
        "I'd like to see how much we spent on Meta in February, please.",
        "Would you be so kind as to pull last week's impressions and clicks on LinkedIn?",
        "Could I trouble you for August's click-through rate at the Oak Park location?",
        "I'd be grateful for the number of donations per day over the holidays.",
        "Could you kindly rank our locations by cost per sign-up for May, lowest first?",
        "Might I see our Microsoft Ads clicks and spend for June, each property as its own row?",
        "Umsatz und ROAS Google letzte Woche bitte",
        "Bom dia! pedidos e faturamento do Meta no mês passado?",
        "Namaste, kindly share platform wise spends for this month till date.",
        "Hello! could you send over wash club sign-ups for each location in January?",
        "Which of our car wash locations had the lowest cost per click last month?",
    ],
)
def test_polite_foreign_and_own_words_keep_a_lookup_direct(question: str) -> None:
    assert_lookup(question, {})


@pytest.mark.parametrize(
    "question",
    [
        "SOMETHING IS WRONG WITH GOOGLE CONVERSIONS SINCE FRIDAY - ZERO ORDERS",
        "how many junk leads did we get last week",
        "how is our cpc developing on google since the start of the year?",
    ],
)
def test_a_worry_a_quality_word_or_a_development_stays_open(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("CPM on meta 03.11. – 09.11.", "2026-11-03", "2026-11-09"),
        ("how much we spent on google on 24.12.?", "2025-12-24", "2025-12-24"),
        ("Leads LinkedIn KW 45?", "2026-11-02", "2026-11-08"),
        ("conversion value for Tiktok, 1st to 7th of this month", "2026-11-01", "2026-11-07"),
        ("what did Singles' Day bring in on TikTok? Revenue and ROAS", "2026-11-11", "2026-11-11"),
    ],
)
def test_european_dates_calendar_weeks_and_singles_day(question: str, start: str, end: str) -> None:
    assert_lookup(question, {"date_range": {"start": start, "end": end}})


def test_a_figure_with_two_decimals_is_no_date() -> None:
    plan = build_plan("is a ROAS of 2.10. ok for Meta last week?", today=SUNDAY)
    assert plan.contract_view()["date_range"] == {"start": "2026-11-09", "end": "2026-11-15"}


def test_the_same_period_of_a_year_written_compares_with_it() -> None:
    view = build_plan("Meta spend 2026 YTD vs same period 2025", today=SUNDAY).contract_view()
    assert view["compare_to"] == {"start": "2025-01-01", "end": "2025-11-22"}


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Gràcia vs Triana leads last week", ["Gràcia", "Triana"]),
        ("Spend at Malasaña last weekend?", ["Malasaña"]),
        ("The Lindley's CPM and CTR on Meta for the last 28 days, please.", ["The Lindley"]),
        (
            "How many reservations did we get at Savannah vs Asheville last month?",
            ["Asheville", "Savannah"],
        ),
        ("EMEA demos booked month to date, please.", ["EMEA"]),
        ("BFCM loyalty sign-ups? Black Friday through Cyber Monday, one total.", []),
        ("compare this week with last week on wash club sign-ups", []),
    ],
)
def test_names_with_accents_acronyms_and_versus_are_accounts(
    question: str, names: list[str]
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert sorted(f.value for f in plan.filters) == sorted(names)


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        # plain words of owners who never say "impressions" or "CTR"
        (
            "sorry if this is a silly question how many people saw my ads last month",
            ["impressions"],
        ),
        ("how many times were my ads shown on tiktok last week", ["impressions"]),
        ("how many people clicked on my tiktok ads yesterday", ["clicks"]),
        ("whats the click thru rate on google this week so far", ["ctr"]),
        ("what was the cost per thousand views on tiktok in january", ["cpm"]),
        ("hey hope youre well! how much money came in from the ads in q1", ["conversion_value"]),
        ("whats it costing me per customer on google this month so far", ["cpa"]),
        ("how many driving lessons got booked off the ads in august", ["conversions"]),
        ("hiya quick one how much money did i spend on facebook last week", ["spend"]),
        (
            "hi!! just need the number of bookings we got from bing last month thank you x",
            ["conversions"],
        ),
        ("hny all what did meta spend in december in the end?", ["spend"]),
        (
            "how many people clicked my ads in june and what did that work out per click",
            ["clicks", "cpc"],
        ),
        ("sales value for Silver Thread on tiktok this month", ["conversion_value"]),
        # a count of sales is conversions; bare "sales" stays their value (the README's rule)
        ("sales on tiktok last week", ["conversion_value"]),
    ],
)
def test_plain_words_for_metrics_read_as_lookups(question: str, metrics: list[str]) -> None:
    assert_lookup(question, {"metrics": metrics})


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("is 2.50 a click too much on linkedin", "cpc"),
        ("is 3.20 a click on google normal for plumbing", "cpc"),
        ("is 6 pounds a sale good on tiktok", "cpa"),
        ("yo is 90 bucks a booking on google too much??", "cpa"),
        # a count of sales is conversions
        ("hey so i got 14 sales from facebook yesterday is that good or bad", "conversions"),
    ],
)
def test_a_price_put_on_one_click_or_sale_is_its_cost(question: str, metric: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert [m.value for m in plan.metrics] == [metric]


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        # whatever the business calls one: "a", "an", "per", a price in words
        ("$180 a demo on LinkedIn - too high?", "cpa"),
        ("Is €48 a consult on Google grand or are we being robbed?", "cpa"),
        ("boss is 38 quid a care enquiry on google decent", "cpa"),
        ("is eighty bucks a quote request any good for solar", "cpa"),
        ("Is $3.80 an install on Meta alright for an app like ours?", "cpa"),
        ("Is R2.80 a click on Google too much for a garden centre?", "cpc"),
        ("Trial classes on Meta at R95 each for the English campaign, good or not?", "cpa"),
    ],
)
def test_a_price_on_one_outcome_of_any_name_is_its_cpa(question: str, metric: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert [m.value for m in plan.metrics] == [metric]


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("we spend £600 a month on google, is that enough?", ["spend"]),  # time, not one outcome
        ("Please, is 4.20 a good ROAS for Google?", ["roas"]),  # a ratio's value
        ("the cost of each campaign on meta last month", ["spend"]),  # spend by campaign
    ],
)
def test_a_figure_per_period_ratio_or_campaign_is_no_price_on_one(
    question: str, metrics: list[str]
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert [m.value for m in plan.metrics] == metrics


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("how many bookings did we get from google in May and how much it cost each one?",
         ["conversions", "cpa"]),
        ("café table bookings from the adverts last weekend, and what did they cost us each?",
         ["conversions", "cpa"]),
        ("the cost for each consultation in Google Ads for February", ["cpa"]),
        ("the cost of each registration on TikTok this week", ["cpa"]),
    ],
)  # fmt: skip
def test_the_cost_of_each_one_is_cpa_not_spend(question: str, metrics: list[str]) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert sorted(m.value for m in plan.metrics) == metrics


def test_lessons_learned_count_nothing() -> None:
    question = (
        "Can you write the 2026 year-in-review for paid media? Highlights and lessons learned."
    )
    assert build_plan(question, today=SUNDAY).metrics == []


@pytest.mark.parametrize(
    ("question", "group_by", "names"),
    [
        ("quick one - trial lesson bookings by centre for feb?", ["account"], []),
        (
            "How many enquiries did the Stockport centre get in the first half of Feb?",
            [],
            ["Stockport"],
        ),
        ("could you send over our cost per vaccination booking on Meta for September?", [], []),
        ("sales on tiktok the weekend just gone vs the weekend before", [], []),
        ("can you break down what i spent by campaign for the weekend just gone", ["campaign"], []),
        ("how many new students signed up through the ads this week by campaign", ["campaign"], []),
    ],
)
def test_a_businesss_own_outcomes_places_and_days_read_as_lookups(
    question: str, group_by: list[str], names: list[str]
) -> None:
    view = assert_lookup(question, {"group_by": group_by})
    assert [f["value"] for f in view["filters"]] == names


@pytest.mark.parametrize(
    "question",
    [
        # a request to write, however it is put, with the lookup that says what goes in
        "H1 wrap-up email for the franchise board pls. headline numbers, what worked, what "
        "didn't. google, meta, tiktok",
        "pls turn this into something I can send the client: 'CPA up 18%, spend flat, 2 "
        "campaigns paused'. it's about last week on google",
        # a reading of a trend
        "how's google CPC been moving since the first snowfall on 20 Nov?",
        "what trends do you see in my clicks over the last 3 months",
    ],
)
def test_writing_and_readings_of_a_trend_go_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "today", "period", "compare"),
    [
        # "this time last year": the default week against the same days a year back
        (
            "season passes sold on Meta are way down on this time last year, whats going on?",
            "2026-12-09",
            ("2026-12-02", "2026-12-08"),
            ("2025-12-02", "2025-12-08"),
        ),
        # two ordinal days without a month
        ("Meta spend on the 22nd-23rd", "2025-07-25", ("2025-07-22", "2025-07-23"), None),
        # a start named by what happened that day
        (
            "'Spring Pass Sale' campaign - passes sold and cost per pass since we launched it on"
            " the 6th?",
            "2026-04-22",
            ("2026-04-06", "2026-04-22"),
            None,
        ),
        # the fiscal year declared after it is named
        (
            "hi! MQLs per week since the start of our fiscal year (ours starts 1 July)",
            "2025-10-15",
            ("2025-07-01", "2025-10-15"),
            None,
        ),
        # a coming holiday is no period: the advice reads the last 7 days
        (
            "are we underspending on tiktok with christmas coming",
            "2025-11-26",
            ("2025-11-19", "2025-11-25"),
            ("2025-11-12", "2025-11-18"),
        ),
    ],
)
def test_more_periods_read_as_the_writer_means(
    question: str, today: str, period: tuple[str, str], compare: tuple[str, str] | None
) -> None:
    view = build_plan(question, today=date.fromisoformat(today)).contract_view()
    assert view["date_range"] == {"start": period[0], "end": period[1]}
    expected = None if compare is None else {"start": compare[0], "end": compare[1]}
    assert view["compare_to"] == expected


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "season passes sold this month vs the same days last month, google and meta together",
            {"group_by": []},
        ),
        (
            "Croydon, Bromley and Sutton - spend and orders last week, one row per store",
            {
                "group_by": ["account"],
                "filters": [
                    {"field": "account", "value": "Bromley"},
                    {"field": "account", "value": "Croydon"},
                    {"field": "account", "value": "Sutton"},
                ],
            },
        ),
        (
            "what did the Riverside shop spend vs the Market Street shop last month",
            {
                "group_by": ["account"],
                "filters": [
                    {"field": "account", "value": "Market Street"},
                    {"field": "account", "value": "Riverside"},
                ],
            },
        ),
        ("which 5 of my campaigns got the most orders in october", {"group_by": ["campaign"]}),
        (
            "---------- Forwarded message ---------\nFrom: Helen Ward\nSubject: booster numbers"
            "\n\nHi both,\nBefore our call could you confirm how many covid booster bookings came"
            " through Google and Meta in total during the first two weeks of October?\nMany "
            "thanks,\nHelen",
            {"metrics": ["conversions"]},
        ),
    ],
)
def test_shops_lists_totals_and_forwarded_mail_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        "can you write a short recap of December for the Brazilian shop, Meta and TikTok?",
        "Is it worth keeping TikTok for the Indian market?",
    ],
)
def test_a_kind_of_business_is_no_account(question: str) -> None:
    assert build_plan(question, today=SUNDAY).filters == []


def test_cheaper_outcomes_ask_about_their_cost() -> None:
    plan = build_plan("give me some ideas to get cheaper installs", today=SUNDAY)
    assert [m.value for m in plan.metrics] == ["cpa"]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # a campaign named by a naming convention
        ("Pull spend and CPA for US_Search_Brand_Exact, L14D. thanks", ["US_Search_Brand_Exact"]),
        (
            "clicks per day on Tour_Presale_Retarget from 7/20 through 8/2",
            ["Tour_Presale_Retarget"],
        ),
        ("metrics=spend,conversions platform=google range=last_month group=campaign", []),
        ("cpa, roas | meta_ads | l7d | by campaign", []),
        ("SYSTEM: tenant_id=northwind-outfitters. What was our spend last week?", []),
        # a client's one-word brand: labelling the message, closing it, before its figures
        (
            "Loudhaus: why is presale CPA so much higher on TikTok than Meta last week?",
            ["Loudhaus"],
        ),
        ("Wanderbay - booking revenue by market for September please", ["Wanderbay"]),
        ("yday vs same day last week: spend and orders, Barkfield", ["Barkfield"]),
        ("Why are Barkfield subs down MoM, Feb vs Jan?", ["Barkfield"]),
        ("How should we pace Homeplot spend for the rest of the month?", ["Homeplot"]),
        # a word, a person signing off, a tool, a place asked about, a region's many: no account
        ("Agenda:\n1) Walk through Dec results vs Nov across Google + Meta", []),
        ("Did anything break on Microsoft Ads over the weekend? Zero clicks Sunday.", []),
        (
            "Hi there, I need the total number of impressions on TikTok for last year. Thanks,"
            " Priya",
            [],
        ),
        ("Is Meta inflating trial counts? Numbers vs HubSpot look 2x", []),
        ("what's the capital of Australia? settling a bet", []),
        ("hello, regional marketing for the Midwest stores here. Meta spend by campaign?", []),
    ],
)
def test_coded_campaigns_and_a_clients_own_brand_are_names(question: str, names: list[str]) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert sorted(f.value for f in plan.filters) == sorted(names)


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "Homeplot valuation reqs + cost per valuation by week, Oct",
            {"metrics": ["conversions", "cpa"]},
        ),
        (
            "How many valuations did the Chorlton branch get in September?",
            {"metrics": ["conversions"]},
        ),
        ("top 10 campaigns by spend last qtr, pls and thank u", {"group_by": ["campaign"]}),
        ("Ledgerly demos booked last wk, cut by platform pls", {"group_by": ["platform"]}),
        ("Spend MoM - Aug vs Jul, all platforms rolled up into one number", {"group_by": []}),
        (
            "Hi team, hope the weekend was good. Could someone pull Homeplot's cost per valuation"
            " request for March so far?",
            {"metrics": ["cpa"]},
        ),
        (
            "ok so finance want blended CAC for August vs July, Google and Meta combined. can "
            "someone grab that before 2?",
            {"metrics": ["cpa"]},
        ),
    ],
)
def test_an_analysts_shorthand_reads_as_lookups(question: str, view: dict[str, object]) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        # a closing question of its own is no sign-off
        "Meta vs Google for donations this quarter - which deserves more of the budget?",
        # a request opening the message is no part of the name after it
        "Forecast Ledgerly Q1 demos pls, with a low/high range",
    ],
)
def test_a_closing_question_or_an_opening_request_goes_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "period", "compare"),
    [
        ("Dec '24 tickets by platform for Loudhaus", ("2024-12-01", "2024-12-31"), None),
        (
            "Jan '26 vs Jan '25 subscriptions for Barkfield",
            ("2026-01-01", "2026-01-31"),
            ("2025-01-01", "2025-01-31"),
        ),
        ("spend by platform, 11/1 through yesterday", ("2026-11-01", "2026-11-21"), None),
    ],
)
def test_abbreviated_years_and_spans_to_yesterday(
    question: str, period: tuple[str, str], compare: tuple[str, str] | None
) -> None:
    assert_lookup(
        question,
        {
            "date_range": {"start": period[0], "end": period[1]},
            "compare_to": None if compare is None else {"start": compare[0], "end": compare[1]},
        },
    )


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "Spend for the month before last, Google vs Meta please",
            {"date_range": {"start": "2026-09-01", "end": "2026-09-30"}},
        ),
        ("Leads from Google, Meta and Yelp this week", {"unsupported": ["yelp"]}),
        ("Compare signed retainers Jan vs Dec", {"metrics": ["conversions"]}),
        ("Policies sold by platform in January", {"metrics": ["conversions"]}),
        ("Policy quotes by branch, last 3 months", {"metrics": ["conversions"]}),
        (
            "Leads per campaign for the Riverside office last month",
            {"filters": [{"field": "account", "value": "Riverside"}]},
        ),
    ],
)
def test_more_outcomes_platforms_and_periods_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("nCAC up ~30% on meta in May vs April. why", "cpa"),
        ("Why did cost per case jump on Google after Easter?", "cpa"),
        ("Quick sanity check: is $85 per booked appointment on Meta ok?", "cpa"),
    ],
)
def test_costs_of_more_outcomes_are_cpa(question: str, metric: str) -> None:
    assert [m.value for m in build_plan(question, today=SUNDAY).metrics] == [metric]


def test_an_office_where_people_work_is_no_account() -> None:
    for question in (
        "Can you recommend a good restaurant near our Austin office?",
        "The Lakeside office manager wants to know whether Google or Meta is the better bet.",
    ):
        assert build_plan(question, today=SUNDAY).filters == []


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # the asker's own figures, quoted to be checked against the platform's
        (
            "My sheet says Meta spend was 4,210 for the last 7 days — can you pull the official"
            " figure so I can reconcile?",
            {"metrics": ["spend"]},
        ),
        (
            "My dashboard shows 1,284 clicks on TikTok for last week but the client's export says"
            " 1,310 - can you pull the official figure?",
            {"metrics": ["clicks"]},
        ),
        (
            "Hi both, finance here. Could you send me our total Microsoft Ads spend for October?"
            " I'm matching it against the invoice. Many thanks, Janet",
            {"metrics": ["spend"]},
        ),
        # "of" inside a capitalised name
        (
            "Weekly leads for the Faculty of Business campaign since June 1",
            {"filters": [{"field": "campaign", "value": "Faculty of Business"}]},
        ),
    ],
)
def test_reconciling_figures_and_names_with_of_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "Bookings, spend and CPA by platform for Fri 13th through Mon 16th - the long weekend"
            " sale",
            {"group_by": ["platform"]},
        ),
        (
            "sorry to bug you on a holiday, how much did we spend on Google yday?",
            {"metrics": ["spend"]},
        ),
        (
            "total spend across LinkedIn and Microsoft for Q2 - just one number, finance doesn't"
            " need it split",
            {"group_by": []},
        ),
        (
            "Could you send over cost per new patient by practice for August? Dr Patel wants it",
            {"group_by": ["account"]},
        ),
        ("new patient appts for Harbourside vs Elm Park, last month", {"metrics": ["conversions"]}),
        (
            "can I get daily spend on Meta for the last 2 weeks? want to have it in front of me",
            {"group_by": ["date"]},
        ),
        (
            "revenue last 28 days for the sneaker client, meta and google split by platform",
            {"filters": []},
        ),
        ("Loomrest - orders by week for the Jan sale (2 Jan to 31 Jan)", {"group_by": ["week"]}),
        ("rev by platform yesterday vs the same day last week", {"metrics": ["conversion_value"]}),
        (
            "sorry if I'm being slow today, could you pull clicks and CPC for the Brand Search"
            " campaign on microsoft ads for last week?",
            {"metrics": ["clicks", "cpc"]},
        ),
    ],
)
def test_everyday_asides_and_shorthand_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


def test_asking_whether_there_is_any_difference_goes_to_analysis() -> None:
    question = "weekday vs weekend - any difference in cost per trial for Tallyo?"
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "view"),
    [
        (
            "Can someone pull MTD vs same period LY for Loomrest please - spend, orders, revenue.",
            {"compare_to": {"start": "2025-11-01", "end": "2025-11-22"}},
        ),
        (
            "yo can i get CTR and CPM for each tiktok campaign for september? ta",
            {"group_by": ["campaign"]},
        ),
        (
            "could you send over the number of consultations for each of our clinics for October?",
            {"group_by": ["account"]},
        ),
        (
            "How much did we spend on TikTok between Black Friday and Cyber Monday?",
            {"date_range": {"start": "2025-11-28", "end": "2025-12-01"}, "compare_to": None},
        ),
        (
            "How many reservations did the Riverside and Old Mill taprooms get from Google"
            " last week?",
            {
                "filters": [
                    {"field": "account", "value": "Old Mill"},
                    {"field": "account", "value": "Riverside"},
                ]
            },
        ),
    ],
)
def test_same_period_ly_each_platform_campaign_and_joined_premises(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "platforms"),
    [
        ("what would you change on the clinic's google account? CPA's crept up", ["google_ads"]),
        ("any quick wins on the clinic's meta campaigns?", ["meta_ads"]),
    ],
)
def test_whose_account_is_no_name_and_its_platform_counts(
    question: str, platforms: list[str]
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.filters, [p.value for p in plan.platforms]) == ([], platforms)


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # a client named by its kind of business
        ("CPC on Meta for the water park last week", {"filters": [], "platforms": ["meta_ads"]}),
        ("what's the ferry company's spend this month?", {"metrics": ["spend"]}),
        # a meeting before which the numbers are wanted; someone asked to post them
        (
            "before the client call at 3 - clicks and spend for yesterday pls",
            {"date_range": {"start": "2026-11-21", "end": "2026-11-21"}},
        ),
        ("Before standup could someone post spend by platform for last week", {}),
        # misspelt words of ours
        ("bookigns by week for the last 4 weeks", {"metrics": ["conversions"]}),
        ("top 5 campaigns by clicks accross everything this month", {"group_by": ["campaign"]}),
        # two names side by side whose first word is a word of ours; a city also a given name
        (
            "Old Quay vs Harbour View orders last week",
            {
                "filters": [
                    {"field": "account", "value": "Harbour View"},
                    {"field": "account", "value": "Old Quay"},
                ]
            },
        ),
        ("Memphis vs Austin leads this month", {"group_by": ["account"]}),
        # impressions on a holiday named "Good"
        ("impressions on TikTok on Good Friday", {"compare_to": None}),
        # where the numbers go, how little is needed
        ("daily clicks for last week - it's for the summary slide in the client deck", {}),
        ("total Meta and Google spend for October, no need to split it", {"group_by": []}),
        # a dashboard's windows without their unit, an outcome of trials
        (
            "spend and CPA last 14 vs prior 14",
            {
                "date_range": {"start": "2026-11-08", "end": "2026-11-21"},
                "compare_to": {"start": "2026-10-25", "end": "2026-11-07"},
            },
        ),
        ("trial starts by week since Oct 1", {"metrics": ["conversions"]}),
    ],
)
def test_kinds_of_business_meetings_side_by_side_names_and_bare_windows_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "grouped"),
    [
        ("look at the last 30 vs prior 30 and tell me what changed on TikTok", False),
        ("LinkedIn or Meta: which is the safer bet for webinar sign-ups?", True),
        ("why are we getting more leads from Meta than Google this month?", True),
        ("where should the extra 10k go - google, meta or tiktok?", False),
    ],
)
def test_what_changed_and_bets_go_to_analysis_and_platforms_set_side_by_side_group(
    question: str, grouped: bool
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS, plan.route_reason
    assert (GroupBy.PLATFORM in plan.group_by) is grouped


@pytest.mark.parametrize(
    ("question", "today", "view"),
    [
        # a fortnight before a period; the last N weekends
        (
            "leads since the 10th vs the fortnight before",
            "2026-11-20",
            {
                "date_range": {"start": "2026-11-10", "end": "2026-11-20"},
                "compare_to": {"start": "2026-10-27", "end": "2026-11-09"},
            },
        ),
        (
            "Meta spend over the last three weekends",
            "2026-11-23",
            {"date_range": {"start": "2026-11-07", "end": "2026-11-22"}, "compare_to": None},
        ),
        # a message opening with today's weekday says what day it is
        (
            "Wednesday again. clicks on TikTok since Monday?",
            "2026-11-25",
            {"date_range": {"start": "2026-11-23", "end": "2026-11-25"}},
        ),
        # rank a business's premises; a property misspelt
        ("Rank the gyms by leads for October", "2026-11-22", {"group_by": ["account"]}),
        ("bookings by proprety last month", "2026-11-22", {"group_by": ["account"]}),
        # a given name set before its figures is a place; a request before a possessive name
        (
            "Daily Denver orders since Monday please",
            "2026-11-25",
            {"filters": [{"field": "account", "value": "Denver"}]},
        ),
        (
            "Tulsa, Austin and Denver - orders last week",
            "2026-11-25",
            {
                "filters": [
                    {"field": "account", "value": "Austin"},
                    {"field": "account", "value": "Denver"},
                    {"field": "account", "value": "Tulsa"},
                ],
            },
        ),
    ],
)
def test_fortnights_weekends_todays_weekday_premises_and_places_read_as_written(
    question: str, today: str, view: dict[str, object]
) -> None:
    plan = build_plan(question, today=date.fromisoformat(today))
    assert plan.route is Route.DIRECT, plan.route_reason
    found = plan.contract_view()
    assert {key: found[key] for key in view} == view


@pytest.mark.parametrize(
    ("question", "intent", "filters"),
    [
        (
            "Our CEO keeps asking whether the price rise hurt sign-ups - can you look at since"
            " the 3rd vs the fortnight before?",
            Intent.DIAGNOSIS,
            [],
        ),
        ("explain like I'm new what CTR actually means", Intent.OTHER, []),
        (
            "Estimate Brightwell's revenue for the rest of the quarter",
            Intent.FORECAST,
            ["Brightwell"],
        ),
        ("Are Tacoma's numbers normal for a new store?", Intent.DIAGNOSIS, ["Tacoma"]),
        ("Is our Austin CPA ok?", Intent.DIAGNOSIS, ["Austin"]),
    ],
)
def test_a_reported_question_a_concept_and_names_after_an_opening_word(
    question: str, intent: Intent, filters: list[str]
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent) == (Route.ANALYSIS, intent), plan.route_reason
    assert [f.value for f in plan.filters] == filters


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # a group's brands are its accounts
        ("spend by brand for last month, all platforms", {"group_by": ["account"]}),
        ("Which 2 brands had the lowest CPC on Meta in October?", {"group_by": ["account"]}),
        # a one-word brand before its platform's figures, or typed in lower case
        (
            "Kettlewick LinkedIn spend per campaign, 1 Nov - 14 Nov",
            {"filters": [{"field": "account", "value": "Kettlewick"}]},
        ),
        (
            "kettlewick tiktok clicks mtd?",
            {"filters": [{"field": "account", "value": "kettlewick"}]},
        ),
        # outcomes of recruiting; a campaign named with a small word inside
        ("cost per applicant on LinkedIn last month", {"metrics": ["cpa"]}),
        ("cost per hire on LinkedIn, Q3 vs Q2", {"metrics": ["cpa"]}),
        (
            "clicks on the Back to Campus campaign last week",
            {"filters": [{"field": "campaign", "value": "Back to Campus"}]},
        ),
        # where the numbers go, a ticket, the assistant addressed, checking an invoice
        ("Google spend for October for the accruals file", {"metrics": ["spend"]}),
        ("Total spend for Q3. It's for the Q3 close pack", {"metrics": ["spend"]}),
        ("Ticket 5120 / Google Ads clicks for last week", {"metrics": ["clicks"]}),
        ("@copilot Meta spend last week pls", {"metrics": ["spend"]}),
        ("Meta spend 1/10 - 31/10, the invoice says 4,210 and I want to tie it out", {}),
        ("spend on google for the farmshops last week", {"metrics": ["spend"]}),
    ],
)
def test_brands_lower_case_brands_recruiting_outcomes_and_back_office_asides_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("Kettlewick want to push the Winter Sale campaign harder. worth it?", 2),
        ("is anything off in Kettlewick's account this week?", 1),
        ("why did clicks on Kettlewick's Snow Days campaign drop?", 2),
        ("Which Kettlewick campaigns should we pause?", 1),
        ("Ciao! should we spend more on Meta?", 0),
        ("Rosie's Bakery account: should we raise the Google budget?", 1),
    ],
)
def test_a_brand_as_a_sentences_subject_or_owner_is_an_account(question: str, filters: int) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert plan.route is Route.ANALYSIS
    assert len(plan.filters) == filters, plan.filters
    assert all(f.value not in ("Ciao", "Rosie") for f in plan.filters)


def test_where_a_figure_will_be_is_a_forecast() -> None:
    plan = build_plan(
        "where will Kettlewick's Meta spend be by the end of the month?", today=SUNDAY
    )
    assert (plan.route, plan.intent) == (Route.ANALYSIS, Intent.FORECAST)


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # an agency's clients are its accounts
        ("spend by client for October, all platforms", {"group_by": ["account"]}),
        ("Top 3 clients by leads last quarter", {"group_by": ["account"]}),
        # the whole portfolio; comparisons in other words; a chat channel; a checked screenshot
        ("daily spend for the whole portfolio, last 14 days", {"filters": []}),
        (
            "MTD clicks against the equivalent days last month",
            {"compare_to": {"start": "2026-10-01", "end": "2026-10-22"}},
        ),
        (
            "total spend yesterday compared with the same day a week earlier",
            {"compare_to": {"start": "2026-11-14", "end": "2026-11-14"}},
        ),
        (
            "screenshot in #ua-meta shows a 7.40 CPM for yesterday, can u pull the real CPM on meta"
            " for yesterday",
            {"platforms": ["meta_ads"]},
        ),
        # deposits are an outcome; a client's name of two words, one of them invented
        ("cost per deposit on google since nov 1", {"metrics": ["cpa"]}),
        (
            "platform split of Fernhollow Outdoors conversions last month",
            {"filters": [{"field": "account", "value": "Fernhollow Outdoors"}]},
        ),
        (
            "Brambleton & Vyse call volume by campaign, first two weeks of November",
            {"filters": [{"field": "account", "value": "Brambleton & Vyse"}]},
        ),
    ],
)
def test_clients_portfolios_equivalent_days_channels_and_invented_two_word_names(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        "Hi Priya, could you send me Q3 spend by platform? Many thanks, Tom",
        "Could you send the tours booked from Google Ads in May?\n\nThanks,\nEmma\nHollowmere Barn",
        "Draft an email to Dr Okonkwo on new patient numbers by practice for Feb please",
    ],
)
def test_greetings_titles_and_signatures_name_no_client(question: str) -> None:
    assert build_plan(question, today=SUNDAY).filters == []


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # an outcome's own words before the metric that counts it, or inside "cost per"
        ("season ticket conversions on Meta last week", {"metrics": ["conversions"]}),
        ("matchday ticket cpa yesterday on meta", {"metrics": ["cpa"]}),
        ("cost per season ticket last month", {"metrics": ["cpa"]}),
        ("Rank the platforms by cost per hospitality enquiry, Q3", {"metrics": ["cpa"]}),
        ("membership renewals on google this week", {"metrics": ["conversions"]}),
        # the first or last N days of a month; a period named, then its dates
        (
            "clicks so far this month vs the first 22 days of october",
            {"compare_to": {"start": "2026-10-01", "end": "2026-10-22"}},
        ),
        (
            "Google revenue for the January transfer window, 1 Jan - 2 Feb 2026",
            {"date_range": {"start": "2026-01-01", "end": "2026-02-02"}},
        ),
        # a morning's meeting is no period; French politeness; a slip of "during"
        (
            "the client asked on this morning's call about CPL. What was it on LinkedIn for"
            " the last 30 days?",
            {"date_range": {"start": "2026-10-23", "end": "2026-11-21"}},
        ),
        ("le CPC de Google Ads la semaine dernière, s'il vous plaît", {"metrics": ["cpc"]}),
        ("Spend on Meta durng Easter weekend", {"metrics": ["spend"]}),
    ],
)
def test_outcome_qualifiers_month_edges_named_periods_and_polite_forms_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


def test_which_platform_is_trending_better_is_an_open_question() -> None:
    question = "Meta vs TikTok for camp bookings since 1 June - which one is trending better?"
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # a telecom's outcomes; a region named by the compass
        ("port-ins from msft ads l7d", {"metrics": ["conversions"]}),
        ("cost per pre-order on tiktok last week", {"metrics": ["cpa"]}),
        (
            "store appointments booked through Google in the South West in October",
            {"filters": [{"field": "account", "value": "South West"}]},
        ),
        # a launch day named, then its date
        ("pre-orders on Google on launch day (19 Nov)", {"metrics": ["conversions"]}),
    ],
)
def test_telecom_outcomes_compass_regions_and_named_days_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        "broadband installs on meta: what's the trend telling us for the last 8 weeks?",
        "Month-end note for the CMO pls: spend, leads and cost per lead, MTD",
    ],
)
def test_what_a_trend_tells_and_a_note_asked_for_go_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    "question",
    [
        # found by review: rules of this session that explained too much
        "whyy meta spend last week",
        "Tmrw Meta spend",
        "What's the marginal cost per lead on Google last month?",
        "horrendous cost per lead on Meta last month",
        "lift conversions on Meta last month",
        "CPA vs competitors 1-7 March",
        "conversions on the new checkout page 1-7 March",
        "leads after launching call ads",
        "Meta spend last month for the revised forecast plan",
        "CPA by age groups last month",
        "leads from law firms last month",
        "Meta vs Google this quarter - which one is doing a better job on signed cases?",
        "TikTok vs Meta - which one is actually driving season passes?",
    ],
)
def test_words_a_rule_must_not_explain_leave_the_question_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    "question",
    [
        "Email Olusegun Meta spend last week",
        "Can you ask Tunde Bakare for Meta spend last week",
        "Google Brand vs Google Generic CPA last month",
    ],
)
def test_people_and_platforms_are_no_accounts(question: str) -> None:
    assert not [f for f in build_plan(question, today=SUNDAY).filters if f.field == "account"]


def test_a_sundays_cpa_asked_on_a_sunday_is_last_sunday() -> None:
    view = build_plan("Sunday cpa?", today=SUNDAY).contract_view()
    assert view["date_range"] == {"start": "2026-11-15", "end": "2026-11-15"}


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # a quarter or half with its year cut short
        ("Q3 '25 spend by platform", {"date_range": {"start": "2025-07-01", "end": "2025-09-30"}}),
        ("H1 ’26 leads on Meta", {"date_range": {"start": "2026-01-01", "end": "2026-06-30"}}),
        # the first of the month, spoken, and a spoken range's second day after "the"
        (
            "how many demos from linkedin since the first of the month",
            {"date_range": {"start": "2026-11-01", "end": "2026-11-22"}},
        ),
        (
            "orders on meta from the third of november until the ninth",
            {"date_range": {"start": "2026-11-03", "end": "2026-11-09"}},
        ),
        # a home-cleaning firm's cleans, a meal kit's first boxes, tickets as "tix"
        ("booked cleans on google last week", {"metrics": ["conversions"]}),
        ("first box numbers on tiktok last week", {"metrics": ["conversions"]}),
        ("tix sold via meta last week?", {"metrics": ["conversions"]}),
        ("free trial sign-ups on linkedin last month", {"metrics": ["conversions"]}),
        # the sale a period is named for, Irish and Nigerian openings, a contraction
        ("meta orders over the EOFY sale, 21-30 june 2026", {"metrics": ["conversions"]}),
        ("abeg meta spend yesterday", {"metrics": ["spend"]}),
        ("what'd we spend on tiktok last week?", {"metrics": ["spend"]}),
        ("Kindly assist with the CTR on LinkedIn for October", {"metrics": ["ctr"]}),
    ],
)
def test_short_years_spoken_days_and_new_outcomes_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # where the numbers go, and who wants them
        (
            "Could you send the Google clicks for October? This is for the Westside annual "
            "review deck.",
            {"metrics": ["clicks"]},
        ),
        ("Bing CPA last week for the store managers' huddle", {"metrics": ["cpa"]}),
        (
            "LinkedIn leads by month for 2025 - the finance team need them for the board",
            {"group_by": ["month"]},
        ),
        # a deck's quarter is no period asked when another is named
        (
            "What was Meta spend for the month of August? I want to put it in the Q3 review "
            "slides.",
            {"date_range": {"start": "2026-08-01", "end": "2026-08-31"}},
        ),
        # a figure from another system, and the platform's own asked for
        (
            "Salesforce says 212 SQLs came from Google last month. What is Google itself "
            "reporting?",
            {"metrics": ["conversions"]},
        ),
        (
            "GA4 shows $9,120 of TikTok spend for October - can you pull it straight from "
            "TikTok so I can check it?",
            {"metrics": ["spend"]},
        ),
        (
            "Meta is showing a CPC of $1.12 for last week, can you confirm that from your end?",
            {"metrics": ["cpc"]},
        ),
    ],
)
def test_what_the_numbers_are_for_and_figures_to_check_keep_a_lookup_direct(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        # advice asked only in function words, after a lookup-like list
        "We've got an extra $15k for December. Google, Bing or LinkedIn? Where would you put it?",
        "which campaigns need it most?",
        # a one-word verdict after the figures
        "Meta CPA this month. ok?",
        "LinkedIn leads last week. Good?",
        "how many bookings yesterday - normal for a monday?",
        # "reporting" with no figure quoted is still a report
        "what is the reporting on meta showing",
    ],
)
def test_advice_in_function_words_and_one_word_verdicts_go_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "intent", "tier"),
    [
        # a verdict in a word or two after the figures
        ("linkedin cpc last month — fine?", "diagnosis", "small"),
        ("bing cpa oct, too high?", "diagnosis", "small"),
        ("meta roas for the weekend just gone, good enough?", "diagnosis", "small"),
        ("what grade would you give our Google account this quarter?", "diagnosis", "small"),
        # worth it, or a waste
        # "what did TikTok cost us in October and was it a waste?" is the intent model's
        # diagnosis now (a verdict on a value): test_route_model
        ("is it worth doubling the Spring Lambs campaign on Meta?", "recommendation", "small"),
        ("leads from LinkedIn in Q3 - enough to justify it?", "recommendation", "small"),
        # a money move asked as a what-if, a split or a budget to set
        (
            "if we moved 30% of the Meta budget to Google what happens to leads?",
            "recommendation",
            "large",
        ),
        (
            "what's the right split between Bing and Google for next quarter?",
            "recommendation",
            "large",
        ),
        ("What's the best daily budget for our LinkedIn ads?", "recommendation", "medium"),
        # something odd hunted for, before the why and advice words it carries
        ("anything funny going on with the Harbour store's Google ads?", "anomaly", "medium"),
        ("Anything unusual last week I should know about?", "anomaly", "medium"),
        # writing asked in a chat message's words
        ("slack msg for the founders: 3 lines on how Black Friday went on Meta", "report", "large"),
        ("need a quick para on October variance, spend vs leads", "report", "large"),
    ],
)
def test_short_verdicts_what_ifs_odd_things_and_messages_take_their_intent(
    question: str, intent: str, tier: str
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value, plan.tier and plan.tier.value) == (
        Route.ANALYSIS,
        intent,
        tier,
    ), plan.route_reason


@pytest.mark.parametrize(
    "question",
    [
        "Meta spend for October, just the number, no commentary needed",
        "¿cuánto gastamos en Meta el mes pasado? Necesito el número para el cliente",
        "I need to justify it to the CFO: LinkedIn spend last month",
    ],
)
def test_commentary_refused_and_a_spanish_para_keep_a_lookup_direct(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.DIRECT


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        # a business's own outcome, named only by the frame that counts or prices it
        ("cost per valet on google last week", ["cpa"]),
        ("how many kayak rentals did we get from meta last week", ["conversions"]),
        ("number of tastings from tiktok in october", ["conversions"]),
        ("costs per gutter survey on bing last month", ["cpa"]),
        # a word of one of our outcome phrases, alone ("trial class", "account opening")
        ("cost per class on meta last month", ["cpa"]),
        ("cost per opening on google last month", ["cpa"]),
    ],
)
def test_an_outcome_named_only_by_its_frame_is_counted_or_priced(
    question: str, metrics: list[str]
) -> None:
    assert_lookup(question, {"metrics": metrics})


@pytest.mark.parametrize(
    "question",
    [
        # the frame around time, complaints, or words of ours keeps its meaning
        "how many complaints did we get about the ads last week",
        "how many times did we exceed budget last week",
        "how is cost per enquiry calculated in here?",
        "Where is our cost per donation headed this year?",
    ],
)
def test_a_frame_around_no_outcome_leaves_the_question_open(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # asides of a busy office, hospitals as accounts, a pasted header to fill in
        (
            "I know you're swamped with the launch, but when someone gets a chance could you "
            "send Meta leads for last week? Apologies for all the questions!",
            {"metrics": ["conversions"]},
        ),
        ("enquiries per hospital on google, last month", {"group_by": ["account"]}),
        (
            "Week | Spend | Leads | CPL\n\nfill this in for the last 4 weeks pls",
            {"group_by": ["week"]},
        ),
        (
            "Platform | Spend | Orders\n\ncan u fill this in for October thx",
            {"group_by": ["platform"]},
        ),
        # a weekday just gone, a month's same days, Scots, click-and-collect, shorthand
        (
            "taproom bookings for Friday just gone",
            {"date_range": {"start": "2026-11-20", "end": "2026-11-20"}},
        ),
        (
            "Nov MTD vs Oct same days, meta spend",
            {"compare_to": {"start": "2026-10-01", "end": "2026-10-22"}},
        ),
        ("can ye gie us the orders fae Google last week", {"metrics": ["conversions"]}),
        ("click and collect orders on google last week", {"metrics": ["conversions"]}),
        ("yday installs frm tiktok", {"metrics": ["conversions"]}),
        ("sample requests and showroom visits on meta last week", {"metrics": ["conversions"]}),
        ("Can u split last month's clicks by platform, need it for the Monday WIP", {}),
    ],
)
def test_busy_asides_pasted_headers_and_shop_words_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("How's the Harbour Street shop doing?", "diagnosis"),
        ("google cpc, fine or nah", "diagnosis"),
        ("if we halved Bing spend, would we lose half the leads?", "recommendation"),
        ("does LinkedIn even do anything for us", "recommendation"),
        ("rough guess where TikTok spend ends up this month?", "forecast"),
        ("if we keep spending like we did in October, what does November look like?", "forecast"),
        # "meta cpa went from $40 to $55 in a week. new normal?": the intent model's diagnosis
        ("turn last week's Google numbers into something I can paste to the founders", "report"),
    ],
)
def test_a_place_doing_a_what_if_a_landing_and_a_new_normal_take_their_intent(
    question: str, intent: str
) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value) == (Route.ANALYSIS, intent), plan.route_reason


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # buildings as accounts, new outcomes, a rival's count left out
        ("which 3 buildings had the most viewings in March?", {"group_by": ["account"]}),
        ("site visits booked per region, MTD", {"metrics": ["conversions"]}),
        ("seller listings from meta yesterday", {"metrics": ["conversions"]}),
        ("ancillary revenue from google in june", {"metrics": ["conversion_value"]}),
        ("bottom 5 buildings by viewings this month, not counting TikTok", {}),
        # a reply to our digest, Yorkshire and Tagalog politeness, who asked for it
        (
            "Re: Your weekly digest - 9-15 June\n\nCan I get that split by campaign for Bing "
            "please? Just spend and clicks.",
            {"group_by": ["campaign"]},
        ),
        ("how many viewings off google from monday while yesterday?", {"metrics": ["conversions"]}),
        ("can yer split last week's meta spend by campaign, ta", {"group_by": ["campaign"]}),
        ("did we get owt from tiktok over the weekend? orders I mean", {}),
        ("Good day po! May I request the total spend of Bing for the month of October?", {}),
        (
            "Hiya, hope your week's going ok. The ops director has asked for this - could I get "
            "viewings by building last week please?",
            {"group_by": ["account"]},
        ),
        (
            "CFO here. Total ad spend for Q3, one number. It's going in the board pack on Friday.",
            {"metrics": ["spend"]},
        ),
        ("how much did we raise through the Fun Run campaign on Meta in May?", {}),
        ("clicks for tick tock from october the fifth to october the eleventh", {}),
        ("avg CPC on bing last month", {"metrics": ["cpc"]}),
        ("> Leads: 212 (up 8%)\n\nwhich campaigns were those from? top 5 is fine", {}),
    ],
)
def test_digest_replies_regional_words_and_new_premises_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        # a verdict as the last bullet, or right after the figures
        "- Google spend last wk\n- Google CPA last wk\n- ok?",
        "bookings ok this week?",
        # what a trend tells, and "the story with" the figures
        "what does the Q3 trend in CPA tell us so far?",
        "What's the story with Bing CTR over the past 6 weeks?",
        # how a platform counts is a question about the platform
        "how does google count a view-through conversion?",
    ],
)
def test_a_bullet_verdict_what_a_trend_tells_and_the_story_go_to_analysis(question: str) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "route"),
    [
        ("google CPA great this week?", Route.ANALYSIS),
        ("meta leads alright for a tuesday?", Route.ANALYSIS),
        ("ok so google spend last week", Route.DIRECT),
        ("Right, could you tell me the CPC on Google for November?", Route.DIRECT),
        ("okay um what did we spend on meta yesterday", Route.DIRECT),
    ],
)
def test_ok_great_or_right_explain_themselves_only_opening_a_message(
    question: str, route: Route
) -> None:
    assert build_plan(question, today=SUNDAY).route is route


def test_a_holiday_this_year_vs_last_year_compares_the_two_holidays() -> None:
    view = assert_lookup("Easter weekend this year vs last year, bookings on meta", {})
    assert view["date_range"] == {"start": "2026-04-03", "end": "2026-04-06"}
    assert view["compare_to"] == {"start": "2025-04-18", "end": "2025-04-21"}


@pytest.mark.parametrize(
    "question",
    [
        "Where does Google spend land for December if nothing changes?",
        "where does Q1 spend land if we keep the current pace?",
    ],
)
def test_where_spend_lands_is_a_forecast(question: str) -> None:
    plan = build_plan(question, today=SUNDAY)
    assert (plan.route, plan.intent.value) == (Route.ANALYSIS, "forecast"), plan.route_reason


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # outcomes of a farm box, an accountancy firm, group bookings
        ("first deliveries by platform this month", {"group_by": ["platform"]}),
        ("Referrals from Meta per region, last 28 days", {"metrics": ["conversions"]}),
        ("which office had the lowest cost per consultation call in October?", {}),
        ("Which 3 campaigns brought the most group bookings last week?", {}),
        # a bookkeeper's exact totals, Gen-Z asides, a numbered email's "same period"
        (
            "Meta spend per platform last month. Need exact totals to tie out the supplier "
            "invoices.",
            {"metrics": ["spend"]},
        ),
        ("I'm reconciling invoices: exact Bing spend for October, to the penny please", {}),
        ("bestie tiktok cpc l7d, no cap i need it for the recap slide in 10", {}),
        ("ngl i need the fb impressions for the weekend, no analysis just the number", {}),
        ("yo can u pull tt spend l7d rn", {}),
        (
            "Could you please provide:\n1. Total spend on LinkedIn for Q3 2026.\n2. The number "
            "of leads LinkedIn generated over the same period.",
            {"date_range": {"start": "2026-07-01", "end": "2026-09-30"}},
        ),
        ("Meta spend for October, no need for any commentary", {}),
        # analysts' SQL, a catch-up with the managers
        (
            "SELECT campaign, SUM(conversions) AS leads FROM ads GROUP BY campaign ORDER BY "
            "leads DESC LIMIT 5 -- last 7 days",
            {"group_by": ["campaign"]},
        ),
        (
            "leads this month vs same period last year, it's for Thursday's catch-up with the "
            "store managers",
            {},
        ),
    ],
)
def test_bookkeepers_gen_z_numbered_emails_and_sql_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


def test_what_a_long_trend_tells_us_goes_to_analysis() -> None:
    question = "what does the Q3 trend in free trial sign-ups on meta tell us"
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


def test_sql_keywords_in_capitals_are_no_campaign_names() -> None:
    question = (
        "SELECT campaign, SUM(spend) FROM ads GROUP BY campaign ORDER BY spend DESC -- last month"
    )
    assert not build_plan(question, today=SUNDAY).filters
    # Meta's Advantage+ shopping campaigns keep their name
    assert build_plan("revenue from the ASC campaigns last week", today=SUNDAY).filters


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # an optician's, an installer's, a spa's and a game studio's outcomes; counties
        ("weekly eye test bookings by practice for October", {"group_by": ["account", "week"]}),
        ("signed contracts by county, last month", {"group_by": ["account"]}),
        ("survey requests day by day since Monday, Bing", {"metrics": ["conversions"]}),
        ("ROAS for Meta gift vouchers over the weekend", {"metrics": ["roas"]}),
        ("bottom 3 practices by contact lens subs this quarter", {}),
        ("payers per campaign on tiktok, last week", {"metrics": ["conversions"]}),
        ("click & collect revenue on google vs same period last year", {}),
        # Australian and Southern asides, slang for spend, a meeting before
        ("G'day, what'd we spend on Bing last week mate? Cheers legend", {}),
        ("Hey y'all, could ya pull our Meta spend for the last 2 weeks? Much obliged", {}),
        ("oi what's the damage on Meta this month so far", {"metrics": ["spend"]}),
        ("quick one before the clinic leads' call - how many bookings from Google yesterday?", {}),
        ("Daily bookings from Bing this week pls, the MD wants to see it", {}),
        (
            "Kindly provide the CTR for Google for this month compared to last month same period.",
            {},
        ),
        ("What is the position of leads from LinkedIn for last week? Please revert.", {}),
        ("Total clicks across every platform for October, one number not split", {}),
    ],
)
def test_a_clinic_installer_and_spa_and_their_asides_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


@pytest.mark.parametrize(
    "question",
    [
        # advice in function words without a question mark after a list of platforms
        "We have an extra $8k for March. Google, Bing or TikTok for the spring sale? Where would "
        "you put it",
        # what a long trend is telling us; a season weeks away
        "What's the trend in cost per lead on Bing telling us over the last quarter?",
        "Black Friday is 2 weeks out - what are we looking at for orders on Meta?",
    ],
)
def test_unmarked_advice_a_trend_telling_and_a_coming_season_go_to_analysis(
    question: str,
) -> None:
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


@pytest.mark.parametrize(
    ("question", "view"),
    [
        # Scots, Hinglish, a car wash's sites and washes, a dog food's subscription starts
        ("Can ye show us the spend day by day fir last week?", {"group_by": ["date"]}),
        ("gonnae tell us how many leads we got aff Bing ower the past fortnight?", {}),
        ("bhai kal ka Google spend kitna tha? jaldi batao", {"metrics": ["spend"]}),
        ("Meta ka CTR is week vs last week? bata do", {"metrics": ["ctr"]}),
        ("single washes per site yesterday", {"group_by": ["account"]}),
        ("subscription starts by week for the last 8 weeks", {"group_by": ["week"]}),
        # asides: a moved meeting, a show that went well, "also add", pulling an update together
        (
            "Morning all. Board meeting's been moved to Thursday so no rush, but could someone "
            "pull Bing impressions for last week?",
            {"metrics": ["impressions"]},
        ),
        (
            "Hope the launch went well on Friday! Could you grab me total leads from Meta over "
            "the last 30 days?",
            {"date_range": {"start": "2026-10-23", "end": "2026-11-21"}},
        ),
        ("Could I get Bing clicks for yesterday? Oh and can you also add the CPC. ta", {}),
        (
            "Can you get me spend by platform for Q3? Putting together the quarterly numbers for "
            "the board.",
            {"group_by": ["platform"]},
        ),
        ("@AYA pls post Meta spend + clicks for October in this channel", {}),
        ("How many orders came off the back of TikTok last week?", {"metrics": ["conversions"]}),
        ("Google spend for last month for the Rosebank clinic, for the finance recon", {}),
    ],
)
def test_scots_hinglish_car_wash_sites_and_office_asides_read_as_lookups(
    question: str, view: dict[str, object]
) -> None:
    assert_lookup(question, view)


def test_scots_advice_asked_with_your_own_money_goes_to_analysis() -> None:
    question = "Whit wid ye dae wi the budget if it wis yer ain money — Bing, Meta or TikTok?"
    assert build_plan(question, today=SUNDAY).route is Route.ANALYSIS


def test_a_site_survey_is_no_site() -> None:
    plan = build_plan("cost per site survey on google, last 30 days", today=SUNDAY)
    assert plan.route is Route.DIRECT
    assert not plan.group_by
