"""Small builders for supervision tests: toegang and plan records straight through their models.

The supervision area reads these records; building them directly keeps the tests independent of the
toegang and plan forms while exercising the real schema (migrations) on both databases.
"""

import itertools
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

_n = itertools.count(1)


def product(db: Session, wet: str = "Wmo"):  # type: ignore[no-untyped-def]
    from app.domain.catalog.models import Product

    p = Product(code=f"P{next(_n):05d}", naam="Hulp bij het huishouden", wet=wet, productcategorie="02")
    db.add(p)
    db.flush()
    return p


def aanbieder(
    db: Session, *, product_id: int | None = None, begindatum: date = date(2020, 1, 1), einddatum: date | None = None
):  # type: ignore[no-untyped-def]
    from app.domain.catalog.models import Aanbieder, Contract

    a = Aanbieder(naam=f"Zorg BV {next(_n)}", agb_code=f"{next(_n) + 10_000_000:08d}")
    db.add(a)
    db.flush()
    if product_id is not None:
        db.add(Contract(aanbieder_id=a.id, product_id=product_id, begindatum=begindatum, einddatum=einddatum))
        db.flush()
    return a


def vraag(db: Session, hh, behandelaar=None, *, status: str = "in_onderzoek", datum: date = date(2026, 1, 5)):  # type: ignore[no-untyped-def]
    from app.domain.toegang.models import Ondersteuningsvraag

    v = Ondersteuningsvraag(
        huishouden_id=hh.id,
        datum_melding=datum,
        kanaal="telefoon",
        aanmelder="zelf",
        omschrijving="Hulp nodig",
        leefgebieden=["financien"],
        team_id=hh.team_id,
        behandelaar_id=behandelaar.id if behandelaar else None,
        status=status,
    )
    db.add(v)
    db.flush()
    return v


def gesprek(db: Session, v, *, compleet: bool = True):  # type: ignore[no-untyped-def]
    from app.domain.toegang.models import Gesprek

    tekst = "besproken" if compleet else None
    g = Gesprek(
        vraag_id=v.id,
        datum=v.datum_melding,
        eigen_kracht="kan koken",
        netwerk=tekst,
        gebruikelijke_hulp=tekst,
        algemene_voorzieningen=tekst,
        voorliggende_voorzieningen=tekst,
    )
    db.add(g)
    db.flush()
    return g


def beschikking(
    db: Session,
    v,
    *,
    status: str = "definitief",
    wet: str = "Wmo",
    besluit: str = "toekenning",
    ontvangen: date = date(2026, 2, 2),
    besluitdatum: date = date(2026, 2, 10),
):  # type: ignore[no-untyped-def]
    from app.domain.toegang.models import Aanvraag, Beschikking

    a = Aanvraag(vraag_id=v.id, datum_ontvangst=ontvangen, wet=wet)
    db.add(a)
    db.flush()
    b = Beschikking(
        aanvraag_id=a.id,
        vraag_id=v.id,
        huishouden_id=v.huishouden_id,
        nummer=f"B{next(_n):06d}",
        besluitdatum=besluitdatum,
        besluit=besluit,
        wet=wet,
        grondslag="Wmo 2015 art. 2.3.5",
        motivering="Zelfstandig wonen",
        status=status,
        goedkeuring_nodig=status == "ter_goedkeuring",
    )
    db.add(b)
    db.flush()
    return b


def voorziening(
    db: Session,
    b,
    prod,
    *,
    leveringsvorm: str = "ZIN",
    status: str = "actief",
    ingang: date = date(2026, 2, 10),
    einde: date | None = date(2026, 12, 31),
    persoon_id=None,
    pgb: bool = True,
    aanbieder_id=None,
    grond: str | None = None,
):  # type: ignore[no-untyped-def]
    from app.domain.toegang.models import Maatwerkvoorziening

    vz = Maatwerkvoorziening(
        beschikking_id=b.id,
        huishouden_id=b.huishouden_id,
        persoon_id=persoon_id,
        product_id=prod.id,
        wet=b.wet,
        leveringsvorm=leveringsvorm,
        volume=Decimal("3"),
        eenheid="04",
        frequentie="2",
        aanbieder_id=aanbieder_id,
        ingangsdatum=ingang,
        einddatum=einde,
        status=status,
        pgb_bekwaamheid=pgb,
        pgb_passend=pgb,
        pgb_kwaliteit=pgb,
        grond_verlengde_jeugdhulp=grond,
    )
    db.add(vz)
    db.flush()
    return vz


def toewijzing(
    db: Session,
    vz,
    aanbieder_id: int,
    *,
    ingang: date | None = None,
    start_zorg: date | None = None,
    stop_zorg: date | None = None,
):  # type: ignore[no-untyped-def]
    from app.domain.toegang.models import Toewijzing

    t = Toewijzing(
        voorziening_id=vz.id,
        toewijzingnummer=f"T{next(_n):07d}",
        aanbieder_id=aanbieder_id,
        ingangsdatum=ingang or vz.ingangsdatum,
        einddatum=vz.einddatum,
        volume=Decimal("3"),
        eenheid="04",
        frequentie="2",
        start_zorg=start_zorg,
        stop_zorg=stop_zorg,
    )
    db.add(t)
    db.flush()
    return t


def regie(db: Session, hh, regisseur, *, begindatum: date = date(2026, 1, 1)):  # type: ignore[no-untyped-def]
    from app.domain.plans.models import Regieafspraak

    r = Regieafspraak(
        huishouden_id=hh.id,
        houder="professional",
        regisseur_id=regisseur.id,
        begindatum=begindatum,
        betekenis="Coördineert de hulp",
    )
    db.add(r)
    db.flush()
    return r


def schaalbesluit(db: Session, hh, door, *, naar: int = 5, status: str = "wacht_op_goedkeuring", goedgekeurd_door=None):  # type: ignore[no-untyped-def]
    from app.domain.plans.models import Schaalbesluit

    x = Schaalbesluit(
        huishouden_id=hh.id,
        van=4,
        naar=naar,
        reden="Veiligheid in het geding",
        datum=date(2026, 3, 1),
        besloten_door_id=door.id,
        status=status,
        goedgekeurd_door_id=goedgekeurd_door.id if goedgekeurd_door else None,
    )
    db.add(x)
    db.flush()
    return x


class TestBuilders:
    def test_beschikking_with_voorziening_round_trips(self, db, world) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(u)
        b = beschikking(db, vraag(db, hh, u))
        vz = voorziening(db, b, product(db))
        assert vz.id and vz.huishouden_id == hh.id
