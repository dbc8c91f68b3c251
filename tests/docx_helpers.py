"""Reading a written report back: tables as text grids, captions, headings, run formatting."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.table import Table


def open_report(path: Path) -> DocumentType:
    return Document(str(path))


def grid(table: Table) -> list[list[str]]:
    """Cell texts row by row; a merged cell appears once per grid column, as python-docx does."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_after_caption(doc: DocumentType, caption: str) -> Table:
    body = doc.element.body
    for p in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text == caption:
            nxt = p.getnext()
            assert nxt is not None and nxt.tag == qn("w:tbl"), f"no table after {caption!r}"
            return Table(nxt, doc._body)
    raise AssertionError(f"caption {caption!r} not found")


def headings(doc: DocumentType) -> list[tuple[int, str]]:
    out = []
    for p in doc.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading ") and p.text.strip():
            out.append((int(name.split()[1]), p.text))
    return out


def row_is(table: Table, index: int, *, bold: bool | None = None,
           italic: bool | None = None) -> bool:
    from docx.text.run import Run

    # every w:r in the row's cells, also those inside content controls
    runs = [Run(r, p) for cell in table.rows[index].cells for p in cell.paragraphs
            for r in p._p.iter(qn("w:r")) if Run(r, p).text.strip()]
    ok = bool(runs)
    if bold is not None:
        ok = ok and all(bool(r.bold) == bold for r in runs)
    if italic is not None:
        ok = ok and all(bool(r.italic) == italic for r in runs)
    return ok
