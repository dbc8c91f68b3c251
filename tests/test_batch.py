"""`generate --alla`: every nämnd in parallel, failures isolated, table and overview."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from tests.docx_helpers import grid, open_report

N = "\u00a0"


def _second_namnd(workdir: Path, name: str, namnd: str, factor: int = 1) -> Path:
    """A copy of the example as another nämnd, its amounts scaled by `factor`."""
    src = workdir / "inputs" / "linkoping-son"
    dst = workdir / "inputs" / name
    shutil.copytree(src, dst)
    folder = dst / "aug-2024"
    book = openpyxl.load_workbook(folder / "installningar.xlsx")
    ws = book["Nämnd"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Nämnd":
            row[1].value = namnd
    book.save(folder / "installningar.xlsx")
    if factor != 1:
        book = openpyxl.load_workbook(folder / "prognos.xlsx")
        for row in book["Drift"].iter_rows(min_row=2, min_col=3):
            for cell in row:
                if isinstance(cell.value, (int, float)):
                    cell.value *= factor
        for row in book["Varav"].iter_rows(min_row=2, min_col=2):
            for cell in row:
                if isinstance(cell.value, (int, float)):
                    cell.value *= factor
        book.save(folder / "prognos.xlsx")
    return folder


def test_all_nämnder_with_one_failing(workdir: Path, run_cli) -> None:
    _second_namnd(workdir, "kultur", "Kultur- och fritidsnämnden", factor=2)
    broken = _second_namnd(workdir, "bygg", "Bygg- och miljönämnden")
    book = openpyxl.load_workbook(broken / "utfall.xlsx")
    book["Drift"]["C2"] = "n/a"
    book.save(broken / "utfall.xlsx")

    result = run_cli("--period", "aug-2024", "--alla")
    assert result.exit_code == 2
    out = result.output
    assert "Nämnd" in out and "Status" in out and "Varningar" in out
    lines = {line.split()[0]: line.split() for line in out.splitlines()
             if line.split() and line.split()[0] in {"bygg", "kultur", "linkoping-son"}}
    assert lines["bygg"][1] == "fel"
    assert lines["kultur"][1] == "klar" and lines["linkoping-son"][1] == "klar"
    assert "bygg: Fel: utfall.xlsx › Drift › C2: förväntade ett tal" in out
    assert "Klart: 2 av 3 nämnder" in out
    reports = workdir / "outputs" / "aug-2024"
    assert (reports / "delarsrapport-kultur-aug-2024.docx").is_file()
    assert (reports / "delarsrapport-linkoping-son-aug-2024.docx").is_file()
    assert not (reports / "delarsrapport-bygg-aug-2024.docx").exists()

    overview = open_report(reports / "kommunoversikt-linkopings-kommun-aug-2024.docx")
    rows = grid(overview.tables[0])
    assert rows[0] == ["Nämnd", "Prognos helår", "Budget 2024", "Avvikelse"]
    body = {r[0]: r[1:] for r in rows[1:]}
    assert body["Social- och omsorgsnämnden"] == [f"1{N}880,9", f"1{N}805,9", "\u221275,0"]
    assert body["Kultur- och fritidsnämnden"] == [f"3{N}761,9", f"3{N}611,8", "\u2212150,1"]
    # the total comes from unrounded values: 5 642,8 / 5 417,7 / -225,1
    assert body["Totalt"] == [f"5{N}642,8", f"5{N}417,7", "\u2212225,1"]
    docpr = next(overview.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert docpr.get("descr").startswith("Avvikelse mot budget per nämnd")
    assert "2 av 2 nämnder prognostiserar underskott" in docpr.get("descr")
    note = [p.text for p in overview.paragraphs if p.text.startswith("Saknas i översikten")]
    # named as its settings name it, though its utfall.xlsx has an error
    assert note == ["Saknas i översikten eftersom deras indata har fel: Bygg- och "
                    "miljönämnden. Totalen gäller bara nämnderna i tabellen."]


def test_alla_and_namnd_exclude_each_other(run_cli) -> None:
    result = run_cli("--period", "aug-2024", "--alla", "--namnd", "linkoping-son")
    assert result.exit_code == 2


def test_one_overview_per_kommun(workdir_all: Path, run_cli_at) -> None:
    result = run_cli_at(workdir_all, "--period", "aug-2024", "--alla")
    assert result.exit_code == 0, result.output
    reports = workdir_all / "outputs" / "aug-2024"
    linkoping = grid(open_report(reports / "kommunoversikt-linkopings-kommun-aug-2024.docx")
                     .tables[0])
    exempelby = grid(open_report(reports / "kommunoversikt-exempelby-kommun-aug-2024.docx")
                     .tables[0])
    assert [r[0] for r in linkoping[1:]] == ["Social- och omsorgsnämnden", "Totalt"]
    assert [r[0] for r in exempelby[1:]] == ["Kultur- och fritidsnämnden", "Totalt"]


def test_an_unexpected_error_in_one_nämnd_is_logged_like_a_plain_run(
        workdir: Path, run_cli, monkeypatch) -> None:
    import generator.batch

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom: internal detail")

    monkeypatch.setattr(generator.batch, "build_report", broken)
    result = run_cli("--period", "aug-2024", "--alla")
    assert result.exit_code == 2
    assert "linkoping-son: Ett oväntat fel inträffade (RuntimeError)." in result.output
    assert "Traceback" not in result.output and "internal detail" not in result.output
    logs = list((workdir / "outputs" / "logg").glob("fel-linkoping-son-*.log"))
    assert len(logs) == 1 and f"Detaljer finns i {logs[0]}" in result.output
    assert "RuntimeError: boom: internal detail" in logs[0].read_text(encoding="utf-8")


def test_a_template_of_ones_own_still_gets_the_overview(workdir: Path) -> None:
    """--mall elsewhere, without a kommunoversikt.docx beside it: the bundled one is used."""
    from click.testing import CliRunner

    from generator.cli import cli
    from tests.conftest import TEMPLATE

    own = workdir / "mallar" / "egen.docx"
    own.parent.mkdir()
    shutil.copyfile(TEMPLATE, own)
    result = CliRunner().invoke(cli, [
        "--indata", str(workdir / "inputs"), "--utdata", str(workdir / "outputs"),
        "--mall", str(own), "--period", "aug-2024", "--alla"])
    assert result.exit_code == 0, result.output
    overview = "kommunoversikt-linkopings-kommun-aug-2024.docx"
    assert (workdir / "outputs" / "aug-2024" / overview).is_file()


def test_alla_with_strict_fails_on_warnings_after_writing(workdir: Path, run_cli,
                                                          monkeypatch) -> None:
    """As a plain run: no LibreOffice with --pdf is a warning, an error with --strict."""
    import generator.pdf

    monkeypatch.setattr(generator.pdf, "find_soffice", lambda: None)
    result = run_cli("--period", "aug-2024", "--alla", "--pdf")
    assert result.exit_code == 0, result.output
    assert "LibreOffice (programmet soffice) hittades inte" in result.output
    strict = run_cli("--period", "aug-2024", "--alla", "--pdf", "--strict")
    assert strict.exit_code == 2
    assert "--strict: varningarna ovan räknas som fel" in strict.output
    assert (workdir / "outputs" / "aug-2024" / "delarsrapport-linkoping-son-aug-2024.docx"
            ).is_file()


def test_the_overview_of_a_year_of_verksamhetsberattelser(workdir: Path, run_cli) -> None:
    """December: every nämnd writes its verksamhetsberättelse; the overview shows the year's
    outcome, not a forecast."""
    second = workdir / "inputs" / "kultur"
    shutil.copytree(workdir / "inputs" / "linkoping-son", second)
    book = openpyxl.load_workbook(second / "dec-2024" / "installningar.xlsx")
    for row in book["Nämnd"].iter_rows(min_row=2):
        if row[0].value == "Nämnd":
            row[1].value = "Kultur- och fritidsnämnden"
    book.save(second / "dec-2024" / "installningar.xlsx")
    result = run_cli("--period", "dec-2024", "--alla")
    assert result.exit_code == 0, result.output
    reports = workdir / "outputs" / "dec-2024"
    assert (reports / "verksamhetsberattelse-kultur-dec-2024.docx").is_file()
    overview = open_report(reports / "kommunoversikt-linkopings-kommun-dec-2024.docx")
    assert overview.paragraphs[0].text == "Kommunöversikt verksamhetsberättelse 2024"
    assert "Nämndernas utfall för året" in [p.text for p in overview.paragraphs]
    rows = grid(overview.tables[0])
    assert rows[0] == ["Nämnd", "Utfall 2024", "Budget 2024", "Avvikelse"]
    assert rows[1][1:] == [f"1{N}878,2", f"1{N}805,9", "\u221272,3"]
    docpr = next(overview.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert "2 av 2 nämnder redovisar underskott" in docpr.get("descr")


def test_a_failed_namnd_of_another_kommun_is_not_missing_from_this_one(
        workdir_all: Path, run_cli_at) -> None:
    folder = workdir_all / "inputs" / "exempelby-kfn" / "aug-2024"
    book = openpyxl.load_workbook(folder / "utfall.xlsx")
    book["Drift"]["C4"] = "n/a"
    book.save(folder / "utfall.xlsx")
    result = run_cli_at(workdir_all, "--period", "aug-2024", "--alla")
    assert result.exit_code == 2
    reports = workdir_all / "outputs" / "aug-2024"
    overview = open_report(reports / "kommunoversikt-linkopings-kommun-aug-2024.docx")
    assert not [p.text for p in overview.paragraphs if p.text.startswith("Saknas")]


def test_the_same_figures_give_the_same_overview(workdir: Path, run_cli) -> None:
    """Byte for byte: a run with unchanged inputs keeps no copy of it in tidigare/."""
    reports = workdir / "outputs" / "aug-2024"
    target = reports / "kommunoversikt-linkopings-kommun-aug-2024.docx"
    assert run_cli("--period", "aug-2024", "--alla").exit_code == 0
    first = target.read_bytes()
    result = run_cli("--period", "aug-2024", "--alla")
    assert result.exit_code == 0
    assert target.read_bytes() == first
    assert not (reports / "tidigare").exists(), result.output
