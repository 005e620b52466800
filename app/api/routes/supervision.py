"""Supervision API: audit search and chain check (auditors), jobs, approvals and reassignment (supervisors)."""

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query
from fastapi.responses import Response

from app.api.deps import ApiActor, PathId
from app.domain.supervision import approvals, audit_viewer, caseload, jobs, rechtmatigheid
from app.domain.supervision import schemas as s
from app.domain.validation import parse
from app.web.deps import DbSession

router = APIRouter(tags=["supervisie"])


@router.get("/audit/events", response_model=s.AuditPagina, name="api_audit_zoeken")
def audit_search(
    session: DbSession,
    actor: ApiActor,
    bsn: str | None = None,
    huishouden_id: int | None = None,
    gebruiker: str | None = None,
    actie: str | None = None,
    van: str | None = None,
    tot: str | None = None,
    pagina: Annotated[int, Query(ge=1)] = 1,
):
    raw = {
        k: v
        for k, v in {
            "bsn": bsn,
            "huishouden_id": huishouden_id,
            "gebruiker": gebruiker,
            "actie": actie,
            "van": van,
            "tot": tot,
        }.items()
        if v not in (None, "")
    }
    return audit_viewer.search(session, actor, opdracht=parse(s.AuditZoekopdracht, raw), pagina=pagina)


@router.post("/audit/keten", response_model=s.KetenResultaat, name="api_audit_keten")
def audit_chain(session: DbSession, actor: ApiActor):
    return audit_viewer.check_chain(session, actor)


@router.post("/jobs", response_model=s.JobRead, status_code=202, name="api_job_start")
def job_start(body: s.JobStart, session: DbSession, actor: ApiActor, background: BackgroundTasks):
    params = body.params
    if body.soort == "audit_export":
        params = parse(s.AuditZoekopdracht, params).criteria()
    else:  # rechtmatigheid and gmsd_export take a period and an optional gemeente
        p = rechtmatigheid.parse_periode(params)
        params = {"van": p.van.isoformat(), "tot": p.tot.isoformat(), "gemeente_id": p.gemeente_id}
    job = jobs.start_job(session, actor, soort=body.soort, params=params)
    jobs.schedule(background, job)
    return job


@router.get("/jobs/{job_id}", response_model=s.JobRead, name="api_job")
def job_get(job_id: PathId, session: DbSession, actor: ApiActor):
    return jobs.get_job(session, actor, job_id=job_id)


@router.get("/jobs/{job_id}/download", name="api_job_download", response_class=Response)
def job_download(job_id: PathId, session: DbSession, actor: ApiActor):
    job = jobs.download(session, actor, job_id=job_id)
    return Response(
        content=job.resultaat,
        media_type=job.mime or "application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{job.bestandsnaam or "rapport.csv"}"'},
    )


@router.get("/goedkeuringen", response_model=list[s.WachtendItem], name="api_goedkeuringen")
def approvals_list(session: DbSession, actor: ApiActor):
    return approvals.pending(session, actor)


@router.post("/goedkeuringen", status_code=204, name="api_goedkeuring_besluit")
def approvals_decide(body: s.Besluit, session: DbSession, actor: ApiActor):
    approvals.decide(session, actor, besluit=body)
    return Response(status_code=204)


@router.get("/caseload", response_model=list[s.CaseloadRegel], name="api_caseload")
def caseload_list(session: DbSession, actor: ApiActor):
    return caseload.caseloads(session, actor)


@router.post("/caseload/herverdelen", name="api_herverdelen")
def reassign(body: s.Herverdeling, session: DbSession, actor: ApiActor) -> dict[str, int]:
    return {"herverdeeld": caseload.reassign(session, actor, data=body)}
