from decimal import Decimal as D

from generator.compute import drift_table, economy_figures, investment_table, named_figures
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
from generator.tables import (
    DEFAULT_SPECS,
    PROGNOS_FIELDS,
    UTFALL_FIELDS,
    CellKind,
    ColumnSpec,
    evaluate,
    with_overrides,
)

SETTINGS = Settings("K", "N", "tkr", "mnkr", 1, "Summa", "Summa inkl", "delårsrapport mars")
UTFALL = DEFAULT_SPECS["utfall"]
REF = SourceRef("x.xlsx")
CELLS = ("redovisat", "budget", "avvikelse", "foregaende")


def row(code: str | None, kind: str, *values: str, name: str | None = None) -> DriftRow:
    return DriftRow(Verksamhet(code, name or f"namn {code}", kind, REF),
                    Figures(*(D(v) for v in values)))


def table(rows: list[DriftRow], **kw: object):
    return drift_table(rows, SETTINGS, UTFALL, UTFALL_FIELDS, **kw)  # type: ignore[arg-type]


def cells(line) -> tuple:
    return tuple(line.values[k] for k in CELLS)


def test_sums_and_deviations_use_unrounded_values() -> None:
    rows = [row("1", "Verksamhet", "0.04", "0.0", "1"), row("2", "Verksamhet", "0.04", "0", "1"),
            row("3", "Verksamhet", "0.04", "0", "1")]
    summary = table(rows)
    total = summary.lines[-1]
    assert total.style == "sum" and total.label == "Summa"
    # each row shows 0,0 but the sum is 0,12 → 0,1; the deviation is budget − outcome
    assert [format_number(c) for c in cells(summary.lines[0])] == ["0,0", "0,0", "0,0", "1,0"]
    assert total.values["redovisat"] == D("0.12")
    assert total.values["avvikelse"] == D("-0.12")
    assert format_number(total.values["avvikelse"]) == "-0,1"


def test_sum_row_deviation_is_from_sums_not_sum_of_rounded_deviations() -> None:
    rows = [row("1", "Verksamhet", "10.06", "10.0", "0"),
            row("2", "Verksamhet", "10.06", "10", "0")]
    total = table(rows).lines[-1]
    assert format_number(total.values["avvikelse"]) == "-0,1"  # rounded rows: -0,2


def test_own_operations_row_and_sum_including_it() -> None:
    rows = [row("1", "Verksamhet", "100", "90", "80"), row(None, "Egen regi", "10", "5", "4")]
    summary = table(rows)
    assert [line.label for line in summary.lines] == ["1 - namn 1", "Summa", "namn None",
                                                      "Summa inkl"]
    assert summary.net_incl == Figures(D(110), D(95), D(84))
    assert cells(summary.lines[-1]) == (D(110), D(95), D(-15), D(84))


def test_several_egen_regi_rows_are_summed_after_the_net_sum() -> None:
    rows = [row(None, "Egen regi", "10", "5", "4", name="LSS Funktionsstöd"),
            row("1", "Verksamhet", "100", "90", "80"),
            row(None, "Egen regi", "3", "2", "1", name="Råd och stöd")]
    summary = table(rows)
    assert [line.label for line in summary.lines] == [
        "1 - namn 1", "Summa", "LSS Funktionsstöd", "Råd och stöd", "Summa inkl"]
    assert summary.own == Figures(D(13), D(7), D(5))
    assert summary.net_incl.outcome == D(113)


def test_delrad_is_summed_varav_is_not_and_rubrik_has_no_figures() -> None:
    verksamheter = [Verksamhet(None, "Individ och familj", "Rubrik", REF),
                    Verksamhet("1", "HVB", "Verksamhet", REF),
                    Verksamhet("2", "Åtgärdsplan", "Delrad", REF),
                    Verksamhet("3", "varav placeringar", "Varav", REF)]
    rows = [row("1", "Verksamhet", "100", "90", "0"), row("2", "Delrad", "-5", "-5", "0"),
            row("3", "Varav", "60", "50", "0")]
    summary = table(rows, verksamheter=verksamheter)
    assert [(line.label, line.style) for line in summary.lines] == [
        ("Individ och familj", "heading"), ("1 - HVB", "row"), ("2 - Åtgärdsplan", "sub"),
        ("3 - varav placeringar", "part"), ("Summa", "sum")]
    assert summary.lines[0].values == {}
    assert summary.net.outcome == D(95)  # 100 − 5; the varav row is a part, not added


def test_without_own_operations_there_is_no_inkl_row() -> None:
    summary = table([row("1", "Verksamhet", "1", "2", "3")])
    assert [line.label for line in summary.lines] == ["1 - namn 1", "Summa"]
    assert summary.net_incl == summary.net


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
    assert format_number(varav[0].values["avvikelse"]) == "-47,4"
    assert format_number(varav[1].values["avvikelse"]) == "-27,6"


def test_investments_net_deviation_and_sums() -> None:
    rows = [InvestmentRow("A", D("0.1"), D("0"), D("2"), D("0.5"), D("2")),
            InvestmentRow("B", D("0.4"), D("0"), D("2.3"), D("0"), D("2.5"))]
    inv = investment_table(rows, DEFAULT_SPECS["investeringar"])
    assert inv.lines[0].values["netto"] == D("1.5")      # netto = utgifter − inkomst
    assert inv.lines[0].values["avvikelse"] == D("0.5")  # avvikelse = ram − netto
    assert list(inv.lines[-1].values.values()) == [D("0.5"), D(0), D("4.3"), D("0.5"), D("3.8"),
                                                   D("4.5"), D("0.7")]
    assert inv.lines[-1].style == "sum" and inv.lines[-1].label == "Summa investeringar"


def test_a_column_defined_as_data_is_computed_for_rows_and_sums() -> None:
    """A kommun's own column: avvikelse in percent of budget, and a text column."""
    spec = with_overrides(UTFALL, columns=(
        *UTFALL.columns,
        ColumnSpec("procent", "Avvikelse %", CellKind.PERCENT, "avvikelse / budget * 100"),
        ColumnSpec("kommentar", "Kommentar", CellKind.TEXT)))
    rows = [DriftRow(Verksamhet("1", "A", "Verksamhet", REF), Figures(D(110), D(100), D(0)),
                     {"kommentar": "Fler placeringar"}),
            DriftRow(Verksamhet("2", "B", "Verksamhet", REF), Figures(D(0), D(0), D(0)))]
    summary = drift_table(rows, SETTINGS, spec, UTFALL_FIELDS)
    first, second, total = summary.lines
    assert first.values["procent"] == D(-10) and first.values["kommentar"] == "Fler placeringar"
    assert second.values["procent"] is None  # a percentage of a zero budget: empty
    assert total.values["procent"] == D(-10) and total.values["kommentar"] is None


def test_evaluate_uses_earlier_columns_and_leaves_gaps_empty() -> None:
    spec = DEFAULT_SPECS["prognos"]
    values = evaluate(spec, {"prognos": D(5), "budget": None, "bokslut": D(1)})
    assert values["avvikelse"] is None and values["bokslut"] == D(1)


def test_named_figures_follow_the_printed_sign() -> None:
    econ = Economy((row("1", "Verksamhet", "110", "100", "90"),),
                   (row("1", "Verksamhet", "120", "100", "95"),), (), (),
                   PreviousForecast(None, None))
    negative = Settings("K", "N", "tkr", "mnkr", 1, "Summa", "Summa inkl", "mars",
                        costs_negative=True)
    for settings, sign in ((SETTINGS, 1), (negative, -1)):
        figs = economy_figures(econ, settings)
        names = named_figures(econ, figs, settings)
        assert names["utfall.1.redovisat"] == sign * D(110)
        assert names["resultat.avvikelse"] == D(-10)   # a deviation keeps its meaning
        assert names["prognos.helar"] == sign * D(120)
        assert names["prognos.1.avvikelse"] == D(-20)
    assert set(PROGNOS_FIELDS) <= {"prognos", "budget", "bokslut"}
