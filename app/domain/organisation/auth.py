"""Login, sessions and API tokens.

Lockout: 5 failed logins within 15 minutes lock the account for 15 minutes (settings). Failed
logins and lockouts are audit events, deferred so they survive the rollback of the refused request.
Sessions live in the database so any instance can serve them; idle timeout 30 minutes.
"""

from datetime import timedelta
from typing import NoReturn

from sqlalchemy import case, func, or_, select, update
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

    Atomic lockout: before a password is evaluated, one UPDATE reserves the attempt on the account
    row (`login_fouten + 1`, only while the account is not locked). That UPDATE holds the row lock
    (PostgreSQL) or the write lock (SQLite) until the request commits, so parallel attempts on one
    account are counted one after another and at most `login_max_failures` passwords are ever
    evaluated per window, however many arrive at once. It must be the first statement of the
    transaction: on SQLite a read first would make the later write fail instead of wait.

    No username enumeration: an unknown username is counted from its attempts and gets the same
    answers, in the same order, as an existing account (and the same argon2 time).

    The attempt, the lock and the audit event are written before raising: the login route catches the
    error and lets the request commit, because a failed login is a fact to keep.
    """
    cfg = get_settings()
    now = clock.now()
    username = username.strip().lower()[:64]
    window_start = now - timedelta(minutes=cfg.login_window_minutes)
    new_window = or_(Gebruiker.login_fouten_sinds.is_(None), Gebruiker.login_fouten_sinds <= window_start)
    reserved = session.execute(
        update(Gebruiker)
        .where(
            Gebruiker.username == username,
            or_(Gebruiker.locked_until.is_(None), Gebruiker.locked_until <= now),
        )
        .values(
            login_fouten=case((new_window, 1), else_=Gebruiker.login_fouten + 1),
            login_fouten_sinds=case((new_window, now), else_=Gebruiker.login_fouten_sinds),
        )
        .returning(Gebruiker.id, Gebruiker.login_fouten)
        .execution_options(synchronize_session=False)
    ).first()
    actor = _anon(username, request_id, client_addr)
    if reserved is None:
        _refuse_without_evaluating(session, actor, username=username, password=password, now=now, since=window_start)
    user_id, attempt = reserved
    user = session.execute(
        select(Gebruiker).where(Gebruiker.id == user_id).execution_options(populate_existing=True)
    ).scalar_one()
    if attempt > cfg.login_max_failures:  # cannot happen while attempts are serialised; never evaluate
        _lock(session, actor, user, now=now)
        raise ValidationError({"username": LOCKED}, LOCKED)
    ok = user.actief and verify_password(password, user.password_hash)
    session.add(LoginPoging(username=username, at=now, gelukt=ok, client_addr=client_addr))
    if ok:
        user.login_fouten = 0
        user.login_fouten_sinds = None
        return user
    audit.defer(
        session,
        actor,
        action="login_failed",
        object_type="gebruiker",
        object_id=user.id,
        reason="account inactief" if not user.actief else None,
    )
    if attempt >= cfg.login_max_failures:
        _lock(session, actor, user, now=now)
    raise ValidationError({"username": LOGIN_FOUT}, LOGIN_FOUT)


def _lock(session: Session, actor: Actor, user: Gebruiker, *, now) -> None:  # type: ignore[no-untyped-def]
    cfg = get_settings()
    user.locked_until = now + timedelta(minutes=cfg.login_lockout_minutes)
    user.login_fouten = 0
    user.login_fouten_sinds = None
    audit.defer(
        session,
        actor,
        action="lockout",
        object_type="gebruiker",
        object_id=user.id,
        reason=f"{cfg.login_max_failures} mislukte pogingen binnen {cfg.login_window_minutes} minuten",
    )


def _refuse_without_evaluating(
    session: Session,
    actor: Actor,
    *,
    username: str,
    password: str,
    now,
    since,  # type: ignore[no-untyped-def]
) -> NoReturn:
    """A locked account, or a username that does not exist: no password is evaluated, and both look
    the same from outside (an unknown name "locks" after as many failures as a real account)."""
    cfg = get_settings()
    burn_time(password)
    user = session.scalar(select(Gebruiker).where(Gebruiker.username == username))
    session.add(LoginPoging(username=username, at=now, gelukt=False, client_addr=actor.client_addr))
    if user is not None:
        audit.defer(
            session,
            actor,
            action="login_failed",
            object_type="gebruiker",
            object_id=user.id,
            reason="account geblokkeerd",
        )
        raise ValidationError({"username": LOCKED}, LOCKED)
    failures = (
        session.scalar(
            select(func.count())
            .select_from(LoginPoging)
            .where(LoginPoging.username == username, LoginPoging.gelukt.is_(False), LoginPoging.at > since)
        )
        or 0
    )
    audit.defer(session, actor, action="login_failed", object_type="gebruiker", object_id=None)
    # `failures` includes this attempt (autoflush): the sixth answers "locked", as for a real account.
    if failures > cfg.login_max_failures:
        raise ValidationError({"username": LOCKED}, LOCKED)
    raise ValidationError({"username": LOGIN_FOUT}, LOGIN_FOUT)


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


def revoke_credentials(session: Session, actor: Actor, user: Gebruiker, *, reden: str) -> tuple[int, int]:
    """End every web session and revoke every API token of `user` (after a password reset, a role
    change or a deactivation): what was authorised under the old rights signs in again. Audited with
    the numbers; returns (sessions ended, tokens revoked)."""
    now = clock.now()
    sessies = session.execute(
        update(Sessie)
        .where(Sessie.gebruiker_id == user.id, Sessie.ended_at.is_(None))
        .values(ended_at=now)
        .execution_options(synchronize_session="fetch")
    ).rowcount
    tokens = session.execute(
        update(ApiToken)
        .where(ApiToken.gebruiker_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if sessies or tokens:
        audit.record(
            session,
            actor,
            action="update",
            object_type="gebruiker",
            object_id=user.id,
            purpose="Functioneel beheer",
            reason=f"sessies en API-tokens ingetrokken: {reden}",
            changes={"sessies_beeindigd": [0, sessies], "api_tokens_ingetrokken": [0, tokens]},
        )
    return sessies, tokens


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
