"""The statutory deadlines of one ondersteuningsvraag, computed from its recorded events.

The terms come from the `code` table (lijst "wettelijke_termijn", loaded from
wettelijke_termijnen.csv); the arithmetic is `termijnen.compute_deadline`, shifted by the recorded
opschortingen (Awb 4:15) and the one verdaging (Awb 4:14). Nothing is stored: deadlines are derived.
"""

from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.config import get_settings
from app.domain.codelists.models import Code
from app.domain.households.models import Lidmaatschap, Persoon
from app.domain.toegang import termijnen as t
from app.domain.toegang.models import (
    Aanvraag,
    Beschikking,
    Ondersteuningsvraag,
    Termijnaanpassing,
    Verslag,
)
from app.domain.toegang.rules import VraagStatus

# The code list spells the debt-help law out; voorzieningen use the short name.
_WET_IN_LIJST = {"Schuldhulp": "Schuldhulpverlening"}


class Deadline(NamedTuple):
    stap: str  # "onderzoek", "beschikking", "zoektermijn", "bezwaar"
    datum: date
    status: str  # ok / binnenkort / verlopen
    grondslag: str
    wet: str = "Wmo"

    @property
    def omschrijving(self) -> str:
        return (
            f"{STAP_LABELS.get(self.stap, self.stap)} {self.wet} verloopt op {self.datum:%d-%m-%Y} ({self.grondslag})"
        )


STAP_LABELS = {
    "onderzoek": "Onderzoekstermijn",
    "beschikking": "Beslistermijn",
    "zoektermijn": "Zoektermijn",
    "bezwaar": "Bezwaartermijn",
    "eerste_gesprek": "Termijn eerste gesprek",
}


def load(session: Session) -> list[t.Termijn]:
    """The terms from the database, cached for the session's lifetime (they change only by a seed run)."""
    cached = session.info.get("wettelijke_termijnen")
    if cached is None:
        rows = session.scalars(select(Code).where(Code.lijst == "wettelijke_termijn").order_by(Code.volgorde)).all()
        if rows:
            cached = [t.Termijn.from_row({**(c.extra or {}), "grondslag": c.omschrijving}) for c in rows]
        else:  # an empty code table (fresh install before seeding): fall back to the CSV
            cached = t.load_termijnen(get_settings().codelists_dir / "wettelijke_termijnen.csv")
        session.info["wettelijke_termijnen"] = cached
    return cached


def _aanpassingen(rows: list[Termijnaanpassing], stap: str) -> tuple[list[t.Opschorting], t.Verdaging | None]:
    ops = [
        t.Opschorting(van=r.van, tot=r.tot, reden=r.reden) for r in rows if r.stap == stap and r.soort == "opschorting"
    ]
    ver = [r for r in rows if r.stap == stap and r.soort == "verdaging"]
    verdaging = t.Verdaging(dagen=ver[0].dagen or 1, reden=ver[0].reden, datum=ver[0].van) if ver else None
    return ops, verdaging


def onderzoek_deadline(session: Session, vraag: Ondersteuningsvraag, today: date | None = None) -> date:
    """End of the Wmo onderzoekstermijn: 6 weeks after the melding (Wmo 2015 art. 2.3.2 lid 1)."""
    today = today or clock.today()
    rows = list(session.scalars(select(Termijnaanpassing).where(Termijnaanpassing.vraag_id == vraag.id)))
    ops, ver = _aanpassingen(rows, "onderzoek")
    termijn = t.termijn_for(load(session), "Wmo", "onderzoek")
    return t.compute_deadline(vraag.datum_melding, termijn, opschortingen=ops, verdaging=ver, today=today)


def _jonger_dan_27(session: Session, vraag: Ondersteuningsvraag, dag: date) -> bool:
    q = select(Persoon.geboortedatum).join(Lidmaatschap, Lidmaatschap.persoon_id == Persoon.id)
    q = q.where(Lidmaatschap.huishouden_id == vraag.huishouden_id, Lidmaatschap.einddatum.is_(None))
    if vraag.betrokken_persoon_ids:
        q = q.where(Persoon.id.in_(vraag.betrokken_persoon_ids))
    return any(geb is not None and t.add_months(geb, 27 * 12) > dag for geb in session.scalars(q))


def deadlines_for(session: Session, vraag: Ondersteuningsvraag, today: date | None = None) -> list[Deadline]:
    """The open statutory deadlines of `vraag`, earliest first.

    - onderzoek (Wmo 2015 art. 2.3.2 lid 1): from the melding, until the verslag is sent;
    - beschikking per wet of the aanvraag (Wmo art. 2.3.5 lid 2; Jeugdwet/Participatiewet Awb 4:13):
      from the aanvraag, until a beschikking is final;
    - zoektermijn (Participatiewet art. 41 lid 4) for under-27s, from the melding;
    - eerste gesprek schuldhulpverlening (Wgs art. 4: 4 weeks, 3 working days when urgent) when the
      melding concerns the leefgebied financiën, until the first gesprek is held;
    - bezwaar (Awb 6:7/6:8) from the day a final beschikking was sent, while it runs.
    """
    today = today or clock.today()
    termijnen = load(session)
    warn = get_settings().warn_werkdagen
    rows = list(session.scalars(select(Termijnaanpassing).where(Termijnaanpassing.vraag_id == vraag.id)))
    out: list[Deadline] = []

    def add(stap: str, wet: str, datum: date, grondslag: str) -> None:
        out.append(Deadline(stap, datum, t.deadline_status(datum, today, warn_werkdagen=warn), grondslag, wet))

    status = VraagStatus(vraag.status)
    verslag = session.scalar(select(Verslag).where(Verslag.vraag_id == vraag.id))
    if status in (VraagStatus.gemeld, VraagStatus.in_onderzoek) and not (verslag and verslag.verzonden_op):
        termijn = t.termijn_for(termijnen, "Wmo", "onderzoek")
        ops, ver = _aanpassingen(rows, "onderzoek")
        add(
            "onderzoek",
            "Wmo",
            t.compute_deadline(vraag.datum_melding, termijn, opschortingen=ops, verdaging=ver, today=today),
            termijn.grondslag,
        )

    # A melding is not tied to a law; a question about money (ZRM financiën) opens the Wgs term.
    if status == VraagStatus.gemeld and "financien" in (vraag.leefgebieden or []):
        termijn = t.termijn_for(termijnen, "Schuldhulpverlening", "eerste gesprek", spoed=vraag.spoed)
        add("eerste_gesprek", "Schuldhulp", t.compute_deadline(vraag.datum_melding, termijn), termijn.grondslag)

    aanvragen = list(session.scalars(select(Aanvraag).where(Aanvraag.vraag_id == vraag.id).order_by(Aanvraag.id)))
    beschikkingen = list(session.scalars(select(Beschikking).where(Beschikking.vraag_id == vraag.id)))
    definitief = [b for b in beschikkingen if b.status == "definitief"]
    if aanvragen and not definitief and status == VraagStatus.aanvraag_ontvangen:
        a = aanvragen[-1]
        wet = a.wet or "Wmo"
        try:
            termijn = t.termijn_for(termijnen, _WET_IN_LIJST.get(wet, wet), "beschikking")
        except LookupError:
            termijn = t.termijn_for(termijnen, "Jeugdwet", "beschikking")  # Awb 4:13 fallback of 8 weeks
        ops, ver = _aanpassingen(rows, "beschikking")
        add(
            "beschikking",
            wet,
            t.compute_deadline(a.datum_ontvangst, termijn, opschortingen=ops, verdaging=ver, today=today),
            termijn.grondslag,
        )

    wetten = {a.wet for a in aanvragen} | {b.wet for b in beschikkingen}
    if (
        "Participatiewet" in wetten
        and status not in (VraagStatus.besloten, VraagStatus.afgesloten)
        and _jonger_dan_27(session, vraag, vraag.datum_melding)
    ):
        termijn = t.termijn_for(termijnen, "Participatiewet", "zoektermijn")
        add("zoektermijn", "Participatiewet", t.compute_deadline(vraag.datum_melding, termijn), termijn.grondslag)

    for b in definitief:
        if b.verzonden_op is not None:
            einde = t.bezwaar_deadline(b.verzonden_op)
            if einde >= today:
                termijn = t.termijn_for(termijnen, "Awb", "bezwaar indienen")
                add("bezwaar", b.wet, einde, termijn.grondslag)
    return sorted(out, key=lambda d: d.datum)


def volgende(deadlines: list[Deadline]) -> Deadline | None:
    """The next deadline that asks something of the municipality (bezwaar is the resident's term)."""
    eigen = [d for d in deadlines if d.stap != "bezwaar"]
    return eigen[0] if eigen else None
