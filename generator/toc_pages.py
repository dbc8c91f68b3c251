"""The PDF's page numbers written into the .docx's table of contents.

Neither python-docx nor docxtpl lays out pages, so the .docx's contents list has no page
numbers until Word updates its fields, and previews that never update fields (Teams,
SharePoint, a phone) never show them. LibreOffice has laid the pages out for the PDF: its
bookmarks give each heading's page. They are written after each contents entry, and the
request to update fields on opening is removed, since the list is right as it stands.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from generator.output import write_atomically

if TYPE_CHECKING:
    import pikepdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TOC_STYLE = re.compile(r"^(TOC|Innehll)(\d)$", re.IGNORECASE)
_PAGE = re.compile(r"\d+")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def bookmarks(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, in order."""
    import pikepdf  # only with --pdf: it costs an import otherwise

    out: list[tuple[int, str, int]] = []
    with pikepdf.open(pdf) as doc:
        pages = {page.obj.objgen: n for n, page in enumerate(doc.pages, start=1)}

        def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
            for item in items:
                dest: pikepdf.Object | None = item.destination  # type: ignore[assignment]
                if dest is None and item.action is not None:
                    dest = item.action.get("/D")
                if isinstance(dest, pikepdf.Array) and len(dest):
                    page = pages.get(dest[0].objgen)
                    if page is not None:
                        out.append((level, " ".join(item.title.split()), page))
                walk(item.children, level + 1)

        with doc.open_outline() as outline:
            walk(outline.root, 1)
    return out


_TOC_NAME = re.compile(r"^(toc|contents|innehåll|innehållsförteckning) ?\d$", re.IGNORECASE)


def toc_style_ids(styles_xml: bytes | None) -> frozenset[str]:
    """The ids of the contents-entry styles. Word names them TOC1 …; LibreOffice renames
    the ids on saving (Contents1 …) but keeps the names ("toc 1"), so both are looked at."""
    if not styles_xml:
        return frozenset()
    root = etree.fromstring(styles_xml)
    found = set()
    for style in root.iter(_q("style")):
        name = style.find(_q("name"))
        if name is not None and _TOC_NAME.match(name.get(_q("val")) or ""):
            found.add(style.get(_q("styleId")) or "")
    return frozenset(found)


def _toc_paragraphs(root: etree._Element, style_ids: frozenset[str] = frozenset()
                    ) -> Iterator[etree._Element]:
    for p in root.iter(_q("p")):
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        value = style.get(_q("val")) or "" if style is not None else ""
        if value and (value in style_ids or _TOC_STYLE.match(value)):
            yield p


def _text(runs: list[etree._Element]) -> str:
    return " ".join("".join(t.text or "" for r in runs for t in r.iter(_q("t"))).split())


def _is_tab(run: etree._Element) -> bool:
    return [c.tag for c in run if c.tag != _q("rPr")] == [_q("tab")]


def _is_page(run: etree._Element) -> bool:
    parts = [c for c in run if c.tag != _q("rPr")]
    return (len(parts) == 1 and parts[0].tag == _q("t")
            and bool(_PAGE.fullmatch(parts[0].text or "")))


def _entry(p: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """A contents entry's text runs, and the tab and page number runs written after them
    (by an earlier run of this module), if any."""
    runs = [r for r in p.findall(_q("r")) if r.find(_q("fldChar")) is None
            and r.find(_q("instrText")) is None]
    if len(runs) >= 3 and _is_tab(runs[-2]) and _is_page(runs[-1]):
        return runs[:-2], runs[-2:]
    return runs, []


def has_page_numbers(root: etree._Element, style_ids: frozenset[str] = frozenset()) -> bool:
    """Whether every contents entry of a document body ends with a page number."""
    entries = [_entry(p) for p in _toc_paragraphs(root, style_ids)]
    return bool(entries) and all(number for _text_runs, number in entries)


def number_entries(document_xml: bytes, marks: list[tuple[int, str, int]],
                   style_ids: frozenset[str] = frozenset()) -> tuple[bytes, int]:
    """document.xml with a tab and the page number after each contents entry."""
    root = etree.fromstring(document_xml)
    position = 0
    done = 0
    for p in _toc_paragraphs(root, style_ids):
        text_runs, number = _entry(p)
        title = _text(text_runs)
        found = next((i for i in range(position, len(marks)) if marks[i][1] == title), None)
        if found is None:
            continue
        position = found + 1
        for old in number:  # numbered before, the pages may have moved since
            p.remove(old)
        tab = etree.SubElement(p, _q("r"))
        etree.SubElement(tab, _q("tab"))
        run = etree.SubElement(p, _q("r"))
        etree.SubElement(run, _q("t")).text = str(marks[found][2])
        end = next((r for r in p.iter(_q("r")) if r.find(_q("fldChar")) is not None
                    and r.find(_q("fldChar")).get(_q("fldCharType")) == "end"), None)
        if end is not None:  # the field's end stays after the last entry's number
            p.remove(end)
            p.append(end)
        done += 1
    if done:  # the list is right as it stands: Word need not ask to refresh it on opening
        for p in _toc_paragraphs(root, style_ids):
            for fld in p.iter(_q("fldChar")):
                fld.attrib.pop(_q("dirty"), None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), done


def _without_update_request(settings_xml: bytes) -> bytes:
    root = etree.fromstring(settings_xml)
    for el in root.findall(_q("updateFields")):
        root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_page_numbers(docx: Path, pdf: Path) -> int:
    """Put the PDF's page numbers into the .docx's contents list; returns how many entries.

    The .docx is rewritten atomically part by part (the other parts byte for byte), and
    not at all when its contents list already carries these numbers.
    """
    marks = bookmarks(pdf)
    with zipfile.ZipFile(docx) as source:
        infos = source.infolist()
        parts = {i.filename: source.read(i) for i in infos}
    document, done = number_entries(parts["word/document.xml"], marks,
                                    toc_style_ids(parts.get("word/styles.xml")))
    if not done:
        return 0
    settings = parts.get("word/settings.xml", b"")
    asks = b"updateFields" in settings
    if document == parts["word/document.xml"] and not asks:
        return done  # numbered already, with these pages: the file stays as it is
    parts["word/document.xml"] = document
    if asks:
        parts["word/settings.xml"] = _without_update_request(settings)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
            for info in infos:
                target.writestr(info, parts[info.filename])

    write_atomically(docx, write, keep=False)
    return done
