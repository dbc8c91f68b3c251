"""The small markup economists write in Excel text cells, and figure placeholders.

Paragraphs are separated by a blank line; a line starting with "- " (or "• ") is a bullet;
`**bold**`, `*italic*`; `^[footnote text]` right after a word; a line `[diagram C1]` places a
chart. `{resultat.avvikelse}` is replaced by the computed figure, so prose cannot contradict
the tables; `{name:0}` shows no decimals, `{name:+}` an explicit plus sign.
Everything else is kept verbatim, line breaks included.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from generator.controls import CLOSE, MIDDLE, OPEN
from generator.formatting import format_number, format_signed

# {name}, {name:0} (decimals), {name:+} (with a plus sign), {name:abs} (without a sign: "ett
# underskott på {resultat.avvikelse:abs} miljoner"), and the sign flags with decimals: {name:+0}
PLACEHOLDER = re.compile(r"\{([A-Za-zåäöÅÄÖ][A-Za-z0-9_.åäöÅÄÖ-]*)(?::(\+|abs)?(\d?))?\}")
_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\*\w])\*(?P<italic>[^\s*](?:[^*]*?[^\s*])?)\*(?![\*\w])"
    r"|\^\[(?P<note>[^\]]+)\]",
    re.S,
)
_BULLET = re.compile(r"^\s*[-•–]\s+")
_CHECK = re.compile(r"^\s*(?:[✓✔☑]|\[[xX]\])\s*")
_CHART = re.compile(r"^\[diagram\s+([A-Za-z0-9_-]+)\]$", re.I)
_TABLE = re.compile(r"^\[tabell\s+([A-Za-z0-9_-]+)\]$", re.I)


@dataclass(frozen=True)
class Span:
    """A run of text; when `footnote` is set the span is a footnote reference, not text."""

    text: str
    bold: bool = False
    italic: bool = False
    footnote: str | None = None


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]
    bullet: bool = False
    check: bool = False  # a checklist item: "✓ …"


@dataclass(frozen=True)
class ChartRef:
    chart_id: str


@dataclass(frozen=True)
class TableRef:
    table_id: str


Block = Para | ChartRef | TableRef


def fill_placeholders(text: str, figures: Mapping[str, Decimal], decimals: int,
                      minus: str = "-", mark: bool = False) -> tuple[str, list[str]]:
    """Replace `{name}` by the formatted figure; return the text and the unknown names.

    The report passes `formatting.MINUS`, so a quoted figure's minus stays with it, and
    `mark=True`, so that each figure reaches the Word writer marked as one (a content
    control that `generate uppdatera` can rewrite)."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name, plus, digits = match.group(1), match.group(2), match.group(3)
        if name not in figures:
            unknown.append(name)
            return match.group(0)
        d = int(digits) if digits else decimals
        value = figures[name]
        if plus == "abs":
            shown = format_number(abs(value), d, minus)
        elif plus:
            shown = format_signed(value, d, minus)
        else:
            shown = format_number(value, d, minus)
        if not mark:
            return shown
        flags = f":{plus or ''}{digits or ''}" if (plus or digits) else ""
        return f"{OPEN}{name}{flags}{MIDDLE}{shown}{CLOSE}"

    return PLACEHOLDER.sub(replace, text), unknown


_OPENING = re.compile(r"\{(?=[A-Za-zåäöÅÄÖ])")
_SNIPPET = re.compile(r"\{[^\s{}]*\}?")


def malformed_placeholders(text: str) -> list[str]:
    """Snippets that start like `{name` but are not a placeholder: `{x:-}`, `{x` unclosed.

    They would otherwise reach the report as literal text.
    """
    found = []
    for match in _OPENING.finditer(text):
        if PLACEHOLDER.match(text, match.start()):
            continue
        snippet = _SNIPPET.match(text, match.start())
        found.append(snippet.group(0) if snippet else text[match.start():match.start() + 1])
    return found


def inline(text: str, bold: bool = False, italic: bool = False) -> list[Span]:
    """Split a paragraph's text into spans of bold, italic and footnote references."""
    spans: list[Span] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos:match.start()], bold, italic))
        if match.group("bold") is not None:
            spans.extend(inline(match.group("bold"), True, italic))
        elif match.group("italic") is not None:
            spans.extend(inline(match.group("italic"), bold, True))
        else:
            spans.append(Span("", bold, italic, footnote=match.group("note").strip()))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:], bold, italic))
    return spans


def _paragraphs(chunk: str) -> list[tuple[list[str], str] | ChartRef | TableRef]:
    """Group a chunk's lines into paragraphs (lines, kind) and chart or table references.

    The kind is "text", "bullet" (a line starting with "- ") or "check" ("✓ ").
    """
    out: list[tuple[list[str], str] | ChartRef | TableRef] = []
    current: tuple[list[str], str] | None = None
    for line in chunk.split("\n"):
        chart = _CHART.match(line.strip())
        table = _TABLE.match(line.strip())
        bullet = _BULLET.match(line)
        check = _CHECK.match(line)
        if chart:
            out.append(ChartRef(chart.group(1)))
            current = None
        elif table:
            out.append(TableRef(table.group(1)))
            current = None
        elif check and line[check.end():].strip():
            current = ([line[check.end():]], "check")
            out.append(current)
        elif bullet:
            current = ([line[bullet.end():]], "bullet")
            out.append(current)
        elif current is None:
            if line.strip():
                current = ([line], "text")
                out.append(current)
        else:
            current[0].append(line)
    return out


def parse(text: str) -> list[Block]:
    """Parse free text into paragraphs, bullets and chart references."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip("\n")):
        for item in _paragraphs(chunk):
            if isinstance(item, (ChartRef, TableRef)):
                blocks.append(item)
            else:
                lines, kind = item
                body = "\n".join(lines).strip("\n")
                if body.strip():
                    blocks.append(Para(tuple(inline(body)), kind == "bullet", kind == "check"))
    return blocks


# A figure typed on purpose, not from the tables ("a plan of {121,8} miljoner kronor"): the
# braces tell `generate check` that it is not a stale copy of a computed figure.
STATED = re.compile(r"\{([+\-\u2212\u2013]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?"
                    r"|[+\-\u2212\u2013]?\d+(?:,\d+)?)\}")

# An amount written as a literal: a number with a decimal comma, or one followed by a unit.
_UNIT = (r"mnkr|mkr|tkr|miljoner kronor|miljoner|miljarder kronor|miljarder|tusen kronor|"
         r"kronor|kr")
LITERAL_AMOUNT = re.compile(
    r"(?<![\w{,.\-\u2212/])(?P<number>[+\-\u2212\u2013]?\s?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?"
    r"|[+\-\u2212\u2013]?\s?\d+(?:,\d+)?)"
    r"(?!\d|,\d|[.]\d|\s?%|\s?procent|\w)"
    rf"(?P<unit>\s*(?:{_UNIT})\b)?")


def stated_figures(text: str) -> str:
    """Braced figures `{121,8}` shown as typed (minus sign, no-break thousands space)."""
    def show(match: re.Match[str]) -> str:
        number = match.group(1).replace(" ", "\u00a0")
        if number[:1] in "-\u2013":
            number = "\u2212" + number[1:]
        return number

    return STATED.sub(show, text)
