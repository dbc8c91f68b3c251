"""Render tests: `generate --png` (which implies --pdf) through LibreOffice, read back.

They need LibreOffice and poppler-utils (Debian: libreoffice-writer-nogui poppler-utils
fonts-crosextra-carlito fonts-crosextra-caladea). Without them the tests are skipped, except
when CI=true: there a missing tool is a failure, so CI can never pass by skipping.
The tests without a real LibreOffice (missing soffice, a failing or hanging one) always run.
The batch tests convert the same report again among others, one of them broken, and compare
the PDFs with the single report's: pages, text, TOC page numbers, tags and bookmarks.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree

import generator.batch
from generator import libreoffice, toc_pages
from generator import pdf as pdf_module
from generator.accessibility import check_docx
from generator.cli import cli
from generator.errors import PdfError
from tests.conftest import EXAMPLE, TEMPLATE
from tests.docx_helpers import headings, open_report

STEM = "delarsrapport-linkoping-son-aug-2024"
HEADINGS = ["Ekonomi", "Resultat och helårsprognos", "Investeringar"]
FIGURES = ["1 880,9", "\u221275,0", "\u221253,2", "1 244,3", "\u221247,4"]
TOC_LINE = re.compile(r"^\s*(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")
posix_only = pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")


def _require(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if not missing:
        return
    reason = (f"{', '.join(missing)} not found; install libreoffice-writer-nogui and "
              "poppler-utils (see README)")
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def _tool(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _invoke(work: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [
        "--indata", str(work / "inputs"), "--utdata", str(work / "outputs"),
        "--mall", str(TEMPLATE), "--period", "aug-2024", *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    _require("soffice", "pdftotext", "pdfinfo", "pdffonts", "pdftoppm")
    work = tmp_path_factory.mktemp("pdf")
    shutil.copytree(EXAMPLE, work / "inputs")
    code, output = _invoke(work, "--png")
    assert code == 0, output
    folder = work / "outputs" / "aug-2024"
    return {"output": output, "docx": folder / f"{STEM}.docx", "pdf": folder / f"{STEM}.pdf",
            "folder": folder}


def _pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _tool("pdfinfo", str(pdf)), re.M).group(1))


def _text(pdf: Path, *extra: str) -> str:
    text = _tool("pdftotext", "-enc", "UTF-8", *extra, str(pdf), "-")
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_pdf_is_written_beside_the_docx_with_sane_page_count(rendered) -> None:
    pdf = rendered["pdf"]
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
    assert f"Skrev {pdf}" in rendered["output"]
    # both examples, converted by LibreOffice in one run
    assert (rendered["folder"] / "delarsrapport-exempelby-kfn-aug-2024.pdf").is_file()
    assert "Klart: 2 rapporter, 2 PDF:er, 0 varningar" in rendered["output"]
    assert 3 <= _pages(pdf) <= 80
    assert not list(rendered["folder"].glob(".~*")), "temporary file left behind"
    assert not list(rendered["folder"].glob(".~lock*")), "LibreOffice lock file left behind"


def test_pdf_is_tagged_with_language_and_title(rendered) -> None:
    pdf = rendered["pdf"]
    info = _tool("pdfinfo", str(pdf))
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+Delårsrapport per den 31 augusti med prognos för helår 2024$",
                     info, re.M)
    assert re.search(r"^Author:\s+Social- och omsorgsnämnden$", info, re.M)
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "sv-SE"
        assert bool(doc.Root.ViewerPreferences.DisplayDocTitle)
        assert bool(doc.Root.MarkInfo.Marked)


def test_fonts_are_the_metric_clones(rendered) -> None:
    fonts = _tool("pdffonts", str(rendered["pdf"])).splitlines()[2:]
    names = {line.split()[0].split("+", 1)[-1] for line in fonts if line.strip()}
    # Symbol fallbacks are expected: the list bullet (OpenSymbol) and the assessment symbols
    # ● ◐ ○, which Carlito lacks (DejaVu). Every text font must be the Calibri clone.
    text_fonts = {n for n in names if not n.startswith(("OpenSymbol", "DejaVuSans"))}
    assert text_fonts and all(n.startswith("Carlito") for n in text_fonts), names


def test_text_holds_headings_and_key_figures(rendered) -> None:
    text = _text(rendered["pdf"])
    for heading in HEADINGS:
        assert heading in text
    for figure in FIGURES:
        assert figure in text, figure


def _toc(pdf: Path) -> tuple[int, list[tuple[str, int]]]:
    """The page holding the table of contents, and its entries with their page numbers."""
    toc_page = next(n for n in range(1, _pages(pdf) + 1)
                    if "Innehåll" in _text(pdf, "-f", str(n), "-l", str(n)))
    lines = _text(pdf, "-layout", "-f", str(toc_page), "-l", str(toc_page)).splitlines()
    return toc_page, [(m["title"], int(m["page"])) for m in map(TOC_LINE.match, lines) if m]


def test_table_of_contents_has_the_real_page_numbers(rendered) -> None:
    pdf = rendered["pdf"]
    pages = _pages(pdf)
    toc_page, entries = _toc(pdf)
    expected = [text for level, text in headings(open_report(rendered["docx"])) if level <= 2]
    assert [title for title, _ in entries] == expected
    numbers = [page for _, page in entries]
    assert numbers == sorted(numbers) and toc_page < numbers[0] and numbers[-1] <= pages
    for title, page in entries:
        assert title in _text(pdf, "-f", str(page), "-l", str(page)), (title, page)


def _headings_with_what_follows(docx: Path) -> list[tuple[str, str]]:
    """Each heading of the body and the first words of what comes after it: the next
    paragraph with text, or a table's first cell."""
    body = Document(str(docx)).element.body
    pairs: list[tuple[str, str]] = []
    waiting: str | None = None
    for element in body.iterchildren():
        tag = etree.QName(element).localname
        if tag == "p":
            text = "".join(element.xpath(".//w:t/text()")).strip()
            style = element.find(".//w:pStyle", element.nsmap)
            is_heading = style is not None and style.get(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val",
                "").startswith("Heading")
        elif tag == "tbl":
            cell = element.find(".//w:tc", element.nsmap)
            text = "".join(cell.xpath(".//w:t/text()")).strip() if cell is not None else ""
            is_heading = False
        else:
            continue
        if not text:
            continue
        if waiting is not None:
            pairs.append((waiting, " ".join(text.split()[:3])))
        waiting = text if is_heading else None
    return pairs


def test_no_heading_is_left_alone_at_a_pages_foot(rendered) -> None:
    # LibreOffice 7.4 carries at most two keep-with-next paragraphs along with a table that
    # moves to the next page: "Nämndindikatorer", "Målområde: Samhälle" and a caption before
    # a table left the first alone at the foot of page 19 until the macro moved it.
    pdf = rendered["pdf"]
    pages = [" ".join(_text(pdf, "-f", str(n), "-l", str(n)).split())
             for n in range(1, _pages(pdf) + 1)]
    page = 0
    checked = 0
    for heading, after in _headings_with_what_follows(rendered["docx"]):
        at = next((n for n in range(page, len(pages)) if heading in pages[n]), None)
        if at is None or "Innehåll" in pages[at]:
            continue
        page = at
        assert after in pages[at], f"{heading!r} on page {at + 1}, {after!r} not"
        checked += 1
    assert checked >= 30


def test_a_fault_in_keeping_headings_with_tables_never_fails_the_pdf(
        rendered, tmp_path: Path, monkeypatch) -> None:
    # A cell name no table has: the macro's step raises a Basic error half way, with the
    # view locked; it must end quietly, unlock the view and leave the pages as they were.
    assert 'getCellByName("A1")' in libreoffice._BASIC
    monkeypatch.setattr(libreoffice, "_BASIC",
                        libreoffice._BASIC.replace('getCellByName("A1")', 'getCellByName("Q99")'))
    docx = tmp_path / "rapport.docx"
    shutil.copyfile(rendered["docx"], docx)
    done, = libreoffice.convert_all([(docx, docx.with_suffix(".pdf"))],
                                    soffice=shutil.which("soffice") or "soffice")
    assert done.ok, done.error
    assert _pages(done.pdf) == _pages(rendered["pdf"])
    assert "Nämndindikatorer" in _text(done.pdf)


def test_a_fault_at_one_table_leaves_the_others_checked(rendered, tmp_path: Path,
                                                        monkeypatch) -> None:
    # The first table checked raises a Basic error; the heading that needs moving comes
    # later ("Nämndindikatorer", page 20) and must still open its page.
    head = ("Sub KeepWithTable(oDoc As Object, oFirst As Object, oTable As Object)\n"
            "  Dim oCursor As Object, iPage As Long\n  On Error GoTo Skip\n")
    assert head in libreoffice._BASIC
    failing = libreoffice._BASIC.replace(head, head + (
        "  iKeepCalls = iKeepCalls + 1\n"
        '  If iKeepCalls = 1 Then oTable.getCellByName("Q99").getText()\n'), 1)
    failing = failing.replace("Sub ExportQueue\n",
                              "Global iKeepCalls As Long\n\nSub ExportQueue\n", 1)
    monkeypatch.setattr(libreoffice, "_BASIC", failing)
    docx = tmp_path / "rapport.docx"
    shutil.copyfile(rendered["docx"], docx)
    done, = libreoffice.convert_all([(docx, docx.with_suffix(".pdf"))],
                                    soffice=shutil.which("soffice") or "soffice")
    assert done.ok, done.error
    assert _text(done.pdf).split("\f") == _text(rendered["pdf"]).split("\f")  # page by page


def _bold_texts(pdf: Path) -> list[str]:
    """The PDF's bold text pieces, as pdftohtml marks them."""
    _require("pdftohtml")
    xml = _tool("pdftohtml", "-xml", "-i", "-stdout", str(pdf))
    return [t.replace("\u00a0", " ") for t in re.findall(r"<b>(.*?)</b>", xml)]


def test_bold_figures_stay_bold_in_the_pdf(rendered) -> None:
    """A figure is a plain-text content control, which LibreOffice 7.4 reads as an input
    field without its runs' formatting: the bold sum row's figures and a figure quoted in
    a bold sentence came out regular. The copy LibreOffice converts has rich-text ones."""
    bold = _bold_texts(rendered["pdf"])
    for figure in ("1 220,4", "1 244,3", "−53,2"):  # Summa rows of the driftsammandrag
        assert figure in bold, figure
    assert ("Resultatet ackumulerat per 31 augusti 2024 visar ett underskott på −53,2 "
            "miljoner kronor.") in bold
    with zipfile.ZipFile(rendered["docx"]) as z:  # the report itself keeps plain text
        assert z.read("word/document.xml").count(b"<w:text/>") > 100


def test_a_tables_note_is_never_alone_at_the_top_of_a_page(tmp_path: Path) -> None:
    """The verksamhetsberättelse's driftsammandrag ended at a page's foot and its note
    ("Beloppen är avrundade …") opened the next page: LibreOffice does not read Word's
    keep-with-next of a table's last row, so the macro keeps such a table with its note."""
    _require("soffice", "pdftotext")
    shutil.copytree(EXAMPLE, tmp_path / "inputs")
    result = CliRunner().invoke(cli, [
        "--indata", str(tmp_path / "inputs"), "--utdata", str(tmp_path / "outputs"),
        "--period", "dec-2024", "--namnd", "linkoping-son", "--pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (pdf,) = (tmp_path / "outputs" / "dec-2024").glob("*.pdf")
    pages = [page.strip() for page in _text(pdf).split("\f")]
    notes = [page for page in pages if "Beloppen är avrundade" in page]
    assert notes
    assert not [page[:80] for page in pages if page.startswith("Beloppen är avrundade")]


def test_pdf_passes_pdf_ua_1_without_a_failed_rule(rendered) -> None:
    page = pytest.importorskip("page")
    for pdf in (rendered["pdf"], rendered["folder"] / "delarsrapport-exempelby-kfn-aug-2024.pdf"):
        report = page.validate_pdf(str(pdf), profile="ua1")
        assert report.is_compliant, [str(f) for f in report.failures][:5]
        assert report.checks.failed == 0 and not report.failures


def test_charts_go_into_the_pdf_as_the_report_holds_them(rendered) -> None:
    """LibreOffice drew stand-ins; each chart's own PNG data is in their place, and the
    page looks as the chart does (pdf_images)."""
    from PIL import Image

    from generator.pdf_images import STAND_IN_RGB, parse_png

    with zipfile.ZipFile(rendered["docx"]) as z:
        charts = {name: z.read(name) for name in z.namelist()
                  if re.fullmatch(r"word/media/diagram\d+\.png", name)}
    assert len(charts) == 7
    with pikepdf.open(rendered["pdf"]) as pdf:
        images = [o for o in pdf.objects
                  if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        raw = [image.read_raw_bytes() for image in images]
        for name, png in charts.items():
            original = parse_png(name, png)
            assert original is not None
            assert raw.count(original.data) == 1, name
            image = images[raw.index(original.data)]
            drawn = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
            assert drawn.tobytes() == Image.open(io.BytesIO(png)).convert("RGB").tobytes()
        for image in images:
            pixels = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
            assert pixels.getcolors(1) != [(pixels.width * pixels.height, STAND_IN_RGB)]


def _table_rows(table: pikepdf.Dictionary) -> list[list[pikepdf.Dictionary]]:
    rows = []
    for kid in table.K:
        for row in [kid] if kid.S == "/TR" else list(kid.K):
            rows.append([c for c in row.K if isinstance(c, pikepdf.Dictionary)])
    return rows


def _table_span(cell: pikepdf.Dictionary, key: str) -> int:
    attributes = cell.get("/A")
    for a in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table" and key in a:
            return int(a[key])
    return 1


def test_a_goal_merged_down_is_one_tagged_cell_beside_its_indicators(rendered) -> None:
    """LibreOffice exports a merged cell without /RowSpan, and where one runs over a page
    break (Medarbetare, pages 21–22) adds empty cells to the row before the break."""
    with pikepdf.open(rendered["pdf"]) as pdf:
        tables = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            for kid in reversed(kids):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    (tables.append if kid.S == "/Table" else stack.append)(kid)
        tables.sort(key=lambda t: len(_table_rows(t)))
        covered_by_spans = 0
        for table in tables:
            rows = _table_rows(table)
            width = sum(_table_span(c, "/ColSpan") for c in rows[0])
            below: dict[int, int] = {}  # column → rows a cell above still covers
            for cells in rows:
                assert all("/K" in c and len(c.K) for c in cells)  # no empty phantom cell
                taken = [col for col, n in below.items() if n > 0]
                assert len(taken) + sum(_table_span(c, "/ColSpan") for c in cells) == width
                for col in taken:
                    below[col] -= 1
                col = 0
                for cell in cells:
                    while below.get(col, 0) > 0 or col in taken:
                        col += 1
                    if _table_span(cell, "/RowSpan") > 1:
                        below[col] = _table_span(cell, "/RowSpan") - 1
                        covered_by_spans += below[col]
                    col += _table_span(cell, "/ColSpan")
            assert not any(below.values())
        # of the indicator tables' 28 rows, 18 lie beside a nämndmål above: one in
        # Medborgare, three in Ekonomi, 5 + 1 + 8 in Medarbetare
        assert covered_by_spans == 18


def test_running_again_with_pdf_keeps_no_copies_of_unchanged_files(workdir: Path) -> None:
    """The .docx gets its page numbers only after the PDF, and LibreOffice dates each PDF
    with the time of the export: an unchanged report and its PDF were kept in tidigare/ on
    every run. The PDF now carries the document's date and an /ID made from its content."""
    _require("soffice")
    folder = workdir / "outputs" / "aug-2024"
    code, output = _invoke(workdir, "--pdf", "--namnd", "linkoping-son")
    assert code == 0, output
    first = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert set(first) == {f"{STEM}.docx", f"{STEM}.pdf"}
    code, output = _invoke(workdir, "--pdf", "--namnd", "linkoping-son")
    assert code == 0, output
    assert "tidigare" not in output and not (folder / "tidigare").exists()
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == first
    with pikepdf.open(folder / f"{STEM}.pdf") as pdf:  # the report's date, not the export's
        assert str(pdf.docinfo["/CreationDate"]) == _report_date(
            folder / f"{STEM}.docx").strftime("D:%Y%m%d%H%M%SZ")
    # A changed input: both earlier files are kept, once.
    book_path = workdir / "inputs" / "linkoping-son" / "aug-2024" / "texter.xlsx"
    book = openpyxl.load_workbook(book_path)
    book["Texter"]["C2"] = "Ändrad text."
    book.save(book_path)
    code, output = _invoke(workdir, "--pdf", "--namnd", "linkoping-son")
    assert code == 0, output
    kept = sorted(p.suffix for p in (folder / "tidigare").iterdir())
    assert kept == [".docx", ".pdf"]


def _report_date(docx: Path) -> datetime:
    core = zipfile.ZipFile(docx).read("docProps/core.xml").decode()
    stamp = re.search(r"<dcterms:modified[^>]*>([^<]+)<", core)[1]
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _contents_entries(docx: Path) -> list[tuple[str, str]]:
    """(title, page number) of each contents entry as the .docx holds it, before any
    field update: the text before the tab, and the text after it."""
    entries = []
    for p in open_report(docx).paragraphs:
        if re.fullmatch(r"TOC \d", p.style.name):
            title, _, page = p.text.partition("\t")
            entries.append((title, page))
    return entries


def test_docx_contents_list_carries_the_pdfs_page_numbers(rendered) -> None:
    toc_page, in_pdf = _toc(rendered["pdf"])
    in_docx = _contents_entries(rendered["docx"])
    assert in_docx == [(title, str(page)) for title, page in in_pdf]
    with zipfile.ZipFile(rendered["docx"]) as z:
        settings = z.read("word/settings.xml")
        document = z.read("word/document.xml")
    # nothing left to refresh, so Word does not ask on opening
    assert b"updateFields" not in settings and b"w:dirty" not in document
    assert check_docx(rendered["docx"]) == []


def test_numbering_again_replaces_the_earlier_numbers(rendered, tmp_path: Path) -> None:
    docx = tmp_path / "rapport.docx"
    shutil.copyfile(rendered["docx"], docx)
    marks = toc_pages.bookmarks(rendered["pdf"])
    moved = [(level, title, page + 1) for level, title, page in marks]
    with zipfile.ZipFile(docx) as z:
        xml, done = toc_pages.number_entries(z.read("word/document.xml"), moved)
    assert done == len(_contents_entries(docx))
    root = etree.fromstring(xml)
    entries = list(toc_pages._toc_paragraphs(root))
    texts = ["".join(t.text for t in p.iter(f"{{{toc_pages.W}}}t")) for p in entries]
    tabs = [len(list(p.iter(f"{{{toc_pages.W}}}tab"))) for p in entries]
    expected = dict(_contents_entries(docx))
    assert texts == [f"{title}{int(expected[title]) + 1}" for title in expected]
    assert set(tabs) == {1}


def test_pdf_of_an_edited_report_leaves_the_docx_alone(rendered, tmp_path: Path) -> None:
    docx = tmp_path / "redigerad.docx"
    shutil.copyfile(rendered["docx"], docx)
    before = docx.read_bytes()
    result = subprocess.run([sys.executable, "-m", "generator.pdf", str(docx)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert docx.read_bytes() == before  # the user's file: input, not output
    page = pytest.importorskip("page")
    assert page.validate_pdf(str(docx.with_suffix(".pdf")), profile="ua1").is_compliant


def test_a_report_with_a_comment_converts_even_when_first_loaded_hidden(
        rendered, tmp_path: Path, monkeypatch) -> None:
    """Reports are loaded hidden (faster), those with comments shown: LibreOffice 7.4
    crashes exporting a hidden document with a comment. Should a document that needs it be
    loaded hidden anyway, the crash costs a retry, shown, and not the PDF."""
    docx = tmp_path / "kommenterad.docx"
    shutil.copyfile(rendered["docx"], docx)
    doc = Document(str(docx))
    target = next(p for p in doc.paragraphs if p.text.startswith("Resultatet per 31 augusti"))
    doc.add_comment(target.runs[0], text="Stämmer detta med bokslutet?", author="Controller")
    doc.save(str(docx))
    monkeypatch.setattr(libreoffice, "_has_comments", lambda _: False)
    done, = libreoffice.convert_all([(docx, docx.with_suffix(".pdf"))],
                                    soffice=shutil.which("soffice") or "soffice")
    assert done.ok, done.error
    assert _pages(done.pdf) == _pages(rendered["pdf"])
    assert "Resultatet per 31 augusti" in _text(done.pdf)
    assert not list(tmp_path.glob(".~lock*")), "LibreOffice's lock file left beside the report"


def test_png_pages_one_per_pdf_page(rendered) -> None:
    pages = sorted((rendered["folder"] / "sidor").glob(f"{STEM}-sida-*.png"))
    assert len(pages) == _pages(rendered["pdf"])
    assert pages[0].name == f"{STEM}-sida-01.png"
    assert pages[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"Skrev {len(pages)} sidor som PNG" in rendered["output"]


def test_docx_passes_the_structural_accessibility_checks(rendered) -> None:
    assert check_docx(rendered["docx"]) == []


# -- without a working LibreOffice -------------------------------------------------------

def test_missing_soffice_warns_and_still_writes_the_docx(workdir: Path, monkeypatch) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    code, output = _invoke(workdir, "--pdf")
    folder = workdir / "outputs" / "aug-2024"
    assert code == 0, output
    assert (folder / f"{STEM}.docx").is_file() and not (folder / f"{STEM}.pdf").exists()
    assert "LibreOffice (programmet soffice) hittades inte" in output
    assert "Klart: 1 rapport, 0 PDF:er, 1 varning," in output


def test_missing_soffice_with_strict_exits_2_after_writing(workdir: Path, monkeypatch) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    code, output = _invoke(workdir, "--pdf", "--strict")
    assert code == 2
    assert (workdir / "outputs" / "aug-2024" / f"{STEM}.docx").is_file()
    assert "--strict" in output and "Traceback" not in output


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@posix_only
def test_a_converter_that_writes_nothing_is_a_warning(tmp_path: Path) -> None:
    docx = tmp_path / "rapport.docx"
    shutil.copyfile(TEMPLATE, docx)
    done = pdf_module.publish(docx, soffice=_fake_soffice(tmp_path, "exit 0"))
    assert done.pdf is None and not docx.with_suffix(".pdf").exists()
    assert [i.message for i in done.issues] == [
        "Ingen PDF skrevs av rapport.docx: LibreOffice skrev ingen PDF. Kontrollera att "
        "LibreOffice Writer är installerat och att filen går att öppna."]
    assert not list(tmp_path.glob(".~*"))


@posix_only
def test_a_hanging_converter_is_stopped(tmp_path: Path) -> None:
    docx = tmp_path / "rapport.docx"
    shutil.copyfile(TEMPLATE, docx)
    with pytest.raises(PdfError, match="svarade inte inom 1 sekunder"):
        pdf_module.convert(docx, tmp_path / "ut.pdf", soffice=_fake_soffice(tmp_path, "sleep 30"),
                           timeout=1)


def test_the_macro_module_is_well_formed_xml() -> None:
    from lxml import etree

    root = etree.fromstring(libreoffice._module_xml().encode("utf-8"))
    assert 'Environ("DELARSRAPPORT_QUEUE")' in root.text
    assert "Name sJob As sClaimed" in root.text
    assert 'fd(0).Name = "UseTaggedPDF"' in root.text


def test_python_m_generator_pdf_usage() -> None:
    result = subprocess.run([sys.executable, "-m", "generator.pdf"], capture_output=True,
                            text=True)
    assert result.returncode == 2 and "Användning" in result.stderr
    helped = subprocess.run([sys.executable, "-m", "generator.pdf", "--help"],
                            capture_output=True, text=True)
    assert helped.returncode == 0 and "Användning" in helped.stdout
    missing = subprocess.run([sys.executable, "-m", "generator.pdf", "finns-inte.docx"],
                             capture_output=True, text=True)
    assert missing.returncode == 2
    assert "Fel: finns-inte.docx finns inte; förväntade en Word-fil (.docx)." in missing.stderr


def test_python_m_generator_pdf_refuses_a_file_that_is_not_a_docx(tmp_path: Path) -> None:
    """Bad input like a missing file: exit code 2, and no PDF even of the good file."""
    fake = tmp_path / "fake.docx"
    fake.write_text("inte ett Word-dokument", encoding="utf-8")
    good = tmp_path / "egen.docx"
    Document().save(str(good))
    result = subprocess.run([sys.executable, "-m", "generator.pdf", str(good), str(fake)],
                            capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert (f"Fel: {fake}: filen är inte ett Word-dokument (.docx); den kan vara skadad."
            in result.stderr)
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["egen.docx", "fake.docx"]


@posix_only
def test_an_earlier_pdf_is_kept_and_the_summary_says_where(workdir: Path, monkeypatch,
                                                           fake_soffice: str) -> None:
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: fake_soffice)
    code, first = _invoke(workdir, "--pdf")
    assert code == 0, first
    assert "Den tidigare PDF:en" not in first
    pdf = workdir / "outputs" / "aug-2024" / f"{STEM}.pdf"
    pdf.write_bytes(pdf.read_bytes() + b" earlier")  # LibreOffice stamps each PDF anew
    code, second = _invoke(workdir, "--pdf")
    assert code == 0, second
    kept = list((workdir / "outputs" / "aug-2024" / "tidigare").glob(f"{STEM}-*.pdf"))
    assert len(kept) == 1
    assert f"Den tidigare PDF:en sparades som {kept[0]}" in second


@posix_only
def test_a_pdf_that_cannot_be_completed_is_still_written_with_a_warning(
        tmp_path: Path, fake_soffice: str) -> None:
    docx = tmp_path / "rapport.docx"
    shutil.copyfile(TEMPLATE, docx)
    before = docx.read_bytes()
    done = pdf_module.publish(docx, soffice=fake_soffice)  # writes "%PDF-1.7 fake …"
    assert done.pdf == docx.with_suffix(".pdf")
    assert done.pdf.read_bytes().startswith(b"%PDF-1.7 fake ")
    messages = [i.message for i in done.issues]
    assert len(messages) == 2, messages
    assert messages[0].startswith("PDF:en av rapport.docx skrevs, men det som LibreOffice "
                                  "utelämnar för PDF/UA-1 kunde inte läggas till (")
    assert messages[1].startswith("Sidnumren kunde inte skrivas in i innehållsförteckningen i "
                                  "rapport.docx (")
    assert docx.read_bytes() == before
    assert not list(tmp_path.glob(".~*"))


# -- several reports in one LibreOffice ----------------------------------------------------

def _cut_document_xml(docx: Path) -> None:
    """A .docx that is still a zip, but whose document.xml ends mid-element: LibreOffice
    itself has to fail on it."""
    with zipfile.ZipFile(docx) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    body = parts["word/document.xml"]
    parts["word/document.xml"] = body[: len(body) // 2]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _fingerprint(pdf: Path) -> dict[str, object]:
    """What the reader gets: pages, text per page, TOC, tags and bookmarks (object numbers,
    dates and ids left out)."""
    pages = _pages(pdf)
    tags = [line for line in _tool("pdfinfo", "-struct", str(pdf)).splitlines()
            if not re.fullmatch(r"\s*Object \d+ \d+", line)]
    xml = _tool("pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf))
    outline = xml[xml.find("<outline>"):xml.rfind("</outline>")]
    return {"pages": pages, "toc": _toc(pdf),
            "text": _text(pdf, "-layout").split("\f"),
            "tags": tags, "bookmarks": outline}


@pytest.fixture(scope="module")
def batch(rendered, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The rendered report converted twice more in one run of two LibreOffice processes,
    after a document LibreOffice cannot open and beside a truncated one."""
    work = tmp_path_factory.mktemp("batch")
    names = ["trasig", "a", "avkortad", "b"]
    for name in names:
        shutil.copyfile(rendered["docx"], work / f"{name}.docx")
    _cut_document_xml(work / "trasig.docx")
    truncated = work / "avkortad.docx"
    truncated.write_bytes(truncated.read_bytes()[:20000])
    with pdf_module.Publisher(reports=len(names), processes=2) as publisher:
        for name in names:
            publisher.add(work / f"{name}.docx")
        done = publisher.finish()
    return {"work": work, "done": {path.stem: d for path, d in done.items()}}


def test_a_broken_document_in_a_batch_fails_alone_and_is_named(batch) -> None:
    done, work = batch["done"], batch["work"]
    assert done["a"].pdf == work / "a.pdf" and done["b"].pdf == work / "b.pdf"
    assert not done["a"].issues and not done["b"].issues
    assert done["trasig"].pdf is None and not (work / "trasig.pdf").exists()
    assert [i.message for i in done["trasig"].issues] == [
        "Ingen PDF skrevs av trasig.docx: LibreOffice kunde inte öppna filen; den kan vara "
        "skadad eller inte vara ett Word-dokument."]
    assert [i.message for i in done["avkortad"].issues] == [
        "Ingen PDF skrevs av avkortad.docx: filen är inte ett Word-dokument (.docx); den kan "
        "vara skadad."]
    assert not list(work.glob(".~*")), "temporary file left behind"


_STAMPS = (rb"<xmp:CreateDate>[^<]*<", rb"/CreationDate ?\(D:[^)]*\)",
           rb"/ID ?\[ ?<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+> ?\]", rb"/DocChecksum /[0-9A-F]+")


def _without_stamps(pdf: Path) -> bytes:
    """The PDF's bytes with its creation time, id and checksum blanked (same length)."""
    data = pdf.read_bytes()
    for stamp in _STAMPS:
        data = re.sub(stamp, lambda m: b"x" * len(m[0]), data)
    return data


def test_batch_pdfs_are_the_single_reports_pdf(rendered, batch) -> None:
    single = _fingerprint(rendered["pdf"])
    assert single["pages"] >= 3 and single["toc"][1] and single["tags"] and single["bookmarks"]
    for name in ("a", "b"):
        assert _fingerprint(batch["done"][name].pdf) == single, name
        # and byte for byte, but for the time stamps: LibreOffice's export is deterministic
        assert _without_stamps(batch["done"][name].pdf) == _without_stamps(rendered["pdf"])


def test_alla_pdf_names_the_one_report_that_failed(workdir: Path, monkeypatch) -> None:
    _require("soffice")
    for name in ("bygg", "kultur"):
        shutil.copytree(workdir / "inputs" / "linkoping-son", workdir / "inputs" / name)
    real = generator.batch.build_report

    def build_and_break_kultur(folder: Path, config: object) -> object:
        result = real(folder, config)
        if folder.parent.name == "kultur":
            _cut_document_xml(result.output)
        return result

    monkeypatch.setattr(generator.batch, "build_report", build_and_break_kultur)
    folder = workdir / "outputs" / "aug-2024"
    folder.mkdir(parents=True)
    old = folder / "delarsrapport-kultur-aug-2024.pdf"
    old.write_bytes(b"%PDF-1.7 an earlier run's PDF")
    code, output = _invoke(workdir, "--alla", "--pdf")
    assert code == 0, output  # a missing PDF is a warning, as without LibreOffice
    # the earlier PDF no longer matches the new .docx: moved away, not left to be published
    (moved,) = (folder / "tidigare").glob("delarsrapport-kultur-aug-2024-*.pdf")
    assert moved.read_bytes() == b"%PDF-1.7 an earlier run's PDF"
    assert f"stämmer inte längre med Word-filen och flyttades till {moved}" in output
    for name in ("bygg", "linkoping-son"):
        assert (folder / f"delarsrapport-{name}-aug-2024.pdf").read_bytes()[:5] == b"%PDF-"
    assert not old.exists()
    rows = {line.split()[0]: line.split() for line in output.splitlines()
            if line.split() and line.split()[0] in {"bygg", "kultur", "linkoping-son"}}
    header = next(line.split() for line in output.splitlines() if line.startswith("Nämnd "))
    assert header == ["Nämnd", "Status", "Tid", "Varningar", "PDF"]
    assert [rows[n][1] for n in ("bygg", "kultur", "linkoping-son")] == ["klar"] * 3
    assert [rows[n][-1] for n in ("bygg", "kultur", "linkoping-son")] == ["klar", "fel", "klar"]
    assert ("Varning: Ingen PDF skrevs av delarsrapport-kultur-aug-2024.docx: LibreOffice "
            "kunde inte öppna filen") in output
    assert "Klart: 3 av 3 nämnder, 2 av 3 PDF:er" in output
    assert "Traceback" not in output


def _ready(converter: libreoffice.Converter) -> libreoffice._Process:
    """The converter's one process, once its macro runs (it has logged READY)."""
    import time

    (proc,) = converter._live
    deadline = time.monotonic() + 60
    # The log exists a moment before its first line is written: wait for the line.
    while time.monotonic() < deadline and not (
            proc.log.is_file() and proc.log.read_text(encoding="utf-8").startswith("READY")):
        time.sleep(0.05)
    assert proc.log.read_text(encoding="utf-8").startswith("READY")
    return proc


def test_libreoffice_waiting_for_a_parent_that_died_quits_by_itself() -> None:
    """Without a new job for `idle` seconds, or once the queue folder is gone, the macro
    takes the parent for dead (killed, say, with its terminal) and LibreOffice quits."""
    _require("soffice")
    for idle, remove_queue in ((1, False), (600, True)):
        converter = libreoffice.Converter(libreoffice.find_soffice() or "soffice", idle=idle)
        converter.start()
        try:
            proc = _ready(converter)
            if remove_queue:
                shutil.rmtree(converter._queue)
            assert proc.popen.wait(timeout=30) == 0
        finally:
            converter.close()


def test_the_profile_knows_the_version_so_libreoffice_skips_its_self_tests() -> None:
    """A profile that has not met this LibreOffice version makes every process run its
    graphics self-tests first (1,3 s of CPU); the PDFs are byte for byte the same."""
    _require("soffice")
    soffice = libreoffice.find_soffice() or "soffice"
    version = libreoffice.product_version(soffice)
    assert version and re.fullmatch(r"\d+\.\d+", version)
    with libreoffice.Converter(soffice) as converter:
        _ready(converter)
        user = converter._root / "profil-0" / "user"
        assert f"<value>{version}</value>" in (user / "registrymodifications.xcu").read_text(
            encoding="utf-8")
        assert not (user / "GraphicsRenderTests.log").exists()


_WORD_BOX = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">|yMax="([\d.]+)"')


def page_fill(pdf: Path) -> list[float]:
    """Per page, the share of the text area left empty below the last line of text (the
    footer excluded): read from the PDF's word boxes, as a reader sees the page."""
    html = _tool("pdftotext", "-bbox", str(pdf), "-")
    empty: list[float] = []
    height = bottom = 0.0
    for match in _WORD_BOX.finditer(html + '<page width="0" height="0">'):
        if match.group(2) is not None:
            if height:
                text_bottom = height - 2.2 / 2.54 * 72  # the bottom margin
                empty.append(max(0.0, (text_bottom - bottom) / (text_bottom - 60)))
            height, bottom = float(match.group(2)), 0.0
        elif float(match.group(3)) < height - 2.2 / 2.54 * 72:  # not the footer
            bottom = max(bottom, float(match.group(3)))
    return empty


def test_no_page_is_left_more_than_a_third_empty(rendered) -> None:
    """Rows kept whole and charts kept with their captions must not leave half pages: every
    page but the cover, the contents and the last is at least two thirds full."""
    for pdf in sorted(Path(str(rendered["folder"])).glob("*.pdf")):
        fill = page_fill(pdf)
        assert len(fill) > 3
        gaps = {n: round(share, 2) for n, share in enumerate(fill, start=1)
                if 2 < n < len(fill) and share > 0.34}
        assert not gaps, (pdf.name, gaps)


def test_contents_entries_are_found_by_style_name_after_libreoffice(rendered,
                                                                     tmp_path: Path) -> None:
    """LibreOffice saves the contents styles under other ids (Contents1 …) with the names
    kept ("toc 1"); the page numbers still go in."""
    docx = tmp_path / "sparad-i-libreoffice.docx"
    with zipfile.ZipFile(rendered["docx"]) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    for name in ("word/document.xml", "word/styles.xml"):
        parts[name] = re.sub(rb'"TOC(\d)"', rb'"Contents\1"', parts[name])
    marks = toc_pages.bookmarks(rendered["pdf"])
    cleared, _ = toc_pages.number_entries(parts["word/document.xml"], [
        (level, title, 99) for level, title, _page in marks],
        toc_pages.toc_style_ids(parts["word/styles.xml"]))
    parts["word/document.xml"] = cleared  # numbers of another layout, to be replaced
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert toc_pages.write_page_numbers(docx, rendered["pdf"]) == len(_contents_entries(
        rendered["docx"]))
    assert _contents_entries(docx) == _contents_entries(rendered["docx"])


def test_numbering_a_numbered_report_leaves_the_file_as_it_is(rendered, tmp_path: Path) -> None:
    docx = tmp_path / "rapport.docx"
    shutil.copyfile(rendered["docx"], docx)  # numbered by the run already
    before = docx.read_bytes()
    assert toc_pages.write_page_numbers(docx, rendered["pdf"]) > 0
    assert docx.read_bytes() == before
