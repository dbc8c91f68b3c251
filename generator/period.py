"""Report periods: "aug-2024" → Period, and the Swedish labels derived from it."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from generator.errors import PeriodError

MONTHS_SV = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
ABBR_SV = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_ABBR_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_ALIASES: dict[str, int] = {}
for _i, (_sv, _en, _full) in enumerate(zip(ABBR_SV, _ABBR_EN, MONTHS_SV, strict=True), start=1):
    for _name in (_sv, _en, _full):
        _ALIASES[_name] = _i
_ALIASES["sept"] = 9

_PATTERN = re.compile(r"^\s*([A-Za-zåäöÅÄÖ]+)[-_ ]?(\d{4})\s*$")

ACCEPTED_FORMS = "mmm-åååå, till exempel aug-2024, apr-2025, okt-2024 eller oct-2024"


@dataclass(frozen=True, order=True)
class Period:
    """The last month covered by a delårsrapport."""

    year: int
    month: int

    @property
    def slug(self) -> str:
        """Folder name used under inputs/ and outputs/, e.g. "aug-2024"."""
        return f"{ABBR_SV[self.month - 1]}-{self.year}"

    @property
    def month_name(self) -> str:
        return MONTHS_SV[self.month - 1]

    @property
    def month_abbr(self) -> str:
        return ABBR_SV[self.month - 1]

    @property
    def end_date_label(self) -> str:
        """ "31 augusti 2024" """
        last = calendar.monthrange(self.year, self.month)[1]
        return f"{last} {self.month_name} {self.year}"

    @property
    def span_label(self) -> str:
        """ "jan-aug 2024" (just "jan 2024" for January)."""
        if self.month == 1:
            return f"jan {self.year}"
        return f"jan-{self.month_abbr} {self.year}"

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def title(self) -> str:
        """The report's title, as on the reference's cover."""
        last = calendar.monthrange(self.year, self.month)[1]
        return (
            f"Delårsrapport per den {last} {self.month_name} med prognos för helår {self.year}"
        )

    def __str__(self) -> str:
        return self.slug


def parse_period(text: str) -> Period:
    """Parse "aug-2024", "AUG-2024", "oct-2024" or "augusti-2024" into a Period."""
    match = _PATTERN.match(text or "")
    if match:
        month = _ALIASES.get(match.group(1).lower())
        year = int(match.group(2))
        if month and 1900 <= year <= 2200:
            return Period(year, month)
    raise PeriodError(
        f'Perioden "{text}" känns inte igen. Skriv månad och år som {ACCEPTED_FORMS}.'
    )
