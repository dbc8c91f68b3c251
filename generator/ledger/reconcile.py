"""Sum the classified amounts into the report's columns and prove that nothing was lost.

Columns (the Avstämning sheet's and the workbooks'): Redovisat perioden (utfall of the
report year, January to the period's month), Budget perioden (budget, same months),
Redovisat samma period föregående år, Budget helår (every month of the year) and Redovisat
helår föregående år (bokslut). Amounts outside them (other years, utfall after the period's
month) are kept per month and named in the summary.

The reconciliation, to the öre, per column: the nämnd's total (every code string that Urval
takes in) = the report rows + excluded + outside the drift + unmapped. And per file: the
total summed line by line while reading = the total of what was aggregated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.issues import Issue, SourceRef, error, warning
from generator.ledger.amounts import kr
from generator.ledger.classify import (
    EXCLUDED,
    OTHER,
    OUTSIDE,
    ROW,
    UNMAPPED,
    Classifier,
    Outcome,
)
from generator.ledger.model import FIELDS, Codes, Ledger, Measure, codes_label, period_label
from generator.period import Period

COLUMNS = ("actual", "budget", "previous", "budget_year", "previous_year")
COLUMN_LABELS = {
    "actual": "redovisat {span}", "budget": "budget {span}",
    "previous": "redovisat {prev_span}", "budget_year": "budget helår {year}",
    "previous_year": "redovisat helår {prev}",
}
SHOWN_UNMAPPED = 15


def columns_for(measure: Measure, period: int, report: Period) -> tuple[str, ...]:
    """The columns an amount of `measure` in `period` (ÅÅÅÅMM) counts in."""
    year, month = divmod(period, 100)
    within = month <= report.month or report.month == 12  # month 13 closes December's year
    if measure is Measure.ACTUAL:
        if year == report.year:
            return ("actual",) if within else ()
        if year == report.year - 1:
            return ("previous", "previous_year") if within else ("previous_year",)
        return ()
    if year == report.year:
        return ("budget", "budget_year") if within else ("budget_year",)
    return ()


@dataclass
class FileTotals:
    name: str
    kind: str
    rows: int
    totals: dict[Measure, int]
    namnd: Counter[str] = field(default_factory=Counter)
    namnd_codes: int = 0  # the nämnd's code strings in the file, whatever their periods
    periods: dict[Measure, set[int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Unmapped:
    codes: Codes
    reason: str
    ref: SourceRef | None
    amounts: Counter[str] = field(default_factory=Counter)


@dataclass
class Summary:
    """Everything the import found, in öre, ready to be written and shown."""

    period: Period
    fields: tuple[str, ...] = ()
    rows: dict[str, Counter[str]] = field(default_factory=dict)  # Verksamhet.key → column
    varav: dict[str, Counter[str]] = field(default_factory=dict)  # Kostnad / Intäkt
    excluded: dict[str, Counter[str]] = field(default_factory=dict)
    outside: dict[str, Counter[str]] = field(default_factory=dict)
    unmapped: dict[Codes, Unmapped] = field(default_factory=dict)
    namnd: Counter[str] = field(default_factory=Counter)
    namnd_rows: Counter[str] = field(default_factory=Counter)  # amounts in each column
    months: dict[tuple[Measure, int], int] = field(default_factory=dict)  # the nämnd's
    files: list[FileTotals] = field(default_factory=list)
    coverage: dict[Measure, set[int]] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # from SIE files

    def any_in(self, measure: Measure, year: int) -> bool:
        return any(p // 100 == year for p in self.coverage.get(measure, set()))


def summarize(ledgers: list[Ledger], classify: Classifier, period: Period) -> Summary:
    """Classify every code string of every file and add it up per column.

    The nämnd's code strings are first summed per month within each place they go (a report
    row and account kind, an exclusion, one unmapped code string), so that the columns are
    worked out per place and month rather than per code string and month.
    """
    summary = Summary(period)
    fields: list[str] = []
    # The month sums of the nämnd's code strings as read, per measure: what the independent
    # total adds up (without classifying every code string a second time).
    own: dict[Measure, list[dict[int, int]]] = {}
    for ledger in ledgers:
        fields += [f for f in ledger.fields if f not in fields]
        summary.names.update(ledger.names)
        file = FileTotals(ledger.name, ledger.kind, ledger.rows, dict(ledger.totals),
                          notes=list(ledger.notes))
        summary.files.append(file)
        for measure, by_codes in ledger.amounts.items():
            aggregated = 0
            seen = file.periods.setdefault(measure, set())
            own_months = own.setdefault(measure, [])
            places: dict[tuple[object, ...], tuple[Outcome, Codes, dict[int, int]]] = {}
            for codes, months in by_codes.items():
                outcome = classify(codes)
                aggregated += sum(months.values())
                seen.update(months)
                if outcome.place == OTHER:
                    continue  # another nämnd's: only in the file's totals
                own_months.append(months)
                file.namnd_codes += 1
                key = _place_key(outcome, codes)
                entry = places.get(key)
                if entry is None:
                    places[key] = (outcome, codes, dict(months))
                else:
                    into = entry[2]
                    for p, ore in months.items():
                        into[p] = into.get(p, 0) + ore
            if aggregated != ledger.totals.get(measure, 0):
                raise AssertionError(
                    f"{ledger.name}: summan per rad {ledger.totals.get(measure)} öre, "
                    f"summan av kodsträngarna {aggregated} öre")
            columns_of: dict[int, tuple[str, ...]] = {}
            for outcome, codes, months in places.values():
                sums: Counter[str] = Counter()
                for p, ore in months.items():
                    key = (measure, p)
                    summary.months[key] = summary.months.get(key, 0) + ore
                    columns = columns_of.get(p)
                    if columns is None:
                        columns = columns_of[p] = columns_for(measure, p, period)
                    for column in columns:
                        sums[column] += ore
                for column, ore in sums.items():
                    file.namnd[column] += ore
                    _add(summary, outcome, codes, column, ore, ledger)
            summary.coverage.setdefault(measure, set()).update(seen)
    summary.fields = tuple(fields)
    _independent_total(own, summary)
    return summary


def _place_key(outcome: Outcome, codes: Codes) -> tuple[object, ...]:
    """Code strings with the same key are added up together: one row and account kind,
    one exclusion or exception, but every unmapped code string on its own."""
    if outcome.place == UNMAPPED:
        return (UNMAPPED, codes)
    if outcome.place == ROW:
        assert outcome.row is not None
        return (ROW, outcome.row.key, outcome.account_kind)
    return (outcome.place, outcome.reason)


def _add(summary: Summary, outcome: Outcome, codes: Codes, column: str, ore: int,
         ledger: Ledger) -> None:
    place = outcome.place
    if place == ROW:
        row = outcome.row
        assert row is not None
        summary.rows.setdefault(row.key, Counter())[column] += ore
        summary.varav.setdefault(outcome.account_kind or "", Counter())[column] += ore
    elif place == EXCLUDED:
        summary.excluded.setdefault(outcome.reason, Counter())[column] += ore
    elif place == OUTSIDE:
        summary.outside.setdefault(outcome.reason, Counter())[column] += ore
    elif place == UNMAPPED:
        entry = summary.unmapped.get(codes)
        if entry is None:
            entry = summary.unmapped[codes] = Unmapped(
                codes, outcome.reason, ledger.first_seen(codes))
        entry.amounts[column] += ore


def _independent_total(own: dict[Measure, list[dict[int, int]]], summary: Summary) -> None:
    """The nämnd's total per column, summed apart from the places its code strings went to,
    must equal the sum of its parts to the öre; a difference is a fault in this program, not
    in the file. `own`: per measure, each of the nämnd's code strings' month sums as read."""
    for measure, month_sums in own.items():
        total: dict[int, int] = {}
        count: Counter[int] = Counter()
        for months in month_sums:
            for p, ore in months.items():
                total[p] = total.get(p, 0) + ore
            count.update(months.keys())
        for p, ore in total.items():
            for column in columns_for(measure, p, summary.period):
                summary.namnd[column] += ore
                summary.namnd_rows[column] += count[p]
    for column in COLUMNS:
        parts = sum(c[column] for group in (summary.rows, summary.excluded, summary.outside)
                    for c in group.values())
        parts += sum(u.amounts[column] for u in summary.unmapped.values())
        if parts != summary.namnd[column]:
            raise AssertionError(f"avstämningen går inte ihop för {column}: nämnden "
                                 f"{summary.namnd[column]} öre, delarna {parts} öre")


def check_files(summary: Summary, ledgers: list[Ledger], orgnr: str | None,
                kommun: str | None) -> list[Issue]:
    """Problems with the files as a whole: another kommun, another year, overlapping files."""
    issues: list[Issue] = []
    year = summary.period.year
    for ledger, file in zip(ledgers, summary.files, strict=True):
        ref = SourceRef(ledger.name)
        if orgnr and ledger.orgnr and _digits(orgnr) != _digits(ledger.orgnr):
            issues.append(error(ref, (
                f"filen gäller organisationsnummer {ledger.orgnr} (#ORGNR), men "
                f"mappning.xlsx anger {orgnr}: är det en annan kommuns fil?")))
        elif kommun and ledger.company and kommun.casefold() not in ledger.company.casefold() \
                and ledger.company.casefold() not in kommun.casefold():
            issues.append(warning(ref, (
                f'filen gäller "{ledger.company}" (#FNAMN), men installningar.xlsx anger '
                f'kommunen "{kommun}"; kontrollera att det är rätt fil')))
        years = sorted({p // 100 for ps in file.periods.values() for p in ps})
        if years and not {year, year - 1} & set(years):
            shown = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
            issues.append(error(ref, (
                f"filen har bara belopp för {shown}, men rapporten gäller {year} (och "
                f"jämförelseåret {year - 1}): är det rätt fil och rätt period?")))
        elif not file.rows:
            issues.append(error(ref, "filen har inga belopp"))
        elif not file.namnd_codes and any(f.namnd_codes for f in summary.files):
            issues.append(warning(ref, (
                "inga av filens rader hör till nämnden enligt fliken Urval i mappning.xlsx; "
                "är det en annan nämnds eller kommuns fil?")))
    if summary.files and not any(f.namnd_codes for f in summary.files) and not issues:
        names = ", ".join(f.name for f in summary.files)
        issues.append(error(SourceRef(names), (
            "inga rader hör till nämnden enligt fliken Urval i mappning.xlsx, så det finns "
            "inget att importera; är det en annan nämnds eller kommuns fil, eller stämmer "
            "inte Urval?")))
    for i, a in enumerate(summary.files):
        for b in summary.files[i + 1:]:
            for measure in (Measure.ACTUAL, Measure.BUDGET):
                both = sorted(a.periods.get(measure, set()) & b.periods.get(measure, set()))
                if both:
                    what = "utfall" if measure is Measure.ACTUAL else "budget"
                    issues.append(error(SourceRef(b.name), (
                        f"både {a.name} och {b.name} har {what} för "
                        f"{period_label(both[0])}"
                        + (f" (och {len(both) - 1} månader till)" if len(both) > 1 else "")
                        + "; beloppen skulle räknas två gånger. Ange bara en av filerna för "
                        "samma månader")))
    return issues


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def unmapped_issues(summary: Summary) -> list[Issue]:
    """The unmapped code strings with their amounts, largest first (warnings)."""
    entries = [u for u in summary.unmapped.values() if any(u.amounts.values())]
    entries.sort(key=lambda u: (-max(abs(v) for v in u.amounts.values()), u.codes))
    issues = []
    labels = labels_for(summary.period)
    for u in entries[:SHOWN_UNMAPPED]:
        amounts = ", ".join(f"{labels[c]} {kr(u.amounts[c])}" for c in COLUMNS
                            if u.amounts[c])
        issues.append(warning(u.ref, (
            f"kodsträngen {codes_label(FIELDS, u.codes, summary.names)} är nämndens men "
            f"{u.reason} ({amounts}); den står under Omappat på fliken Avstämning")))
    if len(entries) > SHOWN_UNMAPPED:
        rest = entries[SHOWN_UNMAPPED:]
        total = sum(u.amounts["actual"] for u in rest)
        issues.append(warning(None, (
            f"{len(rest)} omappade kodsträngar till, sammanlagt {labels['actual']} "
            f"{kr(total)}; alla står under Omappat på fliken Avstämning i utfall.xlsx")))
    return issues


def labels_for(period: Period) -> dict[str, str]:
    prev = period.year - 1
    span = period.span_label
    prev_span = span.replace(str(period.year), str(prev))
    return {c: t.format(span=span, prev_span=prev_span, year=period.year, prev=prev)
            for c, t in COLUMN_LABELS.items()}
