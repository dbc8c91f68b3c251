"""Build the default Word templates: one per kind of report (`delarsrapport.docx`,
`manadsrapport.docx`, `prognosrapport.docx`, `verksamhetsberattelse.docx`) and
`kommunoversikt.docx`.

Developer tool. A template is a normal .docx that a municipality may edit in Word; this script
is how we keep our defaults reviewable in git. The kinds share their parts (cover, economy
tables, goals, activities), built by the functions below. Jinja tags follow docxtpl:
`{{ var }}` for text, `{{r var }}` for RichText, `{%tr for %}` rows for table loops. Run:
    python templates/build_template.py
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from generator.package import normalise

HERE = Path(__file__).resolve().parent
OUT = HERE / "delarsrapport.docx"
FIXED_TIME = datetime(2024, 1, 1)
OVERVIEW_OUT = HERE / "kommunoversikt.docx"
FONT = "Calibri"
HEADER_SHADE = "D9E2F3"  # light blue behind black text: contrast 14:1
TABLE_STYLE = "Rapporttabell"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING_COLOR = RGBColor(0x1F, 0x38, 0x64)


class Builder:
    """Small helpers over python-docx that keep the template's structure readable."""

    def __init__(self) -> None:
        self.doc = Document()
        self._breaks: list[object | None] = []
        self._styles()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.3)
        section.top_margin = section.bottom_margin = Cm(2.2)

    # -- styles --------------------------------------------------------------------
    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        sizes = {1: 16, 2: 13, 3: 12, 4: 11}
        for level, size in sizes.items():
            st = styles[f"Heading {level}"]
            st.font.name = FONT
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.italic = False
            st.font.color.rgb = HEADING_COLOR
            st.paragraph_format.space_before = Pt(14 if level == 1 else 10)
            st.paragraph_format.space_after = Pt(4)
            st.element.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:asciiTheme"), "")
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                el = st.element.get_or_add_rPr().find(qn("w:rFonts"))
                if el.get(qn(attr)) is not None:
                    del el.attrib[qn(attr)]
        for name, size in (("Title", 28), ("Subtitle", 18)):
            st = styles[name]
            st.font.name = FONT
            st.font.size = Pt(size)
            st.font.color.rgb = HEADING_COLOR
            st.font.italic = False
            st.paragraph_format.space_after = Pt(12)
        # The cover: the title a third down the page, kommun and nämnd as large as a cover
        # a kommun prints, the period and the decision below.
        styles["Title"].paragraph_format.space_before = Pt(150)
        # No rule under the title: LibreOffice draws a paragraph border as a path that
        # PDF/UA validators find neither tagged nor marked as decoration.
        title_ppr = styles["Title"].element.get_or_add_pPr()
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)
        kommun = styles.add_style("Omslag kommun", WD_STYLE_TYPE.PARAGRAPH)
        kommun.base_style = normal
        kommun.font.size = Pt(16)
        kommun.font.bold = True
        kommun.font.color.rgb = HEADING_COLOR
        kommun.paragraph_format.space_after = Pt(36)
        detail = styles.add_style("Omslag uppgift", WD_STYLE_TYPE.PARAGRAPH)
        detail.base_style = normal
        detail.font.size = Pt(12)
        detail.paragraph_format.space_after = Pt(4)
        footer = styles["Footer"]
        footer.font.name = FONT
        footer.font.size = Pt(9)
        cap = styles["Caption"]
        cap.font.name = FONT
        cap.font.size = Pt(10)
        cap.font.bold = True
        cap.font.italic = False
        cap.font.color.rgb = RGBColor(0, 0, 0)
        cap.paragraph_format.keep_with_next = True
        cap.paragraph_format.space_before = Pt(10)
        for level in (1, 2, 3):
            st = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = normal
            st.paragraph_format.left_indent = Cm(0.5 * (level - 1))
            st.paragraph_format.space_after = Pt(2)
            # page numbers at the right margin behind dots, as Word lays out a TOC
            st.paragraph_format.tab_stops.add_tab_stop(Cm(16.4), WD_TAB_ALIGNMENT.RIGHT,
                                                       WD_TAB_LEADER.DOTS)
        cell = styles.add_style("Tabelltext", WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        cell.font.size = Pt(9)
        cell.paragraph_format.space_after = Pt(0)
        num = styles.add_style("Tabelltal", WD_STYLE_TYPE.PARAGRAPH)
        num.base_style = cell
        num.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        head = styles.add_style("Tabellrubrik", WD_STYLE_TYPE.PARAGRAPH)
        head.base_style = cell
        head.font.bold = True
        tnote = styles.add_style("Tabellnot", WD_STYLE_TYPE.PARAGRAPH)
        tnote.base_style = normal
        tnote.font.size = Pt(8.5)
        tnote.font.italic = True
        tnote.paragraph_format.space_before = Pt(2)
        tnote.paragraph_format.space_after = Pt(8)
        judged = styles.add_style("Bedömning", WD_STYLE_TYPE.PARAGRAPH)
        judged.base_style = normal
        judged.font.bold = True
        judged.paragraph_format.space_before = Pt(4)
        judged.paragraph_format.space_after = Pt(10)
        note = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        note.font.size = Pt(8.5)
        note.paragraph_format.space_after = Pt(0)
        ref = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
        ref.font.superscript = True
        headnum = styles.add_style("Tabellrubrik tal", WD_STYLE_TYPE.PARAGRAPH)
        headnum.base_style = head
        headnum.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        checklist = styles.add_style("Checklista", WD_STYLE_TYPE.PARAGRAPH)
        checklist.base_style = normal
        _checklist_numbering(self.doc, checklist)
        h5 = styles["Heading 5"]
        h5.font.name = FONT
        h5.font.size = Pt(11)
        h5.font.bold = False
        h5.font.italic = False
        h5.font.color.rgb = HEADING_COLOR
        h5.paragraph_format.space_before = Pt(8)
        h5.paragraph_format.space_after = Pt(2)
        indented = styles.add_style("Tabelltext indrag", WD_STYLE_TYPE.PARAGRAPH)
        indented.base_style = cell
        indented.paragraph_format.left_indent = Cm(0.4)
        _report_table_style(self.doc)
        _only_metric_safe_fonts(self.doc)

    # -- blocks ----------------------------------------------------------------------
    def heading(self, text: str, level: int) -> Paragraph:
        return self.doc.add_heading(text, level)

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        return self.doc.add_paragraph(text, style)

    def page_break(self) -> None:
        """Start the next block on a new page.

        Sets "page break before" on the next paragraph (applied in `save`) instead of adding
        an empty paragraph holding a break: empty paragraphs are read out as "blank" by
        screen readers and leave an empty line at the top of the new page.
        """
        body = self.doc.element.body
        last = body[-2] if len(body) > 1 else None  # body[-1] is the section properties
        self._breaks.append(last)

    def toc(self) -> None:
        self.para("Innehåll", "TOC Heading")
        p = self.para()
        runs = [("begin", None), (None, ' TOC \\o "1-2" \\h \\z \\u '), ("separate", None)]
        for kind, instr in runs:
            r = OxmlElement("w:r")
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                if kind == "begin":
                    fld.set(qn("w:dirty"), "true")
                r.append(fld)
            else:
                it = OxmlElement("w:instrText")
                it.set(qn("xml:space"), "preserve")
                it.text = instr
                r.append(it)
            p._p.append(r)
        p.add_run("Innehållsförteckningen uppdateras när dokumentet öppnas i Word.")
        end = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), "end")
        end.append(fld)
        p._p.append(end)

    def table(self, headers: list[list[str]], row: list[str], loop: str,
              widths: list[float], merges: list[tuple[int, int, int]] = (),
              numeric: bool = True, keep_together: bool = False) -> Table:
        """A table with header rows and one looping body row over `loop`.

        `row` holds the body cell expressions (RichText, so written as `{{r ...}}`);
        `merges` are (header row, first col, last col) to merge.
        """
        ncols = len(widths)
        table = self.doc.add_table(rows=len(headers) + 3, cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for r, texts in enumerate(headers):
            tr = table.rows[r]
            _mark_header(tr._tr)
            for c, text in enumerate(texts):
                cell = tr.cells[c]
                cell.paragraphs[0].text = text
                cell.paragraphs[0].style = self.doc.styles[
                    "Tabellrubrik" if c == 0 or not numeric else "Tabellrubrik tal"]
                _shade(cell, HEADER_SHADE)
        for r0, c0, c1 in merges:
            merged = table.cell(r0, c0).merge(table.cell(r0, c1))
            merged.paragraphs[0].text = headers[r0][c0]
            # a group heading over several number columns reads as one, centred above them
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for extra in merged.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
        start, body, end = (table.rows[len(headers) + i] for i in range(3))
        start.cells[0].paragraphs[0].text = f"{{%tr for r in {loop} %}}"
        for c, expr in enumerate(row):
            p = body.cells[c].paragraphs[0]
            p.text = f"{{{{r {expr} }}}}"
            p.style = self.doc.styles["Tabelltext" if c == 0 or not numeric else "Tabelltal"]
            if keep_together:  # every row kept with the next: a short table is not split
                p.paragraph_format.keep_with_next = True
        end.cells[0].paragraphs[0].text = "{%tr endfor %}"
        for r in table.rows:
            for c, w in enumerate(widths):
                r.cells[c].width = Cm(w)
        for gc, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            gc.w = Cm(w)
        return table

    def footer(self) -> None:
        """Every page but the cover: the nämnd and the report on the left, "Sida 3 av 21"
        on the right (PAGE and NUMPAGES fields, which Word and LibreOffice fill in)."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        p = section.footer.paragraphs[0]
        p.style = self.doc.styles["Footer"]
        p.text = "{{ namnd }} · {{ short_title }}\tSida "
        _field(p, "PAGE")
        p.add_run(" av ")
        _field(p, "NUMPAGES")
        width = section.page_width - section.left_margin - section.right_margin
        for stop in self.doc.styles["Footer"].paragraph_format.tab_stops:
            # the style's centre and right stops, which would catch the tab first
            p.paragraph_format.tab_stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        section.first_page_footer.is_linked_to_previous = False  # an empty cover footer

    def save(self, path: Path = OUT) -> None:
        self._apply_page_breaks()
        _drop_thumbnail(self.doc)
        _drop_unused_table_styles(self.doc)
        props = self.doc.core_properties
        props.title = "{{ title }}"
        props.author = props.last_modified_by = ""
        props.created = props.modified = FIXED_TIME
        props.revision = 1
        self.doc.save(path)
        normalise(path)  # the same source always gives the same bytes (tests check it)


    def _apply_page_breaks(self) -> None:
        body = self.doc.element.body
        for last in self._breaks:
            nxt = body[0] if last is None else last.getnext()  # type: ignore[attr-defined]
            if nxt is not None and nxt.tag == qn("w:p"):
                ppr = nxt.get_or_add_pPr()
                if ppr.find(qn("w:pageBreakBefore")) is None:
                    ppr.append(OxmlElement("w:pageBreakBefore"))
                    _reorder_ppr(ppr)
            elif nxt is not None:  # a table or nothing follows: fall back to a break run
                p = OxmlElement("w:p")
                r = OxmlElement("w:r")
                br = OxmlElement("w:br")
                br.set(qn("w:type"), "page")
                r.append(br)
                p.append(r)
                nxt.addprevious(p)
        self._breaks.clear()


def _reorder_ppr(ppr: object) -> None:
    """Keep pPr children in schema order: pStyle, keepNext, keepLines, pageBreakBefore, …"""
    order = ["pStyle", "keepNext", "keepLines", "pageBreakBefore"]
    children = list(ppr)  # type: ignore[call-overload]
    head = [c for name in order for c in children if c.tag == qn(f"w:{name}")]
    for c in reversed(head):
        ppr.remove(c)  # type: ignore[attr-defined]
        ppr.insert(0, c)  # type: ignore[attr-defined]


def _only_metric_safe_fonts(doc: object) -> None:
    """Calibri everywhere, with no theme-font indirection.

    Word resolves `w:asciiTheme` before `w:ascii`, and the python-docx base template's theme
    says Cambria for body text; LibreOffice may resolve differently. Naming Calibri directly
    in the document defaults and every style, and in the theme, makes Word and LibreOffice
    (which substitutes the metrically identical Carlito) lay out the same lines and pages.
    """
    styles = doc.styles.element  # type: ignore[attr-defined]
    theme_attrs = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme",
                                           "cstheme")]
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if rpr_default.find(qn("w:rFonts")) is None:
        rpr_default.insert(0, OxmlElement("w:rFonts"))
    themed = [f for f in styles.iter(qn("w:rFonts")) if any(f.get(a) for a in theme_attrs)]
    for fonts in {rpr_default.find(qn("w:rFonts")), *themed}:
        for a in theme_attrs:
            fonts.attrib.pop(a, None)
        for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(a), FONT)
    part = next(rel.target_part for rel in doc.part.rels.values()  # type: ignore[attr-defined]
                if rel.reltype == RT.THEME)
    theme = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for latin in theme.iter(f"{a}latin"):
        if latin.getparent().tag in (f"{a}majorFont", f"{a}minorFont"):
            latin.set("typeface", FONT)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8",
                                standalone=True)


def _field(p: Paragraph, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES) with a placeholder result until it is updated."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def _drop_thumbnail(doc: object) -> None:
    """python-docx's base template carries a blank thumbnail that file browsers show as the
    report's picture; a document without one gets its first page rendered instead."""
    package = doc.part.package  # type: ignore[attr-defined]
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]


# Table styles a rendered report may name: the report's own and the fallback of
# `generator.word` and `table_writer` when a kommun's template lacks it.
KEPT_TABLE_STYLES = {TABLE_STYLE, "Table Grid"}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_unused_table_styles(doc: object) -> None:
    """Drop the hundred built-in table styles python-docx's base template carries.

    No report uses them, Word offers its built-in styles whether or not the file has them,
    and LibreOffice reads each one on every load: without them a report's styles part is a
    ninth of the size and each PDF takes about 0,2 s less. The legacy copy of the styles
    for Word 2010 (stylesWithEffects.xml, read by no later Word) goes too. Styles made
    for these templates (customStyle, such as Rapporttabell) stay.
    """
    styles = doc.styles  # type: ignore[attr-defined]
    keep = {styles[name].style_id for name in KEPT_TABLE_STYLES}
    for el in list(styles.element.iterchildren(qn("w:style"))):
        if (el.get(qn("w:type")) == "table" and el.get(qn("w:customStyle")) != "1"
                and el.get(qn("w:default")) != "1" and el.get(qn("w:styleId")) not in keep):
            styles.element.remove(el)
    part = doc.part  # type: ignore[attr-defined]
    for rid, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            del part.rels[rid]


CHECK_NUM_ID = "50"


def _checklist_numbering(doc: object, style: object) -> None:
    """A list whose bullet is ✓, for "Målet nås genom att:" checklists: a real list (screen
    readers announce it), not a ✓ typed at the start of each paragraph."""
    numbering = doc.part.numbering_part.element  # type: ignore[attr-defined]
    abstract = etree.fromstring(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{CHECK_NUM_ID}">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2713"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol" '
        'w:cs="Segoe UI Symbol"/></w:rPr></w:lvl></w:abstractNum>')
    existing = numbering.findall(qn("w:abstractNum"))
    existing[-1].addnext(abstract)
    num = etree.fromstring(f'<w:num xmlns:w="{W}" w:numId="{CHECK_NUM_ID}">'
                           f'<w:abstractNumId w:val="{CHECK_NUM_ID}"/></w:num>')
    numbering.append(num)
    ppr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    numpr = OxmlElement("w:numPr")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), CHECK_NUM_ID)
    numpr.append(num_id)
    ppr.insert(0, numpr)
    ppr.append(OxmlElement("w:contextualSpacing"))


def _report_table_style(doc: object) -> None:
    """The table style every generated table uses: grid borders and a shaded first row.

    The program reads the shading from here (its first-row formatting) and applies it to
    every header row, so changing this style in Word changes every table's look.
    """
    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)  # type: ignore[attr-defined]
    style.base_style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    el = style.element
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "4")
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), "auto")
        borders.append(b)
    tblpr.append(borders)
    el.append(tblpr)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    first.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), HEADER_SHADE)
    tcpr.append(shd)
    first.append(tcpr)
    el.append(first)


def _mark_header(tr: object) -> None:
    trPr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def _shade(cell: object, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def cover(b: Builder) -> None:
    b.para("{%p if logo %}")
    b.para("{{p logo }}")
    b.para("{%p endif %}")
    b.para("{{ title }}", "Title")
    b.para("{{ namnd }}", "Subtitle")
    b.para("{{ kommun }}", "Omslag kommun")
    b.para("Perioden {{ period.cover_span }}", "Omslag uppgift")
    b.para("{%p if decision_date %}")
    b.para("Behandlad av {{ namnd|lower_first }} {{ decision_date }}", "Omslag uppgift")
    b.para("{%p endif %}")
    b.para("{%p if diarienummer %}")
    b.para("Diarienummer {{ diarienummer }}", "Omslag uppgift")
    b.para("{%p endif %}")
    b.page_break()
    b.toc()
    b.page_break()


def text(b: Builder, key: str) -> None:
    """A free-text block from texter.xlsx: paragraphs, bullets, footnotes, charts."""
    b.para(f"{{{{p text.{key} }}}}")


def optional(b: Builder, key: str, title: str | None = None, level: int = 0) -> None:
    """A section shown only when texter.xlsx has a non-empty text for `key`.

    Committee-specific sections (Barn och unga, Privata utförare …) are optional; the
    sections every delårsrapport has stay required, so a missing row stops the run.
    """
    b.para(f"{{%p if text.has('{key}') %}}")
    if title:
        b.heading(title, level)
    text(b, key)
    b.para("{%p endif %}")


ROUNDING_NOTE = ("Beloppen är avrundade. Summor och avvikelser är beräknade på de exakta "
                 "beloppen och kan därför skilja sig något från summan av de avrundade talen.")


def overview_table(b: Builder, table: str = "oversikt") -> None:
    """Ekonomi i korthet: the year's net costs and investments against budget."""
    b.para(f"Ekonomi, belopp {{{{ tables.{table}.unit }}}}", "Caption")
    b.para(f"{{{{p tables.{table}.table }}}}")


def arets_i_korthet(b: Builder, table: str = "oversikt") -> None:
    b.heading("Nämndens uppdrag", 1)
    text(b, "namndens_uppdrag")
    b.heading("Året i korthet utifrån nämndens uppdrag och inriktning", 1)
    optional(b, "aret_i_korthet")
    for title, key in (("Utvecklingsarbete", "utvecklingsarbete"),
                       ("Barn och unga", "barn_och_unga"),
                       ("Vuxna inkl LSS", "vuxna_inkl_lss")):
        optional(b, key, title, 2)
    overview_table(b, table)
    text(b, "ekonomi_i_korthet")
    b.heading("Händelser av väsentlig betydelse", 1)
    text(b, "handelser")
    b.heading("Förväntad utveckling", 1)
    text(b, "forvantad_utveckling")


def result_tables(b: Builder) -> None:
    """The driftsammandrag for the result so far and for the full-year forecast."""
    b.para("Driftsammandrag för resultat {{ period.end }}, belopp {{ tables.utfall.unit }}",
           "Caption")
    b.para("{{p tables.utfall.table }}")
    b.para("Driftsammandrag för prognos för helår {{ period.year }}, belopp "
           "{{ tables.prognos.unit }}", "Caption")
    b.para("{{p tables.prognos.table }}")
    b.para(ROUNDING_NOTE, "Tabellnot")
    optional(b, "budgetkommentar")


def investments(b: Builder, level: int) -> None:
    b.heading("Investeringar", level)
    b.para("Resultat {{ period.end_short }} och prognos för helår {{ period.year }}, "
           "belopp {{ tables.investeringar.unit }}", "Caption")
    b.para("{{p tables.investeringar.table }}")
    b.heading("Analys och kommentar", level + 1)
    text(b, "analys_investeringar")


def history(b: Builder, level: int, also_when: str | None = None) -> None:
    """Prognosens utveckling: each report of the year's forecast deviation, shown once the
    year has an earlier report with a forecast (and, with `also_when`, only when that text
    exists: an opt-in for the delårsrapport, which reproduces the reference without it)."""
    condition = "history.earlier" + (f" and text.has('{also_when}')" if also_when else "")
    b.para(f"{{%p if {condition} %}}")
    b.heading("Prognosens utveckling", level)
    b.para("Prognosens avvikelse mot budget i årets rapporter, belopp "
           "{{ tables.prognoshistorik.unit }}", "Caption")
    b.para("{{p tables.prognoshistorik.table }}")
    if also_when:
        text(b, also_when)
    else:
        optional(b, "prognos_utveckling")
    b.para("{%p endif %}")


def economy(b: Builder) -> None:
    b.heading("Ekonomi", 1)
    b.heading("Resultat och helårsprognos", 2)
    result_tables(b)
    b.heading("Analys och kommentar", 3)
    text(b, "analys_ekonomi")
    history(b, 2, also_when="prognos_utveckling")
    investments(b, 2)


def goals(b: Builder, heading: str = "Målredovisning med prognos") -> None:
    b.heading("Uppföljning av mål och inriktning", 1)
    b.heading(heading, 2)
    b.para("{%p if goal_summary %}")
    b.para("Måluppfyllelse i sammandrag, antal {{ goal_levels[-1]|lower }}", "Caption")
    b.para("{{p goal_summary }}")
    b.para("{%p endif %}")
    # One recursive block for one, two or three levels; the heading level follows the depth.
    b.para("{%p for g in goals recursive %}")
    b.para("{%p if g.level == 1 %}")
    b.heading("{{r g.heading }}", 3)
    b.para("{%p elif g.level == 2 %}")
    b.heading("{{r g.heading }}", 4)
    b.para("{%p else %}")
    b.heading("{{r g.heading }}", 5)
    b.para("{%p endif %}")
    b.para("{{p g.intro }}")
    b.para("{{p g.body }}")
    b.para("{%p if g.assessment %}")
    bedomning = b.para("{{r g.assessment_text }}", "Bedömning")
    bedomning.paragraph_format.keep_with_next = False
    b.para("{%p endif %}")
    b.para("{%p if g.children %}")
    b.para("{{p loop(g.children) }}")
    b.para("{%p endif %}")
    b.para("{%p endfor %}")
    b.heading("Strategiska utvecklingsuppdrag", 2)
    text(b, "uppdrag_inledning")
    b.para("{%p for g in uppdrag %}")
    # A caption before each table also keeps two tables from touching (Word would merge them).
    b.para("Strategiska utvecklingsuppdrag: {{ g.name }}", "Caption")
    b.para("{{p g.table }}")
    b.para("{%p endfor %}")


def volumes(b: Builder, level: int) -> None:
    b.heading("Volymutveckling", level)
    b.para("{{p tables.volymer.table }}")
    optional(b, "volym_kommentar", "Kommentar", level)
    b.heading("Personal", level)
    b.para("{{p tables.personal.table }}")


def activities(b: Builder) -> None:
    b.heading("Uppföljning av nämndens verksamhet", 1)
    b.heading("Planer och program", 2)
    optional(b, "lokalforsorjningsplan", "10-årig lokalförsörjningsplan", 3)
    b.heading("Internkontroll", 3)
    text(b, "internkontroll")
    private = ("privata_utforare", "privata_barn_unga", "privata_vuxna")
    b.para("{%p if " + " or ".join(f"text.has('{k}')" for k in private) + " %}")
    b.heading("Verksamhet som utförs av privat utförare", 3)
    optional(b, "privata_utforare")
    optional(b, "privata_barn_unga", "Privata utförare - Barn och Unga", 4)
    optional(b, "privata_vuxna", "Privata utförare - Vuxna", 4)
    b.para("{%p endif %}")
    b.heading("Volymtal, personalstatistik och nämndindikatorer", 2)
    volumes(b, 3)
    b.heading("Nämndindikatorer", 3)
    b.para("{%p for a in indikatorer %}")
    b.heading("{{ a.heading }}", 4)
    b.para("{%p for t in a.tables %}")
    b.para("{{r t.top_goal }}", "Caption")
    b.para("{{p t.table }}")
    b.para("{%p endfor %}")
    b.para("{%p endfor %}")
    optional(b, "bilagor", "Bilagor", 1)


def build_overview(out: Path = OVERVIEW_OUT) -> None:
    """The kommun-level overview written by `generate --alla`."""
    b = Builder()
    b.para("{{ title }}", "Title")
    b.para("{{ kommun }}", "Subtitle")
    b.heading("{{ heading }}", 1)
    b.para("{{ caption }}", "Caption")
    b.table([["Nämnd", "{{ headers.c0 }}", "{{ headers.c1 }}", "{{ headers.c2 }}"]],
            ["r.label", "r.c0", "r.c1", "r.c2"], "rows", [8.4, 2.8, 2.8, 2.4])
    b.para("{%p if missing %}")
    b.para("Saknas i översikten eftersom deras indata har fel: {{ missing }}. Totalen gäller "
           "bara nämnderna i tabellen.", "Bedömning")
    b.para("{%p endif %}")
    b.para("{{ chart }}")
    b.para("{{ chart_caption }}", "Caption")
    b.save(out)
    print(f"Skrev {out}")


def manadsrapport(b: Builder) -> None:
    """Short: the economy and a comment."""
    b.heading("Ekonomi i korthet", 1)
    overview_table(b)
    text(b, "ekonomi_i_korthet")
    b.heading("Resultat och helårsprognos", 1)
    result_tables(b)
    b.heading("Analys och kommentar", 2)
    text(b, "analys_ekonomi")
    history(b, 1)
    optional(b, "handelser", "Händelser av väsentlig betydelse", 1)
    optional(b, "atgarder", "Åtgärder för en ekonomi i balans", 1)


def prognosrapport(b: Builder) -> None:
    """The economy in full, the forecast's history, measures, outlook and volumes."""
    b.heading("Sammanfattning", 1)
    overview_table(b)
    text(b, "ekonomi_i_korthet")
    optional(b, "handelser", "Händelser av väsentlig betydelse", 1)
    b.heading("Ekonomi", 1)
    b.heading("Resultat och helårsprognos", 2)
    result_tables(b)
    b.heading("Analys och kommentar", 3)
    text(b, "analys_ekonomi")
    history(b, 2)
    investments(b, 2)
    optional(b, "atgarder", "Åtgärder för en ekonomi i balans", 1)
    b.heading("Förväntad utveckling", 1)
    text(b, "forvantad_utveckling")
    b.heading("Volymtal och personal", 1)
    volumes(b, 2)


def delarsrapport(b: Builder) -> None:
    arets_i_korthet(b)
    economy(b)
    goals(b)
    activities(b)


def verksamhetsberattelse(b: Builder) -> None:
    """The year's outcome against budget, how the forecasts held, goals and activities."""
    arets_i_korthet(b, "arsoversikt")
    b.heading("Ekonomi", 1)
    b.heading("Resultat {{ period.year }}", 2)
    b.para("Driftsammandrag {{ period.year }}, belopp {{ tables.arsutfall.unit }}", "Caption")
    b.para("{{p tables.arsutfall.table }}")
    b.para(ROUNDING_NOTE, "Tabellnot")
    optional(b, "budgetkommentar")
    b.heading("Analys och kommentar", 3)
    text(b, "analys_ekonomi")
    b.para("{%p if history.earlier %}")
    b.heading("Prognossäkerhet", 2)
    b.para("Prognosens avvikelse mot budget i årets rapporter och utfallets, belopp "
           "{{ tables.prognoshistorik.unit }}", "Caption")
    b.para("{{p tables.prognoshistorik.table }}")
    b.para("Prognossäkerhet: prognos minus utfall, belopp {{ tables.prognossakerhet.unit }}",
           "Caption")
    b.para("{{p tables.prognossakerhet.table }}")
    b.para("Positivt belopp: utfallet blev bättre (en lägre nettokostnad) än prognosen. "
           "Negativt: utfallet blev sämre.", "Tabellnot")
    optional(b, "prognossakerhet")
    b.para("{%p endif %}")
    b.heading("Investeringar", 2)
    b.para("Investeringar {{ period.year }}, belopp {{ tables.arsinvesteringar.unit }}",
           "Caption")
    b.para("{{p tables.arsinvesteringar.table }}")
    b.heading("Analys och kommentar", 3)
    text(b, "analys_investeringar")
    goals(b, "Målredovisning")
    activities(b)


KINDS = {"manadsrapport": manadsrapport, "prognosrapport": prognosrapport,
         "delarsrapport": delarsrapport, "verksamhetsberattelse": verksamhetsberattelse}


def build(out: Path = OUT, kind: str = "delarsrapport") -> None:
    """One kind's template: the cover and footer every report has, then its sections."""
    b = Builder()
    b.footer()
    cover(b)
    KINDS[kind](b)
    b.save(out)
    print(f"Skrev {out}")


if __name__ == "__main__":
    for name in KINDS:
        build(HERE / f"{name}.docx", name)
    build_overview()
