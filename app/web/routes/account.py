"""The user's own account: changing the password (required after a reset by the beheerder)."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.domain.errors import ValidationError
from app.domain.organisation import auth
from app.web.deps import CsrfChecked, CurrentActor, DbSession, RawForm, render, savepoint

router = APIRouter()


@router.get("/wachtwoord", name="wachtwoord")
def password_form(request: Request, actor: CurrentActor):
    return render(request, "account/password.html", {"title": "Wachtwoord wijzigen", "errors": {}})


@router.post("/wachtwoord", name="wachtwoord_wijzigen", dependencies=[CsrfChecked])
def change_password(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    form = form_data
    try:
        with savepoint(session):
            auth.change_password(
                session,
                actor,
                huidig=str(form.get("huidig") or ""),
                nieuw=str(form.get("nieuw") or ""),
                herhaling=str(form.get("herhaling") or ""),
            )
    except ValidationError as exc:
        return render(
            request, "account/password.html", {"title": "Wachtwoord wijzigen", "errors": exc.errors}, status=422
        )
    return RedirectResponse(request.url_for("home"), status_code=303)
