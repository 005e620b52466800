"""API dependencies: the acting user from a bearer token."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.domain.actor import Actor
from app.domain.organisation.auth import actor_for, resolve_token
from app.web.deps import MAX_ID, DbSession, PathId, client_addr, request_id

bearer = HTTPBearer(auto_error=False, description="API token (aan te maken onder 'API-tokens')")


def get_api_actor(
    request: Request,
    session: DbSession,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    user = resolve_token(session, cred.credentials) if cred else None
    if user is None:
        raise HTTPException(401, "Ongeldig of ontbrekend token.", headers={"WWW-Authenticate": "Bearer"})
    if user.password_change_required:
        # The forced change after a reset is not skipped by using the API instead of the screens.
        raise HTTPException(403, "Wijzig eerst uw wachtwoord in de applicatie; daarna werkt de API weer.")
    actor = actor_for(user, request_id=request_id(request), client_addr=client_addr(request), kanaal="api")
    request.state.actor = actor
    return actor


ApiActor = Annotated[Actor, Depends(get_api_actor)]


__all__ = ["MAX_ID", "ApiActor", "PathId", "get_api_actor"]
