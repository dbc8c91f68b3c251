"""The second bundled example, another committee with another structure, from data alone.

Exempelby kommun (invented), Kultur- och fritidsnämnden: tkr without decimals, rows without
codes, no egen regi row, three målområden with other goal labels, other indicator columns,
and a ledger with intäkter positive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.docx_helpers import grid, headings, open_report, table_after_caption

N = "\u00a0"
NAMND = "exempelby-kfn"
OUT = Path("outputs") / "aug-2024" / f"delarsrapport-{NAMND}-aug-2024.docx"
ROWS = ["Nämnd och förvaltning", "Bibliotek", "Kulturskola", "Allmän kulturverksamhet",
        "Fritidsgårdar", "Idrottsanläggningar", "Föreningsbidrag"]


@pytest.fixture(scope="module")
def generated(example_run: tuple[Path, str]) -> tuple[Path, str]:
    """Both examples, generated once for the session (read-only here)."""
    return example_run


@pytest.fixture(scope="module")
def report(generated):
    return open_report(generated[0] / OUT)


def test_both_reports_are_written_and_listed(generated) -> None:
    work, output = generated
    for namnd in (NAMND, "linkoping-son"):
        path = work / "outputs" / "aug-2024" / f"delarsrapport-{namnd}-aug-2024.docx"
        assert path.is_file()
        assert f"Skrev {path}" in output
    assert "Klart: 2 rapporter, 0 varningar" in output


def test_one_nämnd_by_option(tmp_path: Path, run_cli_at) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "inputs")
    result = run_cli_at(tmp_path, "--period", "aug-2024", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "outputs" / "aug-2024").iterdir()] == [OUT.name]


def test_cover_names_the_committee(report) -> None:
    assert report.paragraphs[1].text == "Kultur- och fritidsnämnden"
    assert report.paragraphs[2].text == "Exempelby kommun"


def test_drift_table_in_tkr_without_decimals_and_without_inkl_row(report) -> None:
    rows = grid(table_after_caption(
        report, "Driftsammandrag för resultat 31 augusti 2024, belopp tkr"))
    assert rows[0] == ["", "Redovisat jan-aug 2024", "Budget jan-aug 2024", "Avvikelse",
                       "Redovisat samma period föregående år"]
    assert [r[0] for r in rows[1:]] == [*ROWS, "Summa nettokostnader"]  # names, no codes
    assert rows[2] == ["Bibliotek", f"14{N}230", f"14{N}155", "-75", f"13{N}620"]
    assert rows[4] == ["Allmän kulturverksamhet", f"4{N}105", f"4{N}105", "0", f"3{N}990"]
    assert rows[-1] == ["Summa nettokostnader", f"54{N}227", f"53{N}377", "-850", f"51{N}681"]
    assert not any("," in cell for row in rows[1:] for cell in row)
    assert not any("inkl" in r[0] for r in rows)


def test_forecast_shows_costs_positive_and_revenue_negative(report) -> None:
    rows = grid(table_after_caption(
        report, "Driftsammandrag för prognos för helår 2024, belopp tkr"))
    labels = [r[0] for r in rows]
    assert labels[-3:] == ["Summa nettokostnader", "varav kostnader", "varav intäkter"]
    assert rows[-3] == ["Summa nettokostnader", f"81{N}398", f"80{N}063", f"-1{N}335",
                        f"78{N}470"]
    assert rows[-2] == ["varav kostnader", f"97{N}560", f"95{N}900", f"-1{N}660", f"94{N}320"]
    assert rows[-1] == ["varav intäkter", f"-16{N}162", f"-15{N}837", "325", f"-15{N}850"]


def test_overview_and_investments_in_tkr(report) -> None:
    overview = grid(table_after_caption(report, "Ekonomi, belopp tkr"))
    assert overview[0][4] == "Avvikelse prognos helår, delårsrapport april 2024"
    assert overview[1] == ["Verksamhetens nettokostnader", f"81{N}398", f"80{N}063",
                           f"-1{N}335", f"-1{N}000"]
    assert overview[2] == ["Investeringar, netto", f"3{N}800", f"4{N}100", "300", "0"]
    inv = grid(table_after_caption(
        report, "Resultat 31 aug 2024 och prognos för helår 2024, belopp tkr"))
    assert inv[-1] == ["Summa investeringar", f"2{N}090", "0", f"4{N}800", f"1{N}000",
                       f"3{N}800", f"4{N}100", "300"]


def test_three_goal_areas_with_the_committees_labels(report) -> None:
    heads = headings(report)
    areas = [text for level, text in heads if level == 3 and text.startswith("Målområde ")]
    assert areas == ["Målområde Livskvalitet", "Målområde Delaktighet",
                     "Målområde Hållbar ekonomi"]
    assert (4, "Verksamhetsmål Ett rikt kulturliv för alla åldrar") in heads
    texts = [p.text for p in report.paragraphs]
    assert "Verksamhetsmålet bedöms: \u25cf Uppfyllt" in texts
    summary = grid(table_after_caption(report,
                                       "Måluppfyllelse i sammandrag, antal verksamhetsmål"))
    assert [r[0] for r in summary[1:]] == ["Livskvalitet", "Delaktighet", "Hållbar ekonomi",
                                           "Totalt"]
    assert summary[-1][1:] == ["1", "1", "1", "1", "4"]


def test_optional_sections_are_left_out_with_their_headings(report) -> None:
    titles = [text for _, text in headings(report)]
    for absent in ("Utvecklingsarbete", "Barn och unga", "Vuxna inkl LSS",
                   "10-årig lokalförsörjningsplan", "Verksamhet som utförs av privat utförare",
                   "Bilagor"):
        assert absent not in titles
    assert "Internkontroll" in titles and "Kommentar" in titles
    texts = [p.text for p in report.paragraphs]
    assert any(t.startswith("Året har präglats av fler besökare") for t in texts)


def test_indicator_columns_come_from_the_workbook(report) -> None:
    tables = [grid(t) for t in report.tables if t.rows[0].cells[0].text == "Verksamhetsmål"]
    assert len(tables) == 4
    assert tables[0][0] == ["Verksamhetsmål", "Nämndindikator", "2023", "Mål 2024",
                            "Utfall aug 2024", "Önskad riktning"]
    texts = [p.text for p in report.paragraphs]
    assert "Kommunmål: Ett rikt kulturliv" in texts


def test_placeholders_use_the_committees_decimals(report) -> None:
    texts = "\n".join(p.text for p in report.paragraphs)
    assert "Resultatet per 31 augusti 2024 är -850 tusen kronor mot budget." in texts
    assert "Bibliotekets avvikelse, -75 tusen kronor" in texts
    assert f"en ram på 4{N}100 tusen kronor" in texts
