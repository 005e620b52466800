"""Pure checks on resident data: BSN elfproef, postcode format, masking."""

import re
from datetime import date

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")


def bsn_geldig(bsn: str) -> bool:
    """The elfproef for BSN: 9 digits, sum(d_i * w_i) with weights 9..2 and -1 divisible by 11, not 0."""
    if not re.fullmatch(r"[0-9]{9}", bsn or ""):
        return False
    digits = [int(c) for c in bsn]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0 and total != 0 and bsn != "000000000"


def normaliseer_bsn(raw: str) -> str:
    """Accept 8 digits (leading zero dropped by spreadsheets) and dots/spaces as people type them."""
    s = re.sub(r"[\s.\-]", "", raw or "")
    return s.zfill(9) if len(s) == 8 and s.isdigit() else s


def normaliseer_postcode(raw: str) -> str | None:
    m = _POSTCODE.match(raw or "")
    return f"{m.group(1)}{m.group(2).upper()}" if m else None


def maskeer_bsn(bsn: str | None) -> str:
    """Data minimisation: lists show only the last three digits."""
    return f"******{bsn[-3:]}" if bsn else "—"


def toon_postcode(pc: str) -> str:
    return f"{pc[:4]} {pc[4:]}" if len(pc) == 6 else pc


def leeftijd(geboortedatum: date, op: date) -> int:
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
