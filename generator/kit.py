"""Carrying a kit from one kind of report to the next (`generate init`).

The new period's kind comes from the calendar in the source period's installningar.xlsx
(or `--rapport`). Its workbooks are those the kind reads, each carried from the newest
earlier period that has it: a verksamhetsberättelse started from a prognosrapport gets its
goals from the last delårsrapport, and utfall.xlsx comes from the newest period with the
same layout (the year's, or one with a forecast). Workbooks the kind does not read are left
behind with a note. texter.xlsx gets one row per text the new kind's template shows: last
period's text as a draft where an earlier period has one, an empty row for each required
text no period has, so that what the new kind needs is there to fill in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.checking import template_text_order
from generator.excel.schema import (
    SETTINGS,
    TEXTER,
    UTFALL,
    UTFALL_HELAR,
    WorkbookSpec,
    name_key,
)
from generator.kinds import KindSettings, ReportKind, choose, find_kind, template_path
from generator.period import ABBR_SV, MONTHS_SV, Period

# The Rubrik column of texter.xlsx for a text no earlier period had: where it goes in the
# default templates (a reminder only; the key is what the template reads).
SECTION_TITLES = {
    "namndens_uppdrag": "Nämndens uppdrag",
    "aret_i_korthet": "Året i korthet (inledning)",
    "ekonomi_i_korthet": "Ekonomi i korthet, efter tabellen",
    "handelser": "Händelser av väsentlig betydelse",
    "forvantad_utveckling": "Förväntad utveckling",
    "analys_ekonomi": "Ekonomi › Resultat › Analys och kommentar",
    "analys_investeringar": "Ekonomi › Investeringar › Analys och kommentar",
    "prognos_utveckling": "Prognosens utveckling",
    "prognossakerhet": "Ekonomi › Prognossäkerhet",
    "atgarder": "Åtgärder för en ekonomi i balans",
    "uppdrag_inledning": "Strategiska utvecklingsuppdrag (inledning)",
    "internkontroll": "Planer och program › Internkontroll",
}


class KitError(Exception):
    """The new period's kind cannot be told: the calendar has no report for its month."""


@dataclass
class Kit:
    """What `generate init` writes for one nämnd: the kind, and each workbook's source."""

    kind: ReportKind
    sources: dict[str, Period] = field(default_factory=dict)  # file name → period to carry
    left: list[str] = field(default_factory=list)  # workbooks the kind does not read
    template: Path | None = None

    def layout(self, spec: WorkbookSpec) -> WorkbookSpec:
        """The kind's layout of a workbook: a verksamhetsberättelse's utfall.xlsx has the
        year's, and its mal.xlsx is headed without the forecast it does not have."""
        if self.kind.forecast:
            return spec
        if spec.filename == UTFALL.filename:
            return UTFALL_HELAR
        return spec.for_kind_without_forecast()


def _calendar(rows: list[dict[str, Any]]) -> dict[int, ReportKind]:
    months = {name_key(m): i for i, m in enumerate(MONTHS_SV, start=1)}
    months.update({name_key(a): i for i, a in enumerate(ABBR_SV, start=1)})
    out: dict[int, ReportKind] = {}
    for row in rows:
        month = months.get(name_key(row.get("month")))
        kind = find_kind(str(row.get("kind") or ""))
        if month is not None and kind is not None:
            out.setdefault(month, kind)
    return out


def _kind_settings(rows: list[dict[str, Any]], folders: tuple[Path, ...]
                   ) -> dict[str, KindSettings]:
    out: dict[str, KindSettings] = {}
    for row in rows:
        kind = find_kind(str(row.get("kind") or ""))
        name = str(row.get("template") or "").strip()
        if kind is None or not name:
            continue
        path = next((f / name for f in folders if (f / name).is_file()), None)
        out[kind.key] = KindSettings(template=path)
    return out


def plan(folder: Path, periods: list[Period], old: Period, new: Period,
         requested: ReportKind | None, read: Any) -> Kit:
    """The kit for `new`: its kind and where each workbook comes from.

    `periods` are the nämnd's periods; `read(path, spec)` reads a workbook as it is (the
    reader of `newperiod`).
    """
    settings = read(folder / old.slug / SETTINGS.filename, SETTINGS) \
        if (folder / old.slug / SETTINGS.filename).is_file() else {}
    calendar = _calendar(settings.get("Rapporter", []))
    kind = choose(calendar, new, requested)
    if kind is None:
        raise KitError(
            f"Kalendern i {folder / old.slug / SETTINGS.filename} (fliken Rapporter) har ingen "
            f"rapport för {new.month_name}. Lägg till en rad med Månad {new.month_name} och "
            "rapporttypen, eller välj typ med --rapport, till exempel --rapport manadsrapport.")
    own = _kind_settings(settings.get("Rapporttyper", []), (folder / old.slug, folder))
    kit = Kit(kind, template=template_path(kind, own.get(kind.key), None))
    earlier = sorted((p for p in periods if p <= old), reverse=True)

    def forecast_of(period: Period) -> bool:
        month_kind = choose(calendar, period)
        return month_kind is None or month_kind.forecast

    here = folder / old.slug
    names = set(kind.workbooks) | ({p.name for p in here.iterdir()} if here.is_dir() else set())
    # One the last period lacks comes from the newest that has it (mappning.xlsx, say, after
    # a period set up by hand without it).
    names |= {p.name for period in earlier if (folder / period.slug).is_dir()
              for p in (folder / period.slug).iterdir() if kind.reads(p.name)}
    for name in sorted(names):
        if not kind.reads(name):
            kit.left.append(name)
            continue
        having = [p for p in earlier if (folder / p.slug / name).is_file()]
        if name == UTFALL.filename:  # the same layout first: the year's, or a forecast's
            having.sort(key=lambda p: forecast_of(p) != kind.forecast)
        if having:
            kit.sources[name] = having[0]
    return kit


def text_rows(folder: Path, kit: Kit, earlier: list[Period], carry: Callable[[object], object],
              read: Any, notes: list[str]) -> list[dict[str, Any]]:
    """texter.xlsx for the new kind: a row per text its template shows, in the template's
    order, from the newest earlier period that has the text (`carry` makes it a draft, or
    empties it); an empty row for each required text none has. Notes name the texts left
    behind and those to write."""
    keys, optional = template_text_order(kit.template) if kit.template else ([], set())
    found: dict[str, dict[str, Any]] = {}
    newest: list[dict[str, Any]] | None = None
    for period in sorted(earlier, reverse=True):
        path = folder / period.slug / TEXTER.filename
        if not path.is_file():
            continue
        rows = read(path, TEXTER).get("Texter", [])
        newest = rows if newest is None else newest
        for row in rows:
            key = str(row.get("key") or "").strip()
            if key and str(row.get("text") or "").strip() and key not in found:
                found[key] = row
    # The newest texter.xlsx's own order first (an unchanged kind's workbook is unchanged),
    # then the template's for texts that come back or are new.
    first = [str(r.get("key") or "").strip() for r in newest or []]
    keys = [k for k in first if k in keys] + [k for k in keys if k not in first]
    rows = []
    missing = []
    for key in keys:
        if key in found:
            rows.append({"key": key, "title": found[key].get("title"),
                         "text": carry(found[key]["text"])})
        elif key not in optional:
            rows.append({"key": key, "title": SECTION_TITLES.get(key, key), "text": None})
            missing.append(key)
    left = [str(r.get("key")) for r in newest or []
            if str(r.get("key") or "") not in keys and str(r.get("text") or "").strip()]
    if left:
        notes.append(f"{TEXTER.filename}: texterna {', '.join(left)} följde inte med: mallen "
                     f"för en {kit.kind.lower} har inget ställe för dem")
    if missing:
        notes.append(f"{TEXTER.filename}: skriv texterna {', '.join(missing)}, som en "
                     f"{kit.kind.lower} behöver och ingen tidigare period har")
    return rows
