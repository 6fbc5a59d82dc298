"""Platforms, metrics, unsupported platforms, typo tolerance and its guard."""

from __future__ import annotations

from datetime import date

import pytest

from libs.common.vocab import Intent, Metric, Platform
from services.router import build_plan
from services.router.real_words import TARGETS_FINGERPRINT
from services.router.tokens import normalize
from services.router.vocabulary import correct, nearest_target, targets_fingerprint

TODAY = date(2026, 11, 22)


def platforms(text: str) -> list[str]:
    return sorted(p.value for p in build_plan(text, today=TODAY).platforms)


def metrics(text: str) -> list[str]:
    return sorted(m.value for m in build_plan(text, today=TODAY).metrics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("spend on Google", Platform.GOOGLE_ADS),
        ("spend on Google Ads", Platform.GOOGLE_ADS),
        ("spend on AdWords", Platform.GOOGLE_ADS),
        ("spend on our search campaigns", Platform.GOOGLE_ADS),
        ("spend on YouTube", Platform.GOOGLE_ADS),
        ("spend on Meta", Platform.META_ADS),
        ("spend on Facebook", Platform.META_ADS),
        ("spend on FB", Platform.META_ADS),
        ("spend on Instagram", Platform.META_ADS),
        ("spend on IG", Platform.META_ADS),
        ("spend on TikTok", Platform.TIKTOK_ADS),
        ("spend on Tik Tok", Platform.TIKTOK_ADS),
        ("spend on TT", Platform.TIKTOK_ADS),
        ("spend on LinkedIn", Platform.LINKEDIN_ADS),
        ("spend on LI", Platform.LINKEDIN_ADS),
        ("spend on Bing", Platform.MICROSOFT_ADS),
        ("spend on Microsoft Advertising", Platform.MICROSOFT_ADS),
        ("spend on MSFT", Platform.MICROSOFT_ADS),
        ("spend on msft ads", Platform.MICROSOFT_ADS),
        ("spend on googel", Platform.GOOGLE_ADS),
    ],
)
def test_platform_synonym_maps_to_platform(text: str, expected: Platform) -> None:
    assert platforms(text) == [expected.value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what did it cost", [Metric.SPEND]),
        ("ad spend yesterday", [Metric.SPEND]),
        ("revenue yesterday", [Metric.CONVERSION_VALUE]),
        ("sales yesterday", [Metric.CONVERSION_VALUE]),
        ("how many sales yesterday", [Metric.CONVERSIONS]),
        ("number of sales yesterday", [Metric.CONVERSIONS]),
        ("conversion value yesterday", [Metric.CONVERSION_VALUE]),
        ("leads yesterday", [Metric.CONVERSIONS]),
        ("purchases and signups yesterday", [Metric.CONVERSIONS]),
        ("return on ad spend yesterday", [Metric.ROAS]),
        ("cost per click yesterday", [Metric.CPC]),
        ("cost per acquisition yesterday", [Metric.CPA]),
        ("cost per lead yesterday", [Metric.CPA]),
        ("impr yesterday", [Metric.IMPRESSIONS]),
        ("conv yesterday", [Metric.CONVERSIONS]),
        ("CTR and CPM yesterday", [Metric.CPM, Metric.CTR]),
        ("conversion rate yesterday", [Metric.CLICKS, Metric.CONVERSIONS]),
        ("installs and eCPI on tiktok last week", [Metric.CONVERSIONS, Metric.CPA]),
        ("eCPC on google yesterday", [Metric.CPC]),
        ("click-through rates for each meta campaign", [Metric.CTR]),
        ("cost per presale signup on meta last week", [Metric.CPA]),
    ],
)
def test_metric_phrase_maps_to_metrics(text: str, expected: list[Metric]) -> None:
    assert metrics(text) == sorted(m.value for m in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how many signed cases did Google bring in last week", ["conversions"]),
        ("calls from the Truck Accident campaign last week", ["conversions"]),
        ("cost per enquiry on Meta in October", ["cpa"]),
        ("MQL cost on LinkedIn, Jan vs Dec", ["cpa"]),
        ("spend, SQLs and cost/SQL on LinkedIn last quarter", ["conversions", "cpa", "spend"]),
        ("application numbers by campaign on Meta last month", ["conversions"]),
        ("test drives booked from TikTok last week", ["conversions"]),
        ("new members on meta last month", ["conversions"]),
        ("booking revenue on Meta in June", ["conversion_value"]),
    ],
)
def test_any_outcome_a_business_counts_is_a_conversion_and_its_cost_cpa(
    text: str, expected: list[str]
) -> None:
    plan = build_plan(text, today=TODAY)
    assert sorted(m.value for m in plan.metrics) == expected
    assert plan.route_reason.unexplained == []


def test_an_outcome_word_does_not_become_a_typo_target() -> None:
    # "rest" is a real word one letter from "test" (of "test drive"): "the rest of the month"
    # stays the rest of the month.
    plan = build_plan("expected leads from LinkedIn for the rest of the month?", today=TODAY)
    assert (plan.date_range.start, plan.date_range.end) == (date(2026, 11, 23), date(2026, 11, 30))


def test_cost_per_x_does_not_also_add_spend() -> None:
    assert metrics("cost per click and cost per acquisition") == ["cpa", "cpc"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pinterest spend", ["pinterest"]),
        ("spend on Snapchat and Reddit", ["reddit", "snapchat"]),
        ("spend on Amazon Ads", ["amazon"]),
        ("Quora, Taboola and Outbrain spend", ["outbrain", "quora", "taboola"]),
        ("spend on X", ["x"]),
        ("X ads spend", ["x"]),
        ("spend on Twitter", ["twitter"]),
    ],
)
def test_unsupported_platform_is_reported_by_lower_case_name(
    text: str, expected: list[str]
) -> None:
    plan = build_plan(text, today=TODAY)
    assert (sorted(plan.unsupported), plan.platforms) == (expected, [])


@pytest.mark.parametrize("text", ["a 2.1x ROAS", "X marks the spot", "10 x 3 campaigns"])
def test_x_outside_a_platform_context_is_not_a_platform(text: str) -> None:
    assert build_plan(text, today=TODAY).unsupported == []


@pytest.mark.parametrize(
    ("typo", "fixed"),
    [
        ("facebok", "facebook"),
        ("gogle", "google"),
        ("impresions", "impressions"),
        ("clikcs", "clicks"),
        ("convrsions", "conversions"),
        ("yesterdya", "yesterday"),
        ("linkdin", "linkedin"),
        ("pintrest", "pinterest"),
        ("reveneu", "revenue"),
        ("spned", "spend"),
    ],
)
def test_typo_of_a_domain_word_is_corrected(typo: str, fixed: str) -> None:
    assert correct(typo) == fixed


@pytest.mark.parametrize(
    "word", ["cast", "data", "post", "being", "ring", "weak", "the", "ads", "trending", "suggest"]
)
def test_common_or_short_word_is_never_corrected(word: str) -> None:
    assert correct(word) is None


@pytest.mark.parametrize(
    ("word", "near"),
    [
        ("tracking", "trailing"),
        ("stopped", "dropped"),
        ("raising", "trailing"),
        ("standing", "spending"),
        ("content", "convert"),
        ("slack", "black"),
        ("says", "days"),
        ("coats", "costs"),
    ],
)
def test_a_real_word_is_never_corrected_into_another_word(word: str, near: str) -> None:
    assert nearest_target(word) == near  # close enough to be taken for a typo ...
    assert correct(word) is None  # ... but a dictionary word, so it stays itself


def test_the_real_word_list_was_made_for_the_current_domain_words() -> None:
    # Adding a metric or platform word adds typo targets: run tools/router_real_words.py again.
    assert targets_fingerprint() == TARGETS_FINGERPRINT


def test_a_tracking_outage_question_is_about_ads_not_off_topic() -> None:
    plan = build_plan("did tracking break anywhere in september, any outages?", today=TODAY)
    assert plan.intent is Intent.ANOMALY
    assert "tracking" in plan.route_reason.unexplained  # read as itself, not as "trailing"


def test_typos_are_recorded_in_the_rationale() -> None:
    plan = build_plan("facebok spned yesterdya", today=TODAY)
    assert (plan.platforms, plan.metrics) == ([Platform.META_ADS], [Metric.SPEND])
    assert "typo:facebok->facebook" in plan.rationale


def test_normalize_splits_hyphens_and_keeps_dates_whole() -> None:
    assert normalize("Cost-per-click on 2026-10-01, 11/03").tokens == (
        "cost", "per", "click", "on", "2026-10-01", "11/03",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("spend in q one twenty twenty six", "spend in q1 2026"),
        (
            "between december twenty second and january fourth",
            "between december 22nd and january 4th",
        ),
        ("from the third until yesterday", "from the 3rd until yesterday"),
        ("on the seventeenth and eighteenth", "on the 17th and 18th"),
        ("the first of july to yesterday", "the 1st of july to yesterday"),
        ("the seven days before that", "the 7 days before that"),
        ("in two thousand and twenty five", "in 2025"),
        # not a day or a count: stays a word
        ("the first campaign and the second one", "the first campaign and the second one"),
        ("the first week of march", "the first week of march"),
    ],
)
def test_dictated_numbers_are_read_as_digits_only_where_they_date_or_count(
    spoken: str, written: str
) -> None:
    assert normalize(spoken).text.strip() == written


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (
            "me pasas los installs de TikTok de ayer?",
            "me pasas los installs de tiktok de yesterday",
        ),
        ("le CPC LinkedIn de la semaine dernière svp", "le cpc linkedin last week svp"),
        (
            "quanto a gente gastou no LinkedIn no mês passado?",
            "how much a gente spend on linkedin last month",
        ),
        ("w/c 6 April tiktok ticket sales", "week commencing 6 april tiktok ticket sales"),
        ("booked jobs from the weekend? sat + sun", "booked jobs from the weekend saturday sunday"),
        ("Fri 13th through Mon 16th", "the 13th through the 16th"),
        ("BF weekend Meta ROAS", "black friday weekend meta roas"),
        # an English "no" and a "sat" that is a verb stay
        ("no leads since I sat down", "no leads since i sat down"),
    ],
)
def test_other_languages_and_calendar_shorthand_are_read_in_english(
    written: str, read: str
) -> None:
    assert normalize(written).text.strip() == read


@pytest.mark.parametrize(
    "question",
    [
        "Hola! me pasas los installs de TikTok de ayer? gracias",
        "Bonjour! quick one - le CPC LinkedIn de la semaine dernière svp? merci",
        "Oye, me puedes sacar el CTR de Meta por campaña, last 30 days? gracias!!",
        "top 5 campaigns by petition signups this month",
        "Q3 vs Q2 funded accounts by platform",
        "last weekend's trial class signups by studio",
        "google ads quote requests by region, december pls",
        "Kindly provide platform wise breakup of leads for last month. Do the needful.",
        "Please share week wise spends for Meta for last 8 weeks. Thanks in advance.",
        "new patient bookings per practice, Thanksgiving week vs the week before",
        "Morning all! Hope everyone had a lovely break 🎉 could someone pull Meta enquiries for"
        " last week?",
        "Board wants full-year 2026 spend and revenue by platform. No commentary needed.",
        "Aye, quick yin — whit did we spend oan Google yesterday?",
        "wat was tge spend on tiktok lsat week",
        "metric=cpa platform=linkedin range=mtd group=campaign",
        "Peux-tu me donner les impressions et les clics sur Microsoft Ads hier? Thanks",
        "Top 3 branches for mortgage applications in May, please (all platforms)",
        "lift tickets easter weekend by resort",
        "Q1 spend vs Q4 — need both numbers for the board pack",
        "For the month-end close could you send me total ad spend for December vs November?",
        "hey! hope everyone had a good 4th. quick q — how many open day registrations came in"
        " from Meta last week?",
        "the dentist wants to know total new patient appointments from all ads in April",
        "Booking revenue by market for July please",
        "Gym membership signups google vs meta vs tiktok, last 2 weeks",
        "show me daily subscriptions from TikTok over the last 14 days",
        "the number of applications generated through paid advertising during January?",
        "Consultation requests by platform for September please, Dr. Reyes wants it for her"
        " Friday review.",
        "Peux-tu me sortir les loyalty sign-ups par ville pour mars? Thanks!",
        "Registrations for the 'RSA 2026 Booth' campaign: I count 212 from Feb 1 through"
        " yesterday across everything. Can you pull the official figure by platform?",
        "Q3 LinkedIn: I have spend $84,210, 96 meetings, $877/meeting. Please pull the same"
        " three from the platform data.",
        "Eagle Summit spend this week vs the same week last year",
        "Sorry if this is a silly question, but how many trial sign-ups did Google bring in last"
        " month?",
        "Test ride bookings per city last week",
        "the 5 Meta campaigns with the fewest bookings in Feb",
        "Google + Microsoft combined spend last quarter, not split by platform pls",
        "which 3 taprooms had the most bookings last week?",
        "TikTok impressions yesterday for the Northgate taproom",
        "Hello, for the reconciliation against the Microsoft invoice, could you send me Microsoft"
        " Ads spend for September?",
        "Hi both — could you pull the total donations from the Winter Appeal campaign over the"
        " holidays? Just need the number for the trustees, thanks!",
        "Howya, any chance of the conversions for Google yesterday? No rush, sound",
        "Order count and revenue for Meta in May so I can work out AOV",
        "can you pull the Meta spend for Rachel for last week?",
    ],
)
def test_a_lookup_in_a_business_s_own_words_or_another_language_stays_direct(question: str) -> None:
    plan = build_plan(question, today=TODAY)
    assert plan.route_reason.unexplained == []
    assert plan.route.value == "direct"


def test_a_capitalised_given_name_is_a_person_not_a_typo_of_a_domain_word() -> None:
    greeted = build_plan("Hi Marco, could you send me TikTok spend for August?", today=TODAY)
    assert (greeted.date_range.start.month, greeted.date_range.end.month) == (8, 8)
    assert normalize("roas for Ross").tokens == ("roas", "for", "ross")
    assert normalize("our rosa last week").tokens[1] == "roas"  # lower case: still a typo


def test_a_wish_names_no_period() -> None:
    plan = build_plan("Hope you had a good weekend. Our LinkedIn CPM for April?", today=TODAY)
    assert (plan.date_range.start, plan.date_range.end) == (date(2026, 4, 1), date(2026, 4, 30))


def test_figures_quoted_without_a_request_to_check_them_still_ask_for_a_verdict() -> None:
    judged = build_plan("Meta CPA is $80 this month, is that good?", today=TODAY)
    assert judged.route.value == "analysis"
    checked = build_plan("Meta CPA is $80 this month per my export, can you confirm?", today=TODAY)
    assert checked.route_reason.unexplained == [], checked.route_reason


def test_capitalised_words_opening_a_sentence_before_a_figure_name_an_account() -> None:
    named = build_plan("Eagle Summit spend this week vs the same week last year", today=TODAY)
    assert [(f.field.value, f.value) for f in named.filters] == [("account", "Eagle Summit")]
    for plain in (
        "Black Friday spend vs last year",
        "Google Ads spend last week",
        "Quick Qs - how many conversions from tiktok in october?",
    ):
        assert build_plan(plain, today=TODAY).filters == [], plain


def test_a_named_place_keeps_its_first_word_and_a_platform_is_no_campaign() -> None:
    mill = build_plan("Any tips for Meta bookings at the Old Mill taproom?", today=TODAY)
    assert [f.value for f in mill.filters] == ["Old Mill"]
    reddit = build_plan("Would Reddit ads make sense for us alongside LinkedIn?", today=TODAY)
    assert (reddit.filters, reddit.unsupported) == ([], ["reddit"])
    assert reddit.intent is Intent.RECOMMENDATION


def test_if_things_keep_going_like_this_asks_for_a_forecast() -> None:
    plan = build_plan("Expected Q4 revenue from Meta if things keep going like this?", today=TODAY)
    assert plan.intent is Intent.FORECAST


def test_a_purpose_names_no_time_grain_and_a_ranking_then_what_to_do_asks_advice() -> None:
    sync = build_plan("LinkedIn CPC in May for the weekly sync", today=TODAY)
    assert (sync.intent, sync.group_by) == (Intent.LOOKUP, [])
    worst = build_plan(
        "worst 3 campaigns on TikTok by CPA in July - what do we do with them?", today=TODAY
    )
    assert worst.intent is Intent.RECOMMENDATION
