"""Turn the workbooks of one period folder into a `ReportInput`, collecting problems."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.excel.content import load_content
from generator.excel.reader import Record, WorkbookReader
from generator.excel.schema import CONTENT_WORKBOOKS, PROGNOS, SETTINGS, UTFALL
from generator.issues import Issue, SourceRef, error
from generator.model import (
    DriftRow,
    Economy,
    Figures,
    InvestmentRow,
    PreviousForecast,
    ReportInput,
    Settings,
    VaravRow,
    Verksamhet,
)
from generator.period import Period, parse_period

UNIT_FACTORS = {"kr": Decimal(1), "tkr": Decimal(1000), "mnkr": Decimal(1_000_000)}


def load_settings(reader: WorkbookReader, issues: list[Issue]) -> Settings | None:
    rec = reader.settings(SETTINGS.sheet("Nämnd"))
    if not rec.ok:
        return None
    decimals = rec["decimals"]
    if decimals is None or decimals != decimals.to_integral_value() or not 0 <= decimals <= 3:
        issues.append(error(rec.refs.get("decimals"), (
            f"förväntade ett heltal 0–3 för Decimaler i rapport, hittade {decimals}")))
        return None
    return Settings(
        kommun=rec["kommun"], namnd=rec["namnd"], input_unit=rec["input_unit"],
        report_unit=rec["report_unit"], decimals=int(decimals), sum_label=rec["sum_label"],
        sum_incl_label=rec["sum_incl_label"], previous_report=rec["previous_report"],
        area_label=rec["area_label"], goal_label=rec["goal_label"],
        assessment_label=rec["assessment_label"], top_goal_label=rec["top_goal_label"],
        revenue_negative=rec["revenue_negative"] != "Nej",
    )


def load_verksamheter(reader: WorkbookReader, issues: list[Issue]) -> tuple[Verksamhet, ...]:
    result: list[Verksamhet] = []
    seen: dict[str, SourceRef] = {}
    own = 0
    for rec in reader.table(SETTINGS.sheet("Verksamheter")):
        if not rec.ok:
            continue
        v = Verksamhet(rec["code"], rec["name"], rec["kind"], rec.ref("name"))
        ref = rec.ref("code") if v.code else rec.ref("name")
        if v.key in seen:
            issues.append(error(ref, (
                f'"{v.key}" finns redan på {seen[v.key].cell}; varje verksamhetsrad måste ha '
                "en unik kod (eller, utan kod, ett unikt namn)")))
            continue
        seen[v.key] = ref
        own += v.is_own_operations
        if own > 1 and v.is_own_operations:
            issues.append(error(rec.ref("kind"), (
                'högst en rad får ha radtypen "Egen regi"')))
            continue
        result.append(v)
    if not result and not any(i.is_error for i in issues):
        issues.append(error(SourceRef(reader.name, "Verksamheter"),
                            "inga verksamhetsrader; förväntade minst en rad"))
    return tuple(result)


def _drift_rows(reader: WorkbookReader, sheet: str, keys: tuple[str, str, str],
                verksamheter: tuple[Verksamhet, ...], factor: Decimal,
                issues: list[Issue]) -> tuple[DriftRow, ...]:
    spec = reader.spec.sheet(sheet)
    by_key = {v.key: v for v in verksamheter}
    found: dict[str, DriftRow] = {}
    first_row: dict[str, int] = {}
    for rec in reader.table(spec):
        key = rec["code"] or rec["name"]
        ref = rec.ref("code") if rec["code"] else rec.ref("name")
        if key is None:
            continue
        if key not in by_key:
            known = ", ".join(by_key)
            issues.append(error(ref, (
                f'okänd verksamhetsrad "{key}"; förväntade en av raderna på fliken '
                f"Verksamheter i {SETTINGS.filename}: {known}")))
            continue
        if key in found:
            issues.append(error(ref, (
                f'verksamhetsraden "{key}" finns redan på rad {first_row[key]}; '
                "varje rad får bara förekomma en gång")))
            continue
        if not rec.ok:
            first_row[key] = rec.row
            found[key] = None  # type: ignore[assignment]
            continue
        first_row[key] = rec.row
        found[key] = DriftRow(by_key[key], _figures(rec, keys, factor))
    missing = [v for v in verksamheter if v.key not in found]
    for v in missing:
        issues.append(error(SourceRef(reader.name, spec.name), (
            f'verksamhetsraden "{v.label}" saknas; förväntade en rad för varje rad på fliken '
            f"Verksamheter i {SETTINGS.filename}")))
    if missing or any(r is None for r in found.values()):
        return ()
    return tuple(found[v.key] for v in verksamheter)


def _figures(rec: Record, keys: tuple[str, str, str], factor: Decimal) -> Figures:
    outcome, budget, comparison = (rec[k] / factor for k in keys)
    return Figures(outcome, budget, comparison, SourceRef(
        rec.ref(keys[0]).file, rec.ref(keys[0]).sheet, f"rad {rec.row}"))


def _investments(utfall: WorkbookReader, prognos: WorkbookReader, factor: Decimal,
                 issues: list[Issue]) -> tuple[InvestmentRow, ...]:
    actual = {r["name"]: r for r in utfall.table(UTFALL.sheet("Investeringar"))}
    result = []
    for rec in prognos.table(PROGNOS.sheet("Investeringar")):
        a = actual.pop(rec["name"], None)
        if a is None:
            issues.append(error(rec.ref("name"), (
                f'objektet "{rec["name"]}" saknas på fliken Investeringar i {UTFALL.filename}; '
                "förväntade samma objekt i båda arbetsböckerna (skriv 0 om inget redovisats)")))
            continue
        if not (rec.ok and a.ok):
            continue
        result.append(InvestmentRow(
            rec["name"], a["spend"] / factor, a["income"] / factor,
            rec["spend"] / factor, rec["income"] / factor, rec["frame"] / factor,
            rec.ref("name")))
    for name, rec in actual.items():
        issues.append(error(rec.ref("name"), (
            f'objektet "{name}" saknas på fliken Investeringar i {PROGNOS.filename}; '
            "förväntade samma objekt i båda arbetsböckerna")))
    return tuple(result)


def check_period(reader: WorkbookReader, period: Period, issues: list[Issue]) -> None:
    text, ref = reader.period_text()
    if reader.book is None:
        return
    if text is None:
        issues.append(error(ref, f"perioden saknas; förväntade {period.slug}"))
        return
    try:
        stated = parse_period(text)
    except Exception:  # noqa: BLE001 - reported as an issue below
        issues.append(error(ref, f'förväntade en period som {period.slug}, hittade "{text}"'))
        return
    if stated != period:
        issues.append(error(ref, (
            f"arbetsboken gäller perioden {stated.slug}, men rapporten görs för {period.slug}; "
            "kontrollera att rätt fil ligger i mappen")))


def load_report_input(folder: Path, period: Period) -> tuple[ReportInput | None, list[Issue]]:
    """Read every workbook in `folder`; return the model (None on errors) and all issues."""
    issues: list[Issue] = []
    settings_reader = WorkbookReader(folder / SETTINGS.filename, SETTINGS, issues)
    utfall = WorkbookReader(folder / UTFALL.filename, UTFALL, issues)
    prognos = WorkbookReader(folder / PROGNOS.filename, PROGNOS, issues)
    for reader in (settings_reader, utfall, prognos):
        check_period(reader, period, issues)
    settings = load_settings(settings_reader, issues) if settings_reader.book else None
    verksamheter = load_verksamheter(settings_reader, issues) if settings_reader.book else ()
    if settings is None:
        return None, issues
    factor = UNIT_FACTORS[settings.report_unit] / UNIT_FACTORS[settings.input_unit]
    # The report shows intäkter negative; input with intäkter positive is flipped here.
    drift = factor if settings.revenue_negative else -factor
    utfall_rows = _drift_rows(utfall, "Drift", ("actual", "budget", "previous"),
                              verksamheter, drift, issues)
    prognos_rows = _drift_rows(prognos, "Drift", ("forecast", "budget", "previous"),
                               verksamheter, drift, issues)
    varav = tuple(
        VaravRow(rec["name"], _figures(rec, ("forecast", "budget", "previous"), drift))
        for rec in prognos.table(PROGNOS.sheet("Varav")) if rec.ok
    ) if prognos.book else ()
    investments = _investments(utfall, prognos, factor, issues) if (
        utfall.book and prognos.book) else ()
    prev = prognos.settings(PROGNOS.sheet("Föregående prognos")) if prognos.book else None
    previous = PreviousForecast(
        prev["drift_deviation"] / factor if prev and prev["drift_deviation"] is not None
        else None,
        prev["investment_deviation"] / factor
        if prev and prev["investment_deviation"] is not None else None,
    )
    content = load_content(folder, period, issues)
    if any(i.is_error for i in issues):
        return None, issues
    economy = Economy(utfall_rows, prognos_rows, varav, investments, previous)
    sources = (SETTINGS.filename, UTFALL.filename, PROGNOS.filename,
               *(spec.filename for spec in CONTENT_WORKBOOKS))
    return ReportInput(period, settings, verksamheter, economy, content, sources), issues
