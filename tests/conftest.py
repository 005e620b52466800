"""Test database and clients.

The schema is built by running the Alembic migrations (never create_all), once per run, on the
database named by DATABASE_URL (SQLite file by default, PostgreSQL in CI). Each test runs inside
an outer transaction that is rolled back, and every request inside a savepoint, like production.
"""

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

_TMP = Path(tempfile.mkdtemp(prefix="toegang-test-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'test.db'}"
os.environ.setdefault("SECRET_KEY", "test-secret")

from app import clock  # noqa: E402
from app.config import get_settings  # noqa: E402
from app.db import get_session, make_engine  # noqa: E402

DB_URL = os.environ["DATABASE_URL"]
IS_PG = DB_URL.startswith("postgresql")


def _reset_schema(engine: Engine) -> None:
    if IS_PG:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        path = Path(DB_URL.removeprefix("sqlite:///"))
        if path.exists():
            path.unlink()


def migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    from app.config import ROOT

    cfg = Config(str(ROOT / "alembic.ini"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    get_settings.cache_clear()
    eng = make_engine(DB_URL)
    _reset_schema(eng)
    migrate(eng)
    with eng.begin() as conn:
        from app.domain.codelists.service import load_all
        from seed.run import load_gemeenten

        s = Session(bind=conn)
        load_all(s, get_settings().codelists_dir)
        load_gemeenten(s)
        s.flush()
        s.close()
    yield eng
    eng.dispose()


@pytest.fixture()
def db(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test; commits become savepoint releases."""
    conn = engine.connect()
    outer = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        if outer.is_active:
            outer.rollback()
        conn.close()
        clock.freeze(None)


def savepoint_session(db: Session) -> Callable[[], Iterator[Session]]:
    """A `get_session` override on the test session: each request in its own savepoint, like production
    (deferred audit events are written after a commit as well as after a rollback)."""
    from app.domain import audit

    def _override() -> Iterator[Session]:
        nested = db.begin_nested()
        try:
            yield db
            audit.flush_deferred(db)
            if nested.is_active:
                nested.commit()
        except BaseException:
            if nested.is_active:
                nested.rollback()
            audit.flush_deferred(db)
            raise

    return _override


@pytest.fixture()
def app_client(db: Session):  # type: ignore[no-untyped-def]
    """The ASGI app wired to the test session; each request runs in its own savepoint."""
    from fastapi.testclient import TestClient

    from app.main import app

    app.dependency_overrides[get_session] = savepoint_session(db)
    try:
        yield TestClient(app, follow_redirects=False)
    finally:
        app.dependency_overrides.pop(get_session, None)


pytest_plugins = ["tests.factories"]
