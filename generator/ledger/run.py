"""`generate importera`: ledger files → the nämnd's utfall.xlsx (and prognos.xlsx).

Everything is read and checked before anything is written: settings and mapping, then each
file (all files, so that one run names every problem), then the reconciliation. Errors stop
the import with nothing written; unmapped code strings are warnings (errors with --strict).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputNotFoundError
from generator.excel.files import OLE_MAGIC
from generator.excel.load import load_settings, load_verksamheter
from generator.excel.reader import WorkbookReader
from generator.excel.schema import MAPPNING, PROGNOS, SETTINGS, UTFALL
from generator.issues import Issue, SourceRef, error, warning
from generator.ledger.classify import Classifier
from generator.ledger.mapping import Mapping, load_mapping
from generator.ledger.model import Ledger, LedgerInputError, Measure, period_label
from generator.ledger.read_csv import read_csv
from generator.ledger.read_xlsx import read_xlsx
from generator.ledger.reconcile import (
    Summary,
    check_files,
    labels_for,
    summarize,
    unmapped_issues,
)
from generator.ledger.sie import read_sie
from generator.ledger.write import Written, write_prognos, write_utfall
from generator.locate import chosen_namnd_folders
from generator.model import Settings, Verksamhet
from generator.output import ensure_not_open
from generator.period import Period

SIE_SUFFIXES = (".se", ".si", ".sie")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
OTHER_WORKBOOKS = {  # read only as .xlsx: there an error value or a formula can be found
    ".xls": "det gamla Excel-formatet .xls (Excel 97–2003)",
    ".xlsb": "Excels binära format .xlsb",
    ".ods": "OpenDocument-formatet .ods (LibreOffice, OpenOffice)",
}


@dataclass
class ImportResult:
    namnd: str
    folder: Path
    summary: Summary
    written: list[Written] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kept_columns: list[str] = field(default_factory=list)


def choose_folder(inputs: Path, period: Period, namnd: str | None) -> Path:
    """The nämnd's period folder: the one named, or the only one with a mappning.xlsx."""
    folders = chosen_namnd_folders(inputs, namnd)
    with_period = [f / period.slug for f in folders if (f / period.slug).is_dir()]
    if namnd is not None:
        if not with_period:
            raise InputNotFoundError(
                f"{folders[0] / period.slug} finns inte. Skapa perioden först med generate "
                f"init --period {period.slug} --namnd {namnd}.")
        return with_period[0]
    mapped = [f for f in with_period if (f / MAPPNING.filename).is_file()]
    if len(mapped) == 1:
        return mapped[0]
    names = ", ".join(f.parent.name for f in (mapped or with_period)) or "inga"
    raise InputNotFoundError(
        f"Ange nämnden med --namnd: {'flera' if mapped else 'ingen'} nämnd"
        f"{'er' if mapped else ''} har {MAPPNING.filename} för {period.slug} (nämnder med "
        f"perioden: {names}).")


def read_file(path: Path, mapping: Mapping) -> Ledger:
    """One ledger file, by its name or, failing that, its first bytes."""
    if not path.is_file():
        raise LedgerInputError([error(SourceRef(path.name), (
            f"filen finns inte; förväntade en export ur ekonomisystemet på {path}"))])
    suffix = path.suffix.casefold()
    with path.open("rb") as f:
        head = f.read(64).lstrip(b"\xef\xbb\xbf \r\n\t")
    needed = mapping.needed
    kind = OTHER_WORKBOOKS.get(suffix) or (OTHER_WORKBOOKS[".xls"] if head.startswith(
        OLE_MAGIC) and suffix not in EXCEL_SUFFIXES else None)
    if kind is not None:
        raise LedgerInputError([error(SourceRef(path.name), (
            f"filen är en arbetsbok i {kind}, som importen inte läser; öppna den i Excel "
            "och spara den som Excel-arbetsbok (.xlsx), eller exportera huvudboken som CSV"))])
    if suffix in SIE_SUFFIXES or (suffix not in EXCEL_SUFFIXES and head.startswith(b"#")):
        return read_sie(path, mapping.dimensions, needed, mapping.optional)
    if suffix in EXCEL_SUFFIXES or head.startswith(b"PK"):
        return read_xlsx(path, mapping.columns, needed, mapping.ignored)
    return read_csv(path, mapping.columns, needed, mapping.decimal_mark, mapping.ignored)


def _settings(folder: Path, issues: list[Issue]
              ) -> tuple[Settings | None, tuple[Verksamhet, ...]]:
    reader = WorkbookReader(folder / SETTINGS.filename, SETTINGS, issues)
    if reader.book is None:
        return None, ()
    settings, _ = load_settings(reader, issues)  # (the logo's cell is not needed here)
    return settings, load_verksamheter(reader, issues)


def run_import(inputs: Path, period: Period, namnd: str | None, files: list[Path],
               mapping_path: Path | None = None, strict: bool = False,
               prognos: bool = False, progress: Callable[[str], None] = lambda _: None
               ) -> ImportResult:
    """Read, check, reconcile, write; LedgerInputError (nothing written) on errors."""
    folder = choose_folder(inputs, period, namnd)
    issues: list[Issue] = []
    progress(f"Läser {SETTINGS.filename} och {MAPPNING.filename}")
    settings, verksamheter = _settings(folder, issues)
    mapping = load_mapping(mapping_path or folder / MAPPNING.filename, verksamheter, issues)
    if settings is None or any(i.is_error for i in issues):
        raise LedgerInputError(issues)
    ledgers: list[Ledger] = []
    for path in files:
        progress(f"Läser {path.name}")
        try:
            ledger = read_file(path, mapping)
        except LedgerInputError as exc:
            issues.extend(exc.issues)
            continue
        ledgers.append(ledger)
        issues.extend(ledger.issues)
        for name in sorted(mapping.optional - set(ledger.fields)):
            rules = ", ".join(c.label for c in mapping.exclude if c.field == name)
            issues.append(warning(SourceRef(ledger.name), (
                f"filen saknar {name}, så Undanta-regeln {rules} gäller inte dess belopp")))
    if any(i.is_error for i in issues):
        raise LedgerInputError(issues)
    progress("Stämmer av mot rapportraderna")
    summary = summarize(ledgers, Classifier(mapping), period)
    issues += check_files(summary, ledgers, mapping.orgnr, settings.kommun)
    result = ImportResult(folder.parent.name, folder, summary)
    columns = _utfall_columns(summary, period, issues, result)
    issues += unmapped_issues(summary)
    if not mapping.include:
        result.notes.append("fliken Urval har inga Ta med-regler: alla rader i filerna "
                            "räknas som nämndens")
    year_columns = _prognos_columns(summary, period, issues) if prognos else []
    if any(i.is_error for i in issues) or (strict and issues):
        raise LedgerInputError(issues, strict=strict)
    result.warnings = issues
    # Both workbooks or neither: one open in Excel stops the import before anything is written.
    ensure_not_open(folder / UTFALL.filename)
    if year_columns:
        ensure_not_open(folder / PROGNOS.filename)
    progress(f"Skriver {folder / 'utfall.xlsx'}")
    result.written.append(write_utfall(folder, period.slug, settings, verksamheter, summary,
                                       columns, result.notes))
    if year_columns:
        progress(f"Skriver {folder / PROGNOS.filename}")
        result.written.append(write_prognos(folder, period.slug, settings, verksamheter,
                                            summary, year_columns, result.notes))
    return result


def _missing(summary: Summary, measure: Measure, year: int, months: range) -> list[str]:
    found = summary.coverage.get(measure, set())
    return [period_label(year * 100 + m) for m in months if year * 100 + m not in found]


def _utfall_columns(summary: Summary, period: Period, issues: list[Issue],
                    result: ImportResult) -> list[str]:
    """The utfall.xlsx columns the files cover; the rest keep the workbook's values."""
    labels = labels_for(period)
    months = range(1, period.month + 1)
    wanted = (("actual", Measure.ACTUAL, period.year), ("budget", Measure.BUDGET, period.year),
              ("previous", Measure.ACTUAL, period.year - 1))
    columns = []
    for column, measure, year in wanted:
        if not summary.any_in(measure, year):
            result.kept_columns.append(column)
            continue
        columns.append(column)
        missing = _missing(summary, measure, year, months)
        if missing:
            issues.append(warning(None, (
                f"filerna har {'inget utfall' if measure is Measure.ACTUAL else 'ingen budget'} "
                f"för {', '.join(missing)}, så {labels[column]} saknar de månaderna")))
    if columns == ["previous"]:
        issues.append(warning(None, (
            f"filerna har inga belopp för {period.year}, bara utfall för {period.year - 1}: "
            f"bara {labels['previous']} skrevs; gäller importen rätt period (--period)?")))
    if not columns:
        issues.append(error(None, (
            f"filerna har varken utfall eller budget för {period.year} eller utfall för "
            f"{period.year - 1}; förväntade en export som täcker {period.span_label}")))
    # The nämnd's own months: another nämnd's later bookings do not concern this report.
    after = [p for m, p in summary.months
             if m is Measure.ACTUAL and p // 100 == period.year and p % 100 > period.month
             and period.month != 12]  # a year-end period 13 belongs to December's year
    if after:
        issues.append(warning(None, (
            f"filerna har utfall efter perioden ({period_label(min(after))}"
            + (f"–{period_label(max(after))}" if len(after) > 1 else "")
            + f"), som inte kommer med i {labels['actual']}; gäller importen rätt period?")))
    other = sorted({p // 100 for m in summary.coverage.values() for p in m}
                   - {period.year, period.year - 1})
    if other:
        result.notes.append(f"belopp för {', '.join(map(str, other))} används inte (de står "
                            "per månad på fliken Avstämning)")
    return columns


def _prognos_columns(summary: Summary, period: Period, issues: list[Issue]) -> list[str]:
    """Budget helår and Bokslut föregående år need all twelve months."""
    columns = []
    for column, measure, year, what in (
            ("budget_year", Measure.BUDGET, period.year, "Budget helår"),
            ("previous_year", Measure.ACTUAL, period.year - 1, "Bokslut föregående år")):
        missing = _missing(summary, measure, year, range(1, 13))
        if missing:
            issues.append(warning(None, (
                f"{what} i {PROGNOS.filename} fylls inte i: filerna saknar "
                f"{'budget' if measure is Measure.BUDGET else 'utfall'} för "
                f"{', '.join(missing)}")))
        else:
            columns.append(column)
    return columns
