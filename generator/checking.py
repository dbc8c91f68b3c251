"""`generate check`: every problem in a period's workbooks, without writing a report.

It runs the same stages as `pipeline.build_report` up to rendering (load, compute, validate,
placeholders; keep the two in step) and, instead of rendering, compares the template's
`text.<key>` uses with texter.xlsx. It must stay fast: nothing here imports docxtpl,
python-docx or matplotlib.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.compute import economy_figures, named_figures
from generator.excel.load import load_report_input
from generator.excel.schema import TEXTER
from generator.issues import Issue, Severity, SourceRef, error, warning
from generator.model import ReportInput
from generator.period import Period
from generator.validate import check_placeholders, validate

_TAG = re.compile(r"<[^>]+>")
_OPTIONAL = re.compile(r"""\btext\.has\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)""")
_USED = re.compile(r"\btext\.([A-Za-z_][A-Za-z0-9_]*)")
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


@dataclass
class CheckResult:
    """One nämnd's period folder and what was found in it."""

    namnd: str
    folder: Path
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]


def template_text_keys(template: Path) -> tuple[set[str], set[str]]:
    """The text keys the template shows: (required, optional behind `text.has('…')`)."""
    with zipfile.ZipFile(template) as docx:
        text = " ".join(_TAG.sub("", docx.read(n).decode("utf-8"))
                        for n in docx.namelist() if _PARTS.match(n))
    optional = set(_OPTIONAL.findall(text))
    used = {k for k in _USED.findall(text) if k != "has"}
    return used - optional, optional


def check_texts(report: ReportInput, template: Path) -> list[Issue]:
    """What rendering would find: a required text missing, a text with nowhere to go."""
    try:
        required, optional = template_text_keys(template)
    except (OSError, zipfile.BadZipFile, KeyError):
        return [error(SourceRef(template.name), (
            "Word-mallen kunde inte läsas; förväntade en .docx-fil (se --mall)"))]
    texts = report.content.texts
    where = SourceRef(TEXTER.filename, "Texter")
    issues = [error(where, (
        f'Mallen visar texten "{key}", men den finns inte i {TEXTER.filename} (fliken Texter, '
        f'kolumnen Avsnitt). Lägg till en rad med Avsnitt "{key}".'))
        for key in sorted(required - texts.keys())]
    for key, item in texts.items():
        if key not in required | optional and item.text.strip():
            issues.append(warning(where, (
                f'texten "{key}" visas inte i rapporten: mallen har inget ställe för den')))
        elif key in required and not item.text.strip():
            issues.append(warning(item.ref, (
                f'texten "{key}" är tom; avsnittet får en rubrik utan text')))
    return issues


def check_folder(folder: Path, period: Period, template: Path) -> CheckResult:
    """Load and validate one period folder exactly as generate does; write nothing."""
    result = CheckResult(folder.parent.name, folder)
    report, issues = load_report_input(folder, period)
    result.issues.extend(issues)
    if report is None:
        return result
    figs = economy_figures(report.economy, report.settings)
    names = named_figures(report.economy, figs)
    result.issues.extend(validate(report, figs))
    result.issues.extend(check_placeholders(report, names))
    result.issues.extend(check_texts(report, template))
    return result
