"""Statutory deadlines (wettelijke termijnen) of the toegang process, as pure date arithmetic.

This module owns the calendar of the Algemene termijnenwet (Atw art. 3: the general holidays; art. 1:
a statutory term ending on a Saturday, Sunday or holiday runs to the next working day), the terms of
`codelists/wettelijke_termijnen.csv` (Wmo 2015 art. 2.3.2 and 2.3.5, Jeugdwet and Participatiewet via
Awb art. 4:13, Participatiewet art. 41 lid 4 and 52, Wgs art. 4, Awb art. 6:7/6:8 and 7:10), and the
computation of an end date from a start event, shifted by opschortingen (Awb art. 4:15) and one
verdaging (Awb art. 4:14). Nothing here reads the clock, a database or a file except `load_termijnen`;
callers pass `today` explicitly.
"""

from __future__ import annotations

import calendar
import csv
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

__all__ = [
    "EENHEDEN",
    "DeadlineStatus",
    "Opschorting",
    "Termijn",
    "Verdaging",
    "add_months",
    "add_term",
    "add_werkdagen",
    "algemene_erkende_feestdagen",
    "bezwaar_deadline",
    "compute_deadline",
    "deadline_status",
    "easter_sunday",
    "extend_to_werkdag",
    "is_werkdag",
    "load_termijnen",
    "next_werkdag",
    "termijn_for",
]

EENHEDEN: frozenset[str] = frozenset({"dagen", "werkdagen", "weken", "maanden"})

DeadlineStatus = Literal["ok", "binnenkort", "verlopen"]

BEZWAARTERMIJN_WEKEN = 6  # Awb art. 6:7


# --- calendar (Algemene termijnenwet) ------------------------------------------------------------


def easter_sunday(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian / Meeus-Jones-Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _koningsdag(year: int) -> date:
    # Koningsdag is 27 April, moved to Saturday 26 April when 27 April is a Sunday (rule since 2014).
    d = date(year, 4, 27)
    return d - timedelta(days=1) if d.weekday() == calendar.SUNDAY else d


@lru_cache(maxsize=256)
def _feestdagen(year: int) -> frozenset[date]:
    pasen = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaarsdag
            pasen - timedelta(days=2),  # Goede Vrijdag (art. 3 lid 2)
            pasen,  # Paasdag
            pasen + timedelta(days=1),  # tweede Paasdag
            pasen + timedelta(days=39),  # Hemelvaartsdag
            pasen + timedelta(days=49),  # Pinksterdag
            pasen + timedelta(days=50),  # tweede Pinksterdag
            _koningsdag(year),
            date(year, 5, 5),  # Bevrijdingsdag: the Atw lists it every year, not once per lustrum
            date(year, 12, 25),  # eerste Kerstdag
            date(year, 12, 26),  # tweede Kerstdag
        }
    )


def algemene_erkende_feestdagen(year: int) -> set[date]:
    """The general holidays of `year` per Algemene termijnenwet art. 3 (lid 1 and Goede Vrijdag, lid 2).

    Days equated to holidays by a separate royal decree (art. 3 lid 3) are not included.
    """
    # A copy, so callers cannot mutate the cached set.
    return set(_feestdagen(year))


def is_werkdag(d: date) -> bool:
    """True when `d` is not a Saturday, Sunday or general holiday (Atw art. 1 and 3)."""
    return d.weekday() < calendar.SATURDAY and d not in _feestdagen(d.year)


def next_werkdag(d: date) -> date:
    """The first working day strictly after `d`."""
    d += timedelta(days=1)
    while not is_werkdag(d):
        d += timedelta(days=1)
    return d


def add_werkdagen(d: date, n: int) -> date:
    """The `n`-th working day after `d` (`d` itself never counts); `n == 0` returns `d` unchanged."""
    if n < 0:
        raise ValueError(f"aantal werkdagen mag niet negatief zijn: {n}")
    for _ in range(n):
        d = next_werkdag(d)
    return d


def extend_to_werkdag(d: date) -> date:
    """Algemene termijnenwet art. 1 lid 1: a statutory term ending on a Saturday, Sunday or general
    holiday is extended up to and including the next day that is none of these."""
    return d if is_werkdag(d) else next_werkdag(d)


def add_months(d: date, n: int) -> date:
    """`d` plus `n` calendar months, clamped to the end of the target month (31 Jan + 1 = 28/29 Feb)."""
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))


def add_term(start: date, aantal: int, eenheid: str) -> date:
    """The raw end of a term of `aantal` `eenheid` after the start event, before Atw art. 1.

    The term runs from the day after the start event (Awb art. 6:8 for bezwaar, and general practice
    for the beslistermijnen of Awb art. 4:13), so a term of 6 weeks that starts on a Monday ends on the
    Monday 6 weeks later, and a term of n werkdagen ends on the n-th working day after the start.
    """
    if aantal < 0:
        raise ValueError(f"termijn mag niet negatief zijn: {aantal}")
    if eenheid == "dagen":
        return start + timedelta(days=aantal)
    if eenheid == "weken":
        return start + timedelta(weeks=aantal)
    if eenheid == "werkdagen":
        return add_werkdagen(start, aantal)
    if eenheid == "maanden":
        return add_months(start, aantal)
    raise ValueError(f"onbekende eenheid {eenheid!r}; verwacht een van {sorted(EENHEDEN)}")


# --- the code list -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Termijn:
    """One row of `codelists/wettelijke_termijnen.csv`: a term from event `van` to event `tot`."""

    wet: str
    stap: str
    van: str
    tot: str
    termijn: int
    eenheid: str
    grondslag: str
    opmerking: str

    def __post_init__(self) -> None:
        if self.termijn < 0:
            raise ValueError(f"{self.wet}/{self.stap}: termijn mag niet negatief zijn ({self.termijn})")
        if self.eenheid not in EENHEDEN:
            raise ValueError(
                f"{self.wet}/{self.stap}: onbekende eenheid {self.eenheid!r}; verwacht een van {sorted(EENHEDEN)}"
            )

    @classmethod
    def from_row(cls, row: Mapping[str, str | None]) -> Termijn:
        """Build a Termijn from a csv.DictReader row; raises ValueError on a missing or malformed field."""

        def field(name: str, *, required: bool = True) -> str:
            value = (row.get(name) or "").strip()
            if required and not value:
                raise ValueError(f"rij {dict(row)!r}: kolom {name!r} ontbreekt of is leeg")
            return value

        raw_termijn = field("termijn")
        try:
            termijn = int(raw_termijn)
        except ValueError:
            raise ValueError(f"rij {dict(row)!r}: termijn {raw_termijn!r} is geen geheel getal") from None
        return cls(
            wet=field("wet"),
            stap=field("stap"),
            van=field("van"),
            tot=field("tot"),
            termijn=termijn,
            eenheid=field("eenheid").lower(),
            grondslag=field("grondslag"),
            opmerking=field("opmerking", required=False),
        )

    @property
    def onverwijld(self) -> bool:
        """A 0-day term means "onverwijld" (e.g. Wmo 2015 art. 2.3.3): due on the start date itself."""
        return self.termijn == 0


def load_termijnen(path: str | os.PathLike[str]) -> list[Termijn]:
    """Read wettelijke_termijnen.csv (header row first; lines starting with '#' are comments)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = (line for line in f if not line.lstrip().startswith("#"))
        return [Termijn.from_row(row) for row in csv.DictReader(lines)]


# An urgent variant encoded in the remark, e.g. "3 werkdagen bij een bedreigende situatie" (Wgs art. 4).
_SPOED_RE = re.compile(
    r"(?P<aantal>\d+)\s+(?P<eenheid>werkdagen|dagen|weken|maanden)\s+bij\s+(?:een\s+)?"
    r"(?:bedreigende\s+situatie|spoed|crisis)",
    re.IGNORECASE,
)


def termijn_for(termijnen: Iterable[Termijn], wet: str, stap: str, *, spoed: bool = False) -> Termijn:
    """The term for (`wet`, `stap`), matched case-insensitively; raises LookupError when absent.

    With `spoed=True` the urgent variant written in the row's `opmerking` is returned (the code list
    encodes Wgs art. 4's "3 werkdagen bij een bedreigende situatie" that way). When a step has no
    urgent variant the regular statutory term applies unchanged, so that row is returned.
    """
    wanted = (wet.strip().casefold(), stap.strip().casefold())
    for t in termijnen:
        if (t.wet.casefold(), t.stap.casefold()) == wanted:
            break
    else:
        raise LookupError(f"geen wettelijke termijn voor {wet!r} / {stap!r}")
    if spoed and (m := _SPOED_RE.search(t.opmerking)):
        return replace(t, termijn=int(m["aantal"]), eenheid=m["eenheid"].lower(), opmerking=f"spoed: {t.opmerking}")
    return t


# --- opschorting, verdaging and the deadline -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Opschorting:
    """Awb art. 4:15 lid 1: the clock stands still "met ingang van de dag na" `van` (the resident was
    invited to complete the aanvraag) "tot de dag waarop" `tot` (the aanvraag was completed, or the period
    set for it expired unused): the day of completion itself runs again. `tot=None` means the opschorting
    is still running; today then counts as suspended, so the deadline shown moves every day."""

    van: date
    tot: date | None
    reden: str

    def __post_init__(self) -> None:
        if self.tot is not None and self.tot < self.van:
            raise ValueError(f"opschorting eindigt ({self.tot}) vóór de start ({self.van})")

    def einde(self, today: date | None) -> date:
        """The last suspended day, so that (van, einde] are the suspended days."""
        if self.tot is not None:
            return max(self.van, self.tot - timedelta(days=1))
        if today is None:
            raise ValueError("een lopende opschorting (zonder einddatum) vraagt om 'today'")
        # An open opschorting registered for a future date has not suspended anything yet.
        return max(today, self.van)


@dataclass(frozen=True, slots=True)
class Verdaging:
    """Awb art. 4:14: the decision is postponed once, by notice sent on `datum`, by `dagen` days."""

    dagen: int
    reden: str
    datum: date

    def __post_init__(self) -> None:
        if self.dagen <= 0:
            raise ValueError(f"verdaging moet minstens 1 dag zijn, niet {self.dagen}")

    @classmethod
    def weken(cls, aantal: int, reden: str, datum: date) -> Verdaging:
        return cls(dagen=7 * aantal, reden=reden, datum=datum)

    @property
    def duur(self) -> timedelta:
        return timedelta(days=self.dagen)


def _merged(opschortingen: Iterable[Opschorting], today: date | None) -> list[tuple[date, date]]:
    """Opschortingen as sorted, non-overlapping (van, tot) intervals, so overlaps count once."""
    intervals = sorted((o.van, o.einde(today)) for o in opschortingen)
    merged: list[tuple[date, date]] = []
    for van, tot in intervals:
        if merged and van <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], tot))
        else:
            merged.append((van, tot))
    return merged


def _single_verdaging(verdaging: Verdaging | Sequence[Verdaging] | None) -> Verdaging | None:
    if verdaging is None or isinstance(verdaging, Verdaging):
        return verdaging
    if len(verdaging) > 1:
        raise ValueError("een beslistermijn kan maar één keer worden verdaagd (Awb art. 4:14)")
    return verdaging[0] if verdaging else None


def compute_deadline(
    start: date,
    termijn: Termijn,
    *,
    opschortingen: Iterable[Opschorting] = (),
    verdaging: Verdaging | Sequence[Verdaging] | None = None,
    today: date | None = None,
) -> date:
    """The statutory end date of `termijn` for a start event on `start`.

    1. The term runs from the day after the start event (Awb art. 4:13, Wmo 2015 art. 2.3.2 lid 1 and
       art. 2.3.5 lid 2, Participatiewet art. 41 lid 4; see `add_term`).
    2. Each opschorting (Awb art. 4:15) adds its days; overlapping ones count once, an open one counts
       up to `today`. Days before `start` do not count, and an opschorting that begins after the term
       has already ended cannot revive it, so it is ignored.
    3. One verdaging (Awb art. 4:14) adds its days; more than one raises ValueError.
    4. The result is extended to a working day (Algemene termijnenwet art. 1).

    A 0-day term ("onverwijld", Wmo 2015 art. 2.3.3) is due on `start` itself.
    """
    opschortingen = tuple(opschortingen)
    enkele_verdaging = _single_verdaging(verdaging)
    intervals = _merged(opschortingen, today)  # validates open-ended ones against `today`
    if termijn.onverwijld:
        return start

    end = add_term(start, termijn.termijn, termijn.eenheid)
    for van, tot in intervals:
        van = max(van, start)
        if tot <= van:
            continue
        if van > end:
            break  # intervals are sorted: later ones start after the (already shifted) end too
        end += tot - van
    if enkele_verdaging is not None:
        end += enkele_verdaging.duur
    return extend_to_werkdag(end)


def deadline_status(deadline: date, today: date, *, warn_werkdagen: int = 5) -> DeadlineStatus:
    """The traffic light of a deadline: "verlopen" after the deadline day, "binnenkort" when it falls
    within `warn_werkdagen` working days from `today` (the deadline day itself included), else "ok"."""
    if warn_werkdagen < 0:
        raise ValueError(f"warn_werkdagen mag niet negatief zijn: {warn_werkdagen}")
    if today > deadline:
        return "verlopen"
    if deadline <= add_werkdagen(today, warn_werkdagen):
        return "binnenkort"
    return "ok"


def bezwaar_deadline(verzonden: date) -> date:
    """Last day to lodge bezwaar: 6 weeks (Awb art. 6:7) from the day after the beschikking was sent
    (Awb art. 6:8 lid 1), extended to a working day (Algemene termijnenwet art. 1)."""
    return extend_to_werkdag(add_term(verzonden, BEZWAARTERMIJN_WEKEN, "weken"))
