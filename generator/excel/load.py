"""Turn the workbooks of one period folder into a `ReportInput`, collecting problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from generator.excel.amounts import too_large
from generator.excel.calendar import find_templates, load_calendar, load_kind_settings
from generator.excel.content import load_content
from generator.excel.reader import Record, WorkbookReader, out_of_range
from generator.excel.schema import (
    ALL_WORKBOOKS,
    INSTRUCTIONS_SHEET,
    PERIOD_CELL,
    PROGNOS,
    SETTINGS,
    UTFALL,
    UTFALL_HELAR,
    WorkbookSpec,
    name_key,
)
from generator.excel.table_settings import check_columns, field_use, load_table_specs
from generator.formatting import NumberOutOfRange, parse_number
from generator.issues import Issue, SourceRef, error, warning
from generator.kinds import DEFAULT, ReportKind, choose
from generator.locate import workbook_path
from generator.model import (
    DEFAULT_ASSESSMENTS,
    OWN,
    ROW,
    SUB,
    Assessment,
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
from generator.output import lock_beside
from generator.period import Period, parse_period
from generator.tables import DEFAULT_SPECS, UNIT_FACTORS, TableSpec, Value, slug

__all__ = ["UNIT_FACTORS", "load_report_input"]


@dataclass(frozen=True)
class SettingRefs:
    """The cells of settings that name files, resolved against the folders afterwards."""

    logo: SourceRef | None = None
    templates: dict[str, SourceRef] = field(default_factory=dict)  # kind key → Mall cell


def load_settings(reader: WorkbookReader, issues: list[Issue]
                  ) -> tuple[Settings | None, SettingRefs]:
    """The settings, and the cells of the file names they hold (logo, templates)."""
    rec = reader.settings(SETTINGS.sheet("Nämnd"))
    tables = load_table_specs(reader, issues)
    calendar = load_calendar(reader, issues)
    kind_settings, template_refs = load_kind_settings(reader, issues)
    if not rec.ok:
        return None, SettingRefs()
    decimals = rec["decimals"]
    if decimals is None or decimals != decimals.to_integral_value() or not 0 <= decimals <= 3:
        issues.append(error(rec.refs.get("decimals"), (
            f"förväntade ett heltal 0–3 för Decimaler i rapport, hittade {decimals}")))
        return None, SettingRefs()
    factor = UNIT_FACTORS[rec["input_unit"]] / UNIT_FACTORS[rec["report_unit"]]
    ram = rec.number("ram")
    if ram is not None and (problem := too_large(ram, rec["input_unit"])):
        issues.append(error(rec.ref("ram"), problem))
        return None, SettingRefs()
    levels = goal_levels(rec, issues)
    assessments = (load_assessments(reader, issues) if rec["assess_goals"] != "Nej" else ())
    if levels is None or assessments is None:
        return None, SettingRefs()
    return Settings(
        kommun=rec["kommun"], namnd=rec["namnd"], input_unit=rec["input_unit"],
        report_unit=rec["report_unit"], decimals=int(decimals), sum_label=rec["sum_label"],
        sum_incl_label=rec["sum_incl_label"], previous_report=rec["previous_report"],
        area_label=rec["area_label"], goal_label=rec["goal_label"],
        assessment_label=rec["assessment_label"], top_goal_label=rec["top_goal_label"],
        revenue_negative=rec["revenue_negative"] != "Nej",
        costs_negative=rec["costs_shown"] == "negativa",
        title=rec.text("title"), ram=ram * factor if ram is not None else None, tables=tables,
        goal_levels=levels, assessments=assessments,
        number_assignments=rec["number_assignments"] != "Nej",
        logo=Path(rec.text("logo") or "") if rec.text("logo") else None,
        decision_date=rec.text("decision_date"), diarienummer=rec.text("diarienummer"),
        calendar=calendar, kind_settings=kind_settings,
    ), SettingRefs(rec.refs.get("logo"), template_refs)


def goal_levels(rec: Record, issues: list[Issue]) -> tuple[str, ...] | None:
    """Målnivåer ("Strategiskt område; Strategiskt mål; Nämndmål"), 1–3 distinct labels."""
    text = rec.text("goal_levels")
    if not text:
        return tuple(x for x in (rec.text("area_label"), rec.text("goal_label")) if x)
    levels = tuple(part.strip() for part in text.split(";") if part.strip())
    keys = [name_key(x) for x in levels]
    if not 1 <= len(levels) <= 3 or len(set(keys)) != len(keys):
        issues.append(error(rec.ref("goal_levels"), (
            f'förväntade en till tre olika nivåer åtskilda med semikolon, till exempel '
            f'"Målområde; Nämndmål", hittade "{text}"')))
        return None
    return levels


def load_assessments(reader: WorkbookReader, issues: list[Issue]
                     ) -> tuple[Assessment, ...] | None:
    """The bedömning scale: sheet Bedömningar, or the four default values when it is
    missing or empty (Målen bedöms = Nej is how a plan goes without)."""
    sheet = SETTINGS.sheet("Bedömningar")
    if not reader.has_sheet(sheet):
        return DEFAULT_ASSESSMENTS
    values: list[Assessment] = []
    ok = True
    for rec in reader.table(sheet):
        if not rec.ok:
            ok = False
            continue
        color = rec.text("color")
        if color is not None:
            color = color.lstrip("#").upper()
            if not re.fullmatch(r"[0-9A-F]{6}", color):
                issues.append(error(rec.ref("color"), (
                    f'förväntade en färg som hexkod med sex tecken, till exempel 2E7D32, '
                    f'hittade "{rec["color"]}"')))
                ok = False
                continue
        name = rec.required_text("name")
        if any(name_key(v.name) == name_key(name) for v in values):
            issues.append(error(rec.ref("name"), f'bedömningen "{name}" finns redan ovanför'))
            ok = False
            continue
        values.append(Assessment(name, rec.text("symbol") or "", color))
    if not ok:
        return None
    return tuple(values) or DEFAULT_ASSESSMENTS  # an empty sheet: the usual four


def load_verksamheter(reader: WorkbookReader, issues: list[Issue],
                      broken: set[str] | None = None) -> tuple[Verksamhet, ...]:
    """The verksamhet rows; keys of rows already reported as wrong go to `broken`."""
    result: list[Verksamhet] = []
    seen: dict[str, SourceRef] = {}
    for rec in reader.table(SETTINGS.sheet("Verksamheter")):
        if not rec.ok:
            if broken is not None and (rec["code"] or rec["name"]):
                broken.add(rec["code"] or rec["name"])
            continue
        groups = tuple(g.strip() for g in (rec.text("groups") or "").split(";") if g.strip())
        v = Verksamhet(rec["code"], rec["name"], rec["kind"], rec.ref("name"),
                       rec.text("part_of"), rec.text("shown") != "Nej", groups)
        if not v.shown and not v.part_of:
            issues.append(error(rec.ref("shown"), (
                'Visas Nej går bara för en rad med Ingår i: en rad som summeras i tabellen '
                "måste synas där, annars går summan inte att följa")))
            continue
        ref = rec.ref("code") if v.code else rec.ref("name")
        if v.key in seen:
            issues.append(error(ref, (
                f'"{v.key}" finns redan på {seen[v.key].cell}; varje verksamhetsrad måste ha '
                "en unik kod (eller, utan kod, ett unikt namn)")))
            continue
        seen[v.key] = ref
        if v.kind in ("Delrad", "Varav") and not result:
            issues.append(error(rec.ref("kind"), (
                f'raden har radtypen "{v.kind}" men står först; förväntade en rad av typen '
                "Verksamhet eller Egen regi ovanför, som den hör till")))
            continue
        result.append(v)
    if not result and not any(i.is_error for i in issues):
        issues.append(error(SourceRef(reader.name, "Verksamheter"),
                            "inga verksamhetsrader; förväntade minst en rad"))
    return _link_parts(result, reader, issues)


def _link_parts(rows: list[Verksamhet], reader: WorkbookReader, issues: list[Issue]
                ) -> tuple[Verksamhet, ...]:
    """Mark the rows that are sums of their parts; a part must name a row that can be one."""
    by_key = {name_key(v.key): v for v in rows}
    by_name = {name_key(v.name): v for v in rows}
    wholes: set[str] = set()
    linked: list[Verksamhet] = []
    for v in rows:
        if v.part_of is None:
            linked.append(v)
            continue
        whole = by_key.get(name_key(v.part_of)) or by_name.get(name_key(v.part_of))
        problem = None
        if whole is None:
            problem = (f'raden "{v.part_of}" som "{v.label}" ingår i finns inte; förväntade '
                       "koden eller namnet på en annan rad på fliken Verksamheter")
        elif whole.part_of is not None or whole is v:
            problem = (f'"{v.label}" kan inte ingå i "{whole.label}", som själv ingår i en '
                       "annan rad; delar har bara en nivå")
        elif whole.kind not in (ROW, OWN, SUB):
            problem = (f'"{v.label}" kan inte ingå i "{whole.label}", som har radtypen '
                       f"{whole.kind}; förväntade Verksamhet, Egen regi eller Delrad")
        if problem is not None:
            issues.append(error(SourceRef(reader.name, "Verksamheter", v.ref.cell), problem))
            continue
        assert whole is not None
        wholes.add(whole.key)
        linked.append(replace(v, part_of=whole.key))
    return tuple(replace(v, is_sum_of_parts=True) if v.key in wholes else v for v in linked)


def _extras(rec: Record, spec: TableSpec, factor: Decimal, issues: list[Issue],
            unit: str | None = None) -> dict[str, Value] | None:
    """A row's own columns (Kommentar …) as the table spec uses them; None on a bad cell."""
    text, money, plain = field_use(spec)
    out: dict[str, Value] = {}
    ok = True
    for header, raw, ref in rec.extras:
        name = slug(header)
        if name in text:
            out[name] = None if raw is None else _verbatim(raw)
        elif name in money or name in plain:
            try:
                number = parse_number(raw)
            except NumberOutOfRange:
                issues.append(error(ref, out_of_range(raw)))
                ok = False
                continue
            except ValueError:
                issues.append(error(ref, (
                    f'förväntade ett tal i kolumnen "{header}" (tabellen {spec.id} räknar med '
                    f'den), hittade "{raw}"')))
                ok = False
                continue
            problem = (too_large(number, unit)
                       if number is not None and unit and name in money else None)
            if problem is not None:
                issues.append(error(ref, problem))
                ok = False
                continue
            out[name] = None if number is None else (number * factor if name in money
                                                     else number)
    return out if ok else None


def _verbatim(raw: object) -> str:
    from generator.excel.reader import format_plain

    return raw if isinstance(raw, str) else format_plain(raw)


def unused_extras(reader: WorkbookReader, sheet: str, spec: TableSpec) -> list[Issue]:
    """A column the table never shows is reported, never silently dropped."""
    text, money, plain = field_use(spec)
    used = text | money | plain
    return [warning(SourceRef(reader.name, sheet, f"kolumn {letter}"), (
        f'kolumnen "{header}" används inte i rapporten: ingen kolumn i tabellen {spec.id} '
        f"visar {slug(header)}. Lägg till en rad på fliken Kolumner i {SETTINGS.filename} "
        f"(Tabell {spec.id}, Värde {slug(header)}) eller ta bort kolumnen"))
        for header, letter in reader.extra_headers.get(sheet, []) if slug(header) not in used]


def extra_fields(reader: WorkbookReader, sheet: str) -> list[str]:
    return [slug(header) for header, _ in reader.extra_headers.get(sheet, [])]


def drift_rows(reader: WorkbookReader, sheet: str, keys: tuple[str, str, str],
               verksamheter: tuple[Verksamhet, ...], factor: Decimal,
               issues: list[Issue], spec: TableSpec, skip: frozenset[str] = frozenset()
               ) -> tuple[DriftRow, ...]:
    sheet_spec = reader.spec.sheet(sheet)
    by_key = {v.key: v for v in verksamheter if v.has_figures}
    headings = {v.key: v for v in verksamheter if not v.has_figures}
    if not by_key:
        reader.table(sheet_spec)  # still report its cells; the rows cannot be matched
        return ()
    found: dict[str, DriftRow] = {}
    seen_at: dict[str, int] = {}
    broken = False
    for rec in reader.table(sheet_spec):
        key = rec["code"] or rec["name"]
        ref = rec.ref("code") if rec["code"] else rec.ref("name")
        if key is None:
            continue
        if key in headings:
            why = ("räknas ut som summan av raderna som ingår i den" if
                   headings[key].is_sum_of_parts else
                   f"är en rubrikrad (Radtyp Rubrik i {SETTINGS.filename}) och visas utan belopp")
            issues.append(warning(ref, (
                f'"{key}" {why}; beloppen här används inte. Ta bort raden här eller ändra '
                f"fliken Verksamheter i {SETTINGS.filename}")))
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
        extra = _extras(rec, spec, factor, issues, reader.amount_unit)
        if rec.ok and extra is not None:
            found[key] = DriftRow(by_key[key], _figures(rec, keys, factor), extra)
        else:
            broken = True
    if not reader.readable(sheet_spec):
        return ()  # the file or sheet is already reported; every row "missing" is noise
    issues.extend(unused_extras(reader, sheet, spec))
    missing = [v for v in verksamheter if v.has_figures and v.key not in seen_at]
    for v in missing:
        issues.append(error(SourceRef(reader.name, sheet_spec.name), (
            f'verksamhetsraden "{v.label}" saknas; förväntade en rad för varje rad på fliken '
            f"Verksamheter i {SETTINGS.filename} (utom rubrikrader)")))
    if missing or broken:
        return ()
    return tuple(found[v.key] for v in verksamheter if v.has_figures)


def _figures(rec: Record, keys: tuple[str, str, str], factor: Decimal) -> Figures:
    outcome, budget, comparison = (rec.amount(k) * factor for k in keys)
    return Figures(outcome, budget, comparison, SourceRef(
        rec.ref(keys[0]).file, rec.ref(keys[0]).sheet, f"rad {rec.row}"),
        cells=tuple(rec.ref(k) for k in keys))


def _investments(utfall: WorkbookReader, prognos: WorkbookReader, factor: Decimal,
                 issues: list[Issue], spec: TableSpec) -> tuple[InvestmentRow, ...]:
    actual = {r["name"]: r for r in utfall.table(UTFALL.sheet("Investeringar"))}
    planned = prognos.table(PROGNOS.sheet("Investeringar"))
    if not (utfall.readable(UTFALL.sheet("Investeringar"))
            and prognos.readable(PROGNOS.sheet("Investeringar"))):
        return ()  # already reported; comparing against a sheet we could not read is noise
    issues.extend(unused_extras(utfall, "Investeringar", spec))
    issues.extend(unused_extras(prognos, "Investeringar", spec))
    result = []
    for rec in planned:
        a = actual.pop(rec["name"], None)
        if a is None:
            issues.append(error(rec.ref("name"), (
                f'objektet "{rec["name"]}" saknas på fliken Investeringar i {UTFALL.filename}; '
                "förväntade samma objekt i båda arbetsböckerna (skriv 0 om inget redovisats)")))
            continue
        extra_actual = _extras(a, spec, factor, issues, utfall.amount_unit)
        extra_planned = _extras(rec, spec, factor, issues, prognos.amount_unit)
        if not (rec.ok and a.ok) or extra_actual is None or extra_planned is None:
            continue
        result.append(InvestmentRow(
            rec.required_text("name"), a.amount("spend") * factor, a.amount("income") * factor,
            rec.amount("spend") * factor, rec.amount("income") * factor,
            rec.amount("frame") * factor, rec.ref("name"), {**extra_actual, **extra_planned}))
    for name, rec in actual.items():
        issues.append(error(rec.ref("name"), (
            f'objektet "{name}" saknas på fliken Investeringar i {PROGNOS.filename}; '
            "förväntade samma objekt i båda arbetsböckerna")))
    return tuple(result)


def _varav(prognos: WorkbookReader, factor: Decimal, spec: TableSpec, issues: list[Issue]
           ) -> tuple[VaravRow, ...]:
    rows = []
    for rec in prognos.table(PROGNOS.sheet("Varav")):
        extra = _extras(rec, spec, factor, issues, prognos.amount_unit)
        if rec.ok and extra is not None:
            rows.append(VaravRow(rec.required_text("name"),
                                 _figures(rec, ("forecast", "budget", "previous"), factor),
                                 extra))
    if prognos.readable(PROGNOS.sheet("Varav")):
        issues.extend(unused_extras(prognos, "Varav", spec))
    return tuple(rows)


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def find_logo(folder: Path, name: Path, ref: SourceRef | None, issues: list[Issue]
              ) -> Path | None:
    """The logo file, in the period folder or the nämnd's folder above it."""
    for place in (folder, folder.parent):
        path = place / name
        if path.is_file():
            with path.open("rb") as f:
                head = f.read(8)
            if not head.startswith(_IMAGE_MAGIC):
                issues.append(error(ref, (
                    f"{path.name} är ingen PNG- eller JPEG-bild; spara logotypen som .png "
                    "eller .jpg och ange det filnamnet")))
                return None
            return path
    issues.append(error(ref, (
        f'logotypen "{name}" finns varken i {folder} eller i {folder.parent}; förväntade '
        "filnamnet på en bild i en av mapparna")))
    return None


SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def unused_files(folder: Path, kind: ReportKind = DEFAULT) -> list[Issue]:
    """A workbook in the period folder that the program does not read is named: a file
    saved under the wrong name must not silently stay out of the report, nor a workbook
    that the report's kind does not use (mal.xlsx in a månadsrapport's folder). One beside a
    missing workbook with its name (utfall.xls for utfall.xlsx) is named in that error."""
    paths = [workbook_path(folder, spec.filename) for spec in ALL_WORKBOOKS]
    used = {p.name for p in paths if p.exists()}
    missing = {p.stem.casefold() for p in paths if not p.exists()}
    out = [warning(SourceRef(spec.filename), (
        # the plain name: a månadsrapport has no målredovisning of any kind
        f"filen används inte i en {kind.lower}, som inte har {spec.purpose(forecast=False)}; "
        "flytta den ur mappen om den inte behövs"))
        for spec in ALL_WORKBOOKS
        if not kind.reads(spec.filename) and workbook_path(folder, spec.filename).is_file()]
    try:
        entries = sorted(folder.iterdir())
    except OSError:  # cannot be listed: the workbooks themselves are reported
        return []
    for path in entries:
        name = path.name
        if (path.is_file() and path.suffix.casefold() in SPREADSHEETS
                and name not in used and path.stem.casefold() not in missing
                and not name.startswith(("~$", ".~", "."))):
            expected = ", ".join(spec.filename for spec in ALL_WORKBOOKS)
            out.append(warning(SourceRef(name), (
                f"filen används inte av programmet; förväntade arbetsböckerna {expected}. "
                "Byt namn på filen om den är en av dem, eller flytta den ur mappen")))
    return out


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


def open_elsewhere(path: Path) -> list[Issue]:
    """A warning when the workbook is open in Excel or LibreOffice: what is not saved in it
    yet is not read."""
    lock = lock_beside(path)
    if lock is None:
        return []
    return [warning(SourceRef(path.name), (
        f"arbetsboken verkar vara öppen i Excel eller LibreOffice ({lock.name} finns): "
        "ändringar som inte är sparade kommer inte med. Spara den och kör igen; är "
        f"programmet redan stängt kan du ta bort {lock.name}."))]


def open_workbook(folder: Path, spec: WorkbookSpec, kind: ReportKind, issues: list[Issue]
                  ) -> WorkbookReader:
    """A reader for one of the kind's workbooks; a missing one is named with what the kind
    needs it for."""
    path = workbook_path(folder, spec.filename)
    if path.exists():
        issues.extend(open_elsewhere(path))
        return WorkbookReader(path, spec, issues)
    found: list[Issue] = []
    reader = WorkbookReader(path, spec, found)
    issues.extend(replace(i, message=(f"{i.message}; en {kind.lower} behöver den "
                                      f"({spec.purpose(kind.forecast)})"))
                  for i in found)
    reader.issues = issues  # anything it says later goes with the rest
    return reader


def _previous(prognos: WorkbookReader | None, factor: Decimal) -> PreviousForecast:
    """The previous report's deviation as typed (prognos.xlsx › Föregående prognos); used
    only when that report has no period folder to read it from (see `excel/earlier.py`)."""
    if prognos is None or prognos.book is None:
        return PreviousForecast(None, None)
    rec = prognos.settings(PROGNOS.sheet("Föregående prognos"))
    drift, investments = (rec.number(k) for k in ("drift_deviation", "investment_deviation"))
    return PreviousForecast(
        drift * factor if drift is not None else None,
        investments * factor if investments is not None else None,
        refs=(rec.refs.get("drift_deviation"), rec.refs.get("investment_deviation")))


def _year_investments(utfall: WorkbookReader, factor: Decimal, issues: list[Issue],
                      spec: TableSpec) -> tuple[InvestmentRow, ...]:
    """A verksamhetsberättelse's investments: the year's outcome and ram, all in
    utfall.xlsx."""
    sheet = UTFALL_HELAR.sheet("Investeringar")
    records = utfall.table(sheet)
    if not utfall.readable(sheet):
        return ()
    issues.extend(unused_extras(utfall, "Investeringar", spec))
    rows = []
    for rec in records:
        extra = _extras(rec, spec, factor, issues)
        if rec.ok and extra is not None:
            rows.append(InvestmentRow(
                rec.required_text("name"), rec.amount("spend") * factor,
                rec.amount("income") * factor, None, None, rec.amount("frame") * factor,
                rec.ref("name"), extra))
    return tuple(rows)


def load_report_input(folder: Path, period: Period, requested: ReportKind | None = None,
                      kind_found: list[ReportKind] | None = None
                      ) -> tuple[ReportInput | None, list[Issue]]:
    """Read the workbooks in `folder` that the report's kind needs; return the model (None
    on errors) and all issues.

    The kind is `requested` (`--rapport`), else the calendar's for the period's month
    (installningar.xlsx › Rapporter), else a delårsrapport. It is also appended to
    `kind_found`, so that a report with errors can still be named by its kind.
    """
    issues: list[Issue] = []
    settings_reader = open_workbook(folder, SETTINGS, requested or DEFAULT, issues)
    check_period(settings_reader, period, issues)
    settings, refs = (load_settings(settings_reader, issues) if settings_reader.book
                      else (None, SettingRefs()))
    kind = requested or DEFAULT
    if settings is not None:
        chosen = choose(settings.calendar, period, requested)
        if chosen is None:
            issues.append(error(SourceRef(SETTINGS.filename, "Rapporter"), (
                f"kalendern har ingen rapport för {period.month_name}; lägg till en rad med "
                f"Månad {period.month_name} och rapporttypen, eller välj typ med --rapport "
                "(till exempel --rapport manadsrapport)")))
            return None, issues
        kind = chosen
        if kind_found is not None:
            kind_found.append(kind)
        settings = replace(settings, kind_settings=find_templates(
            folder, dict(settings.kind_settings), refs.templates, issues))
    if settings is not None and settings.logo is not None:
        settings = replace(settings, logo=find_logo(folder, settings.logo, refs.logo, issues))
    utfall = open_workbook(folder, UTFALL if kind.forecast else UTFALL_HELAR, kind, issues)
    prognos = open_workbook(folder, PROGNOS, kind, issues) if kind.forecast else None
    for reader in (utfall, prognos):
        if reader is not None:
            check_period(reader, period, issues)
    if settings is not None:  # every number in these two is an amount in Enhet i indata
        utfall.amount_unit = settings.input_unit
        if prognos is not None:
            prognos.amount_unit = settings.input_unit
    broken: set[str] = set()
    verksamheter = (load_verksamheter(settings_reader, issues, broken)
                    if settings_reader.book else ())
    # Without settings there is no report, but every other workbook is still read so that
    # one run names every problem. The unit factor then only scales figures never shown.
    factor = (UNIT_FACTORS[settings.input_unit] / UNIT_FACTORS[settings.report_unit]
              if settings is not None else Decimal(1))
    # The report's figures have intäkter negative; input with intäkter positive is flipped.
    drift = factor if settings is None or settings.revenue_negative else -factor
    specs = settings.tables if settings is not None else DEFAULT_SPECS
    tables = kind.tables
    utfall_rows = drift_rows(utfall, "Drift", ("actual", "budget", "previous"),
                             verksamheter, drift, issues, specs[tables["utfall"]],
                             frozenset(broken))
    prognos_rows: tuple[DriftRow, ...] = ()
    varav: tuple[VaravRow, ...] = ()
    investments: tuple[InvestmentRow, ...] = ()
    checked = [(specs[tables["utfall"]], [(utfall, "Drift")])]
    if prognos is not None:
        prognos_rows = drift_rows(prognos, "Drift", ("forecast", "budget", "previous"),
                                  verksamheter, drift, issues, specs["prognos"],
                                  frozenset(broken))
        varav = _varav(prognos, drift, specs["prognos"], issues) if prognos.book else ()
        investments = _investments(utfall, prognos, factor, issues,
                                   specs["investeringar"]) if (utfall.book and prognos.book) \
            else ()
        checked += [(specs["prognos"], [(prognos, "Drift"), (prognos, "Varav")]),
                    (specs["investeringar"], [(utfall, "Investeringar"),
                                              (prognos, "Investeringar")])]
    elif utfall.book:
        investments = _year_investments(utfall, factor, issues, specs[tables["investeringar"]])
        checked.append((specs[tables["investeringar"]], [(utfall, "Investeringar")]))
    if settings is not None:
        for spec, readers in checked:
            issues.extend(check_columns(spec, [f for reader, sheet in readers
                                               for f in extra_fields(reader, sheet)]))
    previous = _previous(prognos, factor)
    content = load_content(folder, period, issues, settings, kind)
    for reader in (settings_reader, utfall, prognos):
        if reader is not None:
            issues.extend(reader.unused_sheets())
    issues.extend(unused_files(folder, kind))
    if settings is None or any(i.is_error for i in issues):
        return None, issues
    economy = Economy(utfall_rows, prognos_rows, varav, investments, previous)
    return ReportInput(period, settings, verksamheter, economy, content, kind), issues

