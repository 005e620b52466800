"""berichten: iWmo/iJw message traffic with providers; start/stop of care marked handmatig or bericht

Revision ID: 20261202_07
Revises: 20261123_04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261202_07"
down_revision: str | None = "20261123_04"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACTIONS_OLD = [
    "view",
    "create",
    "update",
    "transition",
    "approve",
    "reject",
    "export",
    "login",
    "login_failed",
    "logout",
    "lockout",
    "access_denied",
    "break_the_glass",
    "search",
    "delete",
]
_ACTIONS_NEW = [*_ACTIONS_OLD[:7], "import", *_ACTIONS_OLD[7:]]


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _audit_actions(values: list[str]) -> None:
    # The audit verb list gains "import" (incoming messages). SQLite cannot alter a CHECK in place.
    with op.batch_alter_table("audit_event") as b:
        b.drop_constraint(op.f("ck_audit_event_action"), type_="check")
        b.create_check_constraint(op.f("ck_audit_event_action"), _in("action", values))


def upgrade() -> None:
    op.create_table(
        "bericht",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=10), nullable=False),
        sa.Column("richting", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("toewijzing_id", sa.Integer(), nullable=True),
        sa.Column("aanbieder_id", sa.Integer(), nullable=True),
        sa.Column("huishouden_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("antwoord_op_id", sa.Integer(), nullable=True),
        sa.Column("afzender", sa.String(length=8), nullable=True),
        sa.Column("ontvanger", sa.String(length=8), nullable=True),
        sa.Column("identificatie", sa.String(length=20), nullable=True),
        sa.Column("retourcodes", sa.JSON(), nullable=False),
        sa.Column("fouten", sa.JSON(), nullable=False),
        sa.Column("samenvatting", sa.Text(), nullable=True),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=200), nullable=True),
        sa.Column("ontvangen_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verzonden_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verwerkt_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.CheckConstraint("richting IN ('uit', 'in')", name=op.f("ck_bericht_richting")),
        sa.CheckConstraint(
            "status IN ('klaar', 'ongeldig', 'verzonden', 'geaccepteerd', 'afgekeurd', 'verwerkt', "
            "'te_behandelen', 'beantwoord')",
            name=op.f("ck_bericht_status"),
        ),
        sa.ForeignKeyConstraint(["toewijzing_id"], ["toewijzing.id"], name=op.f("fk_bericht_toewijzing_id_toewijzing")),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_bericht_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(["huishouden_id"], ["huishouden.id"], name=op.f("fk_bericht_huishouden_id_huishouden")),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_bericht_team_id_team")),
        sa.ForeignKeyConstraint(["antwoord_op_id"], ["bericht.id"], name=op.f("fk_bericht_antwoord_op_id_bericht")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bericht")),
        sa.UniqueConstraint("richting", "sha256", name="uq_bericht_richting_sha256"),
    )
    op.create_index(op.f("ix_bericht_toewijzing_id"), "bericht", ["toewijzing_id"])
    op.create_index(op.f("ix_bericht_aanbieder_id"), "bericht", ["aanbieder_id"])
    op.create_index(op.f("ix_bericht_huishouden_id"), "bericht", ["huishouden_id"])
    op.create_index(op.f("ix_bericht_team_id"), "bericht", ["team_id"])
    op.create_index(op.f("ix_bericht_antwoord_op_id"), "bericht", ["antwoord_op_id"])
    op.create_index("ix_bericht_status_soort", "bericht", ["status", "soort"])
    op.create_index("ix_bericht_afzender_identificatie", "bericht", ["afzender", "identificatie"])

    with op.batch_alter_table("toewijzing") as b:
        b.add_column(sa.Column("start_via", sa.String(length=10), nullable=True))
        b.add_column(sa.Column("stop_via", sa.String(length=10), nullable=True))
        b.create_check_constraint(
            op.f("ck_toewijzing_start_via"), "start_via IS NULL OR start_via IN ('handmatig', 'bericht')"
        )
        b.create_check_constraint(
            op.f("ck_toewijzing_stop_via"), "stop_via IS NULL OR stop_via IN ('handmatig', 'bericht')"
        )
    # Care already started or stopped was typed in by hand: there was no message traffic before.
    op.execute("UPDATE toewijzing SET start_via = 'handmatig' WHERE start_zorg IS NOT NULL")
    op.execute("UPDATE toewijzing SET stop_via = 'handmatig' WHERE stop_zorg IS NOT NULL")
    _audit_actions(_ACTIONS_NEW)


def downgrade() -> None:
    _audit_actions(_ACTIONS_OLD)
    with op.batch_alter_table("toewijzing") as b:
        b.drop_constraint(op.f("ck_toewijzing_stop_via"), type_="check")
        b.drop_constraint(op.f("ck_toewijzing_start_via"), type_="check")
        b.drop_column("stop_via")
        b.drop_column("start_via")
    op.drop_table("bericht")
