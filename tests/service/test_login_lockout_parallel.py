"""The login lockout holds under parallel attack (issue 9, hole 8), on SQLite and PostgreSQL.

30 wrong passwords arrive at once, each in its own session and transaction on a real database (a
fresh one, migrated, so the committed attempts touch no other test). No more than the limit may be
evaluated against the password hash, the account is locked afterwards, and an unknown username gets
exactly the same answers as an existing one.
"""

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import make_engine
from app.domain import audit
from app.domain.errors import ValidationError
from app.domain.organisation import auth
from app.domain.organisation.models import Gebruiker, GebruikerRol
from app.domain.organisation.security import hash_password
from tests.conftest import _TMP, DB_URL, IS_PG, migrate

PARALLEL = 30
PASSWORD = "het-juiste-wachtwoord-2026"


@pytest.fixture(scope="module")
def fresh_engine() -> Iterator[Engine]:
    name = f"lockout_{uuid.uuid4().hex[:8]}"
    if IS_PG:
        admin = make_engine(DB_URL)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(DB_URL).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{Path(_TMP) / (name + '.db')}"
    eng = make_engine(url)
    migrate(eng)
    yield eng
    eng.dispose()
    if IS_PG:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


def _make_user(engine: Engine, username: str) -> int:
    with Session(engine) as s:
        u = Gebruiker(username=username, naam="Doelwit", password_hash=hash_password(PASSWORD), actief=True)
        u.rollen_rows = [GebruikerRol(rol="toegangsmedewerker")]
        s.add(u)
        s.commit()
        return u.id


def _attempt(engine: Engine, username: str, password: str) -> str:
    """One login like the route does it: its own transaction, committed also on failure."""
    session = Session(engine, expire_on_commit=False)
    try:
        try:
            auth.authenticate(session, username=username, password=password, request_id="par", client_addr="10.0.0.1")
            outcome = "ok"
        except ValidationError as exc:
            outcome = exc.message
        audit.flush_deferred(session)
        session.commit()
        return outcome
    finally:
        session.close()


@pytest.fixture()
def counted(monkeypatch):  # type: ignore[no-untyped-def]
    """Counts how many passwords are really evaluated against a user's hash."""
    calls = {"n": 0}
    lock = threading.Lock()
    real = auth.verify_password

    def counting(password: str, hashed: str) -> bool:
        with lock:
            calls["n"] += 1
        return real(password, hashed)

    monkeypatch.setattr(auth, "verify_password", counting)
    return calls


class TestParallelWrongPasswords:
    def test_no_more_than_the_limit_is_evaluated_and_the_account_ends_locked(self, fresh_engine, counted) -> None:
        limit = get_settings().login_max_failures
        username = f"doelwit{uuid.uuid4().hex[:6]}"
        user_id = _make_user(fresh_engine, username)
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            outcomes = list(pool.map(lambda i: _attempt(fresh_engine, username, f"fout-{i}"), range(PARALLEL)))
        assert counted["n"] <= limit
        assert outcomes.count(auth.LOGIN_FOUT) == limit
        assert outcomes.count(auth.LOCKED) == PARALLEL - limit
        with Session(fresh_engine) as s:
            u = s.get(Gebruiker, user_id)
            assert u is not None and u.locked_until is not None
            locks = s.scalar(
                text("SELECT count(*) FROM audit_event WHERE action = 'lockout' AND object_id = :id"),
                {"id": str(user_id)},
            )
            assert locks == 1
        # Locked means locked: even the right password is not evaluated now.
        before = counted["n"]
        assert _attempt(fresh_engine, username, PASSWORD) == auth.LOCKED
        assert counted["n"] == before

    def test_unknown_username_gets_the_same_answers(self, fresh_engine, counted) -> None:
        known = f"bekend{uuid.uuid4().hex[:6]}"
        _make_user(fresh_engine, known)
        unknown = f"onbekend{uuid.uuid4().hex[:6]}"
        seq_known = [_attempt(fresh_engine, known, "fout") for _ in range(get_settings().login_max_failures + 2)]
        seq_unknown = [_attempt(fresh_engine, unknown, "fout") for _ in range(get_settings().login_max_failures + 2)]
        assert seq_known == seq_unknown
        assert seq_known[-1] == auth.LOCKED and seq_known[0] == auth.LOGIN_FOUT

    def test_a_success_resets_the_count(self, fresh_engine) -> None:
        username = f"vergeetachtig{uuid.uuid4().hex[:6]}"
        user_id = _make_user(fresh_engine, username)
        limit = get_settings().login_max_failures
        for _ in range(limit - 1):
            assert _attempt(fresh_engine, username, "fout") == auth.LOGIN_FOUT
        assert _attempt(fresh_engine, username, PASSWORD) == "ok"
        for _ in range(limit - 1):
            assert _attempt(fresh_engine, username, "fout") == auth.LOGIN_FOUT
        with Session(fresh_engine) as s:
            u = s.scalar(select(Gebruiker).where(Gebruiker.id == user_id))
            assert u is not None and u.locked_until is None and u.login_fouten == limit - 1
