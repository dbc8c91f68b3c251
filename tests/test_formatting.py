from decimal import Decimal

import pytest

from generator.formatting import NBSP, format_number, format_signed, parse_number


@pytest.mark.parametrize("value,decimals,expected", [
    ("1220.35", 1, f"1{NBSP}220,4"),   # half away from zero
    ("-1220.35", 1, f"-1{NBSP}220,4"),
    ("-75", 1, "-75,0"),
    ("0", 1, "0,0"),
    ("-0.04", 1, "0,0"),                # no negative zero
    ("576", 1, "576,0"),
    ("-1054.947", 1, f"-1{NBSP}054,9"),
    ("1234567.891", 1, f"1{NBSP}234{NBSP}567,9"),
    ("999.96", 1, f"1{NBSP}000,0"),
    ("1234567", 0, f"1{NBSP}234{NBSP}567"),
    ("0.5", 0, "1"),
    ("-0.5", 0, "-1"),
    ("12.345", 2, "12,35"),
])
def test_format_number(value: str, decimals: int, expected: str) -> None:
    assert format_number(Decimal(value), decimals) == expected


def test_format_none_and_signed() -> None:
    assert format_number(None) == ""
    assert format_signed(Decimal("5.4")) == "+5,4"
    assert format_signed(Decimal("-19")) == "-19,0"
    assert format_signed(Decimal("0.01")) == "0,0"


@pytest.mark.parametrize("raw,expected", [
    ("1 220,4", "1220.4"), (f"1{NBSP}220,4", "1220.4"), ("\u221275,0", "-75.0"),
    ("-75", "-75"), ("1220.4", "1220.4"), (12, "12"), (1.5, "1.5"), ("  3 ", "3"),
    ("1\u202f054,9", "1054.9"),
])
def test_parse_number(raw: object, expected: str) -> None:
    assert parse_number(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["n/a", "1,2,3", "12 3", "abc", "1 22,4", True])
def test_parse_rejects(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


def test_parse_empty() -> None:
    assert parse_number(None) is None
    assert parse_number("   ") is None


@pytest.mark.parametrize("raw", ["61.700", "1.234.567", "-1.000"])
def test_a_dot_before_three_digits_is_ambiguous_and_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


def test_ambiguous_dot_in_a_workbook_names_the_cell_and_explains(run_cli, workdir) -> None:
    import openpyxl

    path = workdir / "inputs" / "linkoping-son" / "aug-2024" / "utfall.xlsx"
    book = openpyxl.load_workbook(path)
    book["Drift"]["D6"] = "61.700"
    book.save(path)
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 2
    assert 'utfall.xlsx › Drift › D6: förväntade ett tal, hittade "61.700" (punkten kan' in \
        result.output
    # the row is named too, as the economist knows it
    assert '(raden "520 - Insatser personer m funktionsnedsättn")' in result.output


def test_numbers_in_verbatim_cells_are_kept_together() -> None:
    from generator.sections import keep_numbers_together

    assert keep_numbers_together("Linköping: 8 605 kr/inv  R9: 9 260 kr/inv") == \
        f"Linköping: 8{NBSP}605 kr/inv  R9: 9{NBSP}260 kr/inv"
    assert keep_numbers_together("IFO 120 LSS 259") == "IFO 120 LSS 259"
    assert keep_numbers_together("3926 (45 % flickor)") == "3926 (45 % flickor)"


@pytest.mark.parametrize("raw", [1e300, -1e16, "9" * 40, Decimal("1E+400"), float("inf")])
def test_numbers_no_report_can_hold_are_refused(raw: object) -> None:
    from generator.formatting import NumberOutOfRange

    with pytest.raises(NumberOutOfRange):
        parse_number(raw)


@pytest.mark.parametrize("raw", [float("nan"), Decimal("NaN")])
def test_nan_is_not_a_number(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


def test_the_largest_numbers_read_and_round() -> None:
    assert parse_number(-1e15) == Decimal("-1E+15")
    assert parse_number("1 000 000 000 000 000") == Decimal("1E+15")
    assert parse_number(2.2737367544323206e-13) == Decimal("2.2737367544323206E-13")


def test_rounding_for_display_never_runs_out_of_digits() -> None:
    """A computed value beyond Decimal's 28 digits (a share of a tiny budget) is shown."""
    huge = Decimal("1.25E+40")
    assert format_number(huge, 1) == NBSP.join(["12", *["500"] + ["000"] * 12]) + ",0"
    assert format_number(Decimal("1E-300"), 2) == "0,00"


@pytest.mark.parametrize(("rows", "right"), [
    ([["9,0", "7,30"], ["8,6", "6,9"]], True),
    ([["1,0", "i.u."], ["2,0", "i.u."]], True),          # a column of "i.u." goes along
    ([["44 %", "Augusti 2023: 53 %"]], False),           # one column of text: all left
    ([["i.u.", "-"], ["", "–"]], False),                 # no figure at all
])
def test_an_indicator_tables_year_columns_share_one_alignment(rows, right: bool) -> None:
    from generator.sections import all_figures

    assert all_figures(rows, 2) is right


def test_a_nämndmål_is_merged_down_over_its_rows_until_the_next_or_a_heading() -> None:
    from generator.model import SECTION, SUBLINE, Indicator
    from generator.sections import _goal_merges

    def row(goal: str, kind: str = "Rad") -> Indicator:
        return Indicator("Område", "Mål", goal, "Indikator", None, (), "", None, kind)

    rows = [row("Goda arbetsplatser"), row("", SUBLINE), row("Goda arbetsplatser "),
            row("Ledarskap"), row("Rubrik", SECTION), row("Ledarskap"), row(""),
            row("Kompetens")]
    # a trailing blank from Excel is the same goal; a heading row ends the cell above it
    assert _goal_merges(rows) == ["first", "rest", "rest", "", "", "first", "rest", ""]
