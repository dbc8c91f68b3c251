"""The revenue sign convention is data: "Intäkter med minustecken i indata" in installningar."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from generator.excel.load import load_report_input
from generator.period import parse_period
from tests import reference_tables as ref
from tests.conftest import EXAMPLE
from tests.docx_helpers import grid, open_report, table_after_caption

PERIOD = parse_period("aug-2024")
SETTING = "Intäkter med minustecken i indata"


def _flip(folder: Path) -> None:
    """Rewrite the example as a ledger with intäkter positive and kostnader negative."""
    book = openpyxl.load_workbook(folder / "installningar.xlsx")
    ws = book["Nämnd"]
    rows = [r for r in ws.iter_rows(min_row=2) if r[0].value == SETTING]
    if rows:
        rows[0][1].value = "Nej"
    else:
        ws.append([SETTING, "Nej"])
    book.save(folder / "installningar.xlsx")
    for name, sheets in (("utfall.xlsx", ("Drift",)), ("prognos.xlsx", ("Drift", "Varav"))):
        book = openpyxl.load_workbook(folder / name)
        for sheet in sheets:
            for row in book[sheet].iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, int | float):
                        cell.value = -cell.value
        book.save(folder / name)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE / "linkoping-son", tmp_path / "inputs" / "linkoping-son")
    return tmp_path / "inputs" / "linkoping-son" / "aug-2024"


def test_default_is_revenue_negative_as_in_the_report(tmp_path: Path) -> None:
    report, issues = load_report_input(_copy(tmp_path), PERIOD)
    assert report is not None, issues
    assert report.settings.revenue_negative is True
    assert report.economy.varav[1].figures.outcome < 0


def test_revenue_positive_input_gives_the_same_model(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    as_is, _ = load_report_input(folder, PERIOD)
    _flip(folder)
    flipped, issues = load_report_input(folder, PERIOD)
    assert flipped is not None, issues
    assert flipped.settings.revenue_negative is False
    assert flipped.economy.utfall == as_is.economy.utfall
    assert flipped.economy.prognos == as_is.economy.prognos
    assert [v.figures for v in flipped.economy.varav] == [v.figures for v in as_is.economy.varav]
    # investments (utgifter, inkomster as amounts) and the previous deviation are not flipped
    assert flipped.economy.investments == as_is.economy.investments
    assert flipped.economy.previous == as_is.economy.previous


def test_revenue_positive_input_prints_the_reference_tables(tmp_path: Path, run_cli_at) -> None:
    _flip(_copy(tmp_path))
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    doc = open_report(tmp_path / "outputs" / "aug-2024"
                      / "delarsrapport-linkoping-son-aug-2024.docx")
    assert grid(table_after_caption(doc, ref.CAPTIONS[1])) == ref.UTFALL
    assert grid(table_after_caption(doc, ref.CAPTIONS[2])) == ref.PROGNOS


def test_a_wrong_value_is_named_with_its_cell(tmp_path: Path, run_cli_at) -> None:
    folder = _copy(tmp_path)
    book = openpyxl.load_workbook(folder / "installningar.xlsx")
    book["Nämnd"].append([SETTING, "Kanske"])
    book.save(folder / "installningar.xlsx")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 2
    assert "installningar.xlsx › Nämnd › B" in result.output
    assert '"Ja", "Nej"' in result.output
