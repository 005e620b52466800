"""Households over JSON: the same services, authorization and audit as the screens (DESIGN §7, §8).

Every endpoint parses its input into the domain schema, calls one service function and returns its
Read/ListItem schema. Domain errors become 404 (also "no access", audited), 403, 409 and 422.
"""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import MAX_ID, ApiActor, PathId
from app.api.errors import ERROR_RESPONSES, DutchValidationRoute, domain_error_response
from app.domain.errors import ValidationError
from app.domain.households import schemas as s
from app.domain.households import service
from app.domain.validation import parse
from app.web.deps import DbSession

router = APIRouter(
    prefix="/huishoudens",
    tags=["Huishoudens / Households"],
    route_class=DutchValidationRoute,
    responses={401: ERROR_RESPONSES[401]},
)

HuishoudenId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id van het huishouden / household id")]

_R404 = {404: ERROR_RESPONSES[404]}
_READ = {**_R404, 403: ERROR_RESPONSES[403]}
_WRITE = {**_READ, 409: ERROR_RESPONSES[409], 422: ERROR_RESPONSES[422]}


class BreakTheGlassIn(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    reden: str = Field(
        max_length=2000,
        description="Waarom u dit dossier moet inzien (minstens 10 tekens) / why you need access (min. 10 chars)",
        examples=["Waarneming voor zieke collega, cliënt belt met spoedvraag"],
    )


@router.get(
    "",
    response_model=list[s.HuishoudenListItem],
    summary="Mijn huishoudens / My households",
    description=(
        "De huishoudens waar u of uw team bij betrokken is (lijstweergave: naam, adres, status; nooit inhoud).\n\n"
        "The households you or your team work on (list entry only: name, address, status; never content)."
    ),
)
def list_households(session: DbSession, actor: ApiActor) -> list[s.HuishoudenListItem]:
    return service.my_households(session, actor)


@router.get(
    "/zoeken",
    response_model=list[s.HuishoudenListItem],
    summary="Huishoudens zoeken / Search households",
    description=(
        "Zoek op BSN (exact, elfproef), op postcode + huisnummer, of op naam (`q`, minstens 2 tekens). "
        "Buiten uw relatie levert een exact BSN of adres alleen een zoektreffer op (bestaat, bij wie navragen).\n\n"
        "Search by BSN (exact), by postcode + house number, or by name. Outside your relation an exact BSN or "
        "address only yields a bare hit (it exists, whom to contact). Same row scope as the screens."
    ),
    responses={422: ERROR_RESPONSES[422]},
)
def search_households(
    session: DbSession,
    actor: ApiActor,
    q: Annotated[str | None, Query(max_length=200, description="Naam / name")] = None,
    bsn: Annotated[str | None, Query(max_length=20, description="BSN, 9 cijfers / 9 digits")] = None,
    postcode: Annotated[str | None, Query(max_length=10, description="Postcode, bv. 6041 KB")] = None,
    huisnummer: Annotated[str | None, Query(max_length=10, description="Huisnummer, met postcode")] = None,
):
    raw = {
        k: v.strip()
        for k, v in {"q": q, "bsn": bsn, "postcode": postcode, "huisnummer": huisnummer}.items()
        if v and v.strip()
    }
    try:
        opdracht = parse(s.ZoekOpdracht, raw)
    except ValidationError as exc:
        return domain_error_response(exc, where="query")
    return service.search(session, actor, opdracht=opdracht)


@router.post(
    "",
    response_model=s.HuishoudenRead,
    status_code=status.HTTP_201_CREATED,
    summary="Huishouden registreren / Create a household",
    description=(
        "Registreert een huishouden met de aanvrager; u wordt behandelaar. Alleen toegangsmedewerker of regisseur.\n\n"
        "Registers a household with its aanvrager; you become its behandelaar."
    ),
    responses={403: ERROR_RESPONSES[403], 422: ERROR_RESPONSES[422]},
)
def create_household(session: DbSession, actor: ApiActor, data: s.HuishoudenCreate) -> s.HuishoudenRead:
    return service.create_household(session, actor, data=data)


@router.get(
    "/{huishouden_id}",
    response_model=s.HuishoudenRead,
    summary="Dossier ophalen / Get the dossier",
    description=(
        "Het dossier met leden (met historie), netwerk en betrokken professionals. Elke inzage wordt gelogd.\n\n"
        "The dossier with members (history kept), network and professionals. Every look is audited."
    ),
    responses=_READ,
)
def get_household(session: DbSession, actor: ApiActor, huishouden_id: HuishoudenId) -> s.HuishoudenRead:
    return service.get_dossier(session, actor, huishouden_id=huishouden_id)


@router.put(
    "/{huishouden_id}",
    response_model=s.HuishoudenRead,
    summary="Huishouden wijzigen / Update a household",
    description=(
        "Adres, gemeente, team en veiligheidszorg. Stuur de `version` mee die u las; is die verouderd, dan 409.\n\n"
        "Send the `version` you read; a stale version answers 409 and nothing is overwritten."
    ),
    responses=_WRITE,
)
def update_household(
    session: DbSession, actor: ApiActor, huishouden_id: HuishoudenId, data: s.HuishoudenUpdate
) -> s.HuishoudenRead:
    return service.update_household(session, actor, huishouden_id=huishouden_id, data=data)


@router.put(
    "/{huishouden_id}/personen/{persoon_id}",
    response_model=s.PersoonRead,
    summary="Persoon wijzigen / Update a person",
    description="Gegevens van een (oud-)lid van dit huishouden. / A person who is or was a member of this household.",
    responses=_WRITE,
)
def update_persoon(
    session: DbSession, actor: ApiActor, huishouden_id: HuishoudenId, persoon_id: PathId, data: s.PersoonUpdate
) -> s.PersoonRead:
    return service.update_persoon(session, actor, huishouden_id=huishouden_id, persoon_id=persoon_id, data=data)


@router.post(
    "/{huishouden_id}/leden",
    response_model=s.LidmaatschapRead,
    status_code=status.HTTP_201_CREATED,
    summary="Lid toevoegen / Add a member",
    description=(
        "Een bestaande persoon (`persoon_id`) of een nieuwe (`persoon`), met relatie en begindatum.\n\n"
        "An existing person or a new one, with relation and start date."
    ),
    responses=_WRITE,
)
def add_member(
    session: DbSession, actor: ApiActor, huishouden_id: HuishoudenId, data: s.LidmaatschapCreate
) -> s.LidmaatschapRead:
    return service.add_member(session, actor, huishouden_id=huishouden_id, data=data)


@router.post(
    "/{huishouden_id}/leden/{lidmaatschap_id}/beeindigen",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Lidmaatschap beëindigen / End a membership",
    description="Het lidmaatschap blijft als historie bewaard. / The membership is kept as history.",
    responses=_WRITE,
)
def end_member(
    session: DbSession,
    actor: ApiActor,
    huishouden_id: HuishoudenId,
    lidmaatschap_id: PathId,
    data: s.LidmaatschapEnd,
) -> Response:
    service.end_member(session, actor, huishouden_id=huishouden_id, lidmaatschap_id=lidmaatschap_id, data=data)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{huishouden_id}/netwerk",
    response_model=s.NetwerklidRead,
    status_code=status.HTTP_201_CREATED,
    summary="Netwerklid toevoegen / Add a network member",
    description=(
        "Mantelzorger (met draagkracht/draaglast 1–5), familie, buur, vrijwilliger of professional.\n\n"
        "Informal carer (with capacity/burden 1–5), family, neighbour, volunteer or professional."
    ),
    responses=_WRITE,
)
def add_network_member(
    session: DbSession, actor: ApiActor, huishouden_id: HuishoudenId, data: s.NetwerklidIn
) -> s.NetwerklidRead:
    return service.add_network_member(session, actor, huishouden_id=huishouden_id, data=data)


@router.put(
    "/{huishouden_id}/netwerk/{netwerklid_id}",
    response_model=s.NetwerklidRead,
    summary="Netwerklid wijzigen / Update a network member",
    description="Stuur de `version` mee die u las. / Send the `version` you read.",
    responses=_WRITE,
)
def update_network_member(
    session: DbSession,
    actor: ApiActor,
    huishouden_id: HuishoudenId,
    netwerklid_id: PathId,
    data: s.NetwerklidUpdate,
) -> s.NetwerklidRead:
    return service.update_network_member(
        session, actor, huishouden_id=huishouden_id, netwerklid_id=netwerklid_id, data=data
    )


@router.post(
    "/{huishouden_id}/doorbreken",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Toegang met reden (break-the-glass)",
    description=(
        "Toegang buiten uw relatie met een schriftelijke reden; wordt gelogd en door de supervisor beoordeeld. "
        "Via de API geldt de toegang 8 uur.\n\n"
        "Access outside your relation with a written reason; logged and reviewed by the supervisor. "
        "Over the API it lasts 8 hours."
    ),
    responses={**_R404, 422: ERROR_RESPONSES[422]},
    name="api_break_the_glass",
)
def break_the_glass(
    session: DbSession, actor: ApiActor, huishouden_id: HuishoudenId, data: BreakTheGlassIn
) -> Response:
    service.break_the_glass(session, actor, huishouden_id=huishouden_id, reden=data.reden)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
