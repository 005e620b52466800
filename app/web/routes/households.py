"""Household screens: search, dossier, create, members and network (DESIGN §3, §7)."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.domain import authz
from app.domain.authz import Handeling
from app.domain.errors import Conflict, ValidationError
from app.domain.households import schemas as s
from app.domain.households import service
from app.domain.households.models import Huishouden
from app.domain.organisation import service as org
from app.domain.validation import parse
from app.web import dossier_sections
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, render, savepoint
from app.web.forms import checkbox, form_to_dict

router = APIRouter()


def _org_options(session: Session) -> dict:
    return {"gemeenten": org.gemeente_options(session), "teams": org.team_options(session)}


@router.get("/huishoudens", name="huishoudens_zoeken")
def search_page(
    request: Request,
    session: DbSession,
    actor: CurrentActor,
    q: str | None = None,
    bsn: str | None = None,
    postcode: str | None = None,
    huisnummer: str | None = None,
):
    raw = {
        k: v.strip()
        for k, v in {"q": q, "bsn": bsn, "postcode": postcode, "huisnummer": huisnummer}.items()
        if v and v.strip()
    }
    errors: dict[str, str] = {}
    results = None
    if raw:
        try:
            results = service.search(session, actor, opdracht=parse(s.ZoekOpdracht, raw))
        except ValidationError as exc:
            errors = exc.errors
    else:
        results = None
    ctx = {
        "title": "Huishoudens zoeken",
        "nav_active": "huishoudens_zoeken",
        "results": results,
        "errors": errors,
        "crit": raw,
        "mine": service.my_households(session, actor) if not raw else None,
        "may_create": actor.heeft("toegangsmedewerker", "regisseur"),
    }
    return render(
        request,
        "households/search.html",
        ctx,
        status=422 if errors else 200,
        partial="households/_results.html",
    )


@router.get("/huishoudens/nieuw", name="huishouden_nieuw")
def new_form(request: Request, session: DbSession, actor: CurrentActor):
    authz.require_role(actor, "toegangsmedewerker", "regisseur")  # type: ignore[arg-type]
    return render(
        request,
        "households/new.html",
        {"title": "Nieuw huishouden", "errors": {}, "v": {}, **_org_options(session)},
    )


@router.post("/huishoudens/nieuw", name="huishouden_aanmaken", dependencies=[CsrfChecked])
def create(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    v = checkbox(form_to_dict(form_data), "veiligheidszorg")
    try:
        with savepoint(session):
            hh = service.create_household(session, actor, data=parse(s.HuishoudenCreate, v))
    except ValidationError as exc:
        return render(
            request,
            "households/new.html",
            {"title": "Nieuw huishouden", "errors": exc.errors, "v": v, **_org_options(session)},
            status=422,
        )
    return RedirectResponse(request.url_for("dossier", huishouden_id=hh.id), status_code=303)


def _dossier_ctx(session: Session, actor, hh: s.HuishoudenRead, **extra) -> dict:  # type: ignore[no-untyped-def]
    model = session.get(Huishouden, hh.id)
    assert model is not None
    return {
        "title": hh.naam,
        "hh": hh,
        "nav_active": "huishoudens_zoeken",
        "may_write": authz.decide(session, actor, model, Handeling.SCHRIJVEN).ok,
        "errors": {},
        "v": {},
        **extra,
    }


@router.get("/huishoudens/{huishouden_id}", name="dossier")
def dossier(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
    sections = dossier_sections.render_all(request, session, actor, hh)
    return render(request, "households/dossier.html", _dossier_ctx(session, actor, hh, sections=sections))


@router.get("/huishoudens/{huishouden_id}/audit", name="dossier_audit")
def dossier_audit(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    events = service.dossier_audit(session, actor, huishouden_id=huishouden_id)
    return render(
        request,
        "households/audit.html",
        {"title": "Wie deed en zag wat", "events": events, "huishouden_id": huishouden_id},
        partial="households/_audit_table.html",
    )


@router.post("/huishoudens/{huishouden_id}/bewerken", name="huishouden_bewerken", dependencies=[CsrfChecked])
def update(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    v = checkbox(form_to_dict(form_data), "veiligheidszorg")
    try:
        with savepoint(session):
            service.update_household(session, actor, huishouden_id=huishouden_id, data=parse(s.HuishoudenUpdate, v))
    except (ValidationError, Conflict) as exc:
        hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
        return render(
            request,
            "households/edit.html",
            {
                "title": f"{hh.naam} bewerken",
                "hh": hh,
                "v": v,
                "errors": getattr(exc, "errors", {}),
                "conflict": exc.message if isinstance(exc, Conflict) else None,
                **_org_options(session),
            },
            status=409 if isinstance(exc, Conflict) else 422,
        )
    return RedirectResponse(request.url_for("dossier", huishouden_id=huishouden_id), status_code=303)


@router.get("/huishoudens/{huishouden_id}/bewerken", name="huishouden_bewerken_form")
def edit_form(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
    return render(
        request,
        "households/edit.html",
        {
            "title": f"{hh.naam} bewerken",
            "hh": hh,
            "v": hh.model_dump(),
            "errors": {},
            **_org_options(session),
        },
    )


# ---- members (HTMX: the members section swaps in place) ------------------------------------------------


def _members_response(
    request: Request,
    session: Session,
    actor,
    huishouden_id: int,
    *,  # type: ignore[no-untyped-def]
    errors: dict | None = None,
    v: dict | None = None,
    status: int = 200,
    message: str | None = None,
):
    hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
    ctx = _dossier_ctx(session, actor, hh, errors=errors or {}, v=v or {}, message=message)
    headers = {"HX-Trigger": "huishouden-gewijzigd"} if status == 200 else None
    return render(
        request,
        "households/dossier.html",
        ctx,
        status=status,
        partial="households/_members.html",
        headers=headers,
    )


@router.post("/huishoudens/{huishouden_id}/leden", name="lid_toevoegen", dependencies=[CsrfChecked])
def add_member(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            service.add_member(session, actor, huishouden_id=huishouden_id, data=parse(s.LidmaatschapCreate, v))
    except ValidationError as exc:
        return _members_response(request, session, actor, huishouden_id, errors=exc.errors, v=v, status=422)
    if request.headers.get("HX-Request"):
        return _members_response(request, session, actor, huishouden_id, message="Lid toegevoegd.")
    return RedirectResponse(str(request.url_for("dossier", huishouden_id=huishouden_id)) + "#leden", status_code=303)


@router.post(
    "/huishoudens/{huishouden_id}/leden/{lidmaatschap_id}/beeindigen",
    name="lid_beeindigen",
    dependencies=[CsrfChecked],
)
def end_member(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    lidmaatschap_id: PathId,
):
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            service.end_member(
                session,
                actor,
                huishouden_id=huishouden_id,
                lidmaatschap_id=lidmaatschap_id,
                data=parse(s.LidmaatschapEnd, v),
            )
    except (ValidationError, Conflict) as exc:
        errs = {f"end-{lidmaatschap_id}": next(iter(getattr(exc, "errors", {}).values()), exc.message)}
        return _members_response(
            request,
            session,
            actor,
            huishouden_id,
            errors=errs,
            v=v,
            status=409 if isinstance(exc, Conflict) else 422,
        )
    if request.headers.get("HX-Request"):
        return _members_response(request, session, actor, huishouden_id, message="Lidmaatschap beëindigd.")
    return RedirectResponse(str(request.url_for("dossier", huishouden_id=huishouden_id)) + "#leden", status_code=303)


# ---- network ---------------------------------------------------------------------------------------------


NETWERK_CHECKS = ("mag_betrokken_worden", "respijtzorg_gewenst")


@router.post("/huishoudens/{huishouden_id}/netwerk", name="netwerklid_toevoegen", dependencies=[CsrfChecked])
def add_network(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    v = checkbox(form_to_dict(form_data), *NETWERK_CHECKS)
    try:
        with savepoint(session):
            service.add_network_member(session, actor, huishouden_id=huishouden_id, data=parse(s.NetwerklidIn, v))
    except ValidationError as exc:
        hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
        return render(
            request,
            "households/dossier.html",
            _dossier_ctx(session, actor, hh, nerrors=exc.errors, nv=v),
            status=422,
            partial="households/_network.html",
        )
    if request.headers.get("HX-Request"):
        hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
        return render(
            request,
            "households/dossier.html",
            _dossier_ctx(session, actor, hh, nmessage="Netwerklid toegevoegd."),
            partial="households/_network.html",
            headers={"HX-Trigger": "huishouden-gewijzigd"},
        )
    return RedirectResponse(str(request.url_for("dossier", huishouden_id=huishouden_id)) + "#netwerk", status_code=303)


@router.get("/huishoudens/{huishouden_id}/netwerk/{netwerklid_id}", name="netwerklid_form")
def network_form(
    request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId, netwerklid_id: PathId
):
    hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
    n = next((n for n in hh.netwerk if n.id == netwerklid_id), None)
    if n is None:
        from app.domain.errors import NotFound

        raise NotFound()
    return render(
        request,
        "households/network_edit.html",
        {"title": f"{n.naam} bewerken", "hh": hh, "n": n, "v": n.model_dump(), "errors": {}},
    )


@router.post(
    "/huishoudens/{huishouden_id}/netwerk/{netwerklid_id}",
    name="netwerklid_bewerken",
    dependencies=[CsrfChecked],
)
def update_network(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    netwerklid_id: PathId,
):
    v = checkbox(form_to_dict(form_data), *NETWERK_CHECKS)
    try:
        with savepoint(session):
            service.update_network_member(
                session,
                actor,
                huishouden_id=huishouden_id,
                netwerklid_id=netwerklid_id,
                data=parse(s.NetwerklidUpdate, v),
            )
    except (ValidationError, Conflict) as exc:
        hh = service.get_dossier(session, actor, huishouden_id=huishouden_id)
        n = next(n for n in hh.netwerk if n.id == netwerklid_id)
        return render(
            request,
            "households/network_edit.html",
            {
                "title": f"{n.naam} bewerken",
                "hh": hh,
                "n": n,
                "v": v,
                "errors": getattr(exc, "errors", {}),
                "conflict": exc.message if isinstance(exc, Conflict) else None,
            },
            status=409 if isinstance(exc, Conflict) else 422,
        )
    return RedirectResponse(str(request.url_for("dossier", huishouden_id=huishouden_id)) + "#netwerk", status_code=303)


# ---- break-the-glass -----------------------------------------------------------------------------------


@router.get("/huishoudens/{huishouden_id}/doorbreken", name="break_the_glass_form")
def btg_form(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    if not actor.heeft(*authz.CASEWORK_ROLES) or session.get(Huishouden, huishouden_id) is None:
        from app.domain.errors import NotFound

        raise NotFound()
    return render(
        request,
        "households/break_the_glass.html",
        {"title": "Toegang met reden", "errors": {}, "huishouden_id": huishouden_id},
    )


@router.post("/huishoudens/{huishouden_id}/doorbreken", name="break_the_glass", dependencies=[CsrfChecked])
def btg(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    form = form_data
    try:
        with savepoint(session):
            service.break_the_glass(session, actor, huishouden_id=huishouden_id, reden=str(form.get("reden") or ""))
    except ValidationError as exc:
        return render(
            request,
            "households/break_the_glass.html",
            {
                "title": "Toegang met reden",
                "errors": exc.errors,
                "huishouden_id": huishouden_id,
                "reden": form.get("reden"),
            },
            status=422,
        )
    return RedirectResponse(request.url_for("dossier", huishouden_id=huishouden_id), status_code=303)
