"""Where a figure sits in the report, in the reader's words, for `uppdatera`'s change list.

A control's key (`prognos.513.prognos`) is stable but means nothing to the economist reading
the list. The report itself says where the figure is: for a table cell, the table's caption,
the row's first cell and the column's header; for a figure quoted in prose, the words before
it. Read from the freshly made document, so it works for any template and table.
"""

from __future__ import annotations

from lxml import etree

from generator.controls import W

MAX_WORDS = 7


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _text(el: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(_q("t"))).split())


def _span(tc: etree._Element) -> int:
    span = tc.find(f"{_q('tcPr')}/{_q('gridSpan')}")
    return int(span.get(_q("val"), "1")) if span is not None else 1


def _cell_at(tr: etree._Element, column: int) -> etree._Element | None:
    """The cell of a row that covers grid column `column` (merged cells span several)."""
    start = 0
    for tc in tr.findall(_q("tc")):
        if start <= column < start + _span(tc):
            return tc
        start += _span(tc)
    return None


def _column_of(tc: etree._Element) -> int:
    return sum(_span(c) for c in tc.itersiblings(_q("tc"), preceding=True))


def _caption(tbl: etree._Element) -> str:
    """The nearest paragraph with text before the table (its caption, in our templates)."""
    for sibling in tbl.itersiblings(preceding=True):
        if sibling.tag == _q("p") and _text(sibling):
            return _text(sibling)
        if sibling.tag == _q("tbl"):
            break
    return ""


def _in_table(tc: etree._Element) -> str:
    tr = tc.getparent()
    tbl = tr.getparent() if tr is not None else None
    if tr is None or tbl is None:
        return ""
    column = _column_of(tc)
    rows = tbl.findall(_q("tr"))
    headers = [r for r in rows if r.find(f"{_q('trPr')}/{_q('tblHeader')}") is not None]
    header_row = (headers or rows[:1])[-1]
    header = _cell_at(header_row, column) if header_row is not tr else None
    first = tr.find(_q("tc"))
    parts = [_caption(tbl), _text(first) if first is not None and first is not tc else "",
             _text(header) if header is not None else ""]
    return " › ".join(p for p in parts if p)


def _in_prose(el: etree._Element) -> str:
    p = next(el.iterancestors(_q("p")), None)
    if p is None:
        return ""
    before: list[str] = []
    after: list[str] = []
    inside = False
    for t in p.iter(_q("t")):
        mine = any(a is el for a in t.iterancestors())
        if mine:
            inside = True
        elif inside:
            after.append(t.text or "")
        else:
            before.append(t.text or "")
    words = "".join(before).split()
    if words:
        shown = " ".join(words[-MAX_WORDS:])
        return f"i texten: \"{'…' if len(words) > MAX_WORDS else ''}{shown} …\""
    words = "".join(after).split()  # the figure opens the paragraph: the words after it
    if words:
        shown = " ".join(words[:MAX_WORDS])
        return f"i texten: \"… {shown}{'…' if len(words) > MAX_WORDS else ''}\""
    return ""


def describe(control: etree._Element) -> str:
    """'Driftsammandrag för prognos … › 513 - Insatser … › Prognos helår' for a table cell,
    'i texten: "…visar ett underskott på …"' for a figure in prose; "" when unknown."""
    tc = next(control.iterancestors(_q("tc")), None)
    return _in_table(tc) if tc is not None else _in_prose(control)


def table_caption(tbl: etree._Element) -> str:
    """A table in the reader's words: its caption ("" when it has none)."""
    return _caption(tbl)


def chart_caption(doc_pr: etree._Element) -> str:
    """The caption under a chart's picture ("Diagram 2. Prognos för helåret …"), cut short."""
    p = next(doc_pr.iterancestors(_q("p")), None)
    for sibling in p.itersiblings() if p is not None else ():
        if sibling.tag != _q("p"):
            break
        text = _text(sibling)
        if text:
            words = text.split()
            return " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "")
    return ""
