"""`generate uppdatera`: late figures into a report people have edited in Word.

The report is generated, edited with python-docx as a person would in Word (a new
paragraph, a rewritten sentence, a comment), a forecast changes in prognos.xlsx, and the
update must carry every figure that follows from it while keeping every edit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from lxml import etree

from generator.controls import controls_in, text_of
from tests import reference_tables as ref
from tests.docx_helpers import grid, open_report, table_after_caption

FOLDER = Path("inputs") / "linkoping-son" / "aug-2024"
REPORT = Path("outputs") / "aug-2024" / "delarsrapport-linkoping-son-aug-2024.docx"
M, N = "\u2212", "\u00a0"
NEW_PARAGRAPH = "Nämnden beslutade den 19 september att godkänna rapporten."
REWRITTEN = "Året har varit ovanligt ansträngt för hela förvaltningen."


def _set_forecast(workdir: Path, code: str, delta_tkr: int) -> None:
    path = workdir / FOLDER / "prognos.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Drift"].iter_rows(min_row=2):
        if row[0].value == code:
            row[2].value += delta_tkr
    book.save(path)


def _edit_like_a_person(path: Path) -> None:
    doc = Document(str(path))
    heading = next(p for p in doc.paragraphs if p.text == "Förväntad utveckling"
                   and p.style.name.startswith("Heading"))
    first = heading._p.getnext()
    para = next(p for p in doc.paragraphs if p._p is first)
    para.text = REWRITTEN
    doc.add_paragraph(NEW_PARAGRAPH)
    target = next(p for p in doc.paragraphs if p.text.startswith("Resultatet per 31 augusti"))
    doc.add_comment(target.runs[0], text="Stämmer detta med bokslutet?", author="Controller")
    doc.save(str(path))


def _controls(path: Path) -> dict[str, list[str]]:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out: dict[str, list[str]] = {}
    for key, el in controls_in(root):
        out.setdefault(key, []).append(text_of(el))
    return out


def _check_updated(path: Path, output: str) -> None:
    doc = open_report(path)
    texts = [p.text for p in doc.paragraphs]
    assert REWRITTEN in texts and NEW_PARAGRAPH in texts
    assert any(c.text == "Stämmer detta med bokslutet?" for c in doc.comments)
    prognos = grid(table_after_caption(doc, ref.CAPTIONS[2]))
    row_513 = next(r for r in prognos if r[0].startswith("513"))
    assert row_513[1:4] == ["887,8", "866,8", f"{M}21,0"]  # +5 mnkr: the row and its deviation
    summa = next(r for r in prognos if r[0] == "Summa nettokostnader")
    assert summa[1] == f"1{N}848,8" and summa[3] == f"{M}66,0"
    inkl = next(r for r in prognos if r[0] == "Summa nettokostnader inkl kommunal verks")
    assert inkl[1] == f"1{N}885,9" and inkl[3] == f"{M}80,0"
    overview = grid(table_after_caption(doc, ref.CAPTIONS[0]))
    assert overview[1][1:4] == [f"1{N}885,9", f"1{N}805,9", f"{M}80,0"]
    assert any(f"ett underskott på {M}80,0 miljoner kronor" in t for t in texts)  # prose
    for key in ("prognos.513.prognos", "prognos.513.avvikelse", "prognos.summa.prognos",
                "prognos.summa_inkl.avvikelse", "oversikt.drift.prognos",
                "oversikt.drift.avvikelse", "text.prognos.avvikelse"):
        line = next((x for x in output.splitlines() if x.endswith(f"({key})")), "")
        assert line.startswith("  Ändrat: "), key
    # the forecast-against-budget chart is drawn anew from the new figures
    assert "Ritade om: Diagram 2. Prognos för helåret och budget … (C7)" in output
    # where each figure is, in the report's words: caption › row › column, or the prose
    assert ("Ändrat: Driftsammandrag för prognos för helår 2024, belopp mnkr › 513 - Insatser "
            "enl LSS, SFB och HSL › Prognos helår: 882,8 → 887,8 (prognos.513.prognos)") \
        in output
    assert ('Ändrat: i texten: "…och omsorgsnämnden prognostiseras ha ett underskott på …": '
            f"{M}75 → {M}80 (text.prognos.avvikelse:0)") in output
    # untouched figures keep their text; the utfall table did not change
    assert grid(table_after_caption(doc, ref.CAPTIONS[1])) == ref.UTFALL


def test_an_edited_report_gets_the_late_forecast_and_keeps_every_edit(
        workdir: Path, run_cli) -> None:
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    _edit_like_a_person(report)
    edited = report.read_bytes()
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    _check_updated(report, result.output)
    kept = list((report.parent / "tidigare").glob("*.docx"))
    assert any(k.read_bytes() == edited for k in kept), "the edited version is kept"
    assert "Uppdaterade" in result.output and "Inga tal" not in result.output


def test_after_a_libreoffice_round_trip_too(workdir: Path, run_cli) -> None:
    if shutil.which("soffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but soffice is missing")
        pytest.skip("LibreOffice is not installed")
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    _edit_like_a_person(report)
    out = workdir / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{workdir / 'profile'}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(out), str(report)], check=True, capture_output=True, timeout=180)
    shutil.copy(out / report.name, report)
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    _check_updated(report, result.output)


def test_a_figure_edited_by_hand_is_reported_and_kept_unless_overwritten(
        workdir: Path, run_cli) -> None:
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    doc = Document(str(report))
    from docx.oxml.ns import qn

    cell = next(el for key, el in controls_in(doc.element.body)
                if key == "prognos.513.prognos")
    cell.find(qn("w:sdtContent")).iter(qn("w:t")).__next__().text = "885,0"
    doc.save(str(report))
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0
    assert ('Varning: Driftsammandrag för prognos för helår 2024, belopp mnkr › 513 - Insatser '
            'enl LSS, SFB och HSL › Prognos helår (prognos.513.prognos) är ändrat i Word och '
            'lämnades orört: står "885,0", '
            'uträknat "887,8"') in result.output
    assert _controls(report)["prognos.513.prognos"] == ["885,0"]
    assert _controls(report)["prognos.513.avvikelse"] == [f"{M}21,0"]  # the rest is updated
    # the hand edit and the Varav sum that no longer matches the changed forecast
    assert "9 ändrade tal, 1 tal som ändrats i Word lämnades orört, 2 varningar," \
        in result.output
    again = run_cli("uppdatera", "--period", "aug-2024", "--skriv-over")
    assert again.exit_code == 0
    assert ("skrev över en ändring i Word: Driftsammandrag för prognos för helår 2024, belopp "
            "mnkr › 513 - Insatser enl LSS, SFB och HSL › Prognos helår: 885,0 → 887,8 "
            "(prognos.513.prognos)") in again.output
    assert _controls(report)["prognos.513.prognos"] == ["887,8"]


def test_a_deleted_figure_is_reported_not_recreated(workdir: Path, run_cli) -> None:
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    doc = Document(str(report))
    for key, el in list(controls_in(doc.element.body)):
        if key == "text.prognos.avvikelse":
            el.getparent().remove(el)
    doc.save(str(report))
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0
    output = " ".join(result.output.split())
    assert ('Varning: i texten: "…i delårsrapporten per mars, ett underskott på …" '
            "(text.prognos.avvikelse) är borttaget i Word och återskapas inte; uträknat nu "
            f'"{M}80,0" (var "{M}75,0"). Läs meningen där.') in output, output
    assert "text.prognos.avvikelse" not in _controls(report)


def _add_row_610(workdir: Path) -> None:
    for name, sheet, values in (
            ("installningar.xlsx", "Verksamheter", ["610", "Integration", "Verksamhet"]),
            ("utfall.xlsx", "Drift", ["610", "Integration", 1000, 1200, 900]),
            ("prognos.xlsx", "Drift", ["610", "Integration", 1500, 1800, 1400])):
        path = workdir / FOLDER / name
        book = openpyxl.load_workbook(path)
        ws = book[sheet]
        ws.insert_rows(12)
        for col, value in enumerate(values, start=1):
            ws.cell(row=12, column=col, value=value)
        book.save(path)


def test_a_new_verksamhet_row_rebuilds_its_tables(workdir: Path, run_cli) -> None:
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    _edit_like_a_person(report)
    _add_row_610(workdir)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert (f'Tabellen "{ref.CAPTIONS[1]}" (utfall) har fått andra rader och skrevs om.'
            in " ".join(result.output.split()))
    doc = open_report(report)
    rows = grid(table_after_caption(doc, ref.CAPTIONS[1]))
    assert ["610 - Integration", "1,0", "1,2", "0,2", "0,9"] in rows
    assert NEW_PARAGRAPH in [p.text for p in doc.paragraphs]


def _set_control(path: Path, key: str, text: str) -> None:
    """A figure changed by hand, as in Word: the control's text, its formatting kept."""
    from docx.oxml.ns import qn

    doc = Document(str(path))
    control = next(el for k, el in controls_in(doc.element.body) if k == key)
    texts = list(control.find(qn("w:sdtContent")).iter(qn("w:t")))
    texts[0].text = text
    for t in texts[1:]:
        t.text = ""
    doc.save(str(path))


def test_a_table_with_new_rows_and_a_hand_edit_is_left_whole(workdir: Path, run_cli) -> None:
    """The prognos table gets row 610 but a cell in it was changed in Word: the table stays
    as it was, sums too (they would include a row the table does not show), and says so."""
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    _set_control(report, "prognos.569.prognos", "535,0")
    before = grid(table_after_caption(open_report(report), ref.CAPTIONS[2]))
    _add_row_610(workdir)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert (f'Varning: tabellen "{ref.CAPTIONS[2]}" (prognos) har fått andra rader, men celler '
            "i den är ändrade i Word, så ingenting i den ändrades (inte heller summorna)"
            ) in output
    assert f"{ref.CAPTIONS[2]} › 569 - Barn och ungdomsvård › Prognos helår" in output
    assert "ändrat i Word och lämnades orört" in output
    doc = open_report(report)
    assert grid(table_after_caption(doc, ref.CAPTIONS[2])) == before  # sums included
    assert ["610 - Integration", "1,0", "1,2", "0,2", "0,9"] in grid(
        table_after_caption(doc, ref.CAPTIONS[1]))  # the utfall table had no edit
    assert "(prognos.summa.prognos)" not in output
    again = run_cli("uppdatera", "--period", "aug-2024", "--skriv-over")
    assert again.exit_code == 0, again.output
    output = " ".join(again.output.split())
    assert ("Ändrat, skrev över en ändring i Word: "
            f"{ref.CAPTIONS[2]} › 569 - Barn och ungdomsvård › Prognos helår: 535,0 → ") in output
    assert f'Tabellen "{ref.CAPTIONS[2]}" (prognos) har fått andra rader och skrevs om.' \
        in output
    rows = grid(table_after_caption(open_report(report), ref.CAPTIONS[2]))
    assert any(r[0] == "610 - Integration" for r in rows)


def test_two_runs_on_the_same_inputs_give_the_same_file(workdir: Path, run_cli) -> None:
    assert run_cli("--period", "aug-2024").exit_code == 0
    first = (workdir / REPORT).read_bytes()
    assert run_cli("--period", "aug-2024").exit_code == 0
    assert (workdir / REPORT).read_bytes() == first


def test_the_report_carries_its_provenance(workdir: Path, run_cli) -> None:
    from generator.update import report_properties

    result = run_cli("--period", "aug-2024")
    props = report_properties(workdir / REPORT)
    assert props["Delårsrapport: period"] == "aug-2024"
    assert props["Delårsrapport: nämnd"] == "linkoping-son"
    assert len(props["Delårsrapport: utfall.xlsx"]) == 12
    assert f"(indata {props['Delårsrapport: indata']})" in result.output
    _set_forecast(workdir, "513", 1000)
    run_cli("uppdatera", "--period", "aug-2024")
    after = report_properties(workdir / REPORT)
    assert after["Delårsrapport: prognos.xlsx"] != props["Delårsrapport: prognos.xlsx"]


def test_update_with_pdf_writes_a_compliant_pdf_of_the_edited_report(
        workdir: Path, run_cli) -> None:
    if shutil.which("soffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but soffice is missing")
        pytest.skip("LibreOffice is not installed")
    page = pytest.importorskip("page")
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    _edit_like_a_person(report)
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024", "--pdf")
    assert result.exit_code == 0, result.output
    pdf = report.with_suffix(".pdf")
    assert f"Skrev {pdf}" in result.output
    _check_updated(report, result.output)  # numbering the contents kept every edit
    assert page.validate_pdf(str(pdf), profile="ua1").is_compliant
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert NEW_PARAGRAPH in text and f"{M}80,0" in text


def test_another_namnds_report_is_refused_and_left_alone(workdir_all: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    def run(*args: str):
        return CliRunner().invoke(cli, ["--indata", str(workdir_all / "inputs"), "--utdata",
                                        str(workdir_all / "outputs"), *args])

    assert run("--period", "aug-2024").exit_code == 0
    other = workdir_all / "outputs" / "aug-2024" / "delarsrapport-exempelby-kfn-aug-2024.docx"
    before = other.read_bytes()
    result = run("uppdatera", "--period", "aug-2024", "--namnd", "linkoping-son", str(other))
    assert result.exit_code == 2, result.output
    assert ("delarsrapport-exempelby-kfn-aug-2024.docx är rapporten för nämnden "
            "exempelby-kfn, inte linkoping-son; ange --namnd exempelby-kfn eller en annan "
            "rapport. Ingenting skrevs.") in result.output
    assert other.read_bytes() == before
    assert not (other.parent / "tidigare").exists()
    # named by the report alone, the nämnd comes from the report
    again = run("uppdatera", "--period", "aug-2024", str(other))
    assert again.exit_code == 0, again.output
    # nothing new: the report is left as it is, and no copy of it is kept
    assert f"{other} är redan aktuell" in again.output
    assert "Inga tal har ändrats sedan rapporten skrevs; den skrevs inte om." in again.output
    assert "Klart: 0 ändrade tal, 0 varningar," in again.output
    assert other.read_bytes() == before and not (other.parent / "tidigare").exists()


def test_regenerating_over_a_report_saved_in_word_warns_and_points_to_uppdatera(
        workdir: Path, run_cli) -> None:
    from datetime import datetime

    first = run_cli("--period", "aug-2024")
    assert first.exit_code == 0
    again = run_cli("--period", "aug-2024")  # nobody touched it: nothing to say
    assert again.exit_code == 0 and "sparats i Word" not in again.output
    report = workdir / REPORT
    doc = Document(str(report))
    doc.add_paragraph(NEW_PARAGRAPH)
    # what Word does on saving: a new revision, the time of the save
    doc.core_properties.revision = 2
    doc.core_properties.modified = datetime(2024, 9, 12, 14, 3)
    doc.save(str(report))
    edited = report.read_bytes()
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    kept = [k for k in (report.parent / "tidigare").glob("*.docx") if k.read_bytes() == edited]
    assert len(kept) == 1
    from datetime import UTC

    shown = datetime(2024, 9, 12, 14, 3, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert (f"Varning: Den tidigare rapporten hade sparats i Word eller LibreOffice "
            f"({shown}) efter att den skrevs, och ändringar gjorda där finns inte i "
            f"den nya. Den sparades som {kept[0]}. Vill du behålla ändringarna: kopiera "
            f"tillbaka den till {report.name} och för in de nya talen med generate uppdatera "
            f"--period aug-2024 --namnd linkoping-son i stället.") in " ".join(
                result.output.split())
    assert NEW_PARAGRAPH not in [p.text for p in open_report(report).paragraphs]


def test_without_namnd_among_several_the_namnder_are_listed(workdir_all: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["--indata", str(workdir_all / "inputs"), "--utdata",
                                      str(workdir_all / "outputs"), "uppdatera", "--period",
                                      "aug-2024"])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert ("Ange vilken nämnds rapport som ska uppdateras med --namnd, till exempel --namnd "
            "exempelby-kfn. Nämnderna med perioden aug-2024: exempelby-kfn, linkoping-son.") \
        in out


def test_a_figure_quoted_in_a_footnote_is_updated_too(workdir: Path, run_cli) -> None:
    import zipfile

    texts = workdir / FOLDER / "texter.xlsx"
    book = openpyxl.load_workbook(texts)
    ws = book["Texter"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "handelser")
    row[2].value = ("Prognosen visar ett underskott^[Underskottet är {prognos.avvikelse} "
                    "mnkr enligt prognosen] för helåret.")
    book.save(texts)
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT

    def footnotes() -> str:
        with zipfile.ZipFile(report) as z:
            return "".join(etree.fromstring(z.read("word/footnotes.xml")).itertext())

    assert f"Underskottet är {M}75,0 mnkr enligt prognosen" in footnotes()
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert f"Underskottet är {M}80,0 mnkr enligt prognosen" in footnotes()
    # one line per figure, wherever it is quoted
    assert f"{M}75,0 → {M}80,0 (text.prognos.avvikelse)" in result.output


def test_a_figure_opening_a_paragraph_is_named_by_the_words_after_it(
        workdir: Path, run_cli) -> None:
    texts = workdir / FOLDER / "texter.xlsx"
    book = openpyxl.load_workbook(texts)
    row = next(r for r in book["Texter"].iter_rows(min_row=2) if r[0].value == "handelser")
    row[2].value = "{prognos.avvikelse:abs} miljoner kronor är helårets underskott."
    book.save(texts)
    assert run_cli("--period", "aug-2024").exit_code == 0
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert ('Ändrat: i texten: "… miljoner kronor är helårets underskott.": 75,0 → 80,0 '
            "(text.prognos.avvikelse:abs)") in result.output


def test_a_manadsrapport_is_updated_with_its_own_template(workdir: Path, run_cli) -> None:
    """uppdatera renders each kind with its own template, as generate does: a
    månadsrapport has no uppdrag text, which the delårsrapport template asks for."""
    assert run_cli("--period", "nov-2024").exit_code == 0
    report = workdir / "outputs" / "nov-2024" / "manadsrapport-linkoping-son-nov-2024.docx"
    path = workdir / "inputs" / "linkoping-son" / "nov-2024" / "prognos.xlsx"
    book = openpyxl.load_workbook(path)
    for row in book["Drift"].iter_rows(min_row=2):
        if row[0].value == "513":
            row[2].value += 5000
    book.save(path)
    result = run_cli("uppdatera", "--period", "nov-2024")
    assert result.exit_code == 0, result.output
    assert "Uppdaterade" in result.output and "namndens_uppdrag" not in result.output
    assert Document(str(report)).paragraphs[0].text == "Månadsrapport per 30 november 2024"


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


NOT_DOCX = "filen är inte ett Word-dokument (.docx); den kan vara skadad."


def test_a_pdf_an_empty_or_a_cut_off_file_is_refused_and_nothing_written(
        workdir: Path, run_cli) -> None:
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    folder = report.parent
    (folder / "rapport.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (folder / "tom.docx").write_bytes(b"")
    whole = report.read_bytes()
    (folder / "avbruten.docx").write_bytes(whole[:len(whole) // 2])  # a copy cut off
    # a whole zip around a document.xml cut off (a tool that saved half the text)
    with zipfile.ZipFile(report) as zin, \
            zipfile.ZipFile(folder / "halv-text.docx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data[:len(data) // 2] if item.filename == "word/document.xml"
                          else data)
    before = _snapshot(workdir)
    for name in ("rapport.pdf", "tom.docx", "avbruten.docx", "halv-text.docx"):
        path = folder / name
        result = run_cli("uppdatera", "--period", "aug-2024", "--namnd", "linkoping-son",
                         str(path))
        out = " ".join(result.output.split())
        assert result.exit_code == 2, out
        assert f"Fel: {path}: {NOT_DOCX} Ange rapportens Word-fil (.docx). Ingenting skrevs." \
            in out
        assert "oväntat fel" not in out and "Traceback" not in out
    assert _snapshot(workdir) == before, "nothing written: no log, no tidigare/, no report"


def test_the_report_in_its_place_cut_off_is_refused_too(workdir: Path, run_cli) -> None:
    """Without a path the report is found in outputs/; a sync client may have cut it off."""
    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    report.write_bytes(report.read_bytes()[:-200])  # the zip's directory is at the end
    before = _snapshot(workdir)
    result = run_cli("uppdatera", "--period", "aug-2024")
    out = " ".join(result.output.split())
    assert result.exit_code == 2, out
    assert f"Fel: {report}: {NOT_DOCX}" in out and "Ingenting skrevs." in out
    assert _snapshot(workdir) == before


def test_a_word_file_the_program_did_not_write_is_refused(workdir: Path, run_cli) -> None:
    assert run_cli("--period", "aug-2024").exit_code == 0
    own = workdir / "egen.docx"
    doc = Document()
    doc.add_paragraph("Nämndens egen sammanfattning.")
    doc.save(str(own))
    before = _snapshot(workdir)
    for args in (("--namnd", "linkoping-son"), ()):
        result = run_cli("uppdatera", "--period", "aug-2024", *args, str(own))
        out = " ".join(result.output.split())
        assert result.exit_code == 2, out
        namnd = " --namnd linkoping-son" if args else ""
        folders = f" --indata {workdir / 'inputs'} --utdata {workdir / 'outputs'}"
        assert (f"Fel: {own}: Word-dokumentet är inte en rapport som programmet har skrivit. "
                "Det saknar uppgifterna som programmet sparar i sina rapporter om vilka tal de "
                "visar och vilket indata de gjordes av, så det går inte att uppdatera. Ange "
                "rapporten som programmet skrev, eller skriv en ny med generate --period "
                f"aug-2024{namnd}{folders}. Ingenting skrevs.") in out
        assert "redan aktuell" not in out
    assert _snapshot(workdir) == before


def test_formatting_given_to_a_figure_in_word_is_kept(workdir: Path, run_cli) -> None:
    """A figure made bold in the text and red in a table keeps that look with its new
    value; the figures nobody formatted keep the program's own."""
    from docx.oxml.ns import qn

    assert run_cli("--period", "aug-2024").exit_code == 0
    report = workdir / REPORT
    doc = Document(str(report))
    controls = dict(controls_in(doc.element.body))
    bold = etree.SubElement(_run_properties(controls["text.prognos.avvikelse:0"]), qn("w:b"))
    red = etree.SubElement(_run_properties(controls["prognos.summa.prognos"]), qn("w:color"))
    red.set(qn("w:val"), "FF0000")
    assert bold is not None
    doc.save(str(report))
    _set_forecast(workdir, "513", 5000)
    result = run_cli("uppdatera", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    after = dict(controls_in(Document(str(report)).element.body))
    assert text_of(after["text.prognos.avvikelse:0"]) == f"{M}80"
    assert text_of(after["prognos.summa.prognos"]) == f"1{N}848,8"
    for key, tag in (("text.prognos.avvikelse:0", "w:b"), ("prognos.summa.prognos", "w:color")):
        runs = list(after[key].iter(qn("w:r")))
        assert runs and all(r.find(f"{qn('w:rPr')}/{qn(tag)}") is not None for r in runs), key
    plain = list(after["prognos.513.prognos"].iter(qn("w:r")))
    assert text_of(after["prognos.513.prognos"]) == "887,8"
    assert all(r.find(f"{qn('w:rPr')}/{qn('w:color')}") is None for r in plain)


def _run_properties(control: etree._Element) -> etree._Element:
    """The first run's properties in a control, made if it has none (as Word does)."""
    from docx.oxml.ns import qn

    run = next(control.iter(qn("w:r")))
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(run, qn("w:rPr"))
        run.insert(0, rpr)
    return rpr
