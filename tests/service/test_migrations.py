"""The schema comes only from the migrations: models and migrations must agree, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from app.domain.models import metadata


class TestModelsMatchMigrations:
    def test_no_drift(self, engine: Engine) -> None:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, metadata)
        assert diff == [], f"models and migrations differ: {diff}"
