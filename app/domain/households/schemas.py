"""Input and output schemas for residents. Validators speak Dutch: their messages reach the user as-is."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app import clock
from app.domain.households.rules import bsn_geldig, normaliseer_bsn, normaliseer_postcode
from app.domain.validation import MAX_ID, Id, Kort, Version

Relatie = Literal["aanvrager", "partner", "kind", "overig"]
NetwerkRelatie = Literal["mantelzorger", "familie", "buur", "vrijwilliger", "professional", "overig"]


def _check_bsn(v: str | None) -> str | None:
    if v is None or v == "":
        return None
    v = normaliseer_bsn(v)
    if not bsn_geldig(v):
        raise ValueError("Dit is geen geldig BSN (de elfproef klopt niet).")
    return v


def _check_birth(v: date | None) -> date | None:
    if v is not None and v > clock.today():
        raise ValueError("De geboortedatum ligt in de toekomst.")
    if v is not None and v.year < 1900:
        raise ValueError("Controleer het geboortejaar.")
    return v


class PersoonCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    bsn: Kort | None = None
    voornamen: str = Field(min_length=1, max_length=200)
    voorvoegsel: str | None = Field(default=None, max_length=20)
    achternaam: str = Field(min_length=1, max_length=200)
    geboortedatum: date | None = None
    telefoon: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=200)

    _bsn = field_validator("bsn")(_check_bsn)
    _birth = field_validator("geboortedatum")(_check_birth)


class PersoonUpdate(PersoonCreate):
    version: Version


class AdresIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    straat: str = Field(min_length=1, max_length=200)
    huisnummer: int = Field(ge=1, le=99999)
    huisnummer_toevoeging: str | None = Field(default=None, max_length=10)
    postcode: Kort
    woonplaats: str = Field(min_length=1, max_length=100)
    wijk: str | None = Field(default=None, max_length=100)

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, v: str) -> str:
        pc = normaliseer_postcode(v)
        if pc is None:
            raise ValueError("Vul een postcode in als 1234 AB.")
        return pc


class HuishoudenCreate(AdresIn):
    naam: str | None = Field(default=None, max_length=200)
    gemeente_id: Id
    team_id: Id | None = None
    veiligheidszorg: bool = False
    aanvrager: PersoonCreate
    ingangsdatum: date | None = None


class HuishoudenUpdate(AdresIn):
    naam: str = Field(min_length=1, max_length=200)
    gemeente_id: Id
    team_id: Id | None = None
    veiligheidszorg: bool = False
    version: Version


class LidmaatschapCreate(BaseModel):
    """Either an existing person (persoon_id) or a new one (persoon)."""

    persoon_id: Id | None = None
    persoon: PersoonCreate | None = None
    relatie: Relatie
    begindatum: date

    @model_validator(mode="after")
    def _one_person(self) -> "LidmaatschapCreate":
        if (self.persoon_id is None) == (self.persoon is None):
            raise ValueError("Kies een bestaande persoon of vul een nieuwe persoon in.")
        return self


class LidmaatschapEnd(BaseModel):
    einddatum: date
    version: Version


class NetwerklidIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    naam: str = Field(min_length=1, max_length=200)
    relatie: NetwerkRelatie
    organisatie: str | None = Field(default=None, max_length=200)
    telefoon: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=200)
    mag_betrokken_worden: bool = False
    draagkracht: int | None = Field(default=None, ge=1, le=5)
    draaglast: int | None = Field(default=None, ge=1, le=5)
    respijtzorg_gewenst: bool = False

    @model_validator(mode="after")
    def _mantelzorg(self) -> "NetwerklidIn":
        if self.relatie != "mantelzorger" and (self.draagkracht or self.draaglast):
            raise ValueError("Draagkracht en draaglast horen bij een mantelzorger.")
        return self


class NetwerklidUpdate(NetwerklidIn):
    version: Version


class ZoekOpdracht(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    q: Kort | None = None
    bsn: Kort | None = None
    postcode: Kort | None = None
    huisnummer: int | None = Field(default=None, ge=1, le=MAX_ID)

    @field_validator("bsn")
    @classmethod
    def _bsn(cls, v: str | None) -> str | None:
        return _check_bsn(v)

    @field_validator("postcode")
    @classmethod
    def _pc(cls, v: str | None) -> str | None:
        if not v:
            return None
        pc = normaliseer_postcode(v)
        if pc is None:
            raise ValueError("Vul een postcode in als 1234 AB.")
        return pc

    @model_validator(mode="after")
    def _huisnummer_needs_postcode(self) -> "ZoekOpdracht":
        if self.huisnummer and not self.postcode:
            raise ValueError("Zoek op postcode én huisnummer.")
        return self


# ---- read models -----------------------------------------------------------------------------------


class PersoonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    bsn: str | None
    voornamen: str
    voorvoegsel: str | None
    achternaam: str
    naam: str
    geboortedatum: date | None
    telefoon: str | None
    email: str | None
    version: int


class PersoonListItem(BaseModel):
    id: int
    naam: str
    bsn_gemaskeerd: str
    geboortedatum: date | None


class LidmaatschapRead(BaseModel):
    id: int
    persoon: PersoonRead
    relatie: str
    begindatum: date
    einddatum: date | None
    actief: bool
    version: int


class NetwerklidRead(NetwerklidIn):
    model_config = ConfigDict(from_attributes=True)
    id: int
    overbelast: bool
    actief: bool
    version: int


class BetrokkeneRead(BaseModel):
    gebruiker_id: int
    naam: str
    rol: str
    begindatum: date
    einddatum: date | None


class HuishoudenListItem(BaseModel):
    """What a list may show (DESIGN §7: name, address, status) — never content."""

    id: int
    naam: str
    adres: str
    gemeente: str
    team: str | None
    schaalniveau: int | None
    toegang: Literal["inhoud", "gedeeld", "lijst", "zoektreffer"]
    contact: str | None = None  # whom to contact, for a search hit outside one's relation


class HuishoudenRead(BaseModel):
    id: int
    naam: str
    straat: str
    huisnummer: int
    huisnummer_toevoeging: str | None
    postcode: str
    woonplaats: str
    wijk: str | None
    adres: str
    gemeente_id: int
    gemeente: str
    team_id: int | None
    team: str | None
    schaalniveau: int | None
    veiligheidszorg: bool
    version: int
    leden: list[LidmaatschapRead]
    netwerk: list[NetwerklidRead]
    betrokkenen: list[BetrokkeneRead]
