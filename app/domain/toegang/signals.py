"""Werkvoorraad items of the toegang (DESIGN §6), computed by queries each time, never stored.

For a consultant: their own open vragen with the next statutory deadline (status and reason in
words), verslagen not yet sent, voorzieningen ending within 8 weeks (herindicatie), and new meldingen
in their teams' queue. For a supervisor: the same for the team's vragen, plus beschikkingen awaiting
their approval. Only households the actor may see (authz row scope).
"""

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.domain import authz
from app.domain.actor import Actor
from app.domain.authz import Handeling
from app.domain.households.models import Huishouden
from app.domain.organisation.models import Rol
from app.domain.toegang import termijnen as t
from app.domain.toegang.deadlines import deadlines_for, volgende
from app.domain.toegang.models import Aanvraag, Beschikking, Gesprek, Maatwerkvoorziening, Ondersteuningsvraag, Verslag
from app.domain.toegang.rules import VraagStatus
from app.domain.werkvoorraad import Werkitem

HERINDICATIE_WEKEN = 8
_URGENTIE = {"verlopen": 5, "binnenkort": 4, "ok": 1}


def _vraag_wet(session: Session, v: Ondersteuningsvraag) -> str | None:
    wet = session.scalar(
        select(Beschikking.wet).where(Beschikking.vraag_id == v.id).order_by(Beschikking.id.desc()).limit(1)
    )
    return wet or session.scalar(
        select(Aanvraag.wet).where(Aanvraag.vraag_id == v.id).order_by(Aanvraag.id.desc()).limit(1)
    )


def items(session: Session, actor: Actor, today: date) -> list[Werkitem]:
    if not actor.heeft(*authz.CASEWORK_ROLES) or actor.gebruiker_id is None:
        return []
    supervisor = actor.heeft(Rol.SUPERVISOR)
    lezen = authz.visible_households(actor, Handeling.LEZEN)
    mine = Ondersteuningsvraag.behandelaar_id == actor.gebruiker_id
    scope = or_(mine, Ondersteuningsvraag.team_id.in_(actor.team_ids)) if supervisor and actor.team_ids else mine
    vragen = session.scalars(
        select(Ondersteuningsvraag)
        .where(
            scope,
            Ondersteuningsvraag.status != VraagStatus.afgesloten.value,
            Ondersteuningsvraag.huishouden_id.in_(lezen),
        )
        .options(selectinload(Ondersteuningsvraag.huishouden))
    ).all()
    out: list[Werkitem] = []
    for v in vragen:
        hh = v.huishouden
        base = dict(
            huishouden_id=hh.id,
            huishouden_naam=hh.naam,
            team_id=v.team_id,
            gemeente_id=hh.gemeente_id,
            toegewezen_aan=v.behandelaar_id,
            route="toegang_vraag",
            route_params={"vraag_id": v.id},
            object_type="ondersteuningsvraag",
            object_id=v.id,
        )
        wet = _vraag_wet(session, v)
        if v.behandelaar_id is None:
            continue  # the queue item below covers it
        dl = volgende(deadlines_for(session, v, today))
        if dl is not None:
            out.append(
                Werkitem(
                    soort=f"termijn_{dl.stap}",
                    tekst=dl.omschrijving,
                    vervaldatum=dl.datum,
                    status=dl.status,  # type: ignore[arg-type]
                    urgentie=_URGENTIE[dl.status] + (1 if v.spoed else 0),
                    wet=dl.wet if dl.stap != "onderzoek" else (wet or "Wmo"),
                    **base,
                )
            )
        if v.status == VraagStatus.in_onderzoek.value:
            verslag = session.scalar(select(Verslag).where(Verslag.vraag_id == v.id))
            if verslag is None or verslag.verzonden_op is None:
                eerste = session.scalar(
                    select(Gesprek.datum).where(Gesprek.vraag_id == v.id).order_by(Gesprek.datum).limit(1)
                )
                if eerste is not None:
                    out.append(
                        Werkitem(
                            soort="verslag",
                            tekst=f"Verslag van het gesprek van {eerste:%d-%m-%Y} is nog niet verzonden",
                            vervaldatum=dl.datum if dl else None,
                            status=dl.status if dl else "ok",  # type: ignore[arg-type]
                            urgentie=2,
                            wet=wet or "Wmo",
                            **base,
                        )
                    )

    # Voorzieningen ending within 8 weeks: time for a herindicatie.
    grens = today + timedelta(weeks=HERINDICATIE_WEKEN)
    vz_scope = or_(
        Ondersteuningsvraag.behandelaar_id == actor.gebruiker_id,
        *([Ondersteuningsvraag.team_id.in_(actor.team_ids)] if supervisor and actor.team_ids else []),
    )
    rows = session.execute(
        select(Maatwerkvoorziening, Beschikking, Ondersteuningsvraag, Huishouden)
        .join(Beschikking, Beschikking.id == Maatwerkvoorziening.beschikking_id)
        .join(Ondersteuningsvraag, Ondersteuningsvraag.id == Beschikking.vraag_id)
        .join(Huishouden, Huishouden.id == Maatwerkvoorziening.huishouden_id)
        .where(
            Maatwerkvoorziening.status.in_(("toegekend", "actief")),
            Maatwerkvoorziening.einddatum.is_not(None),
            Maatwerkvoorziening.einddatum <= grens,
            Maatwerkvoorziening.einddatum >= today - timedelta(days=30),
            Maatwerkvoorziening.huishouden_id.in_(lezen),
            vz_scope,
        )
        .options(selectinload(Maatwerkvoorziening.product))
    ).all()
    for vz, _b, v, hh in rows:
        status = t.deadline_status(vz.einddatum, today, warn_werkdagen=10)
        out.append(
            Werkitem(
                soort="herindicatie",
                tekst=f"{vz.product.naam} eindigt op {vz.einddatum:%d-%m-%Y}: herindicatie nodig",
                huishouden_id=hh.id,
                huishouden_naam=hh.naam,
                vervaldatum=vz.einddatum,
                status="verlopen" if status == "verlopen" else ("binnenkort" if status == "binnenkort" else "ok"),
                urgentie=2,
                wet=vz.wet,
                team_id=v.team_id,
                gemeente_id=hh.gemeente_id,
                toegewezen_aan=v.behandelaar_id,
                route="toegang_vraag",
                route_params={"vraag_id": v.id},
                object_type="maatwerkvoorziening",
                object_id=vz.id,
            )
        )

    if supervisor:
        goedkeuren = authz.visible_households(actor, Handeling.GOEDKEUREN)
        for b, hh in session.execute(
            select(Beschikking, Huishouden)
            .join(Huishouden, Huishouden.id == Beschikking.huishouden_id)
            .where(Beschikking.status == "ter_goedkeuring", Beschikking.huishouden_id.in_(goedkeuren))
        ).all():
            werkdagen_oud = b.besluitdatum
            out.append(
                Werkitem(
                    soort="goedkeuring",
                    tekst=f"Beschikking {b.nummer} ({b.wet}) wacht op uw goedkeuring",
                    huishouden_id=hh.id,
                    huishouden_naam=hh.naam,
                    vervaldatum=t.add_werkdagen(werkdagen_oud, 5),
                    status=t.deadline_status(t.add_werkdagen(werkdagen_oud, 5), today),  # type: ignore[arg-type]
                    urgentie=3,
                    wet=b.wet,
                    team_id=hh.team_id,
                    gemeente_id=hh.gemeente_id,
                    toegewezen_aan=actor.gebruiker_id,
                    route="toegang_vraag",
                    route_params={"vraag_id": b.vraag_id},
                    object_type="beschikking",
                    object_id=b.id,
                )
            )

    # New meldingen in the team queue.
    if actor.team_ids:
        lijst = authz.visible_households(actor, Handeling.LIJST)
        for v in session.scalars(
            select(Ondersteuningsvraag)
            .where(
                Ondersteuningsvraag.behandelaar_id.is_(None),
                Ondersteuningsvraag.team_id.in_(actor.team_ids),
                Ondersteuningsvraag.status != VraagStatus.afgesloten.value,
                Ondersteuningsvraag.huishouden_id.in_(lijst),
            )
            .options(selectinload(Ondersteuningsvraag.huishouden))
        ):
            dl = volgende(deadlines_for(session, v, today))
            out.append(
                Werkitem(
                    soort="teamwachtrij",
                    tekst=f"Nieuwe melding van {v.datum_melding:%d-%m-%Y} in de teamwachtrij"
                    + (" (spoed)" if v.spoed else "")
                    + (f"; {dl.omschrijving}" if dl else ""),
                    huishouden_id=v.huishouden_id,
                    huishouden_naam=v.huishouden.naam,
                    vervaldatum=dl.datum if dl else None,
                    status=dl.status if dl else "ok",  # type: ignore[arg-type]
                    urgentie=3 if v.spoed else 2,
                    wet=None,
                    team_id=v.team_id,
                    gemeente_id=v.huishouden.gemeente_id,
                    toegewezen_aan=None,
                    route="teamqueue",
                    route_params={},
                    object_type="ondersteuningsvraag",
                    object_id=v.id,
                )
            )
    return out
