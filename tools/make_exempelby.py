"""Write the second bundled example: Exempelby kommun, Kultur- och fritidsnämnden, aug 2024.

Developer tool. Exempelby is an invented municipality; every name and figure here is made up.
The example shows that a kommun whose documents look nothing like Linköping's needs no code
change, only workbooks: amounts in tkr shown without decimals and net costs printed
negative, the investments in mnkr with one decimal, a Kommentar column in the forecast,
verksamhet rows without codes, a Delrad, no egen regi row, a three-level goal hierarchy with
numbered and marked goals and checklists, its own bedömning scale, uppdrag numbered as the
internbudget numbers them, a six-column volume table with kvinnor/män sub-rows, indicator
tables with different columns, a ram build-up table and a table of decided åtgärder, and a
ledger export with intäkter positive ("Intäkter med minustecken i indata: Nej"). Run:
    python tools/make_exempelby.py
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.excel.schema import (
    INDIKATORER,
    MAL,
    PROGNOS,
    SETTINGS,
    TABELLER,
    TEXTER,
    UPPDRAG,
    UTFALL,
    VOLYMER,
)
from generator.excel.table_settings import spec_rows
from generator.excel.writer import write_workbook
from generator.tables import DEFAULT_SPECS

FOLDER = Path(__file__).resolve().parents[1] / "inputs" / "exempelby-kfn" / "aug-2024"
PERIOD = "aug-2024"

# (name, Radtyp): the Delrad is an adjustment shown under its row and summed like it.
ROWS = [
    ("Nämnd och förvaltning", "Verksamhet"),
    ("Bibliotek", "Verksamhet"),
    ("Kulturskola", "Verksamhet"),
    ("Allmän kulturverksamhet", "Verksamhet"),
    ("Fritidsgårdar", "Verksamhet"),
    ("Idrottsanläggningar", "Verksamhet"),
    ("Föreningsbidrag", "Verksamhet"),
    ("Åtgärdsplan", "Delrad"),
]

# Net cost per row (kostnader positive, as the ledger's sign is flipped below), tkr:
# (Redovisat jan-aug 2024, Budget jan-aug 2024, Redovisat jan-aug 2023)
UTFALL_TKR = [
    ("3412", "3487", "3305"), ("14229.6", "14155", "13620"), ("6980", "7210", "6744"),
    ("4105", "4105", "3990"), ("8766", "8320", "8102"), ("11534", "10900", "10870"),
    ("5250", "5250", "5050"), ("-50", "-50", "0"),
]
# (Prognos helår 2024, Budget 2024, Bokslut 2023, Kommentar)
PROGNOS_TKR = [
    ("5150", "5230", "5020", None), ("21420", "21230", "20610", "Utökade öppettider"),
    ("10640", "10815", "10377", "Vakanta lärartjänster"), ("6158", "6158", "5911", None),
    ("13180", "12480", "12290", "Sommaröppet för första gången"),
    ("17050", "16350", "16612", "Högre energikostnader"), ("7937", "7937", "7650", None),
    ("-137", "-137", "0", "Minskade lokalkostnader"),
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
        "fritidsgårdar och idrottsanläggningar. Nettokostnaderna visas med minustecken."
    ),
    "handelser": (
        "- Konstgräsplanen på Norrvallen började byggas i juni.\n"
        "- Nämnden beslutade om nya riktlinjer för föreningsbidrag."
    ),
    "forvantad_utveckling": (
        "Efterfrågan på fritidsaktiviteter för unga väntas öka när bostadsområdet i Söderby "
        "står klart 2026."
    ),
    "budgetkommentar": (
        "Nämndens ram för 2024 har byggts upp så här:\n\n[tabell T1]"
    ),
    "analys_ekonomi": (
        "**Fritidsgårdar** visar en avvikelse på {utfall.fritidsgardar.avvikelse} tusen "
        "kronor, som följd av sommaröppet.\n\n"
        "**Idrottsanläggningar** avviker med {utfall.idrottsanlaggningar.avvikelse} tusen "
        "kronor på grund av högre energikostnader^[Elpriset var i genomsnitt 18 procent högre "
        "än budgeterat.].\n\n"
        "Bibliotekets avvikelse, {utfall.bibliotek.avvikelse} tusen kronor, beror på de "
        "utökade öppettiderna.\n\n"
        "För att nå en ekonomi i balans har nämnden beslutat om dessa åtgärder:\n\n"
        "[tabell T2]"
    ),
    "analys_investeringar": (
        "Konstgräsplanen får ett statligt bidrag på 1 000 tusen kronor. Prognosen för "
        "investeringarna är {investeringar.prognos} tusen kronor mot en ram på "
        "{investeringar.ram} tusen kronor."
    ),
    "uppdrag_inledning": (
        "Nämnden har fyra strategiska utvecklingsuppdrag under året. Numren är "
        "internbudgetens."
    ),
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
    "budgetkommentar": "Ekonomi › efter driftsammandraget för prognos",
    "analys_ekonomi": "Ekonomi › Resultat och helårsprognos › Analys och kommentar",
    "analys_investeringar": "Ekonomi › Investeringar › Analys och kommentar",
    "uppdrag_inledning": "Strategiska utvecklingsuppdrag (inledning)",
    "internkontroll": "Planer och program › Internkontroll",
    "volym_kommentar": "Volymtal › Kommentar",
}

LEVELS = ("Strategiskt område", "Strategiskt mål", "Verksamhetsmål")

# (område, strategiskt mål, verksamhetsmål, nummer, märkning, inledning, redovisning,
#  bedömning): a row without a verksamhetsmål describes the strategiskt mål itself.
GOALS = [
    ("Livskvalitet", "Ett rikt kulturliv", None, "1", None, None, None, None),
    ("Livskvalitet", "Ett rikt kulturliv", "Ett rikt kulturliv för alla åldrar", "1.1", None,
     "Målet nås för 2024 genom att:",
     "✓ biblioteken har längre öppettider\n✓ kulturskolans kö kortas med gruppundervisning\n\n"
     "- Biblioteken har haft 6 procent fler besök än samma period 2023.\n"
     "- Kulturskolans kö har minskat från 140 till 85 barn.", "Uppnått"),
    ("Livskvalitet", "En aktiv fritid", None, "2", "GEH-mål", None, None, None),
    ("Livskvalitet", "En aktiv fritid", "Meningsfull fritid för unga", "2.1", None,
     "Fritidsgårdarna har nått fler unga.",
     "- Sommaröppet lockade i genomsnitt 45 besökare per kväll.\n"
     "- Andelen flickor bland besökarna är fortsatt låg, 31 procent.", "Delvis uppnått"),
    ("Delaktighet", "Delaktiga invånare", None, "3", None, None, None, None),
    ("Delaktighet", "Delaktiga invånare", "Invånarna är med och formar utbudet", "3.1", None,
     None, "- Medborgardialogen om Norrvallen genomförs i oktober.", "Ej bedömt"),
    ("Hållbar ekonomi", "En ekonomi i balans", None, "4", None, None, None, None),
    ("Hållbar ekonomi", "En ekonomi i balans", "Kostnaderna ryms i ramen", "4.1", None, None,
     "- Prognosen visar ett underskott mot budget.", "Ej uppnått"),
    ("Hållbar ekonomi", "Hållbar energianvändning", None, "5", "GEH-mål",
     "Målet följs upp i årsredovisningen; det har inga verksamhetsmål i år.", None, None),
]

# The kommun's own bedömning scale, with symbols so colour is never the only signal.
SCALE = [("Uppnått", "✔", "2E7D32"), ("Delvis uppnått", "◐", "8A5A00"),
         ("Ej uppnått", "✘", "C62828"), ("Ej bedömt", "–", None)]

UPPDRAG_ROWS = [
    ("Kommungemensamma", "12", "Minska energianvändningen i kommunens lokaler.", None, "Pågår"),
    ("Kommungemensamma", "14", "Inför digital bokning av lokaler.", None, "Klar"),
    ("Nämndspecifika", "38", "Utred en kulturskola i Söderby.", "Kvarstår från 2023", "Pågår"),
    ("Nämndspecifika", "42", "Ta fram en plan för spontanidrott.", None, "Ej påbörjad"),
]

VOLUME_HEADERS = ("Utfall 2021", "Utfall 2022", "Utfall 2023", "Utfall jan–aug 2024",
                  "Bedömning 2024", "Bedömning 2025")
# (name, Radtyp, fotnot, six cells)
VOLUMES = [
    ("Bibliotek", "Rubrik", None, ()),
    ("Besök i biblioteken", None, "Besöksräknare vid entréerna.",
     ("91 200", "95 800", "98 400", "104 250", "Ökar", "Ökar")),
    ("Aktiva låntagare", None, None,
     ("12 310", "12 640", "12 980", "13 105", "Ökar", "Oförändrat")),
    ("kvinnor", "Delrad", None, ("7 020", "7 190", "7 350", "7 400", "Ökar", "Oförändrat")),
    ("män", "Delrad", None, ("5 290", "5 450", "5 630", "5 705", "Oförändrat", "Oförändrat")),
    ("Kultur och fritid", "Rubrik", None, ()),
    ("Elever i kulturskolan", None, None, ("598", "604", "612", "655", "Ökar", "Ökar")),
    ("kvinnor", "Delrad", None, ("350", "352", "355", "373", "Ökar", "Ökar")),
    ("män", "Delrad", None, ("248", "252", "257", "282", "Ökar", "Ökar")),
    ("Besök på fritidsgårdarna", None, None,
     ("19 900", "20 700", "21 300", "24 880", "Ökar", "Ökar")),
]
PERSONNEL = [
    ("Antal tillsvidareanställda", "84", "86", "Bibehålla"),
    ("Total sjukfrånvaro, %", "5,9", "5,1", "Minska"),
]

INDICATOR_HEADERS = ("Utfall 2022", "Utfall 2023", "Mål 2024", "Utfall aug 2024")
# (område, kommunmål, verksamhetsmål, indikator, cells by INDICATOR_HEADERS, riktning):
# each kommunmål's table shows only the columns its rows fill.
INDICATORS = [
    ("Livskvalitet", "Ett rikt kulturliv", "Ett rikt kulturliv för alla åldrar",
     "Besök i biblioteken per invånare", (None, "4,1", "4,3", "2,9"), "Öka"),
    ("Livskvalitet", "Ett rikt kulturliv", "Ett rikt kulturliv för alla åldrar",
     "Barn i kö till kulturskolan", (None, "140", "100", "85"), "Minska"),
    ("Livskvalitet", "En aktiv fritid", "Meningsfull fritid för unga",
     "Andel flickor bland fritidsgårdarnas besökare", ("27 %", "29 %", "40 %", None), "Öka"),
    ("Delaktighet", "Delaktiga invånare", "Invånarna är med och formar utbudet",
     "Antal medborgardialoger", ("2", "2", "3", "1"), "3"),
    ("Hållbar ekonomi", "En ekonomi i balans", "Kostnaderna ryms i ramen",
     "Budgetavvikelse helår, tkr", ("-120", "-410", "0", "-1 335"), None),
]

# Own tables: the ram build-up and the decided åtgärder (tkr).
RAM_ROWS = [
    ("Rad", "Ram 2023 enligt kommunfullmäktige", Decimal(77500)),
    ("Rubrik", "Tillskott:", None),
    ("Rad", "Pris- och lönekompensation", Decimal(2100)),
    ("Rad", "Drift av konstgräsplanen på Norrvallen", Decimal(600)),
    ("Rubrik", "Effektiviseringar:", None),
    ("Rad", "Minskade lokalkostnader", Decimal(-137)),
    ("Summa", "Ram 2024", None),
]
ATGARDER = [
    (date(2024, 3, 12), "KFN 2024/15", "Kortare öppettider på sommaren", 150, 300),
    (date(2024, 5, 21), "KFN 2024/41", "Höjda avgifter för lokalhyra", 120, 240),
    (date(2024, 6, 18), "KFN 2024/52", "Vakant tjänst i förvaltningen lämnas obesatt", 200, 0),
]


def settings() -> dict[str, object]:
    prognos = DEFAULT_SPECS["prognos"]
    widths = {"prognos": 2.0, "budget": 2.0, "avvikelse": 1.8, "bokslut": 2.0}
    columns = [{**row, "width": widths[str(row["key"])]} for row in spec_rows(prognos)]
    columns.append({"table": "prognos", "key": "kommentar", "header": "Kommentar",
                    "kind": "text", "value": "kommentar", "width": 4.4})
    return {
        "Nämnd": {
            "kommun": "Exempelby kommun",
            "namnd": "Kultur- och fritidsnämnden",
            "input_unit": "tkr",
            "report_unit": "tkr",
            "decimals": 0,
            "revenue_negative": "Nej",
            "costs_shown": "negativa",
            "title": "Delårsrapport 2 {år}, per den {dag} {månad}",
            "logo": LOGO.name,
            "decision_date": "2024-09-19",
            "diarienummer": "KFN 2024/88",
            "ram": 80063,
            "sum_label": "Summa nettokostnader",
            "previous_report": "delårsrapport april",
            "area_label": "Strategiskt område",
            "goal_label": "Verksamhetsmål",
            "assessment_label": "Verksamhetsmålet bedöms",
            "top_goal_label": "Kommunmål",
            "goal_levels": "; ".join(LEVELS),
            "number_assignments": "Nej",
        },
        "Verksamheter": [{"code": None, "name": n, "kind": k} for n, k in ROWS],
        "Bedömningar": [{"name": n, "symbol": sym, "color": c} for n, sym, c in SCALE],
        "Tabeller": [
            {"table": "investeringar", "unit": "mnkr", "decimals": 1},
            {"table": "prognos", "label_width": 4.2},
            {"table": "volymer", "label_header": "Volymmått", "label_width": 4.4},
        ],
        "Kolumner": columns,
    }


LOGO = FOLDER.parent / "exempelby-logotyp.png"


def write_logo() -> None:
    """An invented emblem for the invented kommun: a green disc with a white E and its name.

    It lies in the nämnd's folder, so every period's cover finds it."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (720, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 190, 190), fill=(46, 125, 50))
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 120)
        small = ImageFont.truetype("DejaVuSans-Bold.ttf", 64)
    except OSError:
        font = small = ImageFont.load_default()
    draw.text((100, 100), "E", fill="white", font=font, anchor="mm")
    draw.text((220, 100), "Exempelby", fill=(31, 56, 100), font=small, anchor="lm")
    image.save(LOGO, optimize=True)


def main() -> None:
    write_logo()
    write_workbook(FOLDER / SETTINGS.filename, SETTINGS, PERIOD, settings())
    write_workbook(FOLDER / UTFALL.filename, UTFALL, PERIOD, {
        "Drift": [
            {"code": None, "name": n, "actual": ledger(a), "budget": ledger(b),
             "previous": ledger(p)}
            for (n, _), (a, b, p) in zip(ROWS, UTFALL_TKR, strict=True)
        ],
        "Investeringar": [
            {"name": n, "spend": a[0], "income": a[1]} for n, a, _ in INVESTMENTS
        ],
    })
    write_workbook(FOLDER / PROGNOS.filename, PROGNOS, PERIOD, {
        "Drift": [
            {"code": None, "name": n, "forecast": ledger(f), "budget": ledger(b),
             "previous": ledger(p), "extra": [("Kommentar", c)]}
            for (n, _), (f, b, p, c) in zip(ROWS, PROGNOS_TKR, strict=True)
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
        "Mål": [{"levels": list(zip(LEVELS, (a, sm, vm), strict=True)), "number": nr,
                 "mark": mark, "intro": i, "text": t, "assessment": b}
                for a, sm, vm, nr, mark, i, t, b in GOALS],
    })
    write_workbook(FOLDER / UPPDRAG.filename, UPPDRAG, PERIOD, {
        "Uppdrag": [{"group": g, "number": nr, "text": t, "note": n, "status": s}
                    for g, nr, t, n, s in UPPDRAG_ROWS],
    })
    write_workbook(FOLDER / VOLYMER.filename, VOLYMER, PERIOD, {
        "Volymer": [{"name": n, "kind": k, "footnote": f,
                     "values": list(zip(VOLUME_HEADERS, cells or (None,) * 6, strict=True))}
                    for n, k, f, cells in VOLUMES],
        "Personal": [{"name": n,
                      "values": [("Augusti 2023", p), ("Augusti 2024", c), ("Målvärde 2024", t)]}
                     for n, p, c, t in PERSONNEL],
    })
    write_workbook(FOLDER / INDIKATORER.filename, INDIKATORER, PERIOD, {
        "Indikatorer": [{
            "area": a, "top_goal": k, "goal": g, "name": n, "footnote": None,
            "values": list(zip(INDICATOR_HEADERS, cells, strict=True)),
            "direction": d, "direction_footnote": None,
        } for a, k, g, n, cells, d in INDICATORS],
        "Kolumnrubriker": [],
    })
    write_own_tables()
    print(f"Skrev arbetsböckerna i {FOLDER}")


def write_own_tables() -> None:
    """tabeller.xlsx: its sheet Tabeller by the writer, then one sheet per table."""
    from openpyxl import load_workbook

    path = FOLDER / TABELLER.filename
    write_workbook(path, TABELLER, PERIOD, {"Tabeller": [
        {"id": "T1", "caption": "Ramens uppbyggnad 2024", "source": "Kommunfullmäktiges "
         "budgetbeslut och nämndens internbudget", "ram": "Ja"},
        {"id": "T2", "caption": "Beslutade åtgärder och deras effekt", "unit": "tkr"},
    ]})
    book = load_workbook(path)
    ram = book.create_sheet("T1")
    ram.append(["Radtyp", "Förändring", "2024"])
    for kind, text, amount in RAM_ROWS:
        ram.append([kind, text, amount])
    actions = book.create_sheet("T2")
    actions.append(["Radtyp", "Beslutad", "Diarienummer", "Åtgärd", "Effekt 2024",
                    "Effekt 2025"])
    for day, dnr, what, now, later in ATGARDER:
        actions.append(["Rad", day, dnr, what, now, later])
        actions.cell(row=actions.max_row, column=2).number_format = "yyyy-mm-dd"
    actions.append(["Summa", None, None, "Summa åtgärder", None, None])
    for ws in (ram, actions):
        ws.column_dimensions["B"].width = 40
        ws.column_dimensions["D"].width = 44
    book.save(path)


if __name__ == "__main__":
    main()
