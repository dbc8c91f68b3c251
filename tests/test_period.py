import pytest

from generator.errors import PeriodError
from generator.period import Period, parse_period


@pytest.mark.parametrize("text,expected", [
    ("aug-2024", Period(2024, 8)), ("AUG-2024", Period(2024, 8)), ("maj-2025", Period(2025, 5)),
    ("may-2025", Period(2025, 5)), ("okt-2024", Period(2024, 10)), ("Oct-2024", Period(2024, 10)),
    ("mar-2024", Period(2024, 3)), ("dec-2023", Period(2023, 12)),
    ("augusti-2024", Period(2024, 8)),
])
def test_accepted_forms(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", "aug", "2024-08", "aug-24", "foo-2024", "13-2024"])
def test_bad_periods_list_the_accepted_forms(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert "aug-2024" in info.value.message
    assert info.value.exit_code == 2


def test_labels() -> None:
    p = parse_period("aug-2024")
    assert p.end_date_label == "31 augusti 2024"
    assert p.span_label == "jan-aug 2024"
    assert p.previous_year == 2023
    assert p.title == "Delårsrapport per den 31 augusti med prognos för helår 2024"
    assert p.slug == "aug-2024"
    assert parse_period("feb-2024").end_date_label == "29 februari 2024"
    assert parse_period("apr-2025").span_label == "jan-apr 2025"
    assert parse_period("jan-2025").span_label == "jan 2025"


def test_previous_report_label() -> None:
    from generator.context import previous_report_label

    p = parse_period("apr-2025")
    assert previous_report_label("delårsrapport mars {år}", p) == "delårsrapport mars 2025"
    assert previous_report_label("bokslut 2024", p) == "bokslut 2024"
    assert previous_report_label("delårsrapport mars", p) == "delårsrapport mars 2025"
