"""Questions about the sample connector's injected anomalies, and how to tell an answer found one.

Three questions per anomaly, written as a user would ask them (with `today` = 2026-11-22): a
"why did <metric> change" on the affected platform, an "anything unusual" for the month, and
one with a period phrase ("the week of", "mid", "around", "the second half of", …). An answer
finds the anomaly when one of its lines names the campaign (the account, for account-wide
anomalies), a day inside the anomaly and the direction of the move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lemanado_sample import Anomaly, AnomalyKind, anomalies
from lemanado_sample.catalog import accounts_by_id, campaigns_by_id

QUESTIONS: dict[tuple[str, str | None], tuple[str, str, str]] = {
    ("gads-nwo-1", "cmp-gads-nwo-1-02"): (
        "Why did Google Ads spend jump in the week of March 17, 2025?",
        "Anything unusual in March 2025?",
        "What happened to our Google spend in mid March 2025?",
    ),
    ("meta-nwo-1", None): (
        "Why did Meta conversions drop on July 9, 2025?",
        "Anything unusual in July 2025?",
        "Why did our Meta ROAS fall around July 9 2025?",
    ),
    ("ttk-nwo-1", "cmp-ttk-nwo-1-01"): (
        "Why did TikTok spend drop in the second week of September 2025?",
        "Anything unusual in September 2025?",
        "why was tiktok spend down the week of Sep 8 2025",
    ),
    ("gads-nwo-1", "cmp-gads-nwo-1-04"): (
        "Why did Google Ads conversions fall in mid October?",
        "Anything unusual in October?",
        "Why did Google ROAS drop in the third week of October?",
    ),
    ("meta-nwo-1", "cmp-meta-nwo-1-01"): (
        "Why did Meta spend jump in early November?",
        "Anything unusual this month?",
        "Why was Meta spend so high the week of Nov 2?",
    ),
    ("gads-nwo-1", None): (
        "Why did Google Ads conversions drop on Nov 10?",
        "Anything unusual in November?",
        "Why did our ROAS drop around Nov 10?",
    ),
    ("li-hel-1", "cmp-li-hel-1-06"): (
        "Why did LinkedIn conversions fall in the week of May 12, 2025?",
        "Anything unusual in May 2025?",
        "Why did LinkedIn CPA go up in mid May 2025?",
    ),
    ("gads-hel-1", "cmp-gads-hel-1-02"): (
        "Why did Google spend drop in the third week of September 2025?",
        "Anything unusual in September 2025?",
        "Why was Google Ads spend lower in the second half of September 2025?",
    ),
    ("gads-hel-1", "cmp-gads-hel-1-04"): (
        "Why did Google Ads spend jump in the week of Feb 9?",
        "Anything unusual in February?",
        "Why did Google spend go up around Feb 10?",
    ),
    ("li-hel-1", None): (
        "Why did LinkedIn conversions drop on March 17?",
        "Anything unusual in March?",
        "Why did LinkedIn CPA jump in mid March?",
    ),
    ("msads-hel-1", "cmp-msads-hel-1-02"): (
        "Why did Microsoft Ads spend fall in the first half of October?",
        "Anything unusual in October?",
        "Why was Microsoft spend down the week of Oct 5?",
    ),
    ("li-hel-1", "cmp-li-hel-1-05"): (
        "Why did LinkedIn spend go up the week of Oct 19?",
        "Anything unusual in October?",
        "Why did LinkedIn spend jump in late October?",
    ),
    ("gads-hel-1", "cmp-gads-hel-1-12"): (
        "Why did Google Ads conversions drop in the first week of November?",
        "Anything unusual in November?",
        "Why did Google CPA rise the week of Nov 2?",
    ),
}


@dataclass(frozen=True)
class Case:
    """One question about one injected anomaly."""

    anomaly: Anomaly
    question: str
    kind: str
    """ "why", "unusual" or "phrase"."""

    @property
    def id(self) -> str:
        """A readable test id."""
        target = self.anomaly.campaign_id or self.anomaly.account_id
        return f"{self.anomaly.kind.value}-{target}-{self.kind}"


def cases() -> list[Case]:
    """Every question about every injected anomaly (each anomaly must have its three)."""
    found = []
    for anomaly in anomalies():
        asked = QUESTIONS[(anomaly.account_id, anomaly.campaign_id)]
        found += [
            Case(anomaly, q, k) for q, k in zip(asked, ("why", "unusual", "phrase"), strict=True)
        ]
    return found


_DIRECTION = {
    AnomalyKind.SPEND_SPIKE: r"\b(?:up|rose|spike|spiked|jumped|higher)\b",
    AnomalyKind.CONVERSION_DROP: r"\b(?:fell|down|drop|dropped|lower|below)\b",
    AnomalyKind.TRACKING_OUTAGE: r"\b(?:0 conversions|outage|fell|down|drop|dropped)\b",
    AnomalyKind.PAUSED_RESUMED: r"\b(?:no spend|paused|fell|down|drop|dropped)\b",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = "|".join(m.capitalize() for m in _MONTHS)
_DAYS = re.compile(
    rf"\b(?P<m1>{_MON}) (?P<d1>\d{{1,2}})"
    rf"(?:\s*[–-]\s*(?:(?P<m2>{_MON}) )?(?P<d2>\d{{1,2}}))?(?:, (?P<y>\d{{4}}))?"
)


def target_name(anomaly: Anomaly) -> str:
    """The name an answer must use: the campaign's, or the account's when account-wide."""
    if anomaly.campaign_id is not None:
        return campaigns_by_id()[anomaly.campaign_id].name
    return accounts_by_id()[anomaly.account_id].name


def days_named(line: str) -> list[tuple[int, int, int, int, int | None]]:
    """(month, first day, month, last day, year or None) of each day or range in `line`."""
    found = []
    for m in _DAYS.finditer(line):
        m1 = _MONTHS.index(m["m1"].lower()) + 1
        m2 = _MONTHS.index(m["m2"].lower()) + 1 if m["m2"] else m1
        d1 = int(m["d1"])
        d2 = int(m["d2"]) if m["d2"] else d1
        found.append((m1, d1, m2, d2, int(m["y"]) if m["y"] else None))
    return found


def _overlaps(named: tuple[int, int, int, int, int | None], anomaly: Anomaly) -> bool:
    m1, d1, m2, d2, year = named
    years = [year] if year is not None else [anomaly.start.year, anomaly.end.year]
    for y in years:
        try:
            start, end = date(y, m1, d1), date(y if m2 >= m1 else y + 1, m2, d2)
        except ValueError:
            continue
        if start <= anomaly.end and end >= anomaly.start:
            return True
    return False


def finding_line(answer: str, anomaly: Anomaly) -> str | None:
    """The first line of `answer` that names the anomaly's target, a day inside it and its
    direction; None when no line does."""
    name = target_name(anomaly)
    direction = re.compile(_DIRECTION[anomaly.kind], re.IGNORECASE)
    for line in answer.splitlines():
        if name not in line or not direction.search(line):
            continue
        if any(_overlaps(named, anomaly) for named in days_named(line)):
            return line
    return None
