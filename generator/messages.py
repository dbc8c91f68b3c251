"""The Swedish sentence of each check's finding, by code: the one place they are worded.

`validate` reports what it found as a code and fields (`issues.finding`); the CLI and the
summaries turn them into text here, so a check never builds a sentence itself.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: dict[str, str] = {
    "varav_sum": ("{column}: {names} blir {stated} men {total_label} är {computed} "
                  "(skillnad {diff})"),
    "ram_budget": ("Budget helår för nämndens rader blir {budget} {unit} men {source} är "
                   "{ram} {unit} (skillnad {diff}); kontrollera budgetraderna i prognos.xlsx "
                   "eller ramen"),
    "own_sum": ('tabellen {table}, raden "{row}", kolumnen "{column}": summan av raderna '
                "ovanför är {computed} men cellen säger {stated} (skillnad {diff}); rapporten "
                "visar summan. Töm cellen eller rätta raderna"),
    "own_sum_text": ('tabellen {table}, raden "{row}", kolumnen "{column}": en summarad har '
                     '"{stated}" där summan {computed} ska stå; rapporten visar summan'),
    "table_unknown": ('okänd tabell [tabell {id}]; förväntade en av tabellerna på fliken '
                      "Tabeller i tabeller.xlsx: {known}"),
    "table_unplaced": ("tabellen {id} visas inte i rapporten: ingen text i texter.xlsx har "
                       "en egen rad [tabell {id}]"),
    "table_twice": "tabellen {id} placeras flera gånger; den visas bara på första stället",
    "literal_amount": ('beloppet "{literal}" är skrivet för hand och är inget tal som rapporten '
                       "räknar ut (närmast: {name} = {value}); skriv talnamnet, så kan texten "
                       "aldrig säga emot tabellen, eller {stated} om beloppet inte finns i "
                       "tabellerna"),
    "placeholder_unknown": ("okänt talnamn {{{name}}}; förväntade ett av namnen som kommandot "
                            "{listing} listar.{hint}"),
    "placeholder_malformed": ('"{snippet}" ser ut som ett talnamn men är inte skrivet rätt; '
                              "skriv {{namn}}, {{namn:0}} (utan decimaler), {{namn:+}} "
                              "(med plustecken) eller {{namn:abs}} (utan tecken), med ett namn "
                              "som kommandot {listing} listar"),
}


def text(code: str, fields: Mapping[str, str]) -> str:
    """The finding as a sentence; an unknown code shows its fields rather than fail."""
    template = MESSAGES.get(code)
    if template is None:
        return f"{code}: " + ", ".join(f"{k}={v}" for k, v in fields.items())
    return template.format(**fields)
