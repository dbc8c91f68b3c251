"""Read a nämnd's enheter.xlsx (and the rows and goals it refers to) into a `UnitSetup`."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from generator.excel.earlier import kind_of
from generator.excel.load import check_period, load_settings, load_verksamheter
from generator.excel.reader import WorkbookReader
from generator.excel.schema import ENHETER, MAL, SETTINGS, name_key
from generator.issues import Issue, SourceRef, error
from generator.model import Verksamhet
from generator.orgunits.model import Unit, UnitLine, UnitSetup
from generator.period import Period


def has_units(folder: Path) -> bool:
    return (folder / ENHETER.filename).is_file()


def load_setup(folder: Path, period: Period) -> tuple[UnitSetup | None, list[Issue]]:
    """The units, their rows and amounts; None with the problems when something is wrong."""
    issues: list[Issue] = []
    # The report's settings are checked by `generate check`; only what stops us is shown here.
    settings_issues: list[Issue] = []
    settings_reader = WorkbookReader(folder / SETTINGS.filename, SETTINGS, settings_issues)
    reader = WorkbookReader(folder / ENHETER.filename, ENHETER, issues)
    check_period(settings_reader, period, settings_issues)
    check_period(reader, period, issues)
    settings = rows = None
    if settings_reader.book is not None:
        settings, _ = load_settings(settings_reader, settings_issues)
        rows = load_verksamheter(settings_reader, settings_issues)
    issues[:0] = [i for i in settings_issues if i.is_error]
    if reader.book is None or rows is None:
        return None, issues
    units = _units(reader, issues)
    kind = kind_of(settings, period) if settings is not None else None
    if kind is not None and not kind.reads(MAL.filename):
        # a report without målredovisning (a månadsrapport): no goals to assess this time
        units = [replace(u, goals=()) for u in units]
    lines = _lines(reader, rows, units, issues)
    options = reader.settings(ENHETER.sheet("Inställningar"))
    issues.extend(reader.unused_sheets())
    _check_goals(folder, units, issues)
    if settings is None or any(i.is_error for i in issues):
        return None, issues
    threshold = options.number("threshold")
    return UnitSetup(
        namnd_key=folder.parent.name, namnd=settings.namnd, kommun=settings.kommun,
        period=period, folder=folder, input_unit=settings.input_unit, units=tuple(units),
        lines=tuple(lines), assessments=tuple(a.name for a in settings.assessments),
        deadline=options.text("deadline"), contact=options.text("contact"),
        threshold=threshold if threshold is not None else Decimal(10),
    ), issues


def _units(reader: WorkbookReader, issues: list[Issue]) -> list[Unit]:
    units: list[Unit] = []
    seen: dict[str, SourceRef] = {}
    for rec in reader.table(ENHETER.sheet("Enheter")):
        if not rec.ok:
            continue
        unit_id = rec.required_text("id")
        if name_key(unit_id) in seen:
            issues.append(error(rec.ref("id"), (
                f'enheten "{unit_id}" finns redan på {seen[name_key(unit_id)].cell}; varje '
                "enhet måste ha ett eget Id")))
            continue
        seen[name_key(unit_id)] = rec.ref("id")
        goals = tuple(g.strip() for g in (rec.text("goals") or "").split(";") if g.strip())
        units.append(Unit(unit_id, rec.required_text("name"), rec.required_text("manager"),
                          rec.text("email"), rec.text("analysis") == "Ja", goals,
                          rec.ref("id"), rec.refs.get("goals")))
    if not units and reader.readable(ENHETER.sheet("Enheter")):
        issues.append(error(SourceRef(reader.name, "Enheter"),
                            "inga enheter; förväntade minst en rad"))
    return units


def _lines(reader: WorkbookReader, rows: tuple[Verksamhet, ...], units: list[Unit],
           issues: list[Issue]) -> list[UnitLine]:
    """The Belopp rows, in the report's row order within each enhet."""
    by_key = {name_key(v.key): v for v in rows}
    unit_ids = {name_key(u.id): u.id for u in units}
    lines: list[UnitLine] = []
    seen: dict[tuple[str, str], int] = {}
    named: set[str] = set()  # enheter a Belopp row names, read or not
    for rec in reader.table(ENHETER.sheet("Belopp")):
        named.add(name_key(rec.text("unit") or ""))
        if not rec.ok:  # its cell errors are reported already
            continue
        unit_id = unit_ids.get(name_key(rec.required_text("unit")))
        key = rec.text("code") or rec.required_text("name")
        ref = rec.ref("code") if rec.text("code") else rec.ref("name")
        row = by_key.get(name_key(key))
        if unit_id is None:
            known = ", ".join(u.id for u in units) or "inga"
            issues.append(error(rec.ref("unit"), (
                f'okänd enhet "{rec["unit"]}"; förväntade ett Id från fliken Enheter: {known}')))
            continue
        if row is None or not row.has_figures:
            why = ("finns inte på fliken Verksamheter i installningar.xlsx" if row is None else
                   "har inga egna belopp (en rubrik eller summan av sina delar)")
            issues.append(error(ref, (
                f'verksamhetsraden "{key}" {why}; förväntade en rad med belopp i prognos.xlsx')))
            continue
        if (unit_id, row.key) in seen:
            issues.append(error(ref, (
                f'enheten {unit_id} har redan raden "{row.label}" på rad '
                f"{seen[(unit_id, row.key)]}; varje enhet och verksamhetsrad en gång")))
            continue
        seen[(unit_id, row.key)] = rec.row
        lines.append(UnitLine(unit_id, row, rec.amount("budget"), rec.number("actual"),
                              rec.number("previous"), SourceRef(reader.name, "Belopp",
                                                                f"rad {rec.row}")))
    with_lines = {line.unit_id for line in lines}
    for unit in units:
        if (unit.id not in with_lines and name_key(unit.id) not in named
                and reader.readable(ENHETER.sheet("Belopp"))):
            issues.append(error(unit.ref, (
                f"enheten {unit.label} har inga rader på fliken Belopp; förväntade minst en "
                "verksamhetsrad som enhetens prognos hör till")))
    order = {v.key: i for i, v in enumerate(rows)}
    return sorted(lines, key=lambda line: order[line.row.key])


def _check_goals(folder: Path, units: list[Unit], issues: list[Issue]) -> None:
    """A goal an enhet assesses must be a goal of mal.xlsx (its lowest filled level)."""
    if not any(u.goals for u in units):
        return
    reader = WorkbookReader(folder / MAL.filename, MAL, issues)
    names = set()
    for rec in reader.table(MAL.sheet("Mål")):
        levels = [str(v).strip() for _, v in rec["levels"] or [] if str(v or "").strip()]
        if levels:
            names.add(name_key(levels[-1]))
    if reader.book is None:
        return
    for unit in units:
        for goal in unit.goals:
            if name_key(goal) not in names:
                issues.append(error(unit.goals_ref or unit.ref, (
                    f'enheten {unit.label} ska bedöma målet "{goal}", som inte finns i '
                    f"{MAL.filename}; förväntade namnet på ett mål som det står där")))
