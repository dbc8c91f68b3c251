"""Context for the written parts of the report: texts, goals, assignments, volumes,
personnel and indicators. Text is shown verbatim; free text goes through `markup`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import groupby
from typing import Any

from generator.compute import STYLE_HEADING, STYLE_NOTE, STYLE_SUM, own_table
from generator.errors import TemplateError
from generator.excel.schema import TEXTER
from generator.formatting import MINUS, NBSP, format_number
from generator.markup import fill_placeholders, parse, stated_figures
from generator.model import (
    OWN_HEADING,
    OWN_NOTE,
    OWN_SUBTOTAL,
    OWN_SUM,
    SECTION,
    SUBLINE,
    Content,
    Goal,
    Indicator,
    OwnTable,
    Settings,
    TableRow,
    Text,
    VerbatimTable,
)
from generator.table_writer import BodyCell, BodyRow, HeaderCell, TableLayout
from generator.tables import slug
from generator.word import Writer, Xml


class TextBlocks(Mapping[str, Xml]):
    """`text.<key>` in the template: the free text of that section as paragraphs.

    Unknown keys stop the run with a message naming texter.xlsx; used keys are recorded so
    that texts the template never shows can be reported.
    """

    def __init__(self, texts: Mapping[str, Text], render: Callable[[Text], Xml]) -> None:
        self._texts = texts
        self._render = render
        self.used: set[str] = set()

    def __getitem__(self, key: str) -> Xml:
        if key not in self._texts:
            raise TemplateError(
                f'Mallen visar texten "{key}", men den finns inte i {TEXTER.filename} '
                f'(fliken Texter, kolumnen Avsnitt). Lägg till en rad med Avsnitt "{key}".')
        self.used.add(key)
        return self._render(self._texts[key])

    def has(self, key: str) -> bool:
        """For optional sections, `{%p if text.has('bilagor') %}`: the text exists, not empty.

        A committee without, say, private providers leaves the row out of texter.xlsx (or
        the cell empty) and the template drops the heading with the text.
        """
        return key in self._texts and bool(self._texts[key].text.strip())

    def __getattr__(self, key: str) -> Xml:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def _runs_with_break(writer: Writer, first: str, second: str | None) -> Xml:
    """Assignment cell: the text, then an italic note on a new line."""
    xml = writer.runs(first)
    if second:
        xml = Xml(xml + writer.runs("\n" + second, italic=True))
    return xml


def goal_heading(goal: Goal, settings: Settings, writer: Writer) -> Xml:
    """ "Målområde Samhälle", "Nämndmål *name*", "Strategiskt mål 3: *name* (GEH-mål)".

    The level's label from Målnivåer, the number and the mark as written; below the top
    level the name is italic, as in the reference.
    """
    label = settings.goal_levels[goal.level - 1] if goal.level <= len(settings.goal_levels) \
        else ""
    lead = f"{label} {goal.number}: " if goal.number else f"{label} "
    xml = writer.runs(lead.lstrip()) + writer.runs(goal.name, italic=goal.level > 1)
    if goal.mark:
        xml = xml + writer.runs(f" ({goal.mark})")
    return Xml(xml)


def assessment_runs(goal: Goal, settings: Settings, writer: Writer) -> Xml:
    """ "Nämndmålet bedöms: ◐ Delvis uppfyllt", the symbol in the scale's colour if any."""
    value = next((a for a in settings.assessments if a.name == goal.assessment), None)
    if value is None:
        return Xml("")
    parts = [writer.runs(f"{settings.assessment_label}: ")]
    if value.symbol:
        parts += [writer.runs(value.symbol, color=value.color), writer.runs(" ")]
    return Xml("".join([*parts, writer.runs(value.name)]))


def goal_node(goal: Goal, settings: Settings, writer: Writer,
              render: Callable[[Text], Xml]) -> dict[str, Any]:
    """One goal for the template's recursive block: `{%p for g in goals recursive %}`."""
    return {
        "level": goal.level,
        "label": settings.goal_levels[goal.level - 1],
        "name": goal.name,
        "number": goal.number or "",
        "mark": goal.mark or "",
        "heading": goal_heading(goal, settings, writer),
        "intro": render(goal.intro) if goal.intro else Xml(""),
        "body": render(goal.body) if goal.body else Xml(""),
        "assessment": goal.assessment or "",
        "assessment_text": assessment_runs(goal, settings, writer),
        "children": [goal_node(c, settings, writer, render) for c in goal.children],
    }


def goal_summary_table(content: Content, settings: Settings, writer: Writer) -> Xml:
    """Måluppfyllelse i sammandrag: assessed goals per top-level goal and value, and in total.

    The columns follow the settings' scale; without a scale there is no table.
    """
    scale = settings.assessments
    if not scale or not content.goals:
        return Xml("")
    by_top = len(settings.goal_levels) > 1
    groups = [(root.name, list(root.walk())) for root in content.goals] if by_top else []
    every = content.all_goals()

    def row(label: str, goals: Sequence[Goal], bold: bool) -> BodyRow:
        counts = [sum(1 for g in goals if g.assessment == a.name) for a in scale]
        key = f"malsammandrag.{slug(label)}"
        return BodyRow([BodyCell(writer.runs(label, bold)),
                        *(BodyCell(writer.figure(f"{key}.{slug(a.name)}", str(n), bold), True)
                          for a, n in zip(scale, counts, strict=True)),
                        BodyCell(writer.figure(f"{key}.totalt", str(sum(counts)), bold), True)],
                       STYLE_SUM if bold else "row")

    header = [HeaderCell(settings.goal_levels[0] if by_top else ""),
              *(HeaderCell(f"{a.symbol} {a.name}".strip(), numeric=True) for a in scale),
              HeaderCell("Totalt", numeric=True)]
    body = [*(row(name, goals, False) for name, goals in groups), row("Totalt", every, True)]
    layout = TableLayout([header], body, [4.4, *([None] * len(scale)), 2.0])
    return Xml(writer.tables.write(layout))


def goal_context(content: Content, settings: Settings, writer: Writer,
                 render: Callable[[Text], Xml]) -> dict[str, Any]:
    return {
        "goals": [goal_node(g, settings, writer, render) for g in content.goals],
        "goal_levels": list(settings.goal_levels),
        "goal_summary": goal_summary_table(content, settings, writer),
        "area_label": settings.area_label,
        "goal_label": settings.goal_label,
    }


def assignment_context(content: Content, settings: Settings, writer: Writer
                       ) -> list[dict[str, Any]]:
    """Uppdrag per group: numbered as written, or 1, 2, 3 … when the settings say so; a
    Status column only when some uppdrag has a status."""
    with_status = any(a.status for a in content.assignments)
    groups = []
    for name, grouped in groupby(content.assignments, key=lambda a: a.group):
        items = list(grouped)
        given = any(a.number for a in items)
        rows = []
        body = []
        for n, a in enumerate(items, start=1):
            number = a.number if given else (str(n) if settings.number_assignments else None)
            text = f"{number}. {a.text}" if number else a.text
            cell = _runs_with_break(writer, text, a.note)
            status = writer.runs(a.status or "")
            rows.append({"text": cell, "status": status})
            body.append(BodyRow([BodyCell(cell), *([BodyCell(status)] if with_status else [])]))
        header = [HeaderCell(name), *([HeaderCell("Status")] if with_status else [])]
        layout = TableLayout([header], body, [None, *([3.0] if with_status else [])])
        groups.append({"name": name, "rows": rows,
                       "table": Xml(writer.tables.write(layout))})
    return groups


_THOUSANDS_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


_LEADING_MINUS = re.compile(r"(?:(?<=^)|(?<=[\s(]))[-\u2013](?=\d)")


def keep_numbers_together(text: str) -> str:
    """ "8 605 kr/inv" typed with an ordinary space: make it a no-break space, as in the
    tables, so that a narrow cell never breaks a number in two; and "-1 335" typed with a
    hyphen gets the minus sign, which stays with its number. Looks the same."""
    return _LEADING_MINUS.sub(MINUS, _THOUSANDS_SPACE.sub(NBSP, text))


_NUMERIC = re.compile(r"^[+\-\u2212]?\d[\d \u00a0]*(?:[.,]\d+)?(?:\u00a0| )?%?$")


def looks_numeric(text: str) -> bool:
    """ "1 473", "7,2", "-3,5 %", "13%": a figure, right-aligned like the amounts."""
    return bool(_NUMERIC.match(text.strip()))


# Cells that say "no figure" and so neither make a column text nor count as a figure.
NO_FIGURE = {"i.u", "i.u.", "iu", "-", "–", "n/a", "na", "..", "x", "saknas"}


def numeric_columns(rows: Sequence[Sequence[str]], width: int) -> list[bool]:
    """Per column: every filled cell looks like a number (and at least one does)."""
    out = []
    for i in range(width):
        filled = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        figures = [c for c in filled if c.casefold() not in NO_FIGURE]
        out.append(bool(figures) and all(looks_numeric(c) for c in figures))
    return out


def all_figures(rows: Sequence[Sequence[str]], width: int) -> bool:
    """One alignment for a table's value columns: right only when every column that holds
    figures holds nothing else (a column of "i.u." goes along), so that "44 %" and
    "Augusti 2023: 53 %" side by side do not sit at opposite edges."""
    with_figures = [any(i < len(r) and r[i].strip() and r[i].strip().casefold() not in
                        NO_FIGURE for r in rows) for i in range(width)]
    numeric = numeric_columns(rows, width)
    return any(with_figures) and all(n for n, f in zip(numeric, with_figures, strict=True)
                                     if f)


def verbatim_table(label_header: str, headers: Sequence[str], rows: Sequence[TableRow],
                   writer: Writer, label_width: float | None = None) -> Xml:
    """Volymtal or personal as typed: the workbook's columns, its section and sub-rows."""
    numeric = numeric_columns([r.cells for r in rows if r.kind != SECTION], len(headers))
    header = [HeaderCell(label_header),
              *(HeaderCell(h, numeric=n) for h, n in zip(headers, numeric, strict=True))]
    body = []
    for r in rows:
        if r.kind == SECTION:
            body.append(BodyRow([BodyCell(writer.runs(r.label, bold=True))], STYLE_HEADING))
            continue
        body.append(BodyRow([
            BodyCell(writer.runs(r.label, footnote=r.footnote), indent=r.kind == SUBLINE),
            *(BodyCell(writer.runs(keep_numbers_together(c)), n)
              for c, n in zip(r.cells, numeric, strict=True))]))
    if label_width is None:
        label_width = max(4.5, min(7.4, writer.tables.text_width_cm - 2.4 * len(headers)))
    layout = TableLayout([header], body, [label_width, *([None] * len(headers))])
    return Xml(writer.tables.write(layout))


def verbatim_context(table_id: str, table: VerbatimTable, settings: Settings, writer: Writer
                     ) -> dict[str, Any]:
    spec = settings.table(table_id)
    return {
        "table": verbatim_table(spec.label_header, table.headers, table.rows, writer,
                                spec.label_width_cm),
        "headers": list(table.headers),
        "rows": [{"label": writer.runs(r.label, footnote=r.footnote), "kind": r.kind,
                  "cells": [writer.runs(keep_numbers_together(c)) for c in r.cells]}
                 for r in table.rows],
    }


def goal_cell(goal: str, writer: Writer) -> Xml:
    """A nämndmål in an indicator table: its name in bold, a description (the lines after
    the first, as typed in the cell) below it in plain text."""
    name, _, description = goal.partition("\n")
    xml = writer.runs(name, bold=bool(description))
    if description.strip():
        xml = Xml(xml + writer.runs("\n" + description.strip()))
    return xml


def indicator_table(content: Content, settings: Settings, top_goal: str,
                    rows: Sequence[Indicator], writer: Writer) -> Xml:
    """One kommunövergripande mål's indicators: only the columns its rows fill."""
    names = content.indicator_headers
    every = [h for h, _ in rows[0].values] if rows else []
    columns = [h for h in every if any(dict(r.values).get(h, "").strip() for r in rows)]
    with_goal = any(r.goal.strip() for r in rows)
    with_direction = any(r.direction.strip() for r in rows)
    values = [[dict(r.values).get(h, "") for h in columns] for r in rows if r.kind != SECTION]
    numeric = [all_figures(values, len(columns))] * len(columns)
    header = [*([HeaderCell(settings.goal_label)] if with_goal else []),
              HeaderCell(names.get("name", "Nämndindikator")),
              *(HeaderCell(content.header_overrides.get((top_goal, c), c), numeric=n)
                for c, n in zip(columns, numeric, strict=True)),
              *([HeaderCell(names.get("direction", "Önskad riktning"))]
                if with_direction else [])]
    body = []
    merges = _goal_merges(rows)
    for i, r in enumerate(rows):
        if r.kind == SECTION:
            body.append(BodyRow([BodyCell(writer.runs(r.name, bold=True))], STYLE_HEADING))
            continue
        cells = dict(r.values)
        followed_by_subline = i + 1 < len(rows) and rows[i + 1].kind == SUBLINE
        body.append(BodyRow([
            *([BodyCell(goal_cell(r.goal, writer), merge=merges[i])] if with_goal else []),
            BodyCell(writer.runs(r.name, footnote=r.footnote), indent=r.kind == SUBLINE),
            *(BodyCell(writer.runs(keep_numbers_together(cells.get(c, ""))), n)
              for c, n in zip(columns, numeric, strict=True)),
            *([BodyCell(writer.runs(r.direction, footnote=r.direction_footnote))]
              if with_direction else []),
        ], keep_with_next=followed_by_subline))
    widths: list[float | None] = [*([3.6] if with_goal else []), 4.6 if with_goal else 6.0,
                                  *([None] * len(columns)), *([2.4] if with_direction else [])]
    return Xml(writer.tables.write(TableLayout([header], body, widths)))


def _goal_merges(rows: Sequence[Indicator]) -> list[str]:
    """Per row, how its nämndmål cell merges: a goal repeated on the rows that follow (as
    the workbook has it, or left empty there) is one cell down beside all of its
    indicators ("first" and "rest"); a section row ends it."""
    out = [""] * len(rows)
    start: int | None = None
    for i, r in enumerate(rows):
        if r.kind == SECTION:
            start = None
        elif start is not None and (r.goal.strip() == rows[start].goal.strip()
                                    or not r.goal.strip()):
            out[start], out[i] = "first", "rest"
        else:
            start = i
    return out


def indicator_context(content: Content, settings: Settings, writer: Writer
                      ) -> list[dict[str, Any]]:
    """Indicators grouped by målområde, then one table per kommunövergripande mål."""
    areas = []
    for area, by_area in groupby(content.indicators, key=lambda i: i.area):
        tables = []
        for top_goal, group in groupby(by_area, key=lambda i: i.top_goal):
            tables.append({
                "top_goal": Xml(writer.runs(f"{settings.top_goal_label}: ")
                                + writer.runs(top_goal, italic=True)),
                "table": indicator_table(content, settings, top_goal, list(group), writer),
            })
        areas.append({"name": area, "heading": f"{settings.area_label}: {area}",
                      "tables": tables})
    return areas


def own_table_xml(table: OwnTable, settings: Settings, writer: Writer) -> str:
    """An own table in place of its `[tabell T1]` line: caption, table, source line."""
    from generator.validate import own_table_decimals, shown_factor

    computed = own_table(table)
    d = own_table_decimals(table, settings)
    factor = shown_factor(table, settings)
    body = []
    for row_number, (kind, cells) in enumerate(computed.rows, start=1):
        if kind in (OWN_HEADING, OWN_NOTE):
            text = " ".join(str(c) for c in cells if c is not None)
            body.append(BodyRow([BodyCell(writer.runs(text, bold=kind == OWN_HEADING,
                                                      italic=kind == OWN_NOTE))],
                                STYLE_HEADING if kind == OWN_HEADING else STYLE_NOTE))
            continue
        bold = kind in (OWN_SUM, OWN_SUBTOTAL)
        shown = [format_number(c * factor, d, MINUS) if isinstance(c, Decimal) and n
                 else "" if c is None else str(c)
                 for c, n in zip(cells, computed.numeric, strict=True)]
        body.append(BodyRow([
            BodyCell(writer.figure(f"tabell.{table.id}.r{row_number}.k{column}", t, bold)
                     if n else writer.runs(t, bold), n)
            for column, (t, n) in enumerate(zip(shown, computed.numeric, strict=True),
                                            start=1)],
            STYLE_SUM if bold else "row"))
    header = [HeaderCell(h, numeric=n) for h, n in zip(table.headers, computed.numeric,
                                                        strict=True)]
    widths: list[float | None] = [None] * len(table.headers)
    caption = table.caption
    if any(computed.numeric) and "belopp" not in caption.casefold():
        caption = f"{caption}, belopp {table.unit or settings.report_unit}"
    out = [writer.paragraph(writer.runs(caption), writer.styles.id("Caption")),
           writer.tables.write(TableLayout([header], body, widths, caption))]
    if table.source:
        out.append(writer.paragraph(writer.runs(f"Källa: {table.source}"),
                                    writer.styles.id("Tabellnot")))
    return "".join(out)


def content_context(content: Content, settings: Settings, writer: Writer,
                    figures: Mapping[str, Decimal]) -> tuple[dict[str, Any], TextBlocks]:
    def render(text: Text) -> Xml:
        filled, _unknown = fill_placeholders(stated_figures(text.text), figures,
                                             settings.decimals, MINUS, mark=True)
        return writer.blocks(parse(filled))

    own = {t.id.casefold(): t for t in content.own_tables}
    placed: set[str] = set()

    def table_xml(table_id: str) -> str:
        key = table_id.casefold()
        if key not in own or key in placed:
            return ""  # reported by validate: an unknown id, or placed twice
        placed.add(key)
        return own_table_xml(own[key], settings, writer)

    writer.table_xml = table_xml
    texts = TextBlocks(content.texts, render)
    context = {
        "text": texts,
        **goal_context(content, settings, writer, render),
        "uppdrag": assignment_context(content, settings, writer),
        "indikatorer": indicator_context(content, settings, writer),
        "tables": {"volymer": verbatim_context("volymer", content.volumes, settings, writer),
                   "personal": verbatim_context("personal", content.personnel, settings,
                                                writer)},
    }
    return context, texts
