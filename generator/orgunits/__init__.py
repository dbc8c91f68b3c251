"""Forecasts from the nämnd's units (enheter): send one workbook per enhet, collect them back.

`generate utskick` writes each enhet's workbook (send.py, in the layout of layout.py) from
enheter.xlsx (setup.py); `generate samla` reads the returned workbooks (answers.py), checks
and sums them per report row (collect.py) and writes the nämnd's prognos.xlsx (prognos.py).
"""
