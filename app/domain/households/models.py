"""Persoon, Huishouden and the relations around it.

`Betrokkenheid` is the one record of which professional is on a household (behandelaar, regisseur,
teamlid); authorization reads the actor's relation to a household from it.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.base import Base, Timestamps, Versioned, check_in

RELATIES = ("aanvrager", "partner", "kind", "overig")
NETWERK_RELATIES = ("mantelzorger", "familie", "buur", "vrijwilliger", "professional", "overig")
BETROKKENHEID_ROLLEN = ("behandelaar", "regisseur", "teamlid")
PARTIJ_SOORTEN = ("clientondersteuner", "aanbieder", "netwerklid")


class Persoon(Timestamps, Versioned, Base):
    __tablename__ = "persoon"
    __table_args__ = (Index("ix_persoon_naam", "achternaam", "voornamen"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bsn: Mapped[str | None] = mapped_column(String(9), unique=True)
    voornamen: Mapped[str] = mapped_column(String(200))
    voorvoegsel: Mapped[str | None] = mapped_column(String(20))
    achternaam: Mapped[str] = mapped_column(String(200))
    # Lower-cased "voornamen voorvoegsel achternaam" so name search is a cheap indexed LIKE.
    zoeknaam: Mapped[str] = mapped_column(String(420), index=True)
    geboortedatum: Mapped[date | None] = mapped_column(Date)
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.voorvoegsel, self.achternaam) if p)


class Huishouden(Timestamps, Versioned, Base):
    __tablename__ = "huishouden"
    __table_args__ = (
        Index("ix_huishouden_adres", "postcode", "huisnummer"),
        CheckConstraint("schaalniveau IS NULL OR (schaalniveau BETWEEN 0 AND 5)", name="schaalniveau"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))  # how the team refers to it, e.g. "Huishouden Janssen"
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    straat: Mapped[str] = mapped_column(String(200))
    huisnummer: Mapped[int] = mapped_column(Integer)
    huisnummer_toevoeging: Mapped[str | None] = mapped_column(String(10))
    postcode: Mapped[str] = mapped_column(String(6))
    woonplaats: Mapped[str] = mapped_column(String(100))
    wijk: Mapped[str | None] = mapped_column(String(100))
    # Current level; written only together with a Schaalbesluit, which is the source of truth.
    schaalniveau: Mapped[int | None] = mapped_column(Integer)
    veiligheidszorg: Mapped[bool] = mapped_column(Boolean, default=False)

    gemeente = relationship("Gemeente", lazy="raise")
    team = relationship("Team", lazy="raise")
    lidmaatschappen: Mapped[list["Lidmaatschap"]] = relationship(back_populates="huishouden", lazy="raise")

    @property
    def adres(self) -> str:
        nr = f"{self.huisnummer}{self.huisnummer_toevoeging or ''}"
        return f"{self.straat} {nr}, {self.postcode[:4]} {self.postcode[4:]} {self.woonplaats}"


class Lidmaatschap(Timestamps, Versioned, Base):
    """A person in a household for a period; ended memberships stay as history."""

    __tablename__ = "lidmaatschap"
    __table_args__ = (
        CheckConstraint(check_in("relatie", RELATIES), name="relatie"),
        CheckConstraint("einddatum IS NULL OR einddatum >= begindatum", name="periode"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    persoon_id: Mapped[int] = mapped_column(ForeignKey("persoon.id"), index=True)
    relatie: Mapped[str] = mapped_column(String(20))
    begindatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)

    huishouden: Mapped[Huishouden] = relationship(back_populates="lidmaatschappen", lazy="raise")
    persoon: Mapped[Persoon] = relationship(lazy="raise")


class Netwerklid(Timestamps, Versioned, Base):
    __tablename__ = "netwerklid"
    __table_args__ = (
        CheckConstraint(check_in("relatie", NETWERK_RELATIES), name="relatie"),
        CheckConstraint("draagkracht IS NULL OR draagkracht BETWEEN 1 AND 5", name="draagkracht"),
        CheckConstraint("draaglast IS NULL OR draaglast BETWEEN 1 AND 5", name="draaglast"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    naam: Mapped[str] = mapped_column(String(200))
    relatie: Mapped[str] = mapped_column(String(20))
    organisatie: Mapped[str | None] = mapped_column(String(200))
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    mag_betrokken_worden: Mapped[bool] = mapped_column(Boolean, default=False)
    draagkracht: Mapped[int | None] = mapped_column(Integer)
    draaglast: Mapped[int | None] = mapped_column(Integer)
    respijtzorg_gewenst: Mapped[bool] = mapped_column(Boolean, default=False)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)

    @property
    def overbelast(self) -> bool:
        return (
            self.relatie == "mantelzorger"
            and self.draagkracht is not None
            and self.draaglast is not None
            and self.draaglast > self.draagkracht
        )


class Betrokkenheid(Timestamps, Base):
    """A professional on a household for a period: the actor's 'own household' relation (DESIGN §7)."""

    __tablename__ = "betrokkenheid"
    __table_args__ = (
        CheckConstraint(check_in("rol", BETROKKENHEID_ROLLEN), name="rol"),
        Index("ix_betrokkenheid_gebruiker_huishouden", "gebruiker_id", "huishouden_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    rol: Mapped[str] = mapped_column(String(20))
    begindatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)

    gebruiker = relationship("Gebruiker", lazy="raise")


class Toestemming(Timestamps, Versioned, Base):
    """The household's consent for a party to see a scope (plan, verslag) for a period; revocable."""

    __tablename__ = "toestemming"
    __table_args__ = (
        CheckConstraint(check_in("partij_soort", PARTIJ_SOORTEN), name="partij_soort"),
        CheckConstraint("einddatum IS NULL OR einddatum >= begindatum", name="periode"),
        Index("ix_toestemming_gebruiker", "gebruiker_id", "huishouden_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    partij_soort: Mapped[str] = mapped_column(String(30))
    gebruiker_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"))
    netwerklid_id: Mapped[int | None] = mapped_column(ForeignKey("netwerklid.id"))
    scope_plan: Mapped[bool] = mapped_column(Boolean, default=True)
    scope_verslag: Mapped[bool] = mapped_column(Boolean, default=False)
    begindatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)
    toelichting: Mapped[str | None] = mapped_column(Text)
    ingetrokken_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ingetrokken_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))

    gebruiker = relationship("Gebruiker", foreign_keys=[gebruiker_id], lazy="raise")

    def actief_op(self, dag: date) -> bool:
        return (
            self.ingetrokken_op is None and self.begindatum <= dag and (self.einddatum is None or dag <= self.einddatum)
        )


class BreakTheGlass(Base):
    """Access outside one's relation, with a written reason; valid for the session, reviewed by a supervisor."""

    __tablename__ = "break_the_glass"
    __table_args__ = (
        CheckConstraint("beoordeling IS NULL OR beoordeling IN ('akkoord', 'niet_akkoord')", name="beoordeling"),
        Index("ix_break_the_glass_gebruiker", "gebruiker_id", "huishouden_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    huishouden_id: Mapped[int] = mapped_column(ForeignKey("huishouden.id"), index=True)
    sessie_id: Mapped[int | None] = mapped_column(ForeignKey("sessie.id"))
    reden: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    beoordeeld_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    beoordeeld_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    beoordeling: Mapped[str | None] = mapped_column(String(20))
    beoordeling_notitie: Mapped[str | None] = mapped_column(Text)

    gebruiker = relationship("Gebruiker", foreign_keys=[gebruiker_id], lazy="raise")
    huishouden = relationship("Huishouden", lazy="raise")
