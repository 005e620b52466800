"""Background job screens: the progress page (polled by HTMX every second) and the download."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.domain.supervision import jobs
from app.web.deps import CurrentActor, DbSession, PathId, render

router = APIRouter()


def _ctx(session, actor, job_id: int) -> dict:  # type: ignore[no-untyped-def]
    job = jobs.get_job(session, actor, job_id=job_id)
    return {"title": jobs.label(job.soort), "job": job, "label": jobs.label(job.soort)}


@router.get("/rapporten/{job_id}", name="job_status")
def job_status(request: Request, session: DbSession, actor: CurrentActor, job_id: PathId):
    return render(request, "jobs/status.html", _ctx(session, actor, job_id), partial="jobs/_status.html")


@router.get("/rapporten/{job_id}/download", name="job_download")
def job_download(request: Request, session: DbSession, actor: CurrentActor, job_id: PathId):
    job = jobs.download(session, actor, job_id=job_id)
    return Response(
        content=job.resultaat,
        media_type=job.mime or "application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{job.bestandsnaam or "rapport.csv"}"'},
    )
