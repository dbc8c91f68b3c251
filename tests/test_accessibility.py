"""The structural accessibility checker: the example report passes, and each check bites."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from PIL import Image

from generator.accessibility import check_docx, contrast_ratio
from generator.cli import cli
from tests.conftest import EXAMPLE, TEMPLATE

NAME = "delarsrapport-linkoping-son-aug-2024.docx"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("a11y")
    shutil.copytree(EXAMPLE, work / "inputs")
    result = CliRunner().invoke(cli, [
        "--indata", str(work / "inputs"), "--utdata", str(work / "outputs"),
        "--mall", str(TEMPLATE), "--period", "aug-2024"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return work / "outputs" / "aug-2024" / NAME


def _codes(path: Path) -> list[str]:
    return [f.code for f in check_docx(path)]


def _mutated(report: Path, tmp_path: Path, change) -> Path:
    doc = Document(str(report))
    change(doc)
    out = tmp_path / "changed.docx"
    doc.save(str(out))
    return out


def test_the_example_report_passes_every_check(report: Path) -> None:
    assert check_docx(report) == []


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio((0, 0, 0), (0xD9, 0xE2, 0xF3)) > 14


def test_heading_gap(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        doc.add_heading("Ny del", 1)
        doc.add_heading("Direkt på nivå tre", 3)
    assert "heading-gap" in _codes(_mutated(report, tmp_path, change))


def test_missing_header_row(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        trpr = doc.tables[1].rows[0]._tr.trPr
        trpr.remove(trpr.find(qn("w:tblHeader")))
    assert _codes(_mutated(report, tmp_path, change)) == ["table-header"]


def test_empty_paragraphs_as_spacing(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        heading = next(p for p in doc.paragraphs if p.text == "Ekonomi")
        heading.insert_paragraph_before("")
        heading.insert_paragraph_before("").add_run().add_break()
    findings = [f for f in check_docx(_mutated(report, tmp_path, change))]
    assert [f.code for f in findings] == ["empty-paragraph", "empty-paragraph"]


def test_page_break_only_paragraph_is_reported(report: Path, tmp_path: Path) -> None:
    from docx.enum.text import WD_BREAK

    def change(doc) -> None:
        heading = next(p for p in doc.paragraphs if p.text == "Ekonomi")
        heading.insert_paragraph_before("").add_run().add_break(WD_BREAK.PAGE)
    findings = check_docx(_mutated(report, tmp_path, change))
    assert [f.code for f in findings] == ["empty-paragraph"]
    assert "Sidbrytning före" in findings[0].message


def test_low_contrast_in_table_header(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        for cell in doc.tables[0].rows[0].cells:
            cell._tc.tcPr.find(qn("w:shd")).set(qn("w:fill"), "1F3864")
    findings = check_docx(_mutated(report, tmp_path, change))
    assert [f.code for f in findings] == ["contrast"]  # black on dark blue, reported once
    assert "000000 mot 1F3864" in findings[0].message


def test_light_text_on_white(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        doc.add_paragraph().add_run("Ljusgrå text").font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
    assert _codes(_mutated(report, tmp_path, change)) == ["contrast"]


def test_large_text_needs_less_contrast(report: Path, tmp_path: Path) -> None:
    """Grey at 3,5:1 passes as large text (14 pt bold, 18 pt) and fails as body text; the
    size and weight may come from the run or from its style."""
    from docx.shared import Pt

    grey = RGBColor(0x88, 0x88, 0x88)

    def large(doc) -> None:
        run = doc.add_paragraph().add_run("Stor fet grå text")
        run.font.color.rgb, run.font.size, run.font.bold = grey, Pt(14), True
        heading = doc.add_paragraph(style="Title").add_run("Grå rubrik i titelstil")
        heading.font.color.rgb = grey  # Title is large by its style

    def small(doc) -> None:
        run = doc.add_paragraph().add_run("Liten fet grå text")
        run.font.color.rgb, run.font.size, run.font.bold = grey, Pt(12), True

    assert _codes(_mutated(report, tmp_path, large)) == []
    assert _codes(_mutated(report, tmp_path, small)) == ["contrast"]


def test_image_without_alt_text(report: Path, tmp_path: Path) -> None:
    png = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(png, format="PNG")

    def change(doc) -> None:
        png.seek(0)
        doc.add_picture(png, width=Cm(2))
        png.seek(0)
        doc.add_picture(png, width=Cm(2))
        last = list(doc.element.body.iter(qn("wp:docPr")))[-1]
        last.set("descr", "Ett blått fält")
    findings = check_docx(_mutated(report, tmp_path, change))
    assert [f.code for f in findings] == ["alt-text"]


def test_typed_bullets_are_not_a_list(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        doc.add_paragraph("• Kostnaderna ökade")
        doc.add_paragraph("Kostnaderna minskade", "List Bullet")  # a real list: fine
    assert _codes(_mutated(report, tmp_path, change)) == ["list"]


def test_font_without_metric_clone(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        doc.add_paragraph().add_run("Rubrikstil").font.name = "Calibri Light"
    findings = check_docx(_mutated(report, tmp_path, change))
    assert [f.code for f in findings] == ["font"]
    assert "Calibri Light" in findings[0].message


def test_properties_language_and_toc_refresh(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        doc.core_properties.title = ""
        doc.core_properties.language = "en-US"
        settings = doc.settings.element
        settings.remove(settings.find(qn("w:updateFields")))
        lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
            qn("w:rPr")).find(qn("w:lang"))
        lang.set(qn("w:val"), "en-US")
    codes = _codes(_mutated(report, tmp_path, change))
    assert codes == ["properties", "properties", "language", "toc"]


def test_missing_toc_field(report: Path, tmp_path: Path) -> None:
    def change(doc) -> None:
        for instr in list(doc.element.body.iter(qn("w:instrText"))):
            instr.text = " PAGE "
    assert _codes(_mutated(report, tmp_path, change)) == ["toc"]


def test_paragraph_between_tables_and_at_the_end_is_structure(report: Path,
                                                             tmp_path: Path) -> None:
    def change(doc) -> None:
        import copy

        body = doc.element.body
        # make the document end with a table, then the paragraph Word needs after it
        final_table = copy.deepcopy(body.findall(qn("w:tbl"))[-1])
        body.find(qn("w:sectPr")).addprevious(final_table)
        final_table.addnext(OxmlElement("w:p"))
    assert _codes(_mutated(report, tmp_path, change)) == []


def test_python_m_generator_accessibility_on_a_missing_or_broken_file(
        report: Path, tmp_path: Path) -> None:
    """Bad input, not a finding: a Swedish line per file, exit code 2, nothing checked."""
    import subprocess
    import sys

    missing = tmp_path / "finns-inte.docx"
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"%PDF-1.7 saved as .docx")
    cut = tmp_path / "avbruten.docx"
    cut.write_bytes(report.read_bytes()[:4000])

    def run(*paths: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator.accessibility",
                               *map(str, paths)], capture_output=True, text=True)

    result = run(report, missing, fake, cut)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Fel: {missing} finns inte; förväntade en Word-fil (.docx).",
        f"Fel: {fake}: filen är inte ett Word-dokument (.docx); den kan vara skadad.",
        f"Fel: {cut}: filen är inte ett Word-dokument (.docx); den kan vara skadad.",
    ]
    good = run(report)
    assert good.returncode == 0 and good.stdout == f"{report}: inga anmärkningar\n"
