"""Web dependencies: the acting user from the session cookie, CSRF, and rendering with HTMX partials."""

import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.config import get_settings
from app.db import get_session
from app.domain.actor import Actor
from app.domain.organisation.auth import actor_for, resolve_session
from app.domain.organisation.models import Sessie
from app.web import templating

SESSION_COOKIE = "toegang_sessie"
PRE_CSRF_COOKIE = "toegang_csrf"

# Function scope: commit before the response leaves, so a redirect never outruns its own commit.
DbSession = Annotated[Session, Depends(get_session, scope="function")]


# Ids are 32-bit integers in SQLite and PostgreSQL alike; a larger id in a path cannot exist and would
# overflow the driver (a 500 on PostgreSQL). Every `{..._id}` path parameter of the web and the API uses
# this; out of range answers "niet gevonden" on the web and a Dutch 422 on the API.
MAX_ID = 2**31 - 1
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


class LoginRequired(Exception):
    """Raised when no live session exists; the handler redirects to the login page."""


class CsrfFailed(Exception):
    pass


class PasswordChangeRequired(Exception):
    """After a reset by the beheerder the user must choose a new password before anything else."""


# Paths open while a password change is pending: the change itself, logging out, assets.
_OPEN_WHEN_CHANGE_REQUIRED = ("/wachtwoord", "/logout", "/static/")


def request_id(request: Request) -> str:
    rid = getattr(request.state, "request_id", None)
    if rid is None:
        rid = request.state.request_id = uuid.uuid4().hex
    return rid


def client_addr(request: Request) -> str | None:
    # The audit column is String(64); a proxy-supplied address longer than that is cut, never a 500.
    return request.client.host[:64] if request.client and request.client.host else None


def tokens_equal(sent: object, expected: str) -> bool:
    """Constant-time comparison of a CSRF token. Anything that is not a non-empty ASCII string (a
    non-ASCII header or field, an uploaded file) is simply unequal; `compare_digest` would raise."""
    if not isinstance(sent, str) or not sent or not expected:
        return False
    return secrets.compare_digest(sent.encode("utf-8"), expected.encode("utf-8"))


def current(request: Request, session: DbSession) -> tuple[Actor, Sessie]:
    token = request.cookies.get(SESSION_COOKIE, "")
    found = resolve_session(session, token)
    if found is None:
        raise LoginRequired()
    sessie, user = found
    actor = actor_for(user, sessie_id=sessie.id, request_id=request_id(request), client_addr=client_addr(request))
    request.state.actor = actor
    request.state.csrf_token = sessie.csrf_token
    if user.password_change_required and not request.url.path.startswith(_OPEN_WHEN_CHANGE_REQUIRED):
        raise PasswordChangeRequired()
    return actor, sessie


def get_actor(ctx: Annotated[tuple[Actor, Sessie], Depends(current)]) -> Actor:
    return ctx[0]


async def csrf(request: Request, ctx: Annotated[tuple[Actor, Sessie], Depends(current)]) -> None:
    """Every state-changing request carries the session's token, in a form field or the HTMX header."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent: object = request.headers.get("X-CSRF-Token")
    if not sent:
        form = await request.form()
        sent = form.get("csrf_token")
    if not tokens_equal(sent, ctx[1].csrf_token):
        raise CsrfFailed()


CurrentActor = Annotated[Actor, Depends(get_actor)]
CsrfChecked = Depends(csrf)


async def read_form(request: Request) -> FormData:
    """Parse the body on the event loop, so the route itself can be a plain `def` in the threadpool
    (a synchronous database call inside `async def` would block every request of the worker).

    The screens take no uploads: a file in any field is refused here, before a route could store
    `str(UploadFile(...))` as text."""
    from app.web.forms import refuse_files

    form = await request.form()
    refuse_files(form)
    return form


RawForm = Annotated[FormData, Depends(read_form)]


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """Run a use case in a savepoint: on a domain error its partial changes are undone and the
    request can still render the form with messages (and commit deferred audit events)."""
    with session.begin_nested():
        yield


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def render(
    request: Request,
    template: str,
    ctx: dict[str, Any] | None = None,
    *,
    status: int = 200,
    partial: str | None = None,
    headers: dict[str, str] | None = None,
):  # type: ignore[no-untyped-def]
    """Full page normally; with HX-Request and a partial given, only the partial (same context)."""
    name = partial if (partial and is_htmx(request)) else template
    context = {"request": request, **(ctx or {})}
    return templates().TemplateResponse(request, name, context, status_code=status, headers=headers)


def templates() -> Jinja2Templates:
    return templating.templates


def settings():  # type: ignore[no-untyped-def]
    return get_settings()
