"""Werkvoorraad items of the één plan (DESIGN §6), computed from the data on every request.

Casework signals cover the households the actor works on (an active Betrokkenheid: behandelaar,
regisseur, teamlid); the level-5 approval signal covers the households a supervisor may approve.
The texts come from the pure rules in `rules.py`.
"""

from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.domain import authz
from app.domain.actor import Actor
from app.domain.authz import Handeling
from app.domain.households.models import Betrokkenheid, Huishouden, Netwerklid, Persoon
from app.domain.organisation.models import Rol
from app.domain.plans import rules
from app.domain.plans.models import Overgang18, Plan, Reactie, Regieafspraak, Schaalbesluit
from app.domain.werkvoorraad import Werkitem


def _status(f: rules.SignaalFeit, today: date) -> str:
    if f.vervaldatum is not None and f.vervaldatum < today:
        return "verlopen"
    if f.urgentie >= rules.URGENTIE_NORMAAL or f.vervaldatum is not None:
        return "binnenkort"
    return "ok"


def _item(f: rules.SignaalFeit, hh: Huishouden, actor: Actor, today: date, **kw) -> Werkitem:  # type: ignore[no-untyped-def]
    return Werkitem(
        soort=f.soort,
        tekst=f.tekst,
        huishouden_id=hh.id,
        huishouden_naam=hh.naam,
        vervaldatum=f.vervaldatum,
        status=_status(f, today),  # type: ignore[arg-type]
        urgentie=f.urgentie,
        team_id=hh.team_id,
        gemeente_id=hh.gemeente_id,
        toegewezen_aan=actor.gebruiker_id,
        route=kw.pop("route", "plan_pagina"),
        route_params={"huishouden_id": hh.id},
        **kw,
    )


def items(session: Session, actor: Actor, today: date) -> list[Werkitem]:
    if actor.gebruiker_id is None or not actor.heeft(*authz.CASEWORK_ROLES):
        return []
    eigen = select(Betrokkenheid.huishouden_id).where(
        Betrokkenheid.gebruiker_id == actor.gebruiker_id,
        Betrokkenheid.begindatum <= today,
        or_(Betrokkenheid.einddatum.is_(None), Betrokkenheid.einddatum >= today),
    )
    huishoudens = {hh.id: hh for hh in session.scalars(select(Huishouden).where(Huishouden.id.in_(eigen)))}
    out: list[Werkitem] = []
    if huishoudens:
        ids = list(huishoudens)
        out += _evaluaties(session, actor, today, huishoudens, ids)
        out += _mantelzorg(session, actor, today, huishoudens, ids)
        out += _geen_plan_of_regie(session, actor, today, huishoudens, ids)
        out += _jeugd(session, actor, today, huishoudens, ids)
        out += _reacties(session, actor, today, huishoudens, ids)
    if actor.heeft(Rol.SUPERVISOR):
        out += _goedkeuringen(session, actor, today)
    return out


def _evaluaties(session, actor, today, huishoudens, ids) -> list[Werkitem]:  # type: ignore[no-untyped-def]
    out = []
    for plan in session.scalars(
        select(Plan).where(
            Plan.huishouden_id.in_(ids), Plan.status != "afgesloten", Plan.volgende_evaluatie.is_not(None)
        )
    ):
        f = rules.signaal_evaluatie(plan.volgende_evaluatie, today)
        if f:
            out.append(_item(f, huishoudens[plan.huishouden_id], actor, today, object_type="plan", object_id=plan.id))
    return out


def _mantelzorg(session, actor, today, huishoudens, ids) -> list[Werkitem]:  # type: ignore[no-untyped-def]
    out = []
    for n in session.scalars(
        select(Netwerklid).where(
            Netwerklid.huishouden_id.in_(ids),
            Netwerklid.actief.is_(True),
            Netwerklid.relatie == "mantelzorger",
            Netwerklid.draaglast > Netwerklid.draagkracht,
        )
    ):
        f = rules.signaal_mantelzorg(n.naam, n.draagkracht, n.draaglast)
        if f:
            out.append(
                _item(
                    f,
                    huishoudens[n.huishouden_id],
                    actor,
                    today,
                    route="dossier",
                    object_type="netwerklid",
                    object_id=n.id,
                )
            )
    return out


def _geen_plan_of_regie(session, actor, today, huishoudens, ids) -> list[Werkitem]:  # type: ignore[no-untyped-def]
    try:
        from app.domain.toegang.models import Ondersteuningsvraag
    except ImportError:
        return []
    met_plan = set(session.scalars(select(Plan.huishouden_id).where(Plan.huishouden_id.in_(ids))))
    met_regie = set(
        session.scalars(
            select(Regieafspraak.huishouden_id).where(
                Regieafspraak.huishouden_id.in_(ids),
                Regieafspraak.begindatum <= today,
                or_(Regieafspraak.einddatum.is_(None), Regieafspraak.einddatum >= today),
            )
        )
    )
    out = []
    gezien: set[int] = set()
    for v in session.scalars(
        select(Ondersteuningsvraag)
        .where(
            Ondersteuningsvraag.huishouden_id.in_(ids),
            Ondersteuningsvraag.meervoudig.is_(True),
            Ondersteuningsvraag.status != "afgesloten",
        )
        .order_by(Ondersteuningsvraag.datum_melding)
    ):
        if v.huishouden_id in gezien:
            continue
        f = rules.signaal_geen_plan_of_regie(
            True, v.datum_melding, v.huishouden_id in met_plan, v.huishouden_id in met_regie, today
        )
        if f:
            gezien.add(v.huishouden_id)
            out.append(
                _item(f, huishoudens[v.huishouden_id], actor, today, object_type="ondersteuningsvraag", object_id=v.id)
            )
    return out


def _jeugd(session, actor, today, huishoudens, ids) -> list[Werkitem]:  # type: ignore[no-untyped-def]
    try:
        from app.domain.toegang.models import Maatwerkvoorziening
    except ImportError:
        return []
    rows = session.execute(
        select(Maatwerkvoorziening, Persoon)
        .join(Persoon, Persoon.id == Maatwerkvoorziening.persoon_id)
        .where(
            Maatwerkvoorziening.huishouden_id.in_(ids),
            Maatwerkvoorziening.status == "actief",
            Maatwerkvoorziening.wet == "Jeugdwet",
            Persoon.geboortedatum.is_not(None),
        )
    ).all()
    grond_overgang = {
        (o.huishouden_id, o.persoon_id)
        for o in session.scalars(
            select(Overgang18).where(
                Overgang18.huishouden_id.in_(ids), Overgang18.grond_verlengde_jeugdhulp.is_not(None)
            )
        )
    }
    per_persoon: dict[tuple[int, int], tuple[Persoon, bool]] = {}
    for v, p in rows:
        key = (v.huishouden_id, p.id)
        _, grond = per_persoon.get(key, (p, False))
        per_persoon[key] = (p, grond or bool(v.grond_verlengde_jeugdhulp) or key in grond_overgang)
    out = []
    for (hh_id, _pid), (p, grond) in per_persoon.items():
        f = rules.signaal_18_min(p.geboortedatum, True, today, heeft_grond_verlengde_jeugdhulp=grond)
        if f:
            f = rules.SignaalFeit(f.soort, f.urgentie, f.vervaldatum, f"{p.voornamen}: {f.tekst}")
            out.append(_item(f, huishoudens[hh_id], actor, today, object_type="persoon", object_id=p.id))
    return out


def _reacties(session, actor, today, huishoudens, ids) -> list[Werkitem]:  # type: ignore[no-untyped-def]
    # Only for whoever may write on the household (regisseur, behandelaar), never the supervisor's list.
    out = []
    gezien: set[int] = set()
    for r in session.scalars(
        select(Reactie)
        .where(Reactie.huishouden_id.in_(ids), Reactie.gelezen_door_regisseur_op.is_(None))
        .order_by(Reactie.id)
    ):
        if r.huishouden_id in gezien:
            continue
        gezien.add(r.huishouden_id)
        f = rules.SignaalFeit(
            soort="reactie_clientondersteuner",
            urgentie=rules.URGENTIE_NORMAAL,
            vervaldatum=None,
            tekst="Nieuwe reactie van de cliëntondersteuner namens het huishouden: lees en beantwoord die.",
        )
        out.append(_item(f, huishoudens[r.huishouden_id], actor, today, object_type="reactie", object_id=r.id))
    return out


def _goedkeuringen(session, actor, today) -> list[Werkitem]:  # type: ignore[no-untyped-def]
    scope = authz.visible_households(actor, Handeling.GOEDKEUREN)
    out = []
    for b, hh in session.execute(
        select(Schaalbesluit, Huishouden)
        .join(Huishouden, Huishouden.id == Schaalbesluit.huishouden_id)
        .where(
            Schaalbesluit.status == "wacht_op_goedkeuring",
            Schaalbesluit.huishouden_id.in_(scope),
            and_(Schaalbesluit.besloten_door_id.is_distinct_from(actor.gebruiker_id)),
        )
        .order_by(Schaalbesluit.datum)
    ):
        f = rules.SignaalFeit(
            soort="schaal_5_goedkeuring",
            urgentie=rules.URGENTIE_HOOG,
            vervaldatum=None,
            tekst=f"Opschaling naar niveau 5 (overnemen en veiligheid) wacht op uw goedkeuring. Reden: {b.reden}",
        )
        item = _item(f, hh, actor, today, route="plan_pagina", object_type="schaalbesluit", object_id=b.id)
        out.append(item)
    return out
