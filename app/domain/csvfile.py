"""The one way the app writes CSV (audit export, monitoring, GMSD export, rechtmatigheid).

Spreadsheet programs execute a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula (CSV injection, OWASP). Free text such as a reason or a name comes from users, so every
text cell that starts with one of these gets a leading apostrophe, which shows the text as typed and
is never evaluated. Numbers (also a negative number written as text, "-1,5") stay as they are. A test
refuses `csv.writer`/`csv.DictWriter` anywhere else in `app/`.
"""

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
BOM = "\ufeff"  # so Excel opens UTF-8 with the accents intact


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet evaluates as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) and not _NUMBER.match(text):
        return "'" + text
    return text


class CsvBuilder:
    """Rows in, safe CSV out (semicolon-separated, the Dutch spreadsheet default)."""

    def __init__(self, header: Sequence[str], *, delimiter: str = ";") -> None:
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf, delimiter=delimiter)
        self._header = list(header)
        self._writer.writerow([neutralise(h) for h in header])
        self.count = 0

    def row(self, values: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(v) for v in values])
        self.count += 1

    def rows(self, rows: Iterable[Iterable[Any]]) -> None:
        for r in rows:
            self.row(r)

    def dict_rows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Rows as dicts keyed by the header (missing keys are empty cells)."""
        for r in rows:
            self.row(r.get(h) for h in self._header)

    def text(self, *, bom: bool = True) -> str:
        return (BOM if bom else "") + self._buf.getvalue()

    def bytes(self, *, bom: bool = True) -> bytes:
        return self.text(bom=bom).encode("utf-8")
