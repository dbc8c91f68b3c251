"""Swedish number style, independent of the operating system's locale.

`1 220,4`: thousands grouped by a no-break space, decimal comma, minus sign kept.
Values are rounded here and nowhere else, half away from zero.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

NBSP = "\u00a0"
# The minus sign of printed figures: typographically right in Swedish, and a line is never
# broken between it and its number (a hyphen-minus may be left alone at a line's end).
# Messages in the terminal keep the hyphen-minus, which Excel reads back as a number.
MINUS = "\u2212"
# Larger than any figure a report holds, in any unit: a thousand times the Swedish state
# budget in kronor. A cell beyond it holds a typing mistake (1E+300), and rounding such a
# value would need more digits than Decimal keeps (InvalidOperation).
LARGEST = Decimal("1e15")
_MINUS_CHARS = "\u2212\u2013\u2010"  # minus sign, en dash, hyphen: all typed as minus in Excel
_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(?:[ ]\d{3})+)(?:[.,](\d+))?$")


def round_half_away(value: Decimal, decimals: int) -> Decimal:
    """Round half away from zero, the way people round by hand (and Excel's ROUND).

    With as many digits as the value needs: Decimal's usual 28 fail (InvalidOperation) on a
    computed value beyond them, such as a share of a budget of 1E-300 typed by mistake.
    """
    quantum = Decimal(1).scaleb(-decimals)
    digits = max(value.adjusted(), 0) + decimals + 2
    return value.quantize(quantum, rounding=ROUND_HALF_UP, context=Context(prec=max(28, digits)))


def format_number(value: Decimal | int | float | None, decimals: int = 1,
                  minus: str = "-") -> str:
    """Format a value: `-1 054,9`, `0,0`, `576,0`; None → "". The report passes `MINUS`."""
    if value is None:
        return ""
    rounded = round_half_away(Decimal(str(value)), decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0,0"
    sign = minus if rounded < 0 else ""
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = NBSP.join(groups)
    if decimals > 0:
        out += "," + frac
    return sign + out


def format_signed(value: Decimal | None, decimals: int = 1, minus: str = "-") -> str:
    """Like `format_number` but with an explicit `+` on positive values (for prose)."""
    text = format_number(value, decimals, minus)
    if value is not None and text and not text.startswith(minus) and round_half_away(
        Decimal(str(value)), decimals
    ) != 0:
        return "+" + text
    return text


# "61.700" is 61 700 with a dot as thousands separator (as in exports from some systems)
# or 61,7: ambiguous, so refused rather than guessed.
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")


def is_ambiguous_dot(text: object) -> bool:
    return isinstance(text, str) and bool(_DOT_THOUSANDS.match(text.strip()))


class NumberOutOfRange(ValueError):
    """A number beyond ±`LARGEST`: a number, but no figure a report can hold.

    Raised by `parse_number`; the reader names the cell and the value.
    """


def parse_number(raw: object) -> Decimal | None:
    """Read a number cell: numbers as they are, or Swedish number text.

    Accepts `1 220,4` (space, no-break space or thin space between thousands), `−75,0` with a
    true minus sign, `1220.4`. "61.700" is refused: it may mean 61 700 or 61,7. Returns
    None for an empty cell; raises ValueError otherwise (NaN and infinity too), and
    NumberOutOfRange beyond ±`LARGEST`.
    """
    value = _number(raw)
    if value is not None:
        if value.is_nan():
            raise ValueError(raw)
        if value.is_infinite() or abs(value) > LARGEST:  # 1E+400 is read as infinity
            raise NumberOutOfRange(raw)
    return value


def _number(raw: object) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    for ch in _MINUS_CHARS:
        text = text.replace(ch, "-")
    for ch in _SPACES:
        text = text.replace(ch, " ")
    text = re.sub(r"(?<=\d) (?=\d)", " ", text).replace("- ", "-")
    match = _NUMBER.match(text)
    if not match or _DOT_THOUSANDS.match(text):
        raise ValueError(raw)
    try:
        return Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(raw) from exc
