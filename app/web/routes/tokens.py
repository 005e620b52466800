"""API tokens of the logged-in user: list, create (the token is shown exactly once) and revoke.

Every role may hold tokens for its own account; the API applies the same authorization as the web.
Only the hash is stored, so a token that was not copied when shown cannot be shown again.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.domain.actor import Actor
from app.domain.errors import ValidationError
from app.domain.organisation import auth
from app.domain.organisation import schemas as os_
from app.domain.validation import parse
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, is_htmx, render, savepoint
from app.web.forms import form_to_dict

router = APIRouter()

MELDINGEN = {"ingetrokken": "Het token is ingetrokken en werkt niet meer."}


def _ctx(request: Request, session: DbSession, actor: Actor, **extra: Any) -> dict[str, Any]:
    return {
        "title": "API-tokens",
        "nav_active": "tokens",
        "tokens": [os_.TokenRead.model_validate(t, from_attributes=True) for t in auth.list_tokens(session, actor)],
        "errors": {},
        "v": {"geldig_dagen": 90},
        "nieuw": None,
        "melding": MELDINGEN.get(request.query_params.get("melding", "")),
        **extra,
    }


@router.get("/tokens", name="tokens")
def tokens(request: Request, session: DbSession, actor: CurrentActor):
    return render(request, "tokens/index.html", _ctx(request, session, actor))


@router.post("/tokens", name="token_aanmaken", dependencies=[CsrfChecked])
def token_create(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            data = parse(os_.TokenCreate, v)
            token, t = auth.create_token(session, actor, naam=data.naam, geldig_dagen=data.geldig_dagen)
    except ValidationError as exc:
        errors = dict(exc.errors)
        if "naam" in errors:
            errors["naam"] = "Vul in waarvoor u het token gebruikt."
        if "geldig_dagen" in errors:
            errors["geldig_dagen"] = "Vul een aantal dagen in van 1 tot en met 730."
        ctx = _ctx(request, session, actor, errors=errors, v=v)
        return render(request, "tokens/index.html", ctx, status=422, partial="tokens/_tokens.html")
    # Rendered, not redirected: the token exists in plain text only in this one response.
    ctx = _ctx(request, session, actor, nieuw={"token": token, "naam": t.naam})
    return render(
        request,
        "tokens/index.html",
        ctx,
        partial="tokens/_tokens.html",
        headers={"HX-Trigger": "token-gewijzigd", "Cache-Control": "no-store"},
    )


@router.post("/tokens/{token_id}/intrekken", name="token_intrekken", dependencies=[CsrfChecked])
def token_revoke(request: Request, session: DbSession, actor: CurrentActor, token_id: PathId):
    auth.revoke_token(session, actor, token_id=token_id)
    if is_htmx(request):
        ctx = _ctx(request, session, actor, melding=MELDINGEN["ingetrokken"])
        return render(
            request, "tokens/index.html", ctx, partial="tokens/_tokens.html", headers={"HX-Trigger": "token-gewijzigd"}
        )
    return RedirectResponse(str(request.url_for("tokens")) + "?melding=ingetrokken", status_code=303)
