"""The cliëntondersteuner's screens: the households that consented, and per household the shared
vastgestelde plan and verslag (read-only, BSN masked) with a reaction form. Without consent: 404."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from app.domain.errors import NotFound, ValidationError
from app.domain.plans import consent
from app.domain.plans import schemas as s
from app.domain.validation import parse
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, is_htmx, render, savepoint
from app.web.forms import form_to_dict

router = APIRouter()


@router.get("/gedeeld", name="gedeeld_overzicht")
def overview(request: Request, session: DbSession, actor: CurrentActor):
    rows = consent.shared_households(session, actor)
    return render(
        request,
        "gedeeld/overzicht.html",
        {"title": "Mijn huishoudens", "nav_active": "gedeeld_overzicht", "rows": rows},
    )


def _page(request: Request, session, actor, huishouden_id: int, **extra):  # type: ignore[no-untyped-def]
    heeft_plan = consent.may_share(session, actor, huishouden_id, "plan")
    heeft_verslag = consent.may_share(session, actor, huishouden_id, "verslag")
    if not (heeft_plan or heeft_verslag):
        consent.shared_plan(session, actor, huishouden_id=huishouden_id)  # audits the denial, raises NotFound
        raise NotFound()
    plan = consent.shared_plan(session, actor, huishouden_id=huishouden_id) if heeft_plan else None
    verslag = consent.shared_verslag(session, actor, huishouden_id=huishouden_id) if heeft_verslag else None
    naam = next((h.naam for h in consent.shared_households(session, actor) if h.id == huishouden_id), "Huishouden")
    return {
        "title": f"Gedeeld plan · {naam}",
        "nav_active": "gedeeld_overzicht",
        "naam": naam,
        "huishouden_id": huishouden_id,
        "plan": plan,
        "verslag": verslag,
        "heeft_plan": heeft_plan,
        "heeft_verslag": heeft_verslag,
        "reacties": consent.my_reactions(session, actor, huishouden_id=huishouden_id),
        "errors": {},
        "v": {},
        **extra,
    }


@router.get("/gedeeld/{huishouden_id}", name="gedeeld_huishouden")
def shared(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return render(request, "gedeeld/huishouden.html", _page(request, session, actor, huishouden_id))


@router.post("/gedeeld/{huishouden_id}/reactie", name="gedeeld_reageren", dependencies=[CsrfChecked])
def react(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId
) -> Response:
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            consent.add_reaction(session, actor, huishouden_id=huishouden_id, data=parse(s.ReactieIn, v))
    except ValidationError as exc:
        ctx = _page(request, session, actor, huishouden_id, errors=exc.errors, v=v)
        return render(request, "gedeeld/huishouden.html", ctx, status=422, partial="gedeeld/_reactie.html")
    url = str(request.url_for("gedeeld_huishouden", huishouden_id=huishouden_id)) + "?verstuurd=1#reageren"
    if is_htmx(request):
        return Response(status_code=200, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)
