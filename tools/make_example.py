"""Write the bundled example's economy workbooks (Linköping, Social- och omsorgsnämnden, aug 2024).

Developer tool: the committed workbooks under inputs/ are the product's example. Amounts are in
tkr, chosen so that every figure in the reference report's tables (mnkr, one decimal) comes out
when rounded, including the deviations that the reference computed from unrounded values.
Run: python tools/make_example.py
"""

from __future__ import annotations

from pathlib import Path

from example_charts import write_charts
from example_content import GOALS, INDIKATORER, PERSONAL, TEXTS, UPPDRAG, VOLYMER
from example_units import write_units

from generator.excel.schema import (
    INDIKATORER as INDIKATORER_SPEC,
)
from generator.excel.schema import (
    MAL,
    PROGNOS,
    SETTINGS,
    TEXTER,
    UTFALL,
)
from generator.excel.schema import (
    UPPDRAG as UPPDRAG_SPEC,
)
from generator.excel.schema import (
    VOLYMER as VOLYMER_SPEC,
)
from generator.excel.table_settings import spec_rows
from generator.excel.writer import write_workbook
from generator.model import DEFAULT_ASSESSMENTS
from generator.tables import DEFAULT_SPECS

FOLDER = Path(__file__).resolve().parents[1] / "inputs" / "linkoping-son" / "aug-2024"
PERIOD = "aug-2024"

# (kod, namn, grupper): the groups are verksamhetsområden the analysis quotes by name.
ROWS = [
    ("100", "Nämnd och styrelseverksamhet", "Övriga"),
    ("130", "Övrig politisk verksamhet", "Övriga"),
    ("267", "Alkoholtillstånd", "Övriga"),
    ("513", "Insatser enl LSS, SFB och HSL", "LSS"),
    ("520", "Insatser personer m funktionsnedsättn", None),
    ("559", "Vård vuxna med missbruksproblem", None),
    ("569", "Barn och ungdomsvård", None),
    ("571", "Övriga insatser till vuxna", "Övriga"),
    ("575", "Ekonomiskt bistånd", "Övriga"),
    ("585", "Familjerätt och rådgivning", "Övriga"),
    ("600", "Flyktingmottagande", "Övriga"),
    ("922", "Socialförvaltningen", "Övriga"),
]
# The egen regi row is the sum of the nämnd's two units in egen regi, which the table does
# not show but the analysis quotes: "Resultat nämndens enheter" = LSS Funktionsstöd + Råd
# och stöd. (namn, grupper)
OWN_ROW = "Resultat nämndens enheter"
UNITS = [("LSS Funktionsstöd", "LSS"), ("Råd och stöd", "Övriga")]

# (Redovisat jan-aug 2024, Budget jan-aug 2024, Redovisat jan-aug 2023), tkr. Within each
# printed figure's rounding, the budgets are chosen so that the groups the analysis quotes
# come out as a reader adds them from the table: Övriga +19,0 (13,6 + Råd och stöd 5,4) and
# LSS -30,3 (513 -11,3 + LSS Funktionsstöd -19,0), computed from the unrounded figures.
UTFALL_TKR = [
    (2126, 2193, 2284), (700, 464, 1075), (-1081, -200, -1201), (587300, 575990, 563619),
    (122122, 119173, 117200), (73100, 67551, 66113), (358000, 324651, 319257),
    (32439, 34749, 33276), (2026, 1684, 1656), (7082, 7409, 7030), (9689, 16799, 20858),
    (26897, 30346, 30492),
]
# The units (invented split of the reference's 23 913 / 10 281 / 22 587: -19,0 and +5,4)
UTFALL_UNITS_TKR = [(21980, 2960, 18400), (1933, 7321, 4187)]
# (Prognos helår 2024, Budget 2024, Bokslut 2023), tkr
PROGNOS_TKR = [
    (3211, 3198, 3213), (763, 779, 1713), (-270, -269, -370), (882793, 866821, 864478),
    (181119, 179767, 178002), (110520, 102283, 103724), (532386, 491487, 493000),
    (48794, 52222, 52169), (2711, 2739, 2601), (11320, 11469, 10774), (23392, 25638, 24174),
    (47045, 46626, 44005),
]
# The units' split of 37 143 / 23 132 / 46 420 (invented)
PROGNOS_UNITS_TKR = [(33500, 13600, 39000), (3643, 9532, 7420)]
VARAV_TKR = [
    ("Kostnader", 2838600, 2791200, 2878850),
    ("Intäkter", -957673, -985308, -1054947),
]
# objekt: (redovisat utgifter, inkomster), (prognos utgifter, inkomster, ram), tkr
INVESTMENTS = [
    ("Drottninggatan 45", (0, 0), (2000, 0, 2000)),
    ("Övriga investeringar", (500, 0), (2300, 0, 2300)),
]


# The year's calendar (invented; Linköping's own practice may differ): a månadsrapport most
# months, delårsrapporter per mars and augusti, a prognosrapport per oktober and the
# verksamhetsberättelse in December; no report in January and July.
CALENDAR = [("februari", "Månadsrapport"), ("mars", "Delårsrapport"), ("april", "Månadsrapport"),
            ("maj", "Månadsrapport"), ("juni", "Månadsrapport"), ("augusti", "Delårsrapport"),
            ("september", "Månadsrapport"), ("oktober", "Prognosrapport"),
            ("november", "Månadsrapport"), ("december", "Verksamhetsberättelse")]


def key(code: str | None, name: str) -> dict[str, str | None]:
    return {"code": code, "name": name}


# The workbooks' rows: the twelve verksamheter, then the two units in egen regi.
DRIFT_KEYS = [key(c, n) for c, n, _ in ROWS] + [key(None, n) for n, _ in UNITS]


def settings_data(previous_report: str = "delårsrapport mars") -> dict[str, object]:
    """installningar.xlsx, the same in every period of the year but for the previous
    report's name (used only where that report has no folder)."""
    return {
        "Nämnd": {
            "kommun": "Linköpings kommun",
            "namnd": "Social- och omsorgsnämnden",
            "input_unit": "tkr",
            "report_unit": "mnkr",
            "decimals": 1,
            "sum_label": "Summa nettokostnader",
            "sum_incl_label": "Summa nettokostnader inkl kommunal verks",
            "previous_report": previous_report,
        },
        "Verksamheter": [
            *({**key(c, n), "kind": "Verksamhet", "groups": g} for c, n, g in ROWS),
            {**key(None, OWN_ROW), "kind": "Egen regi"},
            *({**key(None, n), "kind": "Egen regi", "part_of": OWN_ROW, "shown": "Nej",
               "groups": g} for n, g in UNITS),
        ],
        "Bedömningar": [{"name": a.name, "symbol": a.symbol} for a in DEFAULT_ASSESSMENTS],
        "Kolumner": [row for table in ("utfall", "prognos")
                     for row in spec_rows(DEFAULT_SPECS[table])],
        "Rapporter": [{"month": m, "kind": k} for m, k in CALENDAR],
    }


def main() -> None:
    rows = DRIFT_KEYS
    write_workbook(FOLDER / SETTINGS.filename, SETTINGS, PERIOD, settings_data())
    write_workbook(FOLDER / UTFALL.filename, UTFALL, PERIOD, {
        "Drift": [
            {**k, "actual": a, "budget": b, "previous": p}
            for k, (a, b, p) in zip(rows, UTFALL_TKR + UTFALL_UNITS_TKR, strict=True)
        ],
        "Investeringar": [
            {"name": n, "spend": a[0], "income": a[1]} for n, a, _ in INVESTMENTS
        ],
    })
    write_workbook(FOLDER / PROGNOS.filename, PROGNOS, PERIOD, {
        "Drift": [
            {**k, "forecast": f, "budget": b, "previous": p}
            for k, (f, b, p) in zip(rows, PROGNOS_TKR + PROGNOS_UNITS_TKR, strict=True)
        ],
        "Varav": [
            {"name": n, "forecast": f, "budget": b, "previous": p} for n, f, b, p in VARAV_TKR
        ],
        "Investeringar": [
            {"name": n, "spend": f[0], "income": f[1], "frame": f[2]} for n, _, f in INVESTMENTS
        ],
        "Föregående prognos": {"drift_deviation": -75000, "investment_deviation": 0},
    })
    write_content()
    write_charts(FOLDER, PERIOD)
    write_units(FOLDER, PERIOD)
    print(f"Skrev arbetsböckerna i {FOLDER}")


TITLES = {
    "namndens_uppdrag": "Nämndens uppdrag",
    "utvecklingsarbete": "Året i korthet › Utvecklingsarbete",
    "barn_och_unga": "Året i korthet › Barn och unga",
    "vuxna_inkl_lss": "Året i korthet › Vuxna inkl LSS (före tabellen Ekonomi)",
    "ekonomi_i_korthet": "Året i korthet › efter tabellen Ekonomi",
    "handelser": "Händelser av väsentlig betydelse",
    "forvantad_utveckling": "Förväntad utveckling",
    "budgetkommentar": "Ekonomi › under driftsammandraget för prognos",
    "analys_ekonomi": "Ekonomi › Resultat och helårsprognos › Analys och kommentar",
    "analys_investeringar": "Ekonomi › Investeringar › Analys och kommentar",
    "uppdrag_inledning": "Strategiska utvecklingsuppdrag (inledning)",
    "lokalforsorjningsplan": "Planer och program › 10-årig lokalförsörjningsplan",
    "internkontroll": "Planer och program › Internkontroll",
    "privata_utforare": "Verksamhet som utförs av privat utförare (inledning)",
    "privata_barn_unga": "Privata utförare - Barn och Unga",
    "privata_vuxna": "Privata utförare - Vuxna",
    "volym_kommentar": "Volymtal › Kommentar",
    "bilagor": "Bilagor",
}


def write_content() -> None:
    write_workbook(FOLDER / TEXTER.filename, TEXTER, PERIOD, {
        "Texter": [{"key": k, "title": TITLES[k], "text": v} for k, v in TEXTS.items()],
    })
    write_workbook(FOLDER / MAL.filename, MAL, PERIOD, {
        "Mål": [{"levels": [("Målområde", g["area"]), ("Nämndmål", g["name"])],
                 "intro": g["intro"] or None, "text": g["text"],
                 "assessment": g["bedomning"]} for g in GOALS],
    })
    write_workbook(FOLDER / UPPDRAG_SPEC.filename, UPPDRAG_SPEC, PERIOD, {
        "Uppdrag": [{"group": u["group"], "text": u["text"], "note": u["note"] or None,
                     "status": u["status"]} for u in UPPDRAG],
    })
    write_workbook(FOLDER / VOLYMER_SPEC.filename, VOLYMER_SPEC, PERIOD, {
        "Volymer": [{"name": v["name"], "footnote": v["footnote"] or None,
                     "values": [("Augusti 2023", v["prev"]), ("Augusti 2024", v["cur"]),
                                ("Prognos 2024", v["forecast"] or None)]} for v in VOLYMER],
        "Personal": [{"name": p["name"],
                      "values": [("Augusti 2023", p["prev"]), ("Augusti 2024", p["cur"]),
                                 ("Målvärde 2024", p["target"])]} for p in PERSONAL],
    })
    write_workbook(FOLDER / INDIKATORER_SPEC.filename, INDIKATORER_SPEC, PERIOD,
                   indicator_data("augusti"))


def indicator_data(month: str | None) -> dict[str, object]:
    """indikatorer.xlsx; `month`: the current year's column reads "2024 tom <month>" in one
    table (None: the whole year)."""
    return {
        "Indikatorer": [{
            "area": i["area"], "top_goal": i["kmal"], "goal": i["namndmal"], "name": i["name"],
            "kind": "Delrad" if i["name"] in ("Män", "Kvinnor") else None,
            "footnote": i["footnote"] or None,
            "values": [("2022", i["v1"] or None), ("2023", i["v2"] or None),
                       ("2024", i["v3"] or None)],
            "direction": i["direction"] or None,
            "direction_footnote": i["direction_footnote"] or None,
        } for i in INDIKATORER],
        "Kolumnrubriker": ([{"top_goal": "Lättillgänglig, god och jämlik vård",
                             "column": "2024", "header": f"2024 tom {month}"}] if month else []),
    }


if __name__ == "__main__":
    main()
