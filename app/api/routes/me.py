"""Who am I, and my own API tokens (list, revoke)."""

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from app.api.deps import ApiActor, PathId
from app.api.errors import ERROR_RESPONSES, DutchValidationRoute
from app.domain.organisation import auth
from app.domain.organisation.schemas import TokenRead
from app.web.deps import DbSession

router = APIRouter(tags=["Account"], route_class=DutchValidationRoute, responses={401: ERROR_RESPONSES[401]})


class MeRead(BaseModel):
    username: str
    naam: str
    rollen: list[str]


@router.get(
    "/me",
    response_model=MeRead,
    summary="Wie ben ik / Who am I",
    description="De gebruiker achter het token en diens rollen. / The user behind the token and their roles.",
)
def me(actor: ApiActor) -> MeRead:
    return MeRead(username=actor.username, naam=actor.naam, rollen=sorted(actor.rollen))


@router.get(
    "/tokens",
    response_model=list[TokenRead],
    summary="Mijn API-tokens / My API tokens",
    description="Alleen naam en prefix; het token zelf wordt nooit opgeslagen. / Name and prefix only; never the token.",
)
def list_tokens(session: DbSession, actor: ApiActor) -> list[TokenRead]:
    return [
        TokenRead(
            id=t.id,
            naam=t.naam,
            prefix=t.prefix,
            created_at=t.created_at,
            expires_at=t.expires_at,
            revoked_at=t.revoked_at,
            last_used_at=t.last_used_at,
        )
        for t in auth.list_tokens(session, actor)
    ]


@router.delete(
    "/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Token intrekken / Revoke a token",
    description="Trekt een eigen token in (ook het token waarmee u dit verzoek doet). / Revokes one of your own tokens.",
    responses={404: ERROR_RESPONSES[404]},
)
def revoke_token(session: DbSession, actor: ApiActor, token_id: PathId) -> Response:
    auth.revoke_token(session, actor, token_id=token_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
