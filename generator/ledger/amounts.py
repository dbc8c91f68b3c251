"""Amounts as integer öre: parsing ledger text fast, and formatting kronor for messages.

A million amounts must parse in well under a second, so the common forms (`-1234,56`,
`1234.5`, `1234`) take a path without regular expressions; anything else (thousands
separators, a minus sign, a plus) goes through `formatting.parse_number`. More than two
decimals is an error: a ledger's amounts are kronor and öre.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from generator.formatting import format_number, parse_number

OreParser = Callable[[str], int]


def text_ore(text: str) -> int:
    """Any amount `parse_number` accepts (1 234,56; −75; 1234.56), to öre, or ValueError.
    Also the reading of an amount typed as text in an .xlsx cell."""
    value = parse_number(text)
    if value is None:
        raise ValueError(text)
    ore = value * 100
    if ore != ore.to_integral_value():
        raise ValueError(text)
    return int(ore)


def ore_parser(mark: str) -> OreParser:
    """A parser for amounts with `mark` ("," or ".") as decimal mark.

    The other mark is taken as a thousands separator (1.234,56 and 1,234.56), as in
    `parse_number`'s spaces.
    """
    other = "." if mark == "," else ","

    def parse(text: str) -> int:
        whole, sep, frac = text.partition(mark)
        if "_" not in text:  # int() accepts 1_000; an amount does not
            try:
                if len(frac) == 2 and frac.isdigit():
                    return int(whole + frac)
                if not sep:
                    return int(whole) * 100
                if len(frac) == 1 and frac.isdigit():
                    return int(whole + frac + "0")
            except ValueError:
                pass
        return text_ore(text.replace(other, " ").replace(mark, ","))

    return parse


def guess_mark(samples: list[str]) -> str | None:
    """The decimal mark of a sample of amounts: "," or ".", None if nothing tells."""
    comma = point = 0
    for text in samples:
        text = text.strip()
        last_comma, last_point = text.rfind(","), text.rfind(".")
        if last_comma > last_point and len(text) - last_comma - 1 in (1, 2):
            comma += 1
        elif last_point > last_comma and len(text) - last_point - 1 in (1, 2):
            point += 1
    if comma == point:
        return None
    return "," if comma > point else "."


def ore_from_float(value: float) -> int | None:
    """A number cell (a binary float in every .xlsx) as öre; None if it has more decimals
    or is no number at all (NaN, infinite)."""
    if not math.isfinite(value):
        return None
    ore = round(value * 100)
    return ore if abs(value * 100 - ore) < 1e-4 * max(1.0, abs(value) / 1e9) else None


def kr(ore: int) -> str:
    """Öre as kronor in Swedish style for messages: "1 234 567,89 kr"."""
    return f"{format_number(Decimal(ore).scaleb(-2), 2)} kr"


def kr_decimal(ore: int) -> Decimal:
    """Öre as an exact Decimal of kronor (for the Avstämning sheet)."""
    return Decimal(ore).scaleb(-2)
