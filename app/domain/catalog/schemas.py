"""Schemas for the product catalogue, providers (aanbieders) and their contracts.

Field rules that need no database (formats, period order) live here; rules that need the code
lists or other rows (productcategorie per wet, unique AGB-code, overlapping contracts) live in the
service. Messages are Dutch: they reach the user as-is.
"""

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.domain.validation import Kort, Version

Wet = Literal["Wmo", "Jeugdwet", "Participatiewet", "Schuldhulp"]

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")


def _optional(v: str | None) -> str | None:
    return v or None


def _digits(v: str | None, *, label: str, required: bool) -> str | None:
    if v is None or v == "":
        if required:
            raise ValueError(f"Vul {label} in.")
        return None
    v = re.sub(r"[\s.]", "", v)
    if not re.fullmatch(r"\d{8}", v):
        raise ValueError(f"{label[0].upper()}{label[1:]} bestaat uit 8 cijfers.")
    return v


class ProductIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    code: str = Field(min_length=1, max_length=20)
    naam: str = Field(min_length=1, max_length=200)
    wet: Wet
    productcategorie: str | None = Field(default=None, max_length=4)
    iv3_taakveld: str | None = Field(default=None, max_length=10)
    eenheid: str | None = Field(default=None, max_length=4)
    frequentie: str | None = Field(default=None, max_length=4)
    actief: bool = True

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        v = v.upper()
        if not _CODE.fullmatch(v):
            raise ValueError("Gebruik hoofdletters, cijfers en streepjes, zoals WMO-HH1.")
        return v

    _opt = field_validator("productcategorie", "iv3_taakveld", "eenheid", "frequentie")(_optional)


class ProductCreate(ProductIn):
    pass


class ProductUpdate(ProductIn):
    version: Version


class ProductRead(BaseModel):
    id: int
    code: str
    naam: str
    wet: str
    productcategorie: str | None
    productcategorie_label: str | None = None
    iv3_taakveld: str | None
    iv3_taakveld_label: str | None = None
    eenheid: str | None
    eenheid_label: str | None = None
    frequentie: str | None
    frequentie_label: str | None = None
    actief: bool
    version: int


class AanbiederIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    naam: str = Field(min_length=1, max_length=200)
    agb_code: Kort
    kvk_nummer: Kort | None = None
    actief: bool = True

    @field_validator("agb_code", mode="before")
    @classmethod
    def _agb(cls, v: object) -> object:
        return _digits(str(v).strip(), label="de AGB-code", required=True) if isinstance(v, str | int) else v

    @field_validator("kvk_nummer", mode="before")
    @classmethod
    def _kvk(cls, v: object) -> object:
        if v is None:
            return None
        return _digits(str(v).strip(), label="het KvK-nummer", required=False) if isinstance(v, str | int) else v


class AanbiederCreate(AanbiederIn):
    pass


class AanbiederUpdate(AanbiederIn):
    version: Version


class ContractIn(BaseModel):
    begindatum: date
    einddatum: date | None = None

    @field_validator("einddatum")
    @classmethod
    def _period(cls, v: date | None, info: ValidationInfo) -> date | None:
        begin = info.data.get("begindatum")
        if v is not None and begin is not None and v < begin:
            raise ValueError("De einddatum ligt voor de begindatum.")
        return v


class ContractCreate(ContractIn):
    product_id: int = Field(ge=1, le=2**31 - 1)


class ContractUpdate(ContractIn):
    version: Version


class ContractRead(BaseModel):
    id: int
    aanbieder_id: int
    product_id: int
    product_code: str
    product_naam: str
    wet: str
    begindatum: date
    einddatum: date | None
    geldig_vandaag: bool
    status: Literal["geldig", "beeindigd", "toekomstig"]
    version: int


class AanbiederListItem(BaseModel):
    id: int
    naam: str
    agb_code: str
    kvk_nummer: str | None
    actief: bool
    aantal_contracten: int
    version: int


class AanbiederRead(AanbiederListItem):
    contracten: list[ContractRead]
