"""One cleaning for every string from a workbook (excel/cleaning.py), and the report it makes.

Excel writes a character XML cannot hold as _xHHHH_ (a carriage return pasted from another
program as _x000D_, Word's soft line break as _x000B_, an emoji's two halves as
_xD83D__xDE00_ in some exports). openpyxl writes such strings as they are, so the tests put
them in the workbooks exactly as Excel would have.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from openpyxl import load_workbook

from generator.cli import cli
from generator.excel.cleaning import clean, trim
from tests.conftest import EXAMPLE, TEMPLATE
from tests.docx_helpers import grid, open_report

PERIOD = "aug-2024"


@pytest.mark.parametrize("raw,expected", [
    ("Utfall_x000D_", "Utfall\n"),
    ("rad ett_x000D_\nrad två", "rad ett\nrad två"),  # Excel's \r\n
    ("ett_x000B_två", "ett\ntvå"),
    ("ett\r\ntvå\rtre\u2028fyra", "ett\ntvå\ntre\nfyra"),
    ("Kod_x005F_x000D_", "Kod_x000D_"),  # the text _x000D_ as typed, decoded once
    ("a_x0001_b_x001F_c\x07d", "abcd"),
    ("_xD83D__xDE00_ glad", "😀 glad"),
    ("ensam _xD800_halva", "ensam halva"),
    ("_xFFFE_ och _xffff_", " och "),
    ("tab\tbehålls", "tab\tbehålls"),
    ("_x00e5_ i små bokstäver", "å i små bokstäver"),
    ("ingen_x12_flykt", "ingen_x12_flykt"),
])
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_trim_only_trims() -> None:
    assert trim("\n  Kod_x000D_ \n") == "Kod_x000D_"


def test_every_character_clean_leaves_is_one_xml_can_hold() -> None:
    text = clean("".join(f"_x{n:04X}_" for n in range(0x10000)) + "".join(
        chr(n) for n in range(0xD800)))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", text)


# -- every workbook, through the report --------------------------------------------------------

ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")


def _edit(path: Path, sheet: str, edit: dict[str, str] | None = None,
          rename: str | None = None) -> None:
    """Append Excel's escapes to cells (value → value + suffix) and/or rename the sheet."""
    book = load_workbook(path)
    ws = book[sheet]
    for cell, suffix in (edit or {}).items():
        ws[cell] = f"{ws[cell].value}{suffix}"
    if rename:
        ws.title = rename
    book.save(path)


def _column_of(path: Path, sheet: str, header: str) -> str:
    ws = load_workbook(path, read_only=True)[sheet]
    row = next(ws.iter_rows(max_row=1))
    return next(c.column_letter for c in row if c.value == header)


@pytest.fixture(scope="module")
def escaped_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both examples with escapes and control characters in every workbook, generated."""
    work = tmp_path_factory.mktemp("escapes")
    shutil.copytree(EXAMPLE, work / "inputs", ignore=shutil.ignore_patterns("*.md"))
    lkp = work / "inputs" / "linkoping-son" / PERIOD
    exb = work / "inputs" / "exempelby-kfn" / PERIOD
    _edit(lkp / "installningar.xlsx", "Nämnd", {"B3": "_x0007_"})  # nämnd, on the title page
    _edit(lkp / "installningar.xlsx", "Verksamheter", {"B2": "_x000B_andra raden"})
    _edit(lkp / "utfall.xlsx", "Investeringar", rename="Investeringar_x000D_")
    _edit(lkp / "prognos.xlsx", "Drift", {"B2": "_x001F_"})
    _edit(lkp / "texter.xlsx", "Texter",
          {"C2": "_x000D__x000D_Glad _xD83D__xDE00_ och _xD800_ensam_x0008_ halva."})
    _edit(lkp / "mal.xlsx", "Mål", {"B1": "_x000D_", "B2": "_x0002_"})
    _edit(lkp / "uppdrag.xlsx", "Uppdrag", {"C2": "_x000D_\nNy rad."})
    _edit(lkp / "volymer.xlsx", "Volymer", {"E1": "_x000D_", "D2": "_x000B_ny rad"})
    _edit(lkp / "indikatorer.xlsx", "Indikatorer", {"I1": "_x000D_", "D2": "_x0003_"})
    _edit(lkp / "diagram.xlsx", "Diagram", {"C2": "_x0008__x000D_"})
    _edit(exb / "tabeller.xlsx", "T2", {"D2": "_x000B_(sommar)", "E1": "_x000D_"},
          rename="T2_x000D_")
    kommentar = _column_of(exb / "prognos.xlsx", "Drift", "Kommentar")
    _edit(exb / "prognos.xlsx", "Drift", {f"{kommentar}1": "_x000D_"})
    _edit(exb / "prognos.xlsx", "Varav", {"A2": "_x000D_"})
    result = CliRunner().invoke(cli, [
        "--indata", str(work / "inputs"), "--utdata", str(work / "outputs"),
        "--mall", str(TEMPLATE), "--period", PERIOD], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return work / "outputs" / PERIOD


def _texts(path: Path) -> str:
    """Every text of the package: document, footnotes, properties, image descriptions."""
    with zipfile.ZipFile(path) as docx:
        return "\n".join(docx.read(n).decode("utf-8") for n in docx.namelist()
                         if n.endswith(".xml"))


@pytest.mark.parametrize("namnd", ["linkoping-son", "exempelby-kfn"])
def test_no_escape_reaches_the_report(escaped_reports: Path, namnd: str) -> None:
    texts = _texts(escaped_reports / f"delarsrapport-{namnd}-{PERIOD}.docx")
    assert not ESCAPED.search(texts), ESCAPED.search(texts)


def test_each_workbook_s_text_arrives_clean(escaped_reports: Path) -> None:
    doc = open_report(escaped_reports / f"delarsrapport-linkoping-son-{PERIOD}.docx")
    body = "\n".join(p.text for p in doc.paragraphs)
    tables = [grid(t) for t in doc.tables]
    cells = [c for t in tables for row in t for c in row]
    assert doc.paragraphs[1].text == "Social- och omsorgsnämnden"
    assert "Glad 😀 och ensam halva." in body
    assert "100 - Nämnd och styrelseverksamhet\nandra raden" in cells
    headers = [t[0] for t in tables]
    assert ["Basuppdrag (volymmått)", "Augusti 2023", "Augusti 2024", "Prognos 2024"] in headers
    assert "3926 (45 % flickor)\nny rad" in cells
    # The indicators' column 2024 (headed "2024_x000D_"): its own header, and the one the
    # sheet Kolumnrubriker gives it for one goal, which still finds the column.
    assert ["Nämndmål", "Nämndindikator", "2022", "2023", "2024", "Önskad riktning"] in headers
    assert ["Nämndmål", "Nämndindikator", "2022", "2023", "2024 tom augusti",
            "Önskad riktning"] in headers
    described = [d.get("descr") for d in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert any(d and d.startswith("Antal aktualiseringar 0–20 år per månad") for d in described)
    assert any("Samtliga nämnder ska fortsätta" in c and c.endswith("\nNy rad.") for c in cells)


def test_own_tables_and_extra_columns_arrive_clean(escaped_reports: Path) -> None:
    doc = open_report(escaped_reports / f"delarsrapport-exempelby-kfn-{PERIOD}.docx")
    tables = [grid(t) for t in doc.tables]
    cells = [c for t in tables for row in t for c in row]
    assert "Kortare öppettider på sommaren\n(sommar)" in cells
    assert any("Effekt 2024" in t[0] for t in tables)
    assert any("Kommentar" in row for t in tables for row in t)
    assert "varav kostnader" in cells
    breaks = [br for br in doc.element.body.iter(qn("w:br"))]
    assert breaks, "a line break from _x000B_ is a real break"
