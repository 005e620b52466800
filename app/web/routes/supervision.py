"""Supervisor and auditor screens: approvals, caseloads with bulk reassignment, rechtmatigheid report."""

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app import clock
from app.domain import authz
from app.domain.errors import Conflict, InvalidTransition, ValidationError
from app.domain.organisation import service as org
from app.domain.organisation.models import Rol
from app.domain.supervision import approvals, caseload, charts, indicators, jobs, rechtmatigheid
from app.domain.supervision import schemas as s
from app.domain.validation import parse
from app.web.deps import CsrfChecked, CurrentActor, DbSession, PathId, RawForm, is_htmx, render, savepoint
from app.web.forms import form_to_dict

router = APIRouter()


# ---- approvals -------------------------------------------------------------------------------------


def _approvals_page(request: Request, session, actor, *, errors=None, v=None, message=None, status=200):  # type: ignore[no-untyped-def]
    ctx = {
        "title": "Goedkeuringen",
        "nav_active": "goedkeuringen",
        "items": approvals.pending(session, actor),
        "errors": errors or {},
        "v": v or {},
        "message": message,
    }
    headers = {"HX-Trigger": "goedkeuring-besloten"} if message else None
    return render(
        request,
        "supervision/approvals.html",
        ctx,
        status=status,
        partial="supervision/_approvals.html",
        headers=headers,
    )


@router.get("/goedkeuringen", name="goedkeuringen")
def goedkeuringen(request: Request, session: DbSession, actor: CurrentActor):
    return _approvals_page(request, session, actor)


@router.post("/goedkeuringen", name="goedkeuring_besluit", dependencies=[CsrfChecked])
def goedkeuring_besluit(request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor):
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            approvals.decide(session, actor, besluit=parse(s.Besluit, v))
    except ValidationError as exc:
        errors = {f"{v.get('soort')}-{v.get('id')}": next(iter(exc.errors.values()))}
        return _approvals_page(request, session, actor, errors=errors, v=v, status=422)
    except (Conflict, InvalidTransition) as exc:
        errors = {f"{v.get('soort')}-{v.get('id')}": exc.message}
        return _approvals_page(request, session, actor, errors=errors, v=v, status=409)
    message = "Goedgekeurd." if v.get("besluit") == "goedkeuren" else "Afgewezen."
    if not is_htmx(request):
        return RedirectResponse(request.url_for("goedkeuringen").include_query_params(gedaan=v.get("besluit")), 303)
    return _approvals_page(request, session, actor, message=message)


# ---- caseload --------------------------------------------------------------------------------------


@router.get("/caseload", name="caseload")
def caseload_page(request: Request, session: DbSession, actor: CurrentActor):
    rows = caseload.caseloads(session, actor, today=clock.today())
    return render(
        request, "supervision/caseload.html", {"title": "Caseload team", "nav_active": "caseload", "rows": rows}
    )


def _person_page(request: Request, session, actor, gebruiker_id: int, *, errors=None, v=None, message=None, status=200):  # type: ignore[no-untyped-def]
    d = caseload.member_werkvoorraad(session, actor, gebruiker_id=gebruiker_id, today=clock.today())
    ctx = {
        "title": f"Werkvoorraad {d.gebruiker.naam}",
        "nav_active": "caseload",
        "d": d,
        "errors": errors or {},
        "v": v or {},
        "message": message,
    }
    return render(request, "supervision/person.html", ctx, status=status, partial="supervision/_person_work.html")


@router.get("/caseload/{gebruiker_id}", name="caseload_persoon")
def caseload_persoon(request: Request, session: DbSession, actor: CurrentActor, gebruiker_id: PathId):
    return _person_page(request, session, actor, gebruiker_id)


@router.post("/caseload/{gebruiker_id}/herverdelen", name="caseload_herverdelen", dependencies=[CsrfChecked])
def caseload_herverdelen(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, gebruiker_id: PathId
):
    form = form_data
    v = form_to_dict(form)
    items = []
    for raw in form.getlist("item"):
        soort, _, oid = str(raw).partition(":")
        items.append({"soort": soort, "id": oid})
    data = {"items": items, "naar_gebruiker_id": v.get("naar_gebruiker_id"), "reden": v.get("reden", "")}
    try:
        with savepoint(session):
            n = caseload.reassign(session, actor, data=parse(s.Herverdeling, data))
    except ValidationError as exc:
        errors = {
            ("reden" if k.startswith("reden") else "items" if k.startswith("items") else k): m
            for k, m in exc.errors.items()
        }
        return _person_page(request, session, actor, gebruiker_id, errors=errors, v=v, status=422)
    message = f"{n} item{'s' if n != 1 else ''} herverdeeld."
    if not is_htmx(request):
        return RedirectResponse(
            request.url_for("caseload_persoon", gebruiker_id=gebruiker_id).include_query_params(herverdeeld=n), 303
        )
    resp = _person_page(request, session, actor, gebruiker_id, message=message)
    resp.headers["HX-Trigger"] = "werk-herverdeeld"
    return resp


# ---- rechtmatigheid --------------------------------------------------------------------------------


def _gemeenten(session) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return org.gemeente_options(session)


@router.get("/rechtmatigheid", name="rechtmatigheid")
def rechtmatigheid_page(request: Request, session: DbSession, actor: CurrentActor, job: int | None = None):
    authz.require_role(actor, Rol.AUDITOR)
    vandaag = clock.today()
    rapport = None
    job_obj = None
    if job:
        job_obj = jobs.get_job(session, actor, job_id=job)
        if job_obj.soort == "rechtmatigheid" and job_obj.status == "done":
            rapport = job_obj.samenvatting
    ctx = {
        "title": "Rechtmatigheid",
        "nav_active": "rechtmatigheid",
        "gemeenten": _gemeenten(session),
        "v": {"van": vandaag.replace(month=1, day=1).isoformat(), "tot": vandaag.isoformat()},
        "errors": {},
        "rapport": rapport,
        "job": job_obj,
        "controles": rechtmatigheid.CONTROLES,
    }
    return render(request, "supervision/rechtmatigheid.html", ctx)


@router.post("/rechtmatigheid", name="rechtmatigheid_start", dependencies=[CsrfChecked])
def rechtmatigheid_start(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, background: BackgroundTasks
):
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            periode = rechtmatigheid.parse_periode(v)
            job = jobs.start_job(
                session,
                actor,
                soort="rechtmatigheid",
                params={
                    "van": periode.van.isoformat(),
                    "tot": periode.tot.isoformat(),
                    "gemeente_id": periode.gemeente_id,
                },
            )
    except ValidationError as exc:
        ctx = {
            "title": "Rechtmatigheid",
            "nav_active": "rechtmatigheid",
            "gemeenten": _gemeenten(session),
            "v": v,
            "errors": exc.errors,
            "rapport": None,
            "job": None,
            "controles": rechtmatigheid.CONTROLES,
        }
        return render(request, "supervision/rechtmatigheid.html", ctx, status=422)
    jobs.schedule(background, job)
    return RedirectResponse(request.url_for("job_status", job_id=job.id), status_code=303)


# ---- monitoring: the pseudonymised GMSD export ---------------------------------------------------


def _monitoring_ctx(session, actor, *, v=None, errors=None) -> dict:  # type: ignore[no-untyped-def]
    vandaag = clock.today()
    gemeenten = [(i, n) for i, n in _gemeenten(session) if actor.heeft(Rol.AUDITOR) or i in actor.gemeente_ids]
    return {
        "title": "Monitoring",
        "nav_active": "monitoring",
        "gemeenten": gemeenten,
        "v": v or {"van": vandaag.replace(month=1, day=1).isoformat(), "tot": vandaag.isoformat()},
        "errors": errors or {},
    }


@router.get("/monitoring", name="monitoring")
def monitoring_page(request: Request, session: DbSession, actor: CurrentActor):
    # The supervisor's dashboard (filters in the query string) with the GMSD export below it;
    # an auditor sees only the export.
    authz.require_role(actor, Rol.SUPERVISOR, Rol.AUDITOR)
    ctx = _monitoring_ctx(session, actor)
    q = dict(request.query_params)
    ctx.update(d=None, f=q, f_errors={})
    status = 200
    if actor.heeft(Rol.SUPERVISOR):
        try:
            flt = indicators.parse_filter(q, today=clock.today())
            ctx["d"] = indicators.dashboard(session, actor, **flt)
            # Drawing is the slow part (~0.3 s a chart): the page returns at once with the numbers and
            # each chart not drawn before loads after it (hx-trigger="load"), in parallel.
            ctx["charts"] = {i.key: charts.cached_svg(i) for i in ctx["d"].indicatoren}
        except ValidationError as exc:
            ctx["f_errors"], status = exc.errors, 422
    return render(
        request, "supervision/monitoring.html", ctx, status=status, partial="supervision/monitoring_dashboard.html"
    )


@router.get("/monitoring/{indicator}/grafiek", name="monitoring_grafiek")
def monitoring_chart(request: Request, session: DbSession, actor: CurrentActor, indicator: str):
    flt = indicators.parse_filter(dict(request.query_params), today=clock.today())
    ind = indicators.dashboard(session, actor, alleen=indicator, als_grafiek=True, **flt).indicatoren[0]
    return HTMLResponse(charts.bar_svg(ind))


@router.get("/monitoring/{indicator}.csv", name="monitoring_csv")
def monitoring_csv(request: Request, session: DbSession, actor: CurrentActor, indicator: str):
    flt = indicators.parse_filter(dict(request.query_params), today=clock.today())
    ind = indicators.dashboard(session, actor, alleen=indicator, **flt).indicatoren[0]
    naam = f"{ind.key}_{flt['van'].isoformat()}_{flt['tot'].isoformat()}.csv"
    return Response(
        ind.csv().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )


@router.post("/monitoring/gmsd", name="monitoring_gmsd", dependencies=[CsrfChecked])
def monitoring_gmsd(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, background: BackgroundTasks
):
    v = form_to_dict(form_data)
    try:
        with savepoint(session):
            p = rechtmatigheid.parse_periode(v)
            params = {"van": p.van.isoformat(), "tot": p.tot.isoformat(), "gemeente_id": p.gemeente_id}
            job = jobs.start_job(session, actor, soort="gmsd_export", params=params)
    except ValidationError as exc:
        ctx = _monitoring_ctx(session, actor, v=v, errors=exc.errors)
        return render(request, "supervision/monitoring.html", ctx, status=422)
    jobs.schedule(background, job)
    return RedirectResponse(request.url_for("job_status", job_id=job.id), status_code=303)
