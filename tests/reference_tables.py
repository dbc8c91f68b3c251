"""The reference report's four economy tables (aug 2024), as they should be printed.

Copied from the published report, with its slips corrected to the computed figures:
"576" → "576,0", "1244,3" → "1 244,3", "0,,0" → "0,0", and the varav deviations
−102,6 → −47,4 and 27,6 → −27,6 (Budget − Prognos). "jan- aug" is written "jan-aug".
"""

N = "\u00a0"
M = "\u2212"  # the report prints the minus sign, which stays with its number

OVERVIEW = [
    ["", "Prognos helår", "Budget 2024", "Avvikelse",
     "Avvikelse prognos helår, delårsrapport mars 2024"],
    ["Verksamhetens nettokostnader", f"1{N}880,9", f"1{N}805,9", f"{M}75,0", f"{M}75,0"],
    ["Investeringar, netto", "4,3", "4,3", "0,0", "0,0"],
]

_ROWS = [
    "100 - Nämnd och styrelseverksamhet", "130 - Övrig politisk verksamhet",
    "267 - Alkoholtillstånd", "513 - Insatser enl LSS, SFB och HSL",
    "520 - Insatser personer m funktionsnedsättn", "559 - Vård vuxna med missbruksproblem",
    "569 - Barn och ungdomsvård", "571 - Övriga insatser till vuxna",
    "575 - Ekonomiskt bistånd", "585 - Familjerätt och rådgivning",
    "600 - Flyktingmottagande", "922 - Socialförvaltningen",
]

UTFALL = [
    ["", "Redovisat jan-aug 2024", "Budget jan-aug 2024", "Avvikelse",
     "Redovisat samma period föregående år"],
    *[[label, *cells] for label, cells in zip(_ROWS, [
        ["2,1", "2,2", "0,1", "2,3"], ["0,7", "0,5", f"{M}0,2", "1,1"],
        [f"{M}1,1", f"{M}0,2", "0,9", f"{M}1,2"], ["587,3", "576,0", f"{M}11,3", "563,6"],
        ["122,1", "119,2", f"{M}2,9", "117,2"], ["73,1", "67,6", f"{M}5,5", "66,1"],
        ["358,0", "324,7", f"{M}33,3", "319,3"], ["32,4", "34,7", "2,3", "33,3"],
        ["2,0", "1,7", f"{M}0,3", "1,7"], ["7,1", "7,4", "0,3", "7,0"],
        ["9,7", "16,8", "7,1", "20,9"], ["26,9", "30,3", "3,4", "30,5"],
    ], strict=True)],
    ["Summa nettokostnader", f"1{N}220,4", f"1{N}180,8", f"{M}39,6", f"1{N}161,7"],
    ["Resultat nämndens enheter", "23,9", "10,3", f"{M}13,6", "22,6"],
    ["Summa nettokostnader inkl kommunal verks", f"1{N}244,3", f"1{N}191,1", f"{M}53,2",
     f"1{N}184,2"],
]

PROGNOS = [
    ["", "Prognos helår", "Budget 2024", "Avvikelse", "Bokslut 2023"],
    *[[label, *cells] for label, cells in zip(_ROWS, [
        ["3,2", "3,2", "0,0", "3,2"], ["0,8", "0,8", "0,0", "1,7"],
        [f"{M}0,3", f"{M}0,3", "0,0", f"{M}0,4"], ["882,8", "866,8", f"{M}16,0", "864,5"],
        ["181,1", "179,8", f"{M}1,4", "178,0"], ["110,5", "102,3", f"{M}8,2", "103,7"],
        ["532,4", "491,5", f"{M}40,9", "493,0"], ["48,8", "52,2", "3,4", "52,2"],
        ["2,7", "2,7", "0,0", "2,6"], ["11,3", "11,5", "0,1", "10,8"],
        ["23,4", "25,6", "2,2", "24,2"], ["47,0", "46,6", f"{M}0,4", "44,0"],
    ], strict=True)],
    ["Summa nettokostnader", f"1{N}843,8", f"1{N}782,8", f"{M}61,0", f"1{N}777,5"],
    ["Resultat nämndens enheter", "37,1", "23,1", f"{M}14,0", "46,4"],
    ["Summa nettokostnader inkl kommunal verks", f"1{N}880,9", f"1{N}805,9", f"{M}75,0",
     f"1{N}823,9"],
    ["varav kostnader", f"2{N}838,6", f"2{N}791,2", f"{M}47,4", f"2{N}878,9"],
    ["varav intäkter", f"{M}957,7", f"{M}985,3", f"{M}27,6", f"{M}1{N}054,9"],
]

INVESTERINGAR_BODY = [
    ["Drottninggatan 45", "0,0", "0,0", "2,0", "0,0", "2,0", "2,0", "0,0"],
    ["Övriga investeringar", "0,5", "0,0", "2,3", "0,0", "2,3", "2,3", "0,0"],
    ["Summa investeringar", "0,5", "0,0", "4,3", "0,0", "4,3", "4,3", "0,0"],
]

CAPTIONS = [
    "Ekonomi, belopp mnkr",
    "Driftsammandrag för resultat 31 augusti 2024, belopp mnkr",
    "Driftsammandrag för prognos för helår 2024, belopp mnkr",
    "Resultat 31 aug 2024 och prognos för helår 2024, belopp mnkr",
]
