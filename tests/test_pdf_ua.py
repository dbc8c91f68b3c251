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
