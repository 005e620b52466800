"""hardening: the author of a beschikking (four eyes) and an atomic login-failure counter

Revision ID: 20261202_06
Revises: 20261202_07

`beschikking.opgesteld_door_id` is filled for existing rows from the audit trail: the actor of the
`create` event of that beschikking (every beschikking has been created through the service, which
writes that event in the same transaction). It stays NULL where no such event with a user exists
(data loaded around the service, or an event written by the system itself); for those rows the
author is unknown, and approval falls back to the earlier rule (any supervisor with the relation).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_06"
down_revision: str | None = "20261202_07"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("beschikking", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opgesteld_door_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_beschikking_opgesteld_door_id"), ["opgesteld_door_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_beschikking_opgesteld_door_id_gebruiker"), "gebruiker", ["opgesteld_door_id"], ["id"]
        )
    # The creator from the audit trail (the first create event of each beschikking, by a known user).
    op.execute(
        """
        UPDATE beschikking SET opgesteld_door_id = (
            SELECT e.actor_id FROM audit_event e
            WHERE e.object_type = 'beschikking' AND e.action = 'create'
              AND e.object_id = CAST(beschikking.id AS VARCHAR(50))
              AND e.actor_id IN (SELECT g.id FROM gebruiker g)
            ORDER BY e.id LIMIT 1
        )
        """
    )
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("login_fouten", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("login_fouten_sinds", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("gebruiker", schema=None) as batch_op:
        batch_op.drop_column("login_fouten_sinds")
        batch_op.drop_column("login_fouten")
    with op.batch_alter_table("beschikking", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_beschikking_opgesteld_door_id_gebruiker"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_beschikking_opgesteld_door_id"))
        batch_op.drop_column("opgesteld_door_id")
