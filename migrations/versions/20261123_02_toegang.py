"""toegang: ondersteuningsvraag, gesprek, verslag, aanvraag, beschikking, voorzieningen, toewijzing, bezwaar

Revision ID: 20261123_02
Revises: 20261123_01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "20261123_02"
down_revision: str | None = "20261123_01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ondersteuningsvraag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("datum_melding", sa.Date(), nullable=False),
        sa.Column("kanaal", sa.String(length=20), nullable=False),
        sa.Column("aanmelder", sa.String(length=20), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("leefgebieden", sa.JSON(), nullable=False),
        sa.Column("betrokken_persoon_ids", sa.JSON(), nullable=False),
        sa.Column("spoed", sa.Boolean(), nullable=False),
        sa.Column("meervoudig", sa.Boolean(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("behandelaar_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("ontvangst_bevestigd_op", sa.Date(), nullable=True),
        sa.Column("afsluitreden", sa.String(length=30), nullable=True),
        sa.Column("nazorgdatum", sa.Date(), nullable=True),
        sa.Column("afgesloten_op", sa.Date(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "aanmelder IN ('zelf', 'huisarts', 'school', 'wijkteam', 'veilig_thuis', 'jeugdarts', 'politie', 'overig')",
            name=op.f("ck_ondersteuningsvraag_aanmelder"),
        ),
        sa.CheckConstraint(
            "afsluitreden IS NULL OR afsluitreden IN ('opgelost_voorliggend', 'ingetrokken', 'voorziening_toegekend', 'afgewezen', 'geen_vervolg')",
            name=op.f("ck_ondersteuningsvraag_afsluitreden"),
        ),
        sa.CheckConstraint(
            "kanaal IN ('balie', 'telefoon', 'digitaal', 'huisbezoek')", name=op.f("ck_ondersteuningsvraag_kanaal")
        ),
        sa.CheckConstraint(
            "status IN ('gemeld', 'in_onderzoek', 'onderzoek_afgerond', 'aanvraag_ontvangen', 'besloten', 'afgesloten')",
            name=op.f("ck_ondersteuningsvraag_status"),
        ),
        sa.ForeignKeyConstraint(
            ["behandelaar_id"], ["gebruiker.id"], name=op.f("fk_ondersteuningsvraag_behandelaar_id_gebruiker")
        ),
        sa.ForeignKeyConstraint(
            ["huishouden_id"], ["huishouden.id"], name=op.f("fk_ondersteuningsvraag_huishouden_id_huishouden")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_ondersteuningsvraag_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ondersteuningsvraag")),
    )
    op.create_index(
        op.f("ix_ondersteuningsvraag_behandelaar_id"), "ondersteuningsvraag", ["behandelaar_id"], unique=False
    )
    op.create_index(
        op.f("ix_ondersteuningsvraag_datum_melding"), "ondersteuningsvraag", ["datum_melding"], unique=False
    )
    op.create_index(
        op.f("ix_ondersteuningsvraag_huishouden_id"), "ondersteuningsvraag", ["huishouden_id"], unique=False
    )
    op.create_index(op.f("ix_ondersteuningsvraag_status"), "ondersteuningsvraag", ["status"], unique=False)
    op.create_index(op.f("ix_ondersteuningsvraag_team_id"), "ondersteuningsvraag", ["team_id"], unique=False)
    op.create_index("ix_ondersteuningsvraag_team_status", "ondersteuningsvraag", ["team_id", "status"], unique=False)
    op.create_table(
        "aanvraag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vraag_id", sa.Integer(), nullable=False),
        sa.Column("datum_ontvangst", sa.Date(), nullable=False),
        sa.Column("wet", sa.String(length=20), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["vraag_id"], ["ondersteuningsvraag.id"], name=op.f("fk_aanvraag_vraag_id_ondersteuningsvraag")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvraag")),
    )
    op.create_index(op.f("ix_aanvraag_datum_ontvangst"), "aanvraag", ["datum_ontvangst"], unique=False)
    op.create_index(op.f("ix_aanvraag_vraag_id"), "aanvraag", ["vraag_id"], unique=False)
    op.create_table(
        "gesprek",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vraag_id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("plaats", sa.String(length=200), nullable=True),
        sa.Column("deelnemers", sa.Text(), nullable=True),
        sa.Column("eigen_kracht", sa.Text(), nullable=True),
        sa.Column("netwerk", sa.Text(), nullable=True),
        sa.Column("gebruikelijke_hulp", sa.Text(), nullable=True),
        sa.Column("algemene_voorzieningen", sa.Text(), nullable=True),
        sa.Column("voorliggende_voorzieningen", sa.Text(), nullable=True),
        sa.Column("clientondersteuning_aangeboden", sa.Boolean(), nullable=False),
        sa.Column("clientondersteuning_geaccepteerd", sa.Boolean(), nullable=True),
        sa.Column("clientondersteuner_naam", sa.String(length=200), nullable=True),
        sa.Column("mantelzorg_besproken", sa.Boolean(), nullable=False),
        sa.Column("persoonlijk_plan_ontvangen_op", sa.Date(), nullable=True),
        sa.Column("door_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["door_id"], ["gebruiker.id"], name=op.f("fk_gesprek_door_id_gebruiker")),
        sa.ForeignKeyConstraint(
            ["vraag_id"], ["ondersteuningsvraag.id"], name=op.f("fk_gesprek_vraag_id_ondersteuningsvraag")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gesprek")),
    )
    op.create_index(op.f("ix_gesprek_vraag_id"), "gesprek", ["vraag_id"], unique=False)
    op.create_table(
        "termijnaanpassing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vraag_id", sa.Integer(), nullable=False),
        sa.Column("stap", sa.String(length=20), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("van", sa.Date(), nullable=False),
        sa.Column("tot", sa.Date(), nullable=True),
        sa.Column("dagen", sa.Integer(), nullable=True),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("door_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.CheckConstraint("soort IN ('opschorting', 'verdaging')", name=op.f("ck_termijnaanpassing_soort")),
        sa.CheckConstraint("stap IN ('onderzoek', 'beschikking')", name=op.f("ck_termijnaanpassing_stap")),
        sa.CheckConstraint("dagen IS NULL OR dagen > 0", name=op.f("ck_termijnaanpassing_dagen")),
        sa.CheckConstraint("tot IS NULL OR tot >= van", name=op.f("ck_termijnaanpassing_periode")),
        sa.ForeignKeyConstraint(["door_id"], ["gebruiker.id"], name=op.f("fk_termijnaanpassing_door_id_gebruiker")),
        sa.ForeignKeyConstraint(
            ["vraag_id"], ["ondersteuningsvraag.id"], name=op.f("fk_termijnaanpassing_vraag_id_ondersteuningsvraag")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_termijnaanpassing")),
    )
    op.create_index(op.f("ix_termijnaanpassing_vraag_id"), "termijnaanpassing", ["vraag_id"], unique=False)
    op.create_table(
        "verslag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vraag_id", sa.Integer(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("verzonden_op", sa.Date(), nullable=True),
        sa.Column("reactie_inwoner", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vraag_id"], ["ondersteuningsvraag.id"], name=op.f("fk_verslag_vraag_id_ondersteuningsvraag")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verslag")),
        sa.UniqueConstraint("vraag_id", name=op.f("uq_verslag_vraag_id")),
    )
    op.create_index(op.f("ix_verslag_verzonden_op"), "verslag", ["verzonden_op"], unique=False)
    op.create_table(
        "vraag_status_wijziging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vraag_id", sa.Integer(), nullable=False),
        sa.Column("van", sa.String(length=30), nullable=True),
        sa.Column("naar", sa.String(length=30), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door_id", sa.Integer(), nullable=True),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["door_id"], ["gebruiker.id"], name=op.f("fk_vraag_status_wijziging_door_id_gebruiker")
        ),
        sa.ForeignKeyConstraint(
            ["vraag_id"],
            ["ondersteuningsvraag.id"],
            name=op.f("fk_vraag_status_wijziging_vraag_id_ondersteuningsvraag"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vraag_status_wijziging")),
    )
    op.create_index(op.f("ix_vraag_status_wijziging_vraag_id"), "vraag_status_wijziging", ["vraag_id"], unique=False)
    op.create_table(
        "beschikking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanvraag_id", sa.Integer(), nullable=False),
        sa.Column("vraag_id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.String(length=20), nullable=False),
        sa.Column("besluitdatum", sa.Date(), nullable=False),
        sa.Column("verzonden_op", sa.Date(), nullable=True),
        sa.Column("besluit", sa.String(length=30), nullable=False),
        sa.Column("wet", sa.String(length=20), nullable=False),
        sa.Column("grondslag", sa.String(length=200), nullable=False),
        sa.Column("motivering", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("goedkeuring_nodig", sa.Boolean(), nullable=False),
        sa.Column("goedgekeurd_door_id", sa.Integer(), nullable=True),
        sa.Column("goedgekeurd_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("goedkeuring_notitie", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "besluit IN ('toekenning', 'gedeeltelijke_toekenning', 'afwijzing')", name=op.f("ck_beschikking_besluit")
        ),
        sa.CheckConstraint(
            "status IN ('concept', 'ter_goedkeuring', 'definitief', 'afgekeurd')", name=op.f("ck_beschikking_status")
        ),
        sa.CheckConstraint(
            "wet IN ('Wmo', 'Jeugdwet', 'Participatiewet', 'Schuldhulp')", name=op.f("ck_beschikking_wet")
        ),
        sa.ForeignKeyConstraint(["aanvraag_id"], ["aanvraag.id"], name=op.f("fk_beschikking_aanvraag_id_aanvraag")),
        sa.ForeignKeyConstraint(
            ["goedgekeurd_door_id"], ["gebruiker.id"], name=op.f("fk_beschikking_goedgekeurd_door_id_gebruiker")
        ),
        sa.ForeignKeyConstraint(
            ["huishouden_id"], ["huishouden.id"], name=op.f("fk_beschikking_huishouden_id_huishouden")
        ),
        sa.ForeignKeyConstraint(
            ["vraag_id"], ["ondersteuningsvraag.id"], name=op.f("fk_beschikking_vraag_id_ondersteuningsvraag")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beschikking")),
        sa.UniqueConstraint("nummer", name=op.f("uq_beschikking_nummer")),
    )
    op.create_index(op.f("ix_beschikking_aanvraag_id"), "beschikking", ["aanvraag_id"], unique=False)
    op.create_index(op.f("ix_beschikking_huishouden_id"), "beschikking", ["huishouden_id"], unique=False)
    op.create_index(op.f("ix_beschikking_status"), "beschikking", ["status"], unique=False)
    op.create_index(op.f("ix_beschikking_verzonden_op"), "beschikking", ["verzonden_op"], unique=False)
    op.create_index(op.f("ix_beschikking_vraag_id"), "beschikking", ["vraag_id"], unique=False)
    op.create_table(
        "gesprek_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gesprek_id", sa.Integer(), nullable=False),
        sa.Column("domein", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("eigen_woorden", sa.Text(), nullable=True),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_gesprek_score_score")),
        sa.ForeignKeyConstraint(
            ["gesprek_id"], ["gesprek.id"], name=op.f("fk_gesprek_score_gesprek_id_gesprek"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gesprek_score")),
    )
    op.create_index(op.f("ix_gesprek_score_gesprek_id"), "gesprek_score", ["gesprek_id"], unique=False)
    op.create_table(
        "bezwaar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beschikking_id", sa.Integer(), nullable=False),
        sa.Column("datum_ontvangst", sa.Date(), nullable=False),
        sa.Column("tijdig", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("beslisdatum", sa.Date(), nullable=True),
        sa.Column("uitkomst", sa.String(length=20), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('ontvangen', 'in_behandeling', 'besloten', 'ingetrokken')", name=op.f("ck_bezwaar_status")
        ),
        sa.CheckConstraint(
            "uitkomst IS NULL OR uitkomst IN ('gegrond', 'ongegrond', 'deels_gegrond', 'niet_ontvankelijk', 'ingetrokken')",
            name=op.f("ck_bezwaar_uitkomst"),
        ),
        sa.ForeignKeyConstraint(
            ["beschikking_id"], ["beschikking.id"], name=op.f("fk_bezwaar_beschikking_id_beschikking")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bezwaar")),
    )
    op.create_index(op.f("ix_bezwaar_beschikking_id"), "bezwaar", ["beschikking_id"], unique=False)
    op.create_index(op.f("ix_bezwaar_status"), "bezwaar", ["status"], unique=False)
    op.create_table(
        "maatwerkvoorziening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beschikking_id", sa.Integer(), nullable=False),
        sa.Column("huishouden_id", sa.Integer(), nullable=False),
        sa.Column("persoon_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("wet", sa.String(length=20), nullable=False),
        sa.Column("leveringsvorm", sa.String(length=3), nullable=False),
        sa.Column("volume", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("eenheid", sa.String(length=4), nullable=False),
        sa.Column("frequentie", sa.String(length=4), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=True),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("evaluatiedatum", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reden_beeindiging", sa.String(length=4), nullable=True),
        sa.Column("pgb_bekwaamheid", sa.Boolean(), nullable=False),
        sa.Column("pgb_passend", sa.Boolean(), nullable=False),
        sa.Column("pgb_kwaliteit", sa.Boolean(), nullable=False),
        sa.Column("grond_verlengde_jeugdhulp", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("leveringsvorm IN ('ZIN', 'PGB')", name=op.f("ck_maatwerkvoorziening_leveringsvorm")),
        sa.CheckConstraint(
            "status IN ('aangevraagd', 'toegekend', 'actief', 'beeindigd', 'afgewezen')",
            name=op.f("ck_maatwerkvoorziening_status"),
        ),
        sa.CheckConstraint(
            "wet IN ('Wmo', 'Jeugdwet', 'Participatiewet', 'Schuldhulp')", name=op.f("ck_maatwerkvoorziening_wet")
        ),
        sa.CheckConstraint(
            "einddatum IS NULL OR einddatum >= ingangsdatum", name=op.f("ck_maatwerkvoorziening_periode")
        ),
        sa.CheckConstraint("volume > 0", name=op.f("ck_maatwerkvoorziening_volume")),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_maatwerkvoorziening_aanbieder_id_aanbieder")
        ),
        sa.ForeignKeyConstraint(
            ["beschikking_id"], ["beschikking.id"], name=op.f("fk_maatwerkvoorziening_beschikking_id_beschikking")
        ),
        sa.ForeignKeyConstraint(
            ["huishouden_id"], ["huishouden.id"], name=op.f("fk_maatwerkvoorziening_huishouden_id_huishouden")
        ),
        sa.ForeignKeyConstraint(["persoon_id"], ["persoon.id"], name=op.f("fk_maatwerkvoorziening_persoon_id_persoon")),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_maatwerkvoorziening_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maatwerkvoorziening")),
    )
    op.create_index(op.f("ix_maatwerkvoorziening_aanbieder_id"), "maatwerkvoorziening", ["aanbieder_id"], unique=False)
    op.create_index(
        op.f("ix_maatwerkvoorziening_beschikking_id"), "maatwerkvoorziening", ["beschikking_id"], unique=False
    )
    op.create_index(op.f("ix_maatwerkvoorziening_einddatum"), "maatwerkvoorziening", ["einddatum"], unique=False)
    op.create_index(
        op.f("ix_maatwerkvoorziening_huishouden_id"), "maatwerkvoorziening", ["huishouden_id"], unique=False
    )
    op.create_index(op.f("ix_maatwerkvoorziening_persoon_id"), "maatwerkvoorziening", ["persoon_id"], unique=False)
    op.create_index(op.f("ix_maatwerkvoorziening_product_id"), "maatwerkvoorziening", ["product_id"], unique=False)
    op.create_index(op.f("ix_maatwerkvoorziening_status"), "maatwerkvoorziening", ["status"], unique=False)
    op.create_table(
        "toewijzing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voorziening_id", sa.Integer(), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=20), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("volume", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("eenheid", sa.String(length=4), nullable=False),
        sa.Column("frequentie", sa.String(length=4), nullable=False),
        sa.Column("reden_wijziging", sa.String(length=4), nullable=True),
        sa.Column("start_zorg", sa.Date(), nullable=True),
        sa.Column("stop_zorg", sa.Date(), nullable=True),
        sa.Column("reden_beeindiging", sa.String(length=4), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.CheckConstraint("einddatum IS NULL OR einddatum >= ingangsdatum", name=op.f("ck_toewijzing_periode")),
        sa.CheckConstraint("volume > 0", name=op.f("ck_toewijzing_volume")),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"], name=op.f("fk_toewijzing_aanbieder_id_aanbieder")),
        sa.ForeignKeyConstraint(
            ["voorziening_id"],
            ["maatwerkvoorziening.id"],
            name=op.f("fk_toewijzing_voorziening_id_maatwerkvoorziening"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toewijzing")),
        sa.UniqueConstraint("toewijzingnummer", name=op.f("uq_toewijzing_toewijzingnummer")),
    )
    op.create_index(op.f("ix_toewijzing_aanbieder_id"), "toewijzing", ["aanbieder_id"], unique=False)
    op.create_index(op.f("ix_toewijzing_voorziening_id"), "toewijzing", ["voorziening_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_toewijzing_voorziening_id"), table_name="toewijzing")
    op.drop_index(op.f("ix_toewijzing_aanbieder_id"), table_name="toewijzing")
    op.drop_table("toewijzing")
    op.drop_index(op.f("ix_maatwerkvoorziening_status"), table_name="maatwerkvoorziening")
    op.drop_index(op.f("ix_maatwerkvoorziening_product_id"), table_name="maatwerkvoorziening")
    op.drop_index(op.f("ix_maatwerkvoorziening_persoon_id"), table_name="maatwerkvoorziening")
    op.drop_index(op.f("ix_maatwerkvoorziening_huishouden_id"), table_name="maatwerkvoorziening")
    op.drop_index(op.f("ix_maatwerkvoorziening_einddatum"), table_name="maatwerkvoorziening")
    op.drop_index(op.f("ix_maatwerkvoorziening_beschikking_id"), table_name="maatwerkvoorziening")
    op.drop_index(op.f("ix_maatwerkvoorziening_aanbieder_id"), table_name="maatwerkvoorziening")
    op.drop_table("maatwerkvoorziening")
    op.drop_index(op.f("ix_bezwaar_status"), table_name="bezwaar")
    op.drop_index(op.f("ix_bezwaar_beschikking_id"), table_name="bezwaar")
    op.drop_table("bezwaar")
    op.drop_index(op.f("ix_gesprek_score_gesprek_id"), table_name="gesprek_score")
    op.drop_table("gesprek_score")
    op.drop_index(op.f("ix_beschikking_vraag_id"), table_name="beschikking")
    op.drop_index(op.f("ix_beschikking_verzonden_op"), table_name="beschikking")
    op.drop_index(op.f("ix_beschikking_status"), table_name="beschikking")
    op.drop_index(op.f("ix_beschikking_huishouden_id"), table_name="beschikking")
    op.drop_index(op.f("ix_beschikking_aanvraag_id"), table_name="beschikking")
    op.drop_table("beschikking")
    op.drop_index(op.f("ix_vraag_status_wijziging_vraag_id"), table_name="vraag_status_wijziging")
    op.drop_table("vraag_status_wijziging")
    op.drop_index(op.f("ix_verslag_verzonden_op"), table_name="verslag")
    op.drop_table("verslag")
    op.drop_index(op.f("ix_termijnaanpassing_vraag_id"), table_name="termijnaanpassing")
    op.drop_table("termijnaanpassing")
    op.drop_index(op.f("ix_gesprek_vraag_id"), table_name="gesprek")
    op.drop_table("gesprek")
    op.drop_index(op.f("ix_aanvraag_vraag_id"), table_name="aanvraag")
    op.drop_index(op.f("ix_aanvraag_datum_ontvangst"), table_name="aanvraag")
    op.drop_table("aanvraag")
    op.drop_index("ix_ondersteuningsvraag_team_status", table_name="ondersteuningsvraag")
    op.drop_index(op.f("ix_ondersteuningsvraag_team_id"), table_name="ondersteuningsvraag")
    op.drop_index(op.f("ix_ondersteuningsvraag_status"), table_name="ondersteuningsvraag")
    op.drop_index(op.f("ix_ondersteuningsvraag_huishouden_id"), table_name="ondersteuningsvraag")
    op.drop_index(op.f("ix_ondersteuningsvraag_datum_melding"), table_name="ondersteuningsvraag")
    op.drop_index(op.f("ix_ondersteuningsvraag_behandelaar_id"), table_name="ondersteuningsvraag")
    op.drop_table("ondersteuningsvraag")
