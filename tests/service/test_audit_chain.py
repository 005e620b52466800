"""The audit trail (DESIGN §8): same transaction as the change, hash chain, tamper detection, the CLI,
append-only on PostgreSQL, and login/lockout/denial events.

Tests that must see the real request boundary (commit on success, rollback on error, denials that
survive the rollback) run against a scratch SQLite database migrated and seeded by the CLI, with the
app's real session dependency, not the test suite's savepoint override.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from app import db as app_db
from app.config import ROOT
from app.domain import audit, authz
from app.domain.actor import SYSTEM
from app.domain.audit.models import AuditEvent
from app.domain.authz import Handeling
from app.domain.households import schemas as s
from app.domain.households import service
from app.domain.households.models import Huishouden, Netwerklid
from app.domain.organisation.auth import actor_for, create_token
from app.domain.organisation.models import Gebruiker
from tests.conftest import IS_PG
from tests.factories import valid_bsn

DEMO_PASSWORD = "demo-wachtwoord-2026"


def _cli(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "SECRET_KEY": "test-secret"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A SQLite database built exactly as `make run` builds it: migrate, then seed."""
    path = tmp_path_factory.mktemp("audit") / "scratch.db"
    for cmd in (("migrate",), ("seed",)):
        r = _cli(path, *cmd)
        assert r.returncode == 0, r.stderr
    return path


@pytest.fixture()
def real_app(scratch: Path, monkeypatch) -> Iterator[tuple[TestClient, sessionmaker]]:  # type: ignore[no-untyped-def]
    """The app with its own get_session (commit/rollback per request) pointed at the scratch database."""
    from app.main import app

    engine: Engine = app_db.make_engine(f"sqlite:///{scratch}")
    factory = sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)
    monkeypatch.setattr(app_db, "_factory", factory)
    assert not app.dependency_overrides, "the suite's session override must not be active here"
    try:
        yield TestClient(app, follow_redirects=False, raise_server_exceptions=False), factory
    finally:
        engine.dispose()


def _count(session: Session, **where) -> int:  # type: ignore[no-untyped-def]
    q = select(func.count()).select_from(AuditEvent)
    for k, v in where.items():
        q = q.where(getattr(AuditEvent, k) == v)
    return session.scalar(q) or 0


def _token(factory: sessionmaker, username: str) -> tuple[dict[str, str], Gebruiker]:
    with factory() as session:
        user = session.scalars(
            select(Gebruiker)
            .where(Gebruiker.username == username)
            .options(selectinload(Gebruiker.teams), selectinload(Gebruiker.gemeenten))
        ).one()
        token, _ = create_token(session, actor_for(user), naam="audit-test", geldig_dagen=1)
        session.commit()
        return {"Authorization": f"Bearer {token}"}, user


def _invisible_household(factory: sessionmaker, user: Gebruiker) -> int:
    with factory() as session:
        actor = actor_for(user)
        return session.scalars(
            select(Huishouden.id)
            .where(Huishouden.id.not_in(authz.visible_households(actor, Handeling.LEZEN)))
            .order_by(Huishouden.id)
        ).first()


class TestSameTransaction:
    def test_a_change_undone_takes_its_event_with_it(self, world, db) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(u)
        before = _count(db)
        nested = db.begin_nested()
        n = service.add_network_member(
            db, world.actor(u), huishouden_id=hh.id, data=s.NetwerklidIn(naam="Oom Wim", relatie="familie")
        )
        assert _count(db, object_type="netwerklid", object_id=str(n.id)) == 1  # written, not yet committed
        nested.rollback()  # the use case fails after its event was written
        assert _count(db) == before
        assert db.scalar(select(Netwerklid.id).where(Netwerklid.naam == "Oom Wim")) is None

    def test_a_refused_request_leaves_no_event_and_no_change(self, app_client, world, db, api_token) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(u)
        h = api_token(u)
        before = _count(db)
        r = app_client.post(
            f"/api/v1/huishoudens/{hh.id}/leden",
            headers=h,
            json={
                "persoon": {"voornamen": "A", "achternaam": "B", "bsn": "123456789"},
                "relatie": "kind",
                "begindatum": "2024-01-01",
            },
        )
        assert r.status_code == 422
        assert _count(db) == before

    def test_an_event_that_cannot_be_written_fails_the_change(self, real_app, monkeypatch) -> None:
        client, factory = real_app
        h, user = _token(factory, "toegang")
        real_record = audit.record

        def broken(session, actor, **kw):  # type: ignore[no-untyped-def]
            if kw.get("object_type") == "persoon":
                raise RuntimeError("audit store unavailable")
            return real_record(session, actor, **kw)

        monkeypatch.setattr(audit, "record", broken)
        with factory() as session:
            households, events = session.scalar(select(func.count()).select_from(Huishouden)), _count(session)
            gemeente_id = session.scalar(select(Huishouden.gemeente_id).limit(1))
        r = client.post(
            "/api/v1/huishoudens",
            headers=h,
            json={
                "gemeente_id": gemeente_id,
                "straat": "Kerkstraat",
                "huisnummer": 3,
                "postcode": "6101 AB",
                "woonplaats": "Echt",
                "aanvrager": {"bsn": valid_bsn(95_001), "voornamen": "Noor", "achternaam": "Smeets"},
            },
        )
        assert r.status_code == 500
        with factory() as session:
            # The household's own event had been written; it went down with the change.
            assert session.scalar(select(func.count()).select_from(Huishouden)) == households
            assert _count(session) == events

    def test_a_denial_is_kept_although_the_request_is_rolled_back(self, real_app) -> None:
        client, factory = real_app
        h, user = _token(factory, "toegang")
        hid = _invisible_household(factory, user)
        assert hid is not None
        r = client.get(f"/api/v1/huishoudens/{hid}", headers=h)
        assert r.status_code == 404
        with factory() as session:
            ev = session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == "access_denied", AuditEvent.actor_id == user.id)
                .order_by(AuditEvent.id.desc())
            ).first()
            assert ev is not None and ev.huishouden_id == hid and ev.actor_username == "toegang"
            assert audit.verify_chain(session).ok

    def test_a_denied_web_view_is_kept_too(self, real_app) -> None:
        client, factory = real_app
        _, user = _token(factory, "toegang")
        hid = _invisible_household(factory, user)
        client.get("/login")
        r = client.post(
            "/login",
            data={"username": "toegang", "password": DEMO_PASSWORD, "csrf_token": client.cookies.get("toegang_csrf")},
        )
        assert r.status_code == 303
        with factory() as session:
            before = _count(session, action="access_denied", actor_id=user.id)
        r = client.get(f"/huishoudens/{hid}")
        assert r.status_code == 404 and "Niet gevonden of geen toegang" in r.text
        with factory() as session:
            assert _count(session, action="access_denied", actor_id=user.id) == before + 1


class TestHashChain:
    def _three(self, db: Session) -> list[AuditEvent]:
        return [
            audit.record(db, SYSTEM, action="update", object_type="test", object_id=i, reason=f"r{i}") for i in range(3)
        ]

    def test_each_event_links_to_its_predecessor_and_the_chain_verifies(self, db) -> None:
        a, b, c = self._three(db)
        assert b.prev_hash == a.hash and c.prev_hash == b.hash
        assert b.hash == audit.compute_hash(b)
        res = audit.verify_chain(db)
        assert res.ok and res.count == _count(db)

    @pytest.mark.skipif(IS_PG, reason="PostgreSQL refuses the UPDATE itself (see TestAppendOnlyOnPostgres)")
    def test_a_tampered_row_is_found_with_its_id(self, db) -> None:
        a, b, c = self._three(db)
        db.execute(text("UPDATE audit_event SET reason = 'iets anders' WHERE id = :id"), {"id": b.id})
        db.expire_all()
        res = audit.verify_chain(db)
        assert not res.ok and res.broken_id == b.id
        assert "content does not match" in res.message

    @pytest.mark.skipif(IS_PG, reason="PostgreSQL refuses the DELETE itself (see TestAppendOnlyOnPostgres)")
    def test_a_deleted_row_breaks_the_next_link(self, db) -> None:
        a, b, c = self._three(db)
        db.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": b.id})
        db.expire_all()
        res = audit.verify_chain(db)
        assert not res.ok and res.broken_id == c.id
        assert "link to predecessor broken" in res.message


class TestVerifyCommand:
    def test_verify_prints_ok_with_the_count(self, scratch: Path) -> None:
        r = _cli(scratch, "audit", "verify")
        assert r.returncode == 0, r.stdout + r.stderr
        with sqlite3.connect(scratch) as con:
            n = con.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        assert n > 0
        assert r.stdout.startswith(f"OK: {n} events")

    def test_verify_reports_the_first_broken_event(self, scratch: Path, tmp_path: Path) -> None:
        copy = tmp_path / "tampered.db"
        with sqlite3.connect(scratch) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        with sqlite3.connect(copy) as con:
            ids = [row[0] for row in con.execute("SELECT id FROM audit_event ORDER BY id")]
            victim = ids[len(ids) // 2]
            con.execute("UPDATE audit_event SET actor_username = 'iemand' WHERE id = ?", (victim,))
        r = _cli(copy, "audit", "verify")
        assert r.returncode == 1
        assert r.stdout.startswith(f"BROKEN at event {victim}:")
        shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.postgres_only
@pytest.mark.skipif(not IS_PG, reason="the append-only trigger exists on PostgreSQL only; SQLite has no such trigger")
class TestAppendOnlyOnPostgres:
    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE audit_event SET reason = 'weg ermee' WHERE id = :id",
            "DELETE FROM audit_event WHERE id = :id",
            "TRUNCATE audit_event",
        ],
        ids=["update", "delete", "truncate"],
    )
    def test_the_trigger_refuses(self, db, sql: str) -> None:
        ev = audit.record(db, SYSTEM, action="update", object_type="test", object_id=1)
        nested = db.begin_nested()
        with pytest.raises(DBAPIError) as info:
            db.execute(text(sql), {"id": ev.id})
        nested.rollback()
        assert "append-only" in str(info.value).lower() or "audit" in str(info.value).lower()
        assert db.get(AuditEvent, ev.id) is not None


class TestLoginEvents:
    def _post(self, client, username: str, password: str):  # type: ignore[no-untyped-def]
        return client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": client.cookies.get("toegang_csrf")},
        )

    def test_login_is_an_event_with_actor_and_address(self, app_client, world, db) -> None:
        u = world.user("regisseur", username="loginevent")
        app_client.get("/login")
        assert self._post(app_client, "loginevent", "test-wachtwoord-123").status_code == 303
        ev = db.scalars(select(AuditEvent).where(AuditEvent.action == "login", AuditEvent.actor_id == u.id)).one()
        assert ev.actor_username == "loginevent" and ev.actor_rol == "regisseur" and ev.client_addr

    def test_failed_logins_and_the_lockout_are_kept_after_the_refusal(self, real_app) -> None:
        client, factory = real_app
        with factory() as session:
            uid = session.scalar(select(Gebruiker.id).where(Gebruiker.username == "auditor"))
            failed0 = _count(session, action="login_failed", object_id=str(uid))
            lock0 = _count(session, action="lockout", object_id=str(uid))
        client.get("/login")
        for _ in range(5):
            assert self._post(client, "auditor", "helemaal-fout-123").status_code == 401
        r = self._post(client, "auditor", DEMO_PASSWORD)
        assert r.status_code == 401 and "geblokkeerd" in r.text
        with factory() as session:
            assert _count(session, action="login_failed", object_id=str(uid)) == failed0 + 6
            assert _count(session, action="lockout", object_id=str(uid)) == lock0 + 1
            last = session.scalars(
                select(AuditEvent).where(AuditEvent.object_id == str(uid)).order_by(AuditEvent.id.desc())
            ).first()
            assert last.action == "login_failed" and last.reason == "account geblokkeerd"
            assert audit.verify_chain(session).ok

    def test_unknown_user_login_is_an_event_without_actor_id(self, app_client, db) -> None:
        app_client.get("/login")
        assert self._post(app_client, "bestaatniet", "wat-dan-ook-123").status_code == 401
        ev = db.scalars(
            select(AuditEvent).where(AuditEvent.action == "login_failed", AuditEvent.actor_username == "bestaatniet")
        ).one()
        assert ev.actor_id is None and ev.object_id is None
