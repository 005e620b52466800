"""Functioneel beheer screens: users, teams, aanbieders with contracts, and the product catalogue.

Only the beheerder reaches these pages. Each list page holds its create form in one partial, so an
HTMX post swaps the refreshed list and the form (with messages) in place; without JavaScript the same
forms post normally and redirect back. Edit forms carry the version they were read at: a stale save
answers 409 with the Dutch conflict message and changes nothing.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.domain import authz
from app.domain.actor import Actor
from app.domain.catalog import schemas as cs
from app.domain.catalog import service as catalog
from app.domain.catalog.models import WETTEN
from app.domain.codelists import service as codelists
from app.domain.errors import Conflict, ValidationError
from app.domain.organisation import schemas as os_
from app.domain.organisation import service as org
from app.domain.organisation.models import ROL_LABELS, Rol
from app.domain.validation import parse
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, is_htmx, render, savepoint
from app.web.forms import checkbox, form_to_dict

router = APIRouter(prefix="/beheer")

MELDINGEN = {
    "aangemaakt": "Opgeslagen.",
    "opgeslagen": "Wijzigingen opgeslagen.",
    "wachtwoord": "Het nieuwe wachtwoord is ingesteld. Geef het via een veilige weg door aan de gebruiker.",
    "gedeblokkeerd": "Het account is gedeblokkeerd; de gebruiker kan weer inloggen.",
}


def _beheer(actor: Actor) -> None:
    authz.require_role(actor, Rol.BEHEERDER)


def _melding(request: Request) -> str | None:
    return MELDINGEN.get(request.query_params.get("melding", ""))


def _saved(
    request: Request, template: str, fragment: str, trigger: str, ctx: Callable[..., dict], melding: str, url: str
) -> Any:
    """After a successful save: for HTMX the refreshed partial with a message and HX-Trigger, else a redirect."""
    if is_htmx(request):
        return render(request, template, ctx(melding=melding), partial=fragment, headers={"HX-Trigger": trigger})
    return RedirectResponse(url, status_code=303)


def _rejected(
    request: Request, template: str, fragment: str, exc: Exception, ctx: Callable[..., dict], **extra: Any
) -> Any:
    """The form again with its messages: 409 for a stale version (Conflict), 422 for invalid input."""
    conflict = exc.message if isinstance(exc, Conflict) else None
    status = 409 if conflict else 422
    return render(request, template, ctx(conflict=conflict, **extra), status=status, partial=fragment)


def _done(request: Request, url: str) -> Any:
    """After a successful change: a normal redirect, or HX-Redirect for an HTMX post."""
    if is_htmx(request):
        return HTMLResponse("", headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


# "Dit veld is verplicht." says too little in an error summary; name what is missing.
VERPLICHT = {
    "username": "Vul een gebruikersnaam in.",
    "naam": "Vul de naam in.",
    "wachtwoord": "Vul een wachtwoord in.",
    "rollen": "Kies minstens één rol.",
    "code": "Vul een productcode in.",
    "wet": "Kies een wet.",
    "agb_code": "Vul de AGB-code in.",
    "product_id": "Kies een product.",
    "begindatum": "Vul de begindatum in.",
}


def _flat(errors: dict[str, str]) -> dict[str, str]:
    """Errors on list items (`rollen.0`) belong to the list field (`rollen`); required fields by name."""
    out: dict[str, str] = {}
    for k, msg in errors.items():
        head, _, tail = k.partition(".")
        key = head if tail.isdigit() else k
        if msg == "Dit veld is verplicht." and key in VERPLICHT:
            msg = VERPLICHT[key]
        out.setdefault(key, msg)
    return out


def _user_errors(errors: dict[str, str], v: dict[str, Any]) -> dict[str, str]:
    """Clearer words for the generic schema messages of the user form."""
    out = _flat(errors)
    if "rollen" in out and not v.get("rollen"):
        out["rollen"] = "Kies minstens één rol."
    elif "rollen" in out and "bestaat" not in out["rollen"] and "eigen" not in out["rollen"]:
        out["rollen"] = "Kies een rol uit de lijst."
    if out.get("username") in ("Deze waarde is ongeldig.", "Dit veld is verplicht.") and v.get("username"):
        out["username"] = "Gebruik 3 tot 64 tekens: kleine letters, cijfers, punt, streepje of liggend streepje."
    if "wachtwoord" in out and v.get("wachtwoord"):
        out["wachtwoord"] = "Het wachtwoord moet minstens 12 tekens lang zijn."
    for f in ("team_ids", "gemeente_ids"):
        if f in out and "bestaande" not in out[f]:
            out[f] = "Kies uit de lijst."
    return out


def _user_form_options(session: DbSession, actor: Actor) -> dict[str, Any]:
    return {
        "rol_opties": [(r.value, ROL_LABELS[r]) for r in Rol],
        "team_opties": [(t.id, t.naam) for t in org.list_teams(session, actor)],
        "gemeente_opties": org.list_gemeenten(session, actor),
    }


# ---- users -------------------------------------------------------------------------------------------


def _users_page(request: Request, session: DbSession, actor: Actor, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Gebruikers",
        "nav_active": "beheer_gebruikers",
        "users": org.list_users(session, actor),
        "errors": {},
        "v": {},
        "melding": _melding(request),
        **_user_form_options(session, actor),
        **extra,
    }


@router.get("/gebruikers", name="beheer_gebruikers")
def users(request: Request, session: DbSession, actor: CurrentActor):
    _beheer(actor)
    ctx = _users_page(request, session, actor)
    return render(request, "beheer/gebruikers.html", ctx)


@router.post("/gebruikers", name="beheer_gebruiker_aanmaken", dependencies=[CsrfChecked])
def user_create(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    _beheer(actor)
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            created = org.create_user(session, actor, data=parse(os_.GebruikerCreate, v))
    except ValidationError as exc:
        errors = _user_errors(exc.errors, v)
        v.pop("wachtwoord", None)  # never echo a password back into the page
        ctx = _users_page(request, session, actor, errors=errors, v=v)
        return render(request, "beheer/gebruikers.html", ctx, status=422, partial="beheer/_gebruikers.html")
    return _saved(
        request,
        "beheer/gebruikers.html",
        "beheer/_gebruikers.html",
        "gebruiker-gewijzigd",
        partial(_users_page, request, session, actor),
        f"Gebruiker {created.username} aangemaakt.",
        str(request.url_for("beheer_gebruikers")) + "?melding=aangemaakt",
    )


def _user_ctx(request: Request, session: DbSession, actor: Actor, gebruiker_id: int, **extra: Any) -> dict:
    u = org.get_user(session, actor, gebruiker_id=gebruiker_id)
    ctx = {
        "title": f"{u.naam} bewerken",
        "nav_active": "beheer_gebruikers",
        "u": u,
        "v": u.model_dump(),
        "errors": {},
        "pw_errors": {},
        "melding": _melding(request),
        **_user_form_options(session, actor),
    }
    ctx.update(extra)
    return ctx


@router.get("/gebruikers/{gebruiker_id}", name="beheer_gebruiker")
def user_page(request: Request, session: DbSession, actor: CurrentActor, gebruiker_id: PathId):
    _beheer(actor)
    return render(request, "beheer/gebruiker.html", _user_ctx(request, session, actor, gebruiker_id))


@router.post("/gebruikers/{gebruiker_id}", name="beheer_gebruiker_bewerken", dependencies=[CsrfChecked])
def user_update(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, gebruiker_id: PathId):
    _beheer(actor)
    v = checkbox(form_to_dict(form_data), "actief")
    v.setdefault("rollen", [])
    v.setdefault("team_ids", [])
    v.setdefault("gemeente_ids", [])
    ctx = partial(_user_ctx, request, session, actor, gebruiker_id)
    try:
        with savepoint(session):
            org.update_user(session, actor, gebruiker_id=gebruiker_id, data=parse(os_.GebruikerUpdate, v))
    except (ValidationError, Conflict) as exc:
        errors = _user_errors(getattr(exc, "errors", {}), v)
        return _rejected(request, "beheer/gebruiker.html", "beheer/_gebruiker_form.html", exc, ctx, v=v, errors=errors)
    url = str(request.url_for("beheer_gebruiker", gebruiker_id=gebruiker_id)) + "?melding=opgeslagen"
    return _saved(
        request,
        "beheer/gebruiker.html",
        "beheer/_gebruiker_form.html",
        "gebruiker-gewijzigd",
        ctx,
        MELDINGEN["opgeslagen"],
        url,
    )


@router.post("/gebruikers/{gebruiker_id}/wachtwoord", name="beheer_wachtwoord_reset", dependencies=[CsrfChecked])
def user_password(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, gebruiker_id: PathId):
    _beheer(actor)
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            org.reset_password(session, actor, gebruiker_id=gebruiker_id, data=parse(os_.WachtwoordReset, v))
    except ValidationError as exc:
        errs = {"wachtwoord": "Het wachtwoord moet minstens 12 tekens lang zijn."} if v.get("wachtwoord") else {}
        ctx = _user_ctx(request, session, actor, gebruiker_id, pw_errors=errs or _flat(exc.errors))
        return render(request, "beheer/gebruiker.html", ctx, status=422, partial="beheer/_wachtwoord.html")
    if is_htmx(request):
        ctx = _user_ctx(request, session, actor, gebruiker_id, pw_melding=MELDINGEN["wachtwoord"])
        return render(request, "beheer/gebruiker.html", ctx, partial="beheer/_wachtwoord.html")
    url = str(request.url_for("beheer_gebruiker", gebruiker_id=gebruiker_id)) + "?melding=wachtwoord"
    return RedirectResponse(url, status_code=303)


@router.post("/gebruikers/{gebruiker_id}/deblokkeren", name="beheer_gebruiker_deblokkeren", dependencies=[CsrfChecked])
def user_unlock(request: Request, session: DbSession, actor: CurrentActor, gebruiker_id: PathId):
    _beheer(actor)
    org.unlock_user(session, actor, gebruiker_id=gebruiker_id)
    url = str(request.url_for("beheer_gebruiker", gebruiker_id=gebruiker_id)) + "?melding=gedeblokkeerd"
    return _done(request, url)


# ---- teams -------------------------------------------------------------------------------------------


def _teams_page(request: Request, session: DbSession, actor: Actor, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Teams",
        "nav_active": "beheer_teams",
        "teams": org.list_teams(session, actor),
        "gemeente_opties": org.list_gemeenten(session, actor),
        "errors": {},
        "v": {"actief": True},
        "melding": _melding(request),
        **extra,
    }


@router.get("/teams", name="beheer_teams")
def teams(request: Request, session: DbSession, actor: CurrentActor):
    _beheer(actor)
    return render(request, "beheer/teams.html", _teams_page(request, session, actor))


@router.post("/teams", name="beheer_team_aanmaken", dependencies=[CsrfChecked])
def team_create(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    _beheer(actor)
    v = form_to_dict(form_data)
    v["actief"] = True
    try:
        with savepoint(session):
            t = org.create_team(session, actor, data=parse(os_.TeamIn, v))
    except ValidationError as exc:
        ctx = _teams_page(request, session, actor, errors=_flat(exc.errors), v=v)
        return render(request, "beheer/teams.html", ctx, status=422, partial="beheer/_teams.html")
    return _saved(
        request,
        "beheer/teams.html",
        "beheer/_teams.html",
        "team-gewijzigd",
        partial(_teams_page, request, session, actor),
        f"Team {t.naam} aangemaakt.",
        str(request.url_for("beheer_teams")) + "?melding=aangemaakt",
    )


def _team_ctx(request: Request, session: DbSession, actor: Actor, team_id: int, **extra: Any) -> dict:
    t = org.get_team(session, actor, team_id=team_id)
    ctx = {
        "title": f"{t.naam} bewerken",
        "nav_active": "beheer_teams",
        "t": t,
        "v": t.model_dump(),
        "errors": {},
        "gemeente_opties": org.list_gemeenten(session, actor),
        "melding": _melding(request),
    }
    ctx.update(extra)
    return ctx


@router.get("/teams/{team_id}", name="beheer_team")
def team_page(request: Request, session: DbSession, actor: CurrentActor, team_id: PathId):
    _beheer(actor)
    return render(request, "beheer/team.html", _team_ctx(request, session, actor, team_id))


@router.post("/teams/{team_id}", name="beheer_team_bewerken", dependencies=[CsrfChecked])
def team_update(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, team_id: PathId):
    _beheer(actor)
    v = checkbox(form_to_dict(form_data), "actief")
    ctx = partial(_team_ctx, request, session, actor, team_id)
    try:
        with savepoint(session):
            org.update_team(session, actor, team_id=team_id, data=parse(os_.TeamUpdate, v))
    except (ValidationError, Conflict) as exc:
        errors = _flat(getattr(exc, "errors", {}))
        return _rejected(request, "beheer/team.html", "beheer/_team_form.html", exc, ctx, v=v, errors=errors)
    url = str(request.url_for("beheer_team", team_id=team_id)) + "?melding=opgeslagen"
    return _saved(
        request, "beheer/team.html", "beheer/_team_form.html", "team-gewijzigd", ctx, MELDINGEN["opgeslagen"], url
    )


# ---- aanbieders and contracts ------------------------------------------------------------------------


def _aanbieders_page(request: Request, session: DbSession, actor: Actor, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Aanbieders",
        "nav_active": "beheer_aanbieders",
        "aanbieders": catalog.list_aanbieders(session, actor),
        "errors": {},
        "v": {},
        "melding": _melding(request),
        **extra,
    }


@router.get("/aanbieders", name="beheer_aanbieders")
def aanbieders(request: Request, session: DbSession, actor: CurrentActor):
    _beheer(actor)
    return render(request, "beheer/aanbieders.html", _aanbieders_page(request, session, actor))


@router.post("/aanbieders", name="beheer_aanbieder_aanmaken", dependencies=[CsrfChecked])
def aanbieder_create(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    _beheer(actor)
    v = form_to_dict(form_data)
    v["actief"] = True
    try:
        with savepoint(session):
            a = catalog.create_aanbieder(session, actor, data=parse(cs.AanbiederCreate, v))
    except ValidationError as exc:
        ctx = _aanbieders_page(request, session, actor, errors=_flat(exc.errors), v=v)
        return render(request, "beheer/aanbieders.html", ctx, status=422, partial="beheer/_aanbieders.html")
    return _saved(
        request,
        "beheer/aanbieders.html",
        "beheer/_aanbieders.html",
        "aanbieder-gewijzigd",
        partial(_aanbieders_page, request, session, actor),
        f"Aanbieder {a.naam} aangemaakt.",
        str(request.url_for("beheer_aanbieders")) + "?melding=aangemaakt",
    )


def _product_opties(session: DbSession, actor: Actor) -> list[tuple[str, list[tuple[int, str]]]]:
    """Active products grouped by wet, for the contract form."""
    products = catalog.list_products(session, actor, alleen_actief=True)
    return [(wet, [(p.id, f"{p.code} – {p.naam}") for p in products if p.wet == wet]) for wet in WETTEN]


def _aanbieder_ctx(request: Request, session: DbSession, actor: Actor, aanbieder_id: int, **extra: Any) -> dict:
    a = catalog.get_aanbieder(session, actor, aanbieder_id=aanbieder_id)
    ctx = {
        "title": a.naam,
        "nav_active": "beheer_aanbieders",
        "a": a,
        "v": a.model_dump(),
        "errors": {},
        "cv": {},
        "c_errors": {},
        "contract_errors": {},
        "product_opties": _product_opties(session, actor),
        "melding": _melding(request),
    }
    ctx.update(extra)
    return ctx


@router.get("/aanbieders/{aanbieder_id}", name="beheer_aanbieder")
def aanbieder_page(request: Request, session: DbSession, actor: CurrentActor, aanbieder_id: PathId):
    _beheer(actor)
    return render(request, "beheer/aanbieder.html", _aanbieder_ctx(request, session, actor, aanbieder_id))


@router.post("/aanbieders/{aanbieder_id}", name="beheer_aanbieder_bewerken", dependencies=[CsrfChecked])
def aanbieder_update(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, aanbieder_id: PathId
):
    _beheer(actor)
    v = checkbox(form_to_dict(form_data), "actief")
    ctx = partial(_aanbieder_ctx, request, session, actor, aanbieder_id)
    try:
        with savepoint(session):
            catalog.update_aanbieder(session, actor, aanbieder_id=aanbieder_id, data=parse(cs.AanbiederUpdate, v))
    except (ValidationError, Conflict) as exc:
        errors = _flat(getattr(exc, "errors", {}))
        return _rejected(request, "beheer/aanbieder.html", "beheer/_aanbieder_form.html", exc, ctx, v=v, errors=errors)
    url = str(request.url_for("beheer_aanbieder", aanbieder_id=aanbieder_id)) + "?melding=opgeslagen"
    return _saved(
        request,
        "beheer/aanbieder.html",
        "beheer/_aanbieder_form.html",
        "aanbieder-gewijzigd",
        ctx,
        MELDINGEN["opgeslagen"],
        url,
    )


def _contracts_response(
    request: Request, session: DbSession, actor: Actor, aanbieder_id: int, *, status: int = 200, **extra: Any
) -> Any:
    ctx = _aanbieder_ctx(request, session, actor, aanbieder_id, **extra)
    headers = {"HX-Trigger": "contract-gewijzigd"} if status == 200 else None
    return render(
        request, "beheer/aanbieder.html", ctx, status=status, partial="beheer/_contracten.html", headers=headers
    )


@router.post("/aanbieders/{aanbieder_id}/contracten", name="beheer_contract_toevoegen", dependencies=[CsrfChecked])
def contract_add(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, aanbieder_id: PathId):
    _beheer(actor)
    cv = form_to_dict(form_data)
    try:
        with savepoint(session):
            catalog.add_contract(session, actor, aanbieder_id=aanbieder_id, data=parse(cs.ContractCreate, cv))
    except ValidationError as exc:
        return _contracts_response(request, session, actor, aanbieder_id, status=422, cv=cv, c_errors=_flat(exc.errors))
    if is_htmx(request):
        return _contracts_response(request, session, actor, aanbieder_id, c_melding="Contract toegevoegd.")
    url = str(request.url_for("beheer_aanbieder", aanbieder_id=aanbieder_id)) + "?melding=opgeslagen#contracten"
    return RedirectResponse(url, status_code=303)


@router.post(
    "/aanbieders/{aanbieder_id}/contracten/{contract_id}",
    name="beheer_contract_bewerken",
    dependencies=[CsrfChecked],
)
def contract_update(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    aanbieder_id: PathId,
    contract_id: PathId,
):
    _beheer(actor)
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            catalog.update_contract(
                session,
                actor,
                aanbieder_id=aanbieder_id,
                contract_id=contract_id,
                data=parse(cs.ContractUpdate, v),
            )
    except (ValidationError, Conflict) as exc:
        errs = _flat(getattr(exc, "errors", {})) or {"__root__": exc.message}
        return _contracts_response(
            request,
            session,
            actor,
            aanbieder_id,
            status=409 if isinstance(exc, Conflict) else 422,
            contract_errors={contract_id: errs},
            contract_v={contract_id: v},
        )
    if is_htmx(request):
        return _contracts_response(request, session, actor, aanbieder_id, c_melding="Contractperiode gewijzigd.")
    url = str(request.url_for("beheer_aanbieder", aanbieder_id=aanbieder_id)) + "?melding=opgeslagen#contracten"
    return RedirectResponse(url, status_code=303)


# ---- products ----------------------------------------------------------------------------------------


def _product_form_options(session: DbSession) -> dict[str, Any]:
    return {
        "wetten": [(w, w) for w in WETTEN],
        "categorieen": catalog.categorie_options(session),
        "taakvelden": [(c, f"{c} {o}") for c, o in codelists.options(session, "iv3_taakveld")],
        "eenheden": codelists.options(session, "eenheid"),
        "frequenties": codelists.options(session, "frequentie"),
    }


def _producten_page(
    request: Request, session: DbSession, actor: Actor, wet: str | None = None, **extra: Any
) -> dict[str, Any]:
    wet = wet if wet in WETTEN else None
    return {
        "title": "Producten",
        "nav_active": "beheer_producten",
        "producten": catalog.list_products(session, actor, wet=wet),
        "filter_wet": wet,
        "errors": {},
        "v": {},
        "melding": _melding(request),
        **_product_form_options(session),
        **extra,
    }


@router.get("/producten", name="beheer_producten")
def producten(request: Request, session: DbSession, actor: CurrentActor, wet: str | None = None):
    _beheer(actor)
    return render(request, "beheer/producten.html", _producten_page(request, session, actor, wet))


@router.post("/producten", name="beheer_product_aanmaken", dependencies=[CsrfChecked])
def product_create(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    _beheer(actor)
    v = form_to_dict(form_data)
    v["actief"] = True
    try:
        with savepoint(session):
            p = catalog.create_product(session, actor, data=parse(cs.ProductCreate, v))
    except ValidationError as exc:
        ctx = _producten_page(request, session, actor, errors=_flat(exc.errors), v=v)
        return render(request, "beheer/producten.html", ctx, status=422, partial="beheer/_producten.html")
    return _saved(
        request,
        "beheer/producten.html",
        "beheer/_producten.html",
        "product-gewijzigd",
        partial(_producten_page, request, session, actor),
        f"Product {p.code} aangemaakt.",
        str(request.url_for("beheer_producten")) + "?melding=aangemaakt",
    )


def _product_ctx(request: Request, session: DbSession, actor: Actor, product_id: int, **extra: Any) -> dict:
    p = catalog.get_product(session, actor, product_id=product_id)
    ctx = {
        "title": f"{p.code} bewerken",
        "nav_active": "beheer_producten",
        "p": p,
        "v": p.model_dump(),
        "errors": {},
        "melding": _melding(request),
        **_product_form_options(session),
    }
    ctx.update(extra)
    return ctx


@router.get("/producten/{product_id}", name="beheer_product")
def product_page(request: Request, session: DbSession, actor: CurrentActor, product_id: PathId):
    _beheer(actor)
    return render(request, "beheer/product.html", _product_ctx(request, session, actor, product_id))


@router.post("/producten/{product_id}", name="beheer_product_bewerken", dependencies=[CsrfChecked])
def product_update(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, product_id: PathId):
    _beheer(actor)
    v = checkbox(form_to_dict(form_data), "actief")
    ctx = partial(_product_ctx, request, session, actor, product_id)
    try:
        with savepoint(session):
            catalog.update_product(session, actor, product_id=product_id, data=parse(cs.ProductUpdate, v))
    except (ValidationError, Conflict) as exc:
        errors = _flat(getattr(exc, "errors", {}))
        return _rejected(request, "beheer/product.html", "beheer/_product_form.html", exc, ctx, v=v, errors=errors)
    url = str(request.url_for("beheer_product", product_id=product_id)) + "?melding=opgeslagen"
    return _saved(
        request,
        "beheer/product.html",
        "beheer/_product_form.html",
        "product-gewijzigd",
        ctx,
        MELDINGEN["opgeslagen"],
        url,
    )
