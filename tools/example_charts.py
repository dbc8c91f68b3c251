"""The bundled example's charts: diagram.xlsx with its monthly series and chart list.

Developer tool, called by make_example.py. The reference report holds no chart data: these
monthly series are illustrative, made to agree with what its text states (see below).
"""

# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

from generator.excel.schema import DIAGRAM
from generator.excel.writer import write_workbook

# What the reference's text states, and these series agree with: 4 413 aktualiseringar
# jan–aug 2024 against 3 926 in 2023; vårddygn familjehem +7 % with konsulentstödda 25,8 %
# (2023: 26 %, the indicator table); vårddygn HVB +16 %; vuxna back at 2023's level in
# July–August 2024; the rolling annual cost of dygnsplaceringar barn och unga from under 150
# (aug 2023) to 200 mnkr (aug 2024). `_` is an empty cell: months after the period.
_ = None
CHART_SERIES = [
    ('Aktualiseringar 0–20 år', 2021, [436, 428, 460, 420, 465, 438, 262, 384, 463, 474, 443, 355]),
    ('Aktualiseringar 0–20 år', 2022, [443, 457, 492, 447, 475, 455, 278, 389, 496, 499, 465, 381]),
    ('Aktualiseringar 0–20 år', 2023, [522, 521, 575, 496, 543, 519, 309, 441, 565, 589, 548, 419]),
    ('Aktualiseringar 0–20 år', 2024, [590, 573, 641, 570, 618, 571, 359, 491, _, _, _, _]),
    ('Arvoderade familjehem', 2023, [5684, 5136, 5757, 5607, 5905, 5746, 5982, 6115, 5962, 6300, 6101, 6406]),
    ('Arvoderade familjehem', 2024, [6271, 5893, 6300, 6187, 6389, 6115, 6374, 6276, _, _, _, _]),
    ('Konsulentstödda familjehem', 2023, [2167, 1935, 2143, 2062, 2146, 2063, 2122, 2142, 2063, 2153, 2060, 2135]),
    ('Konsulentstödda familjehem', 2024, [2113, 1965, 2111, 2095, 2199, 2159, 2322, 2333, _, _, _, _]),
    ('Vårddygn HVB barn och unga', 2023, [1252, 1210, 1264, 1307, 1352, 1332, 1348, 1371, 1277, 1400, 1375, 1422]),
    ('Vårddygn HVB barn och unga', 2024, [1536, 1377, 1590, 1506, 1494, 1478, 1540, 1586, _, _, _, _]),
    ('Vårddygn dygnsvård vuxna', 2021, [3063, 2708, 2986, 2919, 2998, 2909, 3059, 3015, 2816, 2921, 2899, 2997]),
    ('Vårddygn dygnsvård vuxna', 2022, [2551, 2266, 2511, 2424, 2495, 2473, 2449, 2502, 2437, 2449, 2383, 2328]),
    ('Vårddygn dygnsvård vuxna', 2023, [2036, 1832, 1984, 1853, 1868, 1860, 1875, 1925, 1944, 2191, 2375, 2667]),
    ('Vårddygn dygnsvård vuxna', 2024, [2730, 2433, 2530, 2353, 2379, 2143, 1958, 1879, _, _, _, _]),
    ('Kostnad dygnsplaceringar barn och unga', 2022, [11.5, 11.1, 11.2, 11.7, 11.3, 11.2, 11.9, 11.7, 11.6, 11.3, 11.5, 11.5]),
    ('Kostnad dygnsplaceringar barn och unga', 2023, [12.8, 12.8, 12.3, 12.9, 12.6, 12.6, 12.2, 12.4, 14.3, 15.2, 16.0, 16.6]),
    ('Kostnad dygnsplaceringar barn och unga', 2024, [17.5, 17.6, 17.5, 17.6, 17.1, 17.0, 16.6, 17.0, _, _, _, _]),
]

CHARTS = [
    {'id': 'C1', 'kind': 'linje per år', 'title': 'Antal aktualiseringar 0–20 år per månad',
     'series': 'Aktualiseringar 0–20 år', 'section': 'analys_ekonomi',
     'caption': 'Aktualiseringar, det vill säga orosanmälningar och ansökningar, för barn och '
                'unga 0–20 år per månad.',
     'source': 'Qliksense, aktualiseringar anmälan, annat sätt, ansökan, 0–20 år',
     'unit': 'antal per månad'},
    {'id': 'C2', 'kind': 'staplar staplade', 'title': 'Vårddygn i familjehem, barn och unga',
     'series': 'Arvoderade familjehem, Konsulentstödda familjehem', 'section': 'analys_ekonomi',
     'caption': 'Vårddygn per månad i arvoderade (egna) och konsulentstödda familjehem. Målet '
                'är att högst 25 procent av vårddygnen ska vara i konsulentstödda familjehem.',
     'source': 'Verksamhetssystemet, verkställda placeringar', 'unit': 'vårddygn per månad'},
    {'id': 'C3', 'kind': 'linje per år', 'title': 'Vårddygn i HVB, barn och unga',
     'series': 'Vårddygn HVB barn och unga', 'section': 'analys_ekonomi',
     'caption': 'Vårddygn per månad i hem för vård eller boende (HVB) för barn och unga, i år '
                'och föregående år.',
     'source': 'Verksamhetssystemet, verkställda placeringar', 'unit': 'vårddygn per månad'},
    {'id': 'C4', 'kind': 'linje per år', 'title': 'Vårddygn i dygnsvård, vuxna',
     'series': 'Vårddygn dygnsvård vuxna', 'section': 'analys_ekonomi',
     'caption': 'Vårddygn per månad i dygnsvård för vuxna med missbruksproblem (HVB, LVM-hem, '
                'familjehem och stödboende).',
     'source': 'Verksamhetssystemet, verkställda placeringar', 'unit': 'vårddygn per månad'},
    {'id': 'C5', 'kind': 'rullande tolv månader',
     'title': 'Rullande årskostnad för dygnsplaceringar, barn och unga',
     'series': 'Kostnad dygnsplaceringar barn och unga', 'section': 'analys_ekonomi',
     'caption': 'Kostnaden för dygnsplaceringar av barn och unga under de senaste tolv '
                'månaderna, räknad för varje månad.',
     'source': 'Ekonomisystemet, kostnad per månad för placeringar i HVB, SiS och familjehem',
     'unit': 'mnkr'},
    {'id': 'C6', 'kind': 'staplar avvikelse', 'title': 'Avvikelse mot budget per verksamhet',
     'series': None, 'section': 'budgetkommentar',
     'caption': 'Avvikelse mot budget per verksamhet till och med perioden, från största '
                'underskott till största överskott. Ett negativt tal är ett underskott.',
     'source': None, 'unit': None},
    {'id': 'C7', 'kind': 'staplar prognos mot budget',
     'title': 'Prognos och budget per verksamhet, helår', 'series': None,
     'section': 'budgetkommentar',
     'caption': 'Prognos för helåret och budget per verksamhet, största budget först.',
     'source': None, 'unit': None},
]


def write_charts(folder: Path, period: str) -> None:
    """diagram.xlsx: the illustrative monthly series and the chart list."""
    write_workbook(folder / DIAGRAM.filename, DIAGRAM, period, {
        "Serier": [{"series": name, "year": year,
                    **{f"m{m}": v for m, v in enumerate(values, start=1)}}
                   for name, year, values in CHART_SERIES],
        "Diagram": CHARTS,
    })
