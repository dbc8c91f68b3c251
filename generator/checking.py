"""`generate check`: every problem in a period's workbooks, without writing a report.

It runs `pipeline.check_report`, the same load, compute and validate (charts included) that
`generate` runs before rendering, and instead of rendering compares the template's
`text.<key>` uses with texter.xlsx. It must stay fast: nothing here imports docxtpl,
python-docx or matplotlib (the pipeline imports them only to write a report).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.excel.schema import TEXTER
from generator.issues import Issue, SourceRef, error, warning
from generator.model import ReportInput
from generator.pipeline import Config, ReportResult, check_report

_TAG = re.compile(r"<[^>]+>")
_OPTIONAL = re.compile(r"""\btext\.has\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)""")
_USED = re.compile(r"\btext\.([A-Za-z_][A-Za-z0-9_]*)")
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


def template_text_keys(template: Path) -> tuple[set[str], set[str]]:
    """The text keys the template shows: (required, optional behind `text.has('…')`)."""
    order, optional = template_text_order(template)
    return set(order) - optional, optional


def template_text_order(template: Path) -> tuple[list[str], set[str]]:
    """The text keys in the order the template shows them, and the optional ones."""
    with zipfile.ZipFile(template) as docx:
        text = " ".join(_TAG.sub("", docx.read(n).decode("utf-8"))
                        for n in docx.namelist() if _PARTS.match(n))
    optional = set(_OPTIONAL.findall(text))
    keys = {k for k in _USED.findall(text) if k != "has"} | optional

    def first(key: str) -> int:
        return min(i for i in (text.find(f"text.{key}"), text.find(f"'{key}'")) if i >= 0)

    return sorted(keys, key=first), optional


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
            issues.append(warning(item.ref, (
                f'texten "{key}" visas inte i rapporten: mallen har inget ställe för den')))
        elif key in required and not item.text.strip():
            issues.append(warning(item.ref, (
                f'texten "{key}" är tom; avsnittet får en rubrik utan text')))
    return issues


def check_folder(folder: Path, config: Config) -> ReportResult:
    """Every problem `generate` would find in one period folder, and the template's; writes
    nothing."""
    checked = check_report(folder, config)
    if checked.report is not None and checked.template is not None:
        checked.result.issues.extend(check_texts(checked.report, checked.template))
    return checked.result
