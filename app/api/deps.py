"""API dependencies: the acting user from a bearer token."""

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.domain.actor import Actor
from app.domain.organisation.auth import actor_for, resolve_token
from app.web.deps import DbSession, client_addr, request_id

bearer = HTTPBearer(auto_error=False, description="API token (aan te maken onder 'API-tokens')")


def get_api_actor(
    request: Request,
    session: DbSession,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    user = resolve_token(session, cred.credentials) if cred else None
    if user is None:
        raise HTTPException(401, "Ongeldig of ontbrekend token.", headers={"WWW-Authenticate": "Bearer"})
    actor = actor_for(user, request_id=request_id(request), client_addr=client_addr(request), kanaal="api")
    request.state.actor = actor
    return actor


ApiActor = Annotated[Actor, Depends(get_api_actor)]


# Ids are 32-bit integers in SQLite and PostgreSQL alike; a larger id in a path cannot exist and would
# overflow the driver (a 500 on PostgreSQL). Use for every `{..._id}` path parameter.
MAX_ID = 2**31 - 1
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
