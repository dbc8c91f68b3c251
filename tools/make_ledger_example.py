"""Write the Linköping example's synthetic ledger: a CSV export, an SIE 4 file, mappning.xlsx.

Developer tool. The ledger is invented: code strings (ansvar × verksamhet × konto × motpart)
for Social- och omsorgsnämnden and three other nämnder, 2023 and 2024, amounts in kronor and
öre, made so that `generate importera` reproduces inputs/linkoping-son/aug-2024/utfall.xlsx
(and, with --prognos, the budget and bokslut figures of prognos.xlsx) exactly. Codes as a
kommun would have them: verksamhet 100–922 in a dimension named Verksamhet, accounts by
Kommun-Bas 13 (3xxx intäkter, 4xxx–7xxx kostnader, 8xxx finansiella poster), the nämnd's
ansvar beginning with 3, the egen regi units LSS Funktionsstöd (35xx) and Råd och stöd (36xx).
Internal purchases inside the nämnd carry Motpart 3 and are excluded by the mapping.
Run: python tools/make_ledger_example.py
"""

from __future__ import annotations

import random

from make_example import (
    FOLDER,
    PERIOD,
    PROGNOS_TKR,
    PROGNOS_UNITS_TKR,
    ROWS,
    UNITS,
    UTFALL_TKR,
    UTFALL_UNITS_TKR,
    VARAV_TKR,
)

from generator.excel.schema import MAPPNING
from generator.excel.writer import write_workbook

LEDGER = FOLDER.parent / "huvudbok"
CSV_NAME = "huvudbok-2023-2024.csv"
SIE_NAME = "huvudbok-2024.se"
TKR = 100_000  # öre per tkr
ORGNR = "212000-0001"  # invented

REVENUE = {"3110": "Taxor och avgifter", "3410": "Statsbidrag",
           "3510": "Försäljning av verksamhet"}
COSTS = {"4510": "Köp av huvudverksamhet", "5010": "Löner", "5410": "Sociala avgifter",
         "6110": "Lokalhyror", "7010": "Köp av tjänster"}
OTHER_ACCOUNTS = {"8410": "Räntekostnader", "1930": "Bank"}
# The nämnd's ansvar per report row (by code, the egen regi units by name).
ANSVAR = {
    "100": ["3000"], "130": ["3000"], "267": ["3020"], "513": ["3110", "3120"],
    "520": ["3130"], "559": ["3210"], "569": ["3310", "3320"], "571": ["3220"],
    "575": ["3230"], "585": ["3340"], "600": ["3400"], "922": ["3900", "3910"],
    "LSS Funktionsstöd": ["3510", "3520"], "Råd och stöd": ["3610"],
}
# Egen regi: LSS Funktionsstöd (35xx) works in verksamhet 513, Råd och stöd (36xx) in 571.
OWN_VERKSAMHET = {"3510": "513", "3520": "513", "3610": "571"}
ANSVAR_NAMES = {"3000": "Nämnd och ledning", "3020": "Tillstånd", "3110": "LSS boende",
                "3120": "LSS daglig verksamhet", "3130": "Personlig assistans",
                "3210": "Missbruk vuxna", "3220": "Socialpsykiatri", "3230": "Försörjningsstöd",
                "3310": "Barn och unga öppenvård", "3320": "Barn och unga placeringar",
                "3340": "Familjerätt", "3400": "Integration", "3900": "Förvaltningsledning",
                "3910": "Stab", "3510": "LSS Funktionsstöd boende",
                "3520": "LSS Funktionsstöd daglig verksamhet", "3610": "Råd och stöd"}
# Other nämnder in the same export: (ansvar, verksamhet, konto) with a yearly amount in kr.
OTHERS = [
    ("1000", "100", "5010", 9_800_000), ("1000", "100", "3510", -450_000),
    ("1200", "130", "7010", 2_300_000), ("4100", "407", "5010", 310_000_000),
    ("4100", "407", "3410", -42_000_000), ("4200", "425", "4510", 95_000_000),
    ("6100", "310", "6110", 21_000_000), ("6100", "310", "3110", -6_400_000),
]
SERIES = ("A24", "B24", "A23")  # utfall 2024 (jan-aug), budget 2024, utfall 2023
INTERNAL_ROWS = ("520", "569", "LSS Funktionsstöd")  # internal purchases (Motpart 3)


def split(total: int, n: int, rng: random.Random) -> list[int]:
    """`total` öre in `n` parts of varying size that add up exactly."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(n)]
    parts = [int(total * w / sum(weights)) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def row_targets() -> dict[str, dict[str, tuple[int, int]]]:
    """Per row (code, or the unit's name) and series: (jan-aug, full year) net in öre."""
    keys = [code for code, _, _ in ROWS] + [name for name, _ in UNITS]
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for key, (a24, b24p, a23p), (_, b24y, a23y) in zip(
            keys, UTFALL_TKR + UTFALL_UNITS_TKR, PROGNOS_TKR + PROGNOS_UNITS_TKR, strict=True):
        out[key] = {"A24": (a24 * TKR, a24 * TKR), "B24": (b24p * TKR, b24y * TKR),
                    "A23": (a23p * TKR, a23y * TKR)}
    return out


def revenues(targets: dict[str, dict[str, tuple[int, int]]], series: str, total: int
             ) -> dict[str, int]:
    """The year's revenue per row (negative), adding up to `total` öre."""
    weights = {r: abs(t[series][1]) + 5000 * TKR for r, t in targets.items()}
    out = {r: total * w // sum(weights.values()) for r, w in weights.items()}
    first = next(iter(out))
    out[first] += total - sum(out.values())
    return out


def leaves(rng: random.Random) -> list[tuple[str, int, str, str, str, str, int]]:
    """(measure, period, konto, ansvar, verksamhet, motpart, öre) for every amount."""
    targets = row_targets()
    revenue_year = {
        "B24": revenues(targets, "B24", VARAV_TKR[1][2] * TKR),
        "A23": revenues(targets, "A23", VARAV_TKR[1][3] * TKR),
        "A24": {r: v * 8 // 12 for r, v in revenues(targets, "B24",
                                                    VARAV_TKR[1][2] * TKR).items()},
    }
    out = []
    for row, by_series in targets.items():
        ansvar = ANSVAR[row]
        for series in SERIES:
            measure = "budget" if series == "B24" else "utfall"
            year = 2023 if series == "A23" else 2024
            net_p, net_y = by_series[series]
            rev_y = revenue_year[series][row]
            rev_p = rev_y if series == "A24" else int(rev_y * 8 / 12 * rng.uniform(0.95, 1.05))
            parts = [(range(1, 9), net_p - rev_p, rev_p)]
            if series != "A24":
                parts.append((range(9, 13), (net_y - net_p) - (rev_y - rev_p), rev_y - rev_p))
            for months, cost, revenue in parts:
                assert cost > 0 and revenue < 0, (row, series, cost, revenue)
                for kind, amount in (("cost", cost), ("revenue", revenue)):
                    accounts = (["5010", "5410", rng.choice(["4510", "6110", "7010"])]
                                if kind == "cost" else [rng.choice(list(REVENUE))])
                    strings = [(k, a) for a in ansvar for k in accounts]
                    for (konto, a), piece in zip(strings, split(amount, len(strings), rng),
                                                 strict=True):
                        verksamhet = OWN_VERKSAMHET.get(a, row)
                        for m, ore in zip(months, split(piece, len(months), rng), strict=True):
                            out.append((measure, year * 100 + m, konto, a, verksamhet, "", ore))
        if row in INTERNAL_ROWS:  # internal purchases: excluded by Urval, net zero
            a = ansvar[0]
            verksamhet = OWN_VERKSAMHET.get(a, row)
            for year, months in ((2023, range(1, 13)), (2024, range(1, 9))):
                for m in months:
                    x = rng.randint(5_000_000, 40_000_000)
                    out.append(("utfall", year * 100 + m, "7010", a, verksamhet, "3", x))
                    out.append(("utfall", year * 100 + m, "3510", a, verksamhet, "3", -x))
    for year, months in ((2023, range(1, 13)), (2024, range(1, 9))):  # financial items
        for m in months:
            out.append(("utfall", year * 100 + m, "8410", "3900", "922", "",
                        rng.randint(100_000, 900_000)))
    for a, v, konto, yearly in OTHERS:
        for measure, year, months in (("utfall", 2023, range(1, 13)),
                                      ("utfall", 2024, range(1, 9)),
                                      ("budget", 2024, range(1, 13))):
            for m, ore in zip(months, split(yearly * 100 * len(months) // 12, len(months), rng),
                              strict=True):
                out.append((measure, year * 100 + m, konto, a, v, "", ore))
    return out


def kr_text(ore: int, mark: str = ",") -> str:
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}{mark}{abs(ore) % 100:02d}"


def write_csv(rows: list[tuple[str, int, str, str, str, str, int]]) -> None:
    """Windows-1252, semicolons, decimal comma: an Excel-style export, one row per code
    string and period with Belopp (utfall) and Budget side by side."""
    merged: dict[tuple[int, str, str, str, str], list[int]] = {}
    for measure, period, konto, a, v, motpart, ore in rows:
        amounts = merged.setdefault((period, konto, a, v, motpart), [0, 0])
        amounts[measure == "budget"] += ore
    lines = ["Period;Konto;Ansvar;Verksamhet;Aktivitet;Objekt;Projekt;Motpart;Belopp;Budget"]
    for (period, konto, a, v, motpart), (actual, budget) in sorted(merged.items()):
        has_actual = (2023 * 100 < period < 2024 * 100) or period <= 202408
        lines.append(";".join([str(period), konto, a, v, "", "", "", motpart,
                               kr_text(actual) if has_actual else "",
                               kr_text(budget) if period >= 202401 else ""]))
    (LEDGER / CSV_NAME).write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def _q(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def write_sie(rows: list[tuple[str, int, str, str, str, str, int]],
              rng: random.Random) -> None:
    """SIE 4E in PC8 (CP437): period balances per Ansvar, Verksamhet and Motpart (and per
    account without objects), budgets, #RES, and the year's vouchers, one per month."""
    def objects(a: str, v: str, motpart: str) -> str:
        return "{" + f'1 "{a}" 20 "{v}" 21 "{motpart or "0"}"' + "}"

    lines = ["#FLAGGA 0", '#PROGRAM "Exempel ekonomisystem" 1.0', "#FORMAT PC8",
             "#GEN 20240910", "#SIETYP 4", '#FNAMN "Linköpings kommun"', f"#ORGNR {ORGNR}",
             "#RAR 0 20240101 20241231", "#RAR -1 20230101 20231231", "#OMFATTN 20240831",
             '#KPTYP "Kommun-Bas 13"', "#VALUTA SEK",
             '#DIM 1 "Ansvar"', '#DIM 20 "Verksamhet"', '#DIM 21 "Motpart"']
    for konto, name in sorted({**REVENUE, **COSTS, **OTHER_ACCOUNTS}.items()):
        lines.append(f"#KONTO {konto} {_q(name)}")
    for a, name in sorted(ANSVAR_NAMES.items()):
        lines.append(f"#OBJEKT 1 {_q(a)} {_q(name)}")
    for code, name, _ in ROWS:
        lines.append(f"#OBJEKT 20 {_q(code)} {_q(name)}")
    lines += ['#OBJEKT 21 "0" "Extern"', '#OBJEKT 21 "3" "Socialförvaltningen, intern"']
    lines += ['#IB 0 1930 125000000.00', '#IB -1 1930 118000000.00']
    balances: dict[tuple[str, int, str, str], int] = {}
    totals: dict[tuple[str, int, str], int] = {}
    results: dict[tuple[int, str], int] = {}
    for measure, period, konto, a, v, motpart, ore in rows:
        label = "#PSALDO" if measure == "utfall" else "#PBUDGET"
        key = (label, period, konto, objects(a, v, motpart))
        balances[key] = balances.get(key, 0) + ore
        totals[(label, period, konto)] = totals.get((label, period, konto), 0) + ore
        if measure == "utfall":
            year = 0 if period // 100 == 2024 else -1
            results[(year, konto)] = results.get((year, konto), 0) + ore
    for (year, konto), ore in sorted(results.items()):
        lines.append(f"#RES {year} {konto} {kr_text(ore, '.')}")
    for (label, period, konto), ore in sorted(totals.items()):
        year = 0 if period // 100 == 2024 else -1
        lines.append(f"{label} {year} {period} {konto} {{}} {kr_text(ore, '.')}")
    for (label, period, konto, objs), ore in sorted(balances.items()):
        year = 0 if period // 100 == 2024 else -1
        lines.append(f"{label} {year} {period} {konto} {objs} {kr_text(ore, '.')}")
    for month in range(1, 9):  # the year's vouchers: one summary voucher per month
        period = 202400 + month
        entries = [(k[2], k[3], ore) for k, ore in sorted(balances.items())
                   if k[0] == "#PSALDO" and k[1] == period]
        lines.append(f'#VER "A" {month} {period}28 "Månadens bokföring {month}"')
        lines.append("{")
        for konto, objs, ore in entries:
            lines.append(f"#TRANS {konto} {objs} {kr_text(ore, '.')}")
        lines.append(f"#TRANS 1930 {{}} {kr_text(-sum(e[2] for e in entries), '.')}")
        lines.append("}")
    (LEDGER / SIE_NAME).write_bytes(("\r\n".join(lines) + "\r\n").encode("cp437"))
    del rng


def write_mapping() -> None:
    write_workbook(FOLDER / MAPPNING.filename, MAPPNING, PERIOD, {
        "Inställningar": {"orgnr": ORGNR, "decimal_mark": "Automatiskt"},
        "Kolumner": [{"field": f, "column": f, "dimension": d} for f, d in (
            ("Period", None), ("Konto", None), ("Ansvar", "Ansvar"),
            ("Verksamhet", "Verksamhet"), ("Motpart", "Motpart"), ("Belopp", None),
            ("Budget", None))],
        "Urval": [
            {"rule": "Ta med", "field": "Ansvar", "codes": "3*",
             "note": "Social- och omsorgsnämndens ansvar"},
            {"rule": "Undanta", "field": "Motpart", "codes": "3",
             "note": "Interna köp och försäljningar inom nämnden"},
        ],
        "Konton": [
            {"codes": "3*", "kind": "Intäkt", "note": "Kommun-Bas 13 klass 3"},
            {"codes": "4000-7999", "kind": "Kostnad", "note": "Kommun-Bas 13 klass 4–7"},
            {"codes": "8*", "kind": "Utanför driften", "note": "Finansiella poster"},
            {"codes": "1*, 2*", "kind": "Utanför driften", "note": "Balanskonton"},
        ],
        "Rader": [
            {"row": "LSS Funktionsstöd", "ansvar": "35*",
             "note": "Egen regi, vilken verksamhet enheten än bokför på"},
            {"row": "Råd och stöd", "ansvar": "36*", "note": "Egen regi"},
            *({"row": code, "verksamhet": code} for code, _, _ in ROWS),
        ],
    })


def main() -> None:
    rng = random.Random(2024)
    rows = leaves(rng)
    LEDGER.mkdir(exist_ok=True)
    write_csv(rows)
    write_sie(rows, rng)
    write_mapping()
    print(f"Skrev {LEDGER / CSV_NAME}, {LEDGER / SIE_NAME} och {FOLDER / MAPPNING.filename}")


if __name__ == "__main__":
    main()
