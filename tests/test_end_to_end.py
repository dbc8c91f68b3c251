"""Run `generate --period aug-2024` on the bundled example and read the .docx back."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from tests import reference_tables as ref
from tests.docx_helpers import grid, headings, open_report, row_is, table_after_caption

OUT = Path("outputs") / "aug-2024" / "delarsrapport-linkoping-son-aug-2024.docx"


def _generate(run_cli, workdir: Path) -> Path:
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    path = workdir / OUT
    assert path.is_file()
    assert f"Skrev {workdir / OUT}" in result.output
    return path


def test_economy_tables_match_the_reference(run_cli, workdir: Path) -> None:
    doc = open_report(_generate(run_cli, workdir))
    assert grid(table_after_caption(doc, ref.CAPTIONS[0])) == ref.OVERVIEW
    assert grid(table_after_caption(doc, ref.CAPTIONS[1])) == ref.UTFALL
    prognos = table_after_caption(doc, ref.CAPTIONS[2])
    assert grid(prognos) == ref.PROGNOS
    inv = grid(table_after_caption(doc, ref.CAPTIONS[3]))
    assert inv[0][1] == inv[0][2] == "Redovisat jan-aug 2024"
    assert inv[0][3] == inv[0][4] == inv[0][5] == "Prognos 2024"
    assert inv[0][6:] == ["Investeringsram 2024", "Avvikelse"]
    assert inv[1] == ["", "Utgifter", "Inkomster", "Utgifter", "Inkomster", "Netto", "", ""]
    assert inv[2:] == ref.INVESTERINGAR_BODY


def test_summary_rows_bold_and_varav_rows_italic(run_cli, workdir: Path) -> None:
    doc = open_report(_generate(run_cli, workdir))
    prognos = table_after_caption(doc, ref.CAPTIONS[2])
    labels = [row.cells[0].text for row in prognos.rows]
    assert row_is(prognos, labels.index("Summa nettokostnader"), bold=True, italic=False)
    assert row_is(prognos, labels.index("varav kostnader"), italic=True, bold=False)
    assert row_is(prognos, labels.index("569 - Barn och ungdomsvård"), bold=False, italic=False)


def test_numbers_are_right_aligned_and_headers_repeat(run_cli, workdir: Path) -> None:
    doc = open_report(_generate(run_cli, workdir))
    table = table_after_caption(doc, ref.CAPTIONS[1])
    cell = table.rows[1].cells[1].paragraphs[0]
    assert cell.alignment is not None or cell.style.paragraph_format.alignment is not None
    align = cell.alignment or cell.style.paragraph_format.alignment
    assert str(align).endswith("RIGHT (2)") or int(align) == 2
    for t in doc.tables:
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_frame_title_headings_language_toc(run_cli, workdir: Path) -> None:
    path = _generate(run_cli, workdir)
    doc = open_report(path)
    title = doc.paragraphs[0]
    assert title.style.name == "Title"
    assert title.text == "Delårsrapport per den 31 augusti med prognos för helår 2024"
    assert doc.paragraphs[1].text == "Social- och omsorgsnämnden"
    assert doc.core_properties.title == title.text
    assert doc.core_properties.author == "Social- och omsorgsnämnden"
    assert doc.core_properties.language == "sv-SE"
    heads = headings(doc)
    assert (1, "Ekonomi") in heads and (2, "Resultat och helårsprognos") in heads
    assert (2, "Investeringar") in heads
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"
    instr = [i.text for i in doc.element.body.iter(qn("w:instrText"))]
    assert any("TOC" in t for t in instr)
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    toc_entries = [p.text for p in doc.paragraphs if p.style.name.startswith("TOC ")]
    assert "Ekonomi" in toc_entries and "Investeringar" in toc_entries


def test_regenerating_keeps_the_earlier_report(run_cli, workdir: Path) -> None:
    import docx

    path = _generate(run_cli, workdir)
    edited = docx.Document(str(path))  # an edited report
    edited.add_paragraph("Tillagt i Word.")
    edited.save(str(path))
    before = path.read_bytes()
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0
    kept = list((path.parent / "tidigare").glob("delarsrapport-linkoping-son-*.docx"))
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert "tidigare" in result.output
    assert not list(path.parent.glob(".~*")), "temporary file left behind"


def test_inputs_are_not_modified(run_cli, workdir: Path) -> None:
    files = sorted((workdir / "inputs").rglob("*.xlsx"))
    before = {f: f.read_bytes() for f in files}
    _generate(run_cli, workdir)
    assert {f: f.read_bytes() for f in files} == before


def test_bad_period_exits_2_in_swedish(run_cli) -> None:
    result = run_cli("--period", "augusti")
    assert result.exit_code == 2
    assert "känns inte igen" in result.output and "aug-2024" in result.output
    assert "Traceback" not in result.output


def test_missing_period_folder_names_what_exists(run_cli) -> None:
    result = run_cli("--period", "apr-2025")
    assert result.exit_code == 2
    assert "apr-2025" in result.output and "aug-2024" in result.output


def test_report_is_readable_by_others(run_cli, workdir: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        path = _generate(run_cli, workdir)
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_talnamn_lists_the_names_with_their_values(run_cli, workdir: Path) -> None:
    result = run_cli("talnamn", "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split()[-1] for line in result.output.splitlines()
             if line.strip().startswith("{")}
    assert lines["{resultat.avvikelse}"] == "-53,2"
    assert lines["{utfall.520.avvikelse}"] == "-2,9"
    assert "linkoping-son (mnkr):" in result.output
    assert not (workdir / "outputs").exists()
