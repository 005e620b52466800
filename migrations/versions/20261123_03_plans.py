"""plans: plan, plan_versie, doel, actie, regieafspraak, evaluatie, schaalbesluit, overgang18, reactie

Revision ID: 20261123_03
Revises: 20261123_02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261123_03"
down_revision: str | None = "20261123_02"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "overgang18",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("persoon_id", sa.Integer(), nullable=False),
        sa.Column("wat_loopt_door", sa.Text(), nullable=False),
        sa.Column("wet_na_18", sa.String(length=20), nullable=False),
        sa.Column("warme_overdracht", sa.Text(), nullable=True),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("grond_verlengde_jeugdhulp", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("wet_na_18 IN ('Wmo', 'Participatiewet')", name=op.f("ck_overgang18_wet_na_18")),
        sa.ForeignKeyConstraint(
            ["huishouden_id"], ["huishouden.id"], name=op.f("fk_overgang18_huishouden_id_huishouden")
        ),
        sa.ForeignKeyConstraint(["persoon_id"], ["persoon.id"], name=op.f("fk_overgang18_persoon_id_persoon")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overgang18")),
    )
    op.create_index(op.f("ix_overgang18_huishouden_id"), "overgang18", ["huishouden_id"], unique=False)
    op.create_index(op.f("ix_overgang18_persoon_id"), "overgang18", ["persoon_id"], unique=False)
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("situatie", sa.Text(), nullable=True),
        sa.Column("prioriteiten", sa.Text(), nullable=True),
        sa.Column("veiligheid", sa.Text(), nullable=True),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("volgende_evaluatie", sa.Date(), nullable=True),
        sa.Column("aangemaakt_door_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('concept', 'vastgesteld', 'geevalueerd', 'afgesloten')", name=op.f("ck_plan_status")
        ),
        sa.ForeignKeyConstraint(
            ["aangemaakt_door_id"], ["gebruiker.id"], name=op.f("fk_plan_aangemaakt_door_id_gebruiker")
        ),
        sa.ForeignKeyConstraint(["huishouden_id"], ["huishouden.id"], name=op.f("fk_plan_huishouden_id_huishouden")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("huishouden_id", name=op.f("uq_plan_huishouden_id")),
    )
    op.create_index(op.f("ix_plan_status"), "plan", ["status"], unique=False)
    op.create_index(op.f("ix_plan_volgende_evaluatie"), "plan", ["volgende_evaluatie"], unique=False)
    op.create_table(
        "schaalbesluit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("van", sa.Integer(), nullable=True),
        sa.Column("naar", sa.Integer(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("besloten_door_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("goedgekeurd_door_id", sa.Integer(), nullable=True),
        sa.Column("goedgekeurd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notitie", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('definitief', 'wacht_op_goedkeuring', 'afgewezen')", name=op.f("ck_schaalbesluit_status")
        ),
        sa.CheckConstraint("naar BETWEEN 0 AND 5", name=op.f("ck_schaalbesluit_naar")),
        sa.CheckConstraint("van IS NULL OR (van BETWEEN 0 AND 5)", name=op.f("ck_schaalbesluit_van")),
        sa.ForeignKeyConstraint(
            ["besloten_door_id"], ["gebruiker.id"], name=op.f("fk_schaalbesluit_besloten_door_id_gebruiker")
        ),
        sa.ForeignKeyConstraint(
            ["goedgekeurd_door_id"], ["gebruiker.id"], name=op.f("fk_schaalbesluit_goedgekeurd_door_id_gebruiker")
        ),
        sa.ForeignKeyConstraint(
            ["huishouden_id"], ["huishouden.id"], name=op.f("fk_schaalbesluit_huishouden_id_huishouden")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schaalbesluit")),
    )
    op.create_index(op.f("ix_schaalbesluit_huishouden_id"), "schaalbesluit", ["huishouden_id"], unique=False)
    op.create_index(op.f("ix_schaalbesluit_status"), "schaalbesluit", ["status"], unique=False)
    op.create_table(
        "doel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("leefgebied", sa.String(length=40), nullable=False),
        sa.Column("woorden", sa.Text(), nullable=False),
        sa.Column("prioriteit", sa.Integer(), nullable=False),
        sa.Column("akkoord_huishouden", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("professioneel_oordeel", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'bezig', 'behaald', 'gestopt')", name=op.f("ck_doel_status")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_doel_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doel")),
    )
    op.create_index(op.f("ix_doel_plan_id"), "doel", ["plan_id"], unique=False)
    op.create_table(
        "evaluatie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("voortgang", sa.JSON(), nullable=False),
        sa.Column("gehoord", sa.Boolean(), nullable=False),
        sa.Column("wat_verandert", sa.Text(), nullable=True),
        sa.Column("schaal_conclusie", sa.String(length=10), nullable=False),
        sa.Column("uitgevoerd_door_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.CheckConstraint("schaal_conclusie IN ('op', 'af', 'gelijk')", name=op.f("ck_evaluatie_schaal_conclusie")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_evaluatie_plan_id_plan")),
        sa.ForeignKeyConstraint(
            ["uitgevoerd_door_id"], ["gebruiker.id"], name=op.f("fk_evaluatie_uitgevoerd_door_id_gebruiker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluatie")),
    )
    op.create_index(op.f("ix_evaluatie_plan_id"), "evaluatie", ["plan_id"], unique=False)
    op.create_table(
        "plan_versie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("versienummer", sa.Integer(), nullable=False),
        sa.Column("vastgesteld_op", sa.Date(), nullable=False),
        sa.Column("akkoord_door", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("vastgesteld_door_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_versie_plan_id_plan")),
        sa.ForeignKeyConstraint(
            ["vastgesteld_door_id"], ["gebruiker.id"], name=op.f("fk_plan_versie_vastgesteld_door_id_gebruiker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versie")),
        sa.UniqueConstraint("plan_id", "versienummer", name="plan_versienummer"),
    )
    op.create_index(op.f("ix_plan_versie_plan_id"), "plan_versie", ["plan_id"], unique=False)
    op.create_table(
        "regieafspraak",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("houder", sa.String(length=20), nullable=False),
        sa.Column("netwerklid_id", sa.Integer(), nullable=True),
        sa.Column("regisseur_id", sa.Integer(), nullable=True),
        sa.Column("begindatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("betekenis", sa.Text(), nullable=False),
        sa.Column("vastgelegd_door_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "houder IN ('huishouden', 'netwerklid', 'professional')", name=op.f("ck_regieafspraak_houder")
        ),
        sa.CheckConstraint("einddatum IS NULL OR einddatum >= begindatum", name=op.f("ck_regieafspraak_periode")),
        sa.ForeignKeyConstraint(
            ["huishouden_id"], ["huishouden.id"], name=op.f("fk_regieafspraak_huishouden_id_huishouden")
        ),
        sa.ForeignKeyConstraint(
            ["netwerklid_id"], ["netwerklid.id"], name=op.f("fk_regieafspraak_netwerklid_id_netwerklid")
        ),
        sa.ForeignKeyConstraint(
            ["regisseur_id"], ["gebruiker.id"], name=op.f("fk_regieafspraak_regisseur_id_gebruiker")
        ),
        sa.ForeignKeyConstraint(
            ["vastgelegd_door_id"], ["gebruiker.id"], name=op.f("fk_regieafspraak_vastgelegd_door_id_gebruiker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regieafspraak")),
    )
    op.create_index(op.f("ix_regieafspraak_huishouden_id"), "regieafspraak", ["huishouden_id"], unique=False)
    op.create_index(op.f("ix_regieafspraak_regisseur_id"), "regieafspraak", ["regisseur_id"], unique=False)
    op.create_table(
        "reactie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("verslag_id", sa.Integer(), nullable=True),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("gelezen_door_regisseur_op", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_reactie_gebruiker_id_gebruiker")),
        sa.ForeignKeyConstraint(["huishouden_id"], ["huishouden.id"], name=op.f("fk_reactie_huishouden_id_huishouden")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_reactie_plan_id_plan")),
        sa.ForeignKeyConstraint(["verslag_id"], ["verslag.id"], name=op.f("fk_reactie_verslag_id_verslag")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reactie")),
    )
    op.create_index(op.f("ix_reactie_huishouden_id"), "reactie", ["huishouden_id"], unique=False)
    op.create_table(
        "actie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doel_id", sa.Integer(), nullable=False),
        sa.Column("wat", sa.Text(), nullable=False),
        sa.Column("wie_soort", sa.String(length=20), nullable=False),
        sa.Column("persoon_id", sa.Integer(), nullable=True),
        sa.Column("netwerklid_id", sa.Integer(), nullable=True),
        sa.Column("gebruiker_id", sa.Integer(), nullable=True),
        sa.Column("voorziening_id", sa.Integer(), nullable=True),
        sa.Column("uiterlijk", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'bezig', 'gedaan', 'vervallen')", name=op.f("ck_actie_status")),
        sa.CheckConstraint(
            "wie_soort IN ('inwoner', 'netwerklid', 'professional', 'voorziening')", name=op.f("ck_actie_wie_soort")
        ),
        sa.ForeignKeyConstraint(["doel_id"], ["doel.id"], name=op.f("fk_actie_doel_id_doel")),
        sa.ForeignKeyConstraint(["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_actie_gebruiker_id_gebruiker")),
        sa.ForeignKeyConstraint(["netwerklid_id"], ["netwerklid.id"], name=op.f("fk_actie_netwerklid_id_netwerklid")),
        sa.ForeignKeyConstraint(["persoon_id"], ["persoon.id"], name=op.f("fk_actie_persoon_id_persoon")),
        sa.ForeignKeyConstraint(
            ["voorziening_id"], ["maatwerkvoorziening.id"], name=op.f("fk_actie_voorziening_id_maatwerkvoorziening")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actie")),
    )
    op.create_index(op.f("ix_actie_doel_id"), "actie", ["doel_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_actie_doel_id"), table_name="actie")
    op.drop_table("actie")
    op.drop_index(op.f("ix_reactie_huishouden_id"), table_name="reactie")
    op.drop_table("reactie")
    op.drop_index(op.f("ix_regieafspraak_regisseur_id"), table_name="regieafspraak")
    op.drop_index(op.f("ix_regieafspraak_huishouden_id"), table_name="regieafspraak")
    op.drop_table("regieafspraak")
    op.drop_index(op.f("ix_plan_versie_plan_id"), table_name="plan_versie")
    op.drop_table("plan_versie")
    op.drop_index(op.f("ix_evaluatie_plan_id"), table_name="evaluatie")
    op.drop_table("evaluatie")
    op.drop_index(op.f("ix_doel_plan_id"), table_name="doel")
    op.drop_table("doel")
    op.drop_index(op.f("ix_schaalbesluit_status"), table_name="schaalbesluit")
    op.drop_index(op.f("ix_schaalbesluit_huishouden_id"), table_name="schaalbesluit")
    op.drop_table("schaalbesluit")
    op.drop_index(op.f("ix_plan_volgende_evaluatie"), table_name="plan")
    op.drop_index(op.f("ix_plan_status"), table_name="plan")
    op.drop_table("plan")
    op.drop_index(op.f("ix_overgang18_persoon_id"), table_name="overgang18")
    op.drop_index(op.f("ix_overgang18_huishouden_id"), table_name="overgang18")
    op.drop_table("overgang18")
