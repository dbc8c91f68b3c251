"""mappning.xlsx → `Mapping`: which rows are the nämnd's, which accounts are costs and
revenue, and which report row each code string belongs to.

Read with the same reader as the other workbooks, so every problem names file › sheet ›
cell. A rule's report row must be a row of installningar.xlsx › Verksamheter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.excel.load import open_elsewhere
from generator.excel.reader import WorkbookReader
from generator.excel.schema import MAPPNING, SETTINGS, UNUSED_COLUMN, name_key
from generator.issues import Issue, SourceRef, error, warning
from generator.ledger.model import FIELDS
from generator.ledger.patterns import Pattern, PatternError
from generator.model import Verksamhet


@dataclass(frozen=True)
class Condition:
    """One row of Urval: a field and the codes it must (or must not) have."""

    field: str
    pattern: Pattern
    ref: SourceRef

    @property
    def label(self) -> str:
        return f"{self.field} {self.pattern.text}"


@dataclass(frozen=True)
class AccountRule:
    pattern: Pattern
    kind: str  # "Kostnad", "Intäkt", "Utanför driften"
    ref: SourceRef


@dataclass(frozen=True)
class RowRule:
    """One row of Rader: conditions per field (empty: any code) → a report row."""

    row: Verksamhet
    conditions: tuple[tuple[int, Pattern], ...]  # (position in FIELDS, pattern)
    ref: SourceRef


@dataclass
class Mapping:
    path: Path
    orgnr: str | None = None
    decimal_mark: str | None = None  # "," "." or None (guess)
    columns: dict[str, str] = field(default_factory=dict)     # field → export column
    dimensions: dict[str, str] = field(default_factory=dict)  # field → SIE dimension
    ignored: set[str] = field(default_factory=set)  # export columns skipped without a word
    include: list[Condition] = field(default_factory=list)
    exclude: list[Condition] = field(default_factory=list)
    accounts: list[AccountRule] = field(default_factory=list)
    rows: list[RowRule] = field(default_factory=list)

    @property
    def needed(self) -> set[str]:
        """The code fields that place an amount (Ta med, Rader): an export must have them.
        Konto, which every export must have, is not listed."""
        used = {c.field for c in self.include}
        used |= {FIELDS[i] for r in self.rows for i, _ in r.conditions}
        return used - {"Konto"}

    @property
    def optional(self) -> set[str]:
        """Fields only Undanta uses: without them nothing is excluded (a warning says so);
        a budget export seldom has a motpart."""
        return {c.field for c in self.exclude} - self.needed - {"Konto"}


def _pattern(value: object, ref: SourceRef, issues: list[Issue]) -> Pattern | None:
    try:
        return Pattern.parse(value)
    except PatternError as exc:
        issues.append(error(ref, str(exc)))
        return None


def _row_of(value: str, verksamheter: tuple[Verksamhet, ...]) -> Verksamhet | None:
    wanted = name_key(value)
    for v in verksamheter:
        if wanted in {name_key(v.key), name_key(v.name), name_key(v.label)}:
            return v
    return None


def load_mapping(path: Path, verksamheter: tuple[Verksamhet, ...],
                 issues: list[Issue]) -> Mapping:
    """Read the mapping; problems go to `issues` (the caller stops on errors)."""
    if path.exists():
        issues.extend(open_elsewhere(path))
    reader = WorkbookReader(path, MAPPNING, issues)
    mapping = Mapping(path)
    if reader.book is None:
        return mapping
    settings = reader.settings(MAPPNING.sheet("Inställningar"))
    mapping.orgnr = settings["orgnr"]
    mapping.decimal_mark = {"Komma": ",", "Punkt": "."}.get(settings["decimal_mark"] or "")
    for rec in reader.table(MAPPNING.sheet("Kolumner")):
        if rec.ok and rec["field"] == UNUSED_COLUMN:
            if rec["column"]:
                mapping.ignored.add(rec["column"])
        elif rec.ok and rec["field"]:
            if rec["column"]:
                mapping.columns[rec["field"]] = rec["column"]
            if rec["dimension"]:
                mapping.dimensions[rec["field"]] = rec["dimension"]
    for rec in reader.table(MAPPNING.sheet("Urval")):
        if not rec.ok:
            continue
        pattern = _pattern(rec["codes"], rec.ref("codes"), issues)
        if pattern is not None:
            condition = Condition(rec["field"], pattern, rec.ref("codes"))
            (mapping.include if rec["rule"] == "Ta med" else mapping.exclude).append(condition)
    for rec in reader.table(MAPPNING.sheet("Konton")):
        if rec.ok:
            pattern = _pattern(rec["codes"], rec.ref("codes"), issues)
            if pattern is not None:
                mapping.accounts.append(AccountRule(pattern, rec["kind"], rec.ref("codes")))
    _row_rules(reader, verksamheter, mapping, issues)
    if reader.readable(MAPPNING.sheet("Konton")) and not mapping.accounts:
        issues.append(error(SourceRef(path.name, "Konton"), (
            "inga konton; förväntade minst en rad, till exempel 3* Intäkt och 4000-7999 "
            "Kostnad")))
    return mapping


def _row_rules(reader: WorkbookReader, verksamheter: tuple[Verksamhet, ...],
               mapping: Mapping, issues: list[Issue]) -> None:
    spec = MAPPNING.sheet("Rader")
    ruled: set[str] = set()
    for rec in reader.table(spec):
        if not rec.ok:
            continue
        row = _row_of(str(rec["row"]), verksamheter)
        if row is None:
            known = ", ".join(v.key for v in verksamheter if v.has_figures)
            issues.append(error(rec.ref("row"), (
                f'okänd rapportrad "{rec["row"]}"; förväntade koden eller namnet på en rad på '
                f"fliken Verksamheter i {SETTINGS.filename}: {known}")))
            continue
        if not row.has_figures:
            parts = [v.label for v in verksamheter if v.part_of == row.key]
            why = (f"räknas ut som summan av {', '.join(parts)}; ange en av dem"
                   if parts else "är en rubrik utan belopp; förväntade en rad med belopp")
            issues.append(error(rec.ref("row"), f'"{row.label}" {why}'))
            continue
        conditions = []
        for i, name in enumerate(FIELDS):
            value = rec[name.casefold()]
            if value:
                pattern = _pattern(value, rec.ref(name.casefold()), issues)
                if pattern is not None:
                    conditions.append((i, pattern))
        mapping.rows.append(RowRule(row, tuple(conditions), rec.ref("row")))
        ruled.add(row.key)
    if reader.readable(spec):
        for v in verksamheter:
            if v.has_figures and v.key not in ruled:
                issues.append(warning(SourceRef(mapping.path.name, spec.name), (
                    f'rapportraden "{v.label}" har ingen regel och får 0 i utfall.xlsx; lägg '
                    "till en regel om raden ska ha belopp")))
