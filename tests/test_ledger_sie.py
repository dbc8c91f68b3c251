"""SIE 4: the parser against real files written here, byte by byte as programs write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ledger.model import LedgerInputError, Measure
from generator.ledger.sie import read_sie, tokens
from tests.ledger_helpers import NAMND, PERIOD, drift, folder_of, tkr

NEEDED = {"Ansvar", "Verksamhet"}
HEAD = [
    "#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", '#FNAMN "Linköpings kommun"',
    "#ORGNR 212000-0001", "#RAR 0 20240101 20241231", "#RAR -1 20230101 20231231",
    '#DIM 1 "Ansvar"', '#DIM 20 "Verksamhet"', '#UNDERDIM 21 "Motpart" 1',
    '#OBJEKT 1 "3310" "Barn och unga öppenvård"',
]


def _write(path: Path, lines: list[str], encoding: str = "cp437") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_tokens_quotes_escapes_and_object_lists() -> None:
    assert tokens(r'#VER "A" 1 20240131 "Text med \"citat\" och {klammer}"') == [
        "#VER", "A", "1", "20240131", 'Text med "citat" och {klammer}']
    assert tokens('#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 100.50') == [
        "#PSALDO", "0", "202401", "5010", "{", "1", "3310", "20", "569", "}", "100.50"]


def test_the_cut_covering_the_mapping_is_used_and_checked(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.se", [
        *HEAD,
        "#PSALDO 0 202401 5010 {} 150.00",
        '#PSALDO 0 202401 5010 {1 "3310"} 150.00',
        '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 100.00',
        '#PSALDO 0 202401 5010 {20 "569" 1 "3310"} 20.00',   # same object list, other order
        '#PSALDO 0 202401 5010 {1 "3320" 20 "569"} 30.00',
        '#PBUDGET 0 202401 5010 {1 "3310" 20 "569"} 99.99 5',
    ])
    ledger = read_sie(path, {}, NEEDED)
    actual = ledger.amounts[Measure.ACTUAL]
    assert actual[("5010", "3310", "569", "", "", "", "")] == {202401: 12000}
    assert actual[("5010", "3320", "569", "", "", "", "")] == {202401: 3000}
    assert ledger.amounts[Measure.BUDGET] == {("5010", "3310", "569", "", "", "", ""):
                                              {202401: 9999}}
    assert ledger.company == "Linköpings kommun" and ledger.orgnr == "212000-0001"
    assert not ledger.issues  # 120 + 30 = the total without objects
    assert any("#PSALDO per {1 Ansvar 20 Verksamhet}" in n for n in ledger.notes)
    # the balances without objects are the same amounts cut another way, said in words
    assert "#PSALDO per konto utan objekt, {1} är andra uppdelningar av samma belopp och " \
        "räknades inte en gång till" in ledger.notes


def test_a_cut_that_does_not_add_up_is_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.se", [
        *HEAD, "#PSALDO 0 202401 5010 {} 150.00",
        '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 100.00'])
    ledger = read_sie(path, {}, NEEDED)
    assert "konto 5010 2024-01: 50,00 kr" in ledger.issues[0].message


def test_vouchers_when_there_are_no_balances(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.si", [
        *HEAD, '#VER A 1 20240131 "Lön"', "{",
        '#TRANS 5010 {1 "3310" 20 "569"} 1000.25', '#TRANS 1930 {} -1000.25', "}",
        '#VER A 2 20240305 "Rättelse"', "{",
        '#TRANS 5010 {1 "3310" 20 "569"} -0.25 20240229 "feb"',
        '#RTRANS 5010 {1 "3310" 20 "569"} 5.00', '#TRANS 5010 {1 "3310" 20 "569"} 5.00',
        '#BTRANS 5010 {1 "3310" 20 "569"} 7.00', '#TRANS 1930 {} -4.75', "}",
    ])
    ledger = read_sie(path, {}, NEEDED)
    assert ledger.amounts[Measure.ACTUAL][("5010", "3310", "569", "", "", "", "")] == {
        202401: 100025, 202402: -25, 202403: 500}


def test_utf8_declared_as_pc8_is_read_as_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.se", [*HEAD, '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 1'],
                  encoding="utf-8")
    ledger = read_sie(path, {}, NEEDED)
    assert ledger.company == "Linköpings kommun"
    assert "anger #FORMAT PC8 men är skriven i UTF-8" in ledger.notes[0]


def test_year_to_date_balances_are_recognised_by_res(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.se", [
        *HEAD, "#RES 0 5010 300.00",
        '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 100.00',
        '#PSALDO 0 202402 5010 {1 "3310" 20 "569"} 250.00',
        '#PSALDO 0 202403 5010 {1 "3310" 20 "569"} 300.00'])
    ledger = read_sie(path, {}, NEEDED)
    assert ledger.amounts[Measure.ACTUAL][("5010", "3310", "569", "", "", "", "")] == {
        202401: 10000, 202402: 15000, 202403: 5000}
    assert "saldon hittills i år" in ledger.issues[0].message


@pytest.mark.parametrize(("line", "message"), [
    ('#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 1,00', "förväntade ett belopp"),
    ('#PSALDO 0 202313 5010 {1 "3310"} 1.00', "förväntade en period"),
    ('#PSALDO -1 202401 5010 {} 1.00', "ligger inte i räkenskapsår -1"),
    ('#FNAMN "Linköpings kommun', "ett citattecken som inte stängs"),
    ("#TRANS 5010 {} 1.00", "#TRANS utanför en verifikation"),
    ("PSALDO 0 202401 5010 {} 1.00", "förväntade en rad som börjar med #"),
])
def test_malformed_lines_are_named(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path / "a.se", [*HEAD, line])
    with pytest.raises(LedgerInputError) as caught:
        read_sie(path, {}, set())
    issue = caught.value.issues[0]
    assert str(issue.ref) == f"a.se › rad {len(HEAD) + 1}"
    assert message in issue.message


def test_a_missing_dimension_names_those_there_are(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.se", [*HEAD, '#PSALDO 0 202401 5010 {1 "3310"} 1.00'])
    with pytest.raises(LedgerInputError) as caught:
        read_sie(path, {"Verksamhet": "Vht"}, NEEDED)
    assert 'dimensionen "Vht" (Verksamhet) finns inte i filen (#DIM: 1 Ansvar, 20 ' \
           "Verksamhet, 21 Motpart)" in caught.value.issues[0].message


def test_another_kommuns_file_is_refused(run_cli, workdir: Path) -> None:
    path = _write(workdir / "annan.se", [
        "#FORMAT PC8", '#FNAMN "Annan kommun"', "#ORGNR 212000-9999",
        "#RAR 0 20240101 20241231", '#DIM 1 "Ansvar"', '#DIM 20 "Verksamhet"',
        '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 1.00'])
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert result.exit_code == 2
    assert ("annan.se: filen gäller organisationsnummer 212000-9999 (#ORGNR), men "
            "mappning.xlsx anger 212000-0001: är det en annan kommuns fil?") in result.output


def test_an_sie_import_through_the_command(run_cli, workdir: Path) -> None:
    path = _write(workdir / "liten.se", [
        *HEAD, '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 1000.10',
        '#PSALDO -1 202301 5010 {1 "3310" 20 "569"} 50.05',
        '#PBUDGET 0 202401 5010 {1 "3310" 20 "569"} 900'])
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"] == (
        tkr("1000,10"), tkr("900"), tkr("50,05"))
    assert "Läste liten.se (SIE, 3 poster med belopp som används)" in result.output


def test_unmapped_code_strings_show_the_files_names(run_cli, workdir: Path) -> None:
    path = _write(workdir / "liten.se", [
        *HEAD, '#KONTO 5010 "Löner"', '#OBJEKT 20 "999" "Felkonterat"',
        '#PSALDO 0 202401 5010 {1 "3310" 20 "999"} 12.34'])
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    assert ("kodsträngen Konto 5010 (Löner), Ansvar 3310 (Barn och unga öppenvård), "
            "Verksamhet 999 (Felkonterat) är nämndens") in result.output


def test_a_brace_inside_a_quoted_object_code(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.si", [
        *HEAD, '#VER A 1 20240131 "x"', "{", '#TRANS "5010" {1 "33}10" 20 "569"} 2.50', "}"])
    ledger = read_sie(path, {}, NEEDED)
    assert ledger.amounts[Measure.ACTUAL] == {("5010", "33}10", "569", "", "", "", ""):
                                              {202401: 250}}


def test_year_to_date_balances_with_a_total_are_checked_alike(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.se", [
        *HEAD, "#RES 0 5010 300.00",
        "#PSALDO 0 202401 5010 {} 100.00", "#PSALDO 0 202402 5010 {} 300.00",
        '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 100.00',
        '#PSALDO 0 202402 5010 {1 "3310" 20 "569"} 300.00'])
    ledger = read_sie(path, {}, NEEDED)
    assert ledger.amounts[Measure.ACTUAL][("5010", "3310", "569", "", "", "", "")] == {
        202401: 10000, 202402: 20000}
    assert [i.message[:40] for i in ledger.issues] == [
        "#PSALDO i filen är saldon hittills i år,"]


def test_the_format_descriptions_own_voucher(tmp_path: Path) -> None:
    """As the format description writes it: empty series and number, `{ }`, #RTRANS."""
    path = _write(tmp_path / "a.si", [
        *HEAD, '#VER "" "" 20240101 "Porto"', "{",
        "    #TRANS 1910 { } -1200.00", "    #TRANS 6250 { } 960.00",
        "    #TRANS 2640 { } 240.00", "    #RTRANS 6250 { } -160.00",
        "    #TRANS 6250 { } -160.00", "    #TRANS 1910 { } 160.00", "}"])
    ledger = read_sie(path, {}, set())
    actual = ledger.amounts[Measure.ACTUAL]
    assert actual[("6250", "", "", "", "", "", "")] == {202401: 80000}
    assert sum(v for m in actual.values() for v in m.values()) == 0  # the voucher balances


def test_the_rar_lines_before_a_cut_are_found_as_a_line_reader_would() -> None:
    from generator.ledger.sie import _rar_lines

    data = (b'#FLAGGA 0\r\n  #rar 0 20240101 20241231\r\n#RARX 1 2 3\r\n'
            b'#KONTO 3010 "#RAR i en text"\r\n\t#Rar -1 20230101 20231231\n#RAR')
    assert list(_rar_lines(data, len(data))) == [
        b"  #rar 0 20240101 20241231", b"\t#Rar -1 20230101 20231231", b"#RAR"]
    # only lines that begin before `end`
    assert list(_rar_lines(data, 12)) == []


@pytest.mark.parametrize(("text", "where", "message"), [
    ("", "a.se", "filen är tom"),
    ("\r\n  \r\n", "a.se", "filen är tom"),
    # cut off inside a voucher: its "{" is named
    ("\r\n".join([*HEAD, '#VER A 1 20240131 "Lön"', "{",
                  '#TRANS 5010 {1 "3310" 20 "569"} 1000.25', ""]),
     f"a.se › rad {len(HEAD) + 2}", "verifikationen som börjar här stängs aldrig"),
    # cut off inside a number: the line reads as a valid smaller amount
    ("\r\n".join([*HEAD, '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 376881.7']),
     f"a.se › rad {len(HEAD) + 1}", "filen slutar mitt på raden"),
])
def test_an_empty_or_cut_off_file_is_an_error(tmp_path: Path, text: str, where: str,
                                              message: str) -> None:
    path = tmp_path / "a.se"
    path.write_bytes(text.encode("cp437"))
    with pytest.raises(LedgerInputError) as caught:
        read_sie(path, {}, NEEDED)
    (issue,) = caught.value.issues
    assert str(issue.ref) == where
    assert message in issue.message


def test_a_last_line_with_its_line_break_is_whole(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.se", [*HEAD, '#PSALDO 0 202401 5010 {1 "3310" 20 "569"} 1.00'])
    assert read_sie(path, {}, NEEDED).totals[Measure.ACTUAL] == 100
