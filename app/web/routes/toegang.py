"""Toegang screens: werkvoorraad helpers, team queue, melding, the vraag page with every step, PDFs.

Routes are thin: parse the form into a schema, call one service in a savepoint, and on a
ValidationError re-render the vraag page with the messages at the fields of the form that was sent
(422). Invalid transitions surface as the app's 409 page with the Dutch reason. Forms are plain
POSTs (htmx boosts them), so everything works without JavaScript.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from app import clock
from app.domain.actor import Actor
from app.domain.codelists import service as codes
from app.domain.errors import NotAllowed, NotFound, ValidationError
from app.domain.households import service as households
from app.domain.households.models import Persoon
from app.domain.toegang import pdf, rules
from app.domain.toegang import schemas as s
from app.domain.toegang import service as svc
from app.domain.toegang.models import AANMELDERS, KANALEN
from app.domain.validation import parse
from app.web import dossier_sections
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, render, savepoint
from app.web.forms import checkbox, form_to_dict
from app.web.templating import templates

router = APIRouter()

KANAAL_LABELS = {"balie": "Balie", "telefoon": "Telefoon", "digitaal": "Digitaal", "huisbezoek": "Huisbezoek"}
AANMELDER_LABELS = {
    "zelf": "Inwoner zelf",
    "huisarts": "Huisarts",
    "school": "School",
    "wijkteam": "Wijkteam",
    "veilig_thuis": "Veilig Thuis",
    "jeugdarts": "Jeugdarts",
    "politie": "Politie",
    "overig": "Overig",
}
BESLUIT_LABELS = pdf.BESLUIT_LABELS
BESCHIKKING_STATUS = {
    "concept": "Concept",
    "ter_goedkeuring": "Wacht op goedkeuring",
    "definitief": "Definitief",
    "afgekeurd": "Afgekeurd",
}
VZ_STATUS = {
    "aangevraagd": "Aangevraagd",
    "toegekend": "Toegekend",
    "actief": "Actief",
    "beeindigd": "Beëindigd",
    "afgewezen": "Afgewezen",
}
DEADLINE_LABELS = {
    "ok": ("ok", "Op tijd"),
    "binnenkort": ("warn", "Binnen 5 werkdagen"),
    "verlopen": ("bad", "Verlopen"),
}
WETTEN = ["Wmo", "Jeugdwet", "Participatiewet", "Schuldhulp"]


def _redirect(request: Request, vraag_id: int, anchor: str = "") -> RedirectResponse:
    url = str(request.url_for("toegang_vraag", vraag_id=vraag_id)) + (f"#{anchor}" if anchor else "")
    return RedirectResponse(url, status_code=303)


def _options(session: Session) -> dict[str, Any]:
    return {
        "zrm_domeinen": codes.options(session, "zrm_domein"),
        "eenheden": codes.options(session, "eenheid"),
        "frequenties": codes.options(session, "frequentie"),
        "redenen_wijziging": codes.options(session, "reden_wijziging"),
        "redenen_beeindiging": codes.options(session, "reden_beeindiging"),
        "kanalen": [(k, KANAAL_LABELS[k]) for k in KANALEN],
        "aanmelders": [(a, AANMELDER_LABELS[a]) for a in AANMELDERS],
        "afsluitredenen": list(rules.AFSLUITREDENEN.items()),
        "wetten": [(w, w) for w in WETTEN],
        "besluiten": list(BESLUIT_LABELS.items()),
    }


def _labels() -> dict[str, Any]:
    return {
        "status_labels": {k.value: v for k, v in rules.STATUS_LABELS.items()},
        "deadline_labels": DEADLINE_LABELS,
        "beschikking_status": BESCHIKKING_STATUS,
        "vz_status": VZ_STATUS,
        "besluit_labels": BESLUIT_LABELS,
        "kanaal_labels": KANAAL_LABELS,
        "aanmelder_labels": AANMELDER_LABELS,
        "afsluitredenen_labels": rules.AFSLUITREDENEN,
        "stap_labels": svc_stap_labels(),
    }


def svc_stap_labels() -> dict[str, str]:
    from app.domain.toegang.deadlines import STAP_LABELS

    return STAP_LABELS


def _vraag_page(
    request: Request,
    session: Session,
    actor: Actor,
    vraag_id: int,
    *,
    form: str | None = None,
    errors: dict | None = None,
    v: dict | None = None,
    status: int = 200,
):  # type: ignore[no-untyped-def]
    d = svc.get_vraag(session, actor, vraag_id=vraag_id)
    aantal = int(request.query_params.get("voorzieningen", "1") or 1)
    if form == "beschikking" and v:
        aantal = max(aantal, len(v.get("voorzieningen") or []) or 1)
    concept = svc.verslag_concept(session, d.vraag) if d.verslag is None and d.gesprekken else ""
    ctx = {
        "title": f"Ondersteuningsvraag {d.huishouden.naam}",
        "nav_active": "home",
        "d": d,
        "form": form,
        "errors": errors or {},
        "v": v or {},
        "aantal_voorzieningen": min(max(aantal, 1), 5),
        "producten": svc.products_by_wet(session),
        "aanbieders": svc.aanbieders(session),
        "verslag_concept": concept,
        "today": clock.today(),
        "team_members": svc.team_members(session, actor),
        **_options(session),
        **_labels(),
    }
    return render(request, "toegang/vraag.html", ctx, status=status)


def _run(request: Request, session: Session, actor: Actor, vraag_id: int, form: str, v: dict, fn, anchor: str = ""):  # type: ignore[no-untyped-def]
    """Run one step; on bad input show the page again with the messages at this form's fields."""
    try:
        with savepoint(session):
            fn()
    except ValidationError as exc:
        return _vraag_page(request, session, actor, vraag_id, form=form, errors=exc.errors, v=v, status=422)
    return _redirect(request, vraag_id, anchor or form)


# ---- team queue --------------------------------------------------------------------------------------


@router.get("/teamwachtrij", name="teamqueue")
def teamqueue(request: Request, session: DbSession, actor: CurrentActor):
    return render(
        request,
        "toegang/teamqueue.html",
        {
            "title": "Teamwachtrij",
            "nav_active": "teamqueue",
            "rows": svc.team_queue(session, actor),
            "team_members": svc.team_members(session, actor),
            "may_claim": actor.heeft("toegangsmedewerker", "regisseur"),
            **_labels(),
        },
    )


@router.post("/vragen/{vraag_id}/oppakken", name="toegang_claim", dependencies=[CsrfChecked])
def claim(request: Request, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    svc.claim(session, actor, vraag_id=vraag_id)
    return _redirect(request, vraag_id)


@router.post("/vragen/{vraag_id}/toewijzen", name="toegang_assign", dependencies=[CsrfChecked])
def assign(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            data = parse(s.ToewijzenIn, v)
            svc.assign(session, actor, vraag_id=vraag_id, behandelaar_id=data.behandelaar_id)
    except ValidationError as exc:
        return render(
            request,
            "toegang/teamqueue.html",
            {
                "title": "Teamwachtrij",
                "nav_active": "teamqueue",
                "rows": svc.team_queue(session, actor),
                "team_members": svc.team_members(session, actor),
                "may_claim": actor.heeft("toegangsmedewerker", "regisseur"),
                "errors": exc.errors,
                "error_vraag": vraag_id,
                **_labels(),
            },
            status=422,
        )
    return RedirectResponse(request.url_for("teamqueue"), status_code=303)


# ---- melding ------------------------------------------------------------------------------------------


def _leden(session: Session, huishouden_id: int) -> list[tuple[int, str]]:
    return households.active_members(session, huishouden_id=huishouden_id)


def _melding_ctx(session: Session, hh, **extra) -> dict:  # type: ignore[no-untyped-def]
    return {
        "title": "Nieuwe melding",
        "nav_active": "home",
        "hh": hh,
        "leden": _leden(session, hh.id),
        **_options(session),
        **extra,
    }


@router.get("/huishoudens/{huishouden_id}/meldingen/nieuw", name="toegang_melding_form")
def melding_form(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    from app.domain import authz
    from app.domain.authz import Handeling

    hh = authz.get_household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    v = {"datum_melding": clock.today().isoformat(), "zelf_behandelen": True}
    return render(request, "toegang/melding.html", _melding_ctx(session, hh, errors={}, v=v))


@router.post(
    "/huishoudens/{huishouden_id}/meldingen/nieuw", name="toegang_melding_aanmaken", dependencies=[CsrfChecked]
)
def melding_create(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, huishouden_id: PathId
):
    from app.domain import authz
    from app.domain.authz import Handeling

    v = checkbox(form_to_dict(form_data), "spoed", "meervoudig", "zelf_behandelen")
    try:
        with savepoint(session):
            vraag = svc.register_melding(session, actor, huishouden_id=huishouden_id, data=parse(s.MeldingCreate, v))
    except ValidationError as exc:
        hh = authz.get_household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
        return render(request, "toegang/melding.html", _melding_ctx(session, hh, errors=exc.errors, v=v), status=422)
    if vraag.behandelaar_id is None:
        return RedirectResponse(request.url_for("teamqueue"), status_code=303)
    return _redirect(request, vraag.id)


# ---- the vraag page and its steps ---------------------------------------------------------------------


@router.get("/vragen/{vraag_id}", name="toegang_vraag")
def vraag(request: Request, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    return _vraag_page(request, session, actor, vraag_id)


def _gesprek_data(v: dict) -> dict:
    """Scores arrive as scores.<domein>.score / .eigen_woorden; blank scores mean 'not discussed'."""
    raw = v.get("scores") or {}
    v = checkbox(dict(v), "clientondersteuning_aangeboden", "mantelzorg_besproken")
    acc = v.get("clientondersteuning_geaccepteerd")
    v["clientondersteuning_geaccepteerd"] = {"ja": True, "nee": False}.get(acc) if acc else None
    v["scores"] = [
        {"domein": dom, "score": vals.get("score"), "eigen_woorden": vals.get("eigen_woorden")}
        for dom, vals in raw.items()
        if isinstance(vals, dict) and vals.get("score")
    ]
    return v


@router.post("/vragen/{vraag_id}/gesprek", name="toegang_gesprek", dependencies=[CsrfChecked])
def gesprek(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    raw = form_to_dict(form_data)
    data = _gesprek_data(raw)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "gesprek",
        raw,
        lambda: svc.record_gesprek(session, actor, vraag_id=vraag_id, data=parse(s.GesprekCreate, data)),
    )


@router.post("/vragen/{vraag_id}/termijn", name="toegang_termijn", dependencies=[CsrfChecked])
def termijn(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    v = form_to_dict(form_data)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "termijn",
        v,
        lambda: svc.add_termijnaanpassing(session, actor, vraag_id=vraag_id, data=parse(s.TermijnaanpassingCreate, v)),
    )


@router.post("/vragen/{vraag_id}/verslag", name="toegang_verslag", dependencies=[CsrfChecked])
def verslag(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    v = form_to_dict(form_data)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "verslag",
        v,
        lambda: svc.save_verslag(session, actor, vraag_id=vraag_id, data=parse(s.VerslagIn, v)),
    )


@router.post("/vragen/{vraag_id}/verslag/verzonden", name="toegang_verslag_verzonden", dependencies=[CsrfChecked])
def verslag_verzonden(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    v = form_to_dict(form_data)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "verzenden",
        v,
        lambda: svc.mark_verslag_sent(session, actor, vraag_id=vraag_id, data=parse(s.VerslagVerzendenIn, v)),
        "verslag",
    )


@router.post("/vragen/{vraag_id}/verslag/reactie", name="toegang_reactie", dependencies=[CsrfChecked])
def reactie(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    v = form_to_dict(form_data)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "reactie",
        v,
        lambda: svc.add_reactie(session, actor, vraag_id=vraag_id, data=parse(s.ReactieIn, v)),
        "verslag",
    )


@router.get("/vragen/{vraag_id}/verslag.pdf", name="toegang_verslag_pdf")
def verslag_pdf(request: Request, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    vraag_, hh, vs = svc.view_verslag(session, actor, vraag_id=vraag_id, export=True)
    aanvrager = _aanvrager(session, hh.id)
    body = pdf.verslag_pdf(vraag_, hh, aanvrager, vs)
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="verslag-{vraag_id}.pdf"'},
    )


def _aanvrager(session: Session, huishouden_id: int) -> Persoon | None:
    return households.aanvrager(session, huishouden_id=huishouden_id)


@router.post("/vragen/{vraag_id}/aanvraag", name="toegang_aanvraag", dependencies=[CsrfChecked])
def aanvraag(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    v = form_to_dict(form_data)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "aanvraag",
        v,
        lambda: svc.register_aanvraag(session, actor, vraag_id=vraag_id, data=parse(s.AanvraagCreate, v)),
    )


def _beschikking_data(v: dict) -> dict:
    rows = v.get("voorzieningen") or {}
    items = []
    for key in sorted(rows, key=lambda k: int(k) if str(k).isdigit() else 0):
        row = checkbox(dict(rows[key]), "pgb_bekwaamheid", "pgb_passend", "pgb_kwaliteit")
        if row.get("product_id") or len(rows) == 1:
            items.append(row)
    return {**v, "voorzieningen": items}


@router.post("/vragen/{vraag_id}/beschikking", name="toegang_beschikking", dependencies=[CsrfChecked])
def beschikking(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    raw = form_to_dict(form_data)
    data = _beschikking_data(raw)
    if raw.get("actie") == "meer":
        # Add a row to the form without saving anything (works without JavaScript).
        rows = [*data["voorzieningen"], {}]
        return _vraag_page(request, session, actor, vraag_id, form="beschikking", v={**raw, "voorzieningen": rows})
    view_v = {**raw, "voorzieningen": data["voorzieningen"]}
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "beschikking",
        view_v,
        lambda: svc.prepare_beschikking(session, actor, vraag_id=vraag_id, data=parse(s.BeschikkingCreate, data)),
    )


def _vraag_of_beschikking(session: Session, beschikking_id: int) -> int:
    from app.domain.toegang.models import Beschikking

    b = session.get(Beschikking, beschikking_id)
    if b is None:
        raise NotFound()
    return b.vraag_id


@router.post("/beschikkingen/{beschikking_id}/goedkeuren", name="toegang_goedkeuren", dependencies=[CsrfChecked])
def goedkeuren(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, beschikking_id: PathId):
    v = form_to_dict(form_data)
    vraag_id = _vraag_of_beschikking(session, beschikking_id)
    if v.get("besluit") == "afkeuren":
        return _run(
            request,
            session,
            actor,
            vraag_id,
            "goedkeuring",
            v,
            lambda: svc.reject_beschikking(session, actor, beschikking_id=beschikking_id, notitie=v.get("notitie")),
            "beschikkingen",
        )
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "goedkeuring",
        v,
        lambda: svc.approve_beschikking(session, actor, beschikking_id=beschikking_id, notitie=v.get("notitie")),
        "beschikkingen",
    )


@router.post("/beschikkingen/{beschikking_id}/definitief", name="toegang_definitief", dependencies=[CsrfChecked])
def definitief(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, beschikking_id: PathId):
    v = form_to_dict(form_data)
    vraag_id = _vraag_of_beschikking(session, beschikking_id)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        f"definitief-{beschikking_id}",
        v,
        lambda: svc.finalize_beschikking(session, actor, beschikking_id=beschikking_id, data=parse(s.DefinitiefIn, v)),
        "beschikkingen",
    )


@router.get("/beschikkingen/{beschikking_id}/brief.pdf", name="toegang_beschikking_pdf")
def beschikking_pdf(request: Request, session: DbSession, actor: CurrentActor, beschikking_id: PathId):
    b, hh, leden = svc.view_beschikking(session, actor, beschikking_id=beschikking_id, export=True)
    body = pdf.beschikking_pdf(b, hh, leden[0] if leden else None, clock.today())
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="beschikking-{b.nummer}.pdf"'},
    )


@router.post("/beschikkingen/{beschikking_id}/bezwaar", name="toegang_bezwaar", dependencies=[CsrfChecked])
def bezwaar(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, beschikking_id: PathId):
    v = form_to_dict(form_data)
    vraag_id = _vraag_of_beschikking(session, beschikking_id)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        f"bezwaar-{beschikking_id}",
        v,
        lambda: svc.register_bezwaar(session, actor, beschikking_id=beschikking_id, data=parse(s.BezwaarCreate, v)),
        "beschikkingen",
    )


@router.post("/bezwaren/{bezwaar_id}", name="toegang_bezwaar_bijwerken", dependencies=[CsrfChecked])
def bezwaar_bijwerken(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, bezwaar_id: PathId
):
    from app.domain.toegang.models import Bezwaar

    v = form_to_dict(form_data)
    bz = session.get(Bezwaar, bezwaar_id)
    if bz is None:
        raise NotFound()
    vraag_id = _vraag_of_beschikking(session, bz.beschikking_id)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        f"bezwaarupd-{bezwaar_id}",
        v,
        lambda: svc.update_bezwaar(session, actor, bezwaar_id=bezwaar_id, data=parse(s.BezwaarUpdate, v)),
        "beschikkingen",
    )


def _vraag_of_voorziening(session: Session, voorziening_id: int) -> int:
    from app.domain.toegang.models import Beschikking, Maatwerkvoorziening

    vz = session.get(Maatwerkvoorziening, voorziening_id)
    if vz is None:
        raise NotFound()
    b = session.get(Beschikking, vz.beschikking_id)
    assert b is not None
    return b.vraag_id


def _vz_route(step: str, schema: type, fn_name: str):  # type: ignore[no-untyped-def]
    def handler(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, voorziening_id: PathId):
        v = form_to_dict(form_data)
        vraag_id = _vraag_of_voorziening(session, voorziening_id)
        fn = getattr(svc, fn_name)
        return _run(
            request,
            session,
            actor,
            vraag_id,
            f"{step}-{voorziening_id}",
            v,
            lambda: fn(session, actor, voorziening_id=voorziening_id, data=parse(schema, v)),
            "beschikkingen",
        )

    return handler


# (path segment, step, form schema, service function, route name)
for _pad, _stap, _schema, _fn, _naam in (
    ("start", "start", s.StartZorgIn, "start_zorg", "toegang_start"),
    ("stop", "stop", s.StopZorgIn, "stop_zorg", "toegang_stop"),
    ("wijzigen", "wijzig", s.VoorzieningWijzigen, "wijzig_voorziening", "toegang_wijzigen"),
    ("beeindigen", "beeindig", s.VoorzieningBeeindigen, "beeindig_voorziening", "toegang_beeindigen"),
):
    router.add_api_route(
        f"/voorzieningen/{{voorziening_id}}/{_pad}",
        _vz_route(_stap, _schema, _fn),
        methods=["POST"],
        name=_naam,
        dependencies=[CsrfChecked],
    )


@router.post("/vragen/{vraag_id}/afsluiten", name="toegang_afsluiten", dependencies=[CsrfChecked])
def afsluiten(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, vraag_id: PathId):
    v = form_to_dict(form_data)
    return _run(
        request,
        session,
        actor,
        vraag_id,
        "afsluiten",
        v,
        lambda: svc.close_vraag(session, actor, vraag_id=vraag_id, data=parse(s.AfsluitenIn, v)),
    )


@router.get("/huishoudens/{huishouden_id}/chronologie", name="toegang_chronologie")
def chronologie(request: Request, session: DbSession, actor: CurrentActor, huishouden_id: PathId):
    from app.domain import authz
    from app.domain.authz import Handeling

    hh = authz.get_household(session, actor, huishouden_id, Handeling.LEZEN)
    items = svc.chronologie(session, actor, huishouden_id=huishouden_id)
    return render(
        request,
        "toegang/chronologie.html",
        {"title": f"Chronologie {hh.naam}", "hh": hh, "items": items},
        partial="toegang/_chronologie.html",
    )


# ---- dossier sections --------------------------------------------------------------------------------


@dossier_sections.register(20)
def _vragen_section(request, session, actor, hh):  # type: ignore[no-untyped-def]
    try:
        rows = svc.vragen_for_household(session, actor, huishouden_id=hh.id)
        from app.domain import authz
        from app.domain.authz import Handeling
        from app.domain.households.models import Huishouden

        model = session.get(Huishouden, hh.id)
        may_write = authz.decide(session, actor, model, Handeling.SCHRIJVEN).ok
    except (NotFound, NotAllowed):
        return None
    return Markup(
        templates.get_template("toegang/_dossier_vragen.html").render(
            request=request, rows=rows, hh=hh, may_write=may_write, csrf_token=request.state.csrf_token, **_labels()
        )
    )


@dossier_sections.register(90)
def _chronologie_section(request, session, actor, hh):  # type: ignore[no-untyped-def]
    try:
        items = svc.chronologie(session, actor, huishouden_id=hh.id, limit=15)
    except (NotFound, NotAllowed):
        return None
    return Markup(
        templates.get_template("toegang/_chronologie_section.html").render(
            request=request, items=items, hh=hh, csrf_token=request.state.csrf_token
        )
    )
