"""Which column of an export holds which field, from the names on mappning.xlsx › Kolumner.

Each ledger names its columns differently (Ansvar or Kostnadsställe, Belopp or Utfall), so
the names are a setting; a field without a row there is looked for under its own name. A
column the import does not use is a warning (never silently skipped); a field the mapping
needs but the export lacks is an error.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from generator.excel.schema import name_key
from generator.issues import Issue, SourceRef, error, warning
from generator.ledger.model import FIELDS


@dataclass
class Layout:
    """Positions (0-based) of the fields in one export's header."""

    period: int = -1
    codes: dict[str, int] = field(default_factory=dict)  # field → position, present ones
    amount: int | None = None
    budget: int | None = None
    width: int = 0


def find_layout(headers: list[str], names: dict[str, str], needed: set[str], file: str,
                ref: SourceRef, issues: list[Issue], describe: str = "på rad 1",
                ignored: Collection[str] = ()) -> Layout | None:
    """Match `headers` to the fields; errors and warnings go to `issues`, None on errors.

    `names` maps a field ("Ansvar") to its column name in this ledger's exports; `needed` are
    the code fields the mapping's rules use; `ignored` the columns the mapping says are not
    used (no warning for them).
    """
    at: dict[str, int] = {}
    for i, header in enumerate(headers):
        key = name_key(header)
        if key and key in at:
            issues.append(error(ref, f'kolumnen "{header}" finns två gånger {describe}; '
                                     "förväntade varje rubrik en gång"))
            return None
        if key:
            at[key] = i
    wanted = {f: names.get(f) or f for f in ("Period", *FIELDS, "Belopp", "Budget")}
    layout = Layout(width=len(headers))
    found = ", ".join(f'"{h}"' for h in headers if h.strip()) or "inga"
    missing: list[str] = []
    for name, column in wanted.items():
        pos = at.get(name_key(column))
        if pos is None:
            if name in ("Period", "Konto") or name in needed:
                missing.append(f'"{column}" ({name})' if column != name else f'"{name}"')
            continue
        if name == "Period":
            layout.period = pos
        elif name == "Belopp":
            layout.amount = pos
        elif name == "Budget":
            layout.budget = pos
        else:
            layout.codes[name] = pos
    if layout.amount is None and layout.budget is None:
        both = f'"{wanted["Belopp"]}" eller "{wanted["Budget"]}"'
        missing.append(f"{both} (belopp)")
    if missing:
        what = "kolumnen" if len(missing) == 1 else "kolumnerna"
        issues.append(error(ref, (
            f"{what} {', '.join(missing)} saknas; hittade {found} {describe}. Stämmer "
            "rubrikerna inte med exporten: skriv exportens namn i kolumnen Kolumn i export på "
            "fliken Kolumner i mappning.xlsx")))
        return None
    used = {layout.period, layout.amount, layout.budget, *layout.codes.values()}
    skipped = {name_key(c) for c in ignored}
    unused = [h for i, h in enumerate(headers)
              if i not in used and h.strip() and name_key(h) not in skipped]
    renamed = _renamed_amount(layout, unused, wanted, ref, describe)
    if renamed:
        issues.append(renamed)
        return None
    if unused:
        what = "kolumnen" if len(unused) == 1 else "kolumnerna"
        names_shown = ", ".join(f'"{h}"' for h in unused)
        issues.append(warning(ref, (
            f"{what} {names_shown} används inte av importen. Är det ett fält med ett annat "
            "namn, skriv namnet på fliken Kolumner i mappning.xlsx")))
    return layout


# Words in a column name that say it holds utfall or budget under another name.
_WORDS = {"Belopp": ("belopp", "utfall", "saldo", "summa", "netto", "amount", "debet",
                     "kredit"),
          "Budget": ("budget",)}


def _renamed_amount(layout: Layout, unused: list[str], wanted: dict[str, str],
                    ref: SourceRef, describe: str) -> Issue | None:
    """An export without its utfall (or budget) column but with an unused column named like
    an amount: the column was most likely renamed, and importing would leave that measure's
    figures as they were, unnoticed. A file with only budget (or only utfall) is fine."""
    for name, pos, what, the in (("Belopp", layout.amount, "utfall", "utfallet"),
                                 ("Budget", layout.budget, "budget", "budgeten")):
        if pos is not None:
            continue
        like = [h for h in unused if any(w in name_key(h) for w in _WORDS[name])]
        if like:
            shown = ", ".join(f'"{h}"' for h in like)
            return error(ref, (
                f'kolumnen "{wanted[name]}" ({what}) saknas, men {shown} {describe} används '
                f"inte; är det {the} under ett annat namn? Skriv exportens namn i kolumnen "
                f"Kolumn i export för {name} på fliken Kolumner i mappning.xlsx, eller ta bort "
                "kolumnen ur exporten"))
    return None
