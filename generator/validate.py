"""Checks on the loaded model. Each `check_*` returns every problem it finds; none stops early.

Loading already reports what is wrong in single cells; these checks look across cells:
stated totals against their rows, the things a hand-made report gets wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from generator.compute import EconomyFigures
from generator.formatting import format_number
from generator.issues import Issue, SourceRef, error, warning
from generator.model import ReportInput

Check = Callable[[ReportInput, EconomyFigures], list[Issue]]


def tolerance(decimals: int) -> Decimal:
    """A stated figure may differ from the computed one by one unit of the last shown digit."""
    return Decimal(1).scaleb(-decimals)


def _cells(refs: list[SourceRef]) -> SourceRef | None:
    """One reference for several cells of a sheet: "B2:B3" when adjacent, else "B2, B5"."""
    if not refs or len({(r.file, r.sheet) for r in refs}) != 1:
        return None
    cells = [r.cell for r in refs]
    rows = [int("".join(ch for ch in c if ch.isdigit())) for c in cells]
    cols = {"".join(ch for ch in c if ch.isalpha()) for c in cells}
    adjacent = len(cols) == 1 and rows == list(range(rows[0], rows[0] + len(rows)))
    text = f"{cells[0]}:{cells[-1]}" if adjacent and len(cells) > 1 else ", ".join(cells)
    return SourceRef(refs[0].file, refs[0].sheet, text)


def check_varav(report: ReportInput, figs: EconomyFigures) -> list[Issue]:
    """The varav rows (kostnader + intäkter) must add up to the total including egen regi."""
    varav = report.economy.varav
    if not varav:
        return []
    d = report.settings.decimals
    total = figs.prognos.net_incl
    issues = []
    names = " + ".join(v.label.lower() for v in varav)
    for i, (attr, column) in enumerate((("outcome", "Prognos helår"), ("budget", "Budget helår"),
                                        ("comparison", "Bokslut föregående år"))):
        stated = sum((getattr(v.figures, attr) for v in varav), Decimal(0))
        computed = getattr(total, attr)
        if abs(stated - computed) > tolerance(d):
            ref = _cells([v.figures.cells[i] for v in varav if len(v.figures.cells) > i]
                         ) or varav[0].figures.ref
            issues.append(warning(ref, (
                f"{column}: {names} blir {format_number(stated, d)} men "
                f"{report.settings.sum_incl_label.lower()} är {format_number(computed, d)} "
                f"(skillnad {format_number(stated - computed, d)})")))
    return issues


CHECKS: tuple[Check, ...] = (check_varav,)


def validate(report: ReportInput, figs: EconomyFigures) -> list[Issue]:
    issues: list[Issue] = []
    for check in CHECKS:
        issues.extend(check(report, figs))
    return issues


def check_placeholders(report: ReportInput, names: dict[str, Decimal]) -> list[Issue]:
    """Every `{name}` in a text must be a known figure; report each with its cell."""
    from difflib import get_close_matches

    from generator.markup import fill_placeholders, malformed_placeholders

    issues = []
    for text in report.content.free_texts():
        _, unknown = fill_placeholders(text.text, names, report.settings.decimals)
        listing = f"generate talnamn --period {report.period.slug}"
        for name in unknown:
            by_lower = {n.lower(): n for n in names}
            close = [by_lower[c] for c in get_close_matches(name.lower(), by_lower, n=3,
                                                            cutoff=0.75)]
            hint = f" Menade du {' eller '.join('{' + c + '}' for c in close)}?" if close else ""
            issues.append(error(text.ref, (
                f"okänt talnamn {{{name}}}; förväntade ett av namnen som kommandot "
                f"{listing} listar.{hint}")))
        for snippet in malformed_placeholders(text.text):
            issues.append(error(text.ref, (
                f'"{snippet}" ser ut som ett talnamn men är inte skrivet rätt; skriv '
                "{namn}, {namn:0} (utan decimaler) eller {namn:+} (med plustecken), med "
                f"ett namn som kommandot {listing} listar")))
    return issues
