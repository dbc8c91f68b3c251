"""Structural accessibility checks on a written .docx (WCAG 2.1 AA via EN 301 549).

The report is published as a PDF on the municipality's website, where the accessibility law
applies, and a municipality may edit the template in Word. These checks catch what a tagged
PDF inherits from the .docx: document properties and language, a heading outline without
gaps, a table of contents that refreshes, repeating table header rows, alt text, real lists,
no empty paragraphs as spacing, text contrast, and fonts that LibreOffice can match metrically.

`check_docx(path)` returns findings (Swedish messages, English codes); an empty list means
every check passed. `python -m generator.accessibility RAPPORT.docx` prints them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from generator.docx_post import LANG
from generator.formatting import format_number
from generator.toc_pages import has_page_numbers, toc_style_ids

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"w": W, "wp": WP, "a": A}

MIN_CONTRAST = 4.5        # WCAG 1.4.3, normal text
MIN_CONTRAST_LARGE = 3.0  # large text: at least 18 pt, or 14 pt bold
# Fonts that Word has and that LibreOffice replaces by a metric clone (Carlito, Caladea,
# Liberation), so that both put the page breaks in the same places.
METRIC_SAFE_FONTS = frozenset(f.casefold() for f in (
    "Calibri", "Carlito", "Cambria", "Caladea", "Arial", "Liberation Sans", "Helvetica",
    "Times New Roman", "Liberation Serif", "Courier New", "Liberation Mono",
))
BULLET_CHARS = "•·◦▪■●○–—-*"
_FALSE = {"0", "false", "off"}


@cache
def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _on(el: etree._Element | None) -> bool:
    """An OOXML on/off element: present and not switched off."""
    return el is not None and (el.get(_w("val")) or "true").lower() not in _FALSE


@dataclass(frozen=True)
class Finding:
    """One failed check: `code` for tests and tooling, `message` in Swedish for the user."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"Tillgänglighet: {self.message}"


# -- helpers over styles, theme and colours ---------------------------------------------

class _Styles:
    """Style lookup with `basedOn` chains, the theme fonts and the document defaults."""

    def __init__(self, doc: DocumentType) -> None:
        root = doc.styles.element
        self.by_id = {s.get(_w("styleId")): s for s in root.findall(_w("style"))}
        self.default_para = next((s.get(_w("styleId")) for s in root.findall(_w("style"))
                                  if s.get(_w("type")) == "paragraph"
                                  and s.get(_w("default")) in ("1", "true")), None)
        defaults = root.find(_w("docDefaults"))
        self.default_rpr = (defaults.find("w:rPrDefault/w:rPr", NS)
                            if defaults is not None else None)
        self.theme_fonts = _theme_fonts(doc)
        self._chains: dict[str | None, list[etree._Element]] = {}
        self._layers: dict[tuple[str | None, str | None], list[etree._Element]] = {}
        # Memos for one check of one document: each check walks every paragraph again.
        self._pstyle: dict[etree._Element, str | None] = {}
        self._ppr: dict[str | None, list[etree._Element]] = {}
        self._style_last: dict[tuple[tuple[str | None, str | None], str],
                               etree._Element | None] = {}

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its ancestors, base first (so later entries override earlier)."""
        if style_id not in self._chains:
            self._chains[style_id] = self._resolve(style_id)
        return self._chains[style_id]

    def _resolve(self, style_id: str | None) -> list[etree._Element]:
        out: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        return out[::-1]

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        el = style.find(_w("name")) if style is not None else None
        return el.get(_w("val"), "") if el is not None else ""

    def paragraph_style(self, p: etree._Element) -> str | None:
        if p not in self._pstyle:
            ppr = p.find(_w("pPr"))
            el = ppr.find(_w("pStyle")) if ppr is not None else None
            self._pstyle[p] = el.get(_w("val")) if el is not None else self.default_para
        return self._pstyle[p]

    def _run_key(self, p: etree._Element, rpr: etree._Element | None
                 ) -> tuple[str | None, str | None]:
        rstyle = rpr.find(_w("rStyle")) if rpr is not None else None
        return self.paragraph_style(p), rstyle.get(_w("val")) if rstyle is not None else None

    def _style_layers(self, key: tuple[str | None, str | None]) -> list[etree._Element]:
        if key not in self._layers:
            layers = [self.default_rpr]
            layers += [s.find(_w("rPr")) for s in self.chain(key[0])]
            layers += [s.find(_w("rPr")) for s in self.chain(key[1])] if key[1] else []
            self._layers[key] = [layer for layer in layers if layer is not None]
        return self._layers[key]

    def run_layers(self, p: etree._Element, r: etree._Element) -> list[etree._Element]:
        """rPr elements that apply to run `r`, weakest first."""
        rpr = r.find(_w("rPr"))
        return self._style_layers(self._run_key(p, rpr)) + ([rpr] if rpr is not None else [])

    def run_property(self, p: etree._Element, r: etree._Element, tag: str
                     ) -> etree._Element | None:
        """The `tag` element that decides a property of run `r`: its own, else its styles'
        (what `_last(run_layers(p, r), tag)` gives, with the styles' part remembered)."""
        rpr = r.find(_w("rPr"))
        own = rpr.find(_w(tag)) if rpr is not None else None
        if own is not None:
            return own
        key = self._run_key(p, rpr)
        if (key, tag) not in self._style_last:
            self._style_last[key, tag] = _last(self._style_layers(key), tag)
        return self._style_last[key, tag]

    def font(self, layers: Iterable[etree._Element]) -> str | None:
        font = None
        for rpr in layers:
            fonts = rpr.find(_w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(_w("asciiTheme"))
            if theme:
                font = self.theme_fonts.get("major" if theme.startswith("major") else "minor")
            elif fonts.get(_w("ascii")):
                font = fonts.get(_w("ascii"))
        return font

    def paragraph_layers(self, p: etree._Element) -> list[etree._Element]:
        sid = self.paragraph_style(p)
        if sid not in self._ppr:
            self._ppr[sid] = [ppr for s in self.chain(sid)
                              if (ppr := s.find(_w("pPr"))) is not None]
        own = p.find(_w("pPr"))
        return self._ppr[sid] + ([own] if own is not None else [])


def _theme_fonts(doc: DocumentType) -> dict[str, str]:
    part = next((rel.target_part for rel in doc.part.rels.values()
                 if rel.reltype == RT.THEME and not rel.is_external), None)
    if part is None:
        return {}
    root = etree.fromstring(part.blob)
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//a:fontScheme/a:{kind}Font/a:latin", NS)
        if latin is not None and latin.get("typeface"):
            fonts[kind] = latin.get("typeface")
    return fonts


def _last(layers: Iterable[etree._Element], tag: str) -> etree._Element | None:
    found = None
    for layer in layers:
        el = layer.find(_w(tag))
        if el is not None:
            found = el
    return found


def _rgb(value: str | None) -> tuple[int, int, int] | None:
    if not value or not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return None  # "auto" or missing
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(_w("t")))


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return f"”{text if len(text) <= n else text[: n - 1] + '…'}”"


# -- the checks ------------------------------------------------------------------------

def _check_properties(doc: DocumentType) -> Iterator[Finding]:
    props = doc.core_properties
    for value, label in ((props.title, "titel"), (props.subject, "ämne"),
                         (props.author, "författare")):
        if not (value or "").strip():
            yield Finding("properties", f"dokumentets egenskaper saknar {label}.")
    if (props.language or "") != LANG:
        yield Finding("properties",
                      f"dokumentets egenskaper anger språket {props.language or 'inget'}, "
                      f"inte {LANG}.")


def _check_language(styles: _Styles) -> Iterator[Finding]:
    lang = styles.default_rpr.find(_w("lang")) if styles.default_rpr is not None else None
    if lang is None or lang.get(_w("val")) != LANG:
        found = lang.get(_w("val")) if lang is not None else "inget"
        yield Finding("language", f"dokumentets standardspråk är {found}, inte {LANG}.")


def _heading_level(p: etree._Element, styles: _Styles) -> int:
    """1–9 for a heading, 0 for anything else (Title and TOC Heading are not headings)."""
    sid = styles.paragraph_style(p)
    name = styles.name(sid).casefold()
    m = re.fullmatch(r"heading (\d)", name)
    if m:
        return int(m.group(1))
    outline = _last(styles.paragraph_layers(p), "outlineLvl")
    if outline is not None and name not in ("title", "toc heading"):
        level = int(outline.get(_w("val"), "9"))
        return level + 1 if level < 9 else 0
    return 0


def _check_headings(body: etree._Element, styles: _Styles) -> Iterator[Finding]:
    previous = 0
    count = 0
    for p in body.iter(_w("p")):
        level = _heading_level(p, styles)
        if not level:
            continue
        count += 1
        text = _text(p).strip()
        if not text:
            yield Finding("heading-empty", f"en tom rubrik på nivå {level} (efter rubrik "
                                           f"nummer {count - 1}).")
            continue
        if level > previous + 1:
            was = f"rubrik {previous}" if previous else "dokumentets början"
            yield Finding("heading-gap", f"rubriken {_short(text)} har nivå {level} direkt "
                                         f"efter {was}; hoppa inte över nivåer.")
        previous = level
    if count == 0:
        yield Finding("heading-gap", "dokumentet har inga rubriker (Rubrik 1, 2 …).")


def _check_toc(doc: DocumentType) -> Iterator[Finding]:
    body = doc.element.body
    instructions = [i.text or "" for i in body.iter(_w("instrText"))]
    instructions += [f.get(_w("instr"), "") for f in body.iter(_w("fldSimple"))]
    if not any(re.match(r"\s*TOC\b", i) for i in instructions):
        yield Finding("toc", "dokumentet saknar innehållsförteckning (ett TOC-fält).")
    styles = etree.tostring(doc.styles.element)
    if (not _on(doc.settings.element.find(_w("updateFields")))
            and not has_page_numbers(body, toc_style_ids(styles))):
        yield Finding("toc", "Word uppdaterar inte fälten när dokumentet öppnas "
                             "(w:updateFields saknas), så innehållsförteckningen saknar sidnummer.")


def _context(el: etree._Element) -> str:
    """The nearest text before `el` in the body, to tell the reader where it is."""
    node = el
    while node is not None and node.getparent() is not None and \
            node.getparent().tag != _w("body"):
        node = node.getparent()
    prev = node.getprevious() if node is not None else None
    while prev is not None:
        text = _text(prev).strip()
        if text and prev.tag == _w("p"):
            style = prev.find("w:pPr/w:pStyle", NS)
            if style is not None and style.get(_w("val"), "").upper().startswith("TOC"):
                return " (efter innehållsförteckningen)"
            return f" (efter {_short(text)})"
        prev = prev.getprevious()
    return ""


def _check_tables(body: etree._Element) -> Iterator[Finding]:
    for n, tbl in enumerate(body.iter(_w("tbl")), start=1):
        first = tbl.find(_w("tr"))
        if first is None:
            continue
        if not _on(first.find("w:trPr/w:tblHeader", NS)):
            yield Finding("table-header", f"tabell {n}{_context(tbl)}: första raden är inte "
                                          "markerad som rubrikrad som upprepas.")


def _image_roots(doc: DocumentType) -> Iterator[etree._Element]:
    yield doc.element.body
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if not part.is_linked_to_previous:
                yield part._element


def _check_images(doc: DocumentType) -> Iterator[Finding]:
    # Body, headers and footers are separate trees, so no image is visited twice. (Deduping
    # by id() of lxml proxies is wrong: a freed proxy's id is reused by the next one.)
    for root in _image_roots(doc):
        for doc_pr in root.iter(f"{{{WP}}}docPr"):
            decorative = any(etree.QName(el).localname == "decorative"
                             and el.get("val") in ("1", "true") for el in doc_pr.iter())
            if not decorative and not (doc_pr.get("descr") or "").strip():
                name = doc_pr.get("name") or doc_pr.get("id") or "?"
                yield Finding("alt-text", f"bilden {name}{_context(doc_pr)} saknar "
                                          "alternativtext.")


def _has_numbering(p: etree._Element, styles: _Styles) -> bool:
    num = _last(styles.paragraph_layers(p), "numPr")
    if num is None:
        return False
    num_id = num.find(_w("numId"))
    return num_id is None or num_id.get(_w("val")) != "0"


def _check_lists(body: etree._Element, styles: _Styles) -> Iterator[Finding]:
    for p in body.iter(_w("p")):
        text = _text(p).lstrip()
        numbered = _has_numbering(p, styles)
        name = styles.name(styles.paragraph_style(p)).casefold()
        in_cell = next(p.iterancestors(_w("tc")), None) is not None
        # A table cell is one value ("* Chefsindex", "● Uppfyllt"), not a list.
        if (len(text) > 1 and text[0] in BULLET_CHARS and text[1] in " \t\u00a0"
                and not numbered and not in_cell):
            yield Finding("list", f"stycket {_short(text)} ser ut som en punktlista men är "
                                  "inte en lista; använd en listformatmall (Punktlista).")
        elif name.startswith("list") and "paragraph" not in name and not numbered:
            yield Finding("list", f"stycket {_short(text)} har formatmallen {name} men "
                                  "ingen punkt eller numrering.")


def _is_empty(p: etree._Element) -> bool:
    if _text(p).strip():
        return False
    for tag in ("drawing", "pict", "object", "fldChar", "fldSimple", "instrText", "sym",
                "tab"):
        if next(p.iter(_w(tag)), None) is not None:
            return False
    return p.find("w:pPr/w:sectPr", NS) is None  # a section break lives in this paragraph


def _check_empty_paragraphs(body: etree._Element) -> Iterator[Finding]:
    for p in body.findall(_w("p")):  # table cells may legitimately be empty
        if not _is_empty(p):
            continue
        prev, nxt = p.getprevious(), p.getnext()
        after_table = prev is not None and prev.tag == _w("tbl")
        at_end = nxt is None or nxt.tag == _w("sectPr")
        # Word needs a paragraph after a table at the end of the document, and one between
        # two tables to keep them apart: those are structure, not spacing.
        if after_table and (at_end or nxt.tag == _w("tbl")):
            continue
        if next(p.iter(_w("br")), None) is not None:
            yield Finding("empty-paragraph", f"ett tomt stycke med bara en sidbrytning"
                                             f"{_context(p)}; använd ”Sidbrytning före” på "
                                             "nästa stycke i stället.")
        else:
            yield Finding("empty-paragraph", f"ett tomt stycke används som avstånd"
                                             f"{_context(p)}; använd avstånd före/efter i "
                                             "formatmallen i stället.")


def _fill(el: etree._Element | None) -> tuple[int, int, int] | None:
    shd = el.find(_w("shd")) if el is not None else None
    return _rgb(shd.get(_w("fill"))) if shd is not None else None


def _check_contrast(body: etree._Element, styles: _Styles) -> Iterator[Finding]:
    white = (255, 255, 255)
    reported: set[tuple[tuple[int, int, int], tuple[int, int, int]]] = set()
    for p in body.iter(_w("p")):
        tc = next((a for a in p.iterancestors(_w("tc"))), None)
        background = _fill(p.find(_w("pPr"))) or \
            (_fill(tc.find(_w("tcPr"))) if tc is not None else None) or white
        for r in p.iter(_w("r")):
            if not "".join(t.text or "" for t in r.iter(_w("t"))).strip():
                continue
            color = styles.run_property(p, r, "color")
            fg = _rgb(color.get(_w("val")) if color is not None else None)
            if fg is None:  # "auto": black, unless told otherwise. Word and LibreOffice
                fg = (0, 0, 0)  # may flip it to white on dark fills, each by its own rule.
            sz = styles.run_property(p, r, "sz")
            size = int(sz.get(_w("val"), "22")) / 2 if sz is not None else 11.0
            large = size >= 18 or (size >= 14 and _on(styles.run_property(p, r, "b")))
            need = MIN_CONTRAST_LARGE if large else MIN_CONTRAST
            ratio = contrast_ratio(fg, background)
            if ratio < need and (fg, background) not in reported:
                reported.add((fg, background))
                hexes = ["".join(f"{c:02X}" for c in rgb) for rgb in (fg, background)]
                needed = format_number(need, 0 if need == int(need) else 1)  # "4,5", "3"
                yield Finding("contrast", f"texten {_short(_text(p))} har kontrasten "
                                          f"{format_number(ratio, 1)}:1 ({hexes[0]} mot "
                                          f"{hexes[1]}); minst {needed}:1 krävs.")


def _check_fonts(body: etree._Element, styles: _Styles) -> Iterator[Finding]:
    seen: set[str] = set()
    for p in body.iter(_w("p")):
        for r in p.iter(_w("r")):
            if r.find(_w("t")) is None:
                continue
            font = styles.font(styles.run_layers(p, r))
            if font and font.casefold() not in METRIC_SAFE_FONTS and font not in seen:
                seen.add(font)
                yield Finding("font", f"typsnittet {font} (i {_short(_text(p), 30)}) har "
                                      "ingen metriskt lika ersättare i LibreOffice, så "
                                      "sidbrytningarna kan flytta sig i PDF:en. Använd "
                                      "till exempel Calibri.")


def check_document(doc: DocumentType) -> list[Finding]:
    """Every check on an open python-docx document."""
    styles = _Styles(doc)
    body = doc.element.body
    return [
        *_check_properties(doc),
        *_check_language(styles),
        *_check_headings(body, styles),
        *_check_toc(doc),
        *_check_tables(body),
        *_check_images(doc),
        *_check_lists(body, styles),
        *_check_empty_paragraphs(body),
        *_check_contrast(body, styles),
        *_check_fonts(body, styles),
    ]


def check_docx(path: Path) -> list[Finding]:
    """Open the .docx at `path` and run every check; an empty list means all passed."""
    return check_document(Document(str(path)))


def _open(path: Path) -> DocumentType | str:
    """The document, or why it cannot be checked (in Swedish): bad input, not a finding."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError

    from generator.libreoffice import NOT_DOCX

    if not path.is_file():
        return f"{path} finns inte; förväntade en Word-fil (.docx)."
    try:
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError):
        return f"{path}: {NOT_DOCX}."


def main(argv: list[str] | None = None) -> int:
    """Print the findings for each .docx given; exit code 1 if there are any, 2 if a file
    is missing or not a .docx (then nothing is checked)."""
    paths = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("Användning: python -m generator.accessibility RAPPORT.docx …", file=sys.stderr)
        return 2
    docs: list[tuple[Path, DocumentType]] = []
    problems: list[str] = []
    for path in paths:
        doc = _open(path)
        if isinstance(doc, str):
            problems.append(doc)
        else:
            docs.append((path, doc))
    for problem in problems:
        print(f"Fel: {problem}", file=sys.stderr)
    if problems:
        return 2
    failed = 0
    for path, doc in docs:
        findings = check_document(doc)
        failed += len(findings)
        for f in findings:
            print(f"{path}: {f}")
        if not findings:
            print(f"{path}: inga anmärkningar")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
