"""WordprocessingML written by hand, for what docxtpl's RichText cannot express.

Free-text paragraphs with list styles, real footnotes, and tables whose columns come from
the workbook. The XML is handed to the template as `Xml` (marked safe for Jinja) through
`{{p ...}}` (whole paragraphs or tables) or `{{r ...}}` (runs inside a paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.controls import CLOSE, MIDDLE, OPEN, Recorder, sdt
from generator.markup import Block, ChartRef, Span, TableRef

W_NS = nsdecls("w")


_FIGURE = re.compile(f"{OPEN}([^{MIDDLE}]*){MIDDLE}([^{CLOSE}]*){CLOSE}")


class Xml(str):
    """A piece of WordprocessingML that Jinja must insert without escaping."""

    def __html__(self) -> str:
        return str(self)


def _text(text: str) -> str:
    """Text as <w:t> elements with <w:br/> for line breaks; XML-escaped, spaces kept."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        if line:
            parts.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    return "".join(parts)


def run(text: str, bold: bool = False, italic: bool = False, color: str | None = None) -> str:
    props = (("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
             + (f'<w:color w:val="{color}"/>' if color else ""))
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_text(text)}</w:r>" if text else ""


def footnote_reference(footnote_id: int, style_id: str) -> str:
    return (f'<w:r><w:rPr><w:rStyle w:val="{style_id}"/><w:vertAlign w:val="superscript"/>'
            f'</w:rPr><w:footnoteReference w:id="{footnote_id}"/></w:r>')


class Footnotes:
    """Collects footnote texts while the context is built; written after rendering."""

    def __init__(self, doc: Document, ref_style: str, text_style: str,
                 render: Callable[[str], str] | None = None) -> None:
        self.doc = doc
        self.ref_style = ref_style
        self.text_style = text_style
        # a note's text → runs; the Writer makes quoted figures controls, as in the body
        self.render = render or (lambda text: run(_FIGURE.sub(lambda m: m.group(2), text)))
        self.notes: list[tuple[int, str]] = []
        self._next = max([0, *self._existing_ids()]) + 1

    def _part(self) -> Part | None:
        for rel in self.doc.part.rels.values():
            if rel.reltype == RT.FOOTNOTES:
                return rel.target_part
        return None

    def _existing_ids(self) -> list[int]:
        part = self._part()
        if part is None:
            return []
        root = parse_xml(part.blob)
        return [int(f.get(qn("w:id"))) for f in root.iter(qn("w:footnote"))]

    def add(self, text: str) -> str:
        """Register a footnote and return the run XML that references it."""
        footnote_id = self._next
        self._next += 1
        self.notes.append((footnote_id, text))
        return footnote_reference(footnote_id, self.ref_style)

    def _xml(self, footnote_id: int, text: str) -> str:
        return (
            f'<w:footnote {W_NS} w:id="{footnote_id}"><w:p><w:pPr>'
            f'<w:pStyle w:val="{self.text_style}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{self.ref_style}"/>'
            f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f"{self.render(' ' + text)}</w:p></w:footnote>"
        )

    def write(self) -> None:
        """Write the footnotes part, numbered in the order the references appear.

        Ids are given out while the context is built, which is not document order (texts
        render lazily, tables eagerly). Word maps references by id, but LibreOffice shows
        notes in the part's order, so both agree only when ids follow the document.
        """
        if not self.notes:
            return
        part = self._part()
        if part is None:
            part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                        _EMPTY_FOOTNOTES.encode(), self.doc.part.package)
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        root = parse_xml(part.blob)
        by_id = {}
        for note in list(root.iter(qn("w:footnote"))):
            if note.get(qn("w:type")) in (None, "normal"):
                by_id[int(note.get(qn("w:id")))] = note
                root.remove(note)
        for footnote_id, text in self.notes:
            by_id[footnote_id] = parse_xml(self._xml(footnote_id, text))
        new_id = 0
        for ref in self.doc.element.body.iter(qn("w:footnoteReference")):
            note = by_id.pop(int(ref.get(qn("w:id"))), None)
            if note is None:
                continue
            new_id += 1
            ref.set(qn("w:id"), str(new_id))
            note.set(qn("w:id"), str(new_id))
            root.append(note)
        from lxml import etree

        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)


_EMPTY_FOOTNOTES = (
    f'<w:footnotes {W_NS}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
    '</w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
)


class Styles:
    """Style ids of the template, looked up by name so a renamed template still works."""

    def __init__(self, doc: Document) -> None:
        self._ids = {s.name.casefold(): s.style_id for s in doc.styles if s.name}

    def id(self, *names: str) -> str:
        for name in names:
            found = self._ids.get(name.casefold())
            if found:
                return found
        return names[0].replace(" ", "")


class Writer:
    """Builds paragraphs, runs and tables as XML using the template's styles."""

    def __init__(self, doc: Document) -> None:
        from generator.table_writer import TableWriter

        self.doc = doc
        self.styles = Styles(doc)
        self.footnotes = Footnotes(doc, self.styles.id("footnote reference"),
                                   self.styles.id("footnote text"),
                                   lambda text: self._text_with_figures(text, False, False))
        self.tables = TableWriter(doc, self.styles.id)
        self.controls = Recorder()  # every figure's control: key → text, for updates
        self.chart_xml: Callable[[str], str] | None = None  # set by the charts stage
        self.table_xml: Callable[[str], str] | None = None  # own tables: [tabell T1]

    def spans(self, spans: Iterable[Span]) -> str:
        out = []
        for span in spans:
            if span.footnote is not None:
                out.append(self.footnotes.add(span.footnote))
            else:
                out.append(self._text_with_figures(span.text, span.bold, span.italic))
        return "".join(out)

    def _text_with_figures(self, text: str, bold: bool, italic: bool) -> str:
        """Text whose quoted figures (marked by markup.fill_placeholders) become controls."""
        if OPEN not in text:
            return run(text, bold, italic)
        out = []
        for i, piece in enumerate(_FIGURE.split(text)):
            if i % 3 == 0:
                out.append(run(piece, bold, italic))
            elif i % 3 == 1:
                key = piece
            else:
                out.append(self.figure(f"text.{key}", piece, bold, italic))
        return "".join(out)

    def figure(self, key: str, text: str, bold: bool = False, italic: bool = False) -> Xml:
        """A computed figure as runs in a content control keyed `key`, recorded so that
        `generate uppdatera` can tell the program's text from an edit."""
        self.controls.add(key, text)
        inner = run(text, bold, italic) or "<w:r><w:t/></w:r>"
        return Xml(sdt(key, inner))

    def runs(self, text: str, bold: bool = False, italic: bool = False,
             footnote: str | None = None, color: str | None = None) -> Xml:
        """Verbatim text as runs (for `{{r ...}}`), with an optional footnote reference."""
        xml = run(text, bold, italic, color)
        if footnote:
            xml += self.footnotes.add(footnote)
        return Xml(xml)

    def picture(self, path: Path, height_cm: float, description: str) -> Xml:
        """An image in a paragraph of its own, with alt text (a logo on the cover)."""
        from docx.shared import Cm
        from lxml import etree

        inline = self.doc.part.new_pic_inline(str(path), None, Cm(height_cm))
        doc_pr = inline.find(qn("wp:docPr"))
        doc_pr.set("title", description)
        doc_pr.set("descr", description)
        xml = etree.tostring(inline, encoding="unicode")
        return Xml(f"<w:p><w:r><w:drawing>{xml}</w:drawing></w:r></w:p>")

    def paragraph(self, inner: str, style: str | None = None) -> str:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{ppr}{inner}</w:p>"

    def blocks(self, blocks: Sequence[Block]) -> Xml:
        """Parsed free text as paragraphs (for `{{p ...}}`)."""
        out = []
        bullet = self.styles.id("List Bullet")
        check = self.styles.id("Checklista", "List Bullet")
        for block in blocks:
            if isinstance(block, ChartRef):
                if self.chart_xml is not None:
                    out.append(self.chart_xml(block.chart_id))
                continue
            if isinstance(block, TableRef):
                if self.table_xml is not None:
                    out.append(self.table_xml(block.table_id))
                continue
            style = check if block.check else bullet if block.bullet else None
            out.append(self.paragraph(self.spans(block.spans), style))
        return Xml("".join(out))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float]) -> Xml:
        """A table with one repeating header row; `rows` hold run XML per cell."""
        style = self.styles.id("Table Grid")
        text_style = self.styles.id("Tabelltext", "Normal")
        head_style = self.styles.id("Tabellrubrik", "Normal")
        twips = [int(w * 567) for w in widths_cm]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)

        def cell(inner: str, width: int, pstyle: str, shade: bool = False) -> str:
            shd = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if shade else ""
            return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
                    f"{self.paragraph(inner, pstyle)}</w:tc>")

        head = "".join(cell(run(h), w, head_style, True) for h, w in zip(header, twips,
                                                                           strict=True))
        body = "".join(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "".join(cell(c, w, text_style) for c, w in zip(r, twips, strict=True))
            + "</w:tr>"
            for r in rows
        )
        return Xml(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
            f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>{head}</w:tr>'
            f"{body}</w:tbl>"
        )
