"""Grounding: numbers in an answer are read in every common style and checked against figures."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from services.inference.grounding import (
    GroundingData,
    Kind,
    check_grounding,
    extract_numbers,
)

D = Decimal
DATA = GroundingData.of(
    [D("4210.55"), D("3.42"), D("0.124"), D("1234"), D("1200000"), D("-0.05"), D("0.0123")],
    names=["Promo 2026 50% off"],
)


def _texts(text: str) -> list[str]:
    return [mention.text for mention in extract_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("$4,210.55", D("4210.55"), Kind.MONEY),
        ("€1.2k", D("1200"), Kind.MONEY),
        ("USD 1,000", D("1000"), Kind.MONEY),
        ("12 €", D("12"), Kind.MONEY),
        ("12.4 %", D("12.4"), Kind.PERCENT),
        ("12.4%", D("12.4"), Kind.PERCENT),
        ("0.5 percentage points", D("0.5"), Kind.PERCENT),
        ("3.42x", D("3.42"), Kind.MULTIPLE),
        ("3.42×", D("3.42"), Kind.MULTIPLE),
        ("1,234", D("1234"), Kind.PLAIN),
        ("1.2M", D("1200000"), Kind.PLAIN),
        ("-5%", D("5"), Kind.PERCENT),
        ("−$5.10", D("5.10"), Kind.MONEY),
    ],
)
def test_numbers_are_read_with_their_unit_and_scale(text: str, value: Decimal, kind: Kind) -> None:
    (mention,) = extract_numbers(f"Spend was {text} overall.")
    assert (mention.value, mention.kind) == (value, kind)


def test_dates_years_ordinals_durations_and_list_numbers_are_not_figures() -> None:
    text = (
        "1. Key observations\n"
        "2) On 2026-11-09, Nov 9, 9th November 2026 and 11/09 at 10:30, over 30 days, in 2026\n"
        "### 3. Recommendations\n"
    )
    assert _texts(text) == []


def test_small_counts_are_ignored_but_small_money_and_percent_are_checked() -> None:
    assert _texts("3 campaigns, top 5, $5 and 4% and 7.5 clicks") == ["$5", "4%", "7.5"]


def test_digits_inside_campaign_names_are_not_checked() -> None:
    result = check_grounding('"Promo 2026 50% off" spent $4,210.55.', DATA)
    assert (result.checked, result.unsupported) == (1, [])


def test_printed_precision_sets_the_tolerance() -> None:
    data = GroundingData.of([D("4150"), D("11.5")])
    assert check_grounding("$4.2k", data).unsupported == []
    assert check_grounding("$4.1k", data).unsupported == []
    assert check_grounding("$4.3k", data).unsupported == ["$4.3k"]
    assert check_grounding("12 %", data).unsupported == []
    assert check_grounding("12.0 %", data).unsupported == ["12.0 %"]


def test_fractions_support_percentages_and_signs_are_ignored() -> None:
    result = check_grounding("CTR was 1.23 %, ROAS fell 12.4 % (down 5%).", DATA)
    assert (result.checked, result.unsupported) == (3, [])


def test_unsupported_money_in_the_headline_is_key() -> None:
    text = "Spend rose to $9,999.00.\n\n1. Key observations\n- ROAS 3.42x\n2. Anomalies\n- 77%"
    result = check_grounding(text, DATA)
    assert result.unsupported == ["$9,999.00", "77%"]
    assert result.key_unsupported


def test_unsupported_figure_after_the_first_section_is_not_key() -> None:
    text = "1. Key observations\n- ROAS was 3.42x\n2. Anomalies\n- A spike of $9,999.00\n"
    result = check_grounding(text, DATA)
    assert result.unsupported == ["$9,999.00"]
    assert not result.key_unsupported
    assert result.as_dict() == {"checked": 2, "unsupported": ["$9,999.00"]}


def test_unsupported_multiple_is_listed_but_not_key() -> None:
    result = check_grounding("ROAS was 9.99x.", DATA)
    assert (result.unsupported, result.key_unsupported) == (["9.99x"], False)


# --- properties -------------------------------------------------------------------------

Style = Callable[[Decimal], str | None]


def _k(value: Decimal) -> str | None:
    return f"${value / 1000:.1f}k" if value >= 1000 else None


def _m(value: Decimal) -> str | None:
    return f"{value / 1_000_000:.2f}M" if value >= 1_000_000 else None


STYLES: list[Style] = [
    lambda v: f"{v:.2f}",
    lambda v: f"{v:,.2f}",
    lambda v: f"{v:,.0f}" if v > 10 else None,
    lambda v: f"${v:,.2f}",
    lambda v: f"€{v:,.1f}",
    lambda v: f"{v:,.2f} EUR",
    lambda v: f"-${v:,.2f}",
    _k,
    _m,
    lambda v: f"{v:.2f}x",
    lambda v: f"{v:.1f}×",
    lambda v: f"{v * 100:.1f}%",
    lambda v: f"down {v * 100:.1f} %",
    lambda v: f"{v * 100:.0f} %",
]

figures = st.decimals(min_value=D("0.001"), max_value=D("50000000"), places=3)


@given(st.lists(figures, min_size=1, max_size=30), st.data())
def test_any_figure_in_any_style_is_supported(values: list[Decimal], data: st.DataObject) -> None:
    figure = data.draw(st.sampled_from(values))
    text = data.draw(st.sampled_from(STYLES))(figure)
    assume(text is not None)
    result = check_grounding(f"The value was {text} this week.", GroundingData.of(values))
    assert result.unsupported == []


@given(st.lists(figures, min_size=1, max_size=30), figures)
def test_numbers_far_from_every_figure_are_unsupported(values: list[Decimal], x: Decimal) -> None:
    def far(figure: Decimal) -> bool:
        return all(abs(x - f) > max(D("0.05") * x, D(1)) for f in (figure, figure * 100))

    assume(x > 10 and all(far(v) for v in values))
    text = f"${x:,.2f}"
    result = check_grounding(f"Spend was {text}.", GroundingData.of(values))
    assert result.unsupported == [text]
    assert result.key_unsupported
