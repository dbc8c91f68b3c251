"""Code patterns as the economist writes them: `569`, `51*`, `4000-7999`, `35*, 36*`.

A pattern is a comma-separated list of terms; a code matches if any term does. A term is a
code, a wildcard (`*` any characters, `?` one) or a range of two numeric codes
(`4000-7999`, compared as numbers). Matching is cached per code, since an export has tens of
thousands of code strings but only hundreds of accounts or ansvar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


class PatternError(ValueError):
    """The text is not a pattern; the message (Swedish) says why."""


def _term(text: str) -> Callable[[str], bool]:
    rng = _RANGE.match(text)
    if rng:
        low, high = int(rng[1]), int(rng[2])
        if low > high:
            raise PatternError(f'intervallet "{text}" börjar efter att det slutar')
        return lambda code: code.isdigit() and low <= int(code) <= high
    if "*" in text or "?" in text:
        regex = re.compile("".join(
            ".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text) + r"\Z",
            re.IGNORECASE)
        return lambda code: regex.match(code) is not None
    folded = text.casefold()
    return lambda code: code.casefold() == folded


@dataclass
class Pattern:
    """A compiled pattern and the text it came from."""

    text: str
    terms: list[Callable[[str], bool]] = field(default_factory=list)
    cache: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: object) -> Pattern:
        raw = str(text).strip() if text is not None else ""
        parts = [p.strip() for p in raw.replace(";", ",").split(",")]
        if not raw or any(not p for p in parts):
            raise PatternError(
                f'förväntade koder som 569, 51* eller 4000-7999 åtskilda med kommatecken, '
                f'hittade "{raw}"')
        return cls(raw, [_term(p) for p in parts])

    def __call__(self, code: str) -> bool:
        hit = self.cache.get(code)
        if hit is None:
            hit = self.cache[code] = any(term(code) for term in self.terms)
        return hit
