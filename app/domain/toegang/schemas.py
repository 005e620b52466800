"""Input and output schemas of the toegang services (web forms and API bodies alike).

Validators raise ValueError with a Dutch message; cross-field and database checks (contracts,
product per wet, dates against the aanvraag) live in the services so their messages land on a field.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from app.domain.toegang.models import AANMELDERS, BESLUITEN, KANALEN, WETTEN
from app.domain.validation import Id, IdLijst, Kort, Tekst, Version, uniek

Kanaal = Literal[KANALEN]  # type: ignore[valid-type]
Aanmelder = Literal[AANMELDERS]  # type: ignore[valid-type]
Wet = Literal[WETTEN]  # type: ignore[valid-type]
Besluit = Literal[BESLUITEN]  # type: ignore[valid-type]


def _blank_to_none(v: object) -> object:
    return None if isinstance(v, str) and not v.strip() else v


class _In(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class MeldingCreate(_In):
    datum_melding: date
    kanaal: Kanaal
    aanmelder: Aanmelder
    omschrijving: str = Field(min_length=1, max_length=5000)
    leefgebieden: Annotated[list[Kort], BeforeValidator(uniek)] = Field(default_factory=list, max_length=30)
    betrokken_persoon_ids: IdLijst = Field(default_factory=list)
    spoed: bool = False
    meervoudig: bool = False
    # False: the melding lands in the team queue; True: the actor becomes behandelaar.
    zelf_behandelen: bool = True


class ToewijzenIn(_In):
    behandelaar_id: Id


class ScoreIn(_In):
    domein: Kort
    score: int = Field(ge=1, le=5)
    eigen_woorden: Tekst | None = None

    _n = field_validator("eigen_woorden", mode="before")(_blank_to_none)


class GesprekCreate(_In):
    datum: date
    plaats: str | None = Field(default=None, max_length=200)
    deelnemers: Tekst | None = None
    scores: list[ScoreIn] = Field(default_factory=list, max_length=30)
    eigen_kracht: Tekst | None = None
    netwerk: Tekst | None = None
    gebruikelijke_hulp: Tekst | None = None
    algemene_voorzieningen: Tekst | None = None
    voorliggende_voorzieningen: Tekst | None = None
    clientondersteuning_aangeboden: bool = False
    clientondersteuning_geaccepteerd: bool | None = None
    clientondersteuner_naam: str | None = Field(default=None, max_length=200)
    mantelzorg_besproken: bool = False
    persoonlijk_plan_ontvangen_op: date | None = None

    _n = field_validator(
        "plaats",
        "deelnemers",
        "eigen_kracht",
        "netwerk",
        "gebruikelijke_hulp",
        "algemene_voorzieningen",
        "voorliggende_voorzieningen",
        "clientondersteuner_naam",
        "persoonlijk_plan_ontvangen_op",
        "clientondersteuning_geaccepteerd",
        mode="before",
    )(_blank_to_none)


class VerslagIn(_In):
    tekst: Tekst = Field(min_length=1)
    version: Version | None = None


class VerslagVerzendenIn(_In):
    verzonden_op: date


class ReactieIn(_In):
    reactie_inwoner: str = Field(min_length=1, max_length=10000)


class AanvraagCreate(_In):
    datum_ontvangst: date
    wet: Wet = "Wmo"


class TermijnaanpassingCreate(_In):
    stap: Literal["onderzoek", "beschikking"]
    soort: Literal["opschorting", "verdaging"]
    van: date
    tot: date | None = None
    dagen: int | None = Field(default=None, gt=0, le=365)
    reden: str = Field(min_length=3, max_length=2000)

    _n = field_validator("tot", "dagen", mode="before")(_blank_to_none)


class VoorzieningIn(_In):
    persoon_id: Id | None = None
    product_id: Id
    leveringsvorm: Literal["ZIN", "PGB"]
    volume: Decimal = Field(gt=0, le=Decimal("99999999.99"), max_digits=10, decimal_places=2)
    eenheid: Kort = Field(min_length=1)
    frequentie: Kort = Field(min_length=1)
    aanbieder_id: Id | None = None
    ingangsdatum: date
    einddatum: date | None = None
    evaluatiedatum: date | None = None
    pgb_bekwaamheid: bool = False
    pgb_passend: bool = False
    pgb_kwaliteit: bool = False
    grond_verlengde_jeugdhulp: Tekst | None = None

    _n = field_validator(
        "persoon_id", "aanbieder_id", "einddatum", "evaluatiedatum", "grond_verlengde_jeugdhulp", mode="before"
    )(_blank_to_none)


class BeschikkingCreate(_In):
    besluit: Besluit
    wet: Wet
    grondslag: str = Field(min_length=1, max_length=200)
    motivering: Tekst = Field(min_length=1)
    besluitdatum: date
    voorzieningen: list[VoorzieningIn] = Field(default_factory=list, max_length=50)


class GoedkeuringIn(_In):
    notitie: Tekst | None = None


class DefinitiefIn(_In):
    verzonden_op: date


class StartZorgIn(_In):
    datum: date


class StopZorgIn(_In):
    datum: date
    reden_beeindiging: Kort = Field(min_length=1)


class VoorzieningWijzigen(_In):
    reden_wijziging: Kort = Field(min_length=1)
    volume: Decimal | None = Field(default=None, gt=0, le=Decimal("99999999.99"), max_digits=10, decimal_places=2)
    einddatum: date | None = None
    version: Version | None = None

    _n = field_validator("volume", "einddatum", mode="before")(_blank_to_none)


class VoorzieningBeeindigen(_In):
    einddatum: date
    reden_beeindiging: Kort = Field(min_length=1)
    version: Version | None = None


class BezwaarCreate(_In):
    datum_ontvangst: date


class BezwaarUpdate(_In):
    status: Literal["ontvangen", "in_behandeling", "besloten", "ingetrokken"]
    beslisdatum: date | None = None
    uitkomst: Literal["gegrond", "ongegrond", "deels_gegrond", "niet_ontvankelijk", "ingetrokken"] | None = None

    _n = field_validator("beslisdatum", "uitkomst", mode="before")(_blank_to_none)


class AfsluitenIn(_In):
    reden: Tekst
    nazorgdatum: date | None = None

    _n = field_validator("nazorgdatum", mode="before")(_blank_to_none)


class TransitionIn(_In):
    naar: Kort
    reden: Tekst | None = None


# ---- read models ---------------------------------------------------------------------------------


class DeadlineRead(BaseModel):
    stap: str
    datum: date
    status: str
    grondslag: str
    omschrijving: str


class VraagListItem(BaseModel):
    id: int
    huishouden_id: int
    huishouden_naam: str
    datum_melding: date
    status: str
    status_label: str
    spoed: bool
    meervoudig: bool
    behandelaar: str | None
    team: str | None
    volgende_deadline: DeadlineRead | None = None


class VraagRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    huishouden_id: int
    datum_melding: date
    kanaal: str
    aanmelder: str
    omschrijving: str
    leefgebieden: list[str]
    betrokken_persoon_ids: list[int]
    spoed: bool
    meervoudig: bool
    team_id: int | None
    behandelaar_id: int | None
    status: str
    ontvangst_bevestigd_op: date | None
    afsluitreden: str | None
    nazorgdatum: date | None
    afgesloten_op: date | None
    version: int


class IdRead(BaseModel):
    id: int
    status: str | None = None
    nummer: str | None = None
