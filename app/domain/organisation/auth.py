"""Login, sessions and API tokens.

Lockout: 5 failed logins within 15 minutes lock the account for 15 minutes (settings). Failed
logins and lockouts are audit events, deferred so they survive the rollback of the refused request.
Sessions live in the database so any instance can serve them; idle timeout 30 minutes.
"""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.config import get_settings
from app.domain import audit
from app.domain.actor import Actor
from app.domain.errors import NotAllowed, ValidationError
from app.domain.organisation.models import ApiToken, Gebruiker, LoginPoging, Sessie
from app.domain.organisation.security import burn_time, new_token, token_hash, verify_password

LOGIN_FOUT = "Onbekende gebruikersnaam of onjuist wachtwoord."
LOCKED = "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."


def actor_for(
    user: Gebruiker,
    *,
    sessie_id: int | None = None,
    request_id: str | None = None,
    client_addr: str | None = None,
    kanaal: str = "web",
) -> Actor:
    return Actor(
        gebruiker_id=user.id,
        username=user.username,
        naam=user.naam,
        rollen=frozenset(user.rollen),
        team_ids=frozenset(t.id for t in user.teams),
        gemeente_ids=frozenset(g.id for g in user.gemeenten),
        sessie_id=sessie_id,
        request_id=request_id,
        client_addr=client_addr,
        kanaal=kanaal,
    )


def _anon(username: str, request_id: str | None, client_addr: str | None) -> Actor:
    return Actor(
        gebruiker_id=None,
        username=username[:64],
        naam=username[:64],
        request_id=request_id,
        client_addr=client_addr,
    )


def _utc(dt):  # type: ignore[no-untyped-def]
    # SQLite hands back naive datetimes; they were written as UTC.
    from datetime import UTC

    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    request_id: str | None = None,
    client_addr: str | None = None,
) -> Gebruiker:
    """Check credentials with throttling. Raises ValidationError with one general message on failure.

    The attempt, the lock and the audit event are written before raising: the login route catches the
    error and lets the request commit, because a failed login is a fact to keep.
    """
    cfg = get_settings()
    now = clock.now()
    username = username.strip().lower()
    user = session.scalar(select(Gebruiker).where(Gebruiker.username == username))
    if user is not None and user.locked_until is not None and _utc(user.locked_until) > now:
        burn_time(password)
        audit.defer(
            session,
            _anon(username, request_id, client_addr),
            action="login_failed",
            object_type="gebruiker",
            object_id=user.id,
            reason="account geblokkeerd",
        )
        raise ValidationError({"username": LOCKED}, LOCKED)
    ok = user is not None and user.actief and verify_password(password, user.password_hash)
    if user is None:
        burn_time(password)
    session.add(LoginPoging(username=username[:64], at=now, gelukt=ok, client_addr=client_addr))
    if not ok:
        actor = _anon(username, request_id, client_addr)
        audit.defer(
            session,
            actor,
            action="login_failed",
            object_type="gebruiker",
            object_id=user.id if user else None,
            reason="account inactief" if user is not None and not user.actief else None,
        )
        if user is not None:
            since = now - timedelta(minutes=cfg.login_window_minutes)
            failures = (
                session.scalar(
                    select(func.count())
                    .select_from(LoginPoging)
                    .where(
                        LoginPoging.username == username,
                        LoginPoging.gelukt.is_(False),
                        LoginPoging.at > since,
                        *([LoginPoging.at > user.locked_until] if user.locked_until else []),
                    )
                )
                or 0
            )
            if failures + 1 >= cfg.login_max_failures:
                user.locked_until = now + timedelta(minutes=cfg.login_lockout_minutes)
                audit.defer(
                    session,
                    actor,
                    action="lockout",
                    object_type="gebruiker",
                    object_id=user.id,
                    reason=f"{cfg.login_max_failures} mislukte pogingen binnen {cfg.login_window_minutes} minuten",
                )
        raise ValidationError({"username": LOGIN_FOUT}, LOGIN_FOUT)
    assert user is not None
    return user


def start_session(
    session: Session, user: Gebruiker, *, request_id: str | None, client_addr: str | None
) -> tuple[str, Sessie]:
    token = new_token()
    now = clock.now()
    s = Sessie(
        token_hash=token_hash(token),
        gebruiker_id=user.id,
        csrf_token=new_token(24),
        created_at=now,
        last_seen_at=now,
        client_addr=client_addr,
    )
    session.add(s)
    session.flush()
    actor = actor_for(user, sessie_id=s.id, request_id=request_id, client_addr=client_addr)
    audit.record(session, actor, action="login", object_type="gebruiker", object_id=user.id)
    return token, s


def resolve_session(session: Session, token: str) -> tuple[Sessie, Gebruiker] | None:
    """The session behind a cookie, if alive. Touches last_seen_at at most once a minute."""
    if not token:
        return None
    s = session.scalar(select(Sessie).where(Sessie.token_hash == token_hash(token)))
    if s is None or s.ended_at is not None:
        return None
    now = clock.now()
    idle = timedelta(minutes=get_settings().session_idle_minutes)
    if now - _utc(s.last_seen_at) > idle:
        s.ended_at = now
        return None
    user = session.get(Gebruiker, s.gebruiker_id)
    if user is None or not user.actief:
        return None
    if now - _utc(s.last_seen_at) > timedelta(seconds=60):
        s.last_seen_at = now
    return s, user


def end_session(session: Session, actor: Actor, sessie: Sessie) -> None:
    sessie.ended_at = clock.now()
    audit.record(session, actor, action="logout", object_type="gebruiker", object_id=actor.gebruiker_id)


def resolve_token(session: Session, token: str) -> Gebruiker | None:
    t = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    now = clock.now()
    if t is None or t.revoked_at is not None or (t.expires_at is not None and _utc(t.expires_at) < now):
        return None
    user = session.get(Gebruiker, t.gebruiker_id)
    if user is None or not user.actief:
        return None
    if t.last_used_at is None or now - _utc(t.last_used_at) > timedelta(minutes=5):
        t.last_used_at = now
    return user


def create_token(session: Session, actor: Actor, *, naam: str, geldig_dagen: int | None) -> tuple[str, ApiToken]:
    """A bearer token for the actor itself; only the hash is stored."""
    if actor.gebruiker_id is None:
        raise NotAllowed()
    token = "tg_" + new_token()
    t = ApiToken(
        gebruiker_id=actor.gebruiker_id,
        naam=naam,
        prefix=token[:10],
        token_hash=token_hash(token),
        expires_at=clock.now() + timedelta(days=geldig_dagen) if geldig_dagen else None,
    )
    session.add(t)
    session.flush()
    audit.record(
        session,
        actor,
        action="create",
        object_type="api_token",
        object_id=t.id,
        changes={"naam": [None, naam]},
    )
    return token, t


def list_tokens(session: Session, actor: Actor) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.gebruiker_id == actor.gebruiker_id).order_by(ApiToken.id.desc())
        ).all()
    )


def revoke_token(session: Session, actor: Actor, *, token_id: int) -> None:
    t = session.get(ApiToken, token_id)
    if t is None or t.gebruiker_id != actor.gebruiker_id:
        from app.domain.errors import NotFound

        raise NotFound()
    if t.revoked_at is None:
        t.revoked_at = clock.now()
        audit.record(
            session,
            actor,
            action="update",
            object_type="api_token",
            object_id=t.id,
            changes={"revoked": [False, True]},
        )


def change_password(session: Session, actor: Actor, *, huidig: str, nieuw: str, herhaling: str) -> None:
    """The user's own new password; clears a pending forced change. The password never reaches the trail."""
    from app.domain.organisation.security import hash_password, password_problem

    user = session.get(Gebruiker, actor.gebruiker_id) if actor.gebruiker_id else None
    if user is None:
        raise NotAllowed()
    errors: dict[str, str] = {}
    if not verify_password(huidig, user.password_hash):
        errors["huidig"] = "Uw huidige wachtwoord klopt niet."
    problem = password_problem(nieuw)
    if problem:
        errors["nieuw"] = problem
    elif nieuw == huidig:
        errors["nieuw"] = "Kies een ander wachtwoord dan uw huidige."
    if nieuw != herhaling:
        errors["herhaling"] = "De twee nieuwe wachtwoorden zijn niet gelijk."
    if errors:
        raise ValidationError(errors)
    user.password_hash = hash_password(nieuw)
    user.password_change_required = False
    session.flush()
    audit.record(
        session,
        actor,
        action="update",
        object_type="gebruiker",
        object_id=user.id,
        changes={"wachtwoord": ["***", "*** (zelf gewijzigd)"]},
    )
