"""Grounding check: every number in a model's answer must match a figure the model was given.

Rules (also in the README): a number is supported when some given figure lies within its
tolerance — the larger of 0.5 % of the value and half a unit of its last printed digit
("$4.2k" covers 4,150–4,250, "12 %" covers 11.5–12.5). Signs are ignored ("down 5 %" and
"-5 %" both mean a change of magnitude 5 %). A percentage may match a figure given as a
percentage or as a fraction (CTR 0.0123 supports "1.23 %"). Not checked: dates, years,
ordinals, list numbering, durations ("30 days"), digits inside campaign names, and plain
integers up to 10 (counts such as "3 campaigns"; money and percentages are always checked).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from libs.common import BASE_METRICS
from libs.common.arithmetic import Sums, total
from libs.common.arithmetic import metric_value as value_of
from libs.common.query import AnalysisJob
from services.inference.prompt.fit import BuiltPrompt
from services.inference.prompt.render import ALL_METRICS, Detail, Grain, weekly
from services.inference.prompt.view import DataView

RELATIVE_TOLERANCE = Decimal("0.005")
SMALL_COUNT = Decimal(10)


class Kind(StrEnum):
    """What a number in the text is, from its symbols."""

    MONEY = "money"
    PERCENT = "percent"
    MULTIPLE = "multiple"
    PLAIN = "plain"


@dataclass(frozen=True)
class GroundingData:
    """The figures a model was given (values and derived ones) and the free-text labels."""

    figures: tuple[Decimal, ...]
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Sorted magnitudes make each lookup a binary search. Repeats are kept: they change no
        # lookup, and hashing thousands of Decimals to drop them cost more than the sort.
        object.__setattr__(self, "figures", tuple(sorted(map(abs, self.figures))))
        object.__setattr__(self, "names", tuple(sorted(set(self.names), key=len, reverse=True)))

    @classmethod
    def of(cls, figures: Iterable[Decimal], names: Iterable[str] = ()) -> GroundingData:
        """Grounding data from any iterables of figures and names."""
        return cls(tuple(figures), tuple(names))


@dataclass(frozen=True)
class Mention:
    """One number as written in the answer, read as a magnitude with its printed precision."""

    text: str
    value: Decimal
    half_unit: Decimal
    kind: Kind
    start: int


@dataclass(frozen=True)
class Grounding:
    """How many numbers were checked, which were not supported, and if one of them is key."""

    checked: int
    unsupported: list[str]
    key_unsupported: bool

    def as_dict(self) -> dict[str, Any]:
        """The `grounding` object an answer carries."""
        return {"checked": self.checked, "unsupported": list(self.unsupported)}


_CODES = "USD|EUR|GBP|CHF|JPY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|INR|ZAR|SGD|HKD"
_SYMBOLS = "$€£¥"
_SCALES = {"k": 3, "thousand": 3, "m": 6, "mn": 6, "million": 6, "b": 9, "bn": 9, "billion": 9}
_NUMBER = re.compile(
    rf"""(?<![\w.,/])(?P<lead>[-−+])?(?P<cur>[{_SYMBOLS}]|(?:{_CODES})\s?)?(?P<sign>[-−+])?
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?!\d|[.,]\d)
    (?:\s?(?P<scale>thousand|million|billion|mn|bn|[kKmMbB])\b)?
    (?P<unit>\s?%|\s?percent(?:age\ points?)?\b|\s?pp\b|x\b|\s?×
      |\s?[{_SYMBOLS}]|\s(?:{_CODES})\b)?""",
    re.VERBOSE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_IGNORED = re.compile(
    rf"""\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}:\d{{2}}
    |\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?
    |\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+\d{{4}})?
    |\b\d+(?:st|nd|rd|th)\b
    |\b\d+[-\s](?:days?|weeks?|months?|years?|hours?|minutes?|weekdays?)\b
    |^[ \t>]*(?:\#{{1,6}}\s*)?(?:\*\*)?\d{{1,2}}[.)](?=[\s*])""",
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)
_SECTION = re.compile(r"^(?:#{1,6}\s|\*\*[^*\n]+\*\*:?[ \t]*$|\d{1,2}[.)]\s)", re.MULTILINE)


def extract_numbers(text: str, names: Iterable[str] = ()) -> list[Mention]:
    """The numbers in `text` that a grounding check reads (see the module rules)."""
    masked = _mask(text, names)
    mentions = (_mention(match) for match in _NUMBER.finditer(masked))
    return [mention for mention in mentions if mention is not None]


def is_supported(mention: Mention, data: GroundingData) -> bool:
    """True when a given figure lies within the mention's tolerance."""
    tolerance = max(mention.value * RELATIVE_TOLERANCE, mention.half_unit)
    if _within(data.figures, mention.value, tolerance):
        return True
    # "1.23 %" backed by a fraction (CTR 0.0123): the same search a hundredth the size, where
    # a second sorted copy of every figure x100 cost more than the check (scaleb is exact)
    return mention.kind is Kind.PERCENT and _within(
        data.figures, mention.value.scaleb(-2), tolerance.scaleb(-2)
    )


def check_grounding(text: str, data: GroundingData) -> Grounding:
    """Check every number of `text` against `data`; key = money or % in the headline part."""
    mentions = extract_numbers(text, data.names)
    missing = [mention for mention in mentions if not is_supported(mention, data)]
    headline_end = _headline_end(text)
    key = any(m.start < headline_end and m.kind in (Kind.MONEY, Kind.PERCENT) for m in missing)
    return Grounding(len(mentions), [m.text for m in missing], key)


def _mask(text: str, names: Iterable[str]) -> str:
    # Masking with spaces keeps offsets, so the headline boundary still applies.
    for name in names:
        if any(char.isdigit() for char in name):
            text = re.sub(re.escape(name), lambda m: " " * len(m.group()), text, flags=re.I)
    return _IGNORED.sub(lambda match: " " * len(match.group()), text)


def _mention(match: re.Match[str]) -> Mention | None:
    digits = match["num"].replace(",", "")
    value = Decimal(digits)
    exponent = value.as_tuple().exponent
    half_unit = Decimal(5).scaleb(int(exponent) - 1)
    scale = match["scale"]
    if scale is not None:
        shift = _SCALES[scale.lower()]
        value, half_unit = value.scaleb(shift), half_unit.scaleb(shift)
    unit = (match["unit"] or "").strip()
    kind = _kind(match["cur"], unit)
    if kind is Kind.PLAIN and scale is None and "." not in digits and value <= SMALL_COUNT:
        return None
    if kind is Kind.PLAIN and scale is None and "," not in match["num"] and _is_year(digits):
        return None
    return Mention(match.group().strip(), value, half_unit, kind, match.start())


def _kind(currency: str | None, unit: str) -> Kind:
    if currency or (unit and (unit in _SYMBOLS or unit in _CODES.split("|"))):
        return Kind.MONEY
    if unit in ("%", "pp") or unit.startswith("percent"):
        return Kind.PERCENT
    if unit in ("x", "×"):
        return Kind.MULTIPLE
    return Kind.PLAIN


def _is_year(digits: str) -> bool:
    return digits.isdigit() and 1990 <= int(digits) <= 2100


def _within(pool: tuple[Decimal, ...], value: Decimal, tolerance: Decimal) -> bool:
    index = bisect_left(pool, value - tolerance)
    return index < len(pool) and pool[index] <= value + tolerance


def _headline_end(text: str) -> int:
    # The headline part: up to the second section (heading or numbered line at column 0),
    # else the first paragraph.
    starts = [match.start() for match in _SECTION.finditer(text)]
    if len(starts) >= 2:
        return starts[1]
    paragraph = text.find("\n\n", len(text) - len(text.lstrip()))
    return len(text) if paragraph < 0 else paragraph


# --- what a model was given ------------------------------------------------------------


def given_figures(job: AnalysisJob, prompt: BuiltPrompt) -> GroundingData:
    """What a model given `prompt` may quote: every number of its data, the figures derivable
    from them (ratios, changes, shares) and the numbers of the question itself."""
    # Numbers the user wrote in the question may be echoed back: they are not invented.
    echoed = [mention.value for mention in extract_numbers(job.query.text)]
    view, detail = prompt.view, prompt.detail
    names = [line.name for line in view.campaigns[: detail.campaigns]]
    return GroundingData.of([*figures(view, detail, prompt.data), *echoed], names)


def figures(view: DataView, detail: Detail, data: Mapping[str, Any]) -> list[Decimal]:
    """Every number in `data` and the figures derivable from it: ratios, changes, shares."""
    out = list(_numbers(data))
    out += _derived(view.totals, view.compare_totals)
    shown = view.campaigns[: detail.campaigns]
    for line in shown:
        out += _derived(line.sums, line.prev)
        out += _shares(line.sums, view.totals)
    for top in range(2, len(shown) + 1):  # "the top 3 campaigns spent $X (Y % of spend)"
        prefix = total(line.sums for line in shown[:top])
        out += [*_derived(prefix, None), *_shares(prefix, view.totals)]
    if detail.series is Grain.DAILY:
        out += _daily_figures(view)
    if detail.series is Grain.WEEKLY:
        out += _series_figures([sums for _, _, sums in weekly(view)], view.totals)
    for line in shown if detail.campaign_daily else []:
        out += [
            v for _, sums in view.campaign_daily.get(line.key, []) for v in _derived(sums, None)
        ]
    out += [Decimal(n) for n in (len(view.campaigns), len(shown), view.period.days)]
    return out


def _daily_figures(view: DataView) -> Iterator[Decimal]:
    baseline = {b.weekday: b.mean for b in view.baseline}
    yield from _series_figures([sums for _, sums in view.daily], view.totals)
    for day, sums in view.daily:
        yield from _derived(sums, baseline.get(day.weekday()))


def _series_figures(series: Sequence[Sums], totals: Sums) -> Iterator[Decimal]:
    previous: Sums | None = None
    for sums in series:
        yield from _derived(sums, previous)  # day over day, week over week
        yield from _shares(sums, totals)
        previous = sums


def _derived(sums: Sums, base: Sums | None) -> Iterator[Decimal]:
    # All metrics (ratios from sums), and against `base` the change, relative change and multiple.
    for metric in ALL_METRICS:
        value = value_of(metric, sums)
        if value is None:
            continue
        yield value
        before = value_of(metric, base) if base is not None else None
        if before is not None:
            yield value - before
            if before != 0:
                yield from (value / before - 1, value / before)


def _shares(part: Sums, whole: Sums) -> Iterator[Decimal]:
    return (part[m] / whole[m] for m in sorted(BASE_METRICS) if whole[m] != 0)


def _numbers(node: object) -> Iterator[Decimal]:
    if isinstance(node, bool):
        return
    if isinstance(node, int | float):
        yield Decimal(str(node))
    elif isinstance(node, Mapping):
        for value in node.values():
            yield from _numbers(value)
    elif isinstance(node, list):
        for value in node:
            yield from _numbers(value)
