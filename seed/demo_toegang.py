"""Demo ondersteuningsvragen in every state, created through the toegang services (not raw inserts).

Scenarios: an overdue onderzoek, one due within 5 working days, verslagen not sent, beschikkingen
(one awaiting approval: a PGB), active voorzieningen incl. a Jeugdwet voorziening for a youth turning
18 and one ending within 8 weeks (herindicatie), a bezwaar, and new meldingen in the team queue.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.catalog.models import Contract, Product
from app.domain.errors import DomainError
from app.domain.households.models import Betrokkenheid, Huishouden, Lidmaatschap, Persoon
from app.domain.toegang import schemas as s
from app.domain.toegang import service as svc

PIRAMIDE = {
    "eigen_kracht": "Doet lichte taken zelf; zwaar huishoudelijk werk lukt niet meer.",
    "netwerk": "Kinderen wonen ver weg; buurvrouw helpt af en toe met boodschappen.",
    "gebruikelijke_hulp": "Geen huisgenoten die de taken kunnen overnemen.",
    "algemene_voorzieningen": "Boodschappendienst besproken; lost het schoonmaken niet op.",
    "voorliggende_voorzieningen": "Geen Wlz-indicatie; Zvw dekt dit niet.",
}


def _product(session: Session, wet: str, dag: date) -> tuple[Product, int] | None:
    row = session.execute(
        select(Product, Contract.aanbieder_id)
        .join(Contract, Contract.product_id == Product.id)
        .where(
            Product.wet == wet,
            Product.actief.is_(True),
            Contract.begindatum <= dag,
            (Contract.einddatum.is_(None)) | (Contract.einddatum >= dag + timedelta(days=400)),
        )
        .order_by(Product.id)
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def _households(session: Session, gebruiker_id: int) -> list[Huishouden]:
    return list(
        session.scalars(
            select(Huishouden)
            .join(Betrokkenheid, Betrokkenheid.huishouden_id == Huishouden.id)
            .where(Betrokkenheid.gebruiker_id == gebruiker_id)
            .distinct()
            .order_by(Huishouden.id)
        )
    )


def _melding(dag: date, leefgebieden: list[str], tekst: str, **kw) -> s.MeldingCreate:  # type: ignore[no-untyped-def]
    return s.MeldingCreate(
        datum_melding=dag, kanaal=kw.pop("kanaal", "telefoon"), aanmelder=kw.pop("aanmelder", "zelf"),
        omschrijving=tekst, leefgebieden=leefgebieden, **kw,
    )  # fmt: skip


def _gesprek(dag: date, domein: str, compleet: bool = True) -> s.GesprekCreate:
    return s.GesprekCreate(
        datum=dag,
        plaats="Bij de inwoner thuis",
        deelnemers="Inwoner, mantelzorger",
        scores=[s.ScoreIn(domein=domein, score=2, eigen_woorden="Het gaat niet meer zonder hulp.")],
        clientondersteuning_aangeboden=True,
        clientondersteuning_geaccepteerd=True,
        clientondersteuner_naam="MEE Limburg",
        mantelzorg_besproken=True,
        **(PIRAMIDE if compleet else {"eigen_kracht": PIRAMIDE["eigen_kracht"]}),
    )


def _tot_aanvraag(session: Session, actor, hh: Huishouden, today: date, *, melding_dagen: int, domein: str, wet: str):  # type: ignore[no-untyped-def]
    v = svc.register_melding(
        session,
        actor,
        huishouden_id=hh.id,
        data=_melding(today - timedelta(days=melding_dagen), [domein], "Wij hebben hulp nodig thuis."),
    )
    svc.record_gesprek(session, actor, vraag_id=v.id, data=_gesprek(today - timedelta(days=melding_dagen - 5), domein))
    svc.save_verslag(session, actor, vraag_id=v.id, data=s.VerslagIn(tekst=svc.verslag_concept(session, v)))
    svc.mark_verslag_sent(
        session, actor, vraag_id=v.id, data=s.VerslagVerzendenIn(verzonden_op=today - timedelta(days=melding_dagen - 8))
    )
    svc.register_aanvraag(
        session,
        actor,
        vraag_id=v.id,
        data=s.AanvraagCreate(datum_ontvangst=today - timedelta(days=melding_dagen - 10), wet=wet),
    )
    return v


def _voorziening(product: Product, aanbieder_id: int | None, start: date, eind: date, **kw) -> s.VoorzieningIn:  # type: ignore[no-untyped-def]
    pgb = kw.get("leveringsvorm") == "PGB"
    return s.VoorzieningIn(
        product_id=product.id,
        leveringsvorm="PGB" if pgb else "ZIN",
        volume=kw.pop("volume", Decimal("3")),
        eenheid=product.eenheid or "04",
        frequentie=product.frequentie or "2",
        aanbieder_id=None if pgb else aanbieder_id,
        ingangsdatum=start,
        einddatum=eind,
        evaluatiedatum=start + timedelta(days=180),
        pgb_bekwaamheid=pgb,
        pgb_passend=pgb,
        pgb_kwaliteit=pgb,
        **{k: v for k, v in kw.items() if k not in ("leveringsvorm",)},
    )


def _besluit(
    session: Session,
    actor,
    v,
    wet: str,
    grondslag: str,
    voorzieningen: list[s.VoorzieningIn],
    dag: date,
    *,
    finalize: bool = True,
    start: bool = True,
):  # type: ignore[no-untyped-def]
    b = svc.prepare_beschikking(
        session, actor, vraag_id=v.id,
        data=s.BeschikkingCreate(besluit="toekenning", wet=wet, grondslag=grondslag, besluitdatum=dag, voorzieningen=voorzieningen,
                                 motivering="Doel van het huishouden: zelfstandig thuis blijven wonen in een schoon en veilig huis."),
    )  # fmt: skip
    if finalize and b.status == "concept":
        svc.finalize_beschikking(session, actor, beschikking_id=b.id, data=s.DefinitiefIn(verzonden_op=dag))
        if start:
            for vz in session.scalars(
                select(svc.Maatwerkvoorziening).where(svc.Maatwerkvoorziening.beschikking_id == b.id)
            ):
                svc.start_zorg(
                    session, actor, voorziening_id=vz.id, data=s.StartZorgIn(datum=max(vz.ingangsdatum, dag))
                )
    return b


def load_toegang(session: Session, actors: dict, *, rng: random.Random, today: date) -> int:
    """~20 households get ondersteuningsvragen in various states; returns the number of vragen."""
    wmo = _product(session, "Wmo", today - timedelta(days=120))
    jeugd = _product(session, "Jeugdwet", today - timedelta(days=120))
    count = 0

    def scenario(fn) -> None:  # type: ignore[no-untyped-def]
        # Each scenario in its own savepoint: the demo must load even if one case does not fit the data.
        nonlocal count
        try:
            with session.begin_nested():
                fn()
            count += 1
        except (DomainError, LookupError, IndexError, ValueError):
            pass

    for username in ("toegang", "regisseur", "wijkteam", "echt"):
        actor = actors.get(username)
        if actor is None:
            continue
        hhs = _households(session, actor.gebruiker_id)
        rng.shuffle(hhs)
        plan = [
            "overdue", "soon", "verslag", "wmo_active", "ending", "pgb", "jeugd", "bezwaar", "queue", "zin_wacht",
        ] if username == "toegang" else ["soon", "wmo_active", "queue", "overdue", "jeugd"]  # fmt: skip
        for hh, kind in zip(hhs, plan, strict=False):
            if kind == "overdue":
                scenario(
                    lambda hh=hh, a=actor: svc.register_melding(
                        session,
                        a,
                        huishouden_id=hh.id,
                        data=_melding(
                            today - timedelta(days=50),
                            ["financien", "huisvesting"],
                            "Ik heb schulden en dreig mijn huis kwijt te raken.",
                            meervoudig=True,
                        ),
                    )
                )
            elif kind == "soon":

                def soon(hh=hh, a=actor) -> None:  # type: ignore[no-untyped-def]
                    v = svc.register_melding(
                        session,
                        a,
                        huishouden_id=hh.id,
                        data=_melding(
                            today - timedelta(days=40),
                            ["instrumentele_adl"],
                            "Mijn moeder kan het huishouden niet meer aan.",
                        ),
                    )
                    svc.record_gesprek(
                        session, a, vraag_id=v.id, data=_gesprek(today - timedelta(days=30), "instrumentele_adl")
                    )

                scenario(soon)
            elif kind == "verslag":

                def verslag(hh=hh, a=actor) -> None:  # type: ignore[no-untyped-def]
                    v = svc.register_melding(
                        session,
                        a,
                        huishouden_id=hh.id,
                        data=_melding(
                            today - timedelta(days=12), ["sociaal_netwerk"], "Ik ben eenzaam sinds mijn man overleed."
                        ),
                    )
                    svc.record_gesprek(
                        session,
                        a,
                        vraag_id=v.id,
                        data=_gesprek(today - timedelta(days=5), "sociaal_netwerk", compleet=False),
                    )
                    svc.save_verslag(session, a, vraag_id=v.id, data=s.VerslagIn(tekst=svc.verslag_concept(session, v)))

                scenario(verslag)
            elif kind in ("wmo_active", "ending", "bezwaar") and wmo:

                def active(hh=hh, a=actor, kind=kind) -> None:  # type: ignore[no-untyped-def]
                    v = _tot_aanvraag(session, a, hh, today, melding_dagen=90, domein="instrumentele_adl", wet="Wmo")
                    start = today - timedelta(days=75)
                    eind = today + timedelta(days=30) if kind == "ending" else start + timedelta(days=300)
                    b = _besluit(
                        session, a, v, "Wmo", "Wmo 2015 art. 2.3.5", [_voorziening(wmo[0], wmo[1], start, eind)], start
                    )
                    if kind == "bezwaar":
                        svc.register_bezwaar(
                            session,
                            a,
                            beschikking_id=b.id,
                            data=s.BezwaarCreate(datum_ontvangst=start + timedelta(days=20)),
                        )

                scenario(active)
            elif kind == "zin_wacht" and wmo:
                # Toegewezen and its WMO301 ready for the provider, who has not reported the start (305) yet.
                def zin_wacht(hh=hh, a=actor) -> None:  # type: ignore[no-untyped-def]
                    v = _tot_aanvraag(session, a, hh, today, melding_dagen=45, domein="instrumentele_adl", wet="Wmo")
                    start = today - timedelta(days=7)
                    _besluit(
                        session,
                        a,
                        v,
                        "Wmo",
                        "Wmo 2015 art. 2.3.5",
                        [_voorziening(wmo[0], wmo[1], start, start + timedelta(days=365))],
                        start,
                        start=False,
                    )

                scenario(zin_wacht)
            elif kind == "pgb" and wmo:

                def pgb(hh=hh, a=actor) -> None:  # type: ignore[no-untyped-def]
                    v = _tot_aanvraag(session, a, hh, today, melding_dagen=30, domein="basale_adl", wet="Wmo")
                    _besluit(
                        session,
                        a,
                        v,
                        "Wmo",
                        "Wmo 2015 art. 2.3.6",
                        [_voorziening(wmo[0], None, today, today + timedelta(days=300), leveringsvorm="PGB")],
                        today,
                    )

                scenario(pgb)
            elif kind == "jeugd" and jeugd:

                def jeugdwet(hh=hh, a=actor) -> None:  # type: ignore[no-untyped-def]
                    # Prefer a youth who turns 18 within the year (DESIGN §6: transition signal 18-/18+).
                    kinderen = (
                        session.execute(
                            select(Persoon)
                            .join(Lidmaatschap)
                            .where(Lidmaatschap.huishouden_id == hh.id, Persoon.geboortedatum.is_not(None))
                        )
                        .scalars()
                        .all()
                    )
                    jong = [p for p in kinderen if today.year - p.geboortedatum.year < 18]  # type: ignore[union-attr]
                    if not jong:
                        raise LookupError("geen jeugdige in dit huishouden")
                    p = min(jong, key=lambda x: x.geboortedatum)  # type: ignore[arg-type,return-value]
                    v = _tot_aanvraag(
                        session, a, hh, today, melding_dagen=80, domein="geestelijke_gezondheid", wet="Jeugdwet"
                    )
                    start = today - timedelta(days=60)
                    _besluit(
                        session,
                        a,
                        v,
                        "Jeugdwet",
                        "Jeugdwet art. 2.3",
                        [_voorziening(jeugd[0], jeugd[1], start, start + timedelta(days=340), persoon_id=p.id)],
                        start,
                    )

                scenario(jeugdwet)
            elif kind == "queue":
                scenario(
                    lambda hh=hh, a=actor: svc.register_melding(
                        session,
                        a,
                        huishouden_id=hh.id,
                        data=_melding(
                            today - timedelta(days=2),
                            ["huiselijke_relaties"],
                            "De school maakt zich zorgen over thuis.",
                            aanmelder="school",
                            zelf_behandelen=False,
                        ),
                    )
                )
    return count
