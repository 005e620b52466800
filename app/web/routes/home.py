"""The start page: each role lands where its work is; casework roles get their werkvoorraad."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app import clock
from app.domain import werkvoorraad
from app.domain.households import service as households
from app.domain.organisation import service as org
from app.domain.organisation.models import Rol
from app.web import nav
from app.web.deps import CurrentActor, DbSession, render

router = APIRouter()

LANDING = [
    (Rol.BEHEERDER, "beheer_gebruikers"),
    (Rol.AUDITOR, "audit_zoeken"),
    (Rol.CLIENTONDERSTEUNER, "gedeeld_overzicht"),
]
DEADLINE_LABELS = {
    "ok": ("ok", "Op tijd"),
    "binnenkort": ("warn", "Binnen 5 werkdagen"),
    "verlopen": ("bad", "Verlopen"),
}
SOORT_LABELS = {
    "termijn_onderzoek": "Termijn",
    "termijn_beschikking": "Termijn",
    "termijn_zoektermijn": "Termijn",
    "termijn_eerste_gesprek": "Termijn",
    "verslag": "Verslag",
    "herindicatie": "Herindicatie",
    "goedkeuring": "Goedkeuring",
    "teamwachtrij": "Teamwachtrij",
}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@router.get("/", name="home")
def home(
    request: Request,
    session: DbSession,
    actor: CurrentActor,
    team: str | None = None,
    gemeente: str | None = None,
    status: str | None = None,
    wet: str | None = None,
):
    casework = actor.heeft(Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR, Rol.SUPERVISOR)
    if not casework:
        for rol, route in LANDING:
            if actor.heeft(rol) and nav.has_route(route):
                return RedirectResponse(request.url_for(route), status_code=303)
        mine = households.my_households(session, actor) if actor.heeft(Rol.CLIENTONDERSTEUNER) else []
        return render(request, "home.html", {"title": "Startpagina", "nav_active": "home", "mine": mine})
    items = werkvoorraad.collect(session, actor, clock.today())
    f = {"team": _int(team), "gemeente": _int(gemeente), "status": status or None, "wet": wet or None}
    if f["team"] is not None:
        items = [i for i in items if i.team_id == f["team"]]
    if f["gemeente"] is not None:
        items = [i for i in items if i.gemeente_id == f["gemeente"]]
    if f["status"]:
        items = [i for i in items if i.status == f["status"]]
    if f["wet"]:
        items = [i for i in items if i.wet == f["wet"]]
    teams = org.team_options(session, ids=actor.team_ids)
    gemeenten = org.gemeente_options(session, ids=actor.gemeente_ids)
    return render(
        request,
        "home.html",
        {
            "title": "Werkvoorraad",
            "nav_active": "home",
            "items": items,
            "f": f,
            "teams": teams,
            "gemeenten": gemeenten,
            "deadline_labels": DEADLINE_LABELS,
            "soort_labels": SOORT_LABELS,
        },
        partial="toegang/_werkvoorraad.html",
    )
