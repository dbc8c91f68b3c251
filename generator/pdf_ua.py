"""What LibreOffice's tagged PDF leaves out for PDF/UA-1, added after the export (pikepdf).

LibreOffice tags headings, tables, lists, figures and footnotes, but four details are
missing for an accessibility validator (PDF/UA-1, as checked by `page-validation`):
- pages with annotations need `/Tabs /S`, so that tabbing follows the structure;
- each `Note` structure element needs a unique `/ID`;
- the link from a footnote's number back to its reference in the text is an annotation
  outside any `Link` structure element; it is wrapped in one, inside its footnote;
- a cell merged down over several rows (a nämndmål beside its indicators) is exported without
  its `/RowSpan` (the rows below it are a cell short), and where it runs over a page break
  the row before the break gets a second set of empty cells; the span is added and the
  empty cells removed.
Given the document's date, the PDF carries it (not the time of the export) and an /ID made
from its content, so that the same document always gives the same bytes.
The rest (language, title, figures' alt text, table headers) comes from the document.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pikepdf

from generator.pdf_images import Originals, restore

BACK_LINK_TEXT = "Fotnot: tillbaka till hänvisningen i texten"


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _elements(root: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element below `root`, in document order."""
    for kid in _kids(root):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _page_number(pages: dict[tuple[int, int], int], page_obj: pikepdf.Object | None
                 ) -> int | None:
    return None if page_obj is None else pages.get(page_obj.objgen)


def _parent_tree_next(root: pikepdf.Object) -> tuple[pikepdf.Object, int]:
    """The ParentTree's flat /Nums array and the next free key."""
    if "/ParentTree" not in root:
        root.ParentTree = pikepdf.Dictionary(Nums=pikepdf.Array())
    tree = root.ParentTree
    if "/Nums" not in tree:
        tree.Nums = pikepdf.Array()
    nums = tree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    nxt = max([int(root.get("/ParentTreeNextKey", 0)), *(k + 1 for k in keys)], default=0)
    return nums, nxt


def _tag_back_links(pdf: pikepdf.Pdf, root: pikepdf.Object,
                    note_elements: list[pikepdf.Dictionary]) -> int:
    """Wrap each untagged link annotation in a Link element inside its page's footnote."""
    notes: dict[int, list[pikepdf.Object]] = {}
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    for element in note_elements:
        body = next((k for k in _kids(element)
                     if isinstance(k, pikepdf.Dictionary) and "/S" in k), element)
        page = _page_number(pages, body.get("/Pg") or element.get("/Pg"))
        if page is not None:
            notes.setdefault(page, []).append(body)
    nums, key = _parent_tree_next(root)
    done = 0
    for index, pdf_page in enumerate(pdf.pages):
        page_obj = pdf_page.obj
        loose = [a for a in page_obj.get("/Annots", [])
                 if a.get("/Subtype") == "/Link" and "/StructParent" not in a]
        targets = notes.get(index, [])
        for n, annot in enumerate(loose):
            parent = targets[min(n, len(targets) - 1)] if targets else root.K
            if isinstance(parent, pikepdf.Array):
                parent = parent[0]
            link = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, P=parent, Pg=page_obj,
                K=pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot,
                                                    Pg=page_obj)])))
            kids = _kids(parent)
            parent.K = pikepdf.Array([*kids, link])
            annot.StructParent = key
            if "/Contents" not in annot:
                annot.Contents = pikepdf.String(BACK_LINK_TEXT)
            nums.append(key)
            nums.append(link)
            key += 1
            done += 1
    root.ParentTreeNextKey = key
    return done


def _note_ids(note_elements: list[pikepdf.Dictionary]) -> int:
    count = 0
    for element in note_elements:
        if not str(element.get("/ID", "")):
            count += 1
            element.ID = pikepdf.String(f"fotnot-{count}")
    return count


def _children(element: pikepdf.Object, *kinds: str) -> list[pikepdf.Dictionary]:
    return [k for k in _kids(element) if isinstance(k, pikepdf.Dictionary)
            and str(k.get("/S")) in kinds]


def _rows(table: pikepdf.Dictionary) -> list[list[pikepdf.Dictionary]]:
    """The cells of a Table element's rows (directly or in THead, TBody, TFoot), in order."""
    out = []
    for kid in _children(table, "/TR", "/THead", "/TBody", "/TFoot"):
        for row in [kid] if str(kid.S) == "/TR" else _children(kid, "/TR"):
            out.append(_children(row, "/TD", "/TH"))
    return out


def _attributes(cell: pikepdf.Dictionary, owner: str) -> pikepdf.Dictionary | None:
    """The cell's attribute dictionary of `owner` (/Table, /Layout), if it has one."""
    attributes = cell.get("/A")
    for a in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(a, pikepdf.Dictionary) and str(a.get("/O")) == owner:
            return a
    return None


def _span(cell: pikepdf.Dictionary, key: str) -> int:
    attributes = _attributes(cell, "/Table")
    return int(attributes.get(key, 1)) if attributes is not None else 1


def _set_row_span(cell: pikepdf.Dictionary, rows: int) -> None:
    attributes = _attributes(cell, "/Table")
    if attributes is not None:
        attributes.RowSpan = rows
        return
    mine = pikepdf.Dictionary(O=pikepdf.Name.Table, RowSpan=rows)
    old = cell.get("/A")
    if isinstance(old, pikepdf.Array):
        old.append(mine)
    elif isinstance(old, pikepdf.Dictionary) and len(old.keys()):
        cell.A = pikepdf.Array([old, mine])
    else:
        cell.A = mine


def _layout_width(cell: pikepdf.Dictionary) -> float | None:
    attributes = _attributes(cell, "/Layout")
    return float(attributes.Width) if attributes is not None and "/Width" in attributes \
        else None


def _among(obj: pikepdf.Object, group: list[pikepdf.Dictionary]) -> bool:
    return obj.is_indirect and any(g.is_indirect and g.objgen == obj.objgen for g in group)


def _row_spans(table: pikepdf.Dictionary) -> int:
    """Give cells merged down their /RowSpan and drop LibreOffice's phantom cells; how many
    cells were given a span.

    LibreOffice 7.4 exports a cell merged down over several rows without its /RowSpan, the
    rows beside it a cell short; and where such a cell runs over a page break, it tags the
    row before the break with a second, empty set of cells (which hold nothing: an empty
    cell of the report still holds an empty paragraph). The report merges only leading
    columns (the nämndmål), so a short row's missing columns are its first ones, which its
    cells' widths confirm: they are the widths of the columns after the missing ones. The
    whole table is worked out first and changed only if every row fits; a table merged
    any other way (a report edited in Word) is left as it is.
    """
    rows = _rows(table)
    width = max((sum(_span(c, "/ColSpan") for c in r) for r in rows
                 if r and str(r[0].S) == "/TH"), default=0)
    if not width:
        return 0
    phantoms: list[tuple[pikepdf.Object, list[pikepdf.Dictionary]]] = []
    fitted = []
    for cells in rows:
        if cells and sum(_span(c, "/ColSpan") for c in cells) > width:
            phantoms.append((cells[0].P, [c for c in cells if not _kids(c)]))
            cells = [c for c in cells if _kids(c)]
        fitted.append(cells)
    columns = _column_widths(fitted, width)
    above: dict[int, pikepdf.Dictionary] = {}  # column → the cell that starts there
    spans: dict[tuple[int, int], list[Any]] = {}  # objgen → [cell, rows]
    for cells in fitted:
        missing = width - sum(_span(c, "/ColSpan") for c in cells)
        if missing < 0 or (missing and not _fits_after(cells, columns, missing)):
            return 0
        column = 0
        while column < missing:
            origin = above.get(column)
            if origin is None or not origin.is_indirect \
                    or column + _span(origin, "/ColSpan") > missing:
                return 0
            spans.setdefault(origin.objgen, [origin, 1])[1] += 1
            column += _span(origin, "/ColSpan")
        for cell in cells:
            span = _span(cell, "/ColSpan")
            for covered in range(column + 1, column + span):
                above.pop(covered, None)
            above[column] = cell
            column += span
    for row, empty in phantoms:
        row.K = pikepdf.Array([k for k in _kids(row) if not _among(k, empty)])
    for origin, count in spans.values():
        _set_row_span(origin, count)
    return len(spans)


def _column_widths(rows: list[list[pikepdf.Dictionary]], width: int) -> list[float] | None:
    """Each column's width, from the first row of single cells that fills the table."""
    for cells in rows:
        if len(cells) == width and all(_span(c, "/ColSpan") == 1 for c in cells):
            widths = [_layout_width(c) for c in cells]
            if all(w is not None for w in widths):
                return widths  # type: ignore[return-value]
    return None


def _fits_after(cells: list[pikepdf.Dictionary], columns: list[float] | None, missing: int
                ) -> bool:
    """Whether a short row's cells are as wide as the columns after its `missing` first."""
    if columns is None:
        return False
    column = missing
    for cell in cells:
        span = _span(cell, "/ColSpan")
        wide = _layout_width(cell)
        if wide is None or abs(wide - sum(columns[column:column + span])) > 0.01 * span:
            return False
        column += span
    return True


# LibreOffice's XMP dates, as it writes them (one element each, the date as its text)
_XMP_DATE = re.compile(rb"(<xmp:(CreateDate|ModifyDate)>)[^<]*(</xmp:\2>)")


def _pin_dates(pdf: pikepdf.Pdf, when: datetime) -> None:
    """The document's date as the PDF's, in its information and its XMP metadata, instead
    of the time of the export: the same document then gives the same bytes."""
    stamp = when.astimezone(UTC)
    for key in ("/CreationDate", "/ModDate"):
        if key == "/CreationDate" or key in pdf.docinfo:
            pdf.docinfo[key] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%SZ"))
    # The dates put straight into LibreOffice's XMP: pikepdf's metadata editor parses and
    # writes the whole packet again, a quarter of this repair's time.
    metadata = pdf.Root.get("/Metadata")
    if isinstance(metadata, pikepdf.Stream):
        xml = metadata.read_bytes()
        text = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        pinned = _XMP_DATE.sub(lambda m: m.group(1) + text + m.group(3), xml)
        if b"<xmp:CreateDate>" + text in pinned:
            metadata.write(pinned)
            return
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        for key in ("xmp:CreateDate", "xmp:ModifyDate"):
            if key == "xmp:CreateDate" or key in xmp:
                xmp[key] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def repair(path: Path, dated: datetime | None = None, images: Originals | None = None
           ) -> None:
    """Add what PDF/UA-1 needs and LibreOffice leaves out; rewrite `path` atomically.

    `dated`: the document's date, which the PDF then carries (with an /ID made from its
    content) so that converting the same document twice gives the same file. `images`: the
    charts that LibreOffice was given stand-ins for, put back first, in the same pass
    (`pdf_images.restore`; NotRestored leaves `path` as it was)."""
    tmp = path.with_name(f".~{path.name}.ua")
    try:
        with pikepdf.open(path) as pdf:
            restore(pdf, images or {})
            if dated is not None:
                _pin_dates(pdf, dated)
                # LibreOffice's checksum of the bytes it wrote, and its /ID: qpdf would keep
                # the /ID's first half, which differs between two exports
                for key in ("/DocChecksum", "/ID"):
                    if key in pdf.trailer:
                        del pdf.trailer[key]
            root = pdf.Root.get("/StructTreeRoot")
            for page in pdf.pages:
                page.obj.Tabs = pikepdf.Name.S
            if root is not None:
                # one walk, each element's type read once: it takes tens of ms
                kinds: dict[str, list[pikepdf.Dictionary]] = {"/Note": [], "/Table": []}
                for element in _elements(root):
                    found = kinds.get(str(element.S))
                    if found is not None:
                        found.append(element)
                notes = kinds["/Note"]
                _note_ids(notes)
                _tag_back_links(pdf, root, notes)
                for table in kinds["/Table"]:
                    with suppress(Exception):  # an odd table stays as exported
                        _row_spans(table)
            pdf.save(tmp, fix_metadata_version=False, deterministic_id=dated is not None)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
