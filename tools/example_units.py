"""The Linköping example's units (enheter): who forecasts which rows, and what they answer.

Invented: 20 enheter with invented managers share the rows of the reference's prognos, and
their forecasts, summed per row by `generate samla`, give prognos.xlsx's figures exactly.
Rows 100, 130, 267 and 600 have no enheter: the economist fills them in prognos.xlsx.
The amounts per enhet are the row's amounts split by a weight per enhet (the last enhet of
a row takes what rounding leaves), so budget, redovisat and prognos add up to the row's.

`ANSWERS` is what the managers fill in (the tests fill the sent-out workbooks with it).
Used by make_example.py (enheter.xlsx) and the tests (tests/test_orgunits.py).
"""

from __future__ import annotations

from pathlib import Path

from generator.excel.schema import ENHETER
from generator.excel.writer import write_workbook

# (row key, Redovisat jan-aug, Budget helår, Prognos helår), tkr: the example's utfall.xlsx
# and prognos.xlsx for the rows that have enheter.
ROWS = {
    "513": (587300, 866821, 882793),
    "520": (122122, 179767, 181119),
    "559": (73100, 102283, 110520),
    "569": (358000, 491487, 532386),
    "571": (32439, 52222, 48794),
    "575": (2026, 2739, 2711),
    "585": (7082, 11469, 11320),
    "922": (26897, 46626, 47045),
    "LSS Funktionsstöd": (21980, 13600, 33500),
    "Råd och stöd": (1933, 9532, 3643),
}
CODES = {"513": "Insatser enl LSS, SFB och HSL", "520": "Insatser personer m funktionsnedsättn",
         "559": "Vård vuxna med missbruksproblem", "569": "Barn och ungdomsvård",
         "571": "Övriga insatser till vuxna", "575": "Ekonomiskt bistånd",
         "585": "Familjerätt och rådgivning", "922": "Socialförvaltningen"}

# (id, enhet, ansvarig, analys, mål, [(row key, weight)])
UNITS = [
    ("4101", "Myndighetsenhet LSS", "Anna Lindqvist", False, (), [("513", 30)]),
    ("4102", "Personlig assistans", "Johan Ek", True, (), [("513", 45)]),
    ("4103", "LSS Funktionsstöd boenden", "Maria Holm", True,
     ("Vård, stöd och omsorgstjänster med hög kvalitet",), [("513", 25),
                                                           ("LSS Funktionsstöd", 70)]),
    ("4104", "LSS Funktionsstöd daglig verksamhet", "Erik Sandberg", False, (),
     [("520", 20), ("LSS Funktionsstöd", 30)]),
    ("4201", "Socialpsykiatri", "Lena Berg", False, (), [("520", 50)]),
    ("4202", "Boendestöd", "Ahmed Hassan", False, (), [("520", 30)]),
    ("4301", "Beroendeenheten", "Karin Nyström", False, (), [("559", 60)]),
    ("4302", "Vuxenenheten myndighet", "Peter Wallin", False, (), [("559", 40), ("571", 35)]),
    ("4401", "Barn och unga, mottagning och utredning", "Sara Lund", False, (),
     [("569", 15)]),
    ("4402", "Barn och unga, öppenvård", "Mikael Strand", False, (), [("569", 20)]),
    ("4403", "Familjehemsenheten", "Karin Berg", False, (), [("569", 25)]),
    ("4404", "Placeringar HVB och SiS", "Fredrik Dahl", True,
     ("En socialtjänst som tidigt upptäcker och förebygger våld",), [("569", 40)]),
    ("4501", "Våld i nära relationer", "Elin Sjöberg", False, (), [("571", 40)]),
    ("4502", "Socialjouren", "Nils Forsberg", False, (), [("571", 25)]),
    ("4601", "Ekonomiskt bistånd, handläggning", "Ida Engström", False, (), [("575", 1)]),
    ("4701", "Familjerätten", "Ulla Hedlund", False, (), [("585", 1)]),
    ("4801", "Förvaltningsledning", "Göran Blom", False, (), [("922", 50)]),
    ("4802", "Administrativa enheten", "Camilla Ström", False, (), [("922", 30)]),
    ("4803", "Kvalitet och utveckling", "Jonas Lindgren", False, (), [("922", 20)]),
    ("4901", "Råd och stöd", "Hanna Åberg", False, (), [("Råd och stöd", 1)]),
]
# Comments the managers write on some rows; the rest leave Kommentar empty.
COMMENTS = {
    ("4102", "513"): "Fler beviljade timmar personlig assistans enligt SFB än budgeterat.",
    ("4103", "LSS Funktionsstöd"): "Höga kostnader för bemanning på två boenden med stora "
                                   "vårdbehov; åtgärdsplan beslutad.",
    ("4301", "559"): "Fler placeringar enligt LVM under våren.",
    ("4404", "569"): "Fler och dyrare placeringar av barn och unga; dygnskostnaden har ökat.",
    ("4901", "Råd och stöd"): "Lägre intäkter än budgeterat.",
}
TEXTS = {
    "4102": [("Analys", None, "Underskottet beror på fler beviljade timmar.")],
    "4103": [("Analys", None, "Bemanningen på två boenden har ökat."),
             ("Nämndmål: Vård, stöd och omsorgstjänster med hög kvalitet", "Delvis uppfyllt",
              "Brukarundersökningen visar högre nöjdhet, men väntetiderna är långa.")],
    "4404": [("Analys", None, "Placeringskostnaderna fortsätter att öka."),
             ("Nämndmål: En socialtjänst som tidigt upptäcker och förebygger våld",
              "Uppfyllt", "Samverkan med skola och polis har byggts ut.")],
}


def _email(name: str) -> str:
    table = str.maketrans("åäöÅÄÖé ", "aaoAAOe.")
    return name.translate(table).lower() + "@example.se"


def _split(total: int, weights: list[int]) -> list[int]:
    """Parts in proportion to the weights that add up to `total` exactly."""
    parts = [round(total * w / sum(weights)) for w in weights[:-1]]
    return [*parts, total - sum(parts)]


def unit_lines() -> list[dict[str, object]]:
    """A row per enhet and report row: the amounts of enheter.xlsx › Belopp and the answer."""
    by_row: dict[str, list[tuple[str, int]]] = {}
    for unit_id, _, _, _, _, rows in UNITS:
        for key, weight in rows:
            by_row.setdefault(key, []).append((unit_id, weight))
    amounts: dict[tuple[str, str], tuple[int, int, int]] = {}
    for key, members in by_row.items():
        weights = [w for _, w in members]
        columns = [_split(total, weights) for total in ROWS[key]]
        for i, (unit_id, _) in enumerate(members):
            amounts[(unit_id, key)] = (columns[0][i], columns[1][i], columns[2][i])
    lines = []
    for n, (unit_id, _, _, _, _, rows) in enumerate(UNITS):
        for key, _ in rows:
            actual, budget, forecast = amounts[(unit_id, key)]
            # Their forecast in the previous report: within a percent of this one.
            previous = round(forecast * (0.99 if n % 2 else 1.01), -1)
            lines.append({"unit": unit_id, "code": key if key in CODES else None,
                          "name": CODES.get(key, key), "key": key, "budget": budget,
                          "actual": actual, "previous": previous, "forecast": forecast,
                          "comment": COMMENTS.get((unit_id, key))})
    return lines


def write_units(folder: Path, period: str) -> None:
    lines = unit_lines()
    write_workbook(folder / ENHETER.filename, ENHETER, period, {
        "Enheter": [{"id": i, "name": n, "manager": m, "email": _email(m),
                     "analysis": "Ja" if a else None, "goals": "; ".join(g) or None}
                    for i, n, m, a, g, _ in UNITS],
        "Belopp": [{k: line[k] for k in ("unit", "code", "name", "budget", "actual",
                                          "previous")} for line in lines],
        "Inställningar": {"deadline": "2024-09-06",
                          "contact": "Eva Ekonom, eva.ekonom@example.se",
                          "threshold": 10},
    })
