"""Screens of the provider messages: a toewijzing with its messages, one message with its raw XML
(audited), and a provider's verzoek om toewijzing (315) with its two answers."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.domain.berichten import service as svc
from app.domain.errors import DomainError, ValidationError
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, render, savepoint
from app.web.forms import form_to_dict

router = APIRouter()


@router.get("/toewijzingen/{toewijzing_id}", name="berichten_toewijzing")
def toewijzing(request: Request, session: DbSession, actor: CurrentActor, toewijzing_id: PathId):
    d = svc.toewijzing_detail(session, actor, toewijzing_id=toewijzing_id)
    return render(
        request,
        "berichten/toewijzing.html",
        {"title": f"Toewijzing {d.toewijzing.toewijzingnummer}", "nav_active": "home", "d": d},
    )


@router.get("/berichten/{bericht_id}", name="berichten_bericht")
def bericht(request: Request, session: DbSession, actor: CurrentActor, bericht_id: PathId):
    b = svc.bekijk(session, actor, bericht_id=bericht_id)
    return render(request, "berichten/bericht.html", {"title": f"Bericht {b.soort}", "nav_active": "home", "b": b})


def _verzoek_page(request, session, actor, bericht_id: int, *, errors=None, status: int = 200):  # type: ignore[no-untyped-def]
    p = svc.verzoek(session, actor, bericht_id=bericht_id)
    return render(
        request,
        "berichten/verzoek.html",
        {"title": f"Verzoek om toewijzing {p.bericht.soort}", "nav_active": "home", "p": p, "errors": errors or {}},
        status=status,
    )


@router.get("/berichten/verzoeken/{bericht_id}", name="berichten_verzoek")
def verzoek(request: Request, session: DbSession, actor: CurrentActor, bericht_id: PathId):
    return _verzoek_page(request, session, actor, bericht_id)


def _answer(request, session, actor, bericht_id: int, use_case):  # type: ignore[no-untyped-def]
    try:
        with savepoint(session):
            use_case()
    except ValidationError as exc:
        return _verzoek_page(request, session, actor, bericht_id, errors=exc.errors, status=422)
    except DomainError as exc:
        if exc.__class__.__name__ in ("NotFound", "NotAllowed"):
            raise
        return _verzoek_page(request, session, actor, bericht_id, errors={"algemeen": exc.message}, status=409)
    target = str(request.url_for("berichten_verzoek", bericht_id=bericht_id))
    return RedirectResponse(target, status_code=303)


@router.post("/berichten/verzoeken/{bericht_id}/honoreren", name="berichten_honoreren", dependencies=[CsrfChecked])
def honoreren(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, bericht_id: PathId):
    raw = form_to_dict(form_data).get("toewijzing_id") or ""
    tw_id = int(raw) if str(raw).isdigit() else None
    return _answer(
        request,
        session,
        actor,
        bericht_id,
        lambda: svc.honoreer_verzoek(session, actor, bericht_id=bericht_id, toewijzing_id=tw_id),
    )


@router.post("/berichten/verzoeken/{bericht_id}/afwijzen", name="berichten_afwijzen", dependencies=[CsrfChecked])
def afwijzen(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, bericht_id: PathId):
    reden = str(form_to_dict(form_data).get("reden") or "")
    return _answer(
        request,
        session,
        actor,
        bericht_id,
        lambda: svc.wijs_verzoek_af(session, actor, bericht_id=bericht_id, reden=reden),
    )
