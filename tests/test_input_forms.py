"""What economists type arrives intact: Swedish number text is read as numbers, and text
(`&`, `<`, `>`, quotes, emoji, line breaks) reaches Word unchanged."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests import reference_tables as ref
from tests.docx_helpers import grid, open_report, table_after_caption
from tests.test_bad_input import PERIOD, REPORT, folder_of, set_cells, snapshot

SPACES = (" ", "\u00a0", "\u202f")   # space, no-break space, narrow no-break space
MINUSES = ("\u2212", "-")            # minus sign (U+2212), hyphen-minus


def swedish(value: float | int, i: int) -> str:
    """`value` as an economist might type it: `1 220,4`, `−75,0`, `2126`."""
    number = Decimal(str(value))
    whole, _, frac = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = SPACES[i % len(SPACES)].join(groups) + ("," + frac if frac else ",0" * (i % 2))
    return (MINUSES[i % len(MINUSES)] if number < 0 else "") + text


def test_swedish_number_text_gives_the_same_report(run_cli, workdir: Path) -> None:
    folder = folder_of(workdir)
    converted = 0
    for name in ("utfall.xlsx", "prognos.xlsx"):
        book = load_workbook(folder / name)
        for ws in book.worksheets[1:]:
            for row in ws.iter_rows(min_row=2, min_col=2):
                for cell in row:
                    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                        cell.value = swedish(cell.value, converted)
                        converted += 1
        book.save(folder / name)
    assert converted > 80
    typed = load_workbook(folder / "prognos.xlsx")["Föregående prognos"]["B2"].value
    assert isinstance(typed, str) and typed[0] in MINUSES and typed[3] in SPACES
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 0, result.output
    doc = open_report(workdir / REPORT)
    assert grid(table_after_caption(doc, ref.CAPTIONS[0])) == ref.OVERVIEW
    assert grid(table_after_caption(doc, ref.CAPTIONS[1])) == ref.UTFALL
    assert grid(table_after_caption(doc, ref.CAPTIONS[2])) == ref.PROGNOS


def test_a_period_excel_made_a_date_is_read_as_its_month(run_cli, workdir: Path) -> None:
    """Typing aug-2024 into a cell, Excel stores the date 2024-08-01."""
    folder = folder_of(workdir)
    for name in ("utfall.xlsx", "texter.xlsx"):
        set_cells(name, "Instruktioner", B1=datetime(2024, 8, 1))(folder)
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 0, result.output


VERKSAMHET = 'Kultur & fritid <Ö> "citat" \'apostrof\' 🙂\nrad två'
OBJEKT = "Bibliotek & kafé {{ namnd }} {% if x %} 🙂\n\"etapp 2\""
NAMND = "Kultur- & fritidsnämnden <KFN>"


def test_text_arrives_in_word_unchanged(run_cli, workdir: Path) -> None:
    folder = folder_of(workdir)
    set_cells("installningar.xlsx", "Verksamheter", B2=VERKSAMHET)(folder)
    set_cells("installningar.xlsx", "Nämnd", B3=NAMND)(folder)
    for name in ("utfall.xlsx", "prognos.xlsx"):
        set_cells(name, "Investeringar", A2=OBJEKT)(folder)
    inputs = snapshot(workdir / "inputs")
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 0, result.output
    doc = open_report(workdir / REPORT)
    for caption in ref.CAPTIONS[1:3]:
        cell = table_after_caption(doc, caption).rows[1].cells[0]
        assert cell.text == f"100 - {VERKSAMHET}"  # python-docx reads <w:br/> as "\n"
        assert len(cell._tc.findall(f".//{qn('w:br')}")) == 1, "a w:br inside the cell"
        assert not any("\n" in (t.text or "") for t in cell._tc.iter(qn("w:t")))
    investments = table_after_caption(doc, ref.CAPTIONS[3])
    assert investments.rows[2].cells[0].text == OBJEKT
    assert doc.paragraphs[1].text == NAMND
    assert doc.core_properties.author == NAMND
    assert snapshot(workdir / "inputs") == inputs


def test_excel_escapes_for_line_breaks_become_line_breaks(run_cli, workdir: Path) -> None:
    """Excel stores a carriage return as _x000D_ and Word's soft break (pasted) as _x000B_."""
    set_cells("installningar.xlsx", "Verksamheter",
              B2="Rad ett_x000D_\nrad två", B3="Ett_x000B_två", B4="Kod_x005F_x000D_")(
        folder_of(workdir))
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 0, result.output
    table = table_after_caption(open_report(workdir / REPORT), ref.CAPTIONS[1])
    assert [table.rows[i].cells[0].text for i in (1, 2, 3)] == [
        "100 - Rad ett\nrad två", "130 - Ett\ntvå", "267 - Kod_x000D_"]
    assert len(table.rows[1].cells[0]._tc.findall(f".//{qn('w:br')}")) == 1
