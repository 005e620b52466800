"""The navigation per role. Items whose route does not exist (yet) are left out."""

from dataclasses import dataclass

from app.domain.actor import Actor
from app.domain.organisation.models import Rol


@dataclass(frozen=True)
class NavItem:
    route: str
    label: str
    rollen: tuple[str, ...]


CASEWORK = (Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR, Rol.SUPERVISOR)

NAV: list[NavItem] = [
    NavItem("home", "Werkvoorraad", (*CASEWORK,)),
    NavItem("teamqueue", "Teamwachtrij", (*CASEWORK,)),
    NavItem("huishoudens_zoeken", "Huishoudens", (*CASEWORK, Rol.AUDITOR)),
    NavItem("caseload", "Caseload team", (Rol.SUPERVISOR,)),
    NavItem("goedkeuringen", "Goedkeuringen", (Rol.SUPERVISOR,)),
    NavItem("monitoring", "Monitoring", (Rol.SUPERVISOR,)),
    NavItem("gedeeld_overzicht", "Mijn huishoudens", (Rol.CLIENTONDERSTEUNER,)),
    NavItem("beheer_gebruikers", "Gebruikers", (Rol.BEHEERDER,)),
    NavItem("beheer_teams", "Teams", (Rol.BEHEERDER,)),
    NavItem("beheer_aanbieders", "Aanbieders", (Rol.BEHEERDER,)),
    NavItem("beheer_producten", "Producten", (Rol.BEHEERDER,)),
    NavItem("audit_zoeken", "Audittrail", (Rol.AUDITOR,)),
    NavItem("rechtmatigheid", "Rechtmatigheid", (Rol.AUDITOR,)),
    # Every role may use the API (the cliëntondersteuner reads shared plans through it too).
    NavItem("tokens", "API-tokens", tuple(Rol)),
]

_known: set[str] = set()


def register_routes(names: set[str]) -> None:
    _known.clear()
    _known.update(names)
    _scanned.clear()


def route_names(routes: list) -> set[str]:  # type: ignore[type-arg]
    """Names of all routes, also inside included routers (newer FastAPI no longer flattens them)."""
    names: set[str] = set()
    for r in routes:
        inner = getattr(r, "original_router", None)
        if inner is not None:
            names |= route_names(inner.routes)
        elif getattr(r, "name", None):
            names.add(r.name)
    return names


def _ensure_scanned() -> None:
    if not _scanned:
        from app.web import router

        _known.update(route_names(router.routes))
        _scanned.append(True)


_scanned: list[bool] = []


def nav_items(actor: Actor) -> list[NavItem]:
    _ensure_scanned()
    return [i for i in NAV if i.route in _known and actor.heeft(*i.rollen)]


def has_route(name: str) -> bool:
    _ensure_scanned()
    return name in _known
