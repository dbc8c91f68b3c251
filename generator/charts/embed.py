"""WordprocessingML for a chart: the image paragraph, its caption and its source line.

Hand-written like `generator.word`, so that the alt text (`wp:docPr/@descr` and `@title`)
is part of the XML from the start; docxtpl 0.20 has no argument for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn

from generator.charts.style import GREY_TEXT

EMU_PER_CM = 360_000
SEQ_LABEL = "Diagram"
_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_SEQ = re.compile(rf"^\s*SEQ\s+{SEQ_LABEL}\b")


class PendingPng(Part):
    """A PNG part whose bytes are read when the document is saved, not when it is placed.

    The report is rendered while its charts are still being drawn; the image is waited for
    only when the package is written, so rendering never stands still for a chart.
    """

    def __init__(self, partname: PackURI, load: Callable[[], bytes]) -> None:
        super().__init__(partname, "image/png")
        self._load = load
        self._bytes: bytes | None = None

    @property
    def blob(self) -> bytes:
        if self._bytes is None:
            self._bytes = self._load()
        return self._bytes


def add_pending_png(doc: Document, load: Callable[[], bytes]) -> str:
    """Relate a new `PendingPng` to the document body; returns its relationship id."""
    package = doc.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    n = 1
    while f"/word/media/diagram{n}.png" in taken:
        n += 1
    part = PendingPng(PackURI(f"/word/media/diagram{n}.png"), load)
    part._package = package  # noqa: SLF001 - python-docx sets it the same way on load
    return doc.part.relate_to(part, RT.IMAGE)


def _attr(text: str) -> str:
    """An attribute value on one line; no-break spaces (in "4 413") are kept."""
    return escape(re.sub(r"[ \t\r\n]+", " ", text).strip(), {'"': "&quot;"})


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def image_paragraph(rid: str, cx: int, cy: int, doc_pr_id: int, name: str, title: str,
                    descr: str) -> str:
    """An inline picture in a paragraph of its own, kept with its caption."""
    return (
        '<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr>'
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" {_NS}>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{doc_pr_id}" name="{_attr(name)}" title="{_attr(title)}" '
        f'descr="{_attr(descr)}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{_attr(name)}.png" '
        f'descr="{_attr(descr)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r></w:p>"
    )


def caption_paragraph(style_id: str, text: str, keep_next: bool) -> str:
    """ "Diagram N. text", N a SEQ field so Word renumbers when charts are moved."""
    keep = "<w:keepNext/>" if keep_next else ""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}</w:pPr>'
        f"<w:r>{_t(SEQ_LABEL + ' ')}</w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> SEQ {SEQ_LABEL} \\* ARABIC </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>0</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f"<w:r>{_t('. ' + text)}</w:r></w:p>"
    )


def source_paragraph(text: str) -> str:
    """ "Källa: …" in small grey type (10:1 contrast), with space before the next text."""
    return (
        '<w:p><w:pPr><w:spacing w:before="0" w:after="240"/></w:pPr>'
        f'<w:r><w:rPr><w:color w:val="{GREY_TEXT.lstrip("#")}"/><w:sz w:val="17"/>'
        f'<w:szCs w:val="17"/></w:rPr>{_t(text)}</w:r></w:p>'
    )


def number_captions(doc: Document) -> int:
    """Write 1, 2, 3 … into the SEQ Diagram fields in document order; returns the count.

    Word recomputes them on open (the template asks it to update fields); LibreOffice and
    any reader that does not still shows the right numbers.
    """
    count = 0
    for instr in doc.element.body.iter(qn("w:instrText")):
        if not _SEQ.match(instr.text or ""):
            continue
        count += 1
        run = instr.getparent().getnext()
        separated = False
        while run is not None:
            char = run.find(qn("w:fldChar"))
            kind = char.get(qn("w:fldCharType")) if char is not None else None
            if kind == "end":
                break
            if kind == "separate":
                separated = True
            elif separated and run.find(qn("w:t")) is not None:
                run.find(qn("w:t")).text = str(count)
                break
            run = run.getnext()
    return count
