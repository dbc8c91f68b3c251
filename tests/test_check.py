"""`generate check`: every problem, file › sheet › cell, no report written; exit 0 or 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT, TEMPLATE, as_one_delarsrapport

NAMND = "linkoping-son"
FOLDER = Path("inputs") / NAMND / "aug-2024"


def _set(path: Path, sheet: str, cell: str, value: object) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def _delete_text(path: Path, key: str) -> None:
    """Remove the row of section `key` from texter.xlsx."""
    book = openpyxl.load_workbook(path)
    ws = book["Texter"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == key)
    ws.delete_rows(row[0].row)
    book.save(path)


def _errors(text: str) -> set[str]:
    """The error lines that name a cell."""
    return {line.strip() for line in text.splitlines() if line.strip().startswith("Fel: ")
            and "›" in line}


def test_the_example_has_no_problems_and_nothing_is_written(workdir: Path, run_cli) -> None:
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert f"{NAMND}, aug-2024 (delårsrapport):\n  0 fel, 0 varningar." in result.output
    # the command suggested next reads the same folders as this one
    assert (f"Inga fel: skriv rapporten med generate --period aug-2024 --indata "
            f"{workdir / 'inputs'} --utdata {workdir / 'outputs'}.") in result.output
    assert not (workdir / "outputs").exists()


def test_the_suggested_command_leaves_out_the_default_folders(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    monkeypatch.chdir(workdir)
    result = CliRunner().invoke(cli, ["check", "--period", "aug-2024", "--utdata", "outputs"])
    assert result.exit_code == 0, result.output
    assert "Inga fel: skriv rapporten med generate --period aug-2024.\n" in result.output


def _suggested(output: str, before: str, after: str) -> list[str]:
    """The arguments of the command a summary suggests, between `before` and `after`."""
    import shlex

    line = next(line for line in output.splitlines() if before in line)
    return shlex.split(line.split(before, 1)[1].rsplit(after, 1)[0])


def test_the_suggested_commands_keep_the_nämnd_and_the_kind(run_cli_at, workdir_all: Path
                                                             ) -> None:
    """With two nämnder, `check --namnd` suggests the report of that nämnd only, of the kind
    checked, as `importera` suggests its check."""
    passed = run_cli_at(workdir_all, "check", "--period", "aug-2024", "--namnd",
                        "LINKOPING-SON", "--rapport", "prognosrapport")
    assert passed.exit_code == 0, passed.output
    assert ("Inga fel: skriv rapporten med generate --period aug-2024 --namnd linkoping-son "
            "--rapport prognosrapport --indata") in passed.output
    generated = run_cli_at(workdir_all, *_suggested(passed.output, "med generate ", "."))
    assert generated.exit_code == 0, generated.output
    written = sorted(p.name for p in (workdir_all / "outputs" / "aug-2024").glob("*.docx"))
    assert written == ["prognosrapport-linkoping-son-aug-2024.docx"]

    _set(workdir_all / FOLDER / "prognos.xlsx", "Varav", "B2", 2_900_000)  # a warning
    strict = run_cli_at(workdir_all, "check", "--period", "aug-2024", "--namnd", NAMND,
                        "--strict")
    assert strict.exit_code == 2
    assert ("Rätta varningarna (--strict) och kör generate check --period aug-2024 --namnd "
            "linkoping-son --strict --indata") in strict.output
    again = run_cli_at(workdir_all, *_suggested(strict.output, "och kör generate ", " igen."))
    assert again.exit_code == 2 and again.output == strict.output


def test_every_problem_is_listed_with_its_cell(workdir: Path, run_cli) -> None:
    _set(workdir / FOLDER / "utfall.xlsx", "Drift", "C5", "n/a")
    _set(workdir / FOLDER / "prognos.xlsx", "Drift", "D14", "")
    _set(workdir / FOLDER / "mal.xlsx", "Mål", "G3", "Nästan")
    result = run_cli("check", "--period", "aug-2024", "--namnd", NAMND)
    assert result.exit_code == 2
    out = result.output
    assert 'Fel: utfall.xlsx › Drift › C5: förväntade ett tal, hittade "n/a"' in out
    assert "Fel: prognos.xlsx › Drift › D14:" in out
    assert 'Fel: mal.xlsx › Mål › G3: förväntade ett av värdena "Uppfyllt"' in out
    assert "3 fel, 0 varningar." in out and "Ingen rapport skrevs." in out
    assert f"{NAMND}, aug-2024 (delårsrapport):" in out  # the kind, errors or not
    assert not (workdir / "outputs").exists()


def test_check_and_generate_find_the_same_errors(workdir: Path, run_cli) -> None:
    _set(workdir / FOLDER / "utfall.xlsx", "Drift", "C5", "n/a")
    _set(workdir / FOLDER / "texter.xlsx", "Texter", "C4", "Se {resultat.avvikelsen}.")
    checked = run_cli("check", "--period", "aug-2024")
    generated = run_cli("--period", "aug-2024")
    assert checked.exit_code == generated.exit_code == 2

    assert _errors(checked.output) == _errors(generated.output)
    assert len(_errors(checked.output)) == 1  # the placeholder is checked once figures load


def test_check_finds_the_chart_problems_generate_finds(workdir: Path, run_cli) -> None:
    _set(workdir / FOLDER / "diagram.xlsx", "Diagram", "D3", "Finns inte")
    _set(workdir / FOLDER / "texter.xlsx", "Texter", "C4", "Se diagrammet.\n\n[diagram C99]")
    _set(workdir / FOLDER / "texter.xlsx", "Texter", "C5", "Se {resultat.avvikelsen}.")
    checked = run_cli("check", "--period", "aug-2024")
    generated = run_cli("--period", "aug-2024")
    assert checked.exit_code == generated.exit_code == 2
    assert 'Fel: diagram.xlsx › Diagram › D3: okänd serie "Finns inte"' in checked.output
    assert "Fel: texter.xlsx › Texter › C4: okänt diagram [diagram C99]" in checked.output
    assert "Fel: texter.xlsx › Texter › C5: okänt talnamn {resultat.avvikelsen}" in \
        checked.output

    assert _errors(checked.output) == _errors(generated.output)
    assert len(_errors(checked.output)) == 3


def test_warnings_pass_unless_strict(workdir: Path, run_cli) -> None:
    _set(workdir / FOLDER / "prognos.xlsx", "Varav", "B2", 2_900_000)
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 0
    assert "Varning: prognos.xlsx › Varav › B2:B3: Prognos helår" in result.output
    assert "0 fel, 1 varning." in result.output
    strict = run_cli("check", "--period", "aug-2024", "--strict")
    assert strict.exit_code == 2 and "Rätta varningarna (--strict)" in strict.output


def test_a_missing_text_the_template_needs_is_an_error(workdir: Path, run_cli) -> None:
    _delete_text(workdir / FOLDER / "texter.xlsx", "handelser")
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 2
    assert 'Mallen visar texten "handelser", men den finns inte i texter.xlsx' in result.output
    generated = run_cli("--period", "aug-2024")
    assert generated.exit_code == 2 and 'texten "handelser"' in generated.output


def test_an_optional_text_may_be_missing(workdir: Path, run_cli) -> None:
    _delete_text(workdir / FOLDER / "texter.xlsx", "privata_vuxna")
    assert run_cli("check", "--period", "aug-2024").exit_code == 0


def test_a_text_with_no_place_in_the_template_is_a_warning(workdir: Path, run_cli) -> None:
    path = workdir / FOLDER / "texter.xlsx"
    book = openpyxl.load_workbook(path)
    book["Texter"].append(["extra_avsnitt", "Inget ställe", "Text som inte syns."])
    book.save(path)
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 0
    assert 'texten "extra_avsnitt" visas inte i rapporten' in result.output
    row = book["Texter"].max_row
    assert f"Varning: texter.xlsx › Texter › C{row}: texten \"extra_avsnitt\"" in result.output


def test_check_imports_neither_docxtpl_nor_matplotlib(workdir: Path) -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from generator.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['--indata', {str(workdir / 'inputs')!r}, '--mall', "
        f"{str(TEMPLATE)!r}, 'check', '--period', 'aug-2024'])\n"
        "print(r.exit_code, sorted(m for m in ('docxtpl', 'docx', 'matplotlib', 'numpy') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip() == "0 []"


def test_an_economist_starts_fills_checks_and_generates(workdir: Path, run_cli) -> None:
    """init apr-2025 → check lists what to fill → fill → check passes → generate."""
    as_one_delarsrapport(workdir)  # a delårsrapport again, from August
    assert run_cli("init", "--period", "apr-2025", "--namnd", NAMND).exit_code == 0
    new = workdir / "inputs" / NAMND / "apr-2025"
    first = run_cli("check", "--period", "apr-2025")
    assert first.exit_code == 2
    assert ('Fel: utfall.xlsx › Drift › C2:C15: "Redovisat perioden" saknas på alla 14 rader'
            in first.output)
    assert 'Fel: mal.xlsx › Mål › G2:G11: "Bedömning" saknas på alla 10 rader' in first.output
    assert "Varning: texter.xlsx › Texter › C2: texten är förra periodens utkast" in first.output

    old = workdir / FOLDER
    for name, sheets in (("utfall.xlsx", ("Drift", "Investeringar")),
                         ("prognos.xlsx", ("Drift", "Varav", "Investeringar",
                                           "Föregående prognos")),
                         ("mal.xlsx", ("Mål",)), ("uppdrag.xlsx", ("Uppdrag",))):
        src, dst = openpyxl.load_workbook(old / name), openpyxl.load_workbook(new / name)
        for sheet in sheets:
            for row in src[sheet].iter_rows(min_row=2):
                for cell in row:
                    if dst[sheet][cell.coordinate].value is None:
                        dst[sheet][cell.coordinate] = cell.value
        dst.save(new / name)
    second = run_cli("check", "--period", "apr-2025")
    assert second.exit_code == 0, second.output
    assert "0 fel" in second.output and "varningar." in second.output

    for name, sheet, cols in (("texter.xlsx", "Texter", (3, 3)), ("mal.xlsx", "Mål", (5, 6))):
        book = openpyxl.load_workbook(new / name)
        for row in book[sheet].iter_rows(min_row=2, min_col=cols[0], max_col=cols[1]):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = cell.value.removeprefix("UTKAST: ")
        book.save(new / name)
    third = run_cli("check", "--period", "apr-2025")
    assert third.exit_code == 0 and "0 fel, 6 varningar." in third.output
    # what is left: the chart series have no values for 2025 yet (one warning per series)
    assert third.output.count("saknar värden för jan–apr 2025") == 6
    book = openpyxl.load_workbook(new / "diagram.xlsx")
    ws = book["Serier"]
    for name in dict.fromkeys(r[0].value for r in ws.iter_rows(min_row=2) if r[0].value):
        ws.append([name, 2025, 100, 110, 120, 130])
    book.save(new / "diagram.xlsx")
    fourth = run_cli("check", "--period", "apr-2025")
    assert fourth.exit_code == 0 and "0 fel, 0 varningar." in fourth.output
    generated = run_cli("--period", "apr-2025")
    assert generated.exit_code == 0, generated.output
    report = workdir / "outputs" / "apr-2025" / f"delarsrapport-{NAMND}-apr-2025.docx"
    assert report.is_file()
    assert run_cli("--period", "aug-2024").exit_code == 0  # the old period is untouched


def test_generate_warns_while_a_draft_remains(workdir: Path, run_cli) -> None:
    as_one_delarsrapport(workdir)  # December a delårsrapport from August's workbooks
    assert run_cli("init", "--period", "dec-2024", "--namnd", NAMND).exit_code == 0
    new = workdir / "inputs" / NAMND / "dec-2024"
    old = workdir / FOLDER
    for name in ("utfall.xlsx", "prognos.xlsx", "mal.xlsx", "uppdrag.xlsx"):
        src, dst = openpyxl.load_workbook(old / name), openpyxl.load_workbook(new / name)
        for ws in src.worksheets[1:]:
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if dst[ws.title][cell.coordinate].value is None:
                        dst[ws.title][cell.coordinate] = cell.value
        dst.save(new / name)
    result = run_cli("--period", "dec-2024")
    assert result.exit_code == 0, result.output
    assert "texten är förra periodens utkast" in result.output
    assert run_cli("--period", "dec-2024", "--strict").exit_code == 2


def test_help_imports_neither_openpyxl_nor_matplotlib() -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from generator.cli import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "print(r.exit_code, sorted(m for m in ('docxtpl', 'openpyxl', 'matplotlib') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip() == "0 []"


def test_a_workbook_open_in_excel_is_a_warning(workdir: Path, run_cli) -> None:
    folder = workdir / "inputs" / "linkoping-son" / "aug-2024"
    (folder / "~$utfall.xlsx").write_bytes(b"\x00")
    for args in (("check",), ()):
        result = run_cli(*args, "--period", "aug-2024")
        assert result.exit_code == 0, result.output
        assert ("Varning: utfall.xlsx: arbetsboken verkar vara öppen i Excel eller "
                "LibreOffice (~$utfall.xlsx finns): ändringar som inte är sparade kommer inte "
                "med.") in " ".join(result.output.split())


def test_folders_may_follow_the_subcommand(workdir: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["check", "--period", "aug-2024", "--indata",
                                      str(workdir / "inputs")])
    assert result.exit_code == 0, result.output
    assert f"{NAMND}, aug-2024 (delårsrapport):\n  0 fel, 0 varningar." in result.output
    helped = CliRunner().invoke(cli, ["init", "--help"])
    assert "--indata MAPP" in helped.output and "--utdata MAPP" in helped.output


def test_the_suggested_command_keeps_the_template(workdir: Path, run_cli) -> None:
    result = run_cli("--mall", str(TEMPLATE), "check", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert f"skriv rapporten med generate --period aug-2024 --indata {workdir / 'inputs'} " \
        f"--utdata {workdir / 'outputs'} --mall {TEMPLATE}." in result.output
