"""Finding the cells calamine reads as empty (error values, formulas without their value) in
a sheet's XML streamed in pieces: a cell cut in two by a piece's end is found all the same."""

from __future__ import annotations

import pytest

from generator.excel.xlsx_cells import Hidden, Scanner

ROWS = (
    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>f&amp;#</t>'
    b'</is></c></row>'
    b'<row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2"><f>1+2</f><v>3</v></c>'
    b'<c r="C2"><f>SUM(A1:A2)</f><v></v></c><c r="D2" t="str"><f>IF(A1="";"";A1)</f><v></v>'
    b"</c></row>"
    b'<row r="3"><c r="A3" s="1"><f t="shared" ref="A3:A9" si="0"/></c>'
    b'<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3" t="n"><v>5</v></c>'
    b'<c r="D3"><f>A1&lt;&gt;"x"</f></c><c r="E3"/></row>'
)
FOUND = [Hidden("A2", "#N/A"), Hidden("C2", None, "SUM(A1:A2)"), Hidden("A3"),
         Hidden("B3", "#DIV/0!", "1/0"), Hidden("D3", None, 'A1<>"x"')]


def _prefixed(xml: bytes) -> bytes:
    import re

    return re.sub(rb"<(/?)(?=[a-z])", rb"<\1x:", xml)


@pytest.mark.parametrize("prefix", [b"", b"x:"])
def test_every_cut_finds_the_same_cells(prefix: bytes) -> None:
    xml = _prefixed(ROWS) if prefix else ROWS
    whole = Scanner(prefix)
    whole.feed(xml)
    assert whole.close() == FOUND
    for size in (1, 2, 3, 5, 7, 13, 64, 100):
        for offset in range(size):
            scanner = Scanner(prefix)
            pieces = [xml[:offset]] + [xml[i:i + size] for i in range(offset, len(xml), size)]
            for piece in pieces:
                scanner.feed(piece)
            assert scanner.close() == FOUND, (size, offset)


def test_a_sheet_without_such_cells_is_not_searched_cell_by_cell(
        monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[bytes] = []
    monkeypatch.setattr(Scanner, "_search", lambda self, data: searched.append(data))
    scanner = Scanner()
    scanner.feed(b'<row r="2"><c r="A2" t="inlineStr"><is><t>3100</t></is></c><c r="B2">'
                 b"<v>12.5</v></c></row>" * 1000)
    assert scanner.close() == [] and searched == []


@pytest.mark.parametrize("relative", [False, True], ids=["as-openpyxl", "as-excel"])
def test_a_named_sheet_is_found_through_the_workbook_and_its_relationships(
        tmp_path, relative: bool) -> None:
    """Excel writes the sheets' targets relative to xl/ ("worksheets/sheet2.xml"), openpyxl
    from the package root ("/xl/worksheets/sheet2.xml"): both lead to the same part."""
    import zipfile

    import openpyxl

    from generator.excel.xlsx_cells import scan_sheet

    book = openpyxl.Workbook()
    book.active.title = "Info"
    book.active["B2"] = "#N/A"
    data = book.create_sheet("Huvudbok")
    data.append(["Period", "Belopp"])
    data.append([202401, "#VALUE!"])
    data.append([202402, "=B2*2"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    if relative:
        with zipfile.ZipFile(path) as z:
            parts = {i.filename: z.read(i) for i in z.infolist()}
        rels = "xl/_rels/workbook.xml.rels"
        assert b'Target="/xl/worksheets/' in parts[rels]
        parts[rels] = parts[rels].replace(b'Target="/xl/', b'Target="')
        with zipfile.ZipFile(path, "w") as z:
            for name, content in parts.items():
                z.writestr(name, content)
    assert scan_sheet(path, "Huvudbok") == [Hidden("B2", "#VALUE!"), Hidden("B3", None, "B2*2")]
    assert scan_sheet(path, "Info") == [Hidden("B2", "#N/A")]
    assert scan_sheet(path, "Saknas") == []
