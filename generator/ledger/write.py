"""Write the imported figures into the nämnd's workbooks, keeping everything else.

utfall.xlsx is read as it stands (`newperiod.read_as_is`), its Drift figures replaced for
the columns the files cover, the Avstämning sheet added, and the whole workbook written
anew by `write_workbook` in the schema's current layout. The earlier file is copied to
tidigare/ first (`output.write_atomically`), so a hand-filled workbook is never lost. With
`--prognos`, prognos.xlsx gets Budget helår and Bokslut föregående år the same way; its
Prognos helår is left as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.excel.schema import PROGNOS, UTFALL, name_key
from generator.excel.writer import write_workbook
from generator.ledger.amounts import kr, kr_decimal
from generator.ledger.model import FIELDS, Measure, codes_label, period_label
from generator.ledger.reconcile import COLUMNS, Summary
from generator.model import VARAV, Settings, Verksamhet
from generator.newperiod import read_as_is
from generator.output import write_atomically

_EXPONENT = {"kr": -2, "tkr": -5, "mnkr": -8}  # öre → the input unit


@dataclass
class Written:
    path: Path
    kept: Path | None
    columns: list[str]  # the columns that got the ledger's figures
    unchanged: bool = False  # the file was already byte for byte this: left as it was


def in_unit(ore: int, settings: Settings) -> int | Decimal:
    """Öre as the workbook's input unit, exactly; with the nämnd's sign rule."""
    value = Decimal(ore if settings.revenue_negative else -ore).scaleb(
        _EXPONENT[settings.input_unit])
    return int(value) if value == value.to_integral_value() else value.normalize()


def row_totals(summary: Summary, verksamheter: tuple[Verksamhet, ...]
               ) -> dict[str, Counter[str]]:
    """Each row's figures as the workbooks hold them: what was placed on it, and on a row
    above a Varav row also what was placed on the Varav row (a part of it, shown apart).
    Heading rows (Rubrik) have no figures."""
    totals: dict[str, Counter[str]] = {}
    parent: Verksamhet | None = None
    for v in verksamheter:
        if not v.has_figures:
            continue
        placed = summary.rows.get(v.key, Counter())
        totals[v.key] = Counter(placed)
        if v.kind == VARAV:
            if parent is not None:
                totals[parent.key].update(placed)
        else:
            parent = v
    return totals


def _key(row: dict[str, Any]) -> str:
    return name_key(row.get("code") or row.get("name") or "")


def _drift(existing: list[dict[str, Any]], verksamheter: tuple[Verksamhet, ...],
           values: dict[str, dict[str, int | Decimal]]) -> list[dict[str, Any]]:
    """The Drift rows in installningar.xlsx's order: other columns as they were, the
    ledger's figures in the columns given; rows the settings do not have are kept last."""
    by_key = {_key(r): r for r in existing}
    rows = []
    for v in verksamheter:
        if not v.has_figures:
            continue  # a heading row has no line in utfall.xlsx or prognos.xlsx
        found = by_key.pop(name_key(v.key), None)
        if found is None:
            found = by_key.pop(name_key(v.name), None)
        row = dict(found or {})
        row.update({"code": v.code, "name": v.name})
        row.update(values.get(v.key, {}))
        rows.append(row)
    return rows + list(by_key.values())


def avstamning(summary: Summary, verksamheter: tuple[Verksamhet, ...]) -> list[dict[str, Any]]:
    """The Avstämning sheet: kronor with öre, each part of the reconciliation on its rows."""
    def line(section: str, item: str, amounts: Counter[str] | None = None,
             rows: int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"section": section, "item": item, "rows": rows}
        for c in COLUMNS:
            out[c] = kr_decimal(amounts[c]) if amounts is not None else None
        return out

    out = [line("Nämnden", "Alla nämndens kodsträngar enligt Urval", summary.namnd)]
    total: Counter[str] = Counter()
    for v in verksamheter:
        if not v.has_figures:
            continue
        amounts = summary.rows.get(v.key, Counter())
        total.update(amounts)
        label = (f"{v.label} (varav; ingår också i raden ovanför)" if v.kind == VARAV
                 else f"{v.label} (ingår i {v.part_of})" if v.part_of else v.label)
        out.append(line("Rapportrad", label, amounts))
    out.append(line("Rapportrad", "Alla rapportrader", _complete(total)))
    for kind, name in (("Kostnad", "Kostnader"), ("Intäkt", "Intäkter")):
        out.append(line("Varav", name, summary.varav.get(kind, Counter())))
    parts = Counter(total)
    for section, group in (("Undantaget", summary.excluded),
                           ("Utanför driften", summary.outside)):
        for reason, amounts in sorted(group.items()):
            parts.update(amounts)
            out.append(line(section, reason, amounts))
    for u in sorted(summary.unmapped.values(), key=lambda u: u.codes):
        parts.update(u.amounts)
        where = f" ({u.ref})" if u.ref else ""
        label = codes_label(FIELDS, u.codes, summary.names)
        out.append(line("Omappat", f"{label}: {u.reason}{where}", u.amounts))
    check = Counter({c: summary.namnd[c] - parts[c] for c in COLUMNS})
    out.append(line("Kontroll", "Nämnden − rapportrader − undantaget − utanför driften − "
                    "omappat (ska vara 0)", _complete(check)))
    for f in summary.files:
        out.append(line("Fil", f"{f.name} ({f.kind}): nämndens belopp", f.namnd, f.rows))
        whole = ", ".join(f"{'utfall' if m is Measure.ACTUAL else 'budget'} {kr(v)}"
                          for m, v in sorted(f.totals.items()))
        out.append(line("Fil", f"{f.name}: hela filen, alla år och nämnder: {whole}"))
        for note in f.notes:
            out.append(line("Fil", f"{f.name}: {note}"))
    periods = sorted({p for _, p in summary.months})
    for p in periods:
        amounts = Counter({"actual": summary.months.get((Measure.ACTUAL, p), 0),
                           "budget": summary.months.get((Measure.BUDGET, p), 0)})
        month = line("Månad", f"{period_label(p)} (utfall och budget för månaden)")
        month["actual"] = kr_decimal(amounts["actual"])
        month["budget"] = kr_decimal(amounts["budget"])
        out.append(month)
    return out


def _complete(amounts: Counter[str]) -> Counter[str]:
    return Counter({c: amounts[c] for c in COLUMNS})


def write_utfall(folder: Path, slug: str, settings: Settings,
                 verksamheter: tuple[Verksamhet, ...], summary: Summary,
                 columns: list[str], notes: list[str]) -> Written:
    """utfall.xlsx with the ledger's figures in `columns` (actual, budget, previous)."""
    path = folder / UTFALL.filename
    data: dict[str, Any] = read_as_is(path, UTFALL, notes) if path.exists() else {}
    totals = row_totals(summary, verksamheter)
    values = {key: {c: in_unit(amounts[c], settings) for c in columns}
              for key, amounts in totals.items()}
    data["Drift"] = _drift(data.get("Drift", []), verksamheter, values)
    if "Investeringar" not in data:
        data["Investeringar"] = _investments_from_prognos(folder, notes)
    data["Avstämning"] = avstamning(summary, verksamheter)
    existed = path.exists()
    kept = write_atomically(path, lambda tmp: write_workbook(tmp, UTFALL, slug, data))
    return Written(path, kept, columns, unchanged=existed and kept is None)


def _investments_from_prognos(folder: Path, notes: list[str]) -> list[dict[str, Any]]:
    """A new utfall.xlsx: the objects of prognos.xlsx, their figures left to fill in."""
    path = folder / PROGNOS.filename
    objects = read_as_is(path, PROGNOS, []).get("Investeringar", []) if path.exists() else []
    notes.append("utfall.xlsx fanns inte: fliken Investeringar har "
                 + (f"objekten från {PROGNOS.filename}; " if objects else "inga objekt; ")
                 + "fyll i utgifter och inkomster (de finns inte i huvudboksexporten)")
    return [{"name": o.get("name")} for o in objects if o.get("name")]


def write_prognos(folder: Path, slug: str, settings: Settings,
                  verksamheter: tuple[Verksamhet, ...], summary: Summary,
                  columns: list[str], notes: list[str]) -> Written:
    """prognos.xlsx: Budget helår and Bokslut föregående år (`columns` of budget_year,
    previous_year) per row and on the Varav rows; everything else as it was."""
    path = folder / PROGNOS.filename
    data: dict[str, Any] = read_as_is(path, PROGNOS, notes)
    target = {"budget_year": "budget", "previous_year": "previous"}
    values = {key: {target[c]: in_unit(amounts[c], settings) for c in columns}
              for key, amounts in row_totals(summary, verksamheter).items()}
    data["Drift"] = _drift(data.get("Drift", []), verksamheter, values)
    varav = {name_key(r.get("name")): r for r in data.get("Varav", [])}
    for kind, name in (("Kostnad", "Kostnader"), ("Intäkt", "Intäkter")):
        row = varav.setdefault(name_key(name), {"name": name})
        for c in columns:
            row[target[c]] = in_unit(summary.varav.get(kind, Counter())[c], settings)
    data["Varav"] = list(varav.values())
    existed = path.exists()
    kept = write_atomically(path, lambda tmp: write_workbook(tmp, PROGNOS, slug, data))
    return Written(path, kept, columns, unchanged=existed and kept is None)
