"""Shared builders for the toegang tests: catalogue data and a vraag brought to a given step."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.audit.models import AuditEvent
from app.domain.catalog.models import Aanbieder, Contract, Product
from app.domain.toegang import schemas as s
from app.domain.toegang import service as svc

TODAY = date(2026, 3, 2)  # a Monday


def freeze(day: date = TODAY) -> None:
    clock.freeze(datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC))


@dataclass
class Catalogus:
    hh_wmo: Product
    jeugd: Product
    aanbieder: Aanbieder
    zonder_contract: Aanbieder


def catalogus(db: Session) -> Catalogus:
    n = db.scalar(select(Product.id).order_by(Product.id.desc()).limit(1)) or 0
    hh_wmo = Product(code=f"T{n + 1}HH", naam="Hulp bij het huishouden", wet="Wmo", eenheid="04", frequentie="2")
    jeugd = Product(code=f"T{n + 1}JG", naam="Jeugdhulp ambulant", wet="Jeugdwet", eenheid="04", frequentie="2")
    a = Aanbieder(naam="Thuiszorg Roer", agb_code=f"9{n + 1:07d}")
    b = Aanbieder(naam="Zonder Contract BV", agb_code=f"8{n + 1:07d}")
    db.add_all([hh_wmo, jeugd, a, b])
    db.flush()
    db.add_all(
        [
            Contract(
                aanbieder_id=a.id, product_id=hh_wmo.id, begindatum=date(2025, 1, 1), einddatum=date(2027, 12, 31)
            ),
            Contract(aanbieder_id=a.id, product_id=jeugd.id, begindatum=date(2025, 1, 1)),
        ]
    )
    db.flush()
    return Catalogus(hh_wmo, jeugd, a, b)


def melding(**kw) -> s.MeldingCreate:  # type: ignore[no-untyped-def]
    data = dict(
        datum_melding=TODAY - timedelta(days=14),
        kanaal="telefoon",
        aanmelder="zelf",
        omschrijving="Ik kan mijn huis niet meer schoonhouden.",
        leefgebieden=["instrumentele_adl"],
    )
    data.update(kw)
    return s.MeldingCreate(**data)


def gesprek(**kw) -> s.GesprekCreate:  # type: ignore[no-untyped-def]
    data = dict(
        datum=TODAY - timedelta(days=7),
        plaats="Thuis",
        deelnemers="Inwoner, dochter",
        scores=[s.ScoreIn(domein="instrumentele_adl", score=2, eigen_woorden="Het lukt niet meer")],
        eigen_kracht="Kan koken, niet zwaar schoonmaken.",
        netwerk="Dochter woont ver weg.",
        gebruikelijke_hulp="Geen partner.",
        algemene_voorzieningen="Was-service onvoldoende.",
        voorliggende_voorzieningen="Geen Wlz-indicatie.",
        clientondersteuning_aangeboden=True,
        clientondersteuning_geaccepteerd=False,
        mantelzorg_besproken=True,
    )
    data.update(kw)
    return s.GesprekCreate(**data)


def voorziening(cat: Catalogus, **kw) -> s.VoorzieningIn:  # type: ignore[no-untyped-def]
    data = dict(
        product_id=cat.hh_wmo.id,
        leveringsvorm="ZIN",
        volume=Decimal("3"),
        eenheid="04",
        frequentie="2",
        aanbieder_id=cat.aanbieder.id,
        ingangsdatum=TODAY,
        einddatum=TODAY + timedelta(days=300),
    )
    data.update(kw)
    return s.VoorzieningIn(**data)


def beschikking(cat: Catalogus, voorzieningen=None, **kw) -> s.BeschikkingCreate:  # type: ignore[no-untyped-def]
    data = dict(
        besluit="toekenning",
        wet="Wmo",
        grondslag="Wmo 2015 art. 2.3.5",
        motivering="Doel: een schoon en veilig huis.",
        besluitdatum=TODAY,
        voorzieningen=voorzieningen if voorzieningen is not None else [voorziening(cat)],
    )
    data.update(kw)
    return s.BeschikkingCreate(**data)


def to_aanvraag(db: Session, actor, hh_id: int, cat: Catalogus | None = None):  # type: ignore[no-untyped-def]
    v = svc.register_melding(db, actor, huishouden_id=hh_id, data=melding())
    svc.record_gesprek(db, actor, vraag_id=v.id, data=gesprek())
    svc.save_verslag(db, actor, vraag_id=v.id, data=s.VerslagIn(tekst=svc.verslag_concept(db, v)))
    svc.mark_verslag_sent(db, actor, vraag_id=v.id, data=s.VerslagVerzendenIn(verzonden_op=TODAY - timedelta(days=5)))
    svc.register_aanvraag(db, actor, vraag_id=v.id, data=s.AanvraagCreate(datum_ontvangst=TODAY - timedelta(days=3)))
    return v


def last_event(db: Session) -> AuditEvent:
    return db.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()


def events(db: Session, object_type: str, action: str) -> list[AuditEvent]:
    return list(
        db.scalars(select(AuditEvent).where(AuditEvent.object_type == object_type, AuditEvent.action == action))
    )
