"""Screens of the één plan: the plan page with doelen and acties, vaststellen and versions,
evaluations, regie, op- en afschaling, 18-/18+, consent on the dossier, and the plan as PDF.

Every form works as a plain POST (303 back to the page) and with htmx (the updated partial with an
HX-Trigger on success, the same partial with messages on 422/409).
"""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel
from starlette.datastructures import FormData

from app import clock
from app.domain.authz import Handeling
from app.domain.errors import Conflict, InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.plans import consent, pdf, rules, service
from app.domain.plans import schemas as s
from app.domain.validation import parse
from app.web import dossier_sections
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, is_htmx, render, savepoint
from app.web.forms import checkbox, form_to_dict
from app.web.templating import templates

router = APIRouter()

SCHAAL_NAMEN = {
    0: "Zelf doen",
    1: "Zelf doen versterken",
    2: "Lichte ondersteuning",
    3: "Maatwerk",
    4: "Specialistisch en meervoudig",
    5: "Overnemen en veiligheid",
}
WIE_LABELS = {
    "inwoner": "Iemand uit het huishouden",
    "netwerklid": "Iemand uit het netwerk",
    "professional": "Een professional",
    "voorziening": "Een maatwerkvoorziening",
}
CONCLUSIE_LABELS = {"op": "Opschalen", "af": "Afschalen", "gelijk": "Gelijk blijven"}


def _labels() -> dict[str, Any]:
    return {
        "doel_statussen": [(k.value, v) for k, v in rules.DOEL_STATUS_LABELS.items()],
        "actie_statussen": [(k.value, v) for k, v in rules.ACTIE_STATUS_LABELS.items()],
        "doel_status_label": {k.value: v for k, v in rules.DOEL_STATUS_LABELS.items()},
        "actie_status_label": {k.value: v for k, v in rules.ACTIE_STATUS_LABELS.items()},
        "wie_labels": WIE_LABELS,
        "regie_houders": list(rules.REGIE_HOUDER_LABELS.items()),
        "schaal_namen": SCHAAL_NAMEN,
        "schaal_opties": [(n, f"{n} · {naam}") for n, naam in SCHAAL_NAMEN.items()],
        "conclusies": list(CONCLUSIE_LABELS.items()),
        "conclusie_labels": CONCLUSIE_LABELS,
    }


def _context(request: Request, session, actor, huishouden_id: int, **extra) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    plan = service.get_plan(session, actor, huishouden_id=huishouden_id, audit_view=not extra.pop("no_audit", False))
    from app.domain.households.models import Huishouden

    hh = session.get(Huishouden, huishouden_id)
    return {
        "title": f"Plan · {hh.naam}",
        "nav_active": "huishoudens_zoeken",
        "hh": hh,
        "plan": plan,
        "may_write": service.may(session, actor, huishouden_id, Handeling.SCHRIJVEN),
        "may_approve": service.may(session, actor, huishouden_id, Handeling.GOEDKEUREN) and actor.heeft("supervisor"),
        "keuzes": service.keuzes(session, actor, huishouden_id=huishouden_id),
        "regie": service.list_regie(session, actor, huishouden_id=huishouden_id),
        "schaal": service.schaal_overzicht(session, actor, huishouden_id=huishouden_id),
        "jeugdigen": service.jeugdigen(session, actor, huishouden_id=huishouden_id),
        "overgangen": service.list_overgangen(session, actor, huishouden_id=huishouden_id),
        "errors": {},
        "v": {},
        "form": None,
        "today": clock.today(),
        **_labels(),
        **extra,
    }


@router.get("/huishoudens/{huishouden_id}/plan", name="plan_pagina")
def plan_page(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    ctx = _context(request, session, actor, huishouden_id)
    return render(request, "plans/plan.html", ctx, partial="plans/_plan.html")


def _act(
    request: Request,
    form_data: FormData,
    session,  # type: ignore[no-untyped-def]
    actor,
    huishouden_id: int,
    form: str,
    call: Callable[[dict[str, Any]], Any],
    *,
    checks: tuple[str, ...] = (),
    anchor: str = "",
    back: str | None = None,
) -> Response:
    """Run one use case from a form; on a refusal re-render the plan page with the messages."""
    v = checkbox(form_to_dict(form_data), *checks) if checks else form_to_dict(form_data)
    try:
        with savepoint(session):
            call(v)
    except (ValidationError, Conflict, InvalidTransition) as exc:
        errors = getattr(exc, "errors", None) or {"__root__": exc.message}
        status = 422 if isinstance(exc, ValidationError) else 409
        if back == "dossier":
            return _toestemming_response(request, session, actor, huishouden_id, errors=errors, v=v, status=status)
        ctx = _context(request, session, actor, huishouden_id, errors=errors, v=v, form=form, no_audit=True)
        return render(request, "plans/plan.html", ctx, status=status, partial="plans/_plan.html")
    if is_htmx(request):
        # The form sits on the page it would redirect to: an HX-Redirect that only changes the #anchor
        # does not reload the page, so answer the updated partial instead.
        if back == "dossier":
            ctx = _toestemming_ctx(request, session, actor, huishouden_id)
            return render(request, "plans/_toestemmingen.html", ctx, headers={"HX-Trigger": "toestemming-gewijzigd"})
        ctx = _context(request, session, actor, huishouden_id, no_audit=True)
        return render(
            request, "plans/plan.html", ctx, partial="plans/_plan.html", headers={"HX-Trigger": "plan-gewijzigd"}
        )
    if back == "dossier":
        url = str(request.url_for("dossier", huishouden_id=huishouden_id)) + (f"#{anchor}" if anchor else "")
    else:
        url = str(request.url_for("plan_pagina", huishouden_id=huishouden_id)) + (f"#{anchor}" if anchor else "")
    return RedirectResponse(url, status_code=303)


def _p(model: type[BaseModel], v: dict[str, Any]) -> Any:
    return parse(model, v)


@router.post("/huishoudens/{huishouden_id}/plan/starten", name="plan_starten", dependencies=[CsrfChecked])
def start(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "start",
        lambda v: service.start_plan(session, actor, huishouden_id=huishouden_id, data=_p(s.PlanCreate, v)),
    )


@router.post("/huishoudens/{huishouden_id}/plan", name="plan_bewerken", dependencies=[CsrfChecked])
def update(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "plan",
        lambda v: service.update_plan(session, actor, huishouden_id=huishouden_id, data=_p(s.PlanUpdate, v)),
        anchor="situatie",
    )


@router.post("/huishoudens/{huishouden_id}/plan/doelen", name="doel_toevoegen", dependencies=[CsrfChecked])
def add_doel(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "doel",
        lambda v: service.add_doel(session, actor, huishouden_id=huishouden_id, data=_p(s.DoelIn, v)),
        checks=("akkoord_huishouden",),
        anchor="doelen",
    )


@router.post("/huishoudens/{huishouden_id}/plan/doelen/{doel_id}", name="doel_bewerken", dependencies=[CsrfChecked])
def update_doel(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    doel_id: PathId,
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        f"doel-{doel_id}",
        lambda v: service.update_doel(
            session, actor, huishouden_id=huishouden_id, doel_id=doel_id, data=_p(s.DoelUpdate, v)
        ),
        checks=("akkoord_huishouden",),
        anchor=f"doel-{doel_id}",
    )


@router.post(
    "/huishoudens/{huishouden_id}/plan/doelen/{doel_id}/acties", name="actie_toevoegen", dependencies=[CsrfChecked]
)
def add_actie(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    doel_id: PathId,
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        f"actie-{doel_id}",
        lambda v: service.add_actie(
            session, actor, huishouden_id=huishouden_id, doel_id=doel_id, data=_p(s.ActieIn, v)
        ),
        anchor=f"doel-{doel_id}",
    )


@router.post("/huishoudens/{huishouden_id}/plan/acties/{actie_id}", name="actie_bewerken", dependencies=[CsrfChecked])
def update_actie(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    actie_id: PathId,
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        f"actie-edit-{actie_id}",
        lambda v: service.update_actie(
            session, actor, huishouden_id=huishouden_id, actie_id=actie_id, data=_p(s.ActieUpdate, v)
        ),
        anchor="doelen",
    )


@router.post("/huishoudens/{huishouden_id}/plan/vaststellen", name="plan_vaststellen", dependencies=[CsrfChecked])
def vaststellen(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "vaststellen",
        lambda v: service.vaststellen(session, actor, huishouden_id=huishouden_id, data=_p(s.Vaststellen, v)),
        anchor="versies",
    )


@router.post("/huishoudens/{huishouden_id}/plan/afsluiten", name="plan_afsluiten", dependencies=[CsrfChecked])
def afsluiten(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "status",
        lambda v: service.afsluiten(session, actor, huishouden_id=huishouden_id, data=_p(s.Afsluiten, v)),
    )


@router.post("/huishoudens/{huishouden_id}/plan/heropenen", name="plan_heropenen", dependencies=[CsrfChecked])
def heropenen(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "status",
        lambda v: service.heropenen(session, actor, huishouden_id=huishouden_id, data=_p(s.Bijstellen, v)),
    )


@router.get("/huishoudens/{huishouden_id}/plan/versies/{versienummer}", name="plan_versie")
def versie(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId, versienummer: PathId):
    cmp = service.compare_versions(session, actor, huishouden_id=huishouden_id, versienummer=versienummer)
    from app.domain.households.models import Huishouden

    hh = session.get(Huishouden, huishouden_id)
    return render(
        request,
        "plans/versie.html",
        {
            "title": f"Versie {versienummer} · {hh.naam}",
            "nav_active": "huishoudens_zoeken",
            "hh": hh,
            **cmp,
            **_labels(),
        },
    )


@router.post("/huishoudens/{huishouden_id}/plan/evaluaties", name="evaluatie_toevoegen", dependencies=[CsrfChecked])
def add_evaluatie(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    def call(v: dict[str, Any]) -> Any:
        data = dict(v)
        data["voortgang"] = {k.removeprefix("voortgang_"): val for k, val in v.items() if k.startswith("voortgang_")}
        for k in list(data):
            if k.startswith("voortgang_"):
                data.pop(k)
        return service.add_evaluatie(session, actor, huishouden_id=huishouden_id, data=_p(s.EvaluatieIn, data))

    return _act(
        request, form_data, session, actor, huishouden_id, "evaluatie", call, checks=("gehoord",), anchor="evaluaties"
    )


@router.post("/huishoudens/{huishouden_id}/regie", name="regie_toevoegen", dependencies=[CsrfChecked])
def add_regie(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "regie",
        lambda v: service.create_regie(session, actor, huishouden_id=huishouden_id, data=_p(s.RegieIn, v)),
        anchor="regie",
    )


@router.post(
    "/huishoudens/{huishouden_id}/regie/{regie_id}/beeindigen", name="regie_beeindigen", dependencies=[CsrfChecked]
)
def end_regie(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    regie_id: PathId,
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        f"regie-{regie_id}",
        lambda v: service.end_regie(
            session, actor, huishouden_id=huishouden_id, regie_id=regie_id, data=_p(s.RegieEnd, v)
        ),
        anchor="regie",
    )


@router.post("/huishoudens/{huishouden_id}/schaal", name="schaalbesluit_nemen", dependencies=[CsrfChecked])
def add_schaal(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "schaal",
        lambda v: service.create_schaalbesluit(
            session, actor, huishouden_id=huishouden_id, data=_p(s.SchaalbesluitIn, v)
        ),
        anchor="schaal",
    )


@router.post(
    "/huishoudens/{huishouden_id}/schaal/{besluit_id}/goedkeuren",
    name="schaalbesluit_goedkeuren",
    dependencies=[CsrfChecked],
)
def approve(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    besluit_id: PathId,
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "beoordeling",
        lambda v: service.approve_schaalbesluit(
            session, actor, besluit_id=besluit_id, data=_p(s.SchaalbesluitBeoordeling, v)
        ),
        anchor="schaal",
    )


@router.post(
    "/huishoudens/{huishouden_id}/schaal/{besluit_id}/afwijzen",
    name="schaalbesluit_afwijzen",
    dependencies=[CsrfChecked],
)
def reject(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    besluit_id: PathId,
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "beoordeling",
        lambda v: service.reject_schaalbesluit(
            session, actor, besluit_id=besluit_id, data=_p(s.SchaalbesluitBeoordeling, v)
        ),
        anchor="schaal",
    )


@router.post("/huishoudens/{huishouden_id}/overgang18", name="overgang_toevoegen", dependencies=[CsrfChecked])
def add_overgang(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "overgang",
        lambda v: service.add_overgang(session, actor, huishouden_id=huishouden_id, data=_p(s.Overgang18In, v)),
        anchor="overgang",
    )


@router.post("/huishoudens/{huishouden_id}/plan/reacties/gelezen", name="reacties_gelezen", dependencies=[CsrfChecked])
def reactions_read(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "reacties",
        lambda v: consent.mark_reactions_read(session, actor, huishouden_id=huishouden_id),
        anchor="reacties",
    )


@router.get("/huishoudens/{huishouden_id}/plan/pdf", name="plan_pdf")
def plan_pdf(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    data = pdf.plan_pdf(session, actor, huishouden_id=huishouden_id)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="plan-{huishouden_id}.pdf"'},
    )


# ---- consent on the dossier ------------------------------------------------------------------------


def _toestemming_ctx(request: Request, session, actor, huishouden_id: int, **extra) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "request": request,
        "csrf_token": request.state.csrf_token,
        "hh_id": huishouden_id,
        "toestemmingen": consent.list_toestemmingen(session, actor, huishouden_id=huishouden_id),
        "keuzes": service.keuzes(session, actor, huishouden_id=huishouden_id),
        "may_write": service.may(session, actor, huishouden_id, Handeling.SCHRIJVEN),
        "terrors": {},
        "tv": {},
        **extra,
    }


def _toestemming_response(request: Request, session, actor, huishouden_id: int, *, errors, v, status):  # type: ignore[no-untyped-def]
    ctx = _toestemming_ctx(request, session, actor, huishouden_id, terrors=errors, tv=v)
    if is_htmx(request):
        return render(request, "plans/_toestemmingen.html", ctx, status=status)
    return render(
        request,
        "plans/toestemming_fout.html",
        {**ctx, "title": "Toestemming", "nav_active": "huishoudens_zoeken"},
        status=status,
    )


@router.post("/huishoudens/{huishouden_id}/toestemmingen", name="toestemming_geven", dependencies=[CsrfChecked])
def give_consent(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "toestemming",
        lambda v: consent.create_toestemming(session, actor, huishouden_id=huishouden_id, data=_p(s.ToestemmingIn, v)),
        checks=("scope_plan", "scope_verslag"),
        anchor="toestemmingen",
        back="dossier",
    )


@router.post(
    "/huishoudens/{huishouden_id}/toestemmingen/{toestemming_id}/intrekken",
    name="toestemming_intrekken",
    dependencies=[CsrfChecked],
)
def revoke_consent(
    request: Request,
    form_data: RawForm,
    session: DbSession,
    actor: CurrentActor,
    huishouden_id: PathId,
    toestemming_id: PathId,
):
    return _act(
        request,
        form_data,
        session,
        actor,
        huishouden_id,
        "toestemming",
        lambda v: consent.revoke_toestemming(
            session,
            actor,
            huishouden_id=huishouden_id,
            toestemming_id=toestemming_id,
            data=_p(s.ToestemmingIntrekken, v),
        ),
        anchor="toestemmingen",
        back="dossier",
    )


# ---- the dossier sections ----------------------------------------------------------------------------


@dossier_sections.register(30)
def _plan_section(request: Request, session, actor, hh) -> Markup | None:  # type: ignore[no-untyped-def]
    try:
        status = service.plan_status(session, actor, huishouden_id=hh.id)
        schaal = service.schaal_overzicht(session, actor, huishouden_id=hh.id)
        regie = service.list_regie(session, actor, huishouden_id=hh.id)
    except (NotFound, NotAllowed):
        return None
    return Markup(
        templates.get_template("plans/_dossier_section.html").render(
            request=request,
            csrf_token=request.state.csrf_token,
            hh=hh,
            st=status,
            schaal=schaal,
            regie=regie,
            may_write=service.may(session, actor, hh.id, Handeling.SCHRIJVEN),
            **_labels(),
        )
    )


@dossier_sections.register(35)
def _consent_section(request: Request, session, actor, hh) -> Markup | None:  # type: ignore[no-untyped-def]
    try:
        ctx = _toestemming_ctx(request, session, actor, hh.id)
    except (NotFound, NotAllowed):
        return None
    html = templates.get_template("plans/_toestemmingen.html").render(**ctx)
    return Markup(f'<section id="toestemmingen" class="card" aria-labelledby="kop-toestemmingen">{html}</section>')
