"""Post-processing of the rendered .docx with python-docx and lxml.

What docxtpl cannot do: document language, refresh-on-open for the table of contents,
repeating header rows, alt text on images, document properties.
"""

from __future__ import annotations

from datetime import datetime

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

LANG = "sv-SE"


def _child(parent: BaseOxmlElement, tag: str, *, first: bool = False) -> BaseOxmlElement:
    """`parent`'s child `tag`, added (as the first child, or the last) when it is missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


def set_language(doc: Document, lang: str = LANG) -> None:
    """Set the default language (sv-SE) for every run, in the styles' document defaults."""
    defaults = _child(doc.styles.element, "w:docDefaults", first=True)
    rpr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    el = _child(rpr, "w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        el.set(qn(attr), lang)


def update_fields_on_open(doc: Document) -> None:
    """Ask Word to refresh fields (the table of contents) when the file is opened."""
    _child(doc.settings.element, "w:updateFields").set(qn("w:val"), "true")


def mark_header_rows(doc: Document) -> int:
    """Make every table's first row a repeating header row; returns how many tables."""
    count = 0
    for table in doc.tables:
        tr = table.rows[0]._tr
        trpr = tr.get_or_add_trPr()
        if trpr.find(qn("w:tblHeader")) is None:
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trpr.append(el)
        count += 1
    return count


def set_alt_texts_in_order(doc: Document, texts: list[tuple[str, str]]) -> int:
    """Set (title, descr) on the document's images in order of appearance."""
    done = 0
    for doc_pr, (title, descr) in zip(doc.element.body.iter(qn("wp:docPr")), texts,
                                      strict=False):
        doc_pr.set("title", title)
        doc_pr.set("descr", descr)
        done += 1
    return done


def set_properties(doc: Document, title: str, subject: str, author: str,
                   when: datetime | None = None) -> None:
    """Title, subject, author, language and dates: `when` is the inputs' last change, so the
    dates say when the figures were last touched and the same inputs give the same file."""
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.language = LANG
    props.keywords = "delårsrapport"
    props.comments = ""
    props.revision = 1
    if when is not None:
        props.created = props.modified = when.replace(microsecond=0)


def space_after_tables(doc: Document) -> int:
    """A paragraph right after a table gets the space a caption has before one, so that the
    text does not touch the table's last row. The size comes from the template's Caption
    style; a heading or caption after the table keeps its own."""
    space = _style_space_before(doc, "Caption")
    if not space:
        return 0
    own = {"Caption", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5"}
    count = 0
    for tbl in doc.element.body.iterchildren(qn("w:tbl")):
        nxt = tbl.getnext()
        if nxt is None or nxt.tag != qn("w:p"):
            continue
        ppr = _child(nxt, "w:pPr", first=True)
        style = ppr.find(qn("w:pStyle"))
        if style is not None and style.get(qn("w:val")) in own:
            continue
        spacing = ppr.find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            _insert_in_order(ppr, spacing)
        if spacing.get(qn("w:before")) is None:
            spacing.set(qn("w:before"), space)
            count += 1
    return count


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing")


def _insert_in_order(ppr: BaseOxmlElement, el: BaseOxmlElement) -> None:
    """`el` (w:spacing) after the pPr children that the schema puts before it."""
    name = el.tag.split("}")[1]
    before = set(_PPR_ORDER[:_PPR_ORDER.index(name)])
    last = None
    for child in ppr:
        if child.tag.split("}")[1] in before:
            last = child
    if last is None:
        ppr.insert(0, el)
    else:
        last.addnext(el)


def _style_space_before(doc: Document, style_id: str) -> str | None:
    for style in doc.styles.element.iter(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            spacing = style.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
            if spacing is not None:
                return spacing.get(qn("w:before"))
    return None


def heading_levels(doc: Document) -> dict[str, int]:
    """Paragraph style id → heading level, for the styles named "Heading N"."""
    levels = {}
    for style in doc.styles.element.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        value = (name.get(qn("w:val")) if name is not None else "") or ""
        words = value.split()
        if len(words) == 2 and words[0].casefold() == "heading" and words[1].isdigit():
            levels[style.get(qn("w:styleId"))] = int(words[1])
    return levels


def heading_paragraphs(doc: Document) -> list[tuple[int, str]]:
    """(level, text) of every non-empty heading in the body, read from the XML directly.

    python-docx's `paragraph.style` looks each style up anew; on a 20-page report that took
    0,3 s, more than drawing all charts from cache.
    """
    levels = heading_levels(doc)
    out = []
    for p in doc.element.body.iterchildren(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        level = levels.get(style.get(qn("w:val"))) if style is not None else None
        if level:
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            if text:
                out.append((level, text))
    return out


def fill_toc(doc: Document, levels: int = 2) -> int:
    """Put the headings into the TOC field's result, so the list shows before any refresh."""
    body = doc.element.body
    instr = next((i for i in body.iter(qn("w:instrText")) if "TOC" in (i.text or "")), None)
    if instr is None:
        return 0
    field_p = instr.getparent().getparent()
    headings = [(level, text) for level, text in heading_paragraphs(doc) if level <= levels]
    runs = list(field_p.iter(qn("w:r")))
    sep = next(r for r in runs if r.find(qn("w:fldChar")) is not None
               and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "separate")
    end = next(r for r in runs if r.find(qn("w:fldChar")) is not None
               and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "end")
    for r in runs[runs.index(sep) + 1: runs.index(end)]:
        field_p.remove(r)
    if not headings:
        return 0
    # First entry goes into the field's own paragraph; the rest become paragraphs after it,
    # with the field's end moved into the last one.
    field_p.remove(end)
    paragraphs = [field_p]
    anchor = field_p
    for _ in headings[1:]:
        new_p = OxmlElement("w:p")
        anchor.addnext(new_p)
        anchor = new_p
        paragraphs.append(new_p)
    for p_el, (level, text) in zip(paragraphs, headings, strict=True):
        ppr = _child(p_el, "w:pPr", first=True)
        _child(ppr, "w:pStyle", first=True).set(qn("w:val"), f"TOC{level}")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        r.append(t)
        if p_el is field_p:
            sep.addnext(r)
        else:
            p_el.append(r)
    paragraphs[-1].append(end)
    return len(headings)
