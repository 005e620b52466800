"""Engine, session factory and the one transaction-per-request dependency.

Services only flush; the request boundary commits on success and rolls back on error, so a change
and its audit event always land together or not at all.
"""

from collections.abc import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.config import get_settings
from app.domain import audit

_engine: Engine | None = None
_factory: sessionmaker[Session] | None = None


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # Let SQLAlchemy issue BEGIN itself so SAVEPOINTs work with pysqlite.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            # SQLite ignores foreign keys unless asked; WAL lets readers work during a write.
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        url = get_settings().database_url
        if url.startswith("sqlite:///"):
            from pathlib import Path

            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        _engine = make_engine(url)
    return _engine


def session_factory() -> sessionmaker[Session]:
    global _factory
    if _factory is None:
        import app.domain.models  # noqa: F401  (every mapper known before the first query)

        _factory = sessionmaker(bind=get_engine(), expire_on_commit=False, autoflush=True)
    return _factory


def get_session() -> Iterator[Session]:
    """FastAPI dependency: one session, one transaction per request."""
    session = session_factory()()
    try:
        yield session
        audit.flush_deferred(session)
        session.commit()
    except BaseException:
        session.rollback()
        # Denials are facts even when the request itself is undone.
        if audit.flush_deferred(session):
            session.commit()
        raise
    finally:
        session.close()
