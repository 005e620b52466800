"""Auditor screens: search the audit trail, export it, and verify the hash chain (DESIGN §8)."""

from urllib.parse import urlencode

from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import RedirectResponse, Response

from app.domain.audit.models import ACTIONS
from app.domain.errors import ValidationError
from app.domain.organisation.models import Rol
from app.domain.supervision import audit_viewer, jobs
from app.domain.supervision import schemas as s
from app.domain.validation import parse
from app.web.deps import CsrfChecked, CurrentActor, DbSession, RawForm, render, savepoint
from app.web.forms import form_to_dict

router = APIRouter()

CRITERIA = ("bsn", "huishouden_id", "gebruiker", "actie", "van", "tot")


def _page_ctx(**extra) -> dict:  # type: ignore[no-untyped-def]
    return {
        "title": "Audittrail",
        "nav_active": "audit_zoeken",
        "acties": [(a, a) for a in ACTIONS],
        "errors": {},
        "crit": {},
        "resultaat": None,
        "keten": None,
        **extra,
    }


@router.get("/audit", name="audit_zoeken")
def audit_zoeken(request: Request, session: DbSession, actor: CurrentActor):
    from app.domain import authz

    authz.require_role(actor, Rol.AUDITOR)
    crit = {k: v.strip() for k in CRITERIA if (v := request.query_params.get(k)) and v.strip()}
    try:
        pagina = max(1, int(request.query_params.get("pagina", "1")))
    except ValueError:
        pagina = 1
    resultaat, errors = None, {}
    if crit:
        try:
            with savepoint(session):
                resultaat = audit_viewer.search(
                    session, actor, opdracht=parse(s.AuditZoekopdracht, crit), pagina=pagina
                )
        except ValidationError as exc:
            errors = exc.errors
    query = urlencode(crit)
    ctx = _page_ctx(crit=crit, errors=errors, resultaat=resultaat, query=query)
    return render(request, "audit/search.html", ctx, status=422 if errors else 200, partial="audit/_results.html")


@router.post("/audit/export", name="audit_export", dependencies=[CsrfChecked])
def audit_export(
    request: Request, form_data: RawForm, session: DbSession, actor: CurrentActor, background: BackgroundTasks
):
    crit = {k: v for k, v in form_to_dict(form_data).items() if k in CRITERIA}
    try:
        with savepoint(session):
            opdracht = parse(s.AuditZoekopdracht, crit)
            n = audit_viewer.count(session, actor, opdracht=opdracht)
            if n <= audit_viewer.DIRECT_EXPORT_MAX:
                data = audit_viewer.export_csv(session, actor, opdracht=opdracht)
                return Response(
                    content=data,
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="audittrail.csv"'},
                )
            job = jobs.start_job(session, actor, soort="audit_export", params=opdracht.criteria())
    except ValidationError as exc:
        return render(request, "audit/search.html", _page_ctx(crit=crit, errors=exc.errors), status=422)
    jobs.schedule(background, job)
    return RedirectResponse(request.url_for("job_status", job_id=job.id), status_code=303)


@router.post("/audit/keten", name="audit_keten", dependencies=[CsrfChecked])
def audit_keten(request: Request, session: DbSession, actor: CurrentActor):
    keten = audit_viewer.check_chain(session, actor)
    return render(request, "audit/search.html", _page_ctx(keten=keten), partial="audit/_keten.html")
