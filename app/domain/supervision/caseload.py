"""Caseloads of a supervisor's teams and the bulk reassignment of work (issue 5, items 1 and 2).

Counts are computed from the data, never stored. Deadlines and overdue evaluations come from the same
werkvoorraad providers the member sees on their own start page, so the supervisor and the member
never disagree about what is late. Reassignment moves the item and the Betrokkenheid row (the
relation authorization reads), with the reason in the audit trail and so in the dossier's chronologie.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit, authz, werkvoorraad
from app.domain.actor import Actor
from app.domain.authz import Handeling
from app.domain.errors import NotFound, ValidationError
from app.domain.households.models import Betrokkenheid, Huishouden
from app.domain.organisation.auth import actor_for
from app.domain.organisation.models import Gebruiker, GebruikerRol, Rol, gebruiker_team
from app.domain.supervision import schemas as s
from app.domain.supervision.approvals import _module

PURPOSE = "Toezicht en werkverdeling"
MEMBER_ROLES = (Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR)


def _members(session: Session, actor: Actor) -> list[Gebruiker]:
    """Active consultants and regisseurs in the supervisor's teams."""
    if not actor.team_ids:
        return []
    ids = select(gebruiker_team.c.gebruiker_id).where(gebruiker_team.c.team_id.in_(actor.team_ids))
    rol_ids = select(GebruikerRol.gebruiker_id).where(GebruikerRol.rol.in_([r.value for r in MEMBER_ROLES]))
    return list(
        session.scalars(
            select(Gebruiker)
            .where(Gebruiker.id.in_(ids), Gebruiker.id.in_(rol_ids), Gebruiker.actief.is_(True))
            .order_by(Gebruiker.naam)
        ).all()
    )


def _member(session: Session, actor: Actor, gebruiker_id: int) -> Gebruiker:
    for m in _members(session, actor):
        if m.id == gebruiker_id:
            return m
    raise NotFound()


def _open_vragen(session: Session, ids: list[int]) -> dict[int, int]:
    m = _module("app.domain.toegang.models", "Ondersteuningsvraag")
    if m is None or not ids:
        return {}
    V = m.Ondersteuningsvraag  # noqa: N806
    return dict(
        session.execute(
            select(V.behandelaar_id, func.count())
            .where(V.behandelaar_id.in_(ids), V.status != "afgesloten")
            .group_by(V.behandelaar_id)
        ).all()
    )


def _regie_actief(R: Any, dag: date):  # type: ignore[no-untyped-def]  # noqa: N803
    conds = []
    if hasattr(R, "einddatum"):
        conds.append(or_(R.einddatum.is_(None), R.einddatum >= dag))
    if hasattr(R, "begindatum"):
        conds.append(R.begindatum <= dag)
    if hasattr(R, "status"):
        conds.append(R.status == "actief")
    return and_(*conds) if conds else True


def _regie(session: Session, ids: list[int], dag: date) -> dict[int, int]:
    m = _module("app.domain.plans.models", "Regieafspraak")
    if m is None or not ids or not hasattr(m.Regieafspraak, "regisseur_id"):
        return {}
    R = m.Regieafspraak  # noqa: N806
    return dict(
        session.execute(
            select(R.regisseur_id, func.count(func.distinct(R.huishouden_id)))
            .where(R.regisseur_id.in_(ids), _regie_actief(R, dag))
            .group_by(R.regisseur_id)
        ).all()
    )


def _is_evaluatie(item: werkvoorraad.Werkitem) -> bool:
    return "evaluatie" in item.soort


def caseloads(session: Session, actor: Actor, *, today: date | None = None) -> list[s.CaseloadRegel]:
    """One row per consultant/regisseur of the supervisor's teams."""
    authz.require_role(actor, Rol.SUPERVISOR)
    dag = today or clock.today()
    members = _members(session, actor)
    ids = [m.id for m in members]
    vragen = _open_vragen(session, ids)
    regie = _regie(session, ids, dag)
    out = []
    for m in members:
        items = [i for i in werkvoorraad.collect(session, actor_for(m), dag) if i.toegewezen_aan in (None, m.id)]
        termijnen = [i for i in items if not _is_evaluatie(i)]
        out.append(
            s.CaseloadRegel(
                gebruiker_id=m.id,
                naam=m.naam,
                rollen=[r for r in m.rollen if r in {x.value for x in MEMBER_ROLES}],
                open_vragen=vragen.get(m.id, 0),
                regie_huishoudens=regie.get(m.id, 0),
                termijnen_binnenkort=sum(1 for i in termijnen if i.status == "binnenkort"),
                termijnen_verlopen=sum(1 for i in termijnen if i.status == "verlopen"),
                evaluaties_verlopen=sum(1 for i in items if _is_evaluatie(i) and i.status == "verlopen"),
            )
        )
    return out


@dataclass
class Drilldown:
    gebruiker: Gebruiker
    items: list[werkvoorraad.Werkitem]
    vragen: list[dict[str, Any]]
    regie: list[dict[str, Any]]
    collegas: list[Gebruiker]


def member_werkvoorraad(session: Session, actor: Actor, *, gebruiker_id: int, today: date | None = None) -> Drilldown:
    """One member's werkvoorraad and reassignable items, limited to households the supervisor may read."""
    authz.require_role(actor, Rol.SUPERVISOR)
    dag = today or clock.today()
    m = _member(session, actor, gebruiker_id)
    scope = set(session.scalars(authz.visible_households(actor, Handeling.LEZEN)).all())
    items = [
        i
        for i in werkvoorraad.collect(session, actor_for(m), dag)
        if i.huishouden_id is None or i.huishouden_id in scope
    ]
    vragen: list[dict[str, Any]] = []
    vm = _module("app.domain.toegang.models", "Ondersteuningsvraag")
    if vm is not None:
        V = vm.Ondersteuningsvraag  # noqa: N806
        for v, naam in session.execute(
            select(V, Huishouden.naam)
            .join(Huishouden, Huishouden.id == V.huishouden_id)
            .where(V.behandelaar_id == m.id, V.status != "afgesloten", V.huishouden_id.in_(scope))
            .order_by(V.datum_melding, V.id)
        ).all():
            vragen.append(
                {
                    "id": v.id,
                    "huishouden_id": v.huishouden_id,
                    "huishouden": naam,
                    "status": v.status,
                    "datum": v.datum_melding,
                    "omschrijving": v.omschrijving,
                }
            )
    regie: list[dict[str, Any]] = []
    rm = _module("app.domain.plans.models", "Regieafspraak")
    if rm is not None and hasattr(rm.Regieafspraak, "regisseur_id"):
        R = rm.Regieafspraak  # noqa: N806
        for r, naam in session.execute(
            select(R, Huishouden.naam)
            .join(Huishouden, Huishouden.id == R.huishouden_id)
            .where(R.regisseur_id == m.id, _regie_actief(R, dag), R.huishouden_id.in_(scope))
            .order_by(Huishouden.naam, R.id)
        ).all():
            regie.append(
                {
                    "id": r.id,
                    "huishouden_id": r.huishouden_id,
                    "huishouden": naam,
                    "begindatum": getattr(r, "begindatum", None),
                }
            )
    collegas = [c for c in _members(session, actor) if c.id != m.id]
    return Drilldown(gebruiker=m, items=items, vragen=vragen, regie=regie, collegas=collegas)


def _still_has(session: Session, soort: str, hh_id: int, gebruiker_id: int, dag: date) -> bool:
    """Whether the previous holder keeps other work of the same kind on this household."""
    if soort == "ondersteuningsvraag":
        V = _module("app.domain.toegang.models", "Ondersteuningsvraag").Ondersteuningsvraag  # type: ignore[union-attr]  # noqa: N806
        q = select(V.id).where(V.huishouden_id == hh_id, V.behandelaar_id == gebruiker_id, V.status != "afgesloten")
    else:
        R = _module("app.domain.plans.models", "Regieafspraak").Regieafspraak  # type: ignore[union-attr]  # noqa: N806
        q = select(R.id).where(R.huishouden_id == hh_id, R.regisseur_id == gebruiker_id, _regie_actief(R, dag))
    return session.scalar(q.limit(1)) is not None


def _move_betrokkenheid(
    session: Session, soort: str, hh_id: int, van_id: int | None, naar_id: int, rol: str, dag: date
) -> None:
    """End the previous holder's relation (unless other work keeps it) and give the new one a relation."""
    actief = or_(Betrokkenheid.einddatum.is_(None), Betrokkenheid.einddatum >= dag)
    if van_id is not None and not _still_has(session, soort, hh_id, van_id, dag):
        for b in session.scalars(
            select(Betrokkenheid).where(
                Betrokkenheid.huishouden_id == hh_id,
                Betrokkenheid.gebruiker_id == van_id,
                Betrokkenheid.rol == rol,
                actief,
            )
        ):
            # Ends yesterday: authorization counts the end day as still active.
            # (A relation that began today thus ends before it began: kept as history, never in effect.)
            b.einddatum = dag - timedelta(days=1)
    already = session.scalar(
        select(Betrokkenheid.id).where(
            Betrokkenheid.huishouden_id == hh_id,
            Betrokkenheid.gebruiker_id == naar_id,
            Betrokkenheid.rol == rol,
            actief,
        )
    )
    if not already:
        session.add(Betrokkenheid(huishouden_id=hh_id, gebruiker_id=naar_id, rol=rol, begindatum=dag))
    session.flush()


def reassign(session: Session, actor: Actor, *, data: s.Herverdeling) -> int:
    """Move ondersteuningsvragen (behandelaar) and regie-afspraken (regisseur) to another team member.

    All items are checked before any is changed; one audit event per item carries the reason.
    """
    authz.require_role(actor, Rol.SUPERVISOR)
    dag = clock.today()
    members = {m.id: m for m in _members(session, actor)}
    naar = members.get(data.naar_gebruiker_id)
    if naar is None:
        raise ValidationError({"naar_gebruiker_id": "Kies een medewerker uit uw team."})
    vm = _module("app.domain.toegang.models", "Ondersteuningsvraag")
    rm = _module("app.domain.plans.models", "Regieafspraak")
    plan: list[tuple[str, Any, str, str]] = []  # (object_type, obj, attribute, betrokkenheid rol)
    for it in data.items:
        if it.soort == "ondersteuningsvraag":
            obj = session.get(vm.Ondersteuningsvraag, it.id) if vm else None
            attr, rol = "behandelaar_id", "behandelaar"
            if obj is not None and obj.status == "afgesloten":
                raise ValidationError({"items": "Een afgesloten ondersteuningsvraag kan niet worden herverdeeld."})
        else:
            obj = session.get(rm.Regieafspraak, it.id) if rm else None
            attr, rol = "regisseur_id", "regisseur"
        if obj is None:
            raise NotFound()
        hh = authz.get_household(session, actor, obj.huishouden_id, Handeling.TOEWIJZEN)
        if getattr(obj, attr) == naar.id:
            raise ValidationError({"naar_gebruiker_id": "Dit werk ligt al bij deze medewerker."})
        plan.append((it.soort, obj, attr, rol))
        del hh
    for soort, obj, attr, rol in plan:
        oud = getattr(obj, attr)
        setattr(obj, attr, naar.id)
        session.flush()
        _move_betrokkenheid(session, soort, obj.huishouden_id, oud, naar.id, rol, dag)
        audit.record(
            session,
            actor,
            action="update",
            object_type=soort,
            object_id=obj.id,
            huishouden_id=obj.huishouden_id,
            purpose=PURPOSE,
            reason=data.reden,
            changes={attr: [oud, naar.id]},
        )
    return len(plan)
