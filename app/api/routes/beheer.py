"""Functioneel beheer over the API: users and teams. Same services (and rules) as the beheer screens."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from app.api.deps import ApiActor
from app.api.errors import ERROR_RESPONSES, DutchValidationRoute
from app.domain.organisation import schemas as s
from app.domain.organisation import service as org
from app.web.deps import DbSession

router = APIRouter(
    tags=["Beheer / Administration"],
    route_class=DutchValidationRoute,
    responses={k: ERROR_RESPONSES[k] for k in (401, 403, 404, 409, 422)},
)

# Ids are 32-bit integers in both databases; anything larger cannot exist.
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/gebruikers", response_model=list[s.GebruikerRead])
def list_users(session: DbSession, actor: ApiActor) -> list[s.GebruikerRead]:
    return org.list_users(session, actor)


@router.post("/gebruikers", response_model=s.GebruikerRead, status_code=201)
def create_user(session: DbSession, actor: ApiActor, body: s.GebruikerCreate) -> s.GebruikerRead:
    return org.create_user(session, actor, data=body)


@router.get("/gebruikers/{gebruiker_id}", response_model=s.GebruikerRead)
def get_user(session: DbSession, actor: ApiActor, gebruiker_id: Id) -> s.GebruikerRead:
    return org.get_user(session, actor, gebruiker_id=gebruiker_id)


@router.put("/gebruikers/{gebruiker_id}", response_model=s.GebruikerRead)
def update_user(session: DbSession, actor: ApiActor, gebruiker_id: Id, body: s.GebruikerUpdate) -> s.GebruikerRead:
    return org.update_user(session, actor, gebruiker_id=gebruiker_id, data=body)


@router.post("/gebruikers/{gebruiker_id}/wachtwoord", status_code=204)
def reset_password(session: DbSession, actor: ApiActor, gebruiker_id: Id, body: s.WachtwoordReset) -> Response:
    org.reset_password(session, actor, gebruiker_id=gebruiker_id, data=body)
    return Response(status_code=204)


@router.post("/gebruikers/{gebruiker_id}/deblokkeren", response_model=s.GebruikerRead)
def unlock_user(session: DbSession, actor: ApiActor, gebruiker_id: Id) -> s.GebruikerRead:
    return org.unlock_user(session, actor, gebruiker_id=gebruiker_id)


@router.get("/teams", response_model=list[s.TeamRead])
def list_teams(session: DbSession, actor: ApiActor) -> list[s.TeamRead]:
    return org.list_teams(session, actor)


@router.post("/teams", response_model=s.TeamRead, status_code=201)
def create_team(session: DbSession, actor: ApiActor, body: s.TeamIn) -> s.TeamRead:
    return org.create_team(session, actor, data=body)


@router.get("/teams/{team_id}", response_model=s.TeamRead)
def get_team(session: DbSession, actor: ApiActor, team_id: Id) -> s.TeamRead:
    return org.get_team(session, actor, team_id=team_id)


@router.put("/teams/{team_id}", response_model=s.TeamRead)
def update_team(session: DbSession, actor: ApiActor, team_id: Id, body: s.TeamUpdate) -> s.TeamRead:
    return org.update_team(session, actor, team_id=team_id, data=body)
