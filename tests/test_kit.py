"""`generate init` from one kind of report to the next, on the bundled year."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from tests.conftest import REFERENCE_NAMND

NAMND = REFERENCE_NAMND


def _keep_only(workdir: Path, *periods: str) -> Path:
    folder = workdir / "inputs" / NAMND
    for child in folder.iterdir():
        if child.is_dir() and child.name.endswith("-2024") and child.name not in periods:
            shutil.rmtree(child)
    return folder


def _texts(path: Path) -> dict[str, str]:
    ws = openpyxl.load_workbook(path)["Texter"]
    return {row[0]: row[2] or "" for row in ws.iter_rows(min_row=2, values_only=True)}


def test_a_delarsrapport_starts_a_prognosrapport(workdir: Path, run_cli) -> None:
    folder = _keep_only(workdir, "mar-2024", "aug-2024")
    result = run_cli("init", "--period", "okt-2024")
    assert result.exit_code == 0, result.output
    assert f"Skapade {folder / 'okt-2024'} (prognosrapport) från aug-2024:" in result.output
    new = folder / "okt-2024"
    assert sorted(p.name for p in new.iterdir()) == [
        "diagram.xlsx", "enheter.xlsx", "installningar.xlsx", "mappning.xlsx", "prognos.xlsx",
        "texter.xlsx", "utfall.xlsx", "volymer.xlsx"]
    assert "mal.xlsx följde inte med: en prognosrapport läser den inte" in result.output
    texts = _texts(new / "texter.xlsx")
    # the texts the prognosrapport shows, in August's order, August's as drafts
    shown = {"ekonomi_i_korthet", "handelser", "budgetkommentar", "analys_ekonomi",
             "analys_investeringar", "forvantad_utveckling", "volym_kommentar"}
    assert list(texts) == [k for k in _texts(folder / "aug-2024" / "texter.xlsx") if k in shown]
    assert texts["handelser"].startswith("UTKAST: - Som ett led i åtgärdsplanen")
    assert "namndens_uppdrag" in result.output  # left behind, and said so
    assert "En prognosrapport behöver" in result.output
    check = run_cli("check", "--period", "okt-2024")
    assert "mal.xlsx" not in check.output  # not asked for
    assert '"Prognos helår" saknas på alla 14 rader' in check.output


def test_a_verksamhetsberattelse_gathers_its_kit_from_earlier_periods(workdir: Path,
                                                                     run_cli) -> None:
    folder = _keep_only(workdir, "mar-2024", "aug-2024", "okt-2024", "nov-2024")
    result = run_cli("init", "--period", "dec-2024")
    assert result.exit_code == 0, result.output
    assert "(verksamhetsberättelse) från nov-2024" in result.output
    assert "mal.xlsx (från aug-2024): Mål 10 rader" in result.output
    assert "indikatorer.xlsx (från aug-2024)" in result.output
    assert "prognos.xlsx följde inte med" in result.output
    new = folder / "dec-2024"
    assert not (new / "prognos.xlsx").exists()
    ws = openpyxl.load_workbook(new / "utfall.xlsx")["Investeringar"]
    assert [c.value for c in ws[1]][:4] == ["Objekt", "Utgifter", "Inkomster", "Investeringsram"]
    texts = _texts(new / "texter.xlsx")
    # texts a månadsrapport lacked come back from the delårsrapport
    assert texts["namndens_uppdrag"].startswith("UTKAST: Nämndernas uppdrag")
    assert "internkontroll" in texts and "prognos_utveckling" not in texts
    ind = openpyxl.load_workbook(new / "indikatorer.xlsx")["Kolumnrubriker"]
    assert ind["C2"].value == "2024 tom december"  # carried from August, moved to December
    check = run_cli("check", "--period", "dec-2024")
    assert '"Investeringsram" saknas: hittade en tom cell' in check.output
    assert '"Bedömning" saknas på alla 10 rader' in check.output


def test_the_kind_of_a_new_period_may_be_chosen(workdir: Path, run_cli) -> None:
    folder = _keep_only(workdir, "aug-2024")
    result = run_cli("init", "--period", "apr-2025", "--rapport", "verksamhetsberattelse")
    assert result.exit_code == 0, result.output
    assert "(verksamhetsberättelse)" in result.output
    assert not (folder / "apr-2025" / "prognos.xlsx").exists()


def test_a_month_without_a_report_stops_init(workdir: Path, run_cli) -> None:
    folder = _keep_only(workdir, "aug-2024")
    result = run_cli("init", "--period", "jul-2025")
    assert result.exit_code == 2
    assert "har ingen rapport för juli" in result.output and "--rapport" in result.output
    assert not (folder / "jul-2025").exists()
