"""supervision: background jobs for reports and exports

Revision ID: 20261123_04
Revises: 20261123_03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261123_04"
down_revision: str | None = "20261123_03"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("voortgang", sa.Integer(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=True),
        sa.Column("resultaat", sa.LargeBinary(), nullable=True),
        sa.Column("samenvatting", sa.JSON(), nullable=True),
        sa.Column("bestandsnaam", sa.String(length=200), nullable=True),
        sa.Column("mime", sa.String(length=100), nullable=True),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fout", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_job_status")),
        sa.CheckConstraint("voortgang BETWEEN 0 AND 100", name=op.f("ck_job_voortgang")),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"], ["gebruiker.id"], name=op.f("fk_job_aangemaakt_door_id_gebruiker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index("ix_job_aangemaakt_door", ["aangemaakt_door_id", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index("ix_job_aangemaakt_door")
    op.drop_table("job")
