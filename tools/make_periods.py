"""Write the bundled example's other reports of 2024 (Linköping, Social- och omsorgsnämnden).

Developer tool. Besides aug-2024 (the reference report, tools/make_example.py) the example
has a year of reports, one of each kind, so that every kind is generated from real
workbooks and the forecast's history is read from real folders:

    mar-2024  delårsrapport per mars       the year's first forecast: −75,0, as the
                                            reference's column "delårsrapport mars" says
    okt-2024  prognosrapport per oktober   −79,6
    nov-2024  månadsrapport per november   −77,1
    dec-2024  verksamhetsberättelse 2024   the outcome, −72,3, close to August's −75,0

**The figures are invented**, made consistent with aug-2024: the same rows and units, the
budget as in August (in March 5 mnkr lower, before KS 2024-04-06 §106 added them to 569),
each forecast August's changed on a few rows, and the outcome so far prorated from
August's. Run: python tools/make_periods.py
"""

# ruff: noqa: E501

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import make_example as aug
from example_content import GOALS, PERSONAL, TEXTS, UPPDRAG, VOLYMER

from generator.excel.schema import (
    DIAGRAM,
    MAL,
    PROGNOS,
    SETTINGS,
    TEXTER,
    UTFALL,
    UTFALL_HELAR,
)
from generator.excel.schema import (
    INDIKATORER as INDIKATORER_SPEC,
)
from generator.excel.schema import (
    UPPDRAG as UPPDRAG_SPEC,
)
from generator.excel.schema import (
    VOLYMER as VOLYMER_SPEC,
)
from generator.excel.writer import write_workbook

NAMND = Path(__file__).resolve().parents[1] / "inputs" / "linkoping-son"
N = len(aug.DRIFT_KEYS)  # 12 verksamheter and the 2 units in egen regi
ROW = {c: i for i, (c, _, _) in enumerate(aug.ROWS)} | {"lss": 12, "rad": 13}
FORECAST = [f for f, _, _ in aug.PROGNOS_TKR + aug.PROGNOS_UNITS_TKR]  # August's, tkr
BUDGET = [b for _, b, _ in aug.PROGNOS_TKR + aug.PROGNOS_UNITS_TKR]
BOKSLUT_2023 = [p for _, _, p in aug.PROGNOS_TKR + aug.PROGNOS_UNITS_TKR]
RAM_CHANGE = 5000  # KS 2024-04-06 §106: added to 569 after the March report

# Each report's forecast: August's with these rows changed (tkr); row 569 takes what is
# left to reach the report's total deviation (Budget − Prognos, tkr).
CHANGES = {
    "mar-2024": ({"513": -4000, "520": -600, "559": -2500, "600": 800, "lss": -1500}, -75000),
    "okt-2024": ({"513": 1500, "559": 1200, "922": 300, "lss": 600}, -79600),
    "nov-2024": ({"513": 1000, "559": 900, "600": -500, "lss": 400}, -77100),
    # the year's outcome
    "dec-2024": ({"513": 500, "520": -800, "559": 600, "600": -1500, "922": -900, "lss": 400,
                  "rad": -700}, -72300),
}
MONTHS = {"mar-2024": 3, "okt-2024": 10, "nov-2024": 11, "dec-2024": 12}
# objekt: (utgifter, inkomster) redovisade till och med månaden, tkr
INVESTMENTS_SO_FAR = {
    "mar-2024": [(0, 0), (150, 0)], "okt-2024": [(1200, 0), (1600, 0)],
    "nov-2024": [(1600, 0), (1950, 0)], "dec-2024": [(1950, 0), (2280, 0)],
}


def budget(period: str) -> list[int]:
    if period != "mar-2024":
        return list(BUDGET)
    return [b - RAM_CHANGE if i == ROW["569"] else b for i, b in enumerate(BUDGET)]


def forecast(period: str) -> list[int]:
    """August's forecast with the period's changes, row 569 making the total come out."""
    changes, target = CHANGES[period]
    values = [f + changes.get(code, 0) for code, f in zip(_codes(), FORECAST, strict=True)]
    values[ROW["569"]] += sum(budget(period)) - sum(values) - target
    return values


def _codes() -> list[str]:
    return [c for c, _, _ in aug.ROWS] + ["lss", "rad"]


def so_far(values: Sequence[int], month: int) -> list[int]:
    """August's figures for January–August, prorated to January–`month`."""
    return [round(v * month / 8) for v in values]


def utfall_rows(period: str) -> list[dict[str, object]]:
    month = MONTHS[period]
    actual = [a for a, _, _ in aug.UTFALL_TKR + aug.UTFALL_UNITS_TKR]
    plan = [b for _, b, _ in aug.UTFALL_TKR + aug.UTFALL_UNITS_TKR]
    before = [p for _, _, p in aug.UTFALL_TKR + aug.UTFALL_UNITS_TKR]
    if month == 12:  # the verksamhetsberättelse: the year against the year's budget
        figures = zip(forecast(period), budget(period), BOKSLUT_2023, strict=True)
    else:
        plan_m = so_far(plan, month)
        if period == "mar-2024":
            plan_m[ROW["569"]] -= RAM_CHANGE * 3 // 12
        figures = zip(so_far(actual, month), plan_m, so_far(before, month), strict=True)
    return [{**k, "actual": a, "budget": b, "previous": p}
            for k, (a, b, p) in zip(aug.DRIFT_KEYS, figures, strict=True)]


def investments(period: str, with_frame: bool) -> list[dict[str, object]]:
    rows = []
    for (name, _, (_, _, frame)), (spend, income) in zip(aug.INVESTMENTS,
                                                         INVESTMENTS_SO_FAR[period],
                                                         strict=True):
        rows.append({"name": name, "spend": spend, "income": income,
                     **({"frame": frame} if with_frame else {})})
    return rows


def prognos_data(period: str, previous: tuple[int, int] | None) -> dict[str, object]:
    f, b = forecast(period), budget(period)
    costs, _, costs_2023 = aug.VARAV_TKR[0][1:]
    income, income_budget, income_2023 = aug.VARAV_TKR[1][1:]
    return {
        "Drift": [{**k, "forecast": x, "budget": y, "previous": z}
                  for k, x, y, z in zip(aug.DRIFT_KEYS, f, b, BOKSLUT_2023, strict=True)],
        # kostnader + intäkter = the total: the changes are costs
        "Varav": [{"name": "Kostnader", "forecast": sum(f) - income,
                   "budget": sum(b) - income_budget, "previous": costs_2023},
                  {"name": "Intäkter", "forecast": income, "budget": income_budget,
                   "previous": income_2023}],
        "Investeringar": [{"name": n, "spend": p[0], "income": p[1], "frame": p[2]}
                          for n, _, p in aug.INVESTMENTS],
        "Föregående prognos": ({"drift_deviation": previous[0],
                                "investment_deviation": previous[1]} if previous else {}),
    }


# -- texts ------------------------------------------------------------------------------
TEXTS_BY_PERIOD: dict[str, dict[str, str]] = {
    "mar-2024": {
        "namndens_uppdrag": TEXTS["namndens_uppdrag"],
        "ekonomi_i_korthet": (
            "Social- och omsorgsnämndens reviderade budget 2024, som inkluderar en åtgärdsplan "
            "på {122} miljoner kronor, beslutades i nämnden den 28 mars 2024.\n\n"
            "Resultatet per den 31 mars visar en avvikelse mot budget på "
            "{resultat.avvikelse} miljoner kronor. Prognosen för helåret är en avvikelse på "
            "{prognos.avvikelse} miljoner kronor, att jämföra med {forra_prognosen.avvikelse} "
            "miljoner kronor i månadsrapporten per februari."),
        "handelser": (
            "- Nämnden beslutade den 28 mars 2024 om en reviderad budget med en åtgärdsplan.\n"
            "- Trycket på mottagningsenheterna för barn och unga är fortsatt högt.\n"
            "- Arbetet med att avveckla Lotsen, Re-aktiva och boendet Hagaberg har påbörjats."),
        "forvantad_utveckling": (
            "Antalet aktualiseringar för barn och unga väntas fortsätta öka under året. "
            "Åtgärdsplanen väntas ge full effekt först under hösten."),
        "analys_ekonomi": (
            "**Resultatet per den 31 mars visar en avvikelse mot budget på "
            "{resultat.avvikelse} miljoner kronor.**\n\n"
            "Det största underskottet finns inom barn och ungdomsvård, "
            "{utfall.569.avvikelse:abs} miljoner kronor, där kostnaderna för placeringar i HVB "
            "och familjehem fortsätter att öka. Insatser enligt LSS, SFB och HSL visar "
            "{utfall.513.avvikelse} miljoner kronor.\n\n"
            "**Helårsprognosen är en avvikelse på {prognos.avvikelse} miljoner kronor.** "
            "Störst underskott väntas inom barn och ungdomsvård, {prognos.569.avvikelse:abs} "
            "miljoner kronor, och inom insatser enligt LSS, {prognos.513.avvikelse:abs} miljoner "
            "kronor."),
        "analys_investeringar": (
            "Investeringarna avser kontorsmöbler till Drottninggatan 45 och övrig "
            "kontorsutrustning. Prognosen följer investeringsramen."),
        "uppdrag_inledning": TEXTS["uppdrag_inledning"],
        "internkontroll": (
            "Internkontrollplanen för 2024 är beslutad och de första kontrollerna görs under "
            "våren. Resultatet redovisas i delårsrapporten per augusti."),
    },
    "okt-2024": {
        "ekonomi_i_korthet": (
            "Resultatet per den 31 oktober visar en avvikelse mot budget på "
            "{resultat.avvikelse} miljoner kronor. **Prognosen för helåret är en avvikelse på "
            "{prognos.avvikelse} miljoner kronor**, en försämring sedan delårsrapporten per "
            "augusti, då prognosen var {forra_prognosen.avvikelse} miljoner kronor."),
        "handelser": (
            "- Kostnaderna för insatser enligt LSS har ökat mer än väntat under hösten.\n"
            "- Antalet vårddygn i dygnsvård för vuxna har ökat igen efter sommaren."),
        "analys_ekonomi": (
            "Prognosen försämras inom insatser enligt LSS, SFB och HSL till "
            "{prognos.513.avvikelse} miljoner kronor och inom vård för vuxna med "
            "missbruksproblem till {prognos.559.avvikelse} miljoner kronor. Barn och "
            "ungdomsvård visar {prognos.569.avvikelse} miljoner kronor."),
        "prognos_utveckling": (
            "Prognosen för helåret har försämrats från {historik.mar.avvikelse} miljoner "
            "kronor i delårsrapporten per mars till {historik.okt.avvikelse} miljoner kronor "
            "nu."),
        "analys_investeringar": (
            "Investeringarna följer ramen. Möblerna till Drottninggatan 45 är levererade."),
        "atgarder": (
            "- Fortsatt översyn av köpta platser inom dygnsvården.\n"
            "- Striktare prövning av nya externa placeringar inom LSS."),
        "forvantad_utveckling": (
            "Behovet av insatser för barn och unga väntas ligga kvar på en hög nivå under "
            "2025. Budgetramen för 2025 är beslutad och åtgärdsplanen fortsätter."),
    },
    "nov-2024": {
        "ekonomi_i_korthet": (
            "Resultatet per den 30 november visar en avvikelse mot budget på "
            "{resultat.avvikelse} miljoner kronor. Prognosen för helåret är en avvikelse på "
            "{prognos.avvikelse} miljoner kronor, något bättre än i prognosrapporten per "
            "oktober ({forra_prognosen.avvikelse} miljoner kronor)."),
        "analys_ekonomi": (
            "Flyktingmottagandet visar nu {prognos.600.avvikelse} miljoner kronor och "
            "insatser enligt LSS {prognos.513.avvikelse} miljoner kronor, båda något bättre "
            "än i oktober. Barn och ungdomsvård visar {prognos.569.avvikelse} miljoner "
            "kronor."),
        "prognos_utveckling": (
            "Prognosen har legat mellan {historik.okt.avvikelse} och {historik.mar.avvikelse} "
            "miljoner kronor under året."),
    },
    "dec-2024": {
        "namndens_uppdrag": TEXTS["namndens_uppdrag"],
        "ekonomi_i_korthet": (
            "**Social- och omsorgsnämnden redovisar för 2024 en avvikelse mot budget på "
            "{resultat.avvikelse} miljoner kronor.** Budgeten inkluderade en åtgärdsplan på "
            "{122} miljoner kronor.\n\n"
            "I delårsrapporten per augusti var prognosen {historik.aug.avvikelse} miljoner "
            "kronor. Utfallet blev {prognossakerhet.aug} miljoner kronor bättre än den "
            "prognosen."),
        "handelser": (
            "- Tre verksamheter avvecklades som ett led i åtgärdsplanen: Lotsen, Re-aktiva och "
            "boendet Hagaberg.\n"
            "- Trycket på mottagningsenheterna för barn och unga var högt hela året.\n"
            "- Servicebostad Stolplyckan och gruppbostäderna i Harvestad och Vikingstad togs i "
            "bruk."),
        "forvantad_utveckling": (
            "Behovet av insatser för barn och unga väntas ligga kvar på en hög nivå under "
            "2025. Arbetet med hemmaplanslösningar och åtgärdsplanen fortsätter."),
        "analys_ekonomi": (
            "**Resultatet för 2024 är en avvikelse mot budget på {resultat.avvikelse} "
            "miljoner kronor.**\n\n"
            "Det största underskottet finns inom barn och ungdomsvård, "
            "{utfall.569.avvikelse:abs} miljoner kronor, och inom insatser enligt LSS, SFB och "
            "HSL, {utfall.513.avvikelse:abs} miljoner kronor. Flyktingmottagandet visar "
            "{utfall.600.avvikelse} miljoner kronor och socialförvaltningen "
            "{utfall.922.avvikelse} miljoner kronor."),
        "prognossakerhet": (
            "Prognosen i delårsrapporten per augusti avvek {prognossakerhet.aug} miljoner "
            "kronor från utfallet, {prognossakerhet.aug.procent} procent av nettokostnaderna. "
            "Den första prognosen, i delårsrapporten per mars, avvek "
            "{prognossakerhet.mar} miljoner kronor."),
        "analys_investeringar": (
            "Investeringarna avser kontorsmöbler till Drottninggatan 45 och övrig "
            "kontorsutrustning. Utfallet blev {investeringar.avvikelse} miljoner kronor under "
            "ramen."),
        "uppdrag_inledning": TEXTS["uppdrag_inledning"],
        "internkontroll": (
            "Samtliga kontroller i internkontrollplanen för 2024 är genomförda. Resultatet "
            "redovisas för nämnden i februari 2025."),
        "lokalforsorjningsplan": TEXTS["lokalforsorjningsplan"],
        "volym_kommentar": TEXTS["volym_kommentar"],
    },
}
TITLES = {**aug.TITLES,
          "prognos_utveckling": "Prognosens utveckling",
          "prognossakerhet": "Ekonomi › Prognossäkerhet",
          "atgarder": "Åtgärder för en ekonomi i balans"}


# -- volumes and goals --------------------------------------------------------------------
_COUNT = re.compile(r"(?<![\d,])(\d{2,})(?![\d,]|\s?%)")


def prorated(text: str, month: int) -> str:
    """A cumulative count for January–`month` from August's: "3926 (45 % flickor)" in
    March is "1472 (45 % flickor)"; shares are kept."""
    return _COUNT.sub(lambda m: str(round(int(m.group(1)) * month / 8)), text)


def volumes(period: str) -> dict[str, object]:
    month = MONTHS[period]
    name = {3: "Mars", 10: "Oktober", 11: "November", 12: "December"}[month]
    return {
        "Volymer": [{"name": v["name"], "footnote": v["footnote"] or None,
                     "values": [(f"{name} 2023", prorated(v["prev"], month)),
                                (f"{name} 2024", prorated(v["cur"], month)),
                                *([] if month == 12 else
                                  [("Prognos 2024", v["forecast"] or None)])]}
                    for v in VOLYMER],
        "Personal": [{"name": p["name"],
                      "values": [(f"{name} 2023", p["prev"]), (f"{name} 2024", p["cur"]),
                                 ("Målvärde 2024", p["target"])]} for p in PERSONAL],
    }


# At year end the goals are judged for the year: one partly met in August is met.
FINAL = {"Nya vägar för kompetensförsörjning": "Uppfyllt"}


def goal_text(text: str, period: str) -> str:
    """August's account of a goal as of March, or of the year, where it cites the forecast."""
    if period == "mar-2024":
        return text.replace("efter augusti", "efter mars")
    return text.replace(
        "helårsbedömning, som efter augusti visar på ({prognos.avvikelse:0} mnkr) att nämnden "
        "inte kommer att ha budget i balans för året 2024.",
        "resultat för året ({resultat.avvikelse:0} mnkr), som visar att nämnden inte hade "
        "budget i balans 2024.")


def goals(period: str) -> dict[str, object]:
    return {"Mål": [{"levels": [("Målområde", g["area"]), ("Nämndmål", g["name"])],
                     "intro": g["intro"] or None, "text": goal_text(g["text"], period),
                     "assessment": (FINAL.get(g["name"], g["bedomning"])
                                    if period == "dec-2024" else g["bedomning"])}
                    for g in GOALS]}


def assignments(period: str) -> dict[str, object]:
    """In March every uppdrag is under way; at year end they stand as in August."""
    return {"Uppdrag": [{"group": u["group"], "text": u["text"], "note": u["note"] or None,
                         "status": u["status"] if period == "dec-2024" else "Pågår"}
                        for u in UPPDRAG]}


def indicators(period: str) -> dict[str, object]:
    return aug.indicator_data({3: "mars", 12: None}[MONTHS[period]])


# The chart of the forecast over the year, after the text that discusses it.
def charts(section: str) -> dict[str, object]:
    return {"Serier": [], "Diagram": [{
        "id": "C1", "kind": "prognosens utveckling",
        "title": "Prognosens avvikelse mot budget under året", "section": section,
        "caption": ("Prognosens avvikelse mot budget för helåret i varje rapport under "
                    "2024. Ett negativt tal är ett underskott."),
        "unit": "mnkr"}]}


def write(period: str) -> None:
    folder = NAMND / period
    kind_month = MONTHS[period]
    previous_report = "månadsrapport februari" if period == "mar-2024" else "delårsrapport mars"
    write_workbook(folder / SETTINGS.filename, SETTINGS, period,
                   aug.settings_data(previous_report))
    if kind_month == 12:
        write_workbook(folder / UTFALL.filename, UTFALL_HELAR, period, {
            "Drift": utfall_rows(period), "Investeringar": investments(period, True)})
    else:
        write_workbook(folder / UTFALL.filename, UTFALL, period, {
            "Drift": utfall_rows(period), "Investeringar": investments(period, False)})
        # Only March types the previous report's deviation: the månadsrapport per februari
        # has no folder. Later reports read it from the folder before them.
        write_workbook(folder / PROGNOS.filename, PROGNOS, period,
                       prognos_data(period, (-60000, 0) if period == "mar-2024" else None))
    write_workbook(folder / TEXTER.filename, TEXTER, period, {"Texter": [
        {"key": k, "title": TITLES[k], "text": v} for k, v in TEXTS_BY_PERIOD[period].items()]})
    if period in ("mar-2024", "dec-2024"):
        mal = MAL if kind_month != 12 else MAL.for_kind_without_forecast()
        write_workbook(folder / MAL.filename, mal, period, goals(period))
        write_workbook(folder / UPPDRAG_SPEC.filename, UPPDRAG_SPEC, period,
                       assignments(period))
        write_workbook(folder / INDIKATORER_SPEC.filename, INDIKATORER_SPEC, period,
                       indicators(period))
    if period != "nov-2024":
        write_workbook(folder / VOLYMER_SPEC.filename, VOLYMER_SPEC, period, volumes(period))
    section = {"okt-2024": "prognos_utveckling", "nov-2024": "prognos_utveckling",
               "dec-2024": "prognossakerhet"}.get(period)
    if section:
        write_workbook(folder / DIAGRAM.filename, DIAGRAM, period, charts(section))
    print(f"Skrev arbetsböckerna i {folder}")


def main() -> None:
    for period in MONTHS:
        write(period)


if __name__ == "__main__":
    main()
