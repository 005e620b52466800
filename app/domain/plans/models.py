"""SQLAlchemy models of the plans area: one plan per household with its doelen and acties, the
vastgestelde versions, regie-afspraken, evaluaties, schaalbesluiten, the 18-/18+ transition and the
cliëntondersteuner's reactions (DESIGN §3 Eén plan, §5)."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.base import Base, Timestamps, Versioned, check_in
from app.domain.plans.rules import ACTIE_STATUSSEN, DOEL_STATUSSEN, PLAN_STATUSSEN, REGIE_HOUDERS

WIE_SOORTEN = ("inwoner", "netwerklid", "professional", "voorziening")
SCHAAL_CONCLUSIES = ("op", "af", "gelijk")
SCHAALBESLUIT_STATUSSEN = ("definitief", "wacht_op_goedkeuring", "afgewezen")
WETTEN_NA_18 = ("Wmo", "Participatiewet")


class Plan(Timestamps, Versioned, Base):
    """The household's one plan across all laws; each vaststelling is kept as a PlanVersie."""

    __tablename__ = "plan"
    __table_args__ = (CheckConstraint(check_in("status", PLAN_STATUSSEN), name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="concept", index=True)
    situatie: Mapped[str | None] = mapped_column(Text)
    prioriteiten: Mapped[str | None] = mapped_column(Text)  # the household's own order, in its words
    veiligheid: Mapped[str | None] = mapped_column(Text)  # safety paragraph incl. the meldcode route
    startdatum: Mapped[date] = mapped_column(Date)
    volgende_evaluatie: Mapped[date | None] = mapped_column(Date, index=True)
    aangemaakt_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))

    doelen: Mapped[list["Doel"]] = relationship(lazy="raise", order_by="(Doel.prioriteit, Doel.id)")


class PlanVersie(Base):
    """A vastgestelde version: the snapshot the household agreed to, never changed afterwards."""

    __tablename__ = "plan_versie"
    __table_args__ = (UniqueConstraint("plan_id", "versienummer", name="plan_versienummer"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    versienummer: Mapped[int] = mapped_column(Integer)
    vastgesteld_op: Mapped[date] = mapped_column(Date)
    akkoord_door: Mapped[str] = mapped_column(Text)  # names of the household members who agreed
    snapshot: Mapped[dict] = mapped_column(JSON)
    vastgesteld_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Doel(Timestamps, Versioned, Base):
    """A goal in the household's own words; the professional's differing judgement sits beside it."""

    __tablename__ = "doel"
    __table_args__ = (CheckConstraint(check_in("status", DOEL_STATUSSEN), name="status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    leefgebied: Mapped[str] = mapped_column(String(40))  # code list zrm_domein
    woorden: Mapped[str] = mapped_column(Text)
    prioriteit: Mapped[int] = mapped_column(Integer, default=1)
    akkoord_huishouden: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    professioneel_oordeel: Mapped[str | None] = mapped_column(Text)

    acties: Mapped[list["Actie"]] = relationship(lazy="raise", order_by="(Actie.uiterlijk, Actie.id)")


class Actie(Timestamps, Versioned, Base):
    __tablename__ = "actie"
    __table_args__ = (
        CheckConstraint(check_in("status", ACTIE_STATUSSEN), name="status"),
        CheckConstraint(check_in("wie_soort", WIE_SOORTEN), name="wie_soort"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    doel_id: Mapped[int] = mapped_column(ForeignKey("doel.id"), index=True)
    wat: Mapped[str] = mapped_column(Text)
    wie_soort: Mapped[str] = mapped_column(String(20))
    persoon_id: Mapped[int | None] = mapped_column(ForeignKey("persoon.id"))
    netwerklid_id: Mapped[int | None] = mapped_column(ForeignKey("netwerklid.id"))
    gebruiker_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    voorziening_id: Mapped[int | None] = mapped_column(ForeignKey("maatwerkvoorziening.id"))
    uiterlijk: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")


class Regieafspraak(Timestamps, Versioned, Base):
    """Who holds regie and what it means here; at most one active professional regisseur (rules)."""

    __tablename__ = "regieafspraak"
    __table_args__ = (
        CheckConstraint(check_in("houder", REGIE_HOUDERS), name="houder"),
        CheckConstraint("einddatum IS NULL OR einddatum >= begindatum", name="periode"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    houder: Mapped[str] = mapped_column(String(20))
    netwerklid_id: Mapped[int | None] = mapped_column(ForeignKey("netwerklid.id"))
    regisseur_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    begindatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)
    betekenis: Mapped[str] = mapped_column(Text)
    vastgelegd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))


class Evaluatie(Timestamps, Base):
    __tablename__ = "evaluatie"
    __table_args__ = (CheckConstraint(check_in("schaal_conclusie", SCHAAL_CONCLUSIES), name="schaal_conclusie"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    datum: Mapped[date] = mapped_column(Date)
    voortgang: Mapped[dict] = mapped_column(JSON, default=dict)  # {doel_id: text}
    gehoord: Mapped[bool] = mapped_column(Boolean, default=True)
    wat_verandert: Mapped[str | None] = mapped_column(Text)
    schaal_conclusie: Mapped[str] = mapped_column(String(10), default="gelijk")
    uitgevoerd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))


class Schaalbesluit(Timestamps, Versioned, Base):
    """Every change of schaalniveau; the household's level follows only definitieve besluiten."""

    __tablename__ = "schaalbesluit"
    __table_args__ = (
        CheckConstraint(check_in("status", SCHAALBESLUIT_STATUSSEN), name="status"),
        CheckConstraint("naar BETWEEN 0 AND 5", name="naar"),
        CheckConstraint("van IS NULL OR (van BETWEEN 0 AND 5)", name="van"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    van: Mapped[int | None] = mapped_column(Integer)
    naar: Mapped[int] = mapped_column(Integer)
    reden: Mapped[str] = mapped_column(Text)
    datum: Mapped[date] = mapped_column(Date)
    besloten_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    status: Mapped[str] = mapped_column(String(30), default="definitief", index=True)
    goedgekeurd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    goedgekeurd_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    notitie: Mapped[str | None] = mapped_column(Text)


class Overgang18(Timestamps, Versioned, Base):
    """The 18-/18+ transition of one youth: what continues under which law, the warme overdracht."""

    __tablename__ = "overgang18"
    __table_args__ = (CheckConstraint(check_in("wet_na_18", WETTEN_NA_18), name="wet_na_18"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    persoon_id: Mapped[int] = mapped_column(ForeignKey("persoon.id"), index=True)
    wat_loopt_door: Mapped[str] = mapped_column(Text)
    wet_na_18: Mapped[str] = mapped_column(String(20))
    warme_overdracht: Mapped[str | None] = mapped_column(Text)
    datum: Mapped[date] = mapped_column(Date)
    grond_verlengde_jeugdhulp: Mapped[str | None] = mapped_column(Text)


class Reactie(Base):
    """A cliëntondersteuner's reaction on behalf of the household, on the shared plan or verslag."""

    __tablename__ = "reactie"
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id"))
    verslag_id: Mapped[int | None] = mapped_column(ForeignKey("verslag.id"))
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    tekst: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    gelezen_door_regisseur_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
