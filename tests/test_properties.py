"""Property-based tests (hypothesis): number parsing and formatting round trips, exact sums."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.compute import deviation, drift_table, total
from generator.excel.load import UNIT_FACTORS
from generator.formatting import NBSP, format_number, parse_number, round_half_away
from generator.issues import SourceRef
from generator.model import DriftRow, Figures, Settings, Verksamhet
from generator.tables import DEFAULT_SPECS, UTFALL_FIELDS

# Amounts as they occur: up to a thousand billion, up to six decimals (kr read as mnkr).
amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=6,
                      allow_nan=False, allow_infinity=False)
decimals = st.integers(min_value=0, max_value=3)
SPACES = (" ", NBSP, "\u202f", "\u2009")
MINUSES = ("-", "\u2212", "\u2013")


@given(amounts, decimals)
def test_parse_of_format_is_the_rounded_value(x: Decimal, d: int) -> None:
    assert parse_number(format_number(x, d)) == round_half_away(x, d)


@given(amounts, decimals)
def test_format_shape(x: Decimal, d: int) -> None:
    text = format_number(x, d)
    frac = rf",\d{{{d}}}" if d else ""
    assert re.fullmatch(rf"-?\d{{1,3}}(?:{NBSP}\d{{3}})*{frac}", text), text
    assert not re.fullmatch(r"-[0,\u00a0]+", text), "never a negative zero"
    if round_half_away(x, d):
        assert format_number(-x, d) == (text[1:] if text.startswith("-") else "-" + text)


@given(st.integers(min_value=0, max_value=10**6), decimals)
def test_half_rounds_away_from_zero(n: int, d: int) -> None:
    half = (Decimal(n) + Decimal("0.5")).scaleb(-d)
    up = (Decimal(n) + 1).scaleb(-d)
    assert parse_number(format_number(half, d)) == up
    assert parse_number(format_number(-half, d)) == -up


@given(st.integers(min_value=0, max_value=10**12), st.text("0123456789", max_size=4),
       st.booleans(), st.sampled_from(SPACES), st.sampled_from(MINUSES))
def test_swedish_number_text(whole: int, frac: str, negative: bool, space: str,
                             minus: str) -> None:
    digits = str(whole)
    groups = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
    text = space.join(groups) + ("," + frac if frac else "")
    expected = Decimal(digits + ("." + frac if frac else ""))
    if negative:
        text, expected = minus + text, -expected
    assert parse_number(text) == expected
    assert parse_number(f"  {text} ") == expected


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3,
                   allow_nan=False, allow_infinity=False))
def test_numbers_stored_as_floats_come_back_as_typed(x: Decimal) -> None:
    """Excel stores 1220.4 as a double; up to 15 significant digits it reads back exactly."""
    assert parse_number(float(x)) == x


@given(st.text(min_size=1).filter(lambda t: re.search(r"[A-Za-z]", t)))
def test_text_with_letters_is_never_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.lists(amounts, max_size=60))
def test_sums_of_decimals_are_exact(xs: list[Decimal]) -> None:
    forward = sum(xs, Decimal(0))
    assert sum(reversed(xs), Decimal(0)) == forward
    assert sum(sorted(xs), Decimal(0)) == forward
    assert sum(xs[::2], Decimal(0)) + sum(xs[1::2], Decimal(0)) == forward


@given(amounts, st.sampled_from(sorted(UNIT_FACTORS)), st.sampled_from(sorted(UNIT_FACTORS)))
def test_unit_conversion_is_exact(x: Decimal, source: str, target: str) -> None:
    factor = UNIT_FACTORS[target] / UNIT_FACTORS[source]
    assert (x / factor) * factor == x


figures = st.builds(Figures, amounts, amounts, amounts)


@given(st.lists(figures, max_size=30), st.integers(min_value=0, max_value=30))
def test_total_of_parts_is_total_of_whole(items: list[Figures], cut: int) -> None:
    whole = total(items)
    parts = total([total(items[:cut]), total(items[cut:])])
    assert (parts.outcome, parts.budget, parts.comparison) == (
        whole.outcome, whole.budget, whole.comparison)


SETTINGS = Settings("Kommun", "Nämnd", "tkr", "mnkr", 1, "Summa", "Summa inkl", "mars")


@given(st.lists(figures, min_size=1, max_size=20), st.booleans())
def test_sum_rows_and_their_deviation_are_exact(items: list[Figures], own: bool) -> None:
    rows = [DriftRow(Verksamhet(str(i), f"Rad {i}", "Verksamhet", SourceRef("x")), f)
            for i, f in enumerate(items)]
    if own:
        rows[-1] = DriftRow(Verksamhet(None, "Egen regi", "Egen regi", SourceRef("x")),
                            items[-1])
    summary = drift_table(rows, SETTINGS, DEFAULT_SPECS["utfall"], UTFALL_FIELDS)
    regular = items[:-1] if own else items
    sum_line = next(line for line in summary.lines if line.label == "Summa")
    outcome, budget, avvikelse, comparison = (
        sum_line.values[k] for k in ("redovisat", "budget", "avvikelse", "foregaende"))
    assert outcome == sum((f.outcome for f in regular), Decimal(0))
    assert budget == sum((f.budget for f in regular), Decimal(0))
    assert comparison == sum((f.comparison for f in regular), Decimal(0))
    assert avvikelse == sum((deviation(f.budget, f.outcome) for f in regular), Decimal(0))
    assert summary.net_incl.outcome == sum((f.outcome for f in items), Decimal(0))


# Blocks of CSV text as exports hold them: fields, separators, quotes, line breaks of every
# kind, blank lines.
csv_blocks = st.lists(st.sampled_from(["4010", "", " ", ";", ",", '"', '"a;b"', "\r\n", "\n",
                                       "\r", "1 234,50", "-7,25", "å"]), max_size=40).map("".join)


@given(csv_blocks, st.sampled_from([";", ","]))
def test_a_block_splits_into_the_rows_a_line_reader_gives(text: str, sep: str) -> None:
    import io

    from generator.ledger.read_csv import _split_block, _split_line

    by_line = [_split_line(line, sep) for line in io.StringIO(text, newline="")]
    assert list(_split_block(text, sep)) == by_line
