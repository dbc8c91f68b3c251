"""How large an amount can be: larger than any kommun's budget is a typing mistake.

`formatting.LARGEST` keeps every number within what Decimal can round; this bound is per
unit, so that a figure in kronor pasted into a workbook kept in tkr is caught too.
"""

from __future__ import annotations

from decimal import Decimal

from generator.formatting import format_number
from generator.tables import UNIT_FACTORS

# 10 000 miljarder kronor: ten times the Swedish state budget, some hundred times the
# largest kommun's.
MAX_KRONOR = Decimal("1e13")


def too_large(value: Decimal, unit: str) -> str | None:
    """Why `value` (in `unit`) cannot be an amount, in Swedish; None when it can."""
    factor = UNIT_FACTORS.get(unit)
    if factor is None:
        return None
    limit = MAX_KRONOR / factor
    if abs(value) <= limit:
        return None
    return (f"beloppet {format_number(value, 0)} {unit} är större än någon kommuns budget "
            f"(högst {format_number(limit, 0)} {unit}, 10 000 miljarder kronor); kontrollera "
            f"talet och att enheten {unit} stämmer")
