"""Input and output schemas of the plans area. Validators speak Dutch: their messages reach the user."""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.domain.validation import MAX_LIJST, Id, Kort, Tekst, Version

DoelStatus = Literal["open", "bezig", "behaald", "gestopt"]
ActieStatus = Literal["open", "bezig", "gedaan", "vervallen"]
WieSoort = Literal["inwoner", "netwerklid", "professional", "voorziening"]
Houder = Literal["huishouden", "netwerklid", "professional"]
SchaalConclusie = Literal["op", "af", "gelijk"]
WetNa18 = Literal["Wmo", "Participatiewet"]
PartijSoort = Literal["clientondersteuner", "aanbieder", "netwerklid"]

_TEKST_VERPLICHT = "Dit veld is verplicht."


def _required_text(v: str | None) -> str:
    if v is None or not v.strip():
        raise ValueError(_TEKST_VERPLICHT)
    return v.strip()


class _In(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, validate_default=True)


# ---- plan ----------------------------------------------------------------------------------------


class PlanCreate(_In):
    startdatum: date | None = None
    situatie: str | None = Field(default=None, max_length=20000)
    prioriteiten: str | None = Field(default=None, max_length=5000)


class PlanUpdate(_In):
    version: Version
    situatie: str | None = Field(default=None, max_length=20000)
    prioriteiten: str | None = Field(default=None, max_length=5000)
    veiligheid: str | None = Field(default=None, max_length=10000)
    startdatum: date
    volgende_evaluatie: date | None = None


class DoelIn(_In):
    leefgebied: Kort | None = None
    woorden: str | None = Field(default=None, max_length=5000)
    prioriteit: int = Field(default=1, ge=1, le=99)
    akkoord_huishouden: bool = True
    status: DoelStatus = "open"
    professioneel_oordeel: str | None = Field(default=None, max_length=5000)

    @field_validator("leefgebied")
    @classmethod
    def _leefgebied(cls, v: str | None) -> str:
        if not v:
            raise ValueError("Kies een leefgebied.")
        return v

    @field_validator("woorden")
    @classmethod
    def _woorden(cls, v: str | None) -> str:
        if v is None or not v.strip():
            raise ValueError("Beschrijf het doel in de woorden van het huishouden.")
        return v.strip()


class DoelUpdate(DoelIn):
    version: Version


class ActieIn(_In):
    wat: str | None = Field(default=None, max_length=5000)
    wie_soort: WieSoort = "inwoner"
    persoon_id: Id | None = None
    netwerklid_id: Id | None = None
    gebruiker_id: Id | None = None
    voorziening_id: Id | None = None
    uiterlijk: date | None = None
    status: ActieStatus = "open"

    @field_validator("wat")
    @classmethod
    def _wat(cls, v: str | None) -> str:
        if v is None or not v.strip():
            raise ValueError("Beschrijf wat er gebeurt.")
        return v.strip()

    @model_validator(mode="after")
    def _wie(self) -> "ActieIn":
        nodig = {"netwerklid": "netwerklid_id", "professional": "gebruiker_id", "voorziening": "voorziening_id"}
        veld = nodig.get(self.wie_soort)
        if veld and getattr(self, veld) is None:
            teksten = {
                "netwerklid_id": "Kies wie uit het netwerk dit doet.",
                "gebruiker_id": "Kies welke professional dit doet.",
                "voorziening_id": "Kies de maatwerkvoorziening.",
            }
            raise ValueError(teksten[veld])
        return self


class ActieUpdate(ActieIn):
    version: Version


class Vaststellen(_In):
    version: Version
    vastgesteld_op: date | None = None
    akkoord_door: str | None = Field(default=None, max_length=1000)

    @field_validator("akkoord_door")
    @classmethod
    def _akkoord(cls, v: str | None) -> str:
        if v is None or not v.strip():
            raise ValueError("Vul in wie van het huishouden akkoord gaf.")
        return v.strip()


class Bijstellen(_In):
    version: Version


class Afsluiten(_In):
    version: Version


class ActieRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    wat: str
    wie_soort: str
    wie: str = ""
    persoon_id: int | None = None
    netwerklid_id: int | None = None
    gebruiker_id: int | None = None
    voorziening_id: int | None = None
    uiterlijk: date | None
    status: str
    version: int


class DoelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    leefgebied: str
    leefgebied_label: str = ""
    woorden: str
    prioriteit: int
    akkoord_huishouden: bool
    status: str
    professioneel_oordeel: str | None
    version: int
    acties: list[ActieRead] = []


class PlanVersieRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    versienummer: int
    vastgesteld_op: date
    akkoord_door: str
    vastgesteld_door: str | None = None


class EvaluatieIn(_In):
    datum: date | None = None
    voortgang: dict[Kort, Tekst] = Field(default_factory=dict, max_length=MAX_LIJST)
    gehoord: bool = True
    wat_verandert: str | None = Field(default=None, max_length=5000)
    schaal_conclusie: SchaalConclusie = "gelijk"
    volgende_evaluatie: date | None = None


class EvaluatieRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    datum: date
    voortgang: dict[str, Any]
    gehoord: bool
    wat_verandert: str | None
    schaal_conclusie: str
    uitgevoerd_door: str | None = None


class ReactieIn(_In):
    tekst: str | None = Field(default=None, max_length=5000)
    soort: Literal["plan", "verslag"] = "plan"

    @field_validator("tekst")
    @classmethod
    def _tekst(cls, v: str | None) -> str:
        if v is None or not v.strip():
            raise ValueError("Schrijf een reactie.")
        return v.strip()


class ReactieRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    huishouden_id: int
    plan_id: int | None
    verslag_id: int | None
    tekst: str
    door: str = ""
    created_at: datetime | None
    gelezen_door_regisseur_op: datetime | None


class PlanRead(BaseModel):
    id: int
    huishouden_id: int
    huishouden_naam: str
    status: str
    status_label: str
    situatie: str | None
    prioriteiten: str | None
    veiligheid: str | None
    veiligheidszorg: bool
    startdatum: date
    volgende_evaluatie: date | None
    version: int
    doelen: list[DoelRead]
    versies: list[PlanVersieRead] = []
    evaluaties: list[EvaluatieRead] = []
    reacties: list[ReactieRead] = []


# ---- regie, schaal, 18-/18+ ----------------------------------------------------------------------


class RegieIn(_In):
    houder: Houder
    netwerklid_id: Id | None = None
    regisseur_id: Id | None = None
    begindatum: date | None = None
    einddatum: date | None = None
    betekenis: str | None = Field(default=None, max_length=5000)

    @field_validator("betekenis")
    @classmethod
    def _betekenis(cls, v: str | None) -> str:
        if v is None or not v.strip():
            raise ValueError("Beschrijf wat regie in deze situatie betekent.")
        return v.strip()

    @model_validator(mode="after")
    def _wie(self) -> "RegieIn":
        if self.houder == "netwerklid" and self.netwerklid_id is None:
            raise ValueError("Kies wie uit het netwerk de regie heeft.")
        if self.houder == "professional" and self.regisseur_id is None:
            raise ValueError("Kies de professionele regisseur.")
        return self


class RegieEnd(_In):
    version: Version
    einddatum: date


class RegieRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    houder: str
    houder_label: str = ""
    wie: str = ""
    netwerklid_id: int | None
    regisseur_id: int | None
    begindatum: date
    einddatum: date | None
    betekenis: str
    actief: bool = False
    version: int


class SchaalbesluitIn(_In):
    naar: int = Field(ge=0, le=9)
    reden: str | None = Field(default=None, max_length=5000)
    datum: date | None = None


class SchaalbesluitBeoordeling(_In):
    version: Version
    notitie: str | None = Field(default=None, max_length=5000)


class SchaalbesluitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    huishouden_id: int
    van: int | None
    naar: int = Field(ge=0, le=9)
    reden: str
    datum: date
    status: str
    besloten_door: str | None = None
    goedgekeurd_door: str | None = None
    goedgekeurd_op: datetime | None = None
    notitie: str | None = None
    version: int


class SchaalOverzicht(BaseModel):
    huidig: int | None
    suggestie: int
    uitleg: str
    mismatch: str | None
    besluiten: list[SchaalbesluitRead]
    wacht_op_goedkeuring: bool


class Overgang18In(_In):
    persoon_id: Id
    wat_loopt_door: str | None = Field(default=None, max_length=5000)
    wet_na_18: WetNa18
    warme_overdracht: str | None = Field(default=None, max_length=5000)
    datum: date
    grond_verlengde_jeugdhulp: str | None = Field(default=None, max_length=5000)

    @field_validator("wat_loopt_door")
    @classmethod
    def _wat(cls, v: str | None) -> str:
        if v is None or not v.strip():
            raise ValueError("Beschrijf wat na het 18e jaar doorloopt.")
        return v.strip()


class Overgang18Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    persoon_id: int
    persoon: str = ""
    wat_loopt_door: str
    wet_na_18: str
    warme_overdracht: str | None
    datum: date
    grond_verlengde_jeugdhulp: str | None


class JeugdigeRead(BaseModel):
    """A youth of the household with an active Jeugdwet voorziening, for the transition section."""

    persoon_id: int
    naam: str
    geboortedatum: date | None
    wordt_18_op: date | None
    signaal: str | None


# ---- consent -------------------------------------------------------------------------------------


class ToestemmingIn(_In):
    partij_soort: PartijSoort
    gebruiker_id: Id | None = None
    aanbieder_id: Id | None = None
    netwerklid_id: Id | None = None
    scope_plan: bool = True
    scope_verslag: bool = False
    begindatum: date | None = None
    einddatum: date | None = None
    toelichting: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _check(self) -> "ToestemmingIn":
        if not (self.scope_plan or self.scope_verslag):
            raise ValueError("Kies waarvoor de toestemming geldt: het plan, het verslag of beide.")
        return self


class ToestemmingIntrekken(_In):
    version: Version


class ToestemmingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    huishouden_id: int
    partij_soort: str
    partij: str = ""
    gebruiker_id: int | None
    aanbieder_id: int | None
    netwerklid_id: int | None
    scope_plan: bool
    scope_verslag: bool
    begindatum: date
    einddatum: date | None
    toelichting: str | None
    ingetrokken_op: datetime | None
    actief: bool = False
    version: int


# ---- the cliëntondersteuner's view ---------------------------------------------------------------


class GedeeldHuishouden(BaseModel):
    id: int
    naam: str
    woonplaats: str
    plan: bool
    verslag: bool
    tot: date | None


class GedeeldPlan(BaseModel):
    huishouden_id: int
    huishouden_naam: str
    leden: list[dict[str, Any]]  # naam + masked BSN
    versienummer: int
    vastgesteld_op: date
    akkoord_door: str
    plan: dict[str, Any]  # the snapshot of the vastgestelde version


class GedeeldVerslag(BaseModel):
    huishouden_id: int
    verslag_id: int
    tekst: str
    verzonden_op: date | None
