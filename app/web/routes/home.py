"""The start page: each role lands where its work is."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.domain.households import service as households
from app.domain.organisation.models import Rol
from app.web.deps import CurrentActor, DbSession, render

router = APIRouter()

LANDING = [
    (Rol.BEHEERDER, "beheer_gebruikers"),
    (Rol.AUDITOR, "audit_zoeken"),
    (Rol.CLIENTONDERSTEUNER, "gedeeld_overzicht"),
]


@router.get("/", name="home")
def home(request: Request, session: DbSession, actor: CurrentActor):
    if not actor.heeft(Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR, Rol.SUPERVISOR):
        for rol, route in LANDING:
            if actor.heeft(rol) and any(getattr(r, "name", None) == route for r in request.app.routes):
                return RedirectResponse(request.url_for(route), status_code=303)
    mine = (
        households.my_households(session, actor)
        if actor.heeft(Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR, Rol.SUPERVISOR, Rol.CLIENTONDERSTEUNER)
        else []
    )
    return render(request, "home.html", {"title": "Startpagina", "nav_active": "home", "mine": mine})
