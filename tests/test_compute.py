from decimal import Decimal as D

from generator.compute import drift_table, economy_figures, investment_table
from generator.formatting import format_number
from generator.issues import SourceRef
from generator.model import (
    DriftRow,
    Economy,
    Figures,
    InvestmentRow,
    PreviousForecast,
    Settings,
    VaravRow,
    Verksamhet,
)

SETTINGS = Settings("K", "N", "tkr", "mnkr", 1, "Summa", "Summa inkl", "delårsrapport mars")
REF = SourceRef("x.xlsx")


def row(code: str | None, kind: str, *values: str) -> DriftRow:
    return DriftRow(Verksamhet(code, f"namn {code}", kind, REF),
                    Figures(*(D(v) for v in values)))


def test_sums_and_deviations_use_unrounded_values() -> None:
    rows = [row("1", "Verksamhet", "0.04", "0.0", "1"), row("2", "Verksamhet", "0.04", "0", "1"),
            row("3", "Verksamhet", "0.04", "0", "1")]
    table = drift_table(rows, SETTINGS)
    total = table.lines[-1]
    assert total.style == "sum" and total.label == "Summa"
    # each row shows 0,0 but the sum is 0,12 → 0,1; the deviation is budget − outcome
    assert [format_number(c) for c in table.lines[0].cells] == ["0,0", "0,0", "0,0", "1,0"]
    assert total.cells[0] == D("0.12")
    assert total.cells[2] == D("-0.12")
    assert format_number(total.cells[2]) == "-0,1"


def test_sum_row_deviation_is_from_sums_not_sum_of_rounded_deviations() -> None:
    rows = [row("1", "Verksamhet", "10.06", "10.0", "0"),
            row("2", "Verksamhet", "10.06", "10", "0")]
    total = drift_table(rows, SETTINGS).lines[-1]
    assert format_number(total.cells[2]) == "-0,1"  # rounded rows would give -0,2


def test_own_operations_row_and_sum_including_it() -> None:
    rows = [row("1", "Verksamhet", "100", "90", "80"), row(None, "Egen regi", "10", "5", "4")]
    table = drift_table(rows, SETTINGS)
    assert [line.label for line in table.lines] == ["1 - namn 1", "Summa", "namn None",
                                                    "Summa inkl"]
    assert table.net_incl == Figures(D(110), D(95), D(84))
    assert table.lines[-1].cells == (D(110), D(95), D(-15), D(84))


def test_without_own_operations_there_is_no_inkl_row() -> None:
    table = drift_table([row("1", "Verksamhet", "1", "2", "3")], SETTINGS)
    assert [line.label for line in table.lines] == ["1 - namn 1", "Summa"]
    assert table.net_incl == table.net


def test_varav_rows_get_their_own_deviation() -> None:
    econ = Economy(
        utfall=(row("1", "Verksamhet", "1", "1", "1"),),
        prognos=(row("1", "Verksamhet", "1880.927", "1805.892", "1823.903"),),
        varav=(VaravRow("Kostnader", Figures(D("2838.6"), D("2791.2"), D("2878.85"))),
               VaravRow("Intäkter", Figures(D("-957.673"), D("-985.308"), D("-1054.947")))),
        investments=(),
        previous=PreviousForecast(D(-75), D(0)),
    )
    figs = economy_figures(econ, SETTINGS)
    varav = [line for line in figs.prognos.lines if line.style == "varav"]
    assert [line.label for line in varav] == ["varav kostnader", "varav intäkter"]
    assert format_number(varav[0].cells[2]) == "-47,4"
    assert format_number(varav[1].cells[2]) == "-27,6"


def test_investments_net_deviation_and_sums() -> None:
    rows = [InvestmentRow("A", D("0.1"), D("0"), D("2"), D("0.5"), D("2")),
            InvestmentRow("B", D("0.4"), D("0"), D("2.3"), D("0"), D("2.5"))]
    inv = investment_table(rows, "Summa investeringar")
    assert inv.lines[0].cells[4] == D("1.5")       # netto = utgifter − inkomst
    assert inv.lines[0].cells[6] == D("0.5")       # avvikelse = ram − netto
    assert inv.lines[-1].cells == (D("0.5"), D(0), D("4.3"), D("0.5"), D("3.8"), D("4.5"),
                                   D("0.7"))
    assert inv.lines[-1].style == "sum"
