"""Functioneel beheer of users and teams. The beheerder manages accounts and never sees case content."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.errors import NotFound, ValidationError
from app.domain.households.service import check_version
from app.domain.organisation import schemas as s
from app.domain.organisation.auth import revoke_credentials
from app.domain.organisation.models import Gebruiker, GebruikerRol, Gemeente, Rol, Team
from app.domain.organisation.security import hash_password

USER_FIELDS = ("naam", "email", "organisatie", "actief")

# Separation of duties (DESIGN §7): the functioneel beheerder manages accounts and sees no case content,
# so beheer never goes together with a role that reads or judges case content.
CASUSWERK_ROLLEN = frozenset(
    {Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR, Rol.SUPERVISOR, Rol.CLIENTONDERSTEUNER, Rol.AUDITOR}
)
SCHEIDING_MELDING = (
    "Een functioneel beheerder kan geen rol in het casuswerk of de controle hebben (scheiding van taken)."
)
EIGEN_ROLLEN_MELDING = "U kunt uw eigen rollen niet wijzigen; vraag een andere beheerder."


def _check_separation(rollen: set[str]) -> None:
    if Rol.BEHEERDER in rollen and rollen & {str(r) for r in CASUSWERK_ROLLEN}:
        raise ValidationError({"rollen": SCHEIDING_MELDING})


TEAM_FIELDS = ("naam", "gemeente_id", "actief")


def _require_beheer(actor: Actor) -> None:
    authz.require_role(actor, Rol.BEHEERDER)


def user_read(u: Gebruiker) -> s.GebruikerRead:
    from app.domain.organisation.auth import _utc

    return s.GebruikerRead(
        id=u.id,
        username=u.username,
        naam=u.naam,
        email=u.email,
        organisatie=u.organisatie,
        rollen=u.rollen,
        teams=[t.naam for t in u.teams],
        team_ids=[t.id for t in u.teams],
        gemeenten=[g.naam for g in u.gemeenten],
        gemeente_ids=[g.id for g in u.gemeenten],
        actief=u.actief,
        locked=bool(u.locked_until and _utc(u.locked_until) > clock.now()),
        version=u.version,
    )


def _teams_and_gemeenten(session: Session, team_ids: list[int], gemeente_ids: list[int]) -> tuple[list, list]:
    teams = list(session.scalars(select(Team).where(Team.id.in_(team_ids)))) if team_ids else []
    gemeenten = list(session.scalars(select(Gemeente).where(Gemeente.id.in_(gemeente_ids)))) if gemeente_ids else []
    errors = {}
    if len(teams) != len(set(team_ids)):
        errors["team_ids"] = "Kies bestaande teams."
    if len(gemeenten) != len(set(gemeente_ids)):
        errors["gemeente_ids"] = "Kies bestaande gemeenten."
    if errors:
        raise ValidationError(errors)
    return teams, gemeenten


def _snapshot(u: Gebruiker) -> dict:
    return {
        **audit.snapshot(u, USER_FIELDS),
        "rollen": u.rollen,
        "teams": sorted(t.naam for t in u.teams),
        "gemeenten": sorted(g.naam for g in u.gemeenten),
    }


def create_user(session: Session, actor: Actor, *, data: s.GebruikerCreate, bootstrap: bool = False) -> s.GebruikerRead:
    """Create an account. `bootstrap` is for the CLI and the seed, which run as the system itself."""
    if not bootstrap:
        _require_beheer(actor)
    if session.scalar(select(Gebruiker.id).where(Gebruiker.username == data.username)):
        raise ValidationError({"username": "Deze gebruikersnaam bestaat al."})
    _check_separation({str(r) for r in data.rollen})
    teams, gemeenten = _teams_and_gemeenten(session, data.team_ids, data.gemeente_ids)
    u = Gebruiker(
        username=data.username,
        naam=data.naam,
        email=data.email,
        organisatie=data.organisatie,
        password_hash=hash_password(data.wachtwoord),
        actief=True,
    )
    u.rollen_rows = [GebruikerRol(rol=str(r)) for r in sorted(set(data.rollen))]
    u.teams = teams
    u.gemeenten = gemeenten
    session.add(u)
    session.flush()
    audit.record(
        session,
        actor,
        action="create",
        object_type="gebruiker",
        object_id=u.id,
        purpose="Functioneel beheer",
        changes=audit.diff({}, _snapshot(u)),
    )
    return user_read(u)


def list_users(session: Session, actor: Actor) -> list[s.GebruikerRead]:
    _require_beheer(actor)
    return [user_read(u) for u in session.scalars(select(Gebruiker).order_by(Gebruiker.naam))]


def get_user(session: Session, actor: Actor, *, gebruiker_id: int) -> s.GebruikerRead:
    _require_beheer(actor)
    u = session.get(Gebruiker, gebruiker_id)
    if u is None:
        raise NotFound()
    return user_read(u)


def update_user(session: Session, actor: Actor, *, gebruiker_id: int, data: s.GebruikerUpdate) -> s.GebruikerRead:
    _require_beheer(actor)
    u = session.get(Gebruiker, gebruiker_id)
    if u is None:
        raise NotFound()
    check_version(u, data.version)
    wanted = {str(r) for r in data.rollen}
    if u.id == actor.gebruiker_id:
        # No one changes their own roles (not even to add one); the own account stays active.
        if wanted != set(u.rollen):
            raise ValidationError({"rollen": EIGEN_ROLLEN_MELDING})
        if not data.actief:
            raise ValidationError({"actief": "U kunt uw eigen account niet uitschakelen."})
    _check_separation(wanted)
    before = _snapshot(u)
    teams, gemeenten = _teams_and_gemeenten(session, data.team_ids, data.gemeente_ids)
    for f in USER_FIELDS:
        setattr(u, f, getattr(data, f))
    u.rollen_rows = [r for r in u.rollen_rows if r.rol in wanted] + [
        GebruikerRol(rol=r) for r in sorted(wanted - set(u.rollen))
    ]
    u.teams = teams
    u.gemeenten = gemeenten
    changes = audit.diff(before, _snapshot(u))
    if changes:
        # Roles, teams and gemeenten live in other tables; touch the row so its version moves too.
        u.updated_at = clock.now()
    session.flush()
    if changes:
        audit.record(
            session,
            actor,
            action="update",
            object_type="gebruiker",
            object_id=u.id,
            purpose="Functioneel beheer",
            changes=changes,
        )
    # New rights or none at all: what was signed in under the old ones must sign in again.
    if "rollen" in changes or "actief" in changes and not u.actief:
        reden = "rollen gewijzigd" if "rollen" in changes else "account gedeactiveerd"
        revoke_credentials(session, actor, u, reden=reden)
    return user_read(u)


def reset_password(session: Session, actor: Actor, *, gebruiker_id: int, data: s.WachtwoordReset) -> None:
    _require_beheer(actor)
    u = session.get(Gebruiker, gebruiker_id)
    if u is None:
        raise NotFound()
    u.password_hash = hash_password(data.wachtwoord)
    u.locked_until = None
    u.login_fouten = 0
    u.password_change_required = True
    session.flush()
    # Never the password itself, not even hashed, in the trail.
    audit.record(
        session,
        actor,
        action="update",
        object_type="gebruiker",
        object_id=u.id,
        purpose="Functioneel beheer",
        changes={"wachtwoord": ["***", "*** (opnieuw ingesteld)"]},
    )
    revoke_credentials(session, actor, u, reden="wachtwoord opnieuw ingesteld")


def team_read(session: Session, t: Team) -> s.TeamRead:
    leden = session.scalars(
        select(Gebruiker.naam).join(Gebruiker.teams).where(Team.id == t.id).order_by(Gebruiker.naam)
    ).all()
    g = session.get(Gemeente, t.gemeente_id) if t.gemeente_id else None
    return s.TeamRead(
        id=t.id,
        naam=t.naam,
        gemeente_id=t.gemeente_id,
        gemeente=g.naam if g else None,
        actief=t.actief,
        leden=list(leden),
        version=t.version,
    )


def list_teams(session: Session, actor: Actor) -> list[s.TeamRead]:
    _require_beheer(actor)
    return [team_read(session, t) for t in session.scalars(select(Team).order_by(Team.naam))]


def create_team(session: Session, actor: Actor, *, data: s.TeamIn, bootstrap: bool = False) -> s.TeamRead:
    if not bootstrap:
        _require_beheer(actor)
    if session.scalar(select(Team.id).where(Team.naam == data.naam)):
        raise ValidationError({"naam": "Er bestaat al een team met deze naam."})
    if data.gemeente_id is not None and session.get(Gemeente, data.gemeente_id) is None:
        raise ValidationError({"gemeente_id": "Kies een bestaande gemeente."})
    t = Team(naam=data.naam, gemeente_id=data.gemeente_id, actief=data.actief)
    session.add(t)
    audit.record_create(session, actor, t, TEAM_FIELDS, object_type="team", purpose="Functioneel beheer")
    return team_read(session, t)


def update_team(session: Session, actor: Actor, *, team_id: int, data: s.TeamUpdate) -> s.TeamRead:
    _require_beheer(actor)
    t = session.get(Team, team_id)
    if t is None:
        raise NotFound()
    check_version(t, data.version)
    if session.scalar(select(Team.id).where(Team.naam == data.naam, Team.id != t.id)):
        raise ValidationError({"naam": "Er bestaat al een team met deze naam."})
    if data.gemeente_id is not None and session.get(Gemeente, data.gemeente_id) is None:
        raise ValidationError({"gemeente_id": "Kies een bestaande gemeente."})
    audit.apply_update(session, actor, t, data, TEAM_FIELDS, object_type="team", purpose="Functioneel beheer")
    return team_read(session, t)


def get_team(session: Session, actor: Actor, *, team_id: int) -> s.TeamRead:
    _require_beheer(actor)
    t = session.get(Team, team_id)
    if t is None:
        raise NotFound()
    return team_read(session, t)


def unlock_user(session: Session, actor: Actor, *, gebruiker_id: int) -> s.GebruikerRead:
    """Lift a lockout after too many failed logins (the person called the helpdesk)."""
    _require_beheer(actor)
    u = session.get(Gebruiker, gebruiker_id)
    if u is None:
        raise NotFound()
    from app.domain.organisation.auth import _utc

    if u.locked_until is not None and _utc(u.locked_until) > clock.now():
        before = u.locked_until
        # "Locked until now": unlocked, and the failures before this moment no longer count.
        u.locked_until = clock.now()
        u.login_fouten = 0
        session.flush()
        audit.record(
            session,
            actor,
            action="update",
            object_type="gebruiker",
            object_id=u.id,
            purpose="Functioneel beheer",
            reason="account gedeblokkeerd",
            changes=audit.diff({"locked_until": before}, {"locked_until": u.locked_until}),
        )
    return user_read(u)


def list_gemeenten(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """(id, naam) of every gemeente, for the user and team forms."""
    _require_beheer(actor)
    return gemeente_options(session)


def gemeente_options(session: Session, *, ids: frozenset[int] | None = None) -> list[tuple[int, str]]:
    """(id, naam) for select boxes; reference data, no case content. `ids` limits to the actor's own."""
    q = select(Gemeente).order_by(Gemeente.naam)
    if ids is not None:
        q = q.where(Gemeente.id.in_(ids))
    return [(g.id, g.naam) for g in session.scalars(q)]


def team_options(session: Session, *, ids: frozenset[int] | None = None) -> list[tuple[int, str]]:
    """(id, naam) of active teams for select boxes; `ids` limits to the actor's own."""
    q = select(Team).where(Team.actief).order_by(Team.naam)
    if ids is not None:
        q = q.where(Team.id.in_(ids))
    return [(t.id, t.naam) for t in session.scalars(q)]
