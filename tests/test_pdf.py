"""Render tests: `generate --png` (which implies --pdf) through LibreOffice, read back.

They need LibreOffice and poppler-utils (Debian: libreoffice-writer-nogui poppler-utils
fonts-crosextra-carlito fonts-crosextra-caladea). Without them the tests are skipped, except
when CI=true: there a missing tool is a failure, so CI can never pass by skipping.
The tests without a real LibreOffice (missing soffice, a failing or hanging one) always run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

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
    raw = pdf.read_bytes()
    streams = [raw]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.S):
        try:
            streams.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    assert any(b"/Lang(sv-SE)" in s for s in streams)
    assert any(b"/DisplayDocTitle true" in s for s in streams)


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


def test_table_of_contents_has_the_real_page_numbers(rendered) -> None:
    pdf = rendered["pdf"]
    pages = _pages(pdf)
    toc_page = next(n for n in range(1, pages + 1)
                    if "Innehåll" in _text(pdf, "-f", str(n), "-l", str(n)))
    lines = _text(pdf, "-layout", "-f", str(toc_page), "-l", str(toc_page)).splitlines()
    entries = [(m["title"], int(m["page"])) for m in map(TOC_LINE.match, lines) if m]
    expected = [text for level, text in headings(open_report(rendered["docx"])) if level <= 2]
    assert [title for title, _ in entries] == expected
    numbers = [page for _, page in entries]
    assert numbers == sorted(numbers) and toc_page < numbers[0] and numbers[-1] <= pages
    for title, page in entries:
        assert title in _text(pdf, "-f", str(page), "-l", str(page)), (title, page)


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
    assert "1 varning," in output


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
        "Ingen PDF skrevs: LibreOffice skrev ingen PDF av rapport.docx. Kontrollera att "
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

    root = etree.fromstring(pdf_module._module_xml().encode("utf-8"))
    assert 'Environ("DELARSRAPPORT_IN")' in root.text
    assert "& Err &" in root.text


def test_python_m_generator_pdf_usage() -> None:
    result = subprocess.run([sys.executable, "-m", "generator.pdf"], capture_output=True,
                            text=True)
    assert result.returncode == 2 and "Användning" in result.stderr


def test_an_earlier_pdf_is_kept_and_the_summary_says_where(workdir: Path, monkeypatch) -> None:
    def fake_convert(_docx: Path, pdf: Path, *, soffice: str, timeout: float = 0) -> None:
        pdf.write_bytes(b"%PDF-1.7 fake")

    monkeypatch.setattr(pdf_module, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(pdf_module, "convert", fake_convert)
    code, first = _invoke(workdir, "--pdf")
    assert code == 0, first
    assert "Den tidigare PDF:en" not in first
    code, second = _invoke(workdir, "--pdf")
    assert code == 0, second
    kept = list((workdir / "outputs" / "aug-2024" / "tidigare").glob(f"{STEM}-*.pdf"))
    assert len(kept) == 1
    assert f"Den tidigare PDF:en sparades som {kept[0]}" in second
