"""Content controls around every figure the report computes, and the record of their text.

A report is edited in Word after it is written; `generate uppdatera` later rewrites only
what the program made. So each figure (a table cell, a figure quoted in prose) sits in a
plain-text content control (`w:sdt`) whose key is both its `w:tag` and its `w:alias`
(LibreOffice keeps the alias and drops the tag). Never `w:dataBinding`: Word would then
overwrite the visible text from the custom XML when it opens the file.

What each control said when it was written is recorded in a custom XML part of the
package (Word and LibreOffice keep such parts). A control whose text now differs from the
record was edited by hand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RECORD_NS = "urn:delarsrapport:kontroller"
RECORD_ITEM_ID = "{6C8F1A10-5D3B-4C2E-9F4A-2B1D0E7A9C01}"
# A quoted figure travels through the free-text markup between these private-use
# characters: \ue000 key \ue001 text \ue002 (see markup.fill_placeholders).
OPEN, MIDDLE, CLOSE = "\ue000", "\ue001", "\ue002"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def sdt(key: str, inner: str) -> str:
    """Run-level content control around `inner` (run XML), keyed as tag and alias."""
    if not inner:
        return ""
    k = quoteattr(key)
    return (f"<w:sdt><w:sdtPr><w:alias w:val={k}/><w:tag w:val={k}/><w:text/></w:sdtPr>"
            f"<w:sdtContent>{inner}</w:sdtContent></w:sdt>")


class Recorder:
    """The text of every control written, by key: the part `generate uppdatera` reads."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def add(self, key: str, text: str) -> None:
        self.values.setdefault(key, text)


def record_xml(values: Mapping[str, str]) -> bytes:
    lines = "".join(f"<v k={quoteattr(k)}>{escape(v)}</v>" for k, v in sorted(values.items()))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<kontroller xmlns="{RECORD_NS}" version="1">{lines}</kontroller>').encode()


ITEM_PROPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    f'<ds:datastoreItem ds:itemID="{RECORD_ITEM_ID}" '
    'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
    f'<ds:schemaRefs><ds:schemaRef ds:uri="{RECORD_NS}"/></ds:schemaRefs></ds:datastoreItem>'
).encode()


def parse_record(xml: bytes) -> dict[str, str] | None:
    """The recorded values, or None when `xml` is not our record."""
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{RECORD_NS}}}kontroller":
        return None
    return {v.get("k"): v.text or "" for v in root.iter(f"{{{RECORD_NS}}}v")}


def key_of(sdt_el: etree._Element) -> str | None:
    """A control's key: its tag, or its alias after a LibreOffice round trip."""
    pr = sdt_el.find(_q("sdtPr"))
    if pr is None:
        return None
    for name in ("tag", "alias"):
        el = pr.find(_q(name))
        if el is not None and el.get(_q("val")):
            return str(el.get(_q("val")))
    return None


def text_of(sdt_el: etree._Element) -> str:
    """What the control shows (deleted tracked text left out, inserted text counted)."""
    content = sdt_el.find(_q("sdtContent"))
    if content is None:
        return ""
    parts = []
    for el in content.iter(_q("t"), _q("br"), _q("tab")):
        if el.tag == _q("t"):
            parts.append(el.text or "")
        elif el.tag == _q("br"):
            parts.append("\n")
        else:
            parts.append("\t")
    return "".join(parts)


def controls_in(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """(key, control) for every keyed content control of a document, in order."""
    for el in root.iter(_q("sdt")):
        key = key_of(el)
        if key:
            yield key, el
