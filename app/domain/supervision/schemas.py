"""Input and output schemas of the supervision area (audit search, reviews, reassignment, jobs)."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.domain.audit.models import ACTIONS
from app.domain.households.schemas import _check_bsn
from app.domain.validation import Id, Kort, Version


class AuditZoekopdracht(BaseModel):
    """Criteria of an auditor's search; at least one is needed so nobody pages the whole trail by accident."""

    model_config = ConfigDict(str_strip_whitespace=True)
    bsn: Kort | None = None
    huishouden_id: Id | None = Field(default=None, ge=1)
    gebruiker: str | None = Field(default=None, max_length=64)
    actie: Kort | None = None
    van: date | None = None
    tot: date | None = None

    _bsn = field_validator("bsn")(_check_bsn)

    @field_validator("actie")
    @classmethod
    def _actie(cls, v: str | None) -> str | None:
        if v and v not in ACTIONS:
            raise ValueError("Kies een van de mogelijke handelingen.")
        return v or None

    @model_validator(mode="after")
    def _check(self) -> "AuditZoekopdracht":
        if self.van and self.tot and self.tot < self.van:
            raise ValueError("De einddatum ligt voor de begindatum.")
        if not any((self.bsn, self.huishouden_id, self.gebruiker, self.actie, self.van, self.tot)):
            raise ValueError("Vul minstens één zoekcriterium in.")
        return self

    def criteria(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True, mode="json")


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    occurred_at: datetime
    actor_id: int | None
    actor_username: str | None
    actor_rol: str | None
    action: str
    object_type: str
    object_id: str | None
    huishouden_id: int | None
    purpose: str | None
    reason: str | None
    changes: dict[str, Any] | None
    request_id: str | None
    client_addr: str | None


class AuditPagina(BaseModel):
    events: list[AuditEventRead]
    totaal: int
    pagina: int
    paginas: int
    per_pagina: int


class KetenResultaat(BaseModel):
    ok: bool
    aantal: int
    duur_ms: float
    gebroken_event_id: int | None = None
    melding: str = ""


class JobRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    soort: str
    status: str
    voortgang: int
    params: dict[str, Any] | None
    bestandsnaam: str | None
    samenvatting: dict[str, Any] | None
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    fout: str | None


class JobStart(BaseModel):
    soort: Literal["audit_export", "rechtmatigheid", "gmsd_export"]
    params: dict[Kort, Any] = Field(default_factory=dict, max_length=20)


class BtgBeoordeling(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    beoordeling: Literal["akkoord", "niet_akkoord"]
    notitie: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _reden(self) -> "BtgBeoordeling":
        if self.beoordeling == "niet_akkoord" and not self.notitie:
            raise ValueError("Licht toe waarom de inzage niet terecht was.")
        return self


class Besluit(BaseModel):
    """A supervisor's decision on one waiting item."""

    model_config = ConfigDict(str_strip_whitespace=True)
    soort: Literal["beschikking", "schaalbesluit", "break_the_glass"]
    id: Id = Field(ge=1)
    besluit: Literal["goedkeuren", "afwijzen"]
    notitie: str | None = Field(default=None, max_length=2000)
    # The version the supervisor saw (optimistic locking where the owning service checks it).
    version: Version | None = None

    @model_validator(mode="after")
    def _reden(self) -> "Besluit":
        if self.besluit == "afwijzen" and not self.notitie:
            raise ValueError("Geef bij afwijzen een toelichting.")
        return self


class WachtendItem(BaseModel):
    soort: Literal["beschikking", "schaalbesluit", "break_the_glass"]
    id: int
    huishouden_id: int | None
    huishouden_naam: str | None
    omschrijving: str
    aangevraagd_door: str | None
    sinds: date | None
    version: int | None = None


class HerverdelingItem(BaseModel):
    soort: Literal["ondersteuningsvraag", "regieafspraak"]
    id: int = Field(ge=1)


class Herverdeling(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    items: list[HerverdelingItem] = Field(min_length=1, max_length=1000)
    naar_gebruiker_id: Id = Field(ge=1)
    reden: str = Field(min_length=5, max_length=2000)


class CaseloadRegel(BaseModel):
    gebruiker_id: int
    naam: str
    rollen: list[str]
    open_vragen: int
    regie_huishoudens: int
    termijnen_binnenkort: int
    termijnen_verlopen: int
    evaluaties_verlopen: int
