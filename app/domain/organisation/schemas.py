"""Schemas for users, teams and tokens (functioneel beheer)."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from app.domain.organisation.models import Rol
from app.domain.validation import Id, IdLijst, Version, uniek

# Each role at most once; there are only len(Rol) of them.
Rollen = Annotated[list[Rol], BeforeValidator(uniek), Field(min_length=1, max_length=len(Rol))]


class GebruikerCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    username: str = Field(min_length=3, max_length=64, pattern=r"^[a-z0-9._-]+$")
    naam: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=200)
    organisatie: str | None = Field(default=None, max_length=200)
    rollen: Rollen
    team_ids: IdLijst = []
    gemeente_ids: IdLijst = []
    wachtwoord: str = Field(min_length=12, max_length=200)


class GebruikerUpdate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    naam: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=200)
    organisatie: str | None = Field(default=None, max_length=200)
    rollen: Rollen
    team_ids: IdLijst = []
    gemeente_ids: IdLijst = []
    actief: bool = True
    version: Version


class GebruikerRead(BaseModel):
    id: int
    username: str
    naam: str
    email: str | None
    organisatie: str | None
    rollen: list[str]
    teams: list[str]
    team_ids: list[int]
    gemeenten: list[str]
    gemeente_ids: list[int]
    actief: bool
    locked: bool
    version: int


class TeamIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    naam: str = Field(min_length=1, max_length=100)
    gemeente_id: Id | None = None
    actief: bool = True


class TeamUpdate(TeamIn):
    version: Version


class TeamRead(BaseModel):
    id: int
    naam: str
    gemeente_id: int | None
    gemeente: str | None
    actief: bool
    leden: list[str]
    version: int


class WachtwoordReset(BaseModel):
    wachtwoord: str = Field(min_length=12, max_length=200)


class TokenCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    naam: str = Field(min_length=1, max_length=100)
    geldig_dagen: int | None = Field(default=90, ge=1, le=730)


class TokenRead(BaseModel):
    id: int
    naam: str
    prefix: str
    created_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenCreated(TokenRead):
    token: str  # shown exactly once


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)

    @field_validator("username")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.strip().lower()
