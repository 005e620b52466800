"""The product catalogue and providers with contracts over the API.

Reading is open to every role (forms elsewhere need the catalogue); changes are for the beheerder.
"""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.api.deps import ApiActor
from app.api.errors import ERROR_RESPONSES, DutchValidationRoute
from app.domain.catalog import schemas as s
from app.domain.catalog import service as catalog
from app.web.deps import DbSession

router = APIRouter(
    tags=["Catalogus / Catalogue"],
    route_class=DutchValidationRoute,
    responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404, 409, 422)},
)

# Ids are 32-bit integers in both databases; anything larger cannot exist.
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/producten", response_model=list[s.ProductRead])
def list_products(
    session: DbSession,
    actor: ApiActor,
    wet: s.Wet | None = None,
    alleen_actief: bool = Query(False, description="Alleen actieve producten"),
) -> list[s.ProductRead]:
    return catalog.list_products(session, actor, wet=wet, alleen_actief=alleen_actief)


@router.post("/producten", response_model=s.ProductRead, status_code=201)
def create_product(session: DbSession, actor: ApiActor, body: s.ProductCreate) -> s.ProductRead:
    return catalog.create_product(session, actor, data=body)


@router.get("/producten/{product_id}", response_model=s.ProductRead)
def get_product(session: DbSession, actor: ApiActor, product_id: Id) -> s.ProductRead:
    return catalog.get_product(session, actor, product_id=product_id)


@router.put("/producten/{product_id}", response_model=s.ProductRead)
def update_product(session: DbSession, actor: ApiActor, product_id: Id, body: s.ProductUpdate) -> s.ProductRead:
    return catalog.update_product(session, actor, product_id=product_id, data=body)


@router.get("/aanbieders", response_model=list[s.AanbiederListItem])
def list_aanbieders(
    session: DbSession,
    actor: ApiActor,
    alleen_actief: bool = False,
    product_id: int | None = Query(
        None, ge=1, le=2**31 - 1, description="Alleen aanbieders met een geldig contract voor dit product"
    ),
) -> list[s.AanbiederListItem]:
    return catalog.list_aanbieders(session, actor, alleen_actief=alleen_actief, product_id=product_id)


@router.post("/aanbieders", response_model=s.AanbiederRead, status_code=201)
def create_aanbieder(session: DbSession, actor: ApiActor, body: s.AanbiederCreate) -> s.AanbiederRead:
    return catalog.create_aanbieder(session, actor, data=body)


@router.get("/aanbieders/{aanbieder_id}", response_model=s.AanbiederRead)
def get_aanbieder(session: DbSession, actor: ApiActor, aanbieder_id: Id) -> s.AanbiederRead:
    return catalog.get_aanbieder(session, actor, aanbieder_id=aanbieder_id)


@router.put("/aanbieders/{aanbieder_id}", response_model=s.AanbiederRead)
def update_aanbieder(session: DbSession, actor: ApiActor, aanbieder_id: Id, body: s.AanbiederUpdate) -> s.AanbiederRead:
    return catalog.update_aanbieder(session, actor, aanbieder_id=aanbieder_id, data=body)


@router.get("/aanbieders/{aanbieder_id}/contracten", response_model=list[s.ContractRead])
def list_contracts(session: DbSession, actor: ApiActor, aanbieder_id: Id) -> list[s.ContractRead]:
    return catalog.get_aanbieder(session, actor, aanbieder_id=aanbieder_id).contracten


@router.post("/aanbieders/{aanbieder_id}/contracten", response_model=s.ContractRead, status_code=201)
def add_contract(session: DbSession, actor: ApiActor, aanbieder_id: Id, body: s.ContractCreate) -> s.ContractRead:
    return catalog.add_contract(session, actor, aanbieder_id=aanbieder_id, data=body)


@router.put("/aanbieders/{aanbieder_id}/contracten/{contract_id}", response_model=s.ContractRead)
def update_contract(
    session: DbSession, actor: ApiActor, aanbieder_id: Id, contract_id: Id, body: s.ContractUpdate
) -> s.ContractRead:
    return catalog.update_contract(session, actor, aanbieder_id=aanbieder_id, contract_id=contract_id, data=body)
