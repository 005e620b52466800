"""The one place that answers "may this actor do this to this household" (DESIGN §7).

Two inputs decide: the actor's roles and the actor's relation to the household. The relation is
read from data (Betrokkenheid, team, Toestemming, an open break-the-glass), never from the request.
Policies return True or a Dutch reason; services raise on a reason, templates use the same
functions to hide what the user cannot do. Row scope for lists and search is `visible_households`.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Select, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit
from app.domain.actor import KOPPELING_ROL, Actor
from app.domain.errors import NotAllowed, NotFound
from app.domain.households.models import Betrokkenheid, BreakTheGlass, Huishouden, Toestemming
from app.domain.organisation.models import Rol


class Relatie(StrEnum):
    EIGEN = "eigen"  # behandelaar, regisseur or team member on the household
    TEAM = "team"  # the household belongs to one of the actor's teams
    ANDERS = "anders"
    BREAK_THE_GLASS = "break_the_glass"  # an open break-the-glass of this session
    TOESTEMMING = "toestemming"  # the household consented to this cliëntondersteuner
    KOPPELING = "koppeling"  # the message gateway, for a toewijzing to the sending provider (checked there)


class Handeling(StrEnum):
    LIJST = "lijst"  # see the list entry: name, address, status
    ZOEKTREFFER = "zoektreffer"  # know that it exists and whom to contact
    LEZEN = "lezen"  # read the dossier's content
    SCHRIJVEN = "schrijven"
    GOEDKEUREN = "goedkeuren"
    TOEWIJZEN = "toewijzen"  # reassign work within the team
    GEDEELD_LEZEN = "gedeeld_lezen"  # the shared plan/verslag, with consent
    REAGEREN = "reageren"  # a reaction on behalf of the household


W = Handeling
_CASEWORK = {
    Relatie.EIGEN: {W.LIJST, W.ZOEKTREFFER, W.LEZEN, W.SCHRIJVEN},
    Relatie.BREAK_THE_GLASS: {W.LIJST, W.ZOEKTREFFER, W.LEZEN, W.SCHRIJVEN},
    Relatie.TEAM: {W.LIJST, W.ZOEKTREFFER},
    Relatie.ANDERS: {W.ZOEKTREFFER},
}
_SUPERVISOR = {
    Relatie.EIGEN: {W.LIJST, W.ZOEKTREFFER, W.LEZEN, W.GOEDKEUREN, W.TOEWIJZEN},
    Relatie.TEAM: {W.LIJST, W.ZOEKTREFFER, W.LEZEN, W.GOEDKEUREN, W.TOEWIJZEN},
    Relatie.BREAK_THE_GLASS: {W.LIJST, W.ZOEKTREFFER, W.LEZEN},
    Relatie.ANDERS: {W.ZOEKTREFFER},
}
_AUDITOR = {rel: {W.LIJST, W.ZOEKTREFFER, W.LEZEN} for rel in Relatie}
# The list entry and a search hit on consented households are how the cliëntondersteuner reaches the
# shared plan/verslag; never the dossier itself (no LEZEN), never a write.
_ONDERSTEUNER = {Relatie.TOESTEMMING: {W.LIJST, W.ZOEKTREFFER, W.GEDEELD_LEZEN, W.REAGEREN}}

MATRIX: dict[str, dict[Relatie, set[Handeling]]] = {
    Rol.TOEGANGSMEDEWERKER: _CASEWORK,
    Rol.REGISSEUR: _CASEWORK,
    Rol.SUPERVISOR: _SUPERVISOR,
    Rol.AUDITOR: _AUDITOR,
    Rol.CLIENTONDERSTEUNER: _ONDERSTEUNER,
    Rol.BEHEERDER: {},
    # The gateway reads and writes only what a provider's 305/307 needs; the berichten service has
    # already matched sender, client and toewijzing before it acts.
    KOPPELING_ROL: {Relatie.KOPPELING: {W.LEZEN, W.SCHRIJVEN}},
}

CASEWORK_ROLES = (Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR, Rol.SUPERVISOR)


def allowed(rollen: frozenset[str], relaties: set[Relatie], handeling: Handeling) -> bool:
    """Pure decision: any of the actor's roles, in any of its relations, grants the action."""
    return any(handeling in MATRIX.get(r, {}).get(rel, set()) for r in rollen for rel in relaties)


def _active(model: type, dag: date):  # type: ignore[no-untyped-def]
    return and_(model.begindatum <= dag, or_(model.einddatum.is_(None), model.einddatum >= dag))


def relaties(session: Session, actor: Actor, huishouden: Huishouden) -> set[Relatie]:
    if actor.heeft(KOPPELING_ROL) and actor.gebruiker_id is None:
        return {Relatie.KOPPELING}
    if actor.gebruiker_id is None:
        return set()
    dag = clock.today()
    rel: set[Relatie] = set()
    eigen = session.scalar(
        select(
            exists().where(
                Betrokkenheid.huishouden_id == huishouden.id,
                Betrokkenheid.gebruiker_id == actor.gebruiker_id,
                _active(Betrokkenheid, dag),
            )
        )
    )
    if eigen:
        rel.add(Relatie.EIGEN)
    if huishouden.team_id is not None and huishouden.team_id in actor.team_ids:
        rel.add(Relatie.TEAM)
    if actor.heeft(Rol.CLIENTONDERSTEUNER) and _has_consent(session, actor, huishouden.id, dag):
        rel.add(Relatie.TOESTEMMING)
    if active_break_the_glass(session, actor, huishouden.id) is not None:
        rel.add(Relatie.BREAK_THE_GLASS)
    if not rel:
        rel.add(Relatie.ANDERS)
    return rel


def _has_consent(session: Session, actor: Actor, huishouden_id: int, dag: date, scope: str | None = None) -> bool:
    q = select(Toestemming.id).where(
        Toestemming.huishouden_id == huishouden_id,
        Toestemming.gebruiker_id == actor.gebruiker_id,
        Toestemming.ingetrokken_op.is_(None),
        _active(Toestemming, dag),
    )
    if scope == "plan":
        q = q.where(Toestemming.scope_plan.is_(True))
    elif scope == "verslag":
        q = q.where(Toestemming.scope_verslag.is_(True))
    return session.scalar(q.limit(1)) is not None


def consent_scope(session: Session, actor: Actor, huishouden_id: int, scope: str) -> bool:
    """Checked on every shared view: is there an active, unrevoked consent covering this scope today?"""
    return _has_consent(session, actor, huishouden_id, clock.today(), scope)


def active_break_the_glass(session: Session, actor: Actor, huishouden_id: int) -> BreakTheGlass | None:
    if actor.gebruiker_id is None:
        return None
    q = select(BreakTheGlass).where(
        BreakTheGlass.gebruiker_id == actor.gebruiker_id,
        BreakTheGlass.huishouden_id == huishouden_id,
        BreakTheGlass.expires_at > clock.now(),
    )
    # It lasts for the session it was opened in; API tokens get it for its fixed duration.
    q = q.where(BreakTheGlass.sessie_id == actor.sessie_id) if actor.sessie_id else q
    return session.scalars(q.order_by(BreakTheGlass.id.desc()).limit(1)).first()


@dataclass(frozen=True)
class Besluit:
    ok: bool
    relaties: frozenset[Relatie]
    reden: str = ""


def decide(session: Session, actor: Actor, huishouden: Huishouden, handeling: Handeling) -> Besluit:
    rel = relaties(session, actor, huishouden)
    if allowed(actor.rollen, rel, handeling):
        return Besluit(True, frozenset(rel))
    return Besluit(False, frozenset(rel), "U heeft geen toegang tot dit huishouden voor deze handeling.")


def require(
    session: Session,
    actor: Actor,
    huishouden: Huishouden,
    handeling: Handeling,
    *,
    object_type: str = "huishouden",
    object_id: object = None,
) -> frozenset[Relatie]:
    """Raise unless allowed. A denial is itself audited (in its own transaction: see deny_audit).

    Reading is answered with NotFound so the denial does not reveal that the household exists;
    a write on a household one may read is answered NotAllowed.
    """
    besluit = decide(session, actor, huishouden, handeling)
    if besluit.ok:
        return besluit.relaties
    deny(
        session,
        actor,
        huishouden_id=huishouden.id,
        handeling=handeling,
        object_type=object_type,
        object_id=object_id if object_id is not None else huishouden.id,
    )
    kan_lezen = allowed(actor.rollen, set(besluit.relaties), Handeling.LEZEN)
    if kan_lezen or allowed(actor.rollen, set(besluit.relaties), Handeling.GEDEELD_LEZEN):
        raise NotAllowed(besluit.reden)
    raise NotFound()


def deny(
    session: Session,
    actor: Actor,
    *,
    huishouden_id: int | None,
    handeling: str,
    object_type: str,
    object_id: object,
) -> None:
    """An access_denied event; deferred so it survives the rollback of the refused request."""
    audit.defer(
        session,
        actor,
        action="access_denied",
        object_type=object_type,
        object_id=object_id,
        huishouden_id=huishouden_id,
        reason=f"geweigerd: {handeling}",
    )


def require_role(actor: Actor, *rollen: Rol) -> None:
    if not actor.heeft(*rollen):
        raise NotAllowed("Deze functie is niet beschikbaar voor uw rol.")


def visible_households(actor: Actor, handeling: Handeling = Handeling.LIJST) -> Select:
    """Row scope: ids of households the actor may see for `handeling`. Deny by default."""
    dag = clock.today()
    conds = []
    r = actor.rollen
    if Rol.AUDITOR in r:
        return select(Huishouden.id).where(true())
    eigen = select(Betrokkenheid.huishouden_id).where(
        Betrokkenheid.gebruiker_id == actor.gebruiker_id, _active(Betrokkenheid, dag)
    )
    btg = select(BreakTheGlass.huishouden_id).where(
        BreakTheGlass.gebruiker_id == actor.gebruiker_id,
        BreakTheGlass.expires_at > clock.now(),
        *([BreakTheGlass.sessie_id == actor.sessie_id] if actor.sessie_id else []),
    )
    casework = {Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR, Rol.SUPERVISOR} & r
    if casework:
        conds.append(Huishouden.id.in_(eigen))
        conds.append(Huishouden.id.in_(btg))
        team_ok = handeling in (Handeling.LIJST, Handeling.ZOEKTREFFER) or (
            Rol.SUPERVISOR in r and handeling in (Handeling.LEZEN, Handeling.TOEWIJZEN, Handeling.GOEDKEUREN)
        )
        if team_ok and actor.team_ids:
            conds.append(Huishouden.team_id.in_(actor.team_ids))
        if handeling == Handeling.ZOEKTREFFER:
            conds.append(true())
    if Rol.CLIENTONDERSTEUNER in r and handeling in (Handeling.LIJST, Handeling.ZOEKTREFFER, Handeling.GEDEELD_LEZEN):
        consent = select(Toestemming.huishouden_id).where(
            Toestemming.gebruiker_id == actor.gebruiker_id,
            Toestemming.ingetrokken_op.is_(None),
            _active(Toestemming, dag),
        )
        conds.append(Huishouden.id.in_(consent))
    if not conds:
        return select(Huishouden.id).where(false())
    return select(Huishouden.id).where(or_(*conds))


def get_household(session: Session, actor: Actor, huishouden_id: int, handeling: Handeling) -> Huishouden:
    """Load a household for an action, or NotFound/NotAllowed (audited)."""
    hh = session.get(Huishouden, huishouden_id)
    if hh is None:
        deny(
            session,
            actor,
            huishouden_id=None,
            handeling=handeling,
            object_type="huishouden",
            object_id=huishouden_id,
        )
        raise NotFound()
    require(session, actor, hh, handeling)
    return hh
