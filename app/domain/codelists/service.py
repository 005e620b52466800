"""Load the code lists from CSV into the database, and read them back for forms and rules.

The CSVs (../shared/codelists) are the source; loading is idempotent (upsert by lijst+code), so a new
release of a standard is applied by running the seed command again.
"""

import csv
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.codelists.models import Code

# lijst name → (csv file, code column, description column)
LISTS: dict[str, tuple[str, str, str]] = {
    "gemeente": ("gemeenten.csv", "cbs_code", "naam"),
    "wmo_productcategorie": ("wmo_productcategorie.csv", "code", "omschrijving"),
    "jeugd_productcategorie": ("jeugd_productcategorie.csv", "code", "omschrijving"),
    "eenheid": ("eenheid.csv", "code", "omschrijving"),
    "frequentie": ("frequentie.csv", "code", "omschrijving"),
    "reden_wijziging": ("reden_wijziging.csv", "code", "omschrijving"),
    "reden_beeindiging": ("reden_beeindiging_wmo.csv", "code", "omschrijving"),
    "verwijzer": ("verwijzer.csv", "code", "omschrijving"),
    "leveringsvorm": ("leveringsvorm.csv", "code", "omschrijving"),
    "zrm_domein": ("zrm_domeinen.csv", "code", "omschrijving"),
    "zrm_score": ("zrm_scores.csv", "score", "omschrijving"),
    "participatieladder": ("participatieladder.csv", "trede", "omschrijving"),
    "schaalniveau": ("schaalniveaus.csv", "niveau", "naam"),
    "iv3_taakveld": ("iv3_taakvelden.csv", "code", "omschrijving"),
    "wettelijke_termijn": ("wettelijke_termijnen.csv", "", "grondslag"),
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows as dicts. Some published lists carry unquoted commas in their last column: glue them back."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.reader(lines)
    header = [h.strip() for h in next(reader)]
    out = []
    for raw in reader:
        if len(raw) > len(header):
            raw = [*raw[: len(header) - 1], ",".join(raw[len(header) - 1 :])]
        out.append({h: (raw[i].strip() if i < len(raw) else "") for i, h in enumerate(header)})
    return out


def load_all(session: Session, directory: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for lijst, (fname, code_col, desc_col) in LISTS.items():
        rows = read_csv(directory / fname)
        existing = {c.code: c for c in session.scalars(select(Code).where(Code.lijst == lijst))}
        for i, row in enumerate(rows):
            code = row[code_col] if code_col else f"{row['wet']}:{row['stap']}:{i}"
            extra = {k: v for k, v in row.items() if k not in (code_col, desc_col)}
            c = existing.get(code)
            if c is None:
                session.add(Code(lijst=lijst, code=code, omschrijving=row[desc_col], volgorde=i, extra=extra))
            else:
                c.omschrijving, c.volgorde, c.extra = row[desc_col], i, extra
        counts[lijst] = len(rows)
    session.flush()
    return counts


def options(session: Session, lijst: str) -> list[tuple[str, str]]:
    """(code, omschrijving) in source order, for select boxes and validation."""
    return [
        (c.code, c.omschrijving)
        for c in session.scalars(select(Code).where(Code.lijst == lijst).order_by(Code.volgorde))
    ]


def label(session: Session, lijst: str, code: str | None) -> str:
    if code is None:
        return ""
    c = session.get(Code, (lijst, code))
    return c.omschrijving if c else code


def rows(session: Session, lijst: str) -> list[Code]:
    return list(session.scalars(select(Code).where(Code.lijst == lijst).order_by(Code.volgorde)))


def is_valid(session: Session, lijst: str, code: str | None) -> bool:
    return code is not None and session.get(Code, (lijst, code)) is not None
