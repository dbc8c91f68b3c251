"""Write the second bundled example: Exempelby kommun, Kultur- och fritidsnämnden, aug 2024.

Developer tool. Exempelby is an invented municipality; every name and figure here is made up.
The example exists to show that another committee with another structure needs no code
change: amounts in tkr shown without decimals, verksamhet rows without codes, no egen regi
row, three målområden with other goal labels, other indicator columns, and a ledger export
with intäkter positive ("Intäkter med minustecken i indata: Nej"). Run:
    python tools/make_exempelby.py
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.excel.schema import (
    INDIKATORER,
    MAL,
    PROGNOS,
    SETTINGS,
    TEXTER,
    UPPDRAG,
    UTFALL,
    VOLYMER,
)
from generator.excel.writer import write_workbook

FOLDER = Path(__file__).resolve().parents[1] / "inputs" / "exempelby-kfn" / "aug-2024"
PERIOD = "aug-2024"

ROWS = [
    "Nämnd och förvaltning",
    "Bibliotek",
    "Kulturskola",
    "Allmän kulturverksamhet",
    "Fritidsgårdar",
    "Idrottsanläggningar",
    "Föreningsbidrag",
]

# Net cost per row as the report shows it (kostnader positive), tkr:
# (Redovisat jan-aug 2024, Budget jan-aug 2024, Redovisat jan-aug 2023)
UTFALL_TKR = [
    ("3412", "3487", "3305"), ("14229.6", "14155", "13620"), ("6980", "7210", "6744"),
    ("4105", "4105", "3990"), ("8766", "8320", "8102"), ("11534", "10900", "10870"),
    ("5200", "5200", "5050"),
]
# (Prognos helår 2024, Budget 2024, Bokslut 2023)
PROGNOS_TKR = [
    ("5150", "5230", "5020"), ("21420", "21230", "20610"), ("10640", "10815", "10377"),
    ("6158", "6158", "5911"), ("13180", "12480", "12290"), ("17050", "16350", "16612"),
    ("7800", "7800", "7650"),
]
VARAV_TKR = [
    ("Kostnader", "97560", "95900", "94320"),
    ("Intäkter", "-16162", "-15837", "-15850"),
]
# objekt: (redovisat utgifter, inkomster), (prognos utgifter, inkomster, ram), tkr
INVESTMENTS = [
    ("Konstgräsplan Norrvallen", (1850, 0), (4200, 1000, 3500)),
    ("Inventarier bibliotek", (240, 0), (600, 0, 600)),
]


def ledger(amount: str) -> Decimal:
    """The ledger's sign (intäkter positive, kostnader negative): the report's, flipped."""
    return -Decimal(amount)


TEXTS = {
    "namndens_uppdrag": (
        "Kultur- och fritidsnämnden ansvarar för kommunens bibliotek, kulturskola, allmänna "
        "kulturverksamhet, fritidsgårdar och idrottsanläggningar samt för bidrag till "
        "föreningslivet.\n\n"
        "Delårsrapporten följer upp nämndens verksamhet, ekonomi och mål utifrån "
        "internbudgeten."
    ),
    "aret_i_korthet": (
        "Året har präglats av fler besökare i biblioteken och på fritidsgårdarna. Kulturskolan "
        "har kortat sin kö med hjälp av gruppundervisning.\n\n"
        "- Biblioteket i Norrby har utökade öppettider sedan mars.\n"
        "- Fritidsgårdarna har haft sommaröppet för första gången."
    ),
    "ekonomi_i_korthet": (
        "Resultatet per 31 augusti 2024 är {resultat.avvikelse} tusen kronor mot budget. "
        "Helårsprognosen är en avvikelse på {prognos.avvikelse} tusen kronor, främst inom "
        "fritidsgårdar och idrottsanläggningar."
    ),
    "handelser": (
        "- Konstgräsplanen på Norrvallen började byggas i juni.\n"
        "- Nämnden beslutade om nya riktlinjer för föreningsbidrag."
    ),
    "forvantad_utveckling": (
        "Efterfrågan på fritidsaktiviteter för unga väntas öka när bostadsområdet i Söderby "
        "står klart 2026."
    ),
    "analys_ekonomi": (
        "**Fritidsgårdar** visar en avvikelse på {utfall.fritidsgardar.avvikelse} tusen "
        "kronor, som följd av sommaröppet.\n\n"
        "**Idrottsanläggningar** avviker med {utfall.idrottsanlaggningar.avvikelse} tusen "
        "kronor på grund av högre energikostnader^[Elpriset var i genomsnitt 18 procent högre "
        "än budgeterat.].\n\n"
        "Bibliotekets avvikelse, {utfall.bibliotek.avvikelse} tusen kronor, beror på de "
        "utökade öppettiderna."
    ),
    "analys_investeringar": (
        "Konstgräsplanen får ett statligt bidrag på 1 000 tusen kronor. Prognosen för "
        "investeringarna är {investeringar.prognos} tusen kronor mot en ram på "
        "{investeringar.ram} tusen kronor."
    ),
    "uppdrag_inledning": "Nämnden har fyra strategiska utvecklingsuppdrag under året.",
    "internkontroll": (
        "Internkontrollplanens fyra kontrollmoment har följts upp utan väsentliga brister."
    ),
    "volym_kommentar": "Besök räknas med besöksräknare vid entréerna.",
}

TITLES = {
    "namndens_uppdrag": "Nämndens uppdrag",
    "aret_i_korthet": "Året i korthet (inledning)",
    "ekonomi_i_korthet": "Året i korthet › efter tabellen Ekonomi",
    "handelser": "Händelser av väsentlig betydelse",
    "forvantad_utveckling": "Förväntad utveckling",
    "analys_ekonomi": "Ekonomi › Resultat och helårsprognos › Analys och kommentar",
    "analys_investeringar": "Ekonomi › Investeringar › Analys och kommentar",
    "uppdrag_inledning": "Strategiska utvecklingsuppdrag (inledning)",
    "internkontroll": "Planer och program › Internkontroll",
    "volym_kommentar": "Volymtal › Kommentar",
}

GOALS = [
    ("Livskvalitet", "Ett rikt kulturliv för alla åldrar", None,
     "- Biblioteken har haft 6 procent fler besök än samma period 2023.\n"
     "- Kulturskolans kö har minskat från 140 till 85 barn.", "Uppfyllt"),
    ("Livskvalitet", "Meningsfull fritid för unga", "Fritidsgårdarna har nått fler unga.",
     "- Sommaröppet lockade i genomsnitt 45 besökare per kväll.\n"
     "- Andelen flickor bland besökarna är fortsatt låg, 31 procent.", "Delvis uppfyllt"),
    ("Delaktighet", "Invånarna är med och formar utbudet", None,
     "- Medborgardialogen om Norrvallen genomförs i oktober.", "Ej bedömt"),
    ("Hållbar ekonomi", "En ekonomi i balans", None,
     "- Prognosen visar ett underskott mot budget.", "Ej uppfyllt"),
]

UPPDRAG_ROWS = [
    ("Kommungemensamma", "Minska energianvändningen i kommunens lokaler.", None, "Pågår"),
    ("Kommungemensamma", "Inför digital bokning av lokaler.", None, "Klar"),
    ("Nämndspecifika", "Utred en kulturskola i Söderby.", "Kvarstår från 2023", "Pågår"),
    ("Nämndspecifika", "Ta fram en plan för spontanidrott.", None, "Ej påbörjad"),
]

VOLUMES = [
    ("Besök i biblioteken", "Besöksräknare vid entréerna.", "98 400", "104 250", "155 000"),
    ("Elever i kulturskolan", None, "612 (58 % flickor)", "655 (57 % flickor)", "680"),
    ("Besök på fritidsgårdarna", None, "21 300", "24 880", "36 000"),
]
PERSONNEL = [
    ("Antal tillsvidareanställda", "84", "86", "Bibehålla"),
    ("Total sjukfrånvaro, %", "5,9", "5,1", "Minska"),
]

# (målområde, kommunmål, verksamhetsmål, indikator, 2023, Mål 2024, Utfall aug 2024, riktning)
INDICATORS = [
    ("Livskvalitet", "Ett rikt kulturliv", "Ett rikt kulturliv för alla åldrar",
     "Besök i biblioteken per invånare", "4,1", "4,3", "2,9", "Öka"),
    ("Livskvalitet", "Ett rikt kulturliv", "Ett rikt kulturliv för alla åldrar",
     "Barn i kö till kulturskolan", "140", "100", "85", "Minska"),
    ("Livskvalitet", "En aktiv fritid", "Meningsfull fritid för unga",
     "Andel flickor bland fritidsgårdarnas besökare", "29 %", "40 %", "31 %", "Öka"),
    ("Delaktighet", "Delaktiga invånare", "Invånarna är med och formar utbudet",
     "Antal medborgardialoger", "2", "3", "1", "3"),
    ("Hållbar ekonomi", "En ekonomi i balans", "En ekonomi i balans",
     "Budgetavvikelse helår, tkr", "-410", "0", "-1 335", "Bibehålla"),
]


def main() -> None:
    write_workbook(FOLDER / SETTINGS.filename, SETTINGS, PERIOD, {
        "Nämnd": {
            "kommun": "Exempelby kommun",
            "namnd": "Kultur- och fritidsnämnden",
            "input_unit": "tkr",
            "report_unit": "tkr",
            "decimals": 0,
            "revenue_negative": "Nej",
            "sum_label": "Summa nettokostnader",
            "previous_report": "delårsrapport april",
            "area_label": "Målområde",
            "goal_label": "Verksamhetsmål",
            "assessment_label": "Verksamhetsmålet bedöms",
            "top_goal_label": "Kommunmål",
        },
        "Verksamheter": [{"code": None, "name": n, "kind": "Verksamhet"} for n in ROWS],
    })
    write_workbook(FOLDER / UTFALL.filename, UTFALL, PERIOD, {
        "Drift": [
            {"code": None, "name": n, "actual": ledger(a), "budget": ledger(b),
             "previous": ledger(p)}
            for n, (a, b, p) in zip(ROWS, UTFALL_TKR, strict=True)
        ],
        "Investeringar": [
            {"name": n, "spend": a[0], "income": a[1]} for n, a, _ in INVESTMENTS
        ],
    })
    write_workbook(FOLDER / PROGNOS.filename, PROGNOS, PERIOD, {
        "Drift": [
            {"code": None, "name": n, "forecast": ledger(f), "budget": ledger(b),
             "previous": ledger(p)}
            for n, (f, b, p) in zip(ROWS, PROGNOS_TKR, strict=True)
        ],
        "Varav": [
            {"name": n, "forecast": ledger(f), "budget": ledger(b), "previous": ledger(p)}
            for n, f, b, p in VARAV_TKR
        ],
        "Investeringar": [
            {"name": n, "spend": f[0], "income": f[1], "frame": f[2]}
            for n, _, f in INVESTMENTS
        ],
        "Föregående prognos": {"drift_deviation": -1000, "investment_deviation": 0},
    })
    write_workbook(FOLDER / TEXTER.filename, TEXTER, PERIOD, {
        "Texter": [{"key": k, "title": TITLES[k], "text": v} for k, v in TEXTS.items()],
    })
    write_workbook(FOLDER / MAL.filename, MAL, PERIOD, {
        "Mål": [{"levels": [("Målområde", a), ("Verksamhetsmål", n)], "intro": i, "text": t,
                 "assessment": b} for a, n, i, t, b in GOALS],
    })
    write_workbook(FOLDER / UPPDRAG.filename, UPPDRAG, PERIOD, {
        "Uppdrag": [{"group": g, "text": t, "note": n, "status": s}
                    for g, t, n, s in UPPDRAG_ROWS],
    })
    write_workbook(FOLDER / VOLYMER.filename, VOLYMER, PERIOD, {
        "Volymer": [{"name": n, "footnote": f,
                     "values": [("Augusti 2023", p), ("Augusti 2024", c), ("Prognos 2024", fc)]}
                    for n, f, p, c, fc in VOLUMES],
        "Personal": [{"name": n,
                      "values": [("Augusti 2023", p), ("Augusti 2024", c), ("Målvärde 2024", t)]}
                     for n, p, c, t in PERSONNEL],
    })
    write_workbook(FOLDER / INDIKATORER.filename, INDIKATORER, PERIOD, {
        "Indikatorer": [{
            "area": a, "top_goal": k, "goal": g, "name": n, "footnote": None,
            "values": [("2023", v1), ("Mål 2024", v2), ("Utfall aug 2024", v3)],
            "direction": d, "direction_footnote": None,
        } for a, k, g, n, v1, v2, v3, d in INDICATORS],
        "Kolumnrubriker": [],
    })
    print(f"Skrev arbetsböckerna i {FOLDER}")


if __name__ == "__main__":
    main()
