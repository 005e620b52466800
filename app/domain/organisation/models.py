"""Gemeente, Team, Gebruiker and what authenticates them (web sessions, API tokens, login attempts)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Column, DateTime, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.base import Base, Timestamps, Versioned, check_in


class Rol(StrEnum):
    TOEGANGSMEDEWERKER = "toegangsmedewerker"
    REGISSEUR = "regisseur"
    SUPERVISOR = "supervisor"
    CLIENTONDERSTEUNER = "clientondersteuner"
    BEHEERDER = "beheerder"
    AUDITOR = "auditor"


ROL_LABELS = {
    Rol.TOEGANGSMEDEWERKER: "Toegangsmedewerker",
    Rol.REGISSEUR: "Regisseur",
    Rol.SUPERVISOR: "Supervisor (teamleider)",
    Rol.CLIENTONDERSTEUNER: "Cliëntondersteuner",
    Rol.BEHEERDER: "Functioneel beheerder",
    Rol.AUDITOR: "Auditor (controller)",
}


class Gemeente(Timestamps, Base):
    __tablename__ = "gemeente"
    id: Mapped[int] = mapped_column(primary_key=True)
    cbs_code: Mapped[str] = mapped_column(String(6), unique=True)
    naam: Mapped[str] = mapped_column(String(100))
    regio: Mapped[str] = mapped_column(String(100))
    inwoners: Mapped[int | None]


gebruiker_team = Table(
    "gebruiker_team",
    Base.metadata,
    Column("gebruiker_id", ForeignKey("gebruiker.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True, index=True),
)

gebruiker_gemeente = Table(
    "gebruiker_gemeente",
    Base.metadata,
    Column("gebruiker_id", ForeignKey("gebruiker.id", ondelete="CASCADE"), primary_key=True),
    Column("gemeente_id", ForeignKey("gemeente.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Team(Timestamps, Versioned, Base):
    __tablename__ = "team"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(100), unique=True)
    # None: a regional team working for every gemeente of the region.
    gemeente_id: Mapped[int | None] = mapped_column(ForeignKey("gemeente.id"), index=True)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)

    gemeente: Mapped[Gemeente | None] = relationship(lazy="raise")
    leden: Mapped[list["Gebruiker"]] = relationship(secondary=gebruiker_team, back_populates="teams", lazy="raise")


class GebruikerRol(Base):
    __tablename__ = "gebruiker_rol"
    __table_args__ = (CheckConstraint(check_in("rol", [r.value for r in Rol]), name="rol"),)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), primary_key=True)
    rol: Mapped[str] = mapped_column(String(30), primary_key=True)


class Gebruiker(Timestamps, Versioned, Base):
    __tablename__ = "gebruiker"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    organisatie: Mapped[str | None] = mapped_column(String(200))  # e.g. MEE for a cliëntondersteuner
    password_hash: Mapped[str] = mapped_column(String(255))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Failed logins in the current window, counted by one atomic UPDATE per attempt (auth.authenticate).
    login_fouten: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    login_fouten_sinds: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_change_required: Mapped[bool] = mapped_column(Boolean, default=False)

    rollen_rows: Mapped[list[GebruikerRol]] = relationship(lazy="selectin", cascade="all, delete-orphan")
    teams: Mapped[list[Team]] = relationship(secondary=gebruiker_team, back_populates="leden", lazy="selectin")
    gemeenten: Mapped[list[Gemeente]] = relationship(secondary=gebruiker_gemeente, lazy="selectin")

    @property
    def rollen(self) -> list[str]:
        return sorted(r.rol for r in self.rollen_rows)


class LoginPoging(Base):
    """Every login attempt, for throttling and lockout (5 failures in 15 minutes)."""

    __tablename__ = "login_poging"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    gelukt: Mapped[bool] = mapped_column(Boolean)
    client_addr: Mapped[str | None] = mapped_column(String(64))


class Sessie(Base):
    """A web session. Kept in the database so any instance behind a load balancer can serve it."""

    __tablename__ = "sessie"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    client_addr: Mapped[str | None] = mapped_column(String(64))


class ApiToken(Timestamps, Base):
    """Bearer token for the API; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), index=True)
    naam: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    gebruiker: Mapped[Gebruiker] = relationship(lazy="raise")


__all__ = [
    "ApiToken",
    "Gebruiker",
    "GebruikerRol",
    "Gemeente",
    "LoginPoging",
    "Rol",
    "ROL_LABELS",
    "Sessie",
    "Team",
    "gebruiker_gemeente",
    "gebruiker_team",
]
