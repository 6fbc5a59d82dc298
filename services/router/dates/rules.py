"""The phrase rules of dates: one regex over `Normalized.text` and one resolver per way of
naming a period, tried by `mentions.find_mentions` (the phrase-level conventions are there).

A table, kept whole so every phrase a question may use is found in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from libs.common.plan import DateRange
from services.router.dates import days, fiscal, holidays, parts, seasons
from services.router.dates import periods as p
from services.router.dates import resolvers as r
from services.router.dates.needs import NEEDS
from services.router.dates.rule_pieces import (
    A_YEAR,
    COUNT_WEEKS,
    FULL,
    FY,
    LAST,
    MONTH_YEAR,
    NOT_AN_END,
    UNIT_ALT,
)
from services.router.dates.words import MONTH_RE, NOT_A_GREETING, NUM_RE, day_re, number


@dataclass(frozen=True, slots=True)
class Rule:
    """A way of naming a period: its pattern and how it resolves against today."""

    name: str
    pattern: re.Pattern[str]
    resolve: r.Resolver
    unit: str | None = None
    needs: tuple[str, ...] = ()
    """Words one of which the text must hold for the pattern to match at all (`needs.py`;
    `find_mentions` meets them with `present_needs`)."""


def _rule(name: str, regex: str, resolve: r.Resolver, unit: str | None = None) -> Rule:
    pattern = re.compile(r"(?<= )(?:" + regex + r")(?= )")
    return Rule(name, pattern, resolve, unit, NEEDS[name])


RULES: tuple[Rule, ...] = (
    _rule(
        "this_fiscal_year",
        rf"(?:this|current) {FY}|(?:fiscal year|financial year|fy) to date|fytd|so far this {FY}"
        rf"|(?:since )?the (?:start|beginning) of (?:the |our |this )?{FY}",
        fiscal.this_year,
    ),
    _rule("last_fiscal_year", rf"{LAST} {FY}", fiscal.last_year),
    _rule("named_fiscal_year", rf"{FY} ?(?P<fy>(?:19|20)\d\d|\d\d)", fiscal.named_year),
    _rule(
        "fiscal_quarter",
        r"(?:fiscal |f)q(?P<q>[1-4])|q(?P<q2>[1-4]) of (?:the |this )?(?:fiscal year|fy)",
        fiscal.quarter,
    ),
    _rule("this_fiscal_quarter", r"(?:this|current) fiscal quarter", fiscal.this_quarter),
    _rule("last_fiscal_quarter", rf"{LAST} fiscal quarter", fiscal.last_quarter),
    _rule(
        "week_of",
        r"(?:the )?week (?:(?P<rel>of|starting|beginning|commencing|ending|ended|from|to)"
        r"(?: on)?(?: (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed"
        rf"|thu|thur|thurs|fri|sat|sun))? ){day_re('a')}",  # "the week starting Monday 9 July"
        r.week_of,
    ),
    _rule(
        "week_of_day",
        r"(?:the )?week (?P<rel>of|starting|beginning|commencing|ending|ended)(?: on)? the"
        r" (?P<dom>\d{1,2})(?:st|nd|rd|th)",
        r.week_of_day,
    ),
    _rule(
        "months_ended",
        r"(?:the )?(?:(?P<unit>month|quarter|half year|half|year|financial year)|(?P<n>\d{1,2}"
        r"|three|six|nine|twelve) months) (?:ended|ending)(?: on)? "
        rf"{day_re('a')}",
        fiscal.months_ended,
    ),
    _rule(
        "week_ending_weekday",
        r"(?:the )?week (?:ending|ended)(?: on)? (?:last |this past )?(?P<wd>monday|tuesday"
        r"|wednesday|thursday|friday|saturday|sunday)",
        r.week_ending_weekday,
    ),
    _rule(
        "days_around",
        rf"(?:the )?(?:(?P<n>{NUM_RE}) days|(?P<fortnight>fortnight)) (?P<rel>starting|beginning"
        r"|from|ending|ended|to|up to"
        rf"|through)(?: on)? {day_re('a')}",
        r.days_around,
    ),
    _rule(
        "week_of_month",
        r"(?:the )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final) "
        rf"{COUNT_WEEKS} (?:of|in) {MONTH_YEAR}",
        parts.week_of_month,
    ),
    _rule(
        "numbered_week_of_month",
        rf"(?:the )?(?:week|wk) (?P<ord>[1-4]) (?:of|in) {MONTH_YEAR}",
        parts.week_of_month,
    ),
    _rule(
        "first_days_of_month",
        rf"(?:the )?(?P<edge>first|last) (?P<n>{NUM_RE}) days (?:of|in) {MONTH_YEAR}",
        parts.first_days_of_month,
    ),
    _rule(
        "half_of_month",
        rf"(?:the )?(?P<half>first|second|1st|2nd|front|back|latter) half of {MONTH_YEAR}",
        parts.half_of_month,
    ),
    _rule(
        "half_of_this_month",
        r"(?:the )?(?P<half>first|second|1st|2nd|front|back|latter) half of (?:the |this "
        r"|(?P<last>last|previous|the previous|the last) )month",
        parts.half_of_this_month,
    ),
    _rule(
        "half_of_year",
        r"(?:the )?(?P<half>first|second|1st|2nd|latter|front|back) half of (?:(?P<y>(?:19|20)\d\d)"
        r"|(?:the |(?P<which>this|last) )year)"
        # "the first half-year", "the first half year 2045", "the second half-year of 2044"
        r"|(?:the )?(?P<half2>first|second|1st|2nd) half year"
        rf"(?: (?:of )?(?P<y3>{A_YEAR})|(?! of))"
        r"|(?P<h>h1|h2)(?: (?P<y2>(?:19|20)\d\d)| (?:of )?(?P<which2>this|last) year)?",
        parts.half_of_year,
    ),
    _rule(
        "part_of_month",
        r"(?:the )?(?P<part>early|mid|late|beginning of|start of|middle of|end of) "
        rf"(?:the month of )?{MONTH_YEAR}",
        parts.part_of_month,
    ),
    _rule(
        "the_current_unit",
        r"(?:(?:for|in|over|during|across|throughout) )?(?:the (?:entire|whole) "
        r"(?P<unit2>week|month|quarter|year)(?! (?:of |in )?(?:19|20)\d\d| of| last| before)"
        r"|all (?P<unit3>month|quarter|year))"
        # "for the week 2", "for the KW 2": a week by its number (`iso_week`)
        r"|(?:for|in|over|during|across|throughout) the (?P<unit>week|month|quarter|year)(?! \d)"
        r"(?! (?:before|after|of|ago|prior|to date|so far|starting|beginning|commencing|ending"
        r"|ended|from|to|end|close|closing|(?:that )?(?:has )?just (?:ended|gone|finished|closed"
        r"|passed)) )",
        lambda m, t: p.to_date(t, r.UNITS[m["unit"] or m["unit2"] or m["unit3"]]),
    ),
    _rule(
        "over_the_weekend",
        r"(?:(?:over|during|at|on|across) )?the weekend|over the weekend"
        r"|(?<!weekday vs )(?<!weekdays vs )(?<!weekday and )weekend(?! before| vs weekday)",
        r.fixed(lambda t: p.clamp(p.latest_weekend(t), t)),
    ),
    _rule("this_weekend", r"this weekend", r.fixed(p.this_weekend)),
    _rule(
        "span",
        rf"(?:between |from )?{day_re('a')} (?:and|to|through|thru|until|till|-) "
        rf"{day_re('b')}",
        r.span,
    ),
    _rule(
        "span",
        rf"(?:between |from )?(?P<mon>{MONTH_RE}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)? "
        r"(?:and|to|through|thru|until|till|-) (?P<d2>\d{1,2})(?:st|nd|rd|th)?"
        r"(?: (?P<year>\d{4}))?",
        r.short_span,
    ),
    _rule(
        "span",
        r"(?:between |from )?(?:the )?(?P<d1>\d{1,2})(?:st|nd|rd|th)? (?:and|to|through|thru"
        r"|until|till|-) (?:the )?(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?:of )?"
        rf"(?P<mon>{MONTH_RE})(?: (?P<year>\d{{4}}))?",
        r.short_span,
    ),
    _rule(
        "month_span",
        rf"(?:from (?P<m1>{MONTH_RE}) (?:to|through|thru|until|till|-)|(?P<m1b>{MONTH_RE}) -) "
        rf"(?P<m2>{MONTH_RE})(?: (?P<year>\d{{4}}))?",
        r.month_span,
    ),
    _rule(
        "to_today",
        rf"(?:from |since )?{day_re('a')} (?:to|through|thru|until|till|up to|-) (?:now|date"
        r"|the present|today|(?P<yesterday>yesterday))",
        r.day_to_today,
    ),
    _rule(
        "since_new_year",
        r"since (?:the )?(?:start of the )?new years?(?: day)?",
        r.fixed(lambda t: p.to_date(t, "year")),
    ),
    _rule(
        "month_to_date",
        rf"(?P<mon>{MONTH_RE}) (?:mtd|month to date)",
        r.month_to_date,
    ),
    _rule(
        "iso_week",
        r"(?:the )?(?:iso |calendar )?(?:week |w|wk)(?P<wk>[1-9]|[1-4]\d|5[0-3])"
        r"(?: (?:of )?(?P<year>\d{4}))?"
        r"(?! (?:-|to|through|thru|until|and) \d| of )",  # "week (13–19 Aug)" is days
        r.iso_week,
    ),
    _rule("day", day_re("a"), r.single_day),
    _rule(  # "today and yesterday": both days, one span
        "today_and_yesterday",
        r"today (?:and|&|\+) (?:yesterday|yday|yest)",
        r.fixed(lambda t: DateRange(start=t - timedelta(days=1), end=t)),
    ),
    _rule(
        "today",
        # "last question for today:", "that's all for today": the day the message is sent
        r"(?<!question for )(?<!questions for )(?<!question )(?<!all for )(?<!it for )today"
        r"|so far today|this (?:morning|afternoon|evening)"
        r"(?! (?:call|meeting|sync|standup|stand up|catch up|check in|briefing|huddle)(?= ))",
        r.fixed(lambda t: DateRange(start=t, end=t)),
    ),
    _rule(
        "yesterday",
        r"yesterday|yday|yest|last day|past day|past 24 hours|last 24 hours",
        r.fixed(lambda t: p.last_days(t, 1)),
    ),
    _rule(
        "last_hours",
        rf"{LAST} (?P<h>24|48|72|96) hours|{LAST} (?P<hw>two|three|four) days? and nights?",
        lambda m, t: p.last_days(t, int(m["h"]) // 24) if m["h"] else None,
    ),
    _rule(
        "day_before_yesterday",
        r"(?:the )?day before yesterday",
        r.fixed(lambda t: r.one_day(t - timedelta(days=2)) or p.last_days(t, 1)),
    ),
    _rule(
        "last_n_days",
        rf"l(?P<n>\d+)d|{LAST} (?P<n2>{NUM_RE}) ?(?:days?|d)|(?P<n3>\d+)d",
        r.last_n("day"),
    ),
    # "if we paused TikTok for a fortnight": how long, not which days
    _rule(
        "fortnight",
        rf"(?:{LAST} )?(?<!\bfor a )fortnight",
        r.fixed(lambda t: p.last_days(t, 14)),
    ),
    _rule(
        "last_week",
        rf"{LAST} {FULL}(?:(?P<n>{NUM_RE}) )?{FULL}weeks?"
        r"|(?:the )?week (?:that )?(?:has )?just (?:ended|gone|finished|closed|passed)",
        r.last_n("week"),
        "week",
    ),
    _rule(
        "week_before_last",
        r"(?:the )?week before last",
        r.fixed(lambda t: p.shifted(p.last_weeks(t, 1), "week")),
        "week",
    ),
    _rule(
        "month_before_last",
        r"(?:the )?month before last",
        r.fixed(lambda t: p.period_before(p.last_months(t, 1), "month")),
        "month",
    ),
    _rule(
        "last_month",
        rf"{LAST} {FULL}(?:(?P<n>{NUM_RE}) )?{FULL}months?"
        r"|(?:the )?month (?:that )?(?:has )?just (?:ended|gone|finished|closed|passed)",
        r.last_n("month"),
        "month",
    ),
    _rule(
        "last_quarter",
        rf"{LAST} (?:(?P<n>{NUM_RE}) )?quarters?"
        r"|(?:the )?quarter (?:that )?(?:has )?just (?:ended|gone|finished|closed|passed)",
        r.last_n("quarter"),
        "quarter",
    ),
    _rule("last_year", rf"{LAST} (?:(?P<n>{NUM_RE}) )?years?", r.last_n("year"), "year"),
    _rule("last_weekend", rf"{LAST} weekend", r.fixed(p.last_weekend)),
    _rule(
        "last_n_weekends",
        rf"(?:the )?{LAST} (?P<n>{NUM_RE}) weekends",
        lambda m, t: p.last_weekends(t, number(m["n"])),
    ),
    _rule(
        "next_n_days",
        rf"next (?P<n>{NUM_RE}) days|coming (?P<n2>{NUM_RE}) days",
        lambda m, t: DateRange(start=t + timedelta(1), end=t + timedelta(number(r.count_text(m)))),
    ),
    _rule(
        "next_unit",
        rf"(?:next|coming|following|upcoming) (?:(?P<n>{NUM_RE}) )?{UNIT_ALT}s?",
        r.next_units,
    ),
    _rule(
        "rest_of",
        r"(?:(?:rest|remainder) of (?:the |this )?"
        r"|between now and (?:the )?end of (?:the |this )?)"
        rf"(?:{UNIT_ALT}|(?P<mon>{MONTH_RE})|q(?P<q>[1-4]))",
        r.rest_of,
    ),
    _rule(
        "end_of",
        rf"(?:by |until |through )?(?:the )?(?:end of (?:the |this )?(?!days? ){UNIT_ALT}"
        rf"{NOT_AN_END}|(?P<unit2>month|quarter|year) end{NOT_AN_END}"
        r"|(?:the )?(?P<unit3>month|quarter|year) ends)",
        lambda m, t: p.unit_range(t, r.UNITS[m["unit"] or m["unit2"] or m["unit3"]]),
    ),
    _rule(
        "periodic_report",
        r"(?P<unit>week|month|quarter|year)ly(?= (?:report|summary|recap"
        r"|review|update|digest))",
        lambda m, t: r.last_n(m["unit"])(m, t),
        "report",
    ),
    _rule("days_ago", rf"(?P<n>{NUM_RE}) days? ago", r.days_ago),
    _rule("units_ago", rf"(?P<n>{NUM_RE}) (?P<unit>week|month)s? ago", r.units_ago),
    _rule(
        "days_of_month",
        r"(?:between |from |on )?(?:the )?(?P<d1>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th) (?:and|to"
        r"|through|thru|until|till|-) (?:the )?(?P<d2>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)"
        rf"(?! (?:of )?(?:{MONTH_RE}) )(?: of (?:this|the) month)?",
        days.days_of_month,
    ),
    _rule(
        "day_of_month",
        r"(?:on )?the (?P<dom>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)"
        rf"(?! (?:of )?(?:{MONTH_RE}) )"  # "the 3rd of November" is the `day` rule's
        r"(?! (?:floor|place|row|column|line|item|one|option|time|attempt|version|draft) )"
        r"(?: of (?:this|the) month)?",
        days.day_of_month,
    ),
    _rule(
        "this_week", r"(?:this|current) week|week to date|wtd|so far this week", r.to_date("week")
    ),
    _rule(
        "this_month",
        r"(?:this|current) month|month to date|mtd|so far this month|(?:the )?month so far",
        r.to_date("month"),
    ),
    _rule("this_quarter", r"(?:this|current) quarter|quarter to date|qtd", r.to_date("quarter")),
    _rule(
        "this_year", r"(?:this|current) year|year to date|ytd|so far this year", r.to_date("year")
    ),
    _rule(
        "start_of",
        rf"(?:the )?(?:start|beginning) of (?:the |this )?{UNIT_ALT}",
        lambda m, t: p.to_date(t, r.UNITS[m["unit"]]),
    ),
    _rule(
        "named_month",
        rf"(?P<last>last )?(?P<mon>{MONTH_RE})(?: (?P<year>{A_YEAR})| (?P<ly>(?:of )?last year))?",
        r.named_month,
    ),
    _rule(
        "quarter",
        r"q(?P<q>[1-4])(?: (?P<year>\d{4})| (?:of )?(?P<rel>last|this|next) year)?"
        r"|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th) quarter"
        r"(?: (?:of )?(?P<year2>\d{4})| (?:of )?(?P<rel2>last|this|next) year)?"
        # "the final quarter of last year": its fourth ("last quarter" alone is the one before)
        r"|(?P<final>final|last) quarter (?:of )?(?:(?P<year3>\d{4})|(?P<rel3>last|this) year)",
        r.named_quarter,
    ),
    _rule("season", seasons.PATTERN, seasons.resolve),
    _rule(
        "year",
        rf"{NOT_A_GREETING}(?:(?:the )?(?:full |whole |entire |calendar )?year )?"
        rf"(?P<y>{A_YEAR})"
        r"(?: (?:full |whole )year)?",
        r.whole_year,
    ),
    _rule("holiday", holidays.PATTERN, holidays.resolve),
    _rule("bank_holiday", holidays.BANK_HOLIDAY, holidays.bank_holiday),
    _rule("holiday_season", holidays.SEASON, holidays.holiday_season),
    _rule(
        "thanksgiving",
        rf"{NOT_A_GREETING}thanksgiving(?: day)?(?: (?P<year>\d{{4}}))?",
        holidays.thanksgiving,
    ),
    _rule(
        "black_friday",
        r"(?:(?P<lyp>last years? )|(?P<last>(?:last|this past) ))?(?:(?P<bfcm>bfcm"
        r"|black friday cyber monday)|black friday"
        r"(?:(?P<cyber> weekend)|(?P<week> week))?|(?P<cm>cyber monday))"
        r"(?: (?P<year>\d{4})| (?:of )?(?P<ly>last year))?",
        holidays.black_friday,
    ),
    _rule(
        "weekday",
        r"(?:last |on |this past )?(?P<wd>monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday)(?! before(?! last| yesterday))"  # "the Friday before" compares
        r"(?! (?:exec|update|meeting|call|standup|stand up|sync|review|deadline|briefing|catch up"
        r"|check in|huddle|board|team|all hands|1 1|one on one|presentation|pitch)(?= ))",
        days.weekday,
    ),
)
