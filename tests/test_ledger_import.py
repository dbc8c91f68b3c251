"""`generate importera` on the bundled ledger: the hand-filled workbooks come out again."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from tests import reference_tables as ref
from tests.docx_helpers import grid, open_report, table_after_caption
from tests.ledger_helpers import NAMND, PERIOD, avstamning, folder_of, ledger_dir, sheet_rows

CSV = "huvudbok-2023-2024.csv"
SIE = "huvudbok-2024.se"


def _values(path: Path, sheet: str) -> list[tuple]:
    return sheet_rows(path, sheet)


@pytest.mark.parametrize("name", [CSV, SIE])
def test_import_reproduces_the_hand_filled_workbooks(run_cli, workdir: Path, name: str) -> None:
    folder = folder_of(workdir)
    original = {f: {s: _values(folder / f, s) for s in openpyxl.load_workbook(folder / f)
                    .sheetnames[1:]} for f in ("utfall.xlsx", "prognos.xlsx")}
    ledger_columns = {  # what the import fills; the economist has not typed it yet
        "utfall.xlsx": {"Drift": ("Redovisat perioden", "Budget perioden",
                                  "Redovisat samma period föregående år")},
        "prognos.xlsx": {"Drift": ("Budget helår", "Bokslut föregående år"),
                         "Varav": ("Budget helår", "Bokslut föregående år")}}
    for f, sheets in ledger_columns.items():
        book = openpyxl.load_workbook(folder / f)
        for sheet, headers in sheets.items():
            ws = book[sheet]
            for cell in ws[1]:
                if cell.value in headers:
                    for (c,) in ws.iter_rows(min_row=2, min_col=cell.column,
                                             max_col=cell.column):
                        c.value = None
        book.save(folder / f)
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, "--prognos",
                     str(ledger_dir(workdir) / name))
    assert result.exit_code == 0, result.output
    assert f"Skrev {folder / 'utfall.xlsx'}" in result.output
    assert f"Skrev {folder / 'prognos.xlsx'}" in result.output
    assert "0 varningar" in result.output
    for f, sheets in original.items():
        for sheet, rows in sheets.items():
            assert _values(folder / f, sheet) == rows, (f, sheet)
    # the emptied workbooks were kept, not overwritten
    kept = sorted(p.name for p in (folder / "tidigare").iterdir())
    assert [k.split("-")[0] for k in kept] == ["prognos", "utfall"]
    check = avstamning(folder / "utfall.xlsx")
    control = next(v for k, v in check.items() if k[0] == "Kontroll")
    assert set(control) == {0}


def test_generate_after_import_reproduces_the_reference_tables(run_cli, workdir: Path) -> None:
    folder = folder_of(workdir)
    book = openpyxl.load_workbook(folder / "utfall.xlsx")
    book["Drift"]["C2"] = 999999  # a wrong hand-typed figure, replaced by the import
    book.save(folder / "utfall.xlsx")
    result = run_cli("importera", "--period", PERIOD, str(ledger_dir(workdir) / SIE))
    assert result.exit_code == 0, result.output
    assert "linkoping-son, aug-2024:" in result.output  # the only nämnd with mappning.xlsx
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 0, result.output
    doc = open_report(workdir / "outputs" / PERIOD / f"delarsrapport-{NAMND}-{PERIOD}.docx")
    assert grid(table_after_caption(doc, ref.CAPTIONS[1])) == ref.UTFALL
    assert grid(table_after_caption(doc, ref.CAPTIONS[2])) == ref.PROGNOS
    assert grid(table_after_caption(doc, ref.CAPTIONS[0])) == ref.OVERVIEW


def test_the_avstamning_sheet_is_not_read_nor_carried(run_cli, workdir: Path) -> None:
    assert run_cli("importera", "--period", PERIOD, str(ledger_dir(workdir) / CSV)
                   ).exit_code == 0
    folder = folder_of(workdir)
    book = openpyxl.load_workbook(folder / "utfall.xlsx")
    assert book.sheetnames == ["Instruktioner", "Drift", "Investeringar", "Avstämning"]
    sheet = book["Avstämning"]
    headers = [c.value for c in sheet[1]]
    files = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "Fil" and r[-1].value]
    assert files and files[0][-1].value == 2260 and headers[-1] == "Rader"
    assert files[0][-1].number_format == "#,##0"  # a count: 2 260, not 2 260,0
    assert {r[headers.index("Redovisat perioden")].number_format for r in files} == {"#,##0.00"}
    assert run_cli("check", "--period", PERIOD, "--namnd", NAMND).exit_code == 0
    result = run_cli("init", "--period", "apr-2025", "--namnd", NAMND, "--from", PERIOD)
    assert result.exit_code == 0, result.output
    new = workdir / "inputs" / NAMND / "apr-2025"
    assert openpyxl.load_workbook(new / "utfall.xlsx").sheetnames == [
        "Instruktioner", "Drift", "Investeringar"]
    assert "Avstämning" not in result.output
    assert (new / "mappning.xlsx").is_file()


def test_both_files_of_the_same_months_are_refused(run_cli, workdir: Path) -> None:
    folder = folder_of(workdir)
    before = (folder / "utfall.xlsx").read_bytes()
    result = run_cli("importera", "--period", PERIOD, str(ledger_dir(workdir) / CSV),
                     str(ledger_dir(workdir) / SIE))
    assert result.exit_code == 2
    assert f"både {CSV} och {SIE} har utfall för 2023-01 (och 19 månader till)" in result.output
    assert "ingenting skrevs" in result.output
    assert (folder / "utfall.xlsx").read_bytes() == before
    assert not (folder / "tidigare").exists()


def test_the_ledger_files_are_not_a_period(run_cli, workdir: Path) -> None:
    assert (ledger_dir(workdir) / CSV).is_file()
    result = run_cli("senaste-period")
    assert result.output.strip() == "dec-2024"  # the bundled year's last report


def test_inputs_are_never_modified(run_cli, workdir: Path) -> None:
    files = [ledger_dir(workdir) / CSV, ledger_dir(workdir) / SIE,
             folder_of(workdir) / "mappning.xlsx", folder_of(workdir) / "installningar.xlsx"]
    before = [f.read_bytes() for f in files]
    assert run_cli("importera", "--period", PERIOD, str(files[0])).exit_code == 0
    assert [f.read_bytes() for f in files] == before


def test_help_is_swedish(run_cli) -> None:
    result = run_cli("importera", "--help")
    assert result.exit_code == 0
    assert "Läser huvudbokens export och skriver utfallet i utfall.xlsx." in result.output
    assert "FIL...\n" not in result.output.split("Flaggor:")[1]
    assert "Användning:" in result.output and "--prognos" in result.output


def test_the_example_script_writes_the_committed_files(tmp_path: Path) -> None:
    """tools/make_ledger_example.py is deterministic: it writes the committed ledger."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    copy = tmp_path / "repo"
    shutil.copytree(root / "tools", copy / "tools")
    shutil.copytree(root / "inputs" / NAMND / PERIOD, copy / "inputs" / NAMND / PERIOD)
    subprocess.run([sys.executable, str(copy / "tools" / "make_ledger_example.py")],
                   check=True, capture_output=True, cwd=copy,
                   env={**os.environ, "PYTHONPATH": str(root)})
    for name in (CSV, SIE):
        assert (copy / "inputs" / NAMND / "huvudbok" / name).read_bytes() == (
            root / "inputs" / NAMND / "huvudbok" / name).read_bytes(), name


def test_an_open_prognos_stops_the_import_before_anything_is_written(
        run_cli, workdir: Path) -> None:
    """With --prognos both workbooks are written or neither: prognos.xlsx open in Excel
    (its lock file beside it) leaves utfall.xlsx untouched too, and the message names
    Excel, not Word."""
    folder = folder_of(workdir)
    (folder / "~$prognos.xlsx").write_bytes(b"\x00")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, "--prognos",
                     str(ledger_dir(workdir) / CSV))
    assert result.exit_code == 2, result.output
    assert (f"{folder / 'prognos.xlsx'} verkar vara öppen i Excel eller LibreOffice "
            "(~$prognos.xlsx finns). Stäng filen och kör igen; ingenting skrevs.") \
        in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert not (folder / "tidigare").exists()


def test_an_open_mapping_is_a_warning(run_cli, workdir: Path) -> None:
    folder = folder_of(workdir)
    (folder / "~$mappning.xlsx").write_bytes(b"\x00")
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND,
                     str(ledger_dir(workdir) / CSV))
    assert result.exit_code == 0, result.output
    assert ("mappning.xlsx: arbetsboken verkar vara öppen i Excel eller LibreOffice "
            "(~$mappning.xlsx finns): ändringar som inte är sparade kommer inte med.") \
        in " ".join(result.output.split())


def test_a_kommun_wide_export_read_on_two_cores_gives_the_same_figures(
        run_cli, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled ledger inside an export with other nämnders' rows before and after it,
    big enough to be read in two halves: utfall.xlsx comes out as from the bundled file."""
    from generator.ledger import halves

    folder = folder_of(workdir)
    bundled = (ledger_dir(workdir) / CSV).read_text(encoding="cp1252").splitlines()
    others = [f"2024{1 + n % 12:02d};5010;{4 + n % 5}{100 + n % 900};510;;;;;{n},{n % 100:02d};"
              for n in range(20_000)]
    kommun = ledger_dir(workdir) / "kommunen.csv"
    kommun.write_text("\r\n".join([bundled[0], *others[:10_000], *bundled[1:],
                                   *others[10_000:]]) + "\r\n", encoding="cp1252")
    assert run_cli("importera", "--period", PERIOD, "--namnd", NAMND,
                   str(ledger_dir(workdir) / CSV)).exit_code == 0
    expected = {s: _values(folder / "utfall.xlsx", s) for s in ("Drift", "Avstämning")}
    monkeypatch.setattr(halves, "PARALLEL_BYTES", 1 << 16)
    cuts: list[object] = []
    find_cut = halves.find_cut
    monkeypatch.setattr(halves, "find_cut", lambda *a: cuts.append(find_cut(*a)) or cuts[-1])
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(kommun))
    assert result.exit_code == 0, result.output
    assert cuts and cuts[0] is not None  # really read in two halves
    rows_read = f"{len(bundled) - 1 + 20_000:_}".replace("_", "\u00a0")
    assert f"Läste kommunen.csv (CSV, {rows_read} rader)" in result.output
    assert _values(folder / "utfall.xlsx", "Drift") == expected["Drift"]
    # the Avstämning sheet differs only in the file's own rows (its name and total)
    rows = _values(folder / "utfall.xlsx", "Avstämning")
    assert len(rows) > 20
    assert [r for r in rows if "kommunen.csv" not in str(r[1])] == \
        [r for r in expected["Avstämning"] if CSV not in str(r[1])]


def test_only_last_years_figures_are_a_warning_and_a_short_year_is_named(
        run_cli, workdir: Path) -> None:
    """A 2023 export imported for aug-2024 (the wrong file, or the wrong --period) fills
    only last year's column: said as a warning, and "helår 2023" says it is not whole."""
    from tests.ledger_helpers import write_csv

    rows = [f"2023{m:02d};5010;3310;569;;;;;1000,00;" for m in range(1, 9)]
    path = write_csv(workdir / "export-2023.csv", rows)
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # long lines are wrapped to the terminal
    assert ("Varning: filerna har inga belopp för 2024, bara utfall för 2023: bara redovisat "
            "jan-aug 2023 skrevs; gäller importen rätt period (--period)?") in output
    assert "Redovisat helår 2023 (bara 8 av 12 månader): nämnden 8 000,00 kr" in output
    assert "(Redovisat samma period föregående år; fliken Avstämning)" in output
    full = run_cli("importera", "--period", PERIOD,
                   str(ledger_dir(workdir) / "huvudbok-2023-2024.csv"))
    assert "bara utfall för" not in full.output and "av 12 månader" not in full.output
