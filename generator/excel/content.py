"""Load the report's written parts: texts, goals, assignments, volumes and indicators.

These cells are shown verbatim; only the free-text cells carry markup (see `markup`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.excel.own_tables import load_own_tables
from generator.excel.reader import Record, WorkbookReader
from generator.excel.schema import (
    CONTENT_WORKBOOKS,
    DRAFT_MARKER,
    INDIKATORER,
    MAL,
    TEXTER,
    UPPDRAG,
    VOLYMER,
    name_key,
)
from generator.issues import Issue, SourceRef, error, warning
from generator.kinds import DEFAULT, ReportKind
from generator.model import (
    DEFAULT_ASSESSMENTS,
    LINE,
    Assessment,
    Assignment,
    Content,
    Goal,
    Indicator,
    Settings,
    TableRow,
    Text,
    VerbatimTable,
)
from generator.period import Period


def _texts(reader: WorkbookReader, issues: list[Issue]) -> dict[str, Text]:
    texts: dict[str, Text] = {}
    for rec in reader.table(TEXTER.sheet("Texter")):
        if not rec.ok:
            continue
        key = rec["key"]
        if key in texts:
            issues.append(error(rec.ref("key"), (
                f'avsnittet "{key}" finns redan på en tidigare rad; varje avsnitt får bara ha '
                "en rad")))
            continue
        texts[key] = Text(key, rec["text"] or "", rec.ref("text"))
    return texts


@dataclass
class _Node:
    """A goal while the tree is being built from the rows (frozen into `Goal` after)."""

    level: int
    name: str
    row: Record | None = None
    children: list[_Node] = field(default_factory=list)


def _level_columns(reader: WorkbookReader, levels: tuple[str, ...], issues: list[Issue]
                   ) -> list[str] | None:
    """The headers of mal.xlsx's level columns, matched to Målnivåer; None when missing."""
    spec = MAL.sheet("Mål")
    found = {name_key(h): h for h, _ in reader.extra_headers.get(spec.name, [])}
    # The first stage's layout named the two levels Målområde and Nämndmål whatever the
    # labels were; such a workbook still reads.
    legacy = {0: "målområde", len(levels) - 1: "nämndmål"} if len(levels) == 2 else {}
    headers = []
    missing = []
    for i, label in enumerate(levels):
        header = found.get(name_key(label)) or found.get(legacy.get(i, ""))
        if header is None:
            missing.append(label)
        else:
            headers.append(header)
    if missing:
        shown = ", ".join(f'"{m}"' for m in missing)
        issues.append(error(SourceRef(reader.name, spec.name, "rad 1"), (
            f"kolumnen för målnivån {shown} saknas; förväntade en kolumn per nivå i Målnivåer "
            f"i installningar.xlsx ({'; '.join(levels)}), längst till vänster")))
        return None
    for header, letter in reader.extra_headers.get(spec.name, []):
        if header not in headers:
            issues.append(warning(SourceRef(reader.name, spec.name, f"kolumn {letter}"), (
                f'kolumnen "{header}" används inte: den är ingen av målnivåerna '
                f"({'; '.join(levels)}) i installningar.xlsx och ingen av mal.xlsx kolumner")))
    return headers


def _goals(reader: WorkbookReader, issues: list[Issue], settings: Settings | None
           ) -> tuple[Goal, ...]:
    levels = settings.goal_levels if settings else ("Målområde", "Nämndmål")
    scale = settings.assessments if settings else DEFAULT_ASSESSMENTS
    records = reader.table(MAL.sheet("Mål"))
    headers = _level_columns(reader, levels, issues) if reader.readable(MAL.sheet("Mål")) \
        else None
    if headers is None:
        return ()
    roots: list[_Node] = []
    by_path: dict[tuple[str, ...], _Node] = {}
    first_issue = len(issues)
    for rec in records:
        names = dict(rec["levels"] or [])
        path_cells = [(names.get(h) or "").strip() for h in headers]
        intro = _text(rec, "intro")
        body = _text(rec, "text")
        if not rec.ok or not _valid_row(rec, path_cells, headers, levels, scale, issues):
            issues.extend(_drafts([t for t in (intro, body) if t is not None]))
            continue
        depth = len([c for c in path_cells if c])
        path = tuple(path_cells[:depth])
        parent_children = roots
        for level in range(1, depth + 1):
            key = path[:level]
            node = by_path.get(key)
            if node is None:
                node = _Node(level, key[-1])
                by_path[key] = node
                parent_children.append(node)
            parent_children = node.children
        node = by_path[path]
        if node.row is not None:
            issues.append(error(rec.refs.get(f"levels:{headers[depth - 1]}", rec.ref("intro")), (
                f'målet "{path[-1]}" finns redan på rad {node.row.row}; varje mål får bara ha '
                "en egen rad")))
            continue
        node.row = rec
    # A new period's empty Bedömning column is one message, not one per goal.
    reader.fold_empty_columns(first_issue, sum(
        1 for rec in records
        if len([c for c in (dict(rec["levels"] or []).get(h) for h in headers) if c])
        == len(levels)))
    return tuple(_freeze(n, reader.name) for n in roots)


def _text(rec: Record, key: str) -> Text | None:
    value = rec.text(key)
    return Text(f"mål rad {rec.row}", value, rec.ref(key)) if value else None


def _valid_row(rec: Record, path: list[str], headers: list[str], levels: tuple[str, ...],
               scale: tuple[Assessment, ...], issues: list[Issue]) -> bool:
    """Levels filled from the top without gaps; a bedömning from the scale where required."""
    depth = len([c for c in path if c])
    where = rec.refs.get(headers[0], rec.ref("intro"))
    if depth == 0 or any(not c for c in path[:depth]):
        issues.append(error(where, (
            f"förväntade målnivåerna ifyllda uppifrån utan luckor ({'; '.join(levels)}), "
            f"hittade {' | '.join(c or '(tom)' for c in path)}")))
        return False
    value = rec.text("assessment")
    names = [a.name for a in scale]
    quoted = ", ".join(f'"{n}"' for n in names)
    if not scale:
        if value:
            issues.append(warning(rec.ref("assessment"), (
                f'bedömningen "{value}" visas inte: Målen bedöms är Nej i installningar.xlsx')))
        return True
    if value is None:
        if depth == len(levels):
            issues.append(error(rec.ref("assessment"), (
                f'"Bedömning" saknas: hittade en tom cell, förväntade ett av värdena '
                f"{quoted}")))
            return False
        return True
    match = next((n for n in names if name_key(n) == name_key(value)), None)
    if match is None:
        issues.append(error(rec.ref("assessment"), (
            f"förväntade ett av värdena {quoted} "
            f'(fliken Bedömningar i installningar.xlsx), hittade "{value}"')))
        return False
    rec.values["assessment"] = match
    return True


def _freeze(node: _Node, filename: str) -> Goal:
    rec = node.row
    children = tuple(_freeze(c, filename) for c in node.children)
    if rec is None:  # a level named only by the rows below it
        return Goal(node.level, node.name, None, None, None, SourceRef(filename, "Mål"),
                    children=children)
    return Goal(node.level, node.name, _text(rec, "intro"), _text(rec, "text"),
                rec.text("assessment"), rec.ref("intro"), rec.text("number"),
                rec.text("mark"), children)


def _assignments(reader: WorkbookReader) -> tuple[Assignment, ...]:
    return tuple(
        Assignment(rec.required_text("group"), rec.required_text("text"), rec.text("note"),
                   rec.text("status"), rec.text("number"))
        for rec in reader.table(UPPDRAG.sheet("Uppdrag")) if rec.ok
    )


def _verbatim(reader: WorkbookReader, sheet: str) -> VerbatimTable:
    """A volume or personnel table: its value columns as the workbook names them."""
    spec = VOLYMER.sheet(sheet)
    records = [rec for rec in reader.table(spec) if rec.ok]
    headers = tuple(h for h, _ in reader.extra_headers.get(spec.name, []))
    has_footnote = any(c.key == "footnote" for c in spec.columns)
    rows = tuple(
        TableRow(rec.required_text("name"), rec.text("footnote") if has_footnote else None,
                 tuple(dict(rec["values"]).get(h, "") or "" for h in headers),
                 rec.text("kind") or LINE)
        for rec in records)
    return VerbatimTable(headers, rows)


def _indicators(reader: WorkbookReader) -> tuple[tuple[Indicator, ...],
                                                dict[tuple[str, str], str]]:
    rows = tuple(
        Indicator(rec["area"], rec["top_goal"], rec["goal"] or "", rec["name"],
                  rec["footnote"], tuple(rec["values"]), rec["direction"] or "",
                  rec["direction_footnote"], rec.text("kind") or LINE)
        for rec in reader.table(INDIKATORER.sheet("Indikatorer")) if rec.ok
    )
    overrides = {}
    optional = INDIKATORER.sheet("Kolumnrubriker")
    if reader.has_sheet(optional):
        for rec in reader.table(optional):
            if rec.ok:
                overrides[(rec["top_goal"], rec["column"])] = rec["header"]
    return rows, overrides


def check_drafts(content: Content) -> list[Issue]:
    """Last period's text kept as a draft by `generate init` must not slip into a report.

    Checked while loading, so that `generate check` lists the drafts even while figures are
    still missing.
    """
    return _drafts(content.free_texts())


def _drafts(texts: list[Text]) -> list[Issue]:
    return [warning(t.ref, (
        f"texten är förra periodens utkast (börjar med {DRAFT_MARKER}); skriv om den och ta "
        f"bort {DRAFT_MARKER} i början")) for t in texts
        if t.text.lstrip().upper().startswith(DRAFT_MARKER)]


def load_content(folder: Path, period: Period, issues: list[Issue],
                 settings: Settings | None = None, kind: ReportKind = DEFAULT) -> Content:
    """Read the content workbooks the report's kind has (a månadsrapport: only the texts);
    a missing one is reported like any other problem."""
    from generator.excel.load import check_period, open_workbook

    readers = {}
    for spec in CONTENT_WORKBOOKS:
        if kind.reads(spec.filename):
            reader = open_workbook(folder, spec, kind, issues)
            check_period(reader, period, issues)
            readers[spec.filename] = reader
    indicators: tuple[Indicator, ...] = ()
    overrides: dict[tuple[str, str], str] = {}
    if INDIKATORER.filename in readers and readers[INDIKATORER.filename].book:
        indicators, overrides = _indicators(readers[INDIKATORER.filename])
    volumes = readers.get(VOLYMER.filename)
    content = Content(
        texts=_texts(readers[TEXTER.filename], issues),
        goals=_goals(readers[MAL.filename], issues, settings) if MAL.filename in readers
        else (),
        assignments=_assignments(readers[UPPDRAG.filename]) if UPPDRAG.filename in readers
        else (),
        volumes=_verbatim(volumes, "Volymer") if volumes else VerbatimTable(),
        personnel=_verbatim(volumes, "Personal") if volumes else VerbatimTable(),
        indicators=indicators,
        header_overrides=overrides,
        indicator_headers={c.key: c.header for c in INDIKATORER.sheet("Indikatorer").columns},
        own_tables=load_own_tables(folder, period, issues,
                                    settings.input_unit if settings else None),
    )
    issues.extend(check_drafts(content))
    for reader in readers.values():
        issues.extend(reader.unused_sheets())
    return content
