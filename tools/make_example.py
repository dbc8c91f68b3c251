"""Write the bundled example's economy workbooks (Linköping, Social- och omsorgsnämnden, aug 2024).

Developer tool: the committed workbooks under inputs/ are the product's example. Amounts are in
tkr, chosen so that every figure in the reference report's tables (mnkr, one decimal) comes out
when rounded, including the deviations that the reference computed from unrounded values.
Run: python tools/make_example.py
"""

from __future__ import annotations

from pathlib import Path

from generator.excel.schema import PROGNOS, SETTINGS, UTFALL
from generator.excel.writer import write_workbook

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
    print(f"Skrev arbetsböckerna i {FOLDER}")


if __name__ == "__main__":
    main()
