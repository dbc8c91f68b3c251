"""One cleaning for every string a workbook holds: cell values, headers and sheet names.

Excel stores a character that XML cannot hold as `_xHHHH_` (a carriage return pasted from
another program becomes `_x000D_`, a literal "_x000D_" typed by the user `_x005F_x000D_`);
openpyxl leaves these escaped. Word's XML cannot hold most control characters either, and
a lone UTF-16 surrogate cannot even be encoded. `excel/sheets.py` passes every string it
reads through `clean`, so no reader downstream can forget it or do it differently.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Line breaks as Windows, old Mac OS and Word (a vertical tab is Word's soft line break,
# pasted into Excel) write them, and the Unicode line and paragraph separators.
_BREAKS = re.compile("\r\n|[\r\x0b\u2028\u2029]")
# Not allowed in XML 1.0, so Word could not hold them: dropped.
_ILLEGAL = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _decode(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def clean(text: str) -> str:
    """A string as the user sees it in Excel, safe for Word: escapes decoded, line breaks
    as "\\n", characters XML cannot hold removed. Blanks around it are kept (verbatim cells
    may indent); `trim` strips them."""
    if "_x" in text:
        text = _ESCAPE.sub(_decode, text)
    if _SURROGATE.search(text):
        # An emoji escaped as two halves (_xD83D__xDE00_) is joined; a lone half is dropped.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    text = _BREAKS.sub("\n", text)
    return _ILLEGAL.sub("", text)


def trim(text: str) -> str:
    """A text cell's content without surrounding blanks and empty lines.

    Only for strings `clean` has already seen: decoding twice would turn a typed
    "_x005F_x000D_" (the text "_x000D_") into a line break.
    """
    return text.strip("\n ")
