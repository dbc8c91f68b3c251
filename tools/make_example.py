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

ROWS = [
    ("100", "Nämnd och styrelseverksamhet"),
    ("130", "Övrig politisk verksamhet"),
    ("267", "Alkoholtillstånd"),
    ("513", "Insatser enl LSS, SFB och HSL"),
    ("520", "Insatser personer m funktionsnedsättn"),
    ("559", "Vård vuxna med missbruksproblem"),
    ("569", "Barn och ungdomsvård"),
    ("571", "Övriga insatser till vuxna"),
    ("575", "Ekonomiskt bistånd"),
    ("585", "Familjerätt och rådgivning"),
    ("600", "Flyktingmottagande"),
    ("922", "Socialförvaltningen"),
    (None, "Resultat nämndens enheter"),
]

# (Redovisat jan-aug 2024, Budget jan-aug 2024, Redovisat jan-aug 2023), tkr
UTFALL_TKR = [
    (2126, 2193, 2284), (700, 464, 1075), (-1081, -200, -1201), (587300, 576006, 563619),
    (122122, 119200, 117200), (73100, 67600, 66113), (358000, 324679, 319257),
    (32439, 34700, 33276), (2026, 1684, 1656), (7082, 7387, 7030), (9689, 16777, 20858),
    (26897, 30319, 30492), (23913, 10281, 22587),
]
# (Prognos helår 2024, Budget 2024, Bokslut 2023), tkr
PROGNOS_TKR = [
    (3211, 3198, 3213), (763, 779, 1713), (-270, -269, -370), (882793, 866821, 864478),
    (181119, 179767, 178002), (110520, 102283, 103724), (532386, 491487, 493000),
    (48794, 52222, 52169), (2711, 2739, 2601), (11320, 11469, 10774), (23392, 25638, 24174),
    (47045, 46626, 44005), (37143, 23132, 46420),
]
VARAV_TKR = [
    ("Kostnader", 2838600, 2791200, 2878850),
    ("Intäkter", -957673, -985308, -1054947),
]
# objekt: (redovisat utgifter, inkomster), (prognos utgifter, inkomster, ram), tkr
INVESTMENTS = [
    ("Drottninggatan 45", (0, 0), (2000, 0, 2000)),
    ("Övriga investeringar", (500, 0), (2300, 0, 2300)),
]


def main() -> None:
    def key(code: str | None, name: str) -> dict[str, str | None]:
        return {"code": code, "name": name}

    write_workbook(FOLDER / SETTINGS.filename, SETTINGS, PERIOD, {
        "Nämnd": {
            "kommun": "Linköpings kommun",
            "namnd": "Social- och omsorgsnämnden",
            "input_unit": "tkr",
            "report_unit": "mnkr",
            "decimals": 1,
            "sum_label": "Summa nettokostnader",
            "sum_incl_label": "Summa nettokostnader inkl kommunal verks",
            "previous_report": "delårsrapport mars",
        },
        "Verksamheter": [
            {**key(c, n), "kind": "Egen regi" if c is None else "Verksamhet"} for c, n in ROWS
        ],
        "Bedömningar": [{"name": a.name, "symbol": a.symbol} for a in DEFAULT_ASSESSMENTS],
        "Kolumner": [row for table in ("utfall", "prognos")
                     for row in spec_rows(DEFAULT_SPECS[table])],
    })
    write_workbook(FOLDER / UTFALL.filename, UTFALL, PERIOD, {
        "Drift": [
            {**key(c, n), "actual": a, "budget": b, "previous": p}
            for (c, n), (a, b, p) in zip(ROWS, UTFALL_TKR, strict=True)
        ],
        "Investeringar": [
            {"name": n, "spend": a[0], "income": a[1]} for n, a, _ in INVESTMENTS
        ],
    })
    write_workbook(FOLDER / PROGNOS.filename, PROGNOS, PERIOD, {
        "Drift": [
            {**key(c, n), "forecast": f, "budget": b, "previous": p}
            for (c, n), (f, b, p) in zip(ROWS, PROGNOS_TKR, strict=True)
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
    write_workbook(FOLDER / INDIKATORER_SPEC.filename, INDIKATORER_SPEC, PERIOD, {
        "Indikatorer": [{
            "area": i["area"], "top_goal": i["kmal"], "goal": i["namndmal"], "name": i["name"],
            "kind": "Delrad" if i["name"] in ("Män", "Kvinnor") else None,
            "footnote": i["footnote"] or None,
            "values": [("2022", i["v1"] or None), ("2023", i["v2"] or None),
                       ("2024", i["v3"] or None)],
            "direction": i["direction"] or None,
            "direction_footnote": i["direction_footnote"] or None,
        } for i in INDIKATORER],
        "Kolumnrubriker": [{"top_goal": "Lättillgänglig, god och jämlik vård", "column": "2024",
                            "header": "2024 tom augusti"}],
    })


if __name__ == "__main__":
    main()
