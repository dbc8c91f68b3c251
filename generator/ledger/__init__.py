"""Ledger exports and SIE 4 files → the period's utfall figures (`generate importera`).

read_csv / read_xlsx / sie read a file into a `Ledger` (amounts in integer öre per period and
code string, aggregated while streaming); mapping reads mappning.xlsx; classify puts each code
string on a report row (or says why not); reconcile builds the totals and the Avstämning
sheet; write puts the figures into utfall.xlsx (and prognos.xlsx); run ties them together.
"""
