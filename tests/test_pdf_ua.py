"""The table repairs of pdf_ua on structure trees built here: which merges it completes and
which tables it leaves alone (the real export is checked in test_pdf.py)."""

from __future__ import annotations

import pikepdf
import pytest

from generator import pdf_ua


def _table(pdf: pikepdf.Pdf, rows: list[list[tuple[str, float | None, bool]]]
           ) -> pikepdf.Dictionary:
    """A Table element: rows of (TH or TD, layout width or None, holds a paragraph)."""
    table = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                 S=pikepdf.Name.Table))
    trs = []
    for cells in rows:
        tr = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                  S=pikepdf.Name.TR, P=table))
        tds = []
        for kind, width, filled in cells:
            td = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                      S=pikepdf.Name(f"/{kind}"), P=tr))
            if width is not None:
                td.A = pikepdf.Dictionary(O=pikepdf.Name.Layout, Width=width)
            if filled:
                td.K = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=td))])
            tds.append(td)
        tr.K = pikepdf.Array(tds)
        trs.append(tr)
    table.K = pikepdf.Array(trs)
    return table


def _shape(table: pikepdf.Dictionary) -> list[list[int]]:
    """Per row, each cell's RowSpan (1 when it has none)."""
    return [[pdf_ua._span(c, "/RowSpan") for c in row] for row in pdf_ua._rows(table)]


HEAD = [("TH", 1.0, True), ("TH", 2.0, True), ("TH", 3.0, True)]
FULL = [("TD", 1.0, True), ("TD", 2.0, True), ("TD", 3.0, True)]


def test_a_first_column_merged_down_gets_its_row_span() -> None:
    pdf = pikepdf.new()
    table = _table(pdf, [HEAD, FULL, [("TD", 2.0, True), ("TD", 3.0, True)],
                         [("TD", 2.0, True), ("TD", 3.0, True)], FULL])
    assert pdf_ua._row_spans(table) == 1
    assert _shape(table) == [[1, 1, 1], [3, 1, 1], [1, 1], [1, 1], [1, 1, 1]]


def test_the_empty_cells_at_a_page_break_are_dropped() -> None:
    pdf = pikepdf.new()
    phantom = [("TD", 2.0, True), ("TD", 3.0, True), ("TD", None, False), ("TD", None, False)]
    table = _table(pdf, [HEAD, FULL, phantom, [("TD", 2.0, True), ("TD", 3.0, True)]])
    assert pdf_ua._row_spans(table) == 1
    assert _shape(table) == [[1, 1, 1], [3, 1, 1], [1, 1], [1, 1]]


@pytest.mark.parametrize("short", [
    [("TD", 1.0, True), ("TD", 3.0, True)],    # the middle column merged (edited in Word)
    [("TD", 1.0, True), ("TD", 2.0, True)],    # the last column merged
    [("TD", None, True), ("TD", None, True)],  # widths unknown: cannot tell which
])
def test_a_table_merged_another_way_is_left_as_it_is(short) -> None:
    pdf = pikepdf.new()
    table = _table(pdf, [HEAD, FULL, short, FULL])
    assert pdf_ua._row_spans(table) == 0
    assert _shape(table) == [[1, 1, 1], [1, 1, 1], [1, 1], [1, 1, 1]]


def test_nothing_changes_when_a_later_row_does_not_fit() -> None:
    """Worked out first, changed only if every row fits: no half-repaired table."""
    pdf = pikepdf.new()
    phantom = [("TD", 2.0, True), ("TD", 3.0, True), ("TD", None, False)]
    too_wide = [*FULL, ("TD", 1.0, True)]
    table = _table(pdf, [HEAD, FULL, phantom, too_wide])
    kids = [len(row.K) for row in table.K]
    assert pdf_ua._row_spans(table) == 0
    assert [len(row.K) for row in table.K] == kids
    assert _shape(table)[1] == [1, 1, 1]


_XMP = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" rdf:about="">
   <xmp:CreatorTool>Writer</xmp:CreatorTool>
   %s
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


@pytest.mark.parametrize("dates", [
    b"<xmp:CreateDate>2026-12-02T08:47:53Z</xmp:CreateDate>",  # as LibreOffice writes it
    b"<xmp:CreateDate>2026-12-02T08:47:53Z</xmp:CreateDate>"
    b"<xmp:ModifyDate>2026-12-02T08:48:00Z</xmp:ModifyDate>",
    b"",  # no date: pikepdf's metadata editor adds it
])
def test_the_pdf_carries_the_documents_date(tmp_path, dates: bytes) -> None:
    from datetime import UTC, datetime

    path = tmp_path / "rapport.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Metadata = pdf.make_stream(_XMP % dates)
    pdf.Root.Metadata.Type, pdf.Root.Metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    pdf.docinfo["/CreationDate"] = pikepdf.String("D:20261202084753Z")
    pdf.save(path, fix_metadata_version=False)  # the packet as LibreOffice wrote it
    with pikepdf.open(path) as saved:
        before = saved.Root.Metadata.read_bytes()
    pdf_ua.repair(path, datetime(2024, 9, 20, 8, 0, tzinfo=UTC))
    with pikepdf.open(path) as done:
        assert str(done.docinfo["/CreationDate"]) == "D:20240920080000Z"
        packet = done.Root.Metadata.read_bytes()
        assert b"2026-12-02" not in packet
        if dates:  # LibreOffice's own packet, with the dates' text replaced and nothing else
            assert packet == before.replace(b"2026-12-02T08:47:53Z", b"2024-09-20T08:00:00Z"
                                            ).replace(b"2026-12-02T08:48:00Z",
                                                      b"2024-09-20T08:00:00Z")
        with done.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            assert xmp["xmp:CreateDate"] == "2024-09-20T08:00:00Z"
            if b"ModifyDate" in dates:
                assert xmp["xmp:ModifyDate"] == "2024-09-20T08:00:00Z"
