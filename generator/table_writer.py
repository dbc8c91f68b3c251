"""One writer for every table of the report, fed by a layout; the template owns the look.

Fonts, alignment and indentation come from the template's paragraph styles (Tabelltext,
Tabelltal, Tabellrubrik, Tabellrubrik tal, Tabelltext indrag), borders from its table style
(Rapporttabell) and the header shading from that style's first-row formatting, so Python
holds no colour, size or header text. Columns are fitted to the text width of the page.
Every row is kept whole on a page, header rows repeat, and a short table is kept together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from docx.document import Document
from docx.oxml.ns import qn

from generator.compute import STYLE_HEADING, STYLE_NOTE

TWIPS_PER_CM = 567
# A table this short is never split over two pages; a longer one may break between rows
# (never inside one), so that it does not leave most of a page empty.
KEEP_TOGETHER_LINES = 18
CHARS_PER_CM = 5.0  # 9 pt table text: about five characters per centimetre
TABLE_STYLE = "Rapporttabell"


@dataclass(frozen=True)
class HeaderCell:
    text: str
    span: int = 1
    numeric: bool = False


@dataclass(frozen=True)
class BodyCell:
    runs: str  # run XML, already bold or italic as the row requires
    numeric: bool = False
    indent: bool = False  # a sub-row's label: indented by the template's style
    # Merged down: "first" starts a cell that covers the rows below marked "rest" (whose
    # own text is not shown), as a nämndmål beside each of its indicators.
    merge: str = ""


@dataclass(frozen=True)
class BodyRow:
    cells: Sequence[BodyCell]
    style: str = "row"
    keep_with_next: bool = False  # an indicator and its Män/Kvinnor rows stay on one page


@dataclass(frozen=True)
class TableLayout:
    header: Sequence[Sequence[HeaderCell]]
    body: Sequence[BodyRow]
    widths_cm: Sequence[float | None]  # None: a share of the width left over
    caption: str = ""                  # read out by screen readers (w:tblCaption)


def _text_width_cm(doc: Document) -> float:
    section = doc.sections[-1]
    parts = (section.page_width, section.left_margin, section.right_margin)
    if any(p is None for p in parts):
        return 16.4  # a template without page size: A4 with 2,3 cm margins
    width = int(parts[0] or 0) - int(parts[1] or 0) - int(parts[2] or 0)
    return width / 360000  # EMU per cm


def fit_widths(widths: Sequence[float | None], available: float) -> list[float]:
    """Columns that fit the text width: unset widths share what is left (at least 1,2 cm
    each), and a table wider than the page is scaled down as a whole."""
    fixed = sum(w for w in widths if w is not None)
    free = [i for i, w in enumerate(widths) if w is None]
    share = max(1.2, (available - fixed) / len(free)) if free else 0.0
    out = [w if w is not None else share for w in widths]
    total = sum(out)
    if total > available:
        out = [w * available / total for w in out]
    return out


class TableWriter:
    """Writes `TableLayout`s as WordprocessingML in the template's table styles."""

    def __init__(self, doc: Document, style_id: object) -> None:
        self._style = style_id  # Styles.id from word.py: name → style id, with fallbacks
        self.text_width_cm = _text_width_cm(doc)
        self.header_fill = _first_row_fill(doc, TABLE_STYLE)

    def _sid(self, *names: str) -> str:
        return self._style(*names)  # type: ignore[operator, no-any-return]

    def write(self, layout: TableLayout) -> str:
        widths = fit_widths(layout.widths_cm, self.text_width_cm)
        twips = [round(w * TWIPS_PER_CM) for w in widths]
        n = len(twips)
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
        caption = (f"<w:tblCaption w:val={quoteattr(layout.caption)}/>"
                   if layout.caption else "")
        props = (f'<w:tblPr><w:tblStyle w:val="{self._sid(TABLE_STYLE, "Table Grid")}"/>'
                 f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
                 '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
                 f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>{caption}</w:tblPr>')
        keep = sum(_lines(row, widths) for row in layout.body) <= KEEP_TOGETHER_LINES
        rows = [self._header_row(r, twips) for r in layout.header]
        for i, row in enumerate(layout.body):
            rows.append(self._body_row(row, twips, n, keep and i < len(layout.body) - 1))
        return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    def _cell(self, inner: str, width: int, span: int = 1, shade: bool = False,
              merge: str = "") -> str:
        grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        v_merge = {"first": '<w:vMerge w:val="restart"/>', "rest": "<w:vMerge/>"}.get(merge, "")
        fill = (f'<w:shd w:val="clear" w:color="auto" w:fill="{self.header_fill}"/>'
                if shade and self.header_fill else "")
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{v_merge}'
                f"{fill}</w:tcPr>{inner}</w:tc>")

    @staticmethod
    def _para(style: str, runs: str, keep_next: bool = False) -> str:
        keep = "<w:keepNext/>" if keep_next else ""
        return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}</w:pPr>{runs}</w:p>'

    def _header_row(self, cells: Sequence[HeaderCell], twips: Sequence[int]) -> str:
        out, col = [], 0
        for cell in cells:
            width = sum(twips[col:col + cell.span])
            style = (self._sid("Tabellrubrik tal", "Tabellrubrik") if cell.numeric
                     else self._sid("Tabellrubrik", "Tabelltext"))
            runs = _runs(cell.text)
            out.append(self._cell(self._para(style, runs, True), width, cell.span, True))
            col += cell.span
        return ('<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>'
                f"{''.join(out)}</w:tr>")

    def _body_row(self, row: BodyRow, twips: Sequence[int], n: int, keep_next: bool) -> str:
        if row.style in (STYLE_HEADING, STYLE_NOTE):
            inner = self._para(self._sid("Tabelltext"), row.cells[0].runs if row.cells else "",
                               keep_next or row.style == STYLE_HEADING)
            cells = self._cell(inner, sum(twips), n)
        else:
            parts = []
            keep_next = keep_next or row.keep_with_next
            for cell, width in zip(row.cells, twips, strict=True):
                if cell.numeric:
                    style = self._sid("Tabelltal", "Tabelltext")
                elif cell.indent:
                    style = self._sid("Tabelltext indrag", "Tabelltext")
                else:
                    style = self._sid("Tabelltext")
                runs = "" if cell.merge == "rest" else cell.runs
                parts.append(self._cell(self._para(style, runs, keep_next), width,
                                        merge=cell.merge))
            cells = "".join(parts)
        return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"


_TAG = re.compile(r"<[^>]+>")


def _lines(row: BodyRow, widths: Sequence[float]) -> int:
    """About how many lines a row takes: its fullest cell's text over the cell's width."""
    if row.style in (STYLE_HEADING, STYLE_NOTE):
        widths = [sum(widths)]
    most = 1
    for cell, width in zip(row.cells, widths, strict=False):
        text = _TAG.sub("", cell.runs.replace("<w:br/>", "\n"))
        for line in text.split("\n"):
            most = max(most, math.ceil(len(line) / max(1.0, width * CHARS_PER_CM)))
    return most


def _runs(text: str) -> str:
    from generator.word import run

    return run(text)


def _first_row_fill(doc: Document, style_name: str) -> str | None:
    """The header shading of the template's table style (its first-row formatting)."""
    for style in doc.styles.element.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or (name.get(qn("w:val")) or "").casefold() != style_name.casefold():
            continue
        for conditional in style.iter(qn("w:tblStylePr")):
            if conditional.get(qn("w:type")) == "firstRow":
                shd = conditional.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
                if shd is not None and shd.get(qn("w:fill")) not in (None, "auto"):
                    return str(shd.get(qn("w:fill")))
    return None
