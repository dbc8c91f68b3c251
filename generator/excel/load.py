"""Turn the workbooks of one period folder into a `ReportInput`, collecting problems."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.excel.content import load_content
from generator.excel.reader import Record, WorkbookReader
from generator.excel.schema import (
    INSTRUCTIONS_SHEET,
    PERIOD_CELL,
    PROGNOS,
    SETTINGS,
    UTFALL,
)
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


def load_verksamheter(reader: WorkbookReader, issues: list[Issue],
                      broken: set[str] | None = None) -> tuple[Verksamhet, ...]:
    """The verksamhet rows; keys of rows already reported as wrong go to `broken`."""
    result: list[Verksamhet] = []
    seen: dict[str, SourceRef] = {}
    own = 0
    for rec in reader.table(SETTINGS.sheet("Verksamheter")):
        if not rec.ok:
            if broken is not None and (rec["code"] or rec["name"]):
                broken.add(rec["code"] or rec["name"])
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
                issues: list[Issue], skip: frozenset[str] = frozenset()
                ) -> tuple[DriftRow, ...]:
    spec = reader.spec.sheet(sheet)
    by_key = {v.key: v for v in verksamheter}
    if not by_key:
        reader.table(spec)  # still report its cells; the rows cannot be matched to anything
        return ()
    found: dict[str, DriftRow] = {}
    seen_at: dict[str, int] = {}
    broken = False
    for rec in reader.table(spec):
        key = rec["code"] or rec["name"]
        ref = rec.ref("code") if rec["code"] else rec.ref("name")
        if key is None:
            continue
        if key not in by_key:
            if key in skip:
                continue  # its row in installningar.xlsx is already reported
            known = ", ".join(by_key)
            issues.append(error(ref, (
                f'okänd verksamhetsrad "{key}"; förväntade en av raderna på fliken '
                f"Verksamheter i {SETTINGS.filename}: {known}")))
            continue
        if key in seen_at:
            issues.append(error(ref, (
                f'verksamhetsraden "{key}" finns redan på rad {seen_at[key]}; '
                "varje rad får bara förekomma en gång")))
            continue
        seen_at[key] = rec.row
        if rec.ok:
            found[key] = DriftRow(by_key[key], _figures(rec, keys, factor))
        else:
            broken = True
    if not reader.readable(spec):
        return ()  # the file or sheet is already reported; every row "missing" is noise
    missing = [v for v in verksamheter if v.key not in seen_at]
    for v in missing:
        issues.append(error(SourceRef(reader.name, spec.name), (
            f'verksamhetsraden "{v.label}" saknas; förväntade en rad för varje rad på fliken '
            f"Verksamheter i {SETTINGS.filename}")))
    if missing or broken:
        return ()
    return tuple(found[v.key] for v in verksamheter)


def _figures(rec: Record, keys: tuple[str, str, str], factor: Decimal) -> Figures:
    outcome, budget, comparison = (rec[k] / factor for k in keys)
    return Figures(outcome, budget, comparison, SourceRef(
        rec.ref(keys[0]).file, rec.ref(keys[0]).sheet, f"rad {rec.row}"),
        cells=tuple(rec.ref(k) for k in keys))


def _investments(utfall: WorkbookReader, prognos: WorkbookReader, factor: Decimal,
                 issues: list[Issue]) -> tuple[InvestmentRow, ...]:
    actual = {r["name"]: r for r in utfall.table(UTFALL.sheet("Investeringar"))}
    planned = prognos.table(PROGNOS.sheet("Investeringar"))
    if not (utfall.readable(UTFALL.sheet("Investeringar"))
            and prognos.readable(PROGNOS.sheet("Investeringar"))):
        return ()  # already reported; comparing against a sheet we could not read is noise
    result = []
    for rec in planned:
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
        if INSTRUCTIONS_SHEET not in reader.book.sheetnames:
            issues.append(error(SourceRef(reader.name), (
                f'fliken "{INSTRUCTIONS_SHEET}" saknas; förväntade den med perioden '
                f"({period.slug}) i cell {PERIOD_CELL}")))
            return
        issues.append(error(ref, (
            f"perioden saknas: hittade en tom cell, förväntade {period.slug}")))
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
    broken: set[str] = set()
    verksamheter = (load_verksamheter(settings_reader, issues, broken)
                    if settings_reader.book else ())
    # Without settings there is no report, but every other workbook is still read so that
    # one run names every problem. The unit factor then only scales figures never shown.
    factor = (UNIT_FACTORS[settings.report_unit] / UNIT_FACTORS[settings.input_unit]
              if settings is not None else Decimal(1))
    # The report shows intäkter negative; input with intäkter positive is flipped here.
    drift = factor if settings is None or settings.revenue_negative else -factor
    utfall_rows = _drift_rows(utfall, "Drift", ("actual", "budget", "previous"),
                              verksamheter, drift, issues, frozenset(broken))
    prognos_rows = _drift_rows(prognos, "Drift", ("forecast", "budget", "previous"),
                               verksamheter, drift, issues, frozenset(broken))
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
    if settings is None or any(i.is_error for i in issues):
        return None, issues
    economy = Economy(utfall_rows, prognos_rows, varav, investments, previous)
    return ReportInput(period, settings, verksamheter, economy, content), issues
