"""Load the report's written parts: texts, goals, assignments, volumes and indicators.

These cells are shown verbatim; only the free-text cells carry markup (see `markup`).
"""

from __future__ import annotations

from pathlib import Path

from generator.excel.reader import WorkbookReader
from generator.excel.schema import (
    CONTENT_WORKBOOKS,
    DRAFT_MARKER,
    INDIKATORER,
    MAL,
    TEXTER,
    UPPDRAG,
    VOLYMER,
)
from generator.issues import Issue, error, warning
from generator.model import (
    LINE,
    Assignment,
    Content,
    Goal,
    Indicator,
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


def _goals(reader: WorkbookReader, issues: list[Issue]) -> tuple[Goal, ...]:
    goals = []
    for rec in reader.table(MAL.sheet("Mål")):
        intro = Text(f"mål rad {rec.row}", rec["intro"], rec.ref("intro")) if rec["intro"] \
            else None
        body = Text(f"mål rad {rec.row}", rec["text"], rec.ref("text")) if rec["text"] else None
        if not rec.ok:
            # The row is not used, but its drafts are still listed, so that one check names
            # every text left to rewrite (a new period's rows lack their bedömning too).
            issues.extend(_drafts([t for t in (intro, body) if t is not None]))
            continue
        goals.append(Goal(rec["area"], rec["name"], intro, body, rec["assessment"],
                          rec.ref("name")))
    return tuple(goals)


def _assignments(reader: WorkbookReader) -> tuple[Assignment, ...]:
    return tuple(
        Assignment(rec["group"], rec["text"], rec["note"], rec["status"])
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


def load_content(folder: Path, period: Period, issues: list[Issue]) -> Content:
    """Read the five content workbooks; a missing one is reported like any other problem."""
    from generator.excel.load import check_period

    readers = {}
    for spec in CONTENT_WORKBOOKS:
        reader = WorkbookReader(folder / spec.filename, spec, issues)
        check_period(reader, period, issues)
        readers[spec.filename] = reader
    indicators, overrides = _indicators(readers[INDIKATORER.filename]) \
        if readers[INDIKATORER.filename].book else ((), {})
    content = Content(
        texts=_texts(readers[TEXTER.filename], issues),
        goals=_goals(readers[MAL.filename], issues),
        assignments=_assignments(readers[UPPDRAG.filename]),
        volumes=_verbatim(readers[VOLYMER.filename], "Volymer"),
        personnel=_verbatim(readers[VOLYMER.filename], "Personal"),
        indicators=indicators,
        header_overrides=overrides,
        indicator_headers={c.key: c.header for c in INDIKATORER.sheet("Indikatorer").columns},
    )
    issues.extend(check_drafts(content))
    return content
