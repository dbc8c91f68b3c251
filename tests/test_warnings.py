"""Warnings: shown in the summary with both figures, the report is written; --strict stops."""

from __future__ import annotations

from pathlib import Path

from tests.test_bad_input import (
    EARLIER,
    NBSP,
    PERIOD,
    REPORT,
    assert_nothing_lost,
    assert_stopped,
    prepare,
    set_cells,
    snapshot,
)

# Kostnader are 2 838 600 tkr in the example; the total incl. egen regi is 1 880,9 mnkr.
VARAV_OFF = set_cells("prognos.xlsx", "Varav", B2=2_839_600)  # 1 mnkr too much
WARNING = (
    f"prognos.xlsx › Varav › B2:B3: Prognos helår: kostnader + intäkter blir 1{NBSP}881,9 "
    f"men summa nettokostnader inkl kommunal verks är 1{NBSP}880,9 (skillnad 1,0)")


def test_total_that_disagrees_is_a_warning_with_both_figures(run_cli, workdir: Path) -> None:
    inputs, _ = prepare(workdir, VARAV_OFF)
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 0, result.output
    assert f"  Varning: {WARNING}" in result.output
    assert "Klart: 1 rapport, 1 varning" in result.output
    assert (workdir / REPORT).read_bytes() != EARLIER, "the report is written"
    kept = list((workdir / REPORT).parent.glob("tidigare/*.docx"))
    assert [k.read_bytes() for k in kept] == [EARLIER]
    assert snapshot(workdir / "inputs") == inputs


def test_strict_turns_the_warning_into_an_error(run_cli, workdir: Path) -> None:
    inputs, outputs = prepare(workdir, VARAV_OFF)
    result = run_cli("--period", PERIOD, "--strict")
    assert_stopped(result, f"Fel (varning, --strict): {WARNING}",
                   "Varningar räknas som fel eftersom --strict angavs.")
    assert_nothing_lost(workdir, inputs, outputs)


def test_an_error_in_the_varav_rows_is_reported_not_the_sum(run_cli, workdir: Path) -> None:
    """A cell that cannot be read stops the run before sums are compared."""
    def mutate(folder: Path) -> None:
        VARAV_OFF(folder)
        set_cells("prognos.xlsx", "Varav", C3="n/a")(folder)

    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, 'prognos.xlsx › Varav › C3: förväntade ett tal, hittade "n/a"')
    assert_nothing_lost(workdir, inputs, outputs)


def test_difference_within_rounding_is_no_warning(run_cli, workdir: Path) -> None:
    """0,05 mnkr is below one unit of the shown decimal: the reader rounded, nothing is wrong."""
    prepare(workdir, set_cells("prognos.xlsx", "Varav", B2=2_838_650, D3=-1_054_997))
    result = run_cli("--period", PERIOD, "--strict")
    assert result.exit_code == 0, result.output
    assert "Varning" not in result.output
    assert "0 varningar" in result.output


def test_clean_example_passes_strict(run_cli, workdir: Path) -> None:
    result = run_cli("--period", PERIOD, "--strict")
    assert result.exit_code == 0, result.output


def test_count_line_names_errors_and_warnings() -> None:
    from generator.errors import InvalidInputError
    from generator.issues import SourceRef, error, warning

    ref = SourceRef("prognos.xlsx", "Varav", "B2")
    issues = [error(ref, "a"), error(ref, "b"), warning(ref, "c")]
    assert InvalidInputError(issues).format_message() == (
        "2 fel och 1 varning i indata, ingen rapport skrevs.")
    assert InvalidInputError([*issues, warning(ref, "d")]).format_message() == (
        "2 fel och 2 varningar i indata, ingen rapport skrevs.")
    assert InvalidInputError(issues, strict=True).format_message() == (
        "3 fel i indata, ingen rapport skrevs. Varningar räknas som fel eftersom --strict "
        "angavs.")


def test_a_deleted_optional_column_is_a_warning(workdir, run_cli) -> None:
    import openpyxl

    path = workdir / "inputs" / "linkoping-son" / "aug-2024" / "volymer.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Volymer"]
    column = next(c.column for c in ws[1] if c.value == "Fotnot")
    ws.delete_cols(column)
    book.save(path)
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 0
    assert "volymer.xlsx › Volymer › rad 1: kolumnen \"Fotnot\" saknas, så den behandlas som tom" \
        in result.output


def test_a_chart_series_without_this_period_is_a_warning(workdir, run_cli) -> None:
    import openpyxl

    path = workdir / "inputs" / "linkoping-son" / "aug-2024" / "diagram.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Serier"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2)
               if r[0].value == "Vårddygn HVB barn och unga" and r[1].value == 2024)
    ws.delete_rows(row)
    book.save(path)
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0
    assert ('serien "Vårddygn HVB barn och unga" saknar värden för jan–aug 2024' in
            result.output)
