"""Check the returned answers against the setup and sum them per report row.

One answer per enhet is used: a later version replaces an earlier one (by when it was
saved). An enhet without an answer is an error, unless its previous forecast is carried
(`--overfor-saknade`); the summary names the carried ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from generator.excel.schema import ENHETER, name_key
from generator.formatting import format_number
from generator.issues import Issue, SourceRef, error, warning
from generator.orgunits import layout as L
from generator.orgunits.model import Answer, Unit, UnitLine, UnitSetup

CARRIED_SOURCE = "Föregående prognos (enheten svarade inte)"


@dataclass(frozen=True)
class Response:
    """A row of prognos.xlsx › Enheternas svar: one enhet's answer on one subject."""

    unit: Unit
    subject: str
    code: str | None = None
    forecast: Decimal | None = None
    budget: Decimal | None = None
    assessment: str | None = None
    comment: str | None = None
    source: str = ""


@dataclass
class Collected:
    """One nämnd's collection: what came in, what is missing, the sums to write."""

    setup: UnitSetup
    used: dict[str, Answer] = field(default_factory=dict)  # enhet id → its answer
    replaced: list[Answer] = field(default_factory=list)
    unfilled: list[Answer] = field(default_factory=list)
    missing: list[Unit] = field(default_factory=list)
    carried: list[Unit] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)  # report row key → forecast
    responses: list[Response] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def amount(value: Decimal | None) -> str:
    """An amount in a message, as typed in Excel: "13 600", "-250,5"."""
    if value is None:
        return "tomt"
    decimals = max(0, -int(value.normalize().as_tuple().exponent))
    return format_number(value, min(decimals, 6))


def saved_label(answer: Answer) -> str:
    if answer.saved is None:
        return answer.path.name
    local = answer.saved.astimezone()
    return f"{answer.path.name}, sparad {local:%Y-%m-%d %H:%M}"


def collect(setup: UnitSetup, answers: list[Answer], carry_missing: bool,
            unreadable: Sequence[str] = ()) -> Collected:
    """Choose, check and sum the answers of one nämnd. `unreadable`: the files in the
    answers folder that could not be read (one may be a missing enhet's answer)."""
    result = Collected(setup)
    candidates: dict[str, list[Answer]] = {}
    for answer in answers:
        unit = _identify(setup, answer, result.issues)
        if unit is None:
            continue
        if not answer.filled:
            result.unfilled.append(answer)
            continue
        candidates.setdefault(unit.id, []).append(answer)
    for unit_id, found in candidates.items():
        chosen = _latest(found, result)
        if chosen is not None:
            result.used[unit_id] = chosen
    for answer in result.used.values():
        if answer.ok:
            _check_answer(setup, answer, result.issues)
    for unit in setup.units:
        if unit.id not in result.used:
            result.missing.append(unit)
    _missing(setup, result, carry_missing, unreadable)
    _sum(setup, result)
    return result


def _identify(setup: UnitSetup, answer: Answer, issues: list[Issue]) -> Unit | None:
    """The answer's enhet, if it is one of this nämnd's for this period."""
    ref = SourceRef(answer.path.name)
    if answer.namnd_key != setup.namnd_key:
        issues.append(error(ref, (
            f'arbetsboken gäller nämnden "{answer.namnd_key}", inte {setup.namnd_key}; flytta '
            "den till den nämndens mapp")))
        return None
    if answer.period != setup.period.slug:
        issues.append(error(ref, (
            f"arbetsboken gäller perioden {answer.period or 'okänd'}, men svaren samlas in för "
            f"{setup.period.slug} (ett svar från en tidigare omgång?); ta bort filen ur mappen "
            "eller be enheten fylla i arbetsboken för rätt period")))
        return None
    unit = setup.unit(answer.unit_id)
    if unit is None:
        issues.append(error(ref, (
            f'arbetsboken gäller enheten "{answer.unit_id}", som inte finns på fliken Enheter '
            f"i {ENHETER.filename}; förväntade en av enheterna "
            + ", ".join(u.id for u in setup.units))))
        return None
    return unit


def _same(a: Answer, b: Answer) -> bool:
    return ({k: v for k, (v, _) in a.forecasts.items()} == {
        k: v for k, (v, _) in b.forecasts.items()}
        and a.comments == b.comments and a.texts == b.texts)


def _latest(found: list[Answer], result: Collected) -> Answer | None:
    """The last saved of an enhet's answers; the earlier ones are named as replaced."""
    found = sorted(found, key=lambda a: a.order)
    chosen = found[-1]
    for other in found[:-1]:
        if other.order == chosen.order and not _same(other, chosen):
            result.issues.append(error(SourceRef(chosen.path.name), (
                f"enheten {chosen.unit_id} har två olika svar, {chosen.path.name} och "
                f"{other.path.name}, sparade samtidigt, så det går inte att avgöra vilket som "
                "gäller; ta bort det som inte gäller ur mappen")))
            return None
        result.replaced.append(other)
        result.issues.append(warning(SourceRef(other.path.name), (
            f"ersatt av ett senare svar från samma enhet ({saved_label(chosen)}); "
            f"{other.path.name} användes inte")))
    return chosen


def _check_answer(setup: UnitSetup, answer: Answer, issues: list[Issue]) -> None:
    """Rows as the setup has them now; figures changed since sending; plausibility; texts."""
    ref = SourceRef(answer.path.name)
    lines = {line.row.key: line for line in setup.lines_of(answer.unit_id)}
    for key in lines.keys() - answer.sent.keys():
        issues.append(error(ref, (
            f'raden "{lines[key].row.label}" har lagts till för enheten i {ENHETER.filename} '
            "efter utskicket; skicka ut en ny arbetsbok till enheten (generate utskick)")))
    for key in answer.sent.keys() - lines.keys():
        issues.append(error(ref, (
            f'raden "{key}" finns inte längre för enheten i {ENHETER.filename}; skicka ut en ny '
            "arbetsbok till enheten (generate utskick)")))
    for key, line in lines.items():
        sent = answer.sent.get(key)
        if sent is None:
            continue
        for label, was, now in (("Budget helår", sent.budget, line.budget),
                                ("Redovisat", sent.actual, line.actual),
                                ("Föregående prognos", sent.previous, line.previous)):
            if was != now:
                issues.append(warning(line.ref, (
                    f'{label} för enheten {answer.unit_id} på raden "{line.row.label}" var '
                    f"{amount(was)} när arbetsboken skickades ut och är nu {amount(now)}; "
                    "prognosen används, men fråga enheten om den gäller ändå")))
        if key in answer.forecasts:
            _plausible(setup, line, *answer.forecasts[key], issues)
    _check_texts(setup, answer, issues)


def _plausible(setup: UnitSetup, line: UnitLine, forecast: Decimal, ref: SourceRef,
               issues: list[Issue]) -> None:
    """Far from redovisat + the rest of the year's budget: a warning, not an error."""
    if line.actual is None:
        return
    months_left = 12 - setup.period.month
    expected = line.actual + line.budget * months_left / 12
    limit = setup.threshold / 100 * abs(line.budget)
    if abs(forecast - expected) > limit:
        issues.append(warning(ref, (
            f'prognosen {amount(forecast)} för "{line.row.label}" skiljer sig mer än '
            f"{amount(setup.threshold)} % av budgeten från redovisat plus återstående budget "
            f"({amount(line.actual)} + {amount(line.budget)} × {months_left}/12 = "
            f"{amount(expected.quantize(Decimal(1)))}); kontrollera den med enheten")))


def _check_texts(setup: UnitSetup, answer: Answer, issues: list[Issue]) -> None:
    unit = setup.unit(answer.unit_id)
    assert unit is not None
    expected = {name_key(L.ANALYSIS)} if unit.analysis else set()
    expected |= {name_key(L.GOAL_PREFIX + g) for g in unit.goals}
    scale = {name_key(a): a for a in setup.assessments}
    for subject, assessment, _ in answer.texts:
        if name_key(subject) not in expected:
            issues.append(warning(SourceRef(answer.path.name, L.TEXTS), (
                f'"{subject}" hör inte längre till enhetens texter i {ENHETER.filename}; '
                "texten finns ändå med i Enheternas svar")))
        if assessment is not None and name_key(assessment) not in scale:
            issues.append(error(SourceRef(answer.path.name, L.TEXTS), (
                f'bedömningen "{assessment}" för "{subject}" finns inte på skalan; förväntade '
                + ", ".join(f'"{a}"' for a in setup.assessments))))


def _missing(setup: UnitSetup, result: Collected, carry_missing: bool,
             unreadable: Sequence[str]) -> None:
    unfilled = {a.unit_id: a for a in result.unfilled}
    # An answer that could not be read names no enhet: it may be any missing one's.
    unread = (f" ({', '.join(unreadable)} kunde inte läsas, se ovan; är det enhetens svar?)"
              if unreadable else "")
    for unit in result.missing:
        note = (f" ({unfilled[unit.id].path.name} finns men är inte ifylld)"
                if unit.id in unfilled else unread)
        if not carry_missing:
            result.issues.append(error(unit.ref, (
                f"enheten {unit.label} har inte svarat{note}; ansvarig: {unit.contact}. "
                "Vänta på svaret, eller för över enhetens föregående prognos med "
                "--overfor-saknade")))
            continue
        lines = setup.lines_of(unit.id)
        empty = [line for line in lines if line.previous is None]
        for line in empty:
            result.issues.append(error(line.ref, (
                f"enheten {unit.label} har inte svarat{note} och har ingen Föregående prognos "
                f'för "{line.row.label}" att föra över; fyll i den eller vänta på svaret '
                f"(ansvarig: {unit.contact})")))
        if not empty:
            result.carried.append(unit)


def _sum(setup: UnitSetup, result: Collected) -> None:
    """Each row's forecast is the sum of its enheter's; responses for the comments sheet."""
    for unit in setup.units:
        answer = result.used.get(unit.id)
        carried = unit in result.carried
        for line in setup.lines_of(unit.id):
            if answer is not None and line.row.key in answer.forecasts:
                forecast: Decimal | None = answer.forecasts[line.row.key][0]
                comment = answer.comments.get(line.row.key)
                source = saved_label(answer)
            elif carried:
                forecast, comment, source = line.previous, None, CARRIED_SOURCE
            else:
                forecast, comment, source = None, None, ""
            if forecast is not None:
                result.totals[line.row.key] = result.totals.get(line.row.key, Decimal(0)) + (
                    forecast)
            result.responses.append(Response(unit, line.row.label, line.row.code, forecast,
                                             line.budget, None, comment, source))
        if answer is not None:
            for subject, assessment, text in answer.texts:
                if assessment or text:
                    result.responses.append(Response(unit, subject, None, None, None,
                                                     assessment, text, saved_label(answer)))
