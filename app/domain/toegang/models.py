"""SQLAlchemy models of the toegang area: the ondersteuningsvraag from melding to beschikking,
the voorzieningen and toewijzingen that follow from it, and bezwaar (DESIGN §3 Toegang, §4).

Status columns are strings with CHECK constraints; the status history of a vraag is append-only
(`VraagStatusWijziging`), written by the one `transition` service.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.base import Base, Timestamps, Versioned, check_in
from app.domain.toegang.rules import AFSLUITREDENEN, VraagStatus

KANALEN = ("balie", "telefoon", "digitaal", "huisbezoek")
AANMELDERS = ("zelf", "huisarts", "school", "wijkteam", "veilig_thuis", "jeugdarts", "politie", "overig")
STAPPEN = ("onderzoek", "beschikking")
AANPASSING_SOORTEN = ("opschorting", "verdaging")
BESLUITEN = ("toekenning", "gedeeltelijke_toekenning", "afwijzing")
WETTEN = ("Wmo", "Jeugdwet", "Participatiewet", "Schuldhulp")
BESCHIKKING_STATUSSEN = ("concept", "ter_goedkeuring", "definitief", "afgekeurd")
LEVERINGSVORMEN = ("ZIN", "PGB")
VOORZIENING_STATUSSEN = ("aangevraagd", "toegekend", "actief", "beeindigd", "afgewezen")
BEZWAAR_STATUSSEN = ("ontvangen", "in_behandeling", "besloten", "ingetrokken")
BEZWAAR_UITKOMSTEN = ("gegrond", "ongegrond", "deels_gegrond", "niet_ontvankelijk", "ingetrokken")
# How a start or stop of care reached the toewijzing: typed in by hand, or a provider's 305/307.
ZORG_VIA = ("handmatig", "bericht")


class Ondersteuningsvraag(Timestamps, Versioned, Base):
    """The melding: not tied to one law; laws attach later, to the voorzieningen."""

    __tablename__ = "ondersteuningsvraag"
    __table_args__ = (
        CheckConstraint(check_in("status", [s.value for s in VraagStatus]), name="status"),
        CheckConstraint(check_in("kanaal", KANALEN), name="kanaal"),
        CheckConstraint(check_in("aanmelder", AANMELDERS), name="aanmelder"),
        CheckConstraint(
            "afsluitreden IS NULL OR " + check_in("afsluitreden", list(AFSLUITREDENEN)), name="afsluitreden"
        ),
        Index("ix_ondersteuningsvraag_team_status", "team_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    datum_melding: Mapped[date] = mapped_column(Date, index=True)
    kanaal: Mapped[str] = mapped_column(String(20))
    aanmelder: Mapped[str] = mapped_column(String(20))
    omschrijving: Mapped[str] = mapped_column(Text)
    leefgebieden: Mapped[list] = mapped_column(JSON, default=list)
    betrokken_persoon_ids: Mapped[list] = mapped_column(JSON, default=list)
    spoed: Mapped[bool] = mapped_column(Boolean, default=False)
    meervoudig: Mapped[bool] = mapped_column(Boolean, default=False)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    behandelaar_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    status: Mapped[str] = mapped_column(String(30), default=VraagStatus.gemeld.value, index=True)
    ontvangst_bevestigd_op: Mapped[date | None] = mapped_column(Date)
    afsluitreden: Mapped[str | None] = mapped_column(String(30))
    nazorgdatum: Mapped[date | None] = mapped_column(Date)
    afgesloten_op: Mapped[date | None] = mapped_column(Date)

    huishouden = relationship("Huishouden", lazy="raise")
    behandelaar = relationship("Gebruiker", foreign_keys=[behandelaar_id], lazy="raise")
    team = relationship("Team", lazy="raise")


class VraagStatusWijziging(Base):
    """Append-only history of the vraag's status; written only by `transition`."""

    __tablename__ = "vraag_status_wijziging"
    id: Mapped[int] = mapped_column(primary_key=True)
    vraag_id: Mapped[int] = mapped_column(ForeignKey("ondersteuningsvraag.id"), index=True)
    van: Mapped[str | None] = mapped_column(String(30))
    naar: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    reden: Mapped[str | None] = mapped_column(Text)


class Termijnaanpassing(Timestamps, Base):
    """Opschorting (Awb 4:15) or the one verdaging (Awb 4:14) of a step's deadline."""

    __tablename__ = "termijnaanpassing"
    __table_args__ = (
        CheckConstraint(check_in("stap", STAPPEN), name="stap"),
        CheckConstraint(check_in("soort", AANPASSING_SOORTEN), name="soort"),
        CheckConstraint("tot IS NULL OR tot >= van", name="periode"),
        CheckConstraint("dagen IS NULL OR dagen > 0", name="dagen"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    vraag_id: Mapped[int] = mapped_column(ForeignKey("ondersteuningsvraag.id"), index=True)
    stap: Mapped[str] = mapped_column(String(20))
    soort: Mapped[str] = mapped_column(String(20))
    van: Mapped[date] = mapped_column(Date)
    tot: Mapped[date | None] = mapped_column(Date)
    dagen: Mapped[int | None] = mapped_column(Integer)
    reden: Mapped[str] = mapped_column(Text)
    door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))


class Gesprek(Timestamps, Versioned, Base):
    """The keukentafelgesprek, with the subsidiarity record in pyramid order (Wmo 2015 art. 2.3.2 lid 4)."""

    __tablename__ = "gesprek"
    id: Mapped[int] = mapped_column(primary_key=True)
    vraag_id: Mapped[int] = mapped_column(ForeignKey("ondersteuningsvraag.id"), index=True)
    datum: Mapped[date] = mapped_column(Date)
    plaats: Mapped[str | None] = mapped_column(String(200))
    deelnemers: Mapped[str | None] = mapped_column(Text)
    eigen_kracht: Mapped[str | None] = mapped_column(Text)
    netwerk: Mapped[str | None] = mapped_column(Text)
    gebruikelijke_hulp: Mapped[str | None] = mapped_column(Text)
    algemene_voorzieningen: Mapped[str | None] = mapped_column(Text)
    voorliggende_voorzieningen: Mapped[str | None] = mapped_column(Text)
    clientondersteuning_aangeboden: Mapped[bool] = mapped_column(Boolean, default=False)
    clientondersteuning_geaccepteerd: Mapped[bool | None] = mapped_column(Boolean)
    clientondersteuner_naam: Mapped[str | None] = mapped_column(String(200))
    mantelzorg_besproken: Mapped[bool] = mapped_column(Boolean, default=False)
    persoonlijk_plan_ontvangen_op: Mapped[date | None] = mapped_column(Date)
    door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))

    scores: Mapped[list["GesprekScore"]] = relationship(lazy="raise", order_by="GesprekScore.id")

    @property
    def subsidiariteit_compleet(self) -> bool:
        return all(
            (getattr(self, f) or "").strip()
            for f in (
                "eigen_kracht",
                "netwerk",
                "gebruikelijke_hulp",
                "algemene_voorzieningen",
                "voorliggende_voorzieningen",
            )
        )


class GesprekScore(Base):
    __tablename__ = "gesprek_score"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="score"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    gesprek_id: Mapped[int] = mapped_column(ForeignKey("gesprek.id", ondelete="CASCADE"), index=True)
    domein: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer)
    eigen_woorden: Mapped[str | None] = mapped_column(Text)


class Verslag(Timestamps, Versioned, Base):
    """The written outcome of the onderzoek (Wmo 2015 art. 2.3.2 lid 8); one per vraag."""

    __tablename__ = "verslag"
    id: Mapped[int] = mapped_column(primary_key=True)
    vraag_id: Mapped[int] = mapped_column(ForeignKey("ondersteuningsvraag.id"), unique=True)
    tekst: Mapped[str] = mapped_column(Text)
    verzonden_op: Mapped[date | None] = mapped_column(Date, index=True)
    reactie_inwoner: Mapped[str | None] = mapped_column(Text)


class Aanvraag(Timestamps, Base):
    __tablename__ = "aanvraag"
    id: Mapped[int] = mapped_column(primary_key=True)
    vraag_id: Mapped[int] = mapped_column(ForeignKey("ondersteuningsvraag.id"), index=True)
    datum_ontvangst: Mapped[date] = mapped_column(Date, index=True)
    # The law the aanvraag is made under decides its beslistermijn; None means Wmo.
    wet: Mapped[str | None] = mapped_column(String(20))


class Beschikking(Timestamps, Versioned, Base):
    __tablename__ = "beschikking"
    __table_args__ = (
        CheckConstraint(check_in("besluit", BESLUITEN), name="besluit"),
        CheckConstraint(check_in("wet", WETTEN), name="wet"),
        CheckConstraint(check_in("status", BESCHIKKING_STATUSSEN), name="status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    aanvraag_id: Mapped[int] = mapped_column(ForeignKey("aanvraag.id"), index=True)
    vraag_id: Mapped[int] = mapped_column(ForeignKey("ondersteuningsvraag.id"), index=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    nummer: Mapped[str] = mapped_column(String(20), unique=True)
    besluitdatum: Mapped[date] = mapped_column(Date)
    verzonden_op: Mapped[date | None] = mapped_column(Date, index=True)
    besluit: Mapped[str] = mapped_column(String(30))
    wet: Mapped[str] = mapped_column(String(20))
    grondslag: Mapped[str] = mapped_column(String(200))
    motivering: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="concept", index=True)
    goedkeuring_nodig: Mapped[bool] = mapped_column(Boolean, default=False)
    # The author, for four eyes: no one approves their own beschikking. Null only for beschikkingen
    # made before this column existed whose creation is not in the audit trail (see the migration).
    opgesteld_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    goedgekeurd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    goedgekeurd_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    goedkeuring_notitie: Mapped[str | None] = mapped_column(Text)

    voorzieningen: Mapped[list["Maatwerkvoorziening"]] = relationship(
        back_populates="beschikking", lazy="raise", order_by="Maatwerkvoorziening.id"
    )


class Maatwerkvoorziening(Timestamps, Versioned, Base):
    __tablename__ = "maatwerkvoorziening"
    __table_args__ = (
        CheckConstraint(check_in("wet", WETTEN), name="wet"),
        CheckConstraint(check_in("leveringsvorm", LEVERINGSVORMEN), name="leveringsvorm"),
        CheckConstraint(check_in("status", VOORZIENING_STATUSSEN), name="status"),
        CheckConstraint("volume > 0", name="volume"),
        CheckConstraint("einddatum IS NULL OR einddatum >= ingangsdatum", name="periode"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    beschikking_id: Mapped[int] = mapped_column(ForeignKey("beschikking.id"), index=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    persoon_id: Mapped[int | None] = mapped_column(ForeignKey("persoon.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    wet: Mapped[str] = mapped_column(String(20))
    leveringsvorm: Mapped[str] = mapped_column(String(3))
    volume: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    eenheid: Mapped[str] = mapped_column(String(4))
    frequentie: Mapped[str] = mapped_column(String(4))
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    ingangsdatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date, index=True)
    evaluatiedatum: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="aangevraagd", index=True)
    reden_beeindiging: Mapped[str | None] = mapped_column(String(4))
    pgb_bekwaamheid: Mapped[bool] = mapped_column(Boolean, default=False)
    pgb_passend: Mapped[bool] = mapped_column(Boolean, default=False)
    pgb_kwaliteit: Mapped[bool] = mapped_column(Boolean, default=False)
    grond_verlengde_jeugdhulp: Mapped[str | None] = mapped_column(Text)

    beschikking: Mapped[Beschikking] = relationship(back_populates="voorzieningen", lazy="raise")
    product = relationship("Product", lazy="raise")
    aanbieder = relationship("Aanbieder", lazy="raise")
    persoon = relationship("Persoon", lazy="raise")
    toewijzingen: Mapped[list["Toewijzing"]] = relationship(lazy="raise", order_by="Toewijzing.id")


class Toewijzing(Timestamps, Base):
    """The assignment to an aanbieder (iWmo/iJw 301 semantics); start and stop of care recorded on it."""

    __tablename__ = "toewijzing"
    __table_args__ = (
        CheckConstraint("einddatum IS NULL OR einddatum >= ingangsdatum", name="periode"),
        CheckConstraint("volume > 0", name="volume"),
        CheckConstraint("start_via IS NULL OR " + check_in("start_via", ZORG_VIA), name="start_via"),
        CheckConstraint("stop_via IS NULL OR " + check_in("stop_via", ZORG_VIA), name="stop_via"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    voorziening_id: Mapped[int] = mapped_column(ForeignKey("maatwerkvoorziening.id"), index=True)
    toewijzingnummer: Mapped[str] = mapped_column(String(20), unique=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    ingangsdatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)
    volume: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    eenheid: Mapped[str] = mapped_column(String(4))
    frequentie: Mapped[str] = mapped_column(String(4))
    reden_wijziging: Mapped[str | None] = mapped_column(String(4))
    start_zorg: Mapped[date | None] = mapped_column(Date)
    stop_zorg: Mapped[date | None] = mapped_column(Date)
    reden_beeindiging: Mapped[str | None] = mapped_column(String(4))
    start_via: Mapped[str | None] = mapped_column(String(10))
    stop_via: Mapped[str | None] = mapped_column(String(10))

    aanbieder = relationship("Aanbieder", lazy="raise")


class Bezwaar(Timestamps, Versioned, Base):
    __tablename__ = "bezwaar"
    __table_args__ = (
        CheckConstraint(check_in("status", BEZWAAR_STATUSSEN), name="status"),
        CheckConstraint("uitkomst IS NULL OR " + check_in("uitkomst", BEZWAAR_UITKOMSTEN), name="uitkomst"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    beschikking_id: Mapped[int] = mapped_column(ForeignKey("beschikking.id"), index=True)
    datum_ontvangst: Mapped[date] = mapped_column(Date)
    tijdig: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20), default="ontvangen", index=True)
    beslisdatum: Mapped[date | None] = mapped_column(Date)
    uitkomst: Mapped[str | None] = mapped_column(String(20))
