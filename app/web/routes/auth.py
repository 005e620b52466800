"""Login and logout. The login form has its own CSRF cookie because no session exists yet."""

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from app.config import get_settings
from app.domain.errors import ValidationError
from app.domain.organisation import auth
from app.domain.organisation.models import Sessie
from app.web.deps import (
    PRE_CSRF_COOKIE,
    SESSION_COOKIE,
    CurrentActor,
    DbSession,
    client_addr,
    csrf,
    current,
    render,
    request_id,
    tokens_equal,
)

router = APIRouter()


def _safe_next(nxt: str | None) -> str:
    # Only local paths: no open redirect to another site.
    return nxt if nxt and nxt.startswith("/") and not nxt.startswith("//") else "/"


@router.get("/login", name="login")
def login_form(request: Request, next: str | None = None):  # noqa: A002
    token = request.cookies.get(PRE_CSRF_COOKIE) or secrets.token_urlsafe(24)
    request.state.csrf_token = token
    resp = render(request, "auth/login.html", {"title": "Inloggen", "next": _safe_next(next), "errors": {}})
    resp.set_cookie(PRE_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=get_settings().cookie_secure)
    return resp


@router.post("/login", name="login_post")
def login(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",  # noqa: A002
):
    pre = request.cookies.get(PRE_CSRF_COOKIE, "")
    request.state.csrf_token = pre
    ctx = {"title": "Inloggen", "next": _safe_next(next), "username": username}
    if not tokens_equal(csrf_token, pre):
        return render(
            request,
            "auth/login.html",
            {**ctx, "errors": {"__root__": "Uw formulier was verlopen. Probeer opnieuw in te loggen."}},
            status=400,
        )
    if not username.strip() or not password:
        errors = {}
        if not username.strip():
            errors["username"] = "Vul uw gebruikersnaam in."
        if not password:
            errors["password"] = "Vul uw wachtwoord in."
        return render(request, "auth/login.html", {**ctx, "errors": errors}, status=422)
    try:
        user = auth.authenticate(
            session,
            username=username,
            password=password,
            request_id=request_id(request),
            client_addr=client_addr(request),
        )
    except ValidationError as exc:
        # The failed attempt, any lock and its audit event are committed with this response.
        return render(request, "auth/login.html", {**ctx, "errors": {"__root__": exc.message}}, status=401)
    token, _ = auth.start_session(session, user, request_id=request_id(request), client_addr=client_addr(request))
    resp = RedirectResponse(_safe_next(next), status_code=303)
    cfg = get_settings()
    resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=cfg.cookie_secure, path="/")
    resp.delete_cookie(PRE_CSRF_COOKIE)
    return resp


@router.post("/logout", name="logout", dependencies=[Depends(csrf)])
def logout(
    request: Request,
    session: DbSession,
    actor: CurrentActor,
    ctx: Annotated[tuple, Depends(current)],
):
    sessie: Sessie = ctx[1]
    auth.end_session(session, actor, sessie)
    resp = RedirectResponse(request.url_for("login"), status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp
