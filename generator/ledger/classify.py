"""Put every code string where the mapping says: on a report row, or why it is not.

Order of the questions, the same for every code string:
1. Is it the nämnd's (Urval › Ta med)? If not, it only counts in the file's own totals.
2. Is it excluded (Urval › Undanta, for example internal transactions by motpart)?
3. Is its account a cost or revenue (Konton)? Utanför driften (class 8 …) is left out;
   an account no rule names is unmapped.
4. Which report row does it belong to (Rader, the first rule that fits)? None: unmapped.
Each distinct code string is answered once.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.ledger.mapping import Mapping
from generator.ledger.model import FIELDS, Codes
from generator.ledger.patterns import Pattern
from generator.model import Verksamhet

ROW, EXCLUDED, OUTSIDE, UNMAPPED, OTHER = "rad", "undantaget", "utanför", "omappat", "annan"


@dataclass(frozen=True)
class Outcome:
    """Where a code string went: `place` is one of the names above."""

    place: str
    row: Verksamhet | None = None
    account_kind: str | None = None  # "Kostnad" or "Intäkt" on a row
    reason: str = ""


_ANOTHER = Outcome(OTHER)  # most code strings of a kommun-wide export: one shared answer


class Classifier:
    """Answers the four questions for a code string, with each answer cached."""

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        position = {name: i for i, name in enumerate(FIELDS)}
        by_field: dict[int, list[Pattern]] = {}
        for c in mapping.include:
            by_field.setdefault(position[c.field], []).append(c.pattern)
        # (field position, its patterns, answer per code already seen)
        self._include: list[tuple[int, list[Pattern], dict[str, bool]]] = [
            (i, patterns, {}) for i, patterns in by_field.items()]
        self._exclude = [(position[c.field], c.pattern, c.label) for c in mapping.exclude]
        self._cache: dict[Codes, Outcome] = {}

    def __call__(self, codes: Codes) -> Outcome:
        hit = self._cache.get(codes)
        if hit is None:
            # Another nämnd's code string is answered per field value, and not cached: a
            # kommun-wide export has hundreds of thousands of them.
            for i, patterns, known in self._include:
                code = codes[i]
                taken = known.get(code)
                if taken is None:
                    taken = known[code] = any(p(code) for p in patterns)
                if not taken:
                    return _ANOTHER
            hit = self._cache[codes] = self._classify(codes)
        return hit

    def _classify(self, codes: Codes) -> Outcome:
        """Questions 2–4 for a code string that Urval takes in."""
        for i, pattern, label in self._exclude:
            if pattern(codes[i]):
                return Outcome(EXCLUDED, reason=f"Undanta {label}")
        account = codes[0]
        kind = next((r for r in self.mapping.accounts if r.pattern(account)), None)
        if kind is None:
            return Outcome(UNMAPPED, reason="kontot finns inte på fliken Konton")
        if kind.kind == "Utanför driften":
            return Outcome(OUTSIDE, reason=f"Konto {kind.pattern.text} utanför driften")
        for rule in self.mapping.rows:
            if all(p(codes[i]) for i, p in rule.conditions):
                return Outcome(ROW, rule.row, kind.kind)
        return Outcome(UNMAPPED, account_kind=kind.kind,
                       reason="ingen regel på fliken Rader passar")
