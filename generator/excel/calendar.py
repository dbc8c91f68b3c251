"""The sheets Rapporter and Rapporttyper of installningar.xlsx: the year's calendar of
reports (month → kind) and each kind's own title, footer and template."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.excel.reader import WorkbookReader
from generator.excel.schema import SETTINGS
from generator.issues import Issue, SourceRef, error
from generator.kinds import KindSettings, ReportKind, find_kind
from generator.period import MONTHS_SV

Calendar = dict[int, ReportKind]


def load_calendar(reader: WorkbookReader, issues: list[Issue]) -> Calendar:
    """Month (1–12) → kind; empty when the sheet is missing or has no rows."""
    found: Calendar = {}
    rows: dict[int, int] = {}
    for rec in reader.table(SETTINGS.sheet("Rapporter")):
        if not rec.ok:
            continue
        month = MONTHS_SV.index(rec.required_text("month")) + 1
        kind = find_kind(rec.required_text("kind"))
        assert kind is not None  # a choice of the kinds' names, checked when read
        if month in rows:
            issues.append(error(rec.ref("month"), (
                f"{MONTHS_SV[month - 1]} står redan på rad {rows[month]}; varje månad får "
                "bara ha en rapport")))
            continue
        rows[month] = rec.row
        found[month] = kind
    return found


def load_kind_settings(reader: WorkbookReader, issues: list[Issue]
                       ) -> tuple[dict[str, KindSettings], dict[str, SourceRef]]:
    """Each kind's own title, footer and template file name (resolved against the folders
    by `find_templates`), and the Mall cells for messages."""
    found: dict[str, KindSettings] = {}
    refs: dict[str, SourceRef] = {}
    rows: dict[str, int] = {}
    for rec in reader.table(SETTINGS.sheet("Rapporttyper")):
        if not rec.ok:
            continue
        kind = find_kind(rec.required_text("kind"))
        assert kind is not None
        if kind.key in rows:
            issues.append(error(rec.ref("kind"), (
                f"{kind.name} står redan på rad {rows[kind.key]}; varje rapporttyp får bara "
                "ha en rad")))
            continue
        rows[kind.key] = rec.row
        template = rec.text("template")
        found[kind.key] = KindSettings(rec.text("title"), rec.text("footer"),
                                       Path(template) if template else None)
        if template:
            refs[kind.key] = rec.ref("template")
    return found, refs


def find_templates(folder: Path, kinds: dict[str, KindSettings],
                   refs: dict[str, SourceRef], issues: list[Issue]) -> dict[str, KindSettings]:
    """Each named template found in the period folder or the nämnd's folder above it."""
    out = {}
    for key, own in kinds.items():
        if own.template is None:
            out[key] = own
            continue
        path = next((place / own.template for place in (folder, folder.parent)
                     if (place / own.template).is_file()), None)
        if path is None:
            issues.append(error(refs.get(key), (
                f'mallen "{own.template}" finns varken i {folder} eller i {folder.parent}; '
                "förväntade filnamnet på en Word-mall (.docx) i en av mapparna")))
        elif path.suffix.casefold() != ".docx":
            issues.append(error(refs.get(key), (
                f"{path.name} är ingen Word-mall; förväntade en fil som slutar på .docx")))
            path = None
        out[key] = replace(own, template=path)
    return out
